//! The report's `input` block: what was read and refused, and where it came from.

use super::Dataset;
use crate::problems::Problems;
use crate::report::{Estimate, InputSummary, Sketched, Unavailable};
use std::collections::BTreeMap;

impl Dataset {
    /// The sketches the rollups carry.
    fn sketched(&self) -> Sketched {
        let t = &self.tallies;
        Sketched { callers: t.callers_sketch.is_some(), latency: t.latency_sketch.is_some() }
    }

    /// The report's `input` block: every input's rows, the first problems, and the sources.
    pub(crate) fn input_summary(&self) -> InputSummary {
        let mut total = Problems::default();
        for (input, problems) in &self.problems {
            let mut named = problems.clone();
            named.problems.iter_mut().for_each(|p| p.input = input.clone());
            total.absorb(&named);
        }
        InputSummary {
            rows_read: total.rows_read,
            rows_rejected: total.rows_rejected,
            warnings: total.warnings,
            problems: total.problems,
            supply_source: if self.has_registry { "registry" } else { "estimated" },
            demand_source: self.basis,
            unit: self.unit.unwrap_or(self.basis.default_unit()).to_owned(),
            attribution: self.attribution.clone(),
            unavailable: Unavailable::of(self.basis, self.tallies.self_calls.is_some(), self.sketched()),
            estimates: Estimate::of(self.basis, self.sketched()),
            sources: self.sources.clone(),
            filter: self.filter.clone(),
            filter_names: self.filter_names_copy(),
        }
    }

    /// The filter's names, copied an entry at a time: the map's own `clone` would be compiled
    /// apart for this one use (0.8 KB of wasm).
    fn filter_names_copy(&self) -> BTreeMap<String, String> {
        let mut names = BTreeMap::new();
        for (id, name) in &self.filter_names {
            names.insert(id.clone(), name.clone());
        }
        names
    }
}
