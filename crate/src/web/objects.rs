//! Plain JavaScript objects to and from the crate's types, as JSON would have them (reports,
//! options, tooltips and tables: what the default part hands a page).

use super::errors::to_js;
use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

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
