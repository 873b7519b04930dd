//! Errors as JavaScript sees them: an `Error` whose message says what, where and why, and
//! which carries its `kind` (and whether it is `transient`, and an HTTP `status`), so the
//! element decides about retries from the error itself, never from its words.

use crate::error::Error;
use wasm_bindgen::{JsCast, JsValue};

/// `error` as a JavaScript `Error` with `kind`, `transient` and, for HTTP, `status`.
pub fn to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js, &key.into(), &value);
    };
    set("kind", error.kind().into());
    set("transient", error.is_transient().into());
    if let Error::Http { status, retry_after, .. } = error {
        set("status", (*status).into());
        if let Some(seconds) = retry_after {
            set("retryAfter", (*seconds).into());
        }
    }
    js.into()
}

/// Options a script passed that do not read as they should: `what` they are and why, in
/// serde-wasm-bindgen's words (its error is a JavaScript `Error`: its message, without the
/// "Error: " that its text would add).
pub fn unreadable(what: &str, error: serde_wasm_bindgen::Error) -> JsValue {
    to_js(&Error::Inputs(format!("{what}: {}", js_message(&error.into()))))
}

/// The message of a JavaScript error value.
pub fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}
