//! Where accepted input lives: compact columns with interned ids (SPEC §1, DESIGN.md).

mod bits;
mod events;
mod interner;
mod latency;
mod mode;
mod registry;
mod rollups;
mod snapshots;
mod tallies;

pub use bits::Bits;
pub use events::{EventLog, Events, NONE};
pub use interner::Interner;
pub use latency::Latencies;
pub use mode::Mode;
pub use registry::Registry;
pub use rollups::Rollups;
pub use snapshots::Snapshots;
pub use tallies::{Cell, Tallies, MISSING};
