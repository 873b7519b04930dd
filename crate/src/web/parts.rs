//! A dataset handed between threads as JavaScript typed arrays: a worker fetches and parses
//! (`loadParts`), the page takes the parts into its own memory (`Dataset.fromParts`) and
//! shows them. Each column is copied once out of the worker's wasm and once into the page's.

use super::dataset::{load, load_spec, JsDataset};
use super::errors::to_js;
use crate::dataset::{Dataset, Parts};
use crate::error::Error;
use crate::store::Column;
use js_sys::{Array, BigUint64Array, Float64Array, Function, Int32Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// Loads `spec` as `loadUrls` does and resolves to the dataset's parts: `{meta, columns}`, a
/// `Uint8Array` and an array of typed arrays, whose buffers the caller may transfer.
#[wasm_bindgen(js_name = loadParts)]
pub async fn load_parts(
    spec: JsValue,
    on_progress: Option<Function>,
    signal: Option<AbortSignal>,
    hasher: Option<Function>,
) -> Result<JsValue, JsValue> {
    let data =
        load(&load_spec(spec)?, on_progress.as_ref(), signal.as_ref(), hasher.as_ref()).await.map_err(|e| to_js(&e))?;
    let parts = data.inner.into_parts().map_err(|e| to_js(&e))?;
    let columns = Array::new();
    for column in &parts.columns {
        columns.push(&match column {
            Column::U8(v) => Uint8Array::from(&v[..]).into(),
            Column::I32(v) => Int32Array::from(&v[..]).into(),
            Column::U32(v) => Uint32Array::from(&v[..]).into(),
            Column::U64(v) => BigUint64Array::from(&v[..]).into(),
            Column::F64(v) => Float64Array::from(&v[..]).into(),
        });
    }
    let object = Object::new();
    Reflect::set(&object, &"meta".into(), &Uint8Array::from(&parts.meta[..]))?;
    Reflect::set(&object, &"columns".into(), &columns)?;
    Ok(object.into())
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// The dataset of parts from `loadParts` (possibly made in another thread).
    #[wasm_bindgen(js_name = fromParts)]
    pub fn from_parts(meta: &Uint8Array, columns: &Array) -> Result<JsDataset, JsValue> {
        let damaged = || to_js(&Error::Inputs("the dataset handed over is damaged: a column of another type".into()));
        let columns = columns
            .iter()
            .map(|c| {
                if let Some(a) = c.dyn_ref::<Uint8Array>() {
                    Ok(Column::U8(a.to_vec()))
                } else if let Some(a) = c.dyn_ref::<Int32Array>() {
                    Ok(Column::I32(a.to_vec()))
                } else if let Some(a) = c.dyn_ref::<Uint32Array>() {
                    Ok(Column::U32(a.to_vec()))
                } else if let Some(a) = c.dyn_ref::<BigUint64Array>() {
                    Ok(Column::U64(a.to_vec()))
                } else if let Some(a) = c.dyn_ref::<Float64Array>() {
                    Ok(Column::F64(a.to_vec()))
                } else {
                    Err(damaged())
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        let inner = Dataset::from_parts(Parts { meta: meta.to_vec(), columns }).map_err(|e| to_js(&e))?;
        Ok(JsDataset { inner })
    }
}
