//! A body as it arrives: its raw bytes counted and hashed (docs/inputs.md#provenance), gzip
//! undone when the bytes say so (whatever the headers or the file name), and the text handed
//! to the format's parser, with every resource bounded (docs/inputs.md#bounds): the text
//! counts against `max_bytes`, decompression stops at a ratio no real data reaches, rows
//! stop at `max_rows` as they are read, and room is made only for rows the bytes seen justify.

use super::parser::Parser;
use super::{Extras, Shape, Sink};
use crate::error::Error;
use crate::problems::Problems;
use flate2::write::MultiGzDecoder;
use sha2::{Digest, Sha256};
use std::io::Write;

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

/// Feeds the parser the text, from inside the gzip decoder when there is one, counting it
/// against the limits as it comes and keeping the parser's own error.
struct ParserWriter<S, const N: usize> {
    parser: Parser<S, N>,
    source: String,
    limits: Limits,
    /// Raw bytes fed so far, for the ratio.
    raw: u64,
    /// Text bytes handed to the parser so far.
    text: u64,
    gzip: bool,
    error: Option<Error>,
}

impl<S: Sink<N>, const N: usize> ParserWriter<S, N> {
    fn check(&self) -> Result<(), Error> {
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
            Some(max) if self.parser.problems().rows_read > max => Err(too_large(format!("{max} rows"))),
            _ => Ok(()),
        }
    }
}

impl<S: Sink<N>, const N: usize> Write for ParserWriter<S, N> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.text += buf.len() as u64;
        match self.check().and_then(|()| self.parser.feed(buf)).and_then(|()| self.check()) {
            Ok(()) => Ok(buf.len()),
            Err(e) => {
                self.error = Some(e);
                Err(std::io::Error::other("stopped"))
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

enum Body<S: Sink<N>, const N: usize> {
    /// Fewer than two bytes so far: gzip or not is still open.
    Sniffing(Vec<u8>, ParserWriter<S, N>),
    Plain(ParserWriter<S, N>),
    Gzip(Box<MultiGzDecoder<ParserWriter<S, N>>>),
    /// Only while switching states.
    Switching,
}

/// The streaming loader of one input.
pub struct Loader<S: Sink<N>, const N: usize> {
    source: String,
    body: Body<S, N>,
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
/// `Content-Length` can cost.
const ROOM_PER_ROW_READ: u64 = 16;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

impl<S: Sink<N>, const N: usize> Loader<S, N> {
    /// A loader of a hub's own document `shape` (`None`: the formats of docs/inputs.md).
    pub fn shaped(source: impl Into<String>, sink: S, limits: Limits, shape: Option<Shape>) -> Self {
        let source = source.into();
        let parser = Parser::shaped(source.clone(), sink, shape);
        let writer = ParserWriter { parser, source: source.clone(), limits, raw: 0, text: 0, gzip: false, error: None };
        let body = Body::Sniffing(Vec::new(), writer);
        Loader { source, body, hash: Some(Sha256::new()), bytes: 0, expected: None, room: 0 }
    }

    /// Leaves the SHA-256 to the caller, who hashes the same raw bytes elsewhere and fills
    /// in [`Loaded::sha256`].
    pub fn hash_elsewhere(&mut self) {
        self.hash = None;
    }

    /// Announces the body's size in raw bytes (a `Content-Length`): once a sample of rows
    /// shows how many bytes a row takes, the sink makes room for the rows to come in steps
    /// that end exactly at the predicted count, instead of doubling to up to twice what it
    /// needs (10 M events: about 200 MB of wasm memory, never given back). A false size
    /// costs little: no step makes room for more than [`ROOM_PER_ROW_READ`] times the rows
    /// already read.
    pub fn expect(&mut self, total_bytes: u64) {
        self.expected = Some(total_bytes);
    }

    /// Takes the next chunk of raw bytes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        if let Some(hash) = &mut self.hash {
            hash.update(chunk);
        }
        if let Body::Sniffing(start, _) = &mut self.body {
            start.extend_from_slice(chunk);
            if start.len() < 2 {
                return Ok(());
            }
            let Body::Sniffing(start, mut writer) = std::mem::replace(&mut self.body, Body::Switching) else {
                return Ok(());
            };
            writer.gzip = start[..2] == GZIP_MAGIC;
            self.body =
                if writer.gzip { Body::Gzip(Box::new(MultiGzDecoder::new(writer))) } else { Body::Plain(writer) };
            return self.write(&start);
        }
        self.write(chunk)
    }

    fn writer(&mut self) -> Option<&mut ParserWriter<S, N>> {
        match &mut self.body {
            Body::Plain(writer) => Some(writer),
            Body::Gzip(decoder) => Some(decoder.get_mut()),
            Body::Sniffing(..) | Body::Switching => None,
        }
    }

    fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let raw = self.bytes;
        if let Some(writer) = self.writer() {
            writer.raw = raw;
        }
        let result = match &mut self.body {
            Body::Plain(writer) => writer.write_all(chunk).map_err(|e| (writer.error.take(), e)),
            Body::Gzip(decoder) => decoder.write_all(chunk).map_err(|e| (decoder.get_mut().error.take(), e)),
            Body::Sniffing(..) | Body::Switching => Ok(()),
        };
        result.map_err(|(parse, io)| parse.unwrap_or_else(|| self.gzip_error(&io)))?;
        self.make_room();
        Ok(())
    }

    /// Makes room for the rows the rest of the body will bring, as far as the rows already
    /// read justify: never more than [`ROOM_PER_ROW_READ`] times as many as were read.
    ///
    /// Each step leaves the room it outgrew behind as a hole in the wasm memory, which never
    /// shrinks; the steps toward the predicted count are therefore planned back from it, each
    /// `ROOM_PER_ROW_READ / 2` times the one before, so that the holes add up to about a
    /// seventh of the last room, however the count falls (growing by halves from the rows
    /// read, they added up to as much as the last room again: 10 M events peaked at 2.5× the
    /// store).
    fn make_room(&mut self) {
        let (Some(expected), bytes) = (self.expected, self.bytes) else { return };
        let room = self.room;
        let Some(writer) = self.writer() else { return };
        let rows = writer.parser.problems().rows_read;
        if rows < SAMPLE_ROWS || rows * 2 < room {
            return;
        }
        let predicted = (expected.max(bytes) as f64 * rows as f64 / bytes.max(1) as f64 * 1.02) as u64;
        let allowed = rows * ROOM_PER_ROW_READ;
        let mut target = predicted;
        while target > allowed {
            target = target * 2 / ROOM_PER_ROW_READ; // still over twice the rows read
        }
        if target > room {
            writer.parser.reserve((target - rows) as usize);
            self.room = target;
        }
    }

    fn gzip_error(&self, e: &std::io::Error) -> Error {
        Error::Format { source: self.source.clone(), reason: format!("the gzip data is corrupt: {e}") }
    }

    /// Ends the body: parses what is left and hands back the result.
    pub fn finish(mut self) -> Result<Loaded<S>, Error> {
        let writer = match std::mem::replace(&mut self.body, Body::Switching) {
            Body::Sniffing(start, mut writer) => {
                writer.text = start.len() as u64;
                writer.parser.feed(&start)?;
                writer
            }
            Body::Plain(writer) => writer,
            Body::Gzip(mut decoder) => {
                if let Err(e) = decoder.try_finish() {
                    return Err(decoder.get_mut().error.take().unwrap_or_else(|| self.gzip_error(&e)));
                }
                decoder.finish().map_err(|e| self.gzip_error(&e))?
            }
            Body::Switching => {
                return Err(Error::Io { source: self.source.clone(), reason: "the load was interrupted".into() })
            }
        };
        writer.check()?;
        let (sink, problems, extras) = writer.parser.finish()?;
        let sha256 = self.hash.map(|h| hex(&h.finalize())).unwrap_or_default();
        Ok(Loaded { sink, problems, bytes: self.bytes, sha256, extras })
    }
}

/// Bytes in lowercase hex (`sha256sum`'s form).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Loads a whole body at once (tests).
#[cfg(test)]
pub fn load_all<S: Sink<N>, const N: usize>(
    source: &str,
    sink: S,
    body: &[u8],
    limits: Limits,
) -> Result<Loaded<S>, Error> {
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
        assert!(announced.day.capacity() <= 20_000 * 21 / 20, "capacity {}", announced.day.capacity());
        assert!(unannounced.day.capacity() >= 32_768, "the doubling the hint avoids");
    }
}
