//! What a report counts: the window's (day, model) cells and, when the dataset has them,
//! its raw events, both in day order.

use super::Window;
use crate::dataset::Dataset;
use crate::day::Day;
use crate::provenance::Basis;
use crate::store::{Events, Listings, Tallies, NONE};
use std::ops::Range;

/// One window over one dataset: what every metric function takes.
pub struct Scope<'a> {
    pub log: &'a Events,
    pub tallies: &'a Tallies,
    pub basis: Basis,
    /// By model id; models not in the registry are not listed.
    pub listings: &'a Listings,
    pub has_registry: bool,
    pub window: Window,
    /// The window's events (failed ones included) in the day-ordered log.
    pub range: Range<usize>,
    /// The window's cells in the day-ordered tallies.
    pub cells: Range<usize>,
}

impl<'a> Scope<'a> {
    pub fn new(data: &'a Dataset, window: Window) -> Scope<'a> {
        Scope {
            log: &data.events,
            tallies: &data.tallies,
            basis: data.basis,
            listings: &data.listings,
            has_registry: data.has_registry,
            window,
            range: data.events.range(window.from, window.to),
            cells: data.tallies.range(window.from, window.to),
        }
    }

    /// Whether the raw events are there: the figures that need them are `None` otherwise.
    pub fn has_events(&self) -> bool {
        self.basis == Basis::Events
    }

    /// The successful events of the window: the ones every metric but `failed` counts.
    pub fn ok(&self) -> impl Iterator<Item = usize> + '_ {
        self.log.ok_in(self.range.clone())
    }

    /// The window's cells that count as use of a model: some successful event, a model
    /// (not the long tail).
    pub fn model_cells(&self) -> impl Iterator<Item = usize> + '_ {
        let t = self.tallies;
        self.cells.clone().filter(move |&c| t.events[c] > 0 && t.model[c] != NONE)
    }

    /// The index of `day` in the window's daily series.
    #[inline]
    pub fn slot_of(&self, day: Day) -> usize {
        (day.0 - self.window.from.0) as usize
    }

    /// The successful events of the window with their days, in day order.
    pub fn ok_days(&self) -> impl Iterator<Item = (Day, usize)> + '_ {
        let ok = &self.log.ok;
        self.log
            .days_in(self.range.clone())
            .flat_map(move |(day, events)| events.filter(|&i| ok.get(i)).map(move |i| (day, i)))
    }

    /// The number of model ids (the demand side's and the registry's).
    pub fn model_count(&self) -> usize {
        self.log.models.len()
    }

    /// Successful events per model id in the window.
    pub fn events_per_model(&self) -> Vec<u64> {
        let mut counts = vec![0u64; self.model_count()];
        for c in self.model_cells() {
            counts[self.tallies.model[c] as usize] += self.tallies.events[c];
        }
        counts
    }

    /// The day each model counts as listed from: the registry's `listed_at`, or without a
    /// registry the day of the model's first successful event in all the data (docs/inputs.md#registry).
    pub fn listed_days(&self) -> Vec<Option<Day>> {
        if self.has_registry {
            return (0..self.listings.len()).map(|m| self.listings.listed(m)).collect();
        }
        let t = self.tallies;
        let mut first = vec![None; self.model_count()];
        for c in (0..t.len()).filter(|&c| t.events[c] > 0 && t.model[c] != NONE) {
            let slot = &mut first[t.model[c] as usize];
            if slot.is_none() {
                *slot = Some(t.day[c]); // the cells are in day order
            }
        }
        first
    }
}

/// Whether each model is listed by `to` (docs/metrics.md: its listing day ≤ `to`), given
/// the days they count as listed from: with the active models, the window's universe.
pub fn listed_by(listed: &[Option<Day>], to: Day) -> Vec<bool> {
    listed.iter().map(|d| d.is_some_and(|d| d <= to)).collect()
}
