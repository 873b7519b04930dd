//! A dataset handed between wasm instances as JavaScript typed arrays: a worker fetches and
//! parses (`loadParts`), or the optional part reads a chain or a hub's own document, and the
//! page's default part takes the parts into its own memory (`DatasetParts`) and shows them.
//! Each column is copied once out of the instance that read it and once into the page's.

use super::dataset::{load, load_bytes, load_spec, JsDataset, Ways};
use super::errors::to_js;
use super::pieces::Pieces;
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
/// `pieces`, when given, is a pool of parse workers (`{workers, parse(source, head, text)}`,
/// load-worker.js) among which a large body of events is parsed in pieces.
pub async fn load_parts(
    spec: JsValue,
    on_progress: Option<Function>,
    signal: Option<AbortSignal>,
    hasher: Option<Function>,
    pieces: Option<Object>,
) -> Result<JsValue, JsValue> {
    let pieces = pieces.as_ref().and_then(Pieces::from_js);
    let ways = Ways {
        on_progress: on_progress.as_ref(),
        signal: signal.as_ref(),
        hasher: hasher.as_ref(),
        pieces: pieces.as_ref(),
    };
    let data = load(&load_spec(spec)?, ways).await.map_err(|e| to_js(&e))?;
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
    let object = Object::new();
    Reflect::set(&object, &"meta".into(), &Uint8Array::from(&parts.meta[..]))?;
    Reflect::set(&object, &"columns".into(), &typed_arrays(&parts.columns))?;
    Ok(object.into())
}

/// Columns as typed arrays, copied out of this thread's memory.
pub(super) fn typed_arrays(columns: &[Column]) -> Array {
    let arrays = Array::new();
    for column in columns {
        arrays.push(&match column {
            Column::U8(v) => Uint8Array::from(&v[..]).into(),
            Column::I32(v) => Int32Array::from(&v[..]).into(),
            Column::U32(v) => Uint32Array::from(&v[..]).into(),
            Column::U64(v) => BigUint64Array::from(&v[..]).into(),
            Column::F64(v) => Float64Array::from(&v[..]).into(),
        });
    }
    arrays
}

/// The column of a typed array of [`typed_arrays`], copied into this thread's memory;
/// `None` for any other value.
pub(super) fn column_of(array: &JsValue) -> Option<Column> {
    Some(if let Some(a) = array.dyn_ref::<Uint8Array>() {
        Column::U8(a.to_vec())
    } else if let Some(a) = array.dyn_ref::<Int32Array>() {
        Column::I32(a.to_vec())
    } else if let Some(a) = array.dyn_ref::<Uint32Array>() {
        Column::U32(a.to_vec())
    } else if let Some(a) = array.dyn_ref::<BigUint64Array>() {
        Column::U64(a.to_vec())
    } else {
        Column::F64(array.dyn_ref::<Float64Array>()?.to_vec())
    })
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
        let why = "the dataset handed over is damaged: a column of another type";
        self.columns.push(column_of(column).ok_or_else(|| to_js(&Error::Inputs(why.into())))?);
        Ok(())
    }

    /// The dataset of the columns pushed, or why they do not make one.
    pub fn finish(self) -> Result<JsDataset, JsValue> {
        let inner = Dataset::from_parts(Parts { meta: self.meta, columns: self.columns }).map_err(|e| to_js(&e))?;
        Ok(JsDataset::new(inner))
    }
}
