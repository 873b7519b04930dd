//! A dataset cut down to the models a [`Filter`] keeps (docs/metrics.md#filters): their
//! events, their (day, model) cells and their listings, so that every figure of the filtered
//! report is the figure of those events loaded alone, with the same registry cut the same way.

use super::Dataset;
use crate::error::Error;
use crate::input::caller;
use crate::report::Filter;
use crate::store::NONE;

impl Dataset {
    /// The part of this dataset that `filter` keeps; an error names a value of the filter
    /// that nothing in the data has (a misspelt model would otherwise count zero, silently).
    pub fn filtered(&self, filter: &Filter) -> Result<Dataset, Error> {
        let keep = self.kept_models(filter)?;
        let kept = |m: u32| m != NONE && keep[m as usize];
        let rows: Vec<u32> = (0..self.events.len() as u32).filter(|&i| kept(self.events.model[i as usize])).collect();
        let cells: Vec<u32> =
            (0..self.tallies.len() as u32).filter(|&c| kept(self.tallies.model[c as usize])).collect();
        Ok(Dataset {
            events: self.events.gathered(&rows),
            tallies: self.tallies.gathered(&cells),
            basis: self.basis,
            listings: self.listings.only(&keep),
            has_registry: self.has_registry,
            problems: self.problems.clone(),
            sources: self.sources.clone(),
            attribution: self.attribution.clone(),
            unit: self.unit,
            period: self.period,
            carried: self.carried.clone(),
            filter: Some(filter.clone()),
        })
    }

    /// Whether `filter` keeps each model id.
    fn kept_models(&self, filter: &Filter) -> Result<Vec<bool>, Error> {
        let unknown =
            |what: &str, name: &str| Error::Inputs(format!("filter: no {what} is named {name:?} in the data"));
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
}
