//! Per-model rows (docs/metrics.md): every model of listed ∪ active, busiest first.

use super::scope::Scope;
use super::volume::week_over_week;
use super::Detail;
use crate::day::Day;
use crate::mode::Mode;
use crate::report::{ratio, ModelRow};
use crate::sort;
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

/// The models `detail` asks for among the universe `in_universe`, busiest first (ties by
/// model id), each with its rank among them all.
fn chosen(scope: &Scope, per_model: &[u64], in_universe: &[bool], detail: &Detail) -> Vec<(u64, u32)> {
    let names = &scope.log.models;
    let order = |a: &u32, b: &u32| {
        per_model[*b as usize].cmp(&per_model[*a as usize]).then_with(|| names.name(*a).cmp(names.name(*b)))
    };
    let ranked = |models: Vec<u32>| models.into_iter().enumerate().map(|(i, m)| (i as u64 + 1, m)).collect();
    let models = 0..per_model.len() as u32;
    match detail {
        Detail::All => {
            let mut universe: Vec<u32> = models.filter(|&m| in_universe[m as usize]).collect();
            sort::sort(&mut universe, &order);
            ranked(universe)
        }
        Detail::Top(0) => Vec::new(),
        Detail::Top(n) => {
            // The busiest are among the active models, which are few beside a large registry's
            // idle ones; idle models (in the order of their ids) only fill the places left.
            let busiest = |list: &mut Vec<u32>, k: usize| {
                sort::busiest_first(list, k, &|m| per_model[m as usize], &order);
                list.truncate(k);
            };
            let mut top: Vec<u32> =
                models.clone().filter(|&m| in_universe[m as usize] && per_model[m as usize] > 0).collect();
            busiest(&mut top, *n);
            if top.len() < *n {
                let mut idle: Vec<u32> =
                    models.filter(|&m| in_universe[m as usize] && per_model[m as usize] == 0).collect();
                busiest(&mut idle, *n - top.len());
                top.append(&mut idle);
            }
            ranked(top)
        }
        Detail::Model(wanted) => {
            let universe: Vec<u32> = models.filter(|&m| in_universe[m as usize]).collect();
            let wanted = wanted.trim();
            let by_id = names.find(wanted).filter(|&m| in_universe[m as usize]);
            // Else the busiest model of that display name.
            let by_name = || {
                let named = |m: &&u32| scope.listings.get(**m as usize).and_then(|l| l.name) == Some(wanted);
                universe.iter().filter(named).copied().min_by(order)
            };
            let Some(model) = by_id.or_else(by_name) else { return Vec::new() };
            let before = universe.iter().filter(|m| order(m, &model).is_lt()).count() as u64;
            vec![(before + 1, model)]
        }
    }
}

/// The rows that `detail` asks for, of the universe `in_universe`, busiest first (ties by
/// model id). Only the rows asked for are tallied, so a chart of a hub of a million models
/// makes a few daily series, not a million.
pub fn rows(scope: &Scope, per_model: &[u64], in_universe: &[bool], detail: &Detail) -> Vec<ModelRow> {
    let t = scope.tallies;
    let days = scope.window.days as usize;
    let chosen = chosen(scope, per_model, in_universe, detail);
    if chosen.is_empty() {
        return Vec::new();
    }
    // Each chosen model's place among the chosen, by model id.
    let mut slot = vec![u32::MAX; per_model.len()];
    for (k, &(_, m)) in chosen.iter().enumerate() {
        slot[m as usize] = k as u32;
    }
    let mut tallies: Vec<Tally> = chosen.iter().map(|_| Tally { daily: vec![0; days], ..Tally::default() }).collect();
    for c in scope.model_cells() {
        let Some(tally) = tallies.get_mut(slot[t.model[c] as usize] as usize) else { continue };
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
    let event_callers = scope.has_events().then(|| callers_per_model(scope, &slot, chosen.len()));
    let sketched = super::estimates::model_callers(scope, per_model.len());
    let total: u64 = t.events[scope.cells.clone()].iter().sum();
    chosen
        .into_iter()
        .zip(tallies)
        .enumerate()
        .map(|(k, ((rank, m), tally))| {
            let m = m as usize;
            let model = scope.log.models.name(m as u32).to_owned();
            let events = per_model[m];
            let name = scope.listings.get(m).and_then(|l| l.name).map_or_else(|| model.clone(), str::to_owned);
            // From rollups, a model's callers are known when all its use fell on one day,
            // and estimated from its rows' sketches otherwise.
            let estimate = sketched.as_ref().and_then(|s| s[m]);
            let callers = match (&event_callers, tally.cells) {
                (Some(callers), _) => Some(callers[k]),
                (None, 0) => Some(0),
                (None, 1) => tally.cell_callers.or(estimate),
                (None, _) => estimate,
            };
            ModelRow {
                name,
                rank,
                events,
                share: ratio(events as f64, total as f64),
                callers,
                verified_share: ratio(tally.verified as f64, events as f64),
                self_call_share: t
                    .knowable
                    .as_ref()
                    .and_then(|_| ratio(tally.self_calls as f64, tally.knowable as f64)),
                events_wow: week_over_week(&tally.daily),
                events_compared: None,
                first_day: tally.first,
                last_day: tally.last,
                daily: tally.daily,
                model,
            }
        })
        .collect()
}

/// Distinct callers in the window of each of `chosen` models (`slot`: each model id's place
/// among them, `u32::MAX` for the others), from the raw events. A bit per (model, caller)
/// pair when that fits in a few megabytes, as it does for most hubs (one bit test per
/// event); a hash set of the pairs otherwise.
fn callers_per_model(scope: &Scope, slot: &[u32], chosen: usize) -> Vec<u64> {
    const MAX_BITS: usize = 1 << 25; // 4 MB
    let log = scope.log;
    let callers = log.callers.len();
    let events = scope
        .ok()
        .filter(|&i| log.caller[i] != NONE)
        .filter_map(|i| Some((slot.get(log.model[i] as usize).copied().filter(|&k| k != u32::MAX)? as usize, i)));
    let mut counts = vec![0u64; chosen];
    if chosen.saturating_mul(callers) <= MAX_BITS {
        let mut seen = vec![0u64; (chosen * callers).div_ceil(64)];
        for (k, i) in events {
            let bit = k * callers + log.caller[i] as usize;
            let (word, mask) = (&mut seen[bit / 64], 1u64 << (bit % 64));
            if *word & mask == 0 {
                *word |= mask;
                counts[k] += 1;
            }
        }
        return counts;
    }
    let mut pairs: HashSet<u64, foldhash::fast::FixedState> = HashSet::default();
    for (k, i) in events {
        if pairs.insert((k as u64) << 32 | u64::from(log.caller[i])) {
            counts[k] += 1;
        }
    }
    counts
}
