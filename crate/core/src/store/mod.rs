//! Where accepted input lives: compact columns with interned ids (docs/inputs.md, DESIGN.md).

mod bits;
mod columns;
mod counts;
mod event_days;
mod events;
mod interner;
mod labels;
mod latency;
mod listings;
mod registry;
mod rollups;
mod snapshots;
mod tallies;

pub use bits::Bits;
pub use columns::{Column, ColumnsIn, ColumnsOut, Mismatch};
pub use counts::Counts;
pub use event_days::EventDays;
pub use events::{EventLog, EventRow, Events, NONE};
pub use interner::Interner;
pub use labels::Labels;
pub use latency::{from_tenths, Latencies, Values};
pub use listings::{Listing, Listings};
pub use registry::{Registry, RegistryRow};
pub use rollups::{Rollups, MAX_COUNTED};
pub use snapshots::Snapshots;
pub use tallies::{Cell, Tallies, MISSING};

/// The stable permutation that puts `days` in order, or `None` when they already are (as
/// most inputs are): the event log and the tallies both sort by it.
fn day_order(days: &[crate::day::Day]) -> Option<Vec<u32>> {
    if days.is_sorted() {
        return None;
    }
    let mut order: Vec<u32> = (0..days.len() as u32).collect();
    crate::sort::sort(&mut order, &|&a, &b| days[a as usize].cmp(&days[b as usize]));
    Some(order)
}

/// Reorders a column: entry `k` becomes the value at `order[k]`.
fn permute<T: Clone>(column: &mut Vec<T>, order: &[u32]) {
    *column = gathered(column, order);
}

/// The values at `order`, in its order: a reordering, or a selection when `order` leaves
/// some out.
fn gathered<T: Clone>(column: &[T], order: &[u32]) -> Vec<T> {
    order.iter().map(|&i| column[i as usize].clone()).collect()
}
