//! Daily rollups as read: their cells and the model ids they name.

use super::{Cell, Interner, Tallies};
use crate::day::Day;

/// The most inferences one input may count in all: sums of any of its cells, in any
/// window, then fit a `u64` with room to spare, whatever the rows say.
pub const MAX_COUNTED: u64 = 1 << 62;

/// The cells of a rollups input (docs/inputs.md#rollups), with its own model ids until a
/// dataset is assembled from it.
#[derive(Default)]
pub struct Rollups {
    pub tallies: Tallies,
    pub models: Interner,
    /// The days whose counts carry more than one day, with how many (ascending, each day
    /// once): counter snapshots differenced across a gap put the use of the days without a
    /// snapshot on the day that closes it. Empty for rollups as read.
    pub carried: Vec<(Day, u32)>,
    /// Each model's latest cell, to notice a repeated (day, model) in grouped input.
    latest: Vec<usize>,
    /// Inferences (successful and failed) of the cells so far.
    counted: u64,
}

impl Rollups {
    /// Whether `cell` repeats its model's latest cell's day. Warehouse output comes grouped
    /// by day or by model, where this finds every repeat; in shuffled input some go
    /// unnoticed, which changes no figure (cells are summed).
    pub fn is_repeat(&self, cell: &Cell) -> bool {
        let latest = self.latest.get(cell.model as usize).copied().unwrap_or(usize::MAX);
        latest != usize::MAX && self.tallies.day[latest] == cell.day && self.tallies.model[latest] == cell.model
    }

    /// Stores `cell`; `false` (and nothing is stored) when the input's counts would add up
    /// past [`MAX_COUNTED`].
    pub fn push(&mut self, cell: &Cell) -> bool {
        match self.counted.checked_add(cell.events).and_then(|n| n.checked_add(cell.failed)) {
            Some(n) if n <= MAX_COUNTED => self.counted = n,
            _ => return false,
        }
        let index = self.tallies.len();
        self.tallies.push(cell);
        let m = cell.model as usize;
        if m < u32::MAX as usize {
            if self.latest.len() <= m {
                self.latest.resize(m + 1, usize::MAX);
            }
            self.latest[m] = index;
        }
        true
    }
}
