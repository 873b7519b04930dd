//! Usage by owner and by category (docs/metrics.md#by-owner-and-by-category): the figures of
//! each group's models summed, and how concentrated use is among the owners. A full report
//! counts them at once; a chart's are counted a range of models at a time ([`GroupSteps`]),
//! since a hub of a million models and 300,000 owners took half a second of the page's
//! thread in one go.

use super::scope::{self, Scope};
use crate::dataset::Dataset;
use crate::provenance::Basis;
use crate::report::{ratio, CategoryRow, GroupUsage, OwnerRow, Report};
use crate::sort;
use crate::store::NONE;
use crate::window::Window;
use std::sync::Arc;

/// How much one step of [`GroupSteps`] does: some 20–30 ms of a page's thread at a million
/// models and 300,000 owners.
#[derive(Clone, Copy)]
struct Slices {
    /// Models counted into their groups.
    models: usize,
    /// Owners' rows made.
    rows: usize,
}

const SLICES: Slices = Slices { models: 131_072, rows: 100_000 };

/// Fills `owners`, `categories` and the owners' concentration from each model's events in
/// the window (`per_model`) and whether it is listed by the window's end (`is_listed`); with
/// the daily series of the `daily` busiest groups of each alone (`None`: every group's).
pub fn fill(scope: &Scope, per_model: &[u64], is_listed: &[bool], daily: Option<usize>, report: &mut Report) {
    let counted = |by: By| {
        let mut counting = Counting::new(by, scope, per_model.len());
        counting.count(scope, per_model, is_listed, usize::MAX);
        counting
    };
    let ends = Ends { events: report.events, models_listed: report.models_listed, daily };
    let owners = ends.owners(scope, counted(By::Owner));
    let categories = ends.categories(scope, counted(By::Category));
    Groups { owners, categories }.put(report);
}

/// A window's owners and categories with their figures, as a report carries them.
#[derive(Clone, Debug, PartialEq)]
pub struct Groups {
    owners: Owners,
    categories: Vec<CategoryRow>,
}

/// The owners' rows and their concentration.
#[derive(Clone, Debug, PartialEq)]
struct Owners {
    rows: Vec<OwnerRow>,
    top1_share: Option<f64>,
    hhi: Option<f64>,
}

impl Groups {
    /// Sets `report`'s owners, their concentration and its categories to these.
    pub fn put(&self, report: &mut Report) {
        report.owners.clone_from(&self.owners.rows);
        report.categories.clone_from(&self.categories);
        report.owner_top1_share = self.owners.top1_share;
        report.owner_hhi = self.owners.hhi;
        report.effective_owners = self.owners.hhi.and_then(|h| ratio(1.0, h));
    }
}

/// How a model is grouped.
#[derive(Clone, Copy, Debug)]
enum By {
    Owner,
    Category,
}

impl By {
    /// The id of model `m`'s group: its listing's, `NONE` for a model the registry does
    /// not list or that has none.
    fn id(self, scope: &Scope, m: usize) -> u32 {
        let l = scope.listings;
        match self {
            _ if !l.is_listed(m) => NONE,
            By::Owner => l.owner(m),
            By::Category => l.category(m),
        }
    }

    /// How many ids there are.
    fn ids(self, scope: &Scope) -> usize {
        match self {
            By::Owner => scope.log.callers.len(),
            By::Category => scope.listings.category_count(),
        }
    }

    fn name<'s>(self, scope: &Scope<'s>, id: u32) -> &'s str {
        match self {
            By::Owner => scope.log.callers.name(id),
            By::Category => scope.listings.category_name(id),
        }
    }
}

/// Sets each of `rows` (a group's name, `None` for the models without one, and its usage)
/// to its group's events of `then` (each model's events in the compared period). The rows
/// are found by name, put in order once; the groups are walked by id: a chart's few rows
/// then cost no sort of a hub's 300,000 owners' names, and a full report's rows one sort.
fn put_then(by: By, scope: &Scope, then: &[u64], mut rows: Vec<(Option<&str>, &mut GroupUsage)>) {
    // A chart's report has no rows yet when its comparison is made (they come a step later).
    if rows.is_empty() {
        return;
    }
    let mut sums = vec![0; by.ids(scope) + 1];
    let none = sums.len() - 1;
    for (m, &n) in then.iter().enumerate().filter(|&(_, &n)| n > 0) {
        let id = by.id(scope, m);
        sums[if id == NONE { none } else { id as usize }] += n;
    }
    for (name, usage) in &mut rows {
        usage.events_compared = Some(if name.is_none() { sums[none] } else { 0 });
    }
    // The rows' places in the order of their names (ids: one sort's code serves every list of ids).
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    sort::sort(&mut order, &|&a, &b| rows[a as usize].0.cmp(&rows[b as usize].0));
    for id in (0..none).filter(|&id| sums[id] > 0) {
        let name = Some(by.name(scope, id as u32));
        if let Ok(k) = order.binary_search_by(|&row| rows[row as usize].0.cmp(&name)) {
            rows[order[k] as usize].1.events_compared = Some(sums[id]);
        }
    }
}

/// Sets the events of the first `owners` owners and of every category of `report` in the
/// period compared with, from each model's then (`then`), as
/// [`crate::dataset::Dataset::put_compared`] sets each model's.
pub fn put_compared(scope: &Scope, then: &[u64], report: &mut Report, owners: usize) {
    let owners = report.owners.iter_mut().take(owners).map(|o| (o.owner.as_deref(), &mut o.usage)).collect();
    put_then(By::Owner, scope, then, owners);
    let categories = report.categories.iter_mut().map(|c| (c.category.as_deref(), &mut c.usage)).collect();
    put_then(By::Category, scope, then, categories);
}

/// The groups of one kind being counted, a range of models at a time. Groups are found by
/// their ids, not their names: hashing 300,000 owners' names took 0.3 s of a million
/// models' 0.5 s.
#[derive(Debug)]
struct Counting {
    by: By,
    /// The group of each id, and (last) of the models without one.
    found: Vec<u32>,
    /// Each group's id (`NONE`: the models without one) and usage, in the order found.
    usage: Vec<(u32, GroupUsage)>,
    /// Each model's group (`u32::MAX`: none).
    group_of: Vec<u32>,
    /// The first model not counted yet.
    next: usize,
}

impl Counting {
    fn new(by: By, scope: &Scope, models: usize) -> Counting {
        let found = vec![u32::MAX; by.ids(scope) + 1];
        Counting { by, found, usage: Vec::new(), group_of: vec![u32::MAX; models], next: 0 }
    }

    /// Counts up to `most` more models into their groups: those listed by the window's end
    /// or used in it. True once every model is counted.
    fn count(&mut self, scope: &Scope, per_model: &[u64], is_listed: &[bool], most: usize) -> bool {
        let end = self.next.saturating_add(most).min(per_model.len());
        let none = self.found.len() - 1;
        for m in self.next..end {
            let (active, listed) = (per_model[m] > 0, is_listed[m]);
            if !active && !listed {
                continue;
            }
            let id = self.by.id(scope, m);
            let Some(g) = self.found.get_mut(if id == NONE { none } else { id as usize }) else { continue };
            if *g == u32::MAX {
                *g = self.usage.len() as u32;
                self.usage.push((id, GroupUsage::default()));
            }
            let g = *g;
            self.group_of[m] = g;
            let u = &mut self.usage[g as usize].1;
            u.models_listed += u64::from(listed);
            u.models_active += u64::from(active);
            u.models_idle += u64::from(listed && !active);
            u.events += per_model[m];
        }
        self.next = end;
        end == per_model.len()
    }
}

/// What the counted groups are finished with: the window's events and models listed, and
/// how many of the busiest get a daily series (`None`: all).
struct Ends {
    events: u64,
    models_listed: u64,
    daily: Option<usize>,
}

/// Counted groups in order, busiest first, being made into rows.
struct Ordered {
    by: By,
    usage: Vec<(u32, GroupUsage)>,
    group_of: Vec<u32>,
    /// The groups, busiest first: those with a name, and the one of the models without a
    /// group when it has events.
    order: Vec<u32>,
    /// How many of the first have a daily series.
    with_daily: usize,
}

impl Ends {
    /// The owners' rows and concentration, at once.
    fn owners(&self, scope: &Scope, counting: Counting) -> Owners {
        let mut ordered = self.order(scope, counting);
        self.daily(scope, &mut ordered);
        let rows = self.rows(scope, &mut ordered, 0..usize::MAX).map(owner_row).collect();
        concentration(rows)
    }

    fn categories(&self, scope: &Scope, counting: Counting) -> Vec<CategoryRow> {
        let mut ordered = self.order(scope, counting);
        self.daily(scope, &mut ordered);
        let listed = self.models_listed as f64;
        self.rows(scope, &mut ordered, 0..usize::MAX)
            .map(|(category, usage)| CategoryRow {
                category: category.map(str::to_owned),
                share_listed: ratio(usage.models_listed as f64, listed),
                usage,
            })
            .collect()
    }

    /// The counted groups busiest first, then by name; the models without a group form one
    /// only when they have events. With `daily` (a chart's rows), only those busiest are put
    /// in order by name among groups of equal use, the others by use alone: comparing the
    /// names of a tail no chart shows was 0.2 s of the pass on a hub of 300,000 owners, most
    /// of them of equal use.
    fn order(&self, scope: &Scope, counting: Counting) -> Ordered {
        let Counting { by, usage, group_of, .. } = counting;
        let name = |id: u32| (id != NONE).then(|| by.name(scope, id));
        let mut order: Vec<u32> = (0..usage.len() as u32)
            .filter(|&g| usage[g as usize].0 != NONE || usage[g as usize].1.events > 0)
            .collect();
        let busiest = |a: &u32, b: &u32| {
            let ((ka, a), (kb, b)) = (&usage[*a as usize], &usage[*b as usize]);
            b.events.cmp(&a.events).then_with(|| name(*ka).cmp(&name(*kb)))
        };
        let by_use = |a: &u32, b: &u32| usage[*b as usize].1.events.cmp(&usage[*a as usize].1.events);
        match self.daily {
            Some(n) if n < order.len() => {
                sort::busiest_first(&mut order, n, &|g| usage[g as usize].1.events, &busiest);
                sort::sort(&mut order[n..], &by_use);
            }
            _ => sort::sort(&mut order, &busiest),
        }
        let with_daily = self.daily.map_or(order.len(), |n| n.min(order.len()));
        Ordered { by, usage, group_of, order, with_daily }
    }

    /// The daily series of the busiest groups alone: a hub of a million owners would
    /// otherwise hold a million of them.
    fn daily(&self, scope: &Scope, ordered: &mut Ordered) {
        let Ordered { usage, group_of, order, with_daily, .. } = ordered;
        // The position of each group given a daily series, by group.
        let mut series = vec![u32::MAX; usage.len()];
        for (at, &g) in order[..*with_daily].iter().enumerate() {
            series[g as usize] = at as u32;
        }
        let t = scope.tallies;
        let mut daily = vec![vec![0; scope.window.days as usize]; *with_daily];
        for c in scope.model_cells() {
            let at = group_of[t.model[c] as usize];
            if let Some(&s) = series.get(at as usize).filter(|&&s| s != u32::MAX) {
                daily[s as usize][scope.slot_of(t.day[c])] += t.events[c];
            }
        }
        for (&g, series) in order.iter().zip(daily) {
            usage[g as usize].1.daily = series;
        }
    }

    /// The groups at places `at` of the order (as far as there are any), with their names
    /// and shares, taken out of `ordered`.
    fn rows<'a, 's>(
        &'a self,
        scope: &'a Scope<'s>,
        ordered: &'a mut Ordered,
        at: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (Option<&'s str>, GroupUsage)> + 'a {
        let at = at.start.min(ordered.order.len())..at.end.min(ordered.order.len());
        let Ordered { by, usage, order, .. } = ordered;
        let by = *by;
        order[at].iter().map(move |&g| {
            let (id, mut u) = std::mem::take(&mut usage[g as usize]);
            u.share = ratio(u.events as f64, self.events as f64);
            ((id != NONE).then(|| by.name(scope, id)), u)
        })
    }
}

/// Clears the daily series of `owners` and `categories`: for totals over a period, which say
/// nothing of its days.
pub(super) fn without_days(owners: &mut [OwnerRow], categories: &mut [CategoryRow]) {
    let owners = owners.iter_mut().map(|o| &mut o.usage);
    owners.chain(categories.iter_mut().map(|c| &mut c.usage)).for_each(|u| u.daily.clear());
}

fn owner_row((owner, usage): (Option<&str>, GroupUsage)) -> OwnerRow {
    OwnerRow { owner: owner.map(Arc::from), usage }
}

/// The owners' `rows` with how concentrated use is among the known owners, over their
/// models' events.
fn concentration(rows: Vec<OwnerRow>) -> Owners {
    let known = || rows.iter().filter(|o| o.owner.is_some()).map(|o| o.usage.events);
    let total: u64 = known().sum();
    let t = total as f64;
    Owners {
        top1_share: known().max().and_then(|top| ratio(top as f64, t)),
        hhi: (total > 0).then(|| known().map(|c| (c as f64 / t).powi(2)).sum()),
        rows,
    }
}

/// A window's owners and categories for a chart's report, computed a step at a time
/// ([`GroupSteps::step`]): each step counts a range of models, puts the owners in order,
/// finds their daily series or makes a range of their rows; the categories, which are few,
/// are finished in the step that counts their last models. The same groups as [`fill`]
/// with `daily`.
pub struct GroupSteps {
    window: Window,
    slices: Slices,
    ends: Ends,
    per_model: Vec<u64>,
    is_listed: Vec<bool>,
    stage: Stage,
}

/// What the next step of [`GroupSteps`] does.
enum Stage {
    /// Counts a range of models into their owners.
    CountOwners(Counting),
    /// Puts the owners in order.
    OrderOwners(Counting),
    /// Finds the busiest owners' daily series.
    OwnersDaily(Ordered),
    /// Makes a range of the owners' rows.
    OwnerRows(Ordered, Vec<OwnerRow>),
    /// Counts a range of models into their categories, the owners done.
    CountCategories(Counting, Owners),
}

/// Where [`GroupSteps`] are.
pub enum GroupProgress {
    /// More steps to go.
    Pending(GroupSteps),
    Done(Groups),
}

impl Dataset {
    /// The owners and categories of `report`'s window, which it counts its events and
    /// models listed in, with daily series for the `daily` busiest of each, a step at a
    /// time; done at once when there is no window. The first step counts each model's
    /// events and whether it is listed.
    pub fn group_steps(&self, report: &Report, daily: usize) -> GroupProgress {
        self.group_steps_of(report, daily, SLICES)
    }

    /// [`Dataset::group_steps`], a step doing as much as `slices` says.
    fn group_steps_of(&self, report: &Report, daily: usize, slices: Slices) -> GroupProgress {
        let Some(window) = report.window else {
            let empty = Owners { rows: Vec::new(), top1_share: None, hhi: None };
            return GroupProgress::Done(Groups { owners: empty, categories: Vec::new() });
        };
        let scope = Scope::new(self, window);
        let ends = Ends { events: report.events, models_listed: report.models_listed, daily: Some(daily) };
        let per_model = scope.events_per_model();
        let is_listed = scope::listed_by(&scope.listed_days(), window.to);
        let stage = Stage::CountOwners(Counting::new(By::Owner, &scope, per_model.len()));
        GroupProgress::Pending(GroupSteps { window, slices, ends, per_model, is_listed, stage })
    }

    /// The owners and categories of `report`'s window, as a chart draws them: with the daily
    /// series of the `daily` busiest of each alone (docs/metrics.md#by-owner-and-by-category).
    pub fn groups(&self, report: &Report, daily: usize) -> Groups {
        self.group_steps(report, daily).finish(self)
    }
}

impl GroupProgress {
    /// The groups, every step left computed now.
    pub fn finish(mut self, dataset: &Dataset) -> Groups {
        loop {
            match self {
                GroupProgress::Pending(steps) => self = steps.step(dataset),
                GroupProgress::Done(groups) => return groups,
            }
        }
    }
}

impl GroupSteps {
    /// The next step over `dataset`, the dataset these steps were made from.
    pub fn step(self, dataset: &Dataset) -> GroupProgress {
        let GroupSteps { window, slices, ends, per_model, is_listed, stage } = self;
        let scope = Scope::new(dataset, window);
        let stage = match stage {
            Stage::CountOwners(mut counting) => match counting.count(&scope, &per_model, &is_listed, slices.models) {
                true => Stage::OrderOwners(counting),
                false => Stage::CountOwners(counting),
            },
            Stage::OrderOwners(counting) => Stage::OwnersDaily(ends.order(&scope, counting)),
            Stage::OwnersDaily(mut ordered) => {
                ends.daily(&scope, &mut ordered);
                Stage::OwnerRows(ordered, Vec::new())
            }
            Stage::OwnerRows(mut ordered, mut rows) => {
                let from = rows.len();
                rows.extend(ends.rows(&scope, &mut ordered, from..from + slices.rows).map(owner_row));
                if rows.len() < ordered.order.len() {
                    Stage::OwnerRows(ordered, rows)
                } else {
                    Stage::CountCategories(Counting::new(By::Category, &scope, per_model.len()), concentration(rows))
                }
            }
            Stage::CountCategories(mut counting, owners) => {
                if !counting.count(&scope, &per_model, &is_listed, slices.models) {
                    Stage::CountCategories(counting, owners)
                } else {
                    let mut groups = Groups { owners, categories: ends.categories(&scope, counting) };
                    // Totals over a period say nothing of its days.
                    if dataset.basis == Basis::Totals {
                        without_days(&mut groups.owners.rows, &mut groups.categories);
                    }
                    return GroupProgress::Done(groups);
                }
            }
        };
        GroupProgress::Pending(GroupSteps { window, slices, ends, per_model, is_listed, stage })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Inputs;
    use crate::metrics::ReportOptions;
    use proptest::prelude::*;

    proptest! {
        /// A chart's groups, counted a few models a step, are the full report's busiest rows
        /// (names breaking ties), its concentration, and the same groups beyond them.
        #[test]
        fn a_charts_groups_counted_a_step_at_a_time_are_the_full_reports(
            uses in prop::collection::vec((0u8..24, 1u8..4), 0..60),
            listed in prop::collection::vec((0u8..24, 0u8..6, 0u8..3), 0..24),
            keep in 0usize..8,
            per_step in 1usize..7,
        ) {
            let events: String = uses
                .iter()
                .map(|&(m, day)| format!("{{\"ts\":\"2026-03-0{day}T10:00:00Z\",\"model\":\"m{m:02}\"}}\n"))
                .collect();
            let rows: Vec<String> = listed
                .iter()
                .map(|(m, o, c)| format!("{{\"model\":\"m{m:02}\",\"listed_at\":\"2026-03-01\",\"owner\":\"o{o}\",\"category\":\"c{c}\"}}"))
                .collect();
            let registry = format!("[{}]", rows.join(","));
            let inputs = Inputs { events: Some(events.as_bytes()), registry: Some(registry.as_bytes()), ..Inputs::default() };
            let Ok(data) = Dataset::from_bytes(inputs) else { return Ok(()) };
            let Ok(full) = data.report(&ReportOptions::default()) else { return Ok(()) };
            let slices = Slices { models: per_step, rows: per_step };
            let (mut steps, mut progress) = (0, data.group_steps_of(&full, keep, slices));
            let groups = loop {
                match progress {
                    GroupProgress::Pending(pending) => progress = pending.step(&data),
                    GroupProgress::Done(groups) => break groups,
                }
                steps += 1;
            };
            // Counting owners, ordering them, their daily series, their rows, the categories.
            prop_assert!(full.window.is_none() || steps >= 5, "{steps} steps");
            let mut chart = full.clone();
            groups.put(&mut chart);
            let without_days = |rows: &[OwnerRow]| rows.iter().map(|o| (o.owner.clone(), GroupUsage { daily: Vec::new(), ..o.usage.clone() })).collect::<Vec<_>>();
            let n = keep.min(full.owners.len());
            prop_assert_eq!(&chart.owners[..n], &full.owners[..n]);
            prop_assert!(chart.owners[n..].iter().all(|o| o.usage.daily.is_empty()));
            let (mut rest, mut all) = (without_days(&chart.owners[n..]), without_days(&full.owners[n..]));
            rest.sort_by(|a, b| a.0.cmp(&b.0));
            all.sort_by(|a, b| a.0.cmp(&b.0));
            prop_assert_eq!(rest, all);
            prop_assert!(chart.owners.windows(2).all(|w| w[0].usage.events >= w[1].usage.events), "busiest first");
            let n = keep.min(full.categories.len());
            prop_assert_eq!(&chart.categories[..n], &full.categories[..n]);
            prop_assert_eq!(chart.categories.len(), full.categories.len());
            prop_assert_eq!((chart.owner_top1_share, chart.owner_hhi, chart.effective_owners), (full.owner_top1_share, full.owner_hhi, full.effective_owners));
        }
    }
}
