//! Usage by owner and by category (docs/metrics.md#by-owner-and-by-category): the figures of
//! each group's models summed, and how concentrated use is among the owners.

use super::scope::Scope;
use crate::report::{ratio, CategoryRow, GroupUsage, OwnerRow, Report};
use crate::sort;
use crate::store::NONE;
use hashbrown::HashMap;

/// Fills `owners`, `categories` and the owners' concentration from each model's events in
/// the window (`per_model`) and whether it is listed by the window's end (`is_listed`).
pub fn fill(scope: &Scope, per_model: &[u64], is_listed: &[bool], report: &mut Report) {
    let listing = |m: usize| scope.listings.get(m);
    let owner = |m: usize| listing(m).map(|l| l.owner).filter(|&o| o != NONE).map(|o| scope.log.callers.name(o));
    let owners = groups(scope, per_model, is_listed, report.events, &owner);
    // Concentration among the known owners, over their models' events.
    let known: Vec<u64> = owners.iter().filter(|(owner, _)| owner.is_some()).map(|(_, u)| u.events).collect();
    let total: u64 = known.iter().sum();
    let t = total as f64;
    report.owner_top1_share = known.iter().max().and_then(|&top| ratio(top as f64, t));
    report.owner_hhi = (total > 0).then(|| known.iter().map(|&c| (c as f64 / t).powi(2)).sum());
    report.effective_owners = report.owner_hhi.and_then(|h| ratio(1.0, h));
    report.owners =
        owners.into_iter().map(|(owner, usage)| OwnerRow { owner: owner.map(str::to_owned), usage }).collect();
    let category = |m: usize| listing(m).and_then(|l| l.category);
    let listed = report.models_listed as f64;
    report.categories = groups(scope, per_model, is_listed, report.events, &category)
        .into_iter()
        .map(|(category, usage)| CategoryRow {
            category: category.map(str::to_owned),
            share_listed: ratio(usage.models_listed as f64, listed),
            usage,
        })
        .collect();
}

/// Keeps the daily series of the `keep` busiest owners and categories alone: every row stays,
/// so that counts and the categories nobody uses are whole, without a series per day each.
pub fn keep_daily(report: &mut Report, keep: usize) {
    let owners = report.owners.iter_mut().map(|o| &mut o.usage);
    for usage in owners.skip(keep).chain(report.categories.iter_mut().map(|c| &mut c.usage).skip(keep)) {
        usage.daily = Vec::new();
    }
}

/// The usage of each group that has a model listed by the window's end or used in it, by the
/// group `key` gives a model (`None`: it has none), busiest first, then by key; the models
/// without one form a group only when they have events. (`key` is a `dyn`: one copy of this
/// in the wasm for owners and categories alike.)
fn groups<'s>(
    scope: &'s Scope,
    per_model: &[u64],
    is_listed: &[bool],
    events: u64,
    key: &dyn Fn(usize) -> Option<&'s str>,
) -> Vec<(Option<&'s str>, GroupUsage)> {
    let days = scope.window.days as usize;
    let mut found: HashMap<Option<&str>, usize> = HashMap::new();
    let mut usage: Vec<(Option<&str>, GroupUsage)> = Vec::new();
    let mut group_of = vec![usize::MAX; per_model.len()];
    for m in 0..per_model.len() {
        let (active, listed) = (per_model[m] > 0, is_listed[m]);
        if !active && !listed {
            continue;
        }
        let k = key(m);
        let g = *found.entry(k).or_insert_with(|| {
            usage.push((k, GroupUsage { daily: vec![0; days], ..GroupUsage::default() }));
            usage.len() - 1
        });
        group_of[m] = g;
        let u = &mut usage[g].1;
        u.models_listed += u64::from(listed);
        u.models_active += u64::from(active);
        u.models_idle += u64::from(listed && !active);
        u.events += per_model[m];
    }
    let t = scope.tallies;
    for c in scope.model_cells() {
        if let Some((_, u)) = usage.get_mut(group_of[t.model[c] as usize]) {
            u.daily[scope.slot_of(t.day[c])] += t.events[c];
        }
    }
    usage.retain(|(k, u)| k.is_some() || u.events > 0);
    for (_, u) in &mut usage {
        u.share = ratio(u.events as f64, events as f64);
    }
    sort::sort(&mut usage, &|(ka, a), (kb, b)| b.events.cmp(&a.events).then_with(|| ka.cmp(kb)));
    usage
}
