//! The model registry as read: one listing per model, in input order.

use crate::day::Day;
use hashbrown::HashMap;

/// One listed model, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryRow {
    pub model: String,
    pub listed: Day,
    /// Compared with callers, so `0x` addresses are lowercased like theirs.
    pub owner: Option<String>,
    pub name: Option<String>,
    pub category: Option<String>,
}

/// The listed models (docs/inputs.md#registry). Resolved against the events' ids when a dataset is
/// assembled, since the two inputs load independently.
#[derive(Default)]
pub struct Registry {
    pub rows: Vec<RegistryRow>,
    index: HashMap<String, usize>,
}

impl Registry {
    /// Adds a listing; `false` (and nothing changes) when the model is already listed.
    pub fn insert(&mut self, row: RegistryRow) -> bool {
        if self.index.contains_key(&row.model) {
            return false;
        }
        self.index.insert(row.model.clone(), self.rows.len());
        self.rows.push(row);
        true
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }
}
