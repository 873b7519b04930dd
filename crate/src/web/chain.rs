//! The chain source in the browser (the optional part): a scan kept between refreshes, so
//! that a refresh reads only the blocks added since, driven by `fetch` POSTs to the node.

use super::errors::to_js;
use super::fetch::{self, fetch_input};
use super::parts::parts_object;
use crate::chain::{Request, Scan, ScanConfig};
use crate::dataset::Dataset;
use crate::element::LoadSpec;
use crate::error::Error;
use crate::input::InputKind;
use crate::provenance::Origin;
use js_sys::Function;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, RequestCredentials};

/// A chain scan that lives as long as the widgets showing it.
#[wasm_bindgen(js_name = ChainScan)]
pub struct JsChainScan {
    /// `None` while an update runs, so that a second one at the same time is an error.
    scan: Rc<RefCell<Option<Scan>>>,
    spec: Rc<LoadSpec>,
}

#[wasm_bindgen(js_class = ChainScan)]
impl JsChainScan {
    /// A scan of the chain that `spec` (a load spec with `chain`) names.
    #[wasm_bindgen(constructor)]
    pub fn new(spec: JsValue) -> Result<JsChainScan, JsValue> {
        let spec: LoadSpec =
            serde_wasm_bindgen::from_value(spec).map_err(|e| to_js(&Error::Inputs(format!("chain source: {e}"))))?;
        let chain = spec.chain.as_ref().ok_or_else(|| to_js(&Error::Inputs("no chain to read".into())))?;
        let config = ScanConfig::new(chain.rpc.clone(), chain.from_block, chain.to_block, chain.address.as_deref())
            .map_err(|e| to_js(&e))?;
        Ok(JsChainScan { scan: Rc::new(RefCell::new(Some(Scan::new(config)))), spec: Rc::new(spec) })
    }

    /// Reads the blocks not read yet (all of them the first time) with
    /// `onProgress({input: "chain", loaded, total, unit: "blocks"})`, and resolves to the
    /// parts (`{meta, columns}`, as `loadParts` gives them) of the dataset of every event
    /// read so far: the chain is read by the optional part, the page's default part shows it.
    pub fn update(&self, on_progress: Option<Function>, signal: Option<AbortSignal>) -> js_sys::Promise {
        let (cell, spec) = (self.scan.clone(), self.spec.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let busy = Error::Inputs("this chain source is already being read".into());
            let mut scan = cell.borrow_mut().take().ok_or_else(|| to_js(&busy))?;
            let result = update(&mut scan, &spec, on_progress.as_ref(), signal.as_ref()).await;
            *cell.borrow_mut() = Some(scan);
            match result {
                Ok(inner) => parts_object(inner),
                Err(e) => Err(to_js(&e)),
            }
        })
    }
}

async fn update(
    scan: &mut Scan,
    spec: &LoadSpec,
    on_progress: Option<&Function>,
    signal: Option<&AbortSignal>,
) -> Result<Dataset, Error> {
    let rpc = spec.chain.as_ref().map_or("", |c| c.rpc.as_str());
    scan.refresh();
    while let Some(request) = scan.request() {
        let answer = post(rpc, &request, signal).await?;
        scan.respond(&answer)?;
        if let (Some(callback), (done, total)) = (on_progress, scan.progress()) {
            fetch::report_progress(callback, "chain", done, total.map(|t| t as f64), "blocks");
        }
    }
    let how = fetch::Fetch {
        limits: spec.limits(),
        on_progress,
        signal,
        credentials: RequestCredentials::Omit,
        hasher: None,
        pieces: None,
    };
    let registry = match &spec.registry {
        Some(url) => Some(fetch_input(url, InputKind::Registry, &how, None).await?),
        None => None,
    };
    let origin = Origin::at(rpc, (js_sys::Date::now() / 1000.0) as i64);
    Dataset::from_chain(scan, origin, registry, spec.limits())
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
            retry_after: response.headers().get("retry-after").and_then(|v| v.trim().parse().ok()),
        });
    }
    response.binary().await.map_err(|e| network(e.to_string()))
}
