//! Errors as JavaScript sees them: an `Error` whose message says what, where and why, and
//! which carries its `kind` (and whether it is `transient`, and an HTTP `status`), so the
//! element decides about retries from the error itself, never from its words.

use crate::error::Error;
use js_sys::{Object, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// `error` as a JavaScript `Error` with `kind`, `transient` and, for HTTP, `status`, and the
/// `source` and `statusText` the element says the error with in the reader's language.
pub fn to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js, &key.into(), &value);
    };
    set("kind", error.kind().into());
    set("transient", error.is_transient().into());
    if let Error::Http { source, status, status_text, retry_after } = error {
        set("source", source.into());
        set("statusText", status_text.into());
        set("status", (*status).into());
        if let Some(seconds) = retry_after {
            set("retryAfter", (*seconds).into());
        }
    }
    js.into()
}

/// Options a script passed (`what` they are) read as a `T`; when they do not read, an error
/// that says why in serde-wasm-bindgen's words (its message, without the "Error: " its text
/// would add) and names the option at fault, which those words do not ("invalid type: string
/// \"lots\", expected u64"): the first key whose value alone does not read.
pub fn read_options<T: DeserializeOwned>(given: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(given.clone())
        .map_err(|error| unreadable(what, &given, error, &|one| serde_wasm_bindgen::from_value::<T>(one).is_err()))
}

/// The error of options `given` that do not read, naming the first key whose value alone
/// `fails` to (compiled once, not for each type of options).
fn unreadable(
    what: &str,
    given: &JsValue,
    error: serde_wasm_bindgen::Error,
    fails: &dyn Fn(JsValue) -> bool,
) -> JsValue {
    let error = js_message(&error.into());
    let fails_alone = |key: &JsValue| {
        let one = Object::new();
        let _ = Reflect::set(&one, key, &Reflect::get(given, key).unwrap_or_default());
        fails(one.into())
    };
    let at_fault = given.dyn_ref::<Object>().and_then(|given| Object::keys(given).iter().find(fails_alone));
    // Some messages name it already: "credentials is …", "unknown field `colour`".
    let said = |key: &str| error.starts_with(key) || error.split('`').any(|word| word == key);
    to_js(&Error::Inputs(match at_fault.and_then(|key| key.as_string()) {
        Some(key) if !said(&key) => format!("{what}: {key}: {error}"),
        _ => format!("{what}: {error}"),
    }))
}

/// The message of a JavaScript error value.
pub fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}
