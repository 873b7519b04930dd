//! Fetching an input with progress: the body is parsed chunk by chunk as it arrives
//! (the response's `ReadableStream`), so it is never held whole, and the page gets the
//! event loop back between chunks so the progress bar moves.

use super::errors::js_message;
use super::pieces::Pieces;
use crate::error::Error;
use crate::input::{Cutter, InputKind, InputLoader, Joined, Limits, LoadedInput, Loader, Shape, Tail, PIECE_BYTES};
use crate::number::parse_f64;
use crate::provenance::Origin;
use gloo::net::http::Request;
use js_sys::{Function, Reflect, Uint8Array};
use std::collections::VecDeque;
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
    /// Parse workers among which a large body of events is parsed in pieces.
    pub pieces: Option<&'a Pieces>,
}

/// A body of events announced at this size or more is parsed in pieces, when there are
/// parse workers: a smaller one is parsed sooner than the workers would start on it.
const CUT_FROM: f64 = (4 * PIECE_BYTES) as f64;

/// Fetches `url` and parses its body as an input of `kind`, as `how` says; `shape`: the
/// body is a hub's own document shape rather than one of the formats of docs/inputs.md.
pub async fn fetch_input(
    url: &str,
    kind: InputKind,
    how: &Fetch<'_>,
    shape: Option<Shape>,
) -> Result<LoadedInput, Error> {
    let origin = Origin::at(url, (js_sys::Date::now() / 1000.0) as i64);
    let mut body = Body::open(url, kind, how).await?;
    let large = body.total.is_some_and(|total| total >= CUT_FROM);
    if let Some(pieces) = how.pieces.filter(|_| large && kind == InputKind::Events && shape.is_none()) {
        return fetch_in_pieces(origin, body, pieces, how.limits).await;
    }
    let mut loader = InputLoader::new(kind, origin, how.limits, shape);
    if let Some(total) = body.total {
        loader.expect(total as u64);
    }
    if body.hasher.is_some() {
        loader.hash_elsewhere();
    }
    while let Some(chunk) = body.next().await? {
        for step in chunk.chunks(STEP) {
            loader.feed(step)?;
            body.breathe().await;
        }
        body.progress();
    }
    let mut loaded = loader.finish()?;
    if let Some(sha256) = body.digest().await? {
        loaded.set_sha256(sha256);
    }
    Ok(loaded)
}

/// Reads a body of events cut into pieces that the pool's workers parse, twice as many in
/// flight as there are workers (the download waits for them beyond that), and joins their
/// segments in the body's order.
async fn fetch_in_pieces(
    origin: Origin,
    mut body: Body<'_>,
    pieces: &Pieces,
    limits: Limits,
) -> Result<LoadedInput, Error> {
    let source = origin.source.clone();
    let mut loader = Loader::new(source.clone(), Cutter::new(source.clone(), PIECE_BYTES), limits);
    if body.hasher.is_some() {
        loader.hash_elsewhere();
    }
    let mut joined = Joined::new(source.clone(), limits, body.total.map(|total| total as u64));
    let mut parsing = VecDeque::new();
    while let Some(chunk) = body.next().await? {
        for step in chunk.chunks(STEP) {
            loader.feed(step)?;
            body.breathe().await;
        }
        for piece in loader.text_mut().take_cut() {
            parsing.push_back(pieces.parse(&source, piece)?);
            if parsing.len() > 2 * pieces.workers {
                if let Some(next) = parsing.pop_front() {
                    let (segment, bytes) = next.segment(&source).await?;
                    joined.join(segment, bytes)?;
                }
            }
        }
        body.progress();
    }
    let (tail, bytes, sha256) = loader.end()?;
    let here = match tail {
        Tail::Cut(last) => {
            parsing.extend(last.map(|piece| pieces.parse(&source, piece)).transpose()?);
            None
        }
        Tail::Here(segment) => Some(segment),
    };
    for next in parsing {
        let (segment, bytes) = next.segment(&source).await?;
        joined.join(segment, bytes)?;
    }
    if let Some(segment) = here {
        joined.join(*segment, 0)?;
    }
    let mut loaded = LoadedInput::joined(origin, joined, bytes, sha256);
    if let Some(sha256) = body.digest().await? {
        loaded.set_sha256(sha256);
    }
    Ok(loaded)
}

/// A response's body as it arrives: its chunks counted, hashed elsewhere when a hasher was
/// given, and progress reported; the thread given back between steps of parsing.
struct Body<'a> {
    url: &'a str,
    input: &'static str,
    reader: ReadableStreamDefaultReader,
    /// The announced size (`Content-Length`).
    total: Option<f64>,
    hasher: Option<Hasher>,
    bytes: u64,
    on_progress: Option<&'a Function>,
    slice_ms: f64,
    slice_start: f64,
}

impl<'a> Body<'a> {
    /// Requests `url`; an error for an HTTP error status.
    async fn open(url: &'a str, kind: InputKind, how: &Fetch<'a>) -> Result<Body<'a>, Error> {
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
        let total = response.headers().get("content-length").and_then(|v| parse_f64(&v));
        let body = response.body().ok_or_else(|| network("the response has no body".into()))?;
        let hasher = match how.hasher {
            Some(make) => Some(Hasher::new(make).map_err(network)?),
            None => None,
        };
        let in_page = Reflect::has(&js_sys::global(), &"document".into()).unwrap_or(false);
        Ok(Body {
            url,
            input: kind.name(),
            reader: body.get_reader().unchecked_into(),
            total,
            hasher,
            bytes: 0,
            on_progress: how.on_progress,
            slice_ms: if in_page { PAGE_SLICE_MS } else { WORKER_SLICE_MS },
            slice_start: js_sys::Date::now(),
        })
    }

    fn network(&self, reason: String) -> Error {
        Error::Network { source: self.url.to_owned(), reason }
    }

    /// The next chunk, copied into this thread's memory (and handed to the hasher); `None`
    /// at the end.
    async fn next(&mut self) -> Result<Option<Vec<u8>>, Error> {
        let step = JsFuture::from(self.reader.read()).await.map_err(|e| self.network(js_message(&e)))?;
        if Reflect::get(&step, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(None);
        }
        let chunk: Uint8Array =
            Reflect::get(&step, &"value".into()).map_err(|e| self.network(js_message(&e)))?.unchecked_into();
        let copy = chunk.to_vec();
        if let Some(hasher) = &self.hasher {
            hasher.update(&chunk).map_err(|e| self.network(e))?; // hands the JS chunk over, after the copy
        }
        self.bytes += copy.len() as u64;
        Ok(Some(copy))
    }

    /// Gives the thread back once parsing has kept it for a slice: a body already buffered
    /// resolves each read as a microtask, and a small chunk of gzip can be megabytes of text.
    async fn breathe(&mut self) {
        if js_sys::Date::now() - self.slice_start > self.slice_ms {
            gloo::timers::future::TimeoutFuture::new(0).await;
            self.slice_start = js_sys::Date::now();
        }
    }

    /// Tells the progress callback how far the body has come.
    fn progress(&self) {
        if let Some(callback) = self.on_progress {
            report_progress(callback, self.input, (self.bytes, 0), self.total, "bytes");
        }
    }

    /// The SHA-256 the hasher computed, when the bytes were hashed elsewhere.
    async fn digest(self) -> Result<Option<String>, Error> {
        let Some(hasher) = &self.hasher else { return Ok(None) };
        hasher.digest().await.map(Some).map_err(|e| self.network(e))
    }
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

/// Calls `callback` with `{input, loaded, total, unit, kept}` (`unit`: what is counted,
/// `bytes` or `blocks`; `kept`: of `loaded`, how many were kept from an earlier visit).
pub fn report_progress(callback: &Function, input: &str, (loaded, kept): (u64, u64), total: Option<f64>, unit: &str) {
    let progress = js_sys::Object::new();
    let _ = Reflect::set(&progress, &"kept".into(), &JsValue::from_f64(kept as f64));
    let _ = Reflect::set(&progress, &"unit".into(), &unit.into());
    let _ = Reflect::set(&progress, &"input".into(), &input.into());
    let _ = Reflect::set(&progress, &"loaded".into(), &JsValue::from_f64(loaded as f64));
    let _ = Reflect::set(&progress, &"total".into(), &total.map_or(JsValue::NULL, JsValue::from_f64));
    // A progress callback that throws must not stop the load.
    let _ = callback.call1(&JsValue::NULL, &progress);
}
