//! Errors as JavaScript sees them: an `Error` whose message says what, where and why, and
//! which carries its `kind` (and whether it is `transient`, and an HTTP `status`), so the
//! element decides about retries from the error itself, never from its words.

use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
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

/// The message of a JavaScript error value.
pub fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// A plain JavaScript object (or array) of `value`, as JSON would have it.
pub fn to_object<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js(&Error::Inputs(e.to_string())))
}

/// `value` read as a `T`; `undefined` and `null` are `T`'s default. `what` names it in the
/// error.
pub fn from_object<T: DeserializeOwned + Default>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| to_js(&Error::Inputs(format!("{what}: {e}"))))
}
