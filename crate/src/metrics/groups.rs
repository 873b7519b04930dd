//! Usage by owner and by category (docs/metrics.md#by-owner-and-by-category): the figures of
//! each group's models summed, and how concentrated use is among the owners.

use super::scope::Scope;
use crate::report::{ratio, CategoryRow, GroupUsage, OwnerRow, Report};
use crate::sort;
use crate::store::NONE;

/// Fills `owners`, `categories` and the owners' concentration from each model's events in
/// the window (`per_model`) and whether it is listed by the window's end (`is_listed`); with
/// the daily series of the `daily` busiest groups of each alone (`None`: every group's).
pub fn fill(scope: &Scope, per_model: &[u64], is_listed: &[bool], daily: Option<usize>, report: &mut Report) {
    let listings = scope.listings;
    // A model's group is its listing's: a model the registry does not list has none.
    let listed = |m: usize, id: u32| if listings.is_listed(m) { id } else { NONE };
    let owner = |m: usize| listed(m, listings.owner(m));
    let owner_name = |id: u32| scope.log.callers.name(id);
    let count = Count { scope, per_model, is_listed, events: report.events, daily };
    let owners = count.groups(&Key { id: &owner, ids: scope.log.callers.len(), name: &owner_name });
    // Concentration among the known owners, over their models' events.
    let known: Vec<u64> = owners.iter().filter(|(owner, _)| owner.is_some()).map(|(_, u)| u.events).collect();
    let total: u64 = known.iter().sum();
    let t = total as f64;
    report.owner_top1_share = known.iter().max().and_then(|&top| ratio(top as f64, t));
    report.owner_hhi = (total > 0).then(|| known.iter().map(|&c| (c as f64 / t).powi(2)).sum());
    report.effective_owners = report.owner_hhi.and_then(|h| ratio(1.0, h));
    report.owners =
        owners.into_iter().map(|(owner, usage)| OwnerRow { owner: owner.map(str::to_owned), usage }).collect();
    let category = |m: usize| listed(m, listings.category(m));
    let category_name = |id: u32| listings.category_name(id);
    let listed = report.models_listed as f64;
    report.categories = count
        .groups(&Key { id: &category, ids: listings.category_count(), name: &category_name })
        .into_iter()
        .map(|(category, usage)| CategoryRow {
            category: category.map(str::to_owned),
            share_listed: ratio(usage.models_listed as f64, listed),
            usage,
        })
        .collect();
}

/// How a model's group is known: its id (`NONE`: it has none) below `ids`, and an id's name.
/// (`dyn`: one copy of the counting in the wasm for owners and categories alike.)
struct Key<'k, 's> {
    id: &'k dyn Fn(usize) -> u32,
    ids: usize,
    name: &'k dyn Fn(u32) -> &'s str,
}

/// What the groups of a window are counted from.
struct Count<'a, 's> {
    scope: &'a Scope<'s>,
    per_model: &'a [u64],
    is_listed: &'a [bool],
    events: u64,
    /// How many of the busiest groups get a daily series (`None`: all).
    daily: Option<usize>,
}

impl<'s> Count<'_, 's> {
    /// The usage of each group that has a model listed by the window's end or used in it, by
    /// the group `key` gives a model (`None`: it has none), busiest first, then by key; the
    /// models without one form a group only when they have events. Only the busiest groups
    /// get a daily series: a hub of a million owners would otherwise hold a million of them.
    /// Groups are found by their ids, not their names: hashing 300,000 owners' names took
    /// 0.3 s of a million models' 0.5 s.
    fn groups(&self, key: &Key<'_, 's>) -> Vec<(Option<&'s str>, GroupUsage)> {
        let (per_model, is_listed) = (self.per_model, self.is_listed);
        // The group of each id, and (last) of the models without one.
        let mut found = vec![u32::MAX; key.ids + 1];
        let mut usage: Vec<(Option<&str>, GroupUsage)> = Vec::new();
        let mut group_of = vec![u32::MAX; per_model.len()];
        for m in 0..per_model.len() {
            let (active, listed) = (per_model[m] > 0, is_listed[m]);
            if !active && !listed {
                continue;
            }
            let id = (key.id)(m);
            let Some(g) = found.get_mut(if id == NONE { key.ids } else { id as usize }) else { continue };
            if *g == u32::MAX {
                *g = usage.len() as u32;
                usage.push(((id != NONE).then(|| (key.name)(id)), GroupUsage::default()));
            }
            let g = *g;
            group_of[m] = g;
            let u = &mut usage[g as usize].1;
            u.models_listed += u64::from(listed);
            u.models_active += u64::from(active);
            u.models_idle += u64::from(listed && !active);
            u.events += per_model[m];
        }
        let mut order: Vec<u32> = (0..usage.len() as u32)
            .filter(|&g| usage[g as usize].0.is_some() || usage[g as usize].1.events > 0)
            .collect();
        let busiest = |a: &u32, b: &u32| {
            let ((ka, a), (kb, b)) = (&usage[*a as usize], &usage[*b as usize]);
            b.events.cmp(&a.events).then_with(|| ka.cmp(kb))
        };
        sort::sort(&mut order, &busiest);
        // The position of each group given a daily series, by group.
        let with_daily = self.daily.map_or(order.len(), |n| n.min(order.len()));
        let mut series = vec![u32::MAX; usage.len()];
        for (at, &g) in order[..with_daily].iter().enumerate() {
            series[g as usize] = at as u32;
        }
        let (scope, t) = (self.scope, self.scope.tallies);
        let mut daily = vec![vec![0; scope.window.days as usize]; with_daily];
        for c in scope.model_cells() {
            let at = group_of[t.model[c] as usize];
            if let Some(&s) = series.get(at as usize).filter(|&&s| s != u32::MAX) {
                daily[s as usize][scope.slot_of(t.day[c])] += t.events[c];
            }
        }
        let mut daily = daily.into_iter();
        order
            .into_iter()
            .map(|g| {
                let (k, mut u) = std::mem::take(&mut usage[g as usize]);
                u.daily = daily.next().unwrap_or_default();
                u.share = ratio(u.events as f64, self.events as f64);
                (k, u)
            })
            .collect()
    }
}
