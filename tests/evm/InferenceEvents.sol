// SPDX-License-Identifier: MIT
// Emits OpenGradient's inference precompile events with exactly the signatures of its SDK's
// ABI (opengradient 1.1.4, InferencePrecompile.abi), so that hubpulse's chain source can be
// tested against a real node. The tests put this code at the precompile's address.
pragma solidity ^0.8.20;

contract InferenceEvents {
    struct Number { int128 value; int128 decimals; }
    struct MultiDimensionalNumberTensor { string name; Number[] values; uint32[] shape; }
    struct StringTensor { string name; string[] values; }
    struct JsonScalar { string name; string value; }
    struct ModelInput { MultiDimensionalNumberTensor[] numbers; StringTensor[] strings; }
    struct ModelOutput { MultiDimensionalNumberTensor[] numbers; StringTensor[] strings; JsonScalar[] jsons; bool is_simulation_result; }
    struct ModelInferenceRequest { uint8 mode; string modelCID; ModelInput input; }
    struct LLMCompletionRequest { uint8 mode; string modelCID; string prompt; uint32 max_tokens; string[] stop_sequence; uint32 temperature; }
    struct LLMCompletionResponse { string answer; }
    struct ToolCall { string id; string name; string arguments; }
    struct ChatMessage { string role; string content; string name; string tool_call_id; ToolCall[] tool_calls; }
    struct ToolDefinition { string description; string name; string parameters; }
    struct LLMChatRequest { uint8 mode; string modelCID; ChatMessage[] messages; ToolDefinition[] tools; string tool_choice; uint32 max_tokens; string[] stop_sequence; uint32 temperature; }
    struct LLMChatResponse { string finish_reason; ChatMessage message; }

    event ModelInferenceEvent(string inferenceID, ModelInferenceRequest request, ModelOutput response);
    event LLMCompletionEvent(string inferenceID, LLMCompletionRequest request, LLMCompletionResponse response);
    event LLMChat(string inferenceID, LLMChatRequest request, LLMChatResponse response);

    function modelInference(string calldata id, uint8 mode, string calldata model) external {
        ModelInput memory input;
        input.numbers = new MultiDimensionalNumberTensor[](1);
        input.numbers[0].name = "x";
        input.numbers[0].values = new Number[](1);
        input.numbers[0].values[0] = Number(42, 1);
        input.numbers[0].shape = new uint32[](1);
        input.numbers[0].shape[0] = 1;
        ModelOutput memory output;
        output.strings = new StringTensor[](1);
        output.strings[0].name = "label";
        output.strings[0].values = new string[](1);
        output.strings[0].values[0] = "ok";
        emit ModelInferenceEvent(id, ModelInferenceRequest(mode, model, input), output);
    }

    function completion(string calldata id, uint8 mode, string calldata model, uint32 maxTokens) external {
        string[] memory stop = new string[](1);
        stop[0] = "\n";
        emit LLMCompletionEvent(id, LLMCompletionRequest(mode, model, "Say hi", maxTokens, stop, 0), LLMCompletionResponse("hi"));
    }

    function chat(string calldata id, uint8 mode, string calldata model, uint32 maxTokens) external {
        LLMChatRequest memory request;
        request.mode = mode;
        request.modelCID = model;
        request.messages = new ChatMessage[](1);
        request.messages[0].role = "user";
        request.messages[0].content = "hello";
        request.max_tokens = maxTokens;
        LLMChatResponse memory response;
        response.finish_reason = "stop";
        response.message.role = "assistant";
        response.message.content = "hi";
        emit LLMChat(id, request, response);
    }

    /// A log with LLMCompletionEvent's topic but data that is not its encoding: a node or
    /// contract that emits something else under the same name.
    function garbage() external {
        bytes32 topic = keccak256("LLMCompletionEvent(string,(uint8,string,string,uint32,string[],uint32),(string))");
        assembly {
            mstore(0, 0x1234)
            log1(0, 32, topic)
        }
    }
}
