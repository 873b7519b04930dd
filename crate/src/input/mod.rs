//! From bytes to rows: format detection, streaming parsers, field rules and problems
//! (SPEC §1). Knows nothing of metrics.

mod detect;
mod events;
mod fields;
mod ndjson;
mod problems;
pub mod time;
mod value;

pub use detect::{detect, Detected, Format};
pub use events::{validate, EventRecord, EventRow, EventSchema, EVENT_SLOTS};
pub use problems::{Problem, Problems, KEPT_PROBLEMS};
pub use value::{Record, Schema, Value};

use crate::error::Error;
use crate::store::EventLog;

/// Where the records of one input kind go once read: the sink validates each record
/// and stores what it accepts.
pub trait Sink<const N: usize> {
    type Schema: Schema;
    fn accept(&mut self, record: Record<'_, N>, line: u64, problems: &mut Problems);
}

impl Sink<EVENT_SLOTS> for EventLog {
    type Schema = EventSchema;
    fn accept(&mut self, record: EventRecord<'_>, line: u64, problems: &mut Problems) {
        if let Some(row) = validate(record, line, problems) {
            self.push(&row);
        }
    }
}

/// A streaming parser: feed it the body chunk by chunk as it arrives, then finish.
///
/// Only the unfinished last line of a chunk is copied and kept until the next chunk;
/// everything else is parsed straight from the chunk, so the body is never held twice.
pub struct Parser<S, const N: usize> {
    source: String,
    sink: S,
    problems: Problems,
    format: Option<Format>,
    /// Bytes of an unfinished line (or of the body's start while the format is undecided).
    pending: Vec<u8>,
    line: u64,
}

impl<S: Sink<N>, const N: usize> Parser<S, N> {
    /// A parser for the input named `source` (a URL, a path, or "bytes") that stores into
    /// `sink`.
    pub fn new(source: impl Into<String>, sink: S) -> Self {
        Parser {
            source: source.into(),
            sink,
            problems: Problems::default(),
            format: None,
            pending: Vec::new(),
            line: 0,
        }
    }

    /// Parses what `chunk` completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        if self.format.is_none() {
            self.pending.extend_from_slice(chunk);
            match detect(&self.pending) {
                Detected::Undecided => return Ok(()),
                Detected::Html => return Err(self.format_error("this is an HTML page, not data")),
                Detected::Format(Format::Ndjson) => self.format = Some(Format::Ndjson),
                Detected::Format(other) => {
                    return Err(self.format_error(&format!(
                        "{other:?} input is not supported yet; send NDJSON"
                    )))
                }
            }
            let start = std::mem::take(&mut self.pending);
            let start = start.strip_prefix(detect::BOM).unwrap_or(&start);
            return self.feed_lines(start);
        }
        self.feed_lines(chunk)
    }

    /// Parses the last line (one without a final newline) and hands back what was stored.
    pub fn finish(mut self) -> Result<(S, Problems), Error> {
        if self.format.is_none() && !self.pending.iter().all(u8::is_ascii_whitespace) {
            return Err(self.format_error("not a supported format"));
        }
        if !self.pending.is_empty() {
            self.line += 1;
            let last = std::mem::take(&mut self.pending);
            ndjson::parse_line(&last, self.line, &mut self.sink, &mut self.problems);
        }
        Ok((self.sink, self.problems))
    }

    fn feed_lines(&mut self, mut chunk: &[u8]) -> Result<(), Error> {
        if !self.pending.is_empty() {
            let Some(end) = memchr::memchr(b'\n', chunk) else {
                self.pending.extend_from_slice(chunk);
                return Ok(());
            };
            self.pending.extend_from_slice(&chunk[..end]);
            self.line += 1;
            ndjson::parse_line(&self.pending, self.line, &mut self.sink, &mut self.problems);
            self.pending.clear();
            chunk = &chunk[end + 1..];
        }
        for line in memchr::memchr_iter(b'\n', chunk).scan(0, |start, end| {
            let line = &chunk[*start..end];
            *start = end + 1;
            Some(line)
        }) {
            self.line += 1;
            ndjson::parse_line(line, self.line, &mut self.sink, &mut self.problems);
        }
        let rest = match memchr::memrchr(b'\n', chunk) {
            Some(end) => &chunk[end + 1..],
            None => chunk,
        };
        self.pending.extend_from_slice(rest);
        Ok(())
    }

    fn format_error(&self, reason: &str) -> Error {
        Error::Format {
            source: self.source.clone(),
            reason: reason.to_owned(),
        }
    }
}

/// Parses a whole body at once (the command line, tests).
pub fn parse_all<S: Sink<N>, const N: usize>(
    source: &str,
    sink: S,
    body: &[u8],
) -> Result<(S, Problems), Error> {
    let mut parser = Parser::new(source, sink);
    parser.feed(body)?;
    parser.finish()
}
