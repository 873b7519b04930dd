//! A large body of events parsed by several workers (docs/architecture.md#several-workers-one-body):
//! the load worker cuts its text into pieces (`crate::input::Cutter`), a pool of parse
//! workers (js/hubpulse/load-worker.js) parses each with `parsePiece`, and the load worker
//! joins their segments in order.

use super::errors::js_message;
use super::parts::{column_of, typed_arrays};
use crate::error::Error;
use crate::input::{parse_piece, Head, Piece, Segment};
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Parses one piece of the input named `source` (in a parse worker): its segment as an
/// array of typed arrays, whose buffers the caller may transfer. Throws the reason as a
/// string when the piece is not a format hubpulse reads (only a body's first piece can be).
#[wasm_bindgen(js_name = parsePiece)]
pub fn parse_piece_js(source: &str, head: &[u8], text: &[u8]) -> Result<Array, JsValue> {
    let head = Head::decode(head).ok_or("a piece without its head")?;
    let reason = |e: Error| match e {
        Error::Format { reason, .. } => JsValue::from(reason),
        other => JsValue::from(other.to_string()),
    };
    let segment = parse_piece(source, &head, text).map_err(reason)?;
    Ok(typed_arrays(&segment.into_columns().map_err(JsValue::from)?))
}

/// The pool of parse workers a load worker was given.
pub struct Pieces {
    object: Object,
    parse: Function,
    /// Workers in the pool: the load keeps twice as many pieces in flight.
    pub workers: usize,
}

/// A piece being parsed, and the bytes of its text.
pub struct Parsing(JsFuture, u64);

impl Pieces {
    /// The pool of `{workers, parse(source, head, text)}`; `None` when it is not one.
    pub fn from_js(object: &Object) -> Option<Pieces> {
        let parse = Reflect::get(object, &"parse".into()).ok()?.dyn_into().ok()?;
        let workers = Reflect::get(object, &"workers".into()).ok()?.as_f64()?.max(1.0) as usize;
        Some(Pieces { object: object.clone(), parse, workers })
    }

    /// Hands `piece` to a worker of the pool.
    pub fn parse(&self, source: &str, piece: Piece) -> Result<Parsing, Error> {
        let bytes = piece.text.len() as u64;
        let (head, text) = (Uint8Array::from(&piece.head.encode()[..]), Uint8Array::from(&piece.text[..]));
        drop(piece);
        let promise = self.parse.call3(&self.object, &source.into(), &head, &text).map_err(|e| failed(source, &e))?;
        let promise: Promise = promise.dyn_into().map_err(|_| failed(source, &"parse() is not a promise".into()))?;
        Ok(Parsing(JsFuture::from(promise), bytes))
    }
}

impl Parsing {
    /// The piece's segment, and the bytes of its text, once its worker has parsed it.
    pub async fn segment(self, source: &str) -> Result<(Segment, u64), Error> {
        let arrays: Array = match self.0.await {
            Ok(arrays) => arrays.dyn_into().map_err(|_| failed(source, &"a piece came back as no array".into()))?,
            // A reason as a string is the parser's; anything else, the worker's failure.
            Err(reason) if reason.is_string() => {
                return Err(Error::Format { source: source.to_owned(), reason: js_message(&reason) })
            }
            Err(e) => return Err(failed(source, &e)),
        };
        let columns = arrays.iter().map(|a| column_of(&a)).collect::<Option<Vec<_>>>();
        let columns = columns.ok_or_else(|| failed(source, &"a piece came back damaged".into()))?;
        let segment = Segment::from_columns(columns).map_err(|why| failed(source, &why.into()))?;
        Ok((segment, self.1))
    }
}

/// A parse worker that failed on a piece: the load stops, as one parser's failure would.
fn failed(source: &str, e: &JsValue) -> Error {
    Error::Io { source: source.to_owned(), reason: format!("a parse worker failed: {}", js_message(e)) }
}
