//! A loaded dataset: the stored inputs resolved against each other, what was refused,
//! and where every input came from. A report of any window is computed from it
//! (`Dataset::report`, in the metrics), cheaply enough for every brush move.

#[cfg(feature = "evm")]
mod chain;
mod filter;
mod inputs;
mod summary;
mod wire;

pub use inputs::Inputs;
pub use wire::Parts;

use crate::day::Day;
use crate::error::Error;
use crate::input::{Extras, InputKind, Loaded, LoadedInput, Stored};
use crate::problems::Problems;
use crate::provenance::{Basis, Origin, Source};
use crate::report::Filter;
use crate::store::{EventLog, Events, Listing, Listings, Registry, Tallies, NONE};
use crate::window::Window;
use std::collections::BTreeMap;

/// Every input of one load, read and resolved against each other: what any report is
/// computed from.
#[derive(Default)]
pub struct Dataset {
    /// Empty when the dataset was read from rollups; it then still holds the model names.
    pub events: Events,
    /// Counts per (day, model): read from rollups, or summed from the events.
    pub tallies: Tallies,
    pub basis: Basis,
    /// By model id, the registry's listings; none listed when no registry was given (the
    /// supply side is then estimated from the events).
    pub listings: Listings,
    pub has_registry: bool,
    /// Each input's tally, named by input.
    pub(crate) problems: Vec<(String, Problems)>,
    pub(crate) sources: Vec<Source>,
    /// The credit the demand input's licence asks for, shown with every chart.
    pub(crate) attribution: Option<String>,
    /// What is counted, when the input's shape says (`tokens`); else the basis's default.
    pub(crate) unit: Option<&'static str>,
    /// The one window a [`Basis::Totals`] dataset can report on.
    pub(crate) period: Option<Window>,
    /// Days whose counts carry more than one day (counter snapshots across a gap), with
    /// how many: [`crate::store::Rollups::carried`].
    pub(crate) carried: Vec<(Day, u32)>,
    /// The filter this dataset was cut by from a whole one ([`Dataset::filtered`]): every
    /// report of it says so (`input.filter`).
    pub(crate) filter: Option<Filter>,
    /// The registry's names of the filter's models, by id (`input.filter_names`): found once,
    /// when the dataset is cut, not at each report of it.
    pub(crate) filter_names: BTreeMap<String, String>,
}

impl Dataset {
    /// Assembles loaded inputs: one demand side (events, rollups or snapshots) and perhaps
    /// a registry. The registry's models take ids beside the demand side's and its owners
    /// are matched with callers, so self-calls are an id comparison; events are then summed
    /// per (day, model).
    pub fn assemble(demand: LoadedInput, registry: Option<LoadedInput>) -> Result<Dataset, Error> {
        let registry = match registry.map(|r| (r.kind, r.origin, r.stored)) {
            None => None,
            Some((_, origin, Stored::Registry(loaded))) => Some((loaded, origin)),
            Some((kind, ..)) => {
                return Err(Error::Inputs(format!("the registry was given {} instead of a registry", kind.name())))
            }
        };
        let mut data = Dataset::default();
        let origin = demand.origin;
        // Rollups bring model names but no events: an empty log holds the names.
        let (mut log, rollups, extras) = match demand.stored {
            Stored::Events(loaded) => {
                let log = data.add_source(InputKind::Events, &origin, loaded);
                (log.sink, None, log.extras)
            }
            Stored::Rollups(loaded) => {
                data.basis = Basis::Rollups;
                let loaded = data.add_source(InputKind::Rollups, &origin, loaded);
                let log = EventLog { models: loaded.sink.models, ..EventLog::default() };
                (log, Some(loaded.sink.tallies), loaded.extras)
            }
            Stored::Snapshots(mut loaded) => {
                data.basis = Basis::Snapshots;
                let rollups = std::mem::take(&mut loaded.sink).into_rollups(&mut loaded.problems);
                let loaded = data.add_source(InputKind::Snapshots, &origin, loaded);
                data.carried = rollups.carried;
                let log = EventLog { models: rollups.models, ..EventLog::default() };
                (log, Some(rollups.tallies), loaded.extras)
            }
            Stored::Registry(_) => return Err(Error::Inputs("a registry alone has no use to count".into())),
        };
        let Extras { attribution, registry: listed, period, unit } = extras;
        data.attribution = attribution;
        data.unit = unit;
        if let Some((from, to)) = period {
            data.basis = Basis::Totals;
            data.period = Window::new(from, to).ok();
        }
        // A registry given on its own wins over the listings of the demand's document.
        let registry = registry.or_else(|| {
            let source = data.sources.first()?;
            let listed = listed?;
            let loaded = Loaded {
                sink: listed.0,
                problems: listed.1,
                bytes: source.bytes,
                sha256: source.sha256.clone(),
                extras: Extras::default(),
            };
            Some((loaded, origin))
        });
        if let Some((mut loaded, origin)) = registry {
            if loaded.sink.rows.is_empty() {
                // An empty list, or an error message where the list should be: no supply.
                let line = loaded.problems.rows_read;
                let why = || "the registry lists no model, so the supply side is estimated from the use".into();
                loaded.problems.warn(line, "registry", why);
            }
            let registry = data.add_source(InputKind::Registry, &origin, loaded).sink;
            data.list(&registry, &mut log);
        }
        data.listings.resize(log.models.len());
        data.tallies = match rollups {
            Some(tallies) => tallies,
            None => {
                log.sort_by_day();
                Tallies::from_events(&log, &data.listings)
            }
        };
        data.tallies.sort_by_day();
        data.events = log.seal();
        Ok(data)
    }

    /// Gives the registry's models ids among the demand side's, and its owners ids among
    /// the callers.
    fn list(&mut self, registry: &Registry, log: &mut EventLog) {
        self.has_registry = !registry.rows.is_empty();
        for row in &registry.rows {
            let id = log.models.intern(&row.model);
            let owner = row.owner.as_deref().map_or(NONE, |o| log.callers.intern(o));
            let (name, category) = (row.name.as_deref(), row.category.as_deref());
            self.listings.set(id, Listing { listed: row.listed, owner, name, category });
        }
    }

    /// Notes where an input came from and what was refused of it; hands back the rest.
    fn add_source<S>(&mut self, kind: InputKind, origin: &Origin, mut loaded: Loaded<S>) -> Loaded<S> {
        self.sources.push(Source {
            input: kind.name().into(),
            source: origin.source.clone(),
            bytes: loaded.bytes,
            sha256: loaded.sha256.clone(),
            fetched_at: origin.fetched_at.clone(),
            chain: None,
        });
        self.problems.push((kind.name().into(), std::mem::take(&mut loaded.problems)));
        loaded
    }

    /// Events stored, failed ones included (none when the demand side is not events).
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// Bytes the dataset holds: the event columns and interned strings, the per-day tallies
    /// and the registry's listings (the benchmark's store size).
    pub fn heap_bytes(&self) -> usize {
        self.events.heap_bytes() + self.tallies.heap_bytes() + self.listings.heap_bytes()
    }
}

#[cfg(test)]
mod tests;
