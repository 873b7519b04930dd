//! The registry's listings resolved against the events' ids, as columns indexed by model id.
//!
//! A hub may list a million models, most never used: a struct with two `String`s per model
//! would be two million allocations to build, hand to the page and drop. Columns are four
//! numbers a model, names end to end in one buffer and categories interned (a hub has a
//! handful), so the listings move between threads as flat buffers like the rest of the store.

use super::{Interner, NONE};
use crate::day::Day;

/// One listed model, borrowed from [`Listings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Listing<'a> {
    pub listed: Day,
    /// The owner's id among the callers, or [`NONE`].
    pub owner: u32,
    pub name: Option<&'a str>,
    pub category: Option<&'a str>,
}

/// The string `id` names in `interner`, or `None` for [`NONE`].
fn text(interner: &Interner, id: u32) -> Option<&str> {
    (id != NONE).then(|| interner.name(id))
}

/// Every model's listing, by model id; a model the registry does not list has none.
#[derive(Clone, Default)]
pub struct Listings {
    /// The day each model was listed; `None`: not in the registry.
    pub(super) listed: Vec<Option<Day>>,
    pub(super) owner: Vec<u32>,
    /// Ids in `names`, or [`NONE`].
    pub(super) name: Vec<u32>,
    /// Ids in `categories`, or [`NONE`].
    pub(super) category: Vec<u32>,
    pub(super) names: Interner,
    pub(super) categories: Interner,
}

impl Listings {
    /// These listings with only the models that `keep` says are kept listed (a filter's).
    pub fn only(&self, keep: &[bool]) -> Listings {
        let mut listings = self.clone();
        for (listed, &kept) in listings.listed.iter_mut().zip(keep) {
            *listed = listed.filter(|_| kept);
        }
        listings
    }

    /// The id of the category named `name`, if a listing has it.
    pub fn category_id(&self, name: &str) -> Option<u32> {
        self.categories.find(name)
    }

    /// How many model ids the columns cover.
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    /// Covers model ids up to `models` (those beyond the registry's are not listed).
    pub fn resize(&mut self, models: usize) {
        if models > self.len() {
            self.listed.resize(models, None);
            self.owner.resize(models, NONE);
            self.name.resize(models, NONE);
            self.category.resize(models, NONE);
        }
    }

    /// Lists model `id` (a later listing of the same id replaces the earlier).
    pub fn set(&mut self, id: u32, listing: Listing) {
        let m = id as usize;
        self.resize(m + 1);
        self.listed[m] = Some(listing.listed);
        self.owner[m] = listing.owner;
        self.name[m] = listing.name.map_or(NONE, |n| self.names.intern(n));
        self.category[m] = listing.category.map_or(NONE, |c| self.categories.intern(c));
    }

    /// Model `m`'s listing, if the registry lists it.
    #[inline]
    pub fn get(&self, m: usize) -> Option<Listing<'_>> {
        let listed = self.listed(m)?;
        Some(Listing {
            listed,
            owner: self.owner[m],
            name: text(&self.names, self.name[m]),
            category: text(&self.categories, self.category[m]),
        })
    }

    /// Whether the registry lists model `m`.
    #[inline]
    pub fn is_listed(&self, m: usize) -> bool {
        self.listed(m).is_some()
    }

    /// The day model `m` was listed, if the registry lists it.
    #[inline]
    pub fn listed(&self, m: usize) -> Option<Day> {
        self.listed.get(m).copied().flatten()
    }

    /// The owner's id of model `m`, or [`NONE`].
    #[inline]
    pub fn owner(&self, m: usize) -> u32 {
        self.owner.get(m).copied().unwrap_or(NONE)
    }

    /// The category's id of model `m` (a name of [`Listings::category_name`]), or [`NONE`].
    #[inline]
    pub fn category(&self, m: usize) -> u32 {
        self.category.get(m).copied().unwrap_or(NONE)
    }

    /// How many categories the listings name: their ids are below it.
    pub fn category_count(&self) -> usize {
        self.categories.len()
    }

    /// The name of category `id`.
    pub fn category_name(&self, id: u32) -> &str {
        self.categories.name(id)
    }

    /// Bytes held, for the memory figures of the benchmark.
    pub fn heap_bytes(&self) -> usize {
        self.listed.capacity() * std::mem::size_of::<Option<Day>>()
            + (self.owner.capacity() + self.name.capacity() + self.category.capacity()) * std::mem::size_of::<u32>()
            + self.names.heap_bytes()
            + self.categories.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_reads_back_and_models_beyond_it_are_not_listed() {
        let mut listings = Listings::default();
        let listing = Listing { listed: Day(20_000), owner: 3, name: Some("Alpha"), category: Some("llm") };
        listings.set(1, listing);
        listings.set(2, Listing { name: None, category: Some("llm"), ..listing });
        listings.resize(4);
        assert_eq!((listings.len(), listings.get(1), listings.get(0)), (4, Some(listing), None));
        assert_eq!(listings.get(2).map(|l| (l.name, l.category)), Some((None, Some("llm"))));
        assert_eq!((listings.is_listed(3), listings.owner(1), listings.owner(9)), (false, 3, NONE));
        assert_eq!(listings.categories.len(), 1, "a category is kept once");
    }
}
