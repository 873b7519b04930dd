//! Datasets for JavaScript: loaded from URLs (streamed, with progress) or from bytes the
//! page already has, and reported on as plain objects.

use super::errors::{read_options, to_js};
use super::fetch::{fetch_input, Fetch};
use super::pieces::Pieces;
use crate::dataset::{Dataset, Inputs};
use crate::element::{Credentials, LoadSpec};
use crate::error::Error;
use crate::input::{InputKind, Limits, Shape};
use crate::provenance::Origin;
use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, RequestCredentials};

/// A loaded dataset; `report(options)` computes the figures of any window.
#[wasm_bindgen(js_name = Dataset)]
pub struct JsDataset {
    pub(super) inner: Dataset,
    /// The report its charts share (the widgets of a page that show it).
    #[cfg(feature = "view")]
    pub(super) shared: crate::element::SharedReports,
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// Events stored, failed ones included.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.event_count()
    }

    /// Bytes the dataset holds: event columns, interned strings, tallies and listings.
    #[wasm_bindgen(getter, js_name = heapBytes)]
    pub fn heap_bytes(&self) -> usize {
        self.inner.heap_bytes()
    }
}

impl JsDataset {
    pub(super) fn new(inner: Dataset) -> JsDataset {
        JsDataset {
            inner,
            #[cfg(feature = "view")]
            shared: crate::element::SharedReports::default(),
        }
    }
}

/// Fetches and parses the inputs of `spec` (a [`LoadSpec`] of files), streaming, with
/// `onProgress({input, loaded, total, unit})`; `signal` aborts it (an element removed
/// while its data loads); `hasher()`, when given, makes a `{update(bytes), digest()}`
/// that computes an input's SHA-256 in another thread.
#[wasm_bindgen(js_name = loadUrls)]
pub async fn load_urls(
    spec: JsValue,
    on_progress: Option<Function>,
    signal: Option<AbortSignal>,
    hasher: Option<Function>,
) -> Result<JsDataset, JsValue> {
    let ways =
        Ways { on_progress: on_progress.as_ref(), signal: signal.as_ref(), hasher: hasher.as_ref(), pieces: None };
    load(&load_spec(spec)?, ways).await.map_err(|e| to_js(&e))
}

/// What a load may call on besides its spec: see [`Fetch`].
pub(super) struct Ways<'a> {
    pub on_progress: Option<&'a Function>,
    pub signal: Option<&'a AbortSignal>,
    pub hasher: Option<&'a Function>,
    pub pieces: Option<&'a Pieces>,
}

/// The load options a script passed, read as the element's `LoadSpec`.
pub(super) fn load_spec(spec: JsValue) -> Result<LoadSpec, JsValue> {
    read_options(spec, "load options")
}

/// Fetches and parses the inputs of `spec`.
pub(super) async fn load(spec: &LoadSpec, ways: Ways<'_>) -> Result<JsDataset, Error> {
    if spec.chain.is_some() {
        return Err(Error::Inputs("a chain is read with ChainScan, not loadUrls".into()));
    }
    let shape = spec.shape()?;
    let Ways { on_progress, signal, hasher, pieces } = ways;
    let how = Fetch { limits: spec.limits(), on_progress, signal, credentials: credentials(spec), hasher, pieces };
    let inputs = Inputs {
        events: spec.events.clone(),
        rollups: spec.rollups.clone(),
        snapshots: spec.snapshots.clone(),
        registry: spec.registry.clone(),
        shape,
        limits: spec.limits(),
        threads: 1,
    };
    let ((kind, url), registry) = inputs.split()?;
    let demand = fetch_input(&url, kind, &how, shape).await?;
    let registry = match registry {
        Some(url) => Some(fetch_input(&url, InputKind::Registry, &how, None).await?),
        None => None,
    };
    Ok(JsDataset::new(Dataset::assemble(demand, registry)?))
}

/// Whether requests carry cookies, as `spec` asks (`omit` unless it says).
fn credentials(spec: &LoadSpec) -> RequestCredentials {
    match spec.credentials.unwrap_or_default() {
        Credentials::Omit => RequestCredentials::Omit,
        Credentials::SameOrigin => RequestCredentials::SameOrigin,
        Credentials::Include => RequestCredentials::Include,
    }
}

/// A `Uint8Array` read like a file: the bytes go to the parser a chunk at a time, so the
/// wasm never holds a second copy of an input the page handed over.
struct JsBytes {
    array: Uint8Array,
    at: u32,
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let end = self.array.length().min(self.at.saturating_add(buf.len() as u32));
        let n = (end - self.at) as usize;
        self.array.subarray(self.at, end).copy_to(&mut buf[..n]);
        self.at = end;
        Ok(n)
    }
}

/// Parses inputs handed over as bytes (`{events | rollups | snapshots: {source, bytes},
/// registry?, format?, maxRows?, maxBytes?}`, `bytes` a `Uint8Array`): the JS API's
/// `load()` with bytes, text, or URLs it fetched itself.
#[wasm_bindgen(js_name = loadBytes)]
pub fn load_bytes(spec: JsValue) -> Result<JsDataset, JsValue> {
    let now = js_sys::Date::now() / 1000.0;
    let get = |name: &str| Reflect::get(&spec, &name.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let input = |name: &str| -> Result<Option<(Origin, JsBytes)>, JsValue> {
        let Some(value) = get(name) else { return Ok(None) };
        let source = Reflect::get(&value, &"source".into()).ok().and_then(|s| s.as_string());
        let array = Reflect::get(&value, &"bytes".into())
            .ok()
            .and_then(|b| b.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| to_js(&Error::Inputs(format!("load: {name} is not bytes"))))?;
        Ok(Some((Origin::at(source.unwrap_or_else(|| "bytes".into()), now as i64), JsBytes { array, at: 0 })))
    };
    let limit = |name: &str| get(name).and_then(|v| v.as_f64()).filter(|n| *n >= 1.0).map(|n| n as u64);
    let shape = get("format").and_then(|f| f.as_string()).as_deref().map(Shape::named).transpose();
    let inputs = Inputs {
        events: input("events")?,
        rollups: input("rollups")?,
        snapshots: input("snapshots")?,
        registry: input("registry")?,
        shape: shape.map_err(|e| to_js(&e))?,
        limits: Limits { max_rows: limit("maxRows"), max_bytes: limit("maxBytes") },
        threads: 1,
    };
    Dataset::read(inputs).map(JsDataset::new).map_err(|e| to_js(&e))
}
