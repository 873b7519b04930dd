//! Where accepted input lives: compact columns with interned ids (SPEC §1, DESIGN.md).

mod bits;
mod events;
mod interner;
mod mode;
mod registry;
mod rollups;
mod tallies;

pub use bits::Bits;
pub use events::{EventLog, NONE};
pub use interner::Interner;
pub use mode::Mode;
pub use registry::Registry;
pub use rollups::Rollups;
pub use tallies::{Cell, Tallies, MISSING};
