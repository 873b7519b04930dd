//! A dataset handed between wasm instances as JavaScript typed arrays: a worker fetches and
//! parses (`loadParts`), or the optional part reads a chain or a hub's own document, and the
//! page's default part takes the parts into its own memory (`DatasetParts`) and shows them.
//! Each column is copied once out of the instance that read it and once into the page's.

use super::dataset::{load, load_bytes, load_spec, JsDataset};
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
    parts_object(data.inner)
}

/// Parses inputs handed over as bytes, as `loadBytes` does, into the dataset's parts: how a
/// page's default part takes a document only the optional part reads.
#[wasm_bindgen(js_name = loadBytesParts)]
pub fn load_bytes_parts(spec: JsValue) -> Result<JsValue, JsValue> {
    parts_object(load_bytes(spec)?.inner)
}

/// `data` as `{meta, columns}`, the parts' bytes copied out of this thread's memory.
pub(super) fn parts_object(data: Dataset) -> Result<JsValue, JsValue> {
    let parts = data.into_parts().map_err(|e| to_js(&e))?;
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

/// Parts taken into this thread's memory a column at a time (`new DatasetParts(meta)`,
/// `push(column)` for each column in `loadParts`' order, then `finish()`), so that the page
/// can give its event loop back between columns: a hub listing a million models is ~100 MB
/// to copy, one long task when taken whole.
#[wasm_bindgen(js_name = DatasetParts)]
pub struct JsParts {
    meta: Vec<u8>,
    columns: Vec<Column>,
}

#[wasm_bindgen(js_class = DatasetParts)]
impl JsParts {
    #[wasm_bindgen(constructor)]
    pub fn new(meta: &Uint8Array) -> JsParts {
        JsParts { meta: meta.to_vec(), columns: Vec::new() }
    }

    /// Copies the next column in.
    pub fn push(&mut self, column: &JsValue) -> Result<(), JsValue> {
        let column = if let Some(a) = column.dyn_ref::<Uint8Array>() {
            Column::U8(a.to_vec())
        } else if let Some(a) = column.dyn_ref::<Int32Array>() {
            Column::I32(a.to_vec())
        } else if let Some(a) = column.dyn_ref::<Uint32Array>() {
            Column::U32(a.to_vec())
        } else if let Some(a) = column.dyn_ref::<BigUint64Array>() {
            Column::U64(a.to_vec())
        } else if let Some(a) = column.dyn_ref::<Float64Array>() {
            Column::F64(a.to_vec())
        } else {
            let why = "the dataset handed over is damaged: a column of another type";
            return Err(to_js(&Error::Inputs(why.into())));
        };
        self.columns.push(column);
        Ok(())
    }

    /// The dataset of the columns pushed, or why they do not make one.
    pub fn finish(self) -> Result<JsDataset, JsValue> {
        let inner = Dataset::from_parts(Parts { meta: self.meta, columns: self.columns }).map_err(|e| to_js(&e))?;
        Ok(JsDataset::new(inner))
    }
}
