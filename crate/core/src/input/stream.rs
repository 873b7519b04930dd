//! A body as it arrives: its raw bytes counted and hashed (docs/inputs.md#provenance), gzip
//! undone when the bytes say so (whatever the headers or the file name), and the text handed
//! to the format's parser, with every resource bounded (docs/inputs.md#bounds): the text
//! counts against `max_bytes`, decompression stops at a ratio no real data reaches, rows
//! stop at `max_rows` as they are read, and room is made only for rows the bytes seen justify.

use super::gzip::{Gunzip, Stop};
use super::parser::Parser;
use super::{Extras, Shape, Sink};
use crate::error::Error;
use crate::problems::Problems;
use sha2::{Digest, Sha256};

/// Limits that turn an input too large for one tab into a clear error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of text parsed (after gzip is undone).
    pub max_bytes: Option<u64>,
    /// Rows read.
    pub max_rows: Option<u64>,
}

/// Gzip may expand a body at most this many times: text compresses 5 to 20 times, while a
/// decompression bomb (a megabyte of gzip that is a gigabyte of zeros) expands a thousand.
pub const MAX_RATIO: u64 = 100;

/// Text allowed before the ratio is checked: a tiny body may expand more.
const RATIO_GRACE: u64 = 1 << 20;

/// What a load produced.
pub struct Loaded<S> {
    pub sink: S,
    pub problems: Problems,
    /// Raw bytes read.
    pub bytes: u64,
    /// SHA-256 of the raw bytes, in lowercase hex (`sha256sum`'s form).
    pub sha256: String,
    /// What a hub's document carries besides its rows (its credit, listings, period).
    pub extras: Extras,
}

/// Where a body's text goes once gzip is undone, as the raw side of a load reaches it.
pub trait Feed {
    /// Takes the next piece of text.
    fn feed(&mut self, text: &[u8]) -> Result<(), Error>;
    /// Rows read so far, for `max_rows` and the room made for rows.
    fn rows_read(&self) -> u64;
    /// Makes room for about `additional` more rows.
    fn reserve(&mut self, additional: usize);
}

/// Where a body's text goes: a format's [`Parser`], or the
/// [`Cutter`](super::segments::Cutter) that hands it to other threads in segments.
pub trait Text: Feed {
    /// What the whole text made.
    type Output;
    /// Ends the text.
    fn finish(self) -> Result<Self::Output, Error>;
}

impl<S: Sink> Feed for Parser<S> {
    fn feed(&mut self, text: &[u8]) -> Result<(), Error> {
        Parser::feed(self, text)
    }
    fn rows_read(&self) -> u64 {
        self.problems().rows_read
    }
    fn reserve(&mut self, additional: usize) {
        Parser::reserve(self, additional)
    }
}

impl<S: Sink> Text for Parser<S> {
    type Output = (S, Problems, Extras);
    fn finish(self) -> Result<Self::Output, Error> {
        Parser::finish(self)
    }
}

/// How much text came of how many raw bytes, checked against the limits as it comes.
struct Meter {
    source: String,
    limits: Limits,
    /// Raw bytes fed so far, for the ratio.
    raw: u64,
    /// Text bytes handed on so far.
    text: u64,
    gzip: bool,
}

impl Meter {
    /// Whether the text so far, and `rows` read, are within the limits.
    fn check(&self, rows: u64) -> Result<(), Error> {
        let too_large = |limit: String| Error::TooLarge { source: self.source.clone(), limit };
        if let Some(max) = self.limits.max_bytes.filter(|&max| self.text > max) {
            return Err(too_large(format!("{max} bytes")));
        }
        if self.gzip && self.text > RATIO_GRACE && self.text > MAX_RATIO * self.raw {
            return Err(Error::Format {
                source: self.source.clone(),
                reason: format!(
                    "the gzip data expands more than {MAX_RATIO} times (a decompression bomb?); it was stopped at {} MB",
                    self.text / 1_000_000
                ),
            });
        }
        match self.limits.max_rows {
            Some(max) if rows > max => Err(too_large(format!("{max} rows"))),
            _ => Ok(()),
        }
    }
}

/// A gzip body: its decoder, and the text it inflated, kept until the loader hands it on and
/// metered as it comes, so that a decompression bomb stops within one piece. One decoder type
/// serves every kind of text consumer (a copy of it per consumer cost the wasm ~5 KB each).
struct Inflated {
    gunzip: Gunzip,
    meter: Meter,
    text: Vec<u8>,
}

impl Inflated {
    /// Undoes `chunk` of gzip (`None`: the body ended) into `text`.
    fn inflate(&mut self, chunk: Option<&[u8]>) -> Result<(), Stop<Error>> {
        let Inflated { gunzip, meter, text } = self;
        let mut take = |piece: &[u8]| {
            meter.text += piece.len() as u64;
            meter.check(0)?;
            text.extend_from_slice(piece);
            Ok(())
        };
        match chunk {
            Some(chunk) => gunzip.feed(chunk, &mut take),
            None => gunzip.finish(&mut take),
        }
    }
}

enum Body {
    /// Fewer than two bytes so far: gzip or not is still open.
    Sniffing(Vec<u8>, Meter),
    Plain(Meter),
    Gzip(Box<Inflated>),
    /// Only while switching states.
    Switching,
}

/// The streaming loader of one input: its text goes to `T`, a format's [`Parser`] (see
/// [`Loader::shaped`]) unless said otherwise.
pub struct Loader<T: Text> {
    intake: Intake,
    text: T,
}

/// The raw side of a load, whatever its text becomes: bytes counted and hashed, gzip undone,
/// limits checked, room made. It reaches the text through `&mut dyn Feed`, so that it is
/// compiled once, not again for each kind of text (five, ~2 KB of wasm each).
struct Intake {
    source: String,
    body: Body,
    /// `None` when the bytes are hashed elsewhere (the browser's hashing worker).
    hash: Option<Sha256>,
    bytes: u64,
    /// The body's announced size in raw bytes (a `Content-Length`), which may be false.
    expected: Option<u64>,
    /// Rows the sink has room for.
    room: u64,
}

/// Rows read before their bytes per row predict the rest of the body.
const SAMPLE_ROWS: u64 = 4_096;

/// The most rows room is made for, as a multiple of the rows read: all that a false
/// `Content-Length` can cost (4,096 rows read, a few hundred KB: room for 262,144, ~5 MB).
const ROOM_PER_ROW_READ: u64 = 64;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

impl<S: Sink> Loader<Parser<S>> {
    /// A loader of a hub's own document `shape` (`None`: the formats of docs/inputs.md).
    pub fn shaped(source: impl Into<String>, sink: S, limits: Limits, shape: Option<Shape>) -> Self {
        let source = source.into();
        Loader::new(source.clone(), Parser::shaped(source, sink, shape), limits)
    }

    /// Ends the body: parses what is left and hands back the result.
    pub fn finish(self) -> Result<Loaded<S>, Error> {
        let ((sink, problems, extras), bytes, sha256) = self.end()?;
        Ok(Loaded { sink, problems, bytes, sha256, extras })
    }
}

impl<T: Text> Loader<T> {
    /// A loader that hands the text of the input named `source` to `text`.
    pub fn new(source: String, text: T, limits: Limits) -> Self {
        let meter = Meter { source: source.clone(), limits, raw: 0, text: 0, gzip: false };
        let body = Body::Sniffing(Vec::new(), meter);
        Loader { intake: Intake { source, body, hash: Some(Sha256::new()), bytes: 0, expected: None, room: 0 }, text }
    }

    /// Where the text goes.
    pub fn text_mut(&mut self) -> &mut T {
        &mut self.text
    }

    /// Leaves the SHA-256 to the caller, who hashes the same raw bytes elsewhere and fills
    /// in [`Loaded::sha256`].
    pub fn hash_elsewhere(&mut self) {
        self.intake.hash = None;
    }

    /// Announces the body's size in raw bytes (a `Content-Length`): once a sample of rows
    /// shows how many bytes a row takes, the sink makes room for the rows to come in steps
    /// that end exactly at the predicted count, instead of doubling to up to twice what it
    /// needs (10 M events: about 200 MB of wasm memory, never given back). A false size
    /// costs little: no step makes room for more than [`ROOM_PER_ROW_READ`] times the rows
    /// already read.
    pub fn expect(&mut self, total_bytes: u64) {
        self.intake.expected = Some(total_bytes);
    }

    /// Takes the next chunk of raw bytes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.intake.feed(chunk, &mut self.text)
    }

    /// Ends the body: what the text made, the raw bytes read and their SHA-256 (empty when
    /// hashed elsewhere).
    pub fn end(mut self) -> Result<(T::Output, u64, String), Error> {
        let sha256 = self.intake.end(&mut self.text)?;
        Ok((self.text.finish()?, self.intake.bytes, sha256))
    }
}

impl Intake {
    fn feed(&mut self, chunk: &[u8], text: &mut dyn Feed) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        if let Some(hash) = &mut self.hash {
            hash.update(chunk);
        }
        if let Body::Sniffing(start, _) = &mut self.body {
            start.extend_from_slice(chunk);
            if start.len() < 2 {
                return Ok(());
            }
            let Body::Sniffing(start, mut meter) = std::mem::replace(&mut self.body, Body::Switching) else {
                return Ok(());
            };
            meter.gzip = start[..2] == GZIP_MAGIC;
            self.body = if meter.gzip {
                Body::Gzip(Box::new(Inflated { gunzip: Gunzip::default(), meter, text: Vec::new() }))
            } else {
                Body::Plain(meter)
            };
            return self.write(&start, text);
        }
        self.write(chunk, text)
    }

    /// Hands `chunk` of text on and checks the limits after it; `counted`: the decoder
    /// counted and checked it as it wrote it, else it is counted and checked here first.
    fn pass(text: &mut dyn Feed, meter: &mut Meter, chunk: &[u8], counted: bool) -> Result<(), Error> {
        if !counted {
            meter.text += chunk.len() as u64;
            meter.check(text.rows_read())?;
        }
        text.feed(chunk)?;
        meter.check(text.rows_read())
    }

    fn write(&mut self, chunk: &[u8], text: &mut dyn Feed) -> Result<(), Error> {
        let raw = self.bytes;
        match &mut self.body {
            Body::Plain(meter) => {
                meter.raw = raw;
                Self::pass(text, meter, chunk, false)?;
            }
            Body::Gzip(inflated) => {
                inflated.meter.raw = raw;
                let stopped = inflated.inflate(Some(chunk));
                self.inflated(stopped, text)?;
            }
            Body::Sniffing(..) | Body::Switching => {}
        }
        self.make_room(text);
        Ok(())
    }

    /// Hands on the text the decoder wrote, then says why it stopped, if it did: the
    /// parser's word on that text comes first (a gigabyte of NUL is binary data, not only a
    /// bomb).
    fn inflated(&mut self, stopped: Result<(), Stop<Error>>, text: &mut dyn Feed) -> Result<(), Error> {
        let Body::Gzip(inflated) = &mut self.body else { return Ok(()) };
        let mut inflated_text = std::mem::take(&mut inflated.text);
        let passed = Self::pass(text, &mut inflated.meter, &inflated_text, true);
        inflated_text.clear();
        inflated.text = inflated_text;
        passed?;
        stopped.map_err(|stop| match stop {
            Stop::Refused(e) => e,
            Stop::Corrupt(why) => Error::Format { source: self.source.clone(), reason: format!("the gzip data {why}") },
        })
    }

    /// Makes room for the rows the rest of the body will bring, as far as the rows already
    /// read justify: never more than [`ROOM_PER_ROW_READ`] times as many as were read.
    ///
    /// Each step leaves the room it outgrew behind as a hole in the wasm memory, which never
    /// shrinks; the steps toward the predicted count are therefore planned back from it, each
    /// `ROOM_PER_ROW_READ / 2` times the one before, so that the holes add up to about a
    /// thirty-first of the last room, however the count falls (growing by halves from the rows
    /// read, they added up to as much as the last room again: 10 M events peaked at 2.5× the
    /// store; steps of 8 left a seventh: 1.5×).
    fn make_room(&mut self, text: &mut dyn Feed) {
        let Some(expected) = self.expected else { return };
        let rows = text.rows_read();
        if let Some(target) = room_for(expected, self.bytes, rows, self.room) {
            text.reserve((target - rows) as usize);
            self.room = target;
        }
    }

    /// Hands on what is left of the body, and its SHA-256 (empty when hashed elsewhere).
    fn end(&mut self, text: &mut dyn Feed) -> Result<String, Error> {
        match std::mem::replace(&mut self.body, Body::Switching) {
            Body::Sniffing(start, mut meter) => Self::pass(text, &mut meter, &start, false)?,
            Body::Plain(_) => {}
            Body::Gzip(mut inflated) => {
                let finished = inflated.inflate(None);
                self.body = Body::Gzip(inflated);
                self.inflated(finished, text)?;
            }
            Body::Switching => {
                return Err(Error::Io { source: self.source.clone(), reason: "the load was interrupted".into() })
            }
        }
        Ok(self.hash.take().map(|h| hex(&h.finalize())).unwrap_or_default())
    }
}

/// How many rows to make room for, when `rows` read from `bytes` of a body announced as
/// `expected` bytes call for more than the `room` made: the predicted count, or a step
/// toward it planned back from it (see [`Loader::expect`]).
pub(super) fn room_for(expected: u64, bytes: u64, rows: u64, room: u64) -> Option<u64> {
    if rows < SAMPLE_ROWS || rows * 2 < room {
        return None;
    }
    let predicted = (expected.max(bytes) as f64 * rows as f64 / bytes.max(1) as f64 * 1.02) as u64;
    let allowed = rows * ROOM_PER_ROW_READ;
    let mut target = predicted;
    while target > allowed {
        target = target * 2 / ROOM_PER_ROW_READ; // still over twice the rows read
    }
    (target > room).then_some(target)
}

/// Bytes in lowercase hex (`sha256sum`'s form).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Loads a whole body at once (tests).
#[cfg(test)]
pub fn load_all<S: Sink>(source: &str, sink: S, body: &[u8], limits: Limits) -> Result<Loaded<S>, Error> {
    let mut loader = Loader::shaped(source, sink, limits, None);
    loader.feed(body)?;
    loader.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::EventLog;

    #[test]
    fn an_announced_size_makes_room_for_the_rows_once_instead_of_doubling() {
        let body: String = (0..20_000)
            .map(|i| {
                format!(
                    "{{\"ts\":\"2026-03-01T00:00:{:02}Z\",\"model\":\"m{}\",\"caller\":\"c{}\"}}\n",
                    i % 60,
                    i % 7,
                    i % 3
                )
            })
            .collect();
        let load = |announce: bool| {
            let mut loader = Loader::shaped("e", EventLog::default(), Limits::default(), None);
            if announce {
                loader.expect(body.len() as u64);
            }
            body.as_bytes().chunks(65_536).try_for_each(|chunk| loader.feed(chunk)).unwrap();
            loader.finish().unwrap().sink
        };
        let (announced, unannounced) = (load(true), load(false));
        assert_eq!(announced.day.len(), 20_000);
        assert!(announced.model.capacity() <= 20_000 * 21 / 20, "capacity {}", announced.model.capacity());
        assert!(unannounced.model.capacity() >= 32_768, "the doubling the hint avoids");
    }
}
