//! Organic use (docs/metrics.md): self-calls (the caller owns the model), automated traffic,
//! first-party apps, and events per app.

use super::scope::Scope;
use crate::report::{ratio, AppEvents, Report};
use crate::sort;

/// `per_model` is the window's successful events per model id ([`Scope::events_per_model`]).
pub fn fill(scope: &Scope, per_model: &[u64], first_party: &[String], report: &mut Report) {
    let t = scope.tallies;
    if let Some(self_calls) = &t.self_calls {
        let mut self_per_model = vec![0u64; per_model.len()];
        for c in scope.model_cells() {
            self_per_model[t.model[c] as usize] += self_calls[c];
        }
        let mut daily = vec![0u64; scope.window.days as usize];
        for c in scope.cells.clone() {
            daily[scope.slot_of(t.day[c])] += self_calls[c];
        }
        let total: u64 = daily.iter().sum();
        report.daily.self_calls = Some(daily);
        report.self_calls = Some(total);
        report.organic_events = Some(report.events - total);
        report.models_only_self_called = Some(
            (0..per_model.len()).filter(|&m| per_model[m] > 0 && self_per_model[m] == per_model[m]).count() as u64,
        );
        let knowable = t.knowable.as_ref().map(|k| scope.cells.clone().map(|c| k[c]).sum::<u64>());
        report.self_call_share = knowable.and_then(|k| ratio(total as f64, k as f64));
    }
    if scope.has_events() {
        let automated = scope.log.automated.as_ref();
        report.automated_events = Some(automated.map_or(0, |bits| scope.ok().filter(|&i| bits.get(i)).count() as u64));
        fill_apps(scope, first_party, report);
    }
}

/// Events per app and those of the first-party apps (raw events only).
fn fill_apps(scope: &Scope, first_party: &[String], report: &mut Report) {
    let Some(apps) = &scope.log.app else {
        (report.first_party_events, report.by_app) = (Some(0), Some(Vec::new()));
        return;
    };
    let labels = &apps.names;
    let mut per_label = vec![0u64; labels.len()];
    for id in scope.ok().filter_map(|i| apps.get(i)) {
        per_label[id as usize] += 1;
    }
    let first_party: Vec<u32> = first_party.iter().filter_map(|name| labels.get(name.trim())).collect();
    report.first_party_events = Some(first_party.iter().map(|&id| per_label[id as usize]).sum());
    // Busiest first, then by name; the apps' ids are sorted, so that the wasm holds no sort
    // of its own for `AppEvents` (one per element type, crate::sort).
    let mut ids: Vec<u32> = (0..labels.len() as u32).filter(|&id| per_label[id as usize] > 0).collect();
    let events = |id: u32| per_label[id as usize];
    sort::sort(&mut ids, &|&a, &b| events(b).cmp(&events(a)).then_with(|| labels.name(a).cmp(labels.name(b))));
    report.by_app =
        Some(ids.into_iter().map(|id| AppEvents { app: labels.name(id).to_owned(), events: events(id) }).collect());
}
