//! A dataset cut down to what a [`Filter`] keeps (docs/metrics.md#filters): the events of the
//! models it keeps (and, by mode, kind or app, of the events it keeps), their (day, model)
//! cells and their listings, so that every figure of the filtered report is the figure of
//! those events loaded alone, with the same registry cut the same way.

use super::Dataset;
use crate::error::Error;
use crate::input::caller;
use crate::mode::Mode;
use crate::provenance::Basis;
use crate::report::Filter;
use crate::store::{Events, Labels, Tallies, NONE};
use crate::text::quoted;
use std::collections::BTreeMap;

/// What a filter names that nothing in the data has: an error, since a misspelt value would
/// otherwise count zero, silently.
fn unknown(what: &str, name: &str) -> Error {
    Error::Inputs(format!("filter: no {what} is named {} in the data", quoted(name)))
}

impl Dataset {
    /// The part of this dataset that `filter` keeps; an error names a value of the filter
    /// that nothing in the data has, or a dimension that its source does not say.
    pub fn filtered(&self, filter: &Filter) -> Result<Dataset, Error> {
        let keep = self.kept_models(filter)?;
        let kept = |m: u32| m != NONE && keep[m as usize];
        let listings = self.listings.only(&keep);
        let (events, tallies) = if filter.cuts_events() {
            // The cells hold no mode, kind or app of their events: they are summed anew from
            // the events kept, as they were from all of them when the data was loaded.
            let event = self.kept_events(filter)?;
            let rows = kept_rows(&self.events.model, |i, m| kept(m) && event.keeps(&self.events, i));
            let events = self.events.gathered(&rows);
            let mut tallies = Tallies::from_sealed(&events, &listings);
            tallies.sort_by_day();
            (events, tallies)
        } else {
            let rows = kept_rows(&self.events.model, |_, m| kept(m));
            let cells: Vec<u32> =
                (0..self.tallies.len() as u32).filter(|&c| kept(self.tallies.model[c as usize])).collect();
            (self.events.gathered(&rows), self.tallies.gathered(&cells))
        };
        Ok(Dataset {
            events,
            tallies,
            basis: self.basis,
            listings,
            has_registry: self.has_registry,
            problems: self.problems.clone(),
            sources: self.sources.clone(),
            attribution: self.attribution.clone(),
            unit: self.unit,
            period: self.period,
            carried: self.carried.clone(),
            filter: Some(filter.clone()),
            filter_names: self.registry_names(&filter.model),
        })
    }

    /// The display names of `models` (ids), by id, where the registry gives one of their own.
    /// (Inserted one by one: collecting would compile a sort of its own, 4 KB of wasm.)
    fn registry_names(&self, models: &[String]) -> BTreeMap<String, String> {
        let mut names = BTreeMap::new();
        for id in models {
            let m = self.events.models.find(id);
            if let Some(name) = m.and_then(|m| self.listings.get(m as usize)?.name).filter(|&name| name != id) {
                names.insert(id.clone(), name.to_owned());
            }
        }
        names
    }

    /// Whether `filter` keeps each model id.
    fn kept_models(&self, filter: &Filter) -> Result<Vec<bool>, Error> {
        let models = self.events.models.len();
        // Every model, or only those the filter names.
        let mut keep = vec![filter.model.is_empty(); models];
        for name in &filter.model {
            let id = self.events.models.find(name).ok_or_else(|| unknown("model", name))?;
            keep[id as usize] = true;
        }
        let ids = |names: &[String], what: &str, find: &dyn Fn(&str) -> Option<u32>| -> Result<Vec<u32>, Error> {
            names.iter().map(|name| find(name).ok_or_else(|| unknown(what, name))).collect()
        };
        if !filter.owner.is_empty() {
            let find = |name: &str| self.events.callers.find(&caller(name.into()));
            let owners = ids(&filter.owner, "owner", &find)?;
            keep.iter_mut().enumerate().for_each(|(m, keep)| *keep &= owners.contains(&self.listings.owner(m)));
        }
        if !filter.category.is_empty() {
            let categories = ids(&filter.category, "category", &|name| self.listings.category_id(name))?;
            keep.iter_mut().enumerate().for_each(|(m, keep)| *keep &= categories.contains(&self.listings.category(m)));
        }
        Ok(keep)
    }

    /// What `filter` asks of single events, once only raw events are known to be counted
    /// (rollups, snapshots and totals say no mode, kind or app of their events).
    fn kept_events(&self, filter: &Filter) -> Result<EventTest, Error> {
        if self.basis != Basis::Events {
            return Err(Error::Inputs(format!(
                "filter: only raw events say their {}; this use is counted from {}",
                filter.of_events().join(" or "),
                self.basis.name()
            )));
        }
        let mut modes = Vec::new();
        for name in &filter.mode {
            let Some(mode) = Mode::ALL.into_iter().find(|m| m.name().eq_ignore_ascii_case(name.trim())) else {
                return Err(Error::Inputs(format!(
                    "filter: a mode is vanilla, tee, zkml, other or unknown, not {}",
                    quoted(name)
                )));
            };
            modes.push(mode);
        }
        let labels = |names: &[String], column: &Option<Labels>, what: &str| -> Result<Vec<u32>, Error> {
            let mut ids = Vec::new();
            for name in names {
                let id = column.as_ref().and_then(|c| c.names.find(name));
                ids.push(id.ok_or_else(|| unknown(what, name))?);
            }
            Ok(ids)
        };
        let kinds = labels(&filter.kind, &self.events.kind, "kind")?;
        let apps = labels(&filter.app, &self.events.app, "app")?;
        Ok(EventTest { modes, kinds, apps })
    }
}

/// The indices of the events of `models` (their model ids) that `keep(index, model)` keeps,
/// ascending. Written without a branch per event (a million of them, about a third kept: a
/// branch would be mispredicted half the time).
fn kept_rows(models: &[u32], keep: impl Fn(usize, u32) -> bool) -> Vec<u32> {
    let mut rows = vec![0u32; models.len()];
    let mut n = 0;
    for (i, &m) in models.iter().enumerate() {
        rows[n] = i as u32;
        n += usize::from(keep(i, m));
    }
    rows.truncate(n);
    rows
}

/// The modes, kinds and apps (label ids) a filter keeps; an empty list keeps every event.
struct EventTest {
    modes: Vec<Mode>,
    kinds: Vec<u32>,
    apps: Vec<u32>,
}

impl EventTest {
    /// Whether event `i` of `events` is kept.
    fn keeps(&self, events: &Events, i: usize) -> bool {
        let among = |ids: &[u32], column: &Option<Labels>| {
            ids.is_empty() || column.as_ref().and_then(|column| column.get(i)).is_some_and(|id| ids.contains(&id))
        };
        (self.modes.is_empty() || self.modes.contains(&events.mode[i]))
            && among(&self.kinds, &events.kind)
            && among(&self.apps, &events.app)
    }
}
