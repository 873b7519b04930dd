//! Organic use (SPEC §2): self-calls (the caller owns the model), automated traffic,
//! first-party apps, and events per app.

use super::scope::Scope;
use crate::report::{ratio, AppEvents, Report};
use crate::store::NONE;

/// The owner of each model id among the callers, or [`NONE`].
pub fn owners(scope: &Scope) -> Vec<u32> {
    (0..scope.model_count()).map(|m| scope.listings.get(m).and_then(|l| l.as_ref()).map_or(NONE, |l| l.owner)).collect()
}

/// Whether event `i` is a self-call, or `None` when that cannot be known (no caller or no
/// known owner).
#[inline]
pub fn is_self_call(scope: &Scope, owners: &[u32], i: usize) -> Option<bool> {
    let (caller, owner) = (scope.log.caller[i], owners[scope.log.model[i] as usize]);
    (caller != NONE && owner != NONE).then_some(caller == owner)
}

/// `per_model` is the window's successful events per model id ([`Scope::events_per_model`]).
pub fn fill(scope: &Scope, per_model: &[u64], owners: &[u32], first_party: &[String], report: &mut Report) {
    let log = scope.log;
    let models = scope.model_count();
    let (mut self_calls, mut knowable) = (0u64, 0u64);
    let mut self_per_model = vec![0u64; models];
    for i in scope.ok() {
        let m = log.model[i] as usize;
        if let Some(is_self) = is_self_call(scope, owners, i) {
            knowable += 1;
            if is_self {
                self_calls += 1;
                self_per_model[m] += 1;
            }
        }
    }
    report.self_calls = self_calls;
    report.self_call_share = ratio(self_calls as f64, knowable as f64);
    report.models_only_self_called =
        (0..models).filter(|&m| per_model[m] > 0 && self_per_model[m] == per_model[m]).count() as u64;
    report.organic_events = report.events - self_calls;
    report.automated_events =
        log.automated.as_ref().map_or(0, |bits| scope.ok().filter(|&i| bits.get(i)).count() as u64);
    fill_apps(scope, first_party, report);
}

fn fill_apps(scope: &Scope, first_party: &[String], report: &mut Report) {
    let Some(apps) = &scope.log.app else { return };
    let labels = &scope.log.labels;
    let mut per_label = vec![0u64; labels.len()];
    for i in scope.ok() {
        if apps[i] != NONE {
            per_label[apps[i] as usize] += 1;
        }
    }
    let first_party: Vec<u32> = first_party.iter().filter_map(|name| labels.get(name.trim())).collect();
    report.first_party_events = first_party.iter().map(|&id| per_label[id as usize]).sum();
    let mut by_app: Vec<AppEvents> = per_label
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(id, &events)| AppEvents { app: labels.name(id as u32).to_owned(), events })
        .collect();
    by_app.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.app.cmp(&b.app)));
    report.by_app = by_app;
}
