//! Daily rollups as read: their cells and the model ids they name.

use super::{Cell, Interner, Tallies};

/// The cells of a rollups input (SPEC §1.3), with its own model ids until a dataset is
/// assembled from it.
#[derive(Default)]
pub struct Rollups {
    pub tallies: Tallies,
    pub models: Interner,
    /// Each model's latest cell, to notice a repeated (day, model) in grouped input.
    latest: Vec<usize>,
}

impl Rollups {
    /// Whether `cell` repeats its model's latest cell's day. Warehouse output comes grouped
    /// by day or by model, where this finds every repeat; in shuffled input some go
    /// unnoticed, which changes no figure (cells are summed).
    pub fn is_repeat(&self, cell: &Cell) -> bool {
        let latest = self.latest.get(cell.model as usize).copied().unwrap_or(usize::MAX);
        latest != usize::MAX && self.tallies.day[latest] == cell.day && self.tallies.model[latest] == cell.model
    }

    pub fn push(&mut self, cell: &Cell) {
        let index = self.tallies.len();
        self.tallies.push(cell);
        let m = cell.model as usize;
        if m < u32::MAX as usize {
            if self.latest.len() <= m {
                self.latest.resize(m + 1, usize::MAX);
            }
            self.latest[m] = index;
        }
    }
}
