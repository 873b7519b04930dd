//! The events a report counts: the successful ones of the window, in day order.

use super::Window;
use crate::dataset::{Dataset, Listing};
use crate::day::Day;
use crate::store::EventLog;
use std::ops::Range;

/// One window over one dataset: what every metric function takes.
pub struct Scope<'a> {
    pub log: &'a EventLog,
    /// Indexed by model id; empty entries for models not in the registry.
    pub listings: &'a [Option<Listing>],
    pub has_registry: bool,
    pub window: Window,
    /// The window's events (failed ones included) in the day-ordered log.
    pub range: Range<usize>,
}

impl<'a> Scope<'a> {
    pub fn new(data: &'a Dataset, window: Window) -> Scope<'a> {
        let range = data.events.range(window.from, window.to);
        Scope { log: &data.events, listings: &data.listings, has_registry: data.has_registry, window, range }
    }

    /// The successful events of the window: the ones every metric but `failed` counts.
    pub fn ok(&self) -> impl Iterator<Item = usize> + '_ {
        self.log.ok_in(self.range.clone())
    }

    /// The index of event `i`'s day in the window's daily series.
    #[inline]
    pub fn slot(&self, i: usize) -> usize {
        (self.log.day[i].0 - self.window.from.0) as usize
    }

    /// The number of model ids (events' and registry's).
    pub fn model_count(&self) -> usize {
        self.log.models.len()
    }

    /// Successful events per model id in the window.
    pub fn events_per_model(&self) -> Vec<u64> {
        let mut counts = vec![0u64; self.model_count()];
        for i in self.ok() {
            counts[self.log.model[i] as usize] += 1;
        }
        counts
    }

    /// The day each model counts as listed from: the registry's `listed_at`, or without a
    /// registry the day of the model's first successful event in all the data (SPEC §1.2).
    pub fn listed_days(&self) -> Vec<Option<Day>> {
        if self.has_registry {
            return self.listings.iter().map(|l| l.as_ref().map(|l| l.listed)).collect();
        }
        let mut first = vec![None; self.model_count()];
        for i in self.log.ok_in(0..self.log.len()) {
            let slot = &mut first[self.log.model[i] as usize];
            if slot.is_none() {
                *slot = Some(self.log.day[i]); // the log is in day order
            }
        }
        first
    }
}
