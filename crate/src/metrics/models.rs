//! Per-model rows (docs/metrics.md): every model of listed ∪ active, busiest first.

use super::scope::Scope;
use super::volume::week_over_week;
use crate::day::Day;
use crate::mode::Mode;
use crate::report::{ratio, ModelRow};
use crate::store::{MISSING, NONE};
use hashbrown::HashSet;

/// Tallies of one model over the window.
#[derive(Default)]
struct Tally {
    verified: u64,
    self_calls: u64,
    knowable: u64,
    first: Option<Day>,
    last: Option<Day>,
    daily: Vec<u64>,
    /// Cells with events, and the distinct callers of the latest (rollups only).
    cells: u32,
    cell_callers: Option<u64>,
}

/// The rows of the universe `in_universe`, busiest first (ties by model id).
pub fn rows(scope: &Scope, per_model: &[u64], in_universe: &[bool]) -> Vec<ModelRow> {
    let t = scope.tallies;
    let days = scope.window.days as usize;
    let mut tallies: Vec<Option<Tally>> =
        in_universe.iter().map(|&u| u.then(|| Tally { daily: vec![0; days], ..Tally::default() })).collect();
    for c in scope.model_cells() {
        let Some(tally) = &mut tallies[t.model[c] as usize] else { continue };
        let day = t.day[c];
        tally.daily[scope.slot_of(day)] += t.events[c];
        tally.first.get_or_insert(day);
        tally.last = Some(day);
        tally.verified += t.mode(Mode::Tee, c) + t.mode(Mode::Zkml, c);
        tally.self_calls += t.self_calls.as_ref().map_or(0, |s| s[c]);
        tally.knowable += t.knowable.as_ref().map_or(0, |k| k[c]);
        tally.cells += 1;
        tally.cell_callers = t.callers.as_ref().map(|v| v[c]).filter(|&n| n != MISSING);
    }
    let event_callers = scope.has_events().then(|| callers_per_model(scope, per_model.len()));
    let sketched = super::estimates::model_callers(scope, per_model.len());
    let total: u64 = t.events[scope.cells.clone()].iter().sum();
    let mut rows: Vec<ModelRow> = tallies
        .into_iter()
        .enumerate()
        .filter_map(|(m, tally)| tally.map(|tally| (m, tally)))
        .map(|(m, tally)| {
            let model = scope.log.models.name(m as u32).to_owned();
            let events = per_model[m];
            let name = scope.listings.get(m).and_then(|l| l.as_ref()?.name.clone()).unwrap_or_else(|| model.clone());
            // From rollups, a model's callers are known when all its use fell on one day,
            // and estimated from its rows' sketches otherwise.
            let estimate = sketched.as_ref().and_then(|s| s[m]);
            let callers = match (&event_callers, tally.cells) {
                (Some(callers), _) => Some(callers[m]),
                (None, 0) => Some(0),
                (None, 1) => tally.cell_callers.or(estimate),
                (None, _) => estimate,
            };
            ModelRow {
                name,
                events,
                share: ratio(events as f64, total as f64),
                callers,
                verified_share: ratio(tally.verified as f64, events as f64),
                self_call_share: t
                    .knowable
                    .as_ref()
                    .and_then(|_| ratio(tally.self_calls as f64, tally.knowable as f64)),
                events_wow: week_over_week(&tally.daily),
                first_day: tally.first,
                last_day: tally.last,
                daily: tally.daily,
                model,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.model.cmp(&b.model)));
    rows
}

/// Distinct callers of each model in the window, from the raw events. A bit per (model,
/// caller) pair when that fits in a few megabytes, as it does for most hubs (one bit test
/// per event); a hash set of the pairs otherwise.
fn callers_per_model(scope: &Scope, models: usize) -> Vec<u64> {
    const MAX_BITS: usize = 1 << 25; // 4 MB
    let log = scope.log;
    let callers = log.callers.len();
    let events = scope.ok().filter(|&i| log.caller[i] != NONE);
    let mut counts = vec![0u64; models];
    if models.saturating_mul(callers) <= MAX_BITS {
        let mut seen = vec![0u64; (models * callers).div_ceil(64)];
        for i in events {
            let bit = log.model[i] as usize * callers + log.caller[i] as usize;
            let (word, mask) = (&mut seen[bit / 64], 1u64 << (bit % 64));
            if *word & mask == 0 {
                *word |= mask;
                counts[log.model[i] as usize] += 1;
            }
        }
        return counts;
    }
    let mut pairs: HashSet<u64, foldhash::fast::FixedState> = HashSet::default();
    for i in events {
        if pairs.insert(u64::from(log.model[i]) << 32 | u64::from(log.caller[i])) {
            counts[log.model[i] as usize] += 1;
        }
    }
    counts
}
