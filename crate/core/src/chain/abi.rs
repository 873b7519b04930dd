//! OpenGradient's inference precompile events, with the exact signatures of the ABI in
//! its Python SDK (`opengradient/abi/InferencePrecompile.abi`, v1.1.4), decoded by alloy.
//! None of the parameters is indexed: everything is in the log's data.

use alloy_sol_types::{sol, SolEvent, SolEventInterface};

sol! {
    interface InferencePrecompile {
        struct Number { int128 value; int128 decimals; }
        struct MultiDimensionalNumberTensor { string name; Number[] values; uint32[] shape; }
        struct StringTensor { string name; string[] values; }
        struct JsonScalar { string name; string value; }
        struct ModelInput { MultiDimensionalNumberTensor[] numbers; StringTensor[] strings; }
        struct ModelOutput {
            MultiDimensionalNumberTensor[] numbers; StringTensor[] strings; JsonScalar[] jsons; bool is_simulation_result;
        }
        struct ModelInferenceRequest { uint8 mode; string modelCID; ModelInput input; }
        struct LLMCompletionRequest {
            uint8 mode; string modelCID; string prompt; uint32 max_tokens; string[] stop_sequence; uint32 temperature;
        }
        struct LLMCompletionResponse { string answer; }
        struct ToolCall { string id; string name; string arguments; }
        struct ChatMessage { string role; string content; string name; string tool_call_id; ToolCall[] tool_calls; }
        struct ToolDefinition { string description; string name; string parameters; }
        struct LLMChatRequest {
            uint8 mode; string modelCID; ChatMessage[] messages; ToolDefinition[] tools; string tool_choice;
            uint32 max_tokens; string[] stop_sequence; uint32 temperature;
        }
        struct LLMChatResponse { string finish_reason; ChatMessage message; }

        event ModelInferenceEvent(string inferenceID, ModelInferenceRequest request, ModelOutput response);
        event LLMCompletionEvent(string inferenceID, LLMCompletionRequest request, LLMCompletionResponse response);
        event LLMChat(string inferenceID, LLMChatRequest request, LLMChatResponse response);
    }
}

use InferencePrecompile::{InferencePrecompileEvents as Events, LLMChat, LLMCompletionEvent, ModelInferenceEvent};

/// The three events' signature hashes (topic 0), for `eth_getLogs`' filter.
pub const TOPICS: [alloy_primitives::B256; 3] =
    [ModelInferenceEvent::SIGNATURE_HASH, LLMCompletionEvent::SIGNATURE_HASH, LLMChat::SIGNATURE_HASH];

/// What one event says about one inference (docs/inputs.md#events's fields that the log carries; time
/// and caller come from the block and the transaction).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inference {
    pub model: String,
    /// `vanilla`, `tee`, `zkml`, or `other` for a number that neither enum has.
    pub mode: &'static str,
    pub mode_code: u8,
    /// `ml`, `llm_completion` or `llm_chat`.
    pub kind: &'static str,
    /// `max_tokens` for LLM calls.
    pub units: Option<u32>,
}

/// Decodes a log's topics and data, or says why it is not one of the three events.
pub fn decode(topics: &[alloy_primitives::B256], data: &[u8]) -> Result<Inference, String> {
    let event = Events::decode_raw_log(topics, data).map_err(|e| e.to_string())?;
    Ok(match event {
        Events::ModelInferenceEvent(e) => Inference {
            mode: match e.request.mode {
                0 => "vanilla",
                1 => "zkml",
                2 => "tee",
                _ => "other",
            },
            mode_code: e.request.mode,
            model: e.request.modelCID,
            kind: "ml",
            units: None,
        },
        Events::LLMCompletionEvent(e) => {
            llm(e.request.mode, e.request.modelCID, "llm_completion", e.request.max_tokens)
        }
        Events::LLMChat(e) => llm(e.request.mode, e.request.modelCID, "llm_chat", e.request.max_tokens),
    })
}

/// LLM calls have their own enum: 0 = vanilla, 1 = tee (docs/inputs.md#events; the SDK's
/// `LlmInferenceMode`, last defined in v0.4).
fn llm(mode: u8, model: String, kind: &'static str, max_tokens: u32) -> Inference {
    let name = match mode {
        0 => "vanilla",
        1 => "tee",
        _ => "other",
    };
    Inference { model, mode: name, mode_code: mode, kind, units: Some(max_tokens) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signatures_are_the_sdks() {
        assert_eq!(
            ModelInferenceEvent::SIGNATURE,
            "ModelInferenceEvent(string,(uint8,string,((string,(int128,int128)[],uint32[])[],(string,string[])[])),\
             ((string,(int128,int128)[],uint32[])[],(string,string[])[],(string,string)[],bool))"
        );
        assert_eq!(
            LLMCompletionEvent::SIGNATURE,
            "LLMCompletionEvent(string,(uint8,string,string,uint32,string[],uint32),(string))"
        );
        assert_eq!(
            LLMChat::SIGNATURE,
            "LLMChat(string,(uint8,string,(string,string,string,string,(string,string,string)[])[],(string,string,string)[],\
             string,uint32,string[],uint32),(string,(string,string,string,string,(string,string,string)[])))"
        );
    }

    #[test]
    fn an_encoded_completion_decodes_and_garbage_does_not() {
        let event = LLMCompletionEvent {
            inferenceID: "i-1".into(),
            request: InferencePrecompile::LLMCompletionRequest {
                mode: 1,
                modelCID: "meta-llama/Llama-3".into(),
                prompt: "hi".into(),
                max_tokens: 256,
                stop_sequence: vec![],
                temperature: 0,
            },
            response: InferencePrecompile::LLMCompletionResponse { answer: "hello".into() },
        };
        let log = event.encode_log_data();
        let decoded = decode(log.topics(), &log.data).unwrap();
        assert_eq!(
            decoded,
            Inference {
                model: "meta-llama/Llama-3".into(),
                mode: "tee",
                mode_code: 1,
                kind: "llm_completion",
                units: Some(256)
            }
        );
        assert!(decode(log.topics(), &log.data[..64]).is_err());
        assert!(decode(&[], &log.data).is_err());
    }
}
