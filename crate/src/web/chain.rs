//! The chain source in the browser (the optional part): a scan kept between refreshes, so
//! that a refresh reads only the blocks added since, driven by `fetch` POSTs to the node,
//! and what it read kept in the browser's storage by the page's `store`, so that a return
//! visit does the same.

use super::errors::{read_options, to_js};
use super::fetch::{self, fetch_input};
use super::parts::parts_object;
use crate::chain::{Request, Scan, ScanConfig, Step};
use crate::dataset::Dataset;
use crate::element::LoadSpec;
use crate::error::Error;
use crate::input::InputKind;
use crate::provenance::Origin;
use js_sys::{Function, Promise, Reflect, Uint8Array};
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
    store: Rc<Option<JsValue>>,
}

#[wasm_bindgen(js_class = ChainScan)]
impl JsChainScan {
    /// A scan of the chain that `spec` (a load spec with `chain`) names; with `store`
    /// (`{get(key), put(key, bytes)}`, each a promise), what it reads is kept there and a
    /// later scan of the same chain, contract and blocks reads only what was added since.
    #[wasm_bindgen(constructor)]
    pub fn new(spec: JsValue, store: JsValue) -> Result<JsChainScan, JsValue> {
        let spec: LoadSpec = read_options(spec, "chain source")?;
        let chain = spec.chain.as_ref().ok_or_else(|| to_js(&Error::Inputs("no chain to read".into())))?;
        let mut config = ScanConfig::new(chain.rpc.clone(), chain.from_block, chain.to_block, chain.address.as_deref())
            .map_err(|e| to_js(&e))?;
        config.reorg_depth = chain.reorg_depth.unwrap_or(config.reorg_depth);
        let store = (!store.is_undefined() && !store.is_null()).then_some(store);
        config.cached = store.is_some();
        let scan = Rc::new(RefCell::new(Some(Scan::new(config))));
        Ok(JsChainScan { scan, spec: Rc::new(spec), store: Rc::new(store) })
    }

    /// Reads the blocks not read yet (all of them the first time) with
    /// `onProgress({input: "chain", loaded, total, unit: "blocks"})`, and resolves to the
    /// parts (`{meta, columns}`, as `loadParts` gives them) of the dataset of every event
    /// read so far: the chain is read by the optional part, the page's default part shows it.
    pub fn update(&self, on_progress: Option<Function>, signal: Option<AbortSignal>) -> js_sys::Promise {
        let (cell, spec, store) = (self.scan.clone(), self.spec.clone(), self.store.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let busy = Error::Inputs("this chain source is already being read".into());
            let mut scan = cell.borrow_mut().take().ok_or_else(|| to_js(&busy))?;
            let result = update(&mut scan, &spec, (*store).as_ref(), on_progress.as_ref(), signal.as_ref()).await;
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
    store: Option<&JsValue>,
    on_progress: Option<&Function>,
    signal: Option<&AbortSignal>,
) -> Result<Dataset, Error> {
    let rpc = spec.chain.as_ref().map_or("", |c| c.rpc.as_str());
    scan.refresh();
    loop {
        let request = match scan.step() {
            Step::Send(request) => request,
            Step::Restore(key) => {
                let kept = match store {
                    Some(store) => call_store(store, "get", &[key.into()]).await.map(|v| Uint8Array::new(&v).to_vec()),
                    None => None,
                };
                scan.restore(kept.as_deref().filter(|k| !k.is_empty()));
                continue;
            }
            Step::Done => break,
        };
        if request.wait_ms > 0 {
            gloo::timers::future::sleep(std::time::Duration::from_millis(request.wait_ms)).await;
        }
        match post(rpc, &request, signal).await? {
            Ok(answer) => scan.respond(&answer)?,
            Err((status, words, retry_after)) => scan.refused(status, &words, retry_after)?,
        }
        if let (Some(callback), (done, total)) = (on_progress, scan.progress()) {
            fetch::report_progress(callback, "chain", (done, scan.kept()), total.map(|t| t as f64), "blocks");
        }
    }
    if let (Some(store), Some((key, bytes))) = (store, scan.saved()) {
        // Kept for the next visit; a store that fails (full, or refused in a private
        // window) costs that visit a full read, not this one its figures.
        let _ = call_store(store, "put", &[key.into(), Uint8Array::from(&bytes[..]).into()]).await;
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

/// Calls `store[method](...args)` and awaits its promise: what it resolved to, or `None`
/// when it threw, rejected or resolved to nothing.
async fn call_store(store: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let function: Function = Reflect::get(store, &method.into()).ok()?.dyn_into().ok()?;
    let promise = function.apply(store, &args.iter().collect()).ok()?;
    let value = wasm_bindgen_futures::JsFuture::from(Promise::resolve(&promise)).await.ok()?;
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// POSTs one JSON-RPC request: the node's answer, its HTTP refusal (status, its words and
/// `Retry-After` seconds), or why there is none.
async fn post(
    url: &str,
    request: &Request,
    signal: Option<&AbortSignal>,
) -> Result<Result<Vec<u8>, (u16, String, Option<u32>)>, Error> {
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
        let retry_after = response.headers().get("retry-after").and_then(|v| v.trim().parse().ok());
        return Ok(Err((response.status(), response.status_text(), retry_after)));
    }
    response.binary().await.map(Ok).map_err(|e| network(e.to_string()))
}
