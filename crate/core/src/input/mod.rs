//! From bytes to rows: gzip and format detection, streaming parsers for NDJSON, JSON
//! arrays and CSV, the field rules of each input kind, and the problems found (docs/inputs.md).
//! Knows nothing of metrics.

mod csv;
mod events;
mod fields;
mod gzip;
mod json;
pub mod json_object;
mod json_stream;
mod load;
mod ndjson;
mod parser;
mod registry;
mod rollups;
mod segments;
mod shape;
mod snapshots;
mod stream;
pub mod time;
pub(crate) mod value;

pub(crate) use fields::caller;
pub(crate) use load::Stored;
pub use load::{InputKind, InputLoader, LoadedInput};
#[cfg(target_arch = "wasm32")]
pub use segments::{parse_piece, Cutter, Head, Joined, Piece, Segment, Tail, PIECE_BYTES};
pub use shape::{Shape, ShapeKind};
#[cfg(target_arch = "wasm32")]
pub use stream::{hex, Loader};
pub use stream::{Limits, Loaded};
pub use value::Record;

// Every kind's slots fit one record.
const _: () = assert!(
    events::EVENT_SLOTS <= value::MAX_SLOTS
        && registry::REGISTRY_SLOTS <= value::MAX_SLOTS
        && rollups::ROLLUP_SLOTS <= value::MAX_SLOTS
        && snapshots::SNAPSHOT_SLOTS <= value::MAX_SLOTS
);

use crate::day::Day;
use crate::problems::Problems;
use crate::store::Registry;

/// The longest row kept, in bytes: a line of NDJSON, an element of a JSON array, a CSV
/// record. A longer one streams by without being kept and is one rejected row, so no input
/// can make a parser hold more (a hub's document has its own bound per item, `MAX_ITEM`).
pub const MAX_RECORD: usize = 1 << 20;

/// Counts a row that was longer than `max` bytes as rejected: every parser's and document
/// shape's answer to a record it did not keep.
pub fn too_long(line: u64, max: usize, problems: &mut Problems) {
    problems.rows_read += 1;
    problems.reject(line, "record", || format!("longer than {max} bytes; skipped"));
}

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
/// Parsers hold it as `dyn Sink`: a row costs one indirect call, and each format's parser
/// is compiled once for all kinds.
pub trait Sink {
    /// The slot of a field name (aliases included), and whether the name is the canonical
    /// one (which wins over an alias given in the same record). Unknown names: `None`.
    fn slot(&self, name: &str) -> Option<(usize, bool)>;
    fn accept(&mut self, record: Record<'_>, line: u64, problems: &mut Problems);

    /// Makes room for about `additional` more rows (a hint; sinks that gain nothing ignore it).
    fn reserve(&mut self, _additional: usize) {}
}

#[cfg(test)]
mod encodings;
#[cfg(test)]
mod tests;
