//! Supply vs demand (docs/metrics.md): listed, active, idle and unlisted models.

use super::scope::Scope;
use crate::day::Day;
use crate::report::{ratio, Report};

/// Fills the supply-vs-demand figures and their daily series; `listed` is each model's
/// listing day and `is_listed` whether that is by the window's end.
pub fn fill(scope: &Scope, per_model: &[u64], listed: &[Option<Day>], is_listed: &[bool], report: &mut Report) {
    let w = scope.window;
    let models = per_model.len();
    // One pass over the models, however many the registry lists.
    let (mut active, mut listed_count, mut idle, mut unlisted, mut listed_and_active) = (0, 0, 0, 0, 0);
    for (m, (&events, &listed)) in per_model.iter().zip(is_listed).enumerate() {
        let used = events > 0;
        active += u64::from(used);
        listed_count += u64::from(listed);
        idle += u64::from(listed && !used);
        unlisted += u64::from(used && scope.has_registry && !scope.listings.is_listed(m));
        listed_and_active += u64::from(used && listed);
    }
    (report.models_active, report.models_listed, report.models_idle, report.models_unlisted) =
        (active, listed_count, idle, unlisted);
    report.active_ratio = ratio(listed_and_active as f64, report.models_listed as f64);
    report.events_per_listed_model = ratio(report.events as f64, report.models_listed as f64);
    report.daily.models_listed = daily_listed(listed, w.from, w.days as usize);
    report.daily.models_active = daily_active(scope, models);
}

/// Models listed on or before each day.
fn daily_listed(listed: &[Option<Day>], from: Day, days: usize) -> Vec<u64> {
    let mut new_per_day = vec![0u64; days];
    for day in listed.iter().flatten() {
        let slot = (day.0 - from.0).max(0) as usize;
        if slot < days {
            new_per_day[slot] += 1;
        }
    }
    new_per_day
        .iter()
        .scan(0, |total, n| {
            *total += n;
            Some(*total)
        })
        .collect()
}

/// Distinct models with an event on each day: one pass, since the cells are in day order.
fn daily_active(scope: &Scope, models: usize) -> Vec<u64> {
    let mut counts = vec![0u64; scope.window.days as usize];
    let mut last_slot = vec![u32::MAX; models];
    for c in scope.model_cells() {
        let (m, slot) = (scope.tallies.model[c] as usize, scope.slot_of(scope.tallies.day[c]));
        if last_slot[m] != slot as u32 {
            last_slot[m] = slot as u32;
            counts[slot] += 1;
        }
    }
    counts
}
