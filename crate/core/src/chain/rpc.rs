//! JSON-RPC 2.0 over HTTP, as much as the chain source needs: calls, one or batched in an
//! array, and their answers put back in the calls' order by id.

use serde_json::{json, Value};

/// One method call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub method: &'static str,
    pub params: Value,
}

/// An error the node answered with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeError {
    pub code: i64,
    pub message: String,
}

impl std::fmt::Display for NodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (code {})", self.message, self.code)
    }
}

/// The request body for `calls`: one object for one call, else a batch (an array), with
/// each call's index as its id.
pub fn body(calls: &[Call]) -> Vec<u8> {
    let request =
        |(id, call): (usize, &Call)| json!({"jsonrpc": "2.0", "id": id, "method": call.method, "params": call.params});
    let value = match calls {
        [one] => request((0, one)),
        many => Value::Array(many.iter().enumerate().map(request).collect()),
    };
    value.to_string().into_bytes()
}

/// Why a body holds no answers to the calls sent.
#[derive(Debug, PartialEq, Eq)]
pub enum Unanswered {
    /// A batch refused as a whole: the node takes one call a request.
    Batch(String),
    /// Anything else: not JSON-RPC, a call left out, an answer to a call not made.
    Broken(String),
}

/// The answers to `count` calls, in the calls' order; why there are none when the body is
/// not JSON-RPC, an answer is missing, or the node refused a batch.
pub fn answers(body: &[u8], count: usize) -> Result<Vec<Result<Value, NodeError>>, Unanswered> {
    let broken = |reason: String| Unanswered::Broken(reason);
    let value: Value = serde_json::from_slice(body).map_err(|e| broken(format!("the answer is not JSON-RPC: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        // A node that does not take batches answers a batch with one error object.
        object => vec![object],
    };
    let mut answers: Vec<Option<Result<Value, NodeError>>> = vec![None; count];
    for item in items {
        let error = item.get("error").filter(|e| !e.is_null()).map(|e| NodeError {
            code: e.get("code").and_then(Value::as_i64).unwrap_or(0),
            message: e.get("message").and_then(Value::as_str).unwrap_or("no message").to_owned(),
        });
        let id = item.get("id").and_then(Value::as_u64).map(|id| id as usize);
        match (id, error) {
            (Some(id), error) if id < count => {
                answers[id] = Some(match error {
                    Some(e) => Err(e),
                    None => Ok(item.get("result").cloned().unwrap_or(Value::Null)),
                })
            }
            (_, Some(e)) if count > 1 => return Err(Unanswered::Batch(format!("the node refused the batch: {e}"))),
            (_, Some(e)) => return Err(broken(format!("the node refused the request: {e}"))),
            _ => return Err(broken("the node answered a call that was not made".into())),
        }
    }
    let answers: Vec<_> = answers
        .into_iter()
        .map(|a| a.ok_or_else(|| broken("the node left a call unanswered".into())))
        .collect::<Result<_, _>>()?;
    // Some nodes answer each call of a batch with "invalid request" instead.
    let refused = |a: &Result<Value, NodeError>| matches!(a, Err(e) if e.code == INVALID_REQUEST);
    if count > 1 && answers.iter().all(refused) {
        let reason = answers.first().and_then(|a| a.as_ref().err()).map_or(String::new(), ToString::to_string);
        return Err(Unanswered::Batch(format!("the node refused each call of the batch: {reason}")));
    }
    Ok(answers)
}

/// JSON-RPC's "invalid request".
const INVALID_REQUEST: i64 = -32600;

/// A hex quantity (`"0x1b4"`) as a number.
pub fn quantity(value: &Value) -> Option<u64> {
    value.as_str()?.strip_prefix("0x").and_then(|hex| u64::from_str_radix(hex, 16).ok())
}

/// A number as a hex quantity.
pub fn hex(n: u64) -> Value {
    Value::String(format!("{n:#x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_matched_by_id_and_errors_kept_per_call() {
        let calls =
            [Call { method: "eth_chainId", params: json!([]) }, Call { method: "eth_blockNumber", params: json!([]) }];
        let sent: Value = serde_json::from_slice(&body(&calls)).unwrap();
        assert_eq!(sent[1]["method"], "eth_blockNumber");
        let got = answers(br#"[{"id":1,"result":"0x10"},{"id":0,"error":{"code":-32000,"message":"no"}}]"#, 2).unwrap();
        assert_eq!(got[0], Err(NodeError { code: -32000, message: "no".into() }));
        assert_eq!(quantity(got[1].as_ref().unwrap()), Some(16));
        let refused = |body: &[u8], count| match answers(body, count) {
            Err(Unanswered::Batch(reason)) => reason,
            other => panic!("not a refused batch: {other:?}"),
        };
        assert!(refused(br#"{"id":null,"error":{"code":-32600,"message":"batch not supported"}}"#, 2)
            .contains("batch not supported"));
        let each = br#"[{"id":0,"error":{"code":-32600,"message":"no batches"}},{"id":1,"error":{"code":-32600,"message":"no batches"}}]"#;
        assert!(refused(each, 2).contains("no batches"));
        let broken = |body: &[u8], count| match answers(body, count) {
            Err(Unanswered::Broken(reason)) => reason,
            other => panic!("not a broken answer: {other:?}"),
        };
        assert!(broken(br#"[{"id":0,"result":1}]"#, 2).contains("unanswered"));
        assert!(broken(br#"{"id":null,"error":{"code":-32000,"message":"down"}}"#, 1).contains("down"));
        assert!(broken(b"<html>", 1).contains("not JSON-RPC"));
        assert_eq!((hex(255), quantity(&json!("0xzz"))), (json!("0xff"), None));
    }
}
