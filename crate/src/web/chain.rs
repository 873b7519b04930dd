//! The chain source in the browser: a scan kept between refreshes, so that a refresh reads
//! only the blocks added since, driven by `fetch` POSTs to the node.

use super::{fetch, js_error, JsDataset};
use crate::chain::{self, Request, Scan, ScanConfig};
use crate::dataset::Origin;
use crate::error::Error;
use crate::input::Limits;
use crate::store::Registry;
use crate::Dataset;
use js_sys::Function;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, RequestCredentials};

/// What to read: `{rpc, fromBlock, toBlock?, address?, registry?, maxRows?, maxBytes?}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ChainSpec {
    rpc: String,
    from_block: u64,
    to_block: Option<u64>,
    address: Option<String>,
    registry: Option<String>,
    max_rows: Option<u64>,
    max_bytes: Option<u64>,
}

/// A chain scan that lives as long as the widgets showing it.
#[wasm_bindgen(js_name = ChainScan)]
pub struct JsChainScan {
    /// `None` while an update runs, so that a second one at the same time is an error.
    scan: Rc<RefCell<Option<Scan>>>,
    spec: Rc<ChainSpec>,
}

#[wasm_bindgen(js_class = ChainScan)]
impl JsChainScan {
    #[wasm_bindgen(constructor)]
    pub fn new(spec: JsValue) -> Result<JsChainScan, JsError> {
        let spec: ChainSpec =
            serde_wasm_bindgen::from_value(spec).map_err(|e| js_error(format!("chain source: {e}")))?;
        let config = ScanConfig::new(spec.rpc.clone(), spec.from_block, spec.to_block, spec.address.as_deref())
            .map_err(js_error)?;
        Ok(JsChainScan { scan: Rc::new(RefCell::new(Some(Scan::new(config)))), spec: Rc::new(spec) })
    }

    /// Reads the blocks not read yet (all of them the first time) with
    /// `onProgress({input: "chain", loaded, total, unit: "blocks"})`, and resolves to the
    /// dataset of every event read so far.
    pub fn update(&self, on_progress: Option<Function>, signal: Option<AbortSignal>) -> js_sys::Promise {
        let (cell, spec) = (self.scan.clone(), self.spec.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let busy = || JsValue::from(js_error("this chain source is already being read"));
            let mut scan = cell.borrow_mut().take().ok_or_else(busy)?;
            let result = update(&mut scan, &spec, on_progress.as_ref(), signal.as_ref()).await;
            *cell.borrow_mut() = Some(scan);
            match result {
                Ok(inner) => Ok(JsDataset { inner }.into()),
                Err(e) => Err(js_error(e).into()),
            }
        })
    }
}

async fn update(
    scan: &mut Scan,
    spec: &ChainSpec,
    on_progress: Option<&Function>,
    signal: Option<&AbortSignal>,
) -> Result<Dataset, Error> {
    scan.refresh();
    while let Some(request) = scan.request() {
        let answer = post(&spec.rpc, &request, signal).await?;
        scan.respond(&answer)?;
        if let (Some(callback), (done, total)) = (on_progress, scan.progress()) {
            fetch::report_progress(callback, "chain", done, total.map(|t| t as f64), "blocks");
        }
    }
    let limits = Limits { max_rows: spec.max_rows, max_bytes: spec.max_bytes };
    let registry = match &spec.registry {
        Some(url) => {
            let how = fetch::Fetch { limits, on_progress, signal, credentials: RequestCredentials::Omit, hasher: None };
            Some(fetch::fetch_into(url, "registry", Registry::default(), &how, None).await?)
        }
        None => None,
    };
    let fetched_at = String::from(js_sys::Date::new_0().to_iso_string());
    chain::dataset(scan, Origin { source: spec.rpc.clone(), fetched_at }, registry, limits)
}

/// POSTs one JSON-RPC request; the node's answer, or why there is none.
async fn post(url: &str, request: &Request, signal: Option<&AbortSignal>) -> Result<Vec<u8>, Error> {
    let network =
        |reason: String| Error::Network { source: url.to_owned(), reason: format!("{}: {reason}", request.what) };
    let body = JsValue::from_str(&String::from_utf8_lossy(&request.body));
    let response = gloo::net::http::Request::post(url)
        .abort_signal(signal)
        .credentials(RequestCredentials::Omit)
        .header("content-type", "application/json")
        .body(body)
        .map_err(|e| network(e.to_string()))?
        .send()
        .await
        .map_err(|e| network(e.to_string()))?;
    if !response.ok() {
        return Err(Error::Http {
            source: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    response.binary().await.map_err(|e| network(e.to_string()))
}
