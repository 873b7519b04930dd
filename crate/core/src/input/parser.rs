//! A streaming parser of (uncompressed) text: fed the body chunk by chunk as it arrives,
//! it decides the format from the first bytes that are not blank, then hands each row to
//! the input kind's sink. Nothing is held but one unfinished row, itself bounded, so the
//! work is linear in the bytes and the memory in the longest row allowed.

use super::json_stream::JsonStream;
use super::shape::{Shape, ShapeReader};
use super::{csv, json, ndjson, Extras, Sink, MAX_RECORD};
use crate::error::Error;
use crate::problems::Problems;
use crate::text::bounded;

/// The UTF-8 byte-order mark, which some tools write at the start of CSV files.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// What a body whose first bytes are not text is told.
const BINARY: &str = "this is binary data, not text";
/// What a UTF-16 body (a spreadsheet's "Unicode text") is told.
const UTF16: &str = "this is UTF-16 text; hubpulse reads UTF-8, so save the file as UTF-8";
/// Bytes looked at when the format is decided, to tell text from binary data and UTF-16.
const SNIFF: usize = 512;

/// The reader of the detected format.
enum Reader {
    /// Nothing but blanks (and a byte-order mark) so far; nothing of them is kept.
    Undecided {
        /// Bytes of the byte-order mark seen, at the very start of the body.
        bom: usize,
        /// Whether any byte other than the mark's has come.
        started: bool,
        /// Newlines among the blanks, so rows keep their line numbers.
        lines: u64,
    },
    Ndjson(ndjson::Lines),
    JsonArray(JsonStream),
    Csv(Box<csv::Rows>),
    /// A hub's own document shape; `sniffed` once its first bytes were looked at, as the
    /// formats' are, so that binary data or UTF-16 is told so and not "not in this shape".
    Shape {
        reader: Box<ShapeReader>,
        sniffed: bool,
    },
}

/// The parser of one input's text, storing into a sink of type `S`.
pub struct Parser<S> {
    sink: S,
    reading: Reading,
}

/// All of a parser but its sink: what it reads is handed to a `dyn Sink`, so this is
/// compiled once for every input kind (its four copies were 17 KB of raw wasm).
struct Reading {
    source: String,
    problems: Problems,
    reader: Reader,
}

impl<S: Sink> Parser<S> {
    /// A parser of a hub's own document `shape`, or (`None`) of the formats of
    /// docs/inputs.md, for the input named `source`, storing into `sink`.
    pub fn shaped(source: impl Into<String>, sink: S, shape: Option<Shape>) -> Self {
        let reader = match shape {
            Some(shape) => Reader::Shape { reader: Box::new(ShapeReader::new(shape)), sniffed: false },
            None => Reader::Undecided { bom: 0, started: false, lines: 0 },
        };
        Parser::reading(source.into(), sink, reader)
    }

    /// A parser of NDJSON lines from the first byte on, however they begin: a later piece
    /// of a body whose first piece said it is NDJSON (input/segments.rs).
    pub fn ndjson(source: impl Into<String>, sink: S) -> Self {
        Parser::reading(source.into(), sink, Reader::Ndjson(ndjson::Lines::starting_after(0)))
    }

    /// A parser that starts with `reader`: each constructor's one difference.
    fn reading(source: String, sink: S, reader: Reader) -> Self {
        Parser { sink, reading: Reading { source, problems: Problems::default(), reader } }
    }

    /// The rows counted so far.
    pub fn problems(&self) -> &Problems {
        &self.reading.problems
    }

    /// Makes room in the sink for about `additional` more rows.
    pub fn reserve(&mut self, additional: usize) {
        self.sink.reserve(additional);
    }

    /// Parses what `chunk` completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.reading.feed(chunk, &mut self.sink)
    }

    /// Parses what is left at the end of the body and hands back what was stored, with
    /// what a hub's document carries besides.
    pub fn finish(mut self) -> Result<(S, Problems, Extras), Error> {
        let extras = self.reading.finish(&mut self.sink)?;
        Ok((self.sink, self.reading.problems, extras))
    }
}

impl Reading {
    /// Parses what `chunk` completes into `sink`. Never inlined: it holds every format's
    /// reader, and a copy in each caller (the loader, a piece's parser) costs the wasm ~12 KB.
    #[inline(never)]
    fn feed(&mut self, chunk: &[u8], sink: &mut dyn Sink) -> Result<(), Error> {
        let chunk = match self.reader {
            Reader::Undecided { .. } => match self.decide(chunk)? {
                Some(rest) => rest,
                None => return Ok(()),
            },
            _ => chunk,
        };
        let problems = &mut self.problems;
        let result = match &mut self.reader {
            Reader::Undecided { .. } => Ok(()),
            Reader::Ndjson(lines) => {
                lines.feed(chunk, sink, problems);
                Ok(())
            }
            Reader::JsonArray(stream) => {
                stream.feed(chunk, &mut |item| json::element(item, sink, problems)).map_err(|e| e.to_string())
            }
            // An empty chunk would tell csv-core the body has ended.
            Reader::Csv(_) if chunk.is_empty() => Ok(()),
            Reader::Csv(rows) => rows.feed(chunk, sink, problems),
            Reader::Shape { reader, sniffed } => {
                let first = !*sniffed && !chunk.is_empty();
                *sniffed |= first;
                match first.then(|| not_text(chunk)).flatten() {
                    Some(reason) => Err(reason.into()),
                    None => reader.feed(chunk, sink, problems),
                }
            }
        };
        result.map_err(|reason| self.format_error(reason))
    }

    /// Skips the blanks at the start of the body, without keeping them, until the first
    /// byte that says the format; then the rest of `chunk`, for that format's reader.
    fn decide<'c>(&mut self, chunk: &'c [u8]) -> Result<Option<&'c [u8]>, Error> {
        let Reader::Undecided { bom, started, lines } = &mut self.reader else { return Ok(Some(chunk)) };
        for (i, &b) in chunk.iter().enumerate() {
            if !*started && *bom < BOM.len() && b == BOM[*bom] {
                *bom += 1;
                continue;
            }
            if *bom > 0 && *bom < BOM.len() {
                return Err(self.format_error(BINARY.into()));
            }
            *started = true;
            if b.is_ascii_whitespace() {
                *lines += u64::from(b == b'\n');
                continue;
            }
            let lines = *lines;
            if b == 0x1f {
                return Err(
                    self.format_error("this is gzip inside gzip: hubpulse undoes one layer of compression".into())
                );
            }
            if let Some(reason) = not_text(&chunk[i..]) {
                return Err(self.format_error(reason.into()));
            }
            self.reader = match b {
                b'{' => Reader::Ndjson(ndjson::Lines::starting_after(lines)),
                b'[' => Reader::JsonArray(JsonStream::array(MAX_RECORD)),
                b'<' => return Err(self.format_error("this is an HTML page, not data".into())),
                b if b < 0x20 || b == 0x7f => return Err(self.format_error(BINARY.into())),
                _ => Reader::Csv(Box::new(csv::Rows::starting_after(lines))),
            };
            return Ok(Some(&chunk[i..]));
        }
        Ok(None)
    }

    /// Parses what is left at the end of the body into `sink`; what a hub's document
    /// carries besides its rows.
    fn finish(&mut self, sink: &mut dyn Sink) -> Result<Extras, Error> {
        let problems = &mut self.problems;
        let mut extras = Extras::default();
        let result = match &mut self.reader {
            Reader::Undecided { bom, .. } if *bom == 0 || *bom == BOM.len() => Ok(()),
            Reader::Undecided { .. } => Err(BINARY.to_owned()),
            Reader::Ndjson(lines) => {
                lines.finish(sink, problems);
                Ok(())
            }
            Reader::JsonArray(stream) => {
                json::array_ending(stream.finish(), problems);
                Ok(())
            }
            Reader::Csv(rows) => rows.feed(&[], sink, problems),
            Reader::Shape { reader, .. } => reader.finish(sink, problems).map(|document| extras = document),
        };
        result.map_err(|reason| self.format_error(reason))?;
        Ok(extras)
    }

    /// An error about the whole body, its reason bounded (it may quote the input).
    fn format_error(&self, reason: String) -> Error {
        Error::Format { source: self.source.clone(), reason: bounded(reason) }
    }
}

/// Why the body starting at `head` is not text, judged by its first [`SNIFF`] bytes: a
/// UTF-16 byte-order mark, or a quarter of the bytes NUL and all on one side of each pair
/// (UTF-16 text), or control bytes no text holds making a sixteenth of them (binary). A
/// few stray bytes are not enough: a corrupt row is a rejected row, not a refused body.
fn not_text(head: &[u8]) -> Option<&'static str> {
    let head = &head[..head.len().min(SNIFF)];
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Some(UTF16);
    }
    let nul = |start: usize| head.iter().skip(start).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nul(0), nul(1));
    if (even == 0 || odd == 0) && even + odd >= 2 && (even + odd) * 4 >= head.len() {
        return Some(UTF16);
    }
    let control =
        head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f).count();
    (control >= 4 && control * 16 >= head.len()).then_some(BINARY)
}
