//! Fetching an input with progress: the body is parsed chunk by chunk as it arrives
//! (the response's `ReadableStream`), so it is never held whole, and the page gets the
//! event loop back between chunks so the progress bar moves.

use super::errors::js_message;
use crate::error::Error;
use crate::input::{InputKind, InputLoader, Limits, LoadedInput, Shape};
use crate::provenance::Origin;
use gloo::net::http::Request;
use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader, RequestCredentials};

/// How long parsing may keep the page's event loop before it lets the page paint.
const PAGE_SLICE_MS: f64 = 30.0;

/// How long parsing may keep a worker's event loop before it reads its messages (an abort).
const WORKER_SLICE_MS: f64 = 250.0;

/// Raw bytes parsed between looks at the clock: with gzip expanding at most 100 times
/// (docs/inputs.md#bounds), a few megabytes of text, whatever the bytes are.
const STEP: usize = 16 * 1024;

/// How every input of one load is fetched.
pub struct Fetch<'a> {
    pub limits: Limits,
    /// Called with `{input, loaded, total}` after each chunk (`total` is `null` when the
    /// server did not say).
    pub on_progress: Option<&'a Function>,
    /// Aborts the download (an element removed while its data loads, an idle timeout).
    pub signal: Option<&'a AbortSignal>,
    pub credentials: RequestCredentials,
    /// Makes a hasher `{update(bytes), digest()}` that computes the SHA-256 off this thread
    /// (the element's hashing worker); `None`: hash here.
    pub hasher: Option<&'a Function>,
}

/// Fetches `url` and parses its body as an input of `kind`, as `how` says; `shape`: the
/// body is a hub's own document shape rather than one of the formats of docs/inputs.md.
pub async fn fetch_input(
    url: &str,
    kind: InputKind,
    how: &Fetch<'_>,
    shape: Option<Shape>,
) -> Result<LoadedInput, Error> {
    let origin = Origin::at(url, (js_sys::Date::now() / 1000.0) as i64);
    let network = |reason: String| Error::Network { source: url.to_owned(), reason };
    let request = Request::get(url).abort_signal(how.signal).credentials(how.credentials);
    let response = request.send().await.map_err(|e| network(unreachable(url, e.to_string())))?;
    if !response.ok() {
        let retry_after = response.headers().get("retry-after").and_then(|v| retry_after(&v));
        return Err(Error::Http {
            source: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
            retry_after,
        });
    }
    let total = response.headers().get("content-length").and_then(|v| v.parse::<f64>().ok());
    let body = response.body().ok_or_else(|| network("the response has no body".into()))?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut loader = InputLoader::new(kind, origin, how.limits, shape);
    if let Some(total) = total {
        loader.expect(total as u64);
    }
    let hasher = match how.hasher {
        Some(make) => Some(Hasher::new(make).map_err(network)?),
        None => None,
    };
    if hasher.is_some() {
        loader.hash_elsewhere();
    }
    let mut bytes = 0u64;
    let in_page = Reflect::has(&js_sys::global(), &"document".into()).unwrap_or(false);
    let slice_ms = if in_page { PAGE_SLICE_MS } else { WORKER_SLICE_MS };
    let mut slice_start = js_sys::Date::now();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(|e| network(js_message(&e)))?;
        if Reflect::get(&step, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let chunk: Uint8Array =
            Reflect::get(&step, &"value".into()).map_err(|e| network(js_message(&e)))?.unchecked_into();
        let copy = chunk.to_vec();
        if let Some(hasher) = &hasher {
            hasher.update(&chunk).map_err(network)?; // hands the JS chunk over, after the copy
        }
        bytes += copy.len() as u64;
        // A body already buffered resolves each read as a microtask, and a small chunk of
        // gzip can be megabytes of text: the thread is given back between steps.
        for step in copy.chunks(STEP) {
            loader.feed(step)?;
            if js_sys::Date::now() - slice_start > slice_ms {
                gloo::timers::future::TimeoutFuture::new(0).await;
                slice_start = js_sys::Date::now();
            }
        }
        if let Some(callback) = how.on_progress {
            report_progress(callback, kind.name(), bytes, total, "bytes");
        }
    }
    let mut loaded = loader.finish()?;
    if let Some(hasher) = hasher {
        loaded.set_sha256(hasher.digest().await.map_err(network)?);
    }
    Ok(loaded)
}

/// Why a request got no answer, with a hint when the URL is another origin's: the browser
/// says only "Failed to fetch" when a server does not allow cross-origin reads.
fn unreachable(url: &str, reason: String) -> String {
    let here = Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|location| Reflect::get(&location, &"origin".into()))
        .ok()
        .and_then(|origin| origin.as_string());
    let other_origin = here.is_some_and(|here| !url.starts_with(&format!("{here}/")) && url != here);
    if other_origin {
        format!("{reason} (another origin's URL: its server must allow this page with Access-Control-Allow-Origin, or it is down)")
    } else {
        reason
    }
}

/// Seconds to wait that a `Retry-After` header asks for (a number of seconds; a date is
/// not trusted, since the clocks may differ).
fn retry_after(value: &str) -> Option<u32> {
    value.trim().parse::<u32>().ok()
}

/// A SHA-256 computed by the hashing worker: the chunks go to it as they arrive.
struct Hasher {
    object: JsValue,
    update: Function,
}

impl Hasher {
    fn new(make: &Function) -> Result<Hasher, String> {
        let object = make.call0(&JsValue::NULL).map_err(|e| js_message(&e))?;
        let update = Reflect::get(&object, &"update".into()).map_err(|e| js_message(&e))?;
        Ok(Hasher { update: update.dyn_into().map_err(|_| "the hasher has no update")?, object })
    }

    fn update(&self, chunk: &Uint8Array) -> Result<(), String> {
        self.update.call1(&self.object, chunk).map(|_| ()).map_err(|e| js_message(&e))
    }

    async fn digest(&self) -> Result<String, String> {
        let digest: Function = Reflect::get(&self.object, &"digest".into())
            .ok()
            .and_then(|d| d.dyn_into().ok())
            .ok_or("the hasher has no digest")?;
        let promise: js_sys::Promise = digest
            .call0(&self.object)
            .map_err(|e| js_message(&e))?
            .dyn_into()
            .map_err(|_| "digest() is not a promise")?;
        let hex = JsFuture::from(promise).await.map_err(|e| js_message(&e))?;
        hex.as_string().ok_or_else(|| "the hasher gave no digest".into())
    }
}

/// Calls `callback` with `{input, loaded, total, unit}` (`unit`: what is counted, `bytes`
/// or `blocks`).
pub fn report_progress(callback: &Function, input: &str, loaded: u64, total: Option<f64>, unit: &str) {
    let progress = js_sys::Object::new();
    let _ = Reflect::set(&progress, &"unit".into(), &unit.into());
    let _ = Reflect::set(&progress, &"input".into(), &input.into());
    let _ = Reflect::set(&progress, &"loaded".into(), &JsValue::from_f64(loaded as f64));
    let _ = Reflect::set(&progress, &"total".into(), &total.map_or(JsValue::NULL, JsValue::from_f64));
    // A progress callback that throws must not stop the load.
    let _ = callback.call1(&JsValue::NULL, &progress);
}
