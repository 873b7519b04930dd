//! Per-model rows (SPEC §2): every model of listed ∪ active, busiest first.

use super::organic::is_self_call;
use super::scope::Scope;
use super::volume::week_over_week;
use crate::day::Day;
use crate::report::{ratio, ModelRow};
use crate::store::NONE;
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
}

/// The rows of the universe `in_universe`, busiest first (ties by model id).
pub fn rows(scope: &Scope, per_model: &[u64], in_universe: &[bool], owners: &[u32]) -> Vec<ModelRow> {
    let log = scope.log;
    let days = scope.window.days as usize;
    let mut tallies: Vec<Option<Tally>> =
        in_universe.iter().map(|&u| u.then(|| Tally { daily: vec![0; days], ..Tally::default() })).collect();
    let mut pairs: HashSet<u64, foldhash::fast::FixedState> = HashSet::default();
    for i in scope.ok() {
        let m = log.model[i] as usize;
        let Some(t) = &mut tallies[m] else { continue };
        let day = log.day[i];
        t.daily[scope.slot(i)] += 1;
        t.first.get_or_insert(day);
        t.last = Some(day);
        t.verified += u64::from(log.mode[i].is_verified());
        if let Some(is_self) = is_self_call(scope, owners, i) {
            t.knowable += 1;
            t.self_calls += u64::from(is_self);
        }
        if log.caller[i] != NONE {
            pairs.insert((m as u64) << 32 | u64::from(log.caller[i]));
        }
    }
    let mut callers = vec![0u64; per_model.len()];
    for pair in pairs {
        callers[(pair >> 32) as usize] += 1;
    }
    let total: u64 = per_model.iter().sum();
    let mut rows: Vec<ModelRow> = tallies
        .into_iter()
        .enumerate()
        .filter_map(|(m, t)| t.map(|t| (m, t)))
        .map(|(m, t)| {
            let model = log.models.name(m as u32).to_owned();
            let events = per_model[m];
            let name = scope.listings.get(m).and_then(|l| l.as_ref()?.name.clone()).unwrap_or_else(|| model.clone());
            ModelRow {
                name,
                events,
                share: ratio(events as f64, total as f64),
                callers: callers[m],
                verified_share: ratio(t.verified as f64, events as f64),
                self_call_share: ratio(t.self_calls as f64, t.knowable as f64),
                events_wow: week_over_week(&t.daily),
                first_day: t.first,
                last_day: t.last,
                daily: t.daily,
                model,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.model.cmp(&b.model)));
    rows
}
