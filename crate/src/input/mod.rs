//! From bytes to rows: gzip and format detection, streaming parsers for NDJSON, JSON
//! arrays and CSV, the field rules of each input kind, and the problems found (docs/inputs.md).
//! Knows nothing of metrics.

mod csv;
mod detect;
mod events;
mod fields;
mod json;
mod json_array;
mod load;
mod ndjson;
mod registry;
mod rollups;
mod shape;
mod snapshots;
mod stream;
pub mod time;
mod value;

pub use detect::{detect, Detected, Format};
pub use events::EVENT_SLOTS;
pub(crate) use load::Stored;
pub use load::{InputKind, InputLoader, LoadedInput};
pub use registry::REGISTRY_SLOTS;
pub use rollups::ROLLUP_SLOTS;
pub use shape::{Shape, ShapeKind};
pub use snapshots::SNAPSHOT_SLOTS;
#[cfg(target_arch = "wasm32")]
pub use stream::hex;
pub use stream::{Limits, Loaded};
pub use value::{Record, Schema};

use crate::day::Day;
use crate::error::Error;
use crate::problems::Problems;
use crate::store::Registry;

/// What a hub's document carries besides its demand rows.
#[derive(Default)]
pub struct Extras {
    /// The credit the source's licence asks for.
    pub attribution: Option<String>,
    /// The models the document lists, read by the registry's field rules.
    pub registry: Option<(Registry, Problems)>,
    /// The days its counts are totals over, when they are not per day.
    pub period: Option<(Day, Day)>,
    /// What its counts are in (`tokens`, `runs`, `downloads`).
    pub unit: Option<&'static str>,
}

/// Where the records of one input kind go once read: the sink validates each record
/// and stores what it accepts.
pub trait Sink<const N: usize> {
    type Schema: Schema;
    fn accept(&mut self, record: Record<'_, N>, line: u64, problems: &mut Problems);

    /// Makes room for about `additional` more rows (a hint; sinks that gain nothing ignore it).
    fn reserve(&mut self, _additional: usize) {}
}

/// The reader of the detected format.
enum Reader {
    /// The format is not known yet: the body's first bytes, kept until it is.
    Undecided(Vec<u8>),
    /// A hub's own document shape: the whole (uncompressed) body, adapted at the end.
    Document(Vec<u8>, Shape),
    Ndjson(ndjson::Lines),
    JsonArray(json_array::Elements),
    Csv(Box<csv::Rows>),
}

/// A streaming parser of (uncompressed) text: feed it the body chunk by chunk as it
/// arrives, then finish. Only an unfinished last line or element is ever copied, so the
/// body is never held twice.
pub struct Parser<S, const N: usize> {
    source: String,
    sink: S,
    problems: Problems,
    reader: Reader,
}

impl<S: Sink<N>, const N: usize> Parser<S, N> {
    /// A parser of a hub's own document `shape`, or (`None`) of the formats of docs/inputs.md.
    pub fn shaped(source: impl Into<String>, sink: S, shape: Option<Shape>) -> Self {
        let reader = shape.map_or(Reader::Undecided(Vec::new()), |shape| Reader::Document(Vec::new(), shape));
        Parser { source: source.into(), sink, problems: Problems::default(), reader }
    }

    /// The rows counted so far.
    pub fn problems(&self) -> &Problems {
        &self.problems
    }

    /// Makes room in the sink for about `additional` more rows.
    pub fn reserve(&mut self, additional: usize) {
        self.sink.reserve(additional);
    }

    /// Parses what `chunk` completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        if let Reader::Undecided(start) = &mut self.reader {
            start.extend_from_slice(chunk);
            let reader = match detect(start) {
                Detected::Undecided => return Ok(()),
                Detected::Html => return Err(self.format_error("this is an HTML page, not data".into())),
                Detected::Format(Format::Ndjson) => Reader::Ndjson(ndjson::Lines::default()),
                Detected::Format(Format::JsonArray) => Reader::JsonArray(json_array::Elements::default()),
                Detected::Format(Format::Csv) => Reader::Csv(Box::default()),
            };
            let start = std::mem::take(start);
            self.reader = reader;
            return self.feed_decided(start.strip_prefix(detect::BOM).unwrap_or(&start));
        }
        self.feed_decided(chunk)
    }

    fn feed_decided(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let (sink, problems) = (&mut self.sink, &mut self.problems);
        let result = match &mut self.reader {
            Reader::Undecided(_) => Ok(()),
            Reader::Document(body, _) => {
                body.extend_from_slice(chunk);
                Ok(())
            }
            Reader::Ndjson(lines) => {
                lines.feed(chunk, sink, problems);
                Ok(())
            }
            Reader::JsonArray(elements) => elements.feed(chunk, sink, problems),
            // An empty chunk would tell csv-core the body has ended.
            Reader::Csv(_) if chunk.is_empty() => Ok(()),
            Reader::Csv(rows) => rows.feed(chunk, sink, problems),
        };
        result.map_err(|reason| self.format_error(reason))
    }

    /// Parses what is left at the end of the body and hands back what was stored, with
    /// what a hub's document carries besides.
    pub fn finish(mut self) -> Result<(S, Problems, Extras), Error> {
        let (sink, problems) = (&mut self.sink, &mut self.problems);
        let mut extras = Extras::default();
        let result = match &mut self.reader {
            Reader::Document(body, shape) => {
                json::parse_document(body, *shape, sink, problems).map(|document| extras = document)
            }
            Reader::Undecided(start) if start.iter().all(u8::is_ascii_whitespace) => Ok(()),
            Reader::Undecided(_) => Err("not a supported format".to_owned()),
            Reader::Ndjson(lines) => {
                lines.finish(sink, problems);
                Ok(())
            }
            Reader::JsonArray(elements) => {
                elements.finish(problems);
                Ok(())
            }
            Reader::Csv(rows) => rows.feed(&[], sink, problems),
        };
        result.map_err(|reason| self.format_error(reason))?;
        Ok((self.sink, self.problems, extras))
    }

    fn format_error(&self, reason: String) -> Error {
        Error::Format { source: self.source.clone(), reason }
    }
}

#[cfg(test)]
mod encodings;
#[cfg(test)]
mod tests;
