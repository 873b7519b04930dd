//! Plain JavaScript objects to and from the crate's types, as JSON would have them (reports,
//! options, tooltips and tables: what the default part hands a page).

use super::errors::{read_options, to_js};
use crate::error::Error;
use js_sys::{Array, Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

/// A plain JavaScript object (or array) of `value`, as JSON would have it, its keys in
/// alphabetical order.
///
/// `value` goes through a `serde_json::Value` first: the report's CSV export writes it through
/// one already, and every type serialised a second way, the report above all, would carry a
/// second copy of its serialising code (the report's alone is 15 KB of wasm).
pub fn to_object<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let value = serde_json::to_value(value).map_err(|e| to_js(&Error::Inputs(e.to_string())))?;
    Ok(to_js_value(&value))
}

/// `values` as a JavaScript array, each turned into JavaScript before the next is made (the
/// rows of [`crate::export::Rows`]).
pub fn values_array(values: impl Iterator<Item = serde_json::Result<Value>>) -> Result<JsValue, JsValue> {
    let array = Array::new();
    for value in values {
        array.push(&to_js_value(&value.map_err(|e| to_js(&Error::Inputs(e.to_string())))?));
    }
    Ok(array.into())
}

/// `value` as JavaScript has it; a number as a `Number`, which holds integers exactly up to
/// 2^53 (no count comes near).
fn to_js_value(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js_value).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = Object::new();
            for (key, value) in fields {
                // Setting a property on a new plain object cannot fail.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js_value(value));
            }
            object.into()
        }
    }
}

/// `value` read as a `T`; `undefined` and `null` are `T`'s default. `what` names it in the
/// error.
pub fn from_object<T: DeserializeOwned + Default>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    read_options(value, what)
}
