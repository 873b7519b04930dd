//! A loaded dataset: the stored inputs resolved against each other, what was refused,
//! and where every input came from. `report` is cheap enough to call on every brush move.

use crate::day::Day;
use crate::error::Error;
use crate::input::{load_all, load_shaped, Extras, Limits, Loaded, Problems, Shape, ShapeKind};
use crate::metrics::{self, ReportOptions, Window};
use crate::report::{Estimate, InputSummary, Report, Sketched, Source, Unavailable};
use crate::store::{EventLog, Events, Registry, Rollups, Snapshots, Tallies, NONE};
use serde::Serialize;

/// One listed model, with ids in the events' id spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub listed: Day,
    /// The owner's id among the callers, or [`NONE`].
    pub owner: u32,
    pub name: Option<String>,
    pub category: Option<String>,
}

/// What the demand side was read from: raw events determine every figure, daily rollups
/// (and the counter snapshots that become them) only those that per-(day, model) counts
/// determine (SPEC §1.3, §1.5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    #[default]
    Events,
    Rollups,
    Snapshots,
    /// Each model's total over one period, not per day (Hugging Face's 30-day downloads):
    /// the period is the only window, and there is no daily series.
    Totals,
}

impl Basis {
    /// What is counted, unless the page says (`unit`): inferences for events and rollups;
    /// for counters, the runs that most hubs count.
    pub fn default_unit(self) -> &'static str {
        match self {
            Basis::Events | Basis::Rollups => "inferences",
            Basis::Snapshots => "runs",
            Basis::Totals => "downloads",
        }
    }
}

/// The one demand-side input of a dataset: events, rollups or counter snapshots, never two
/// (the figures of one report come from one source; mixing them would count twice).
pub enum Demand<E, R, S> {
    Events(E),
    Rollups(R),
    Snapshots(S),
}

impl<T> Demand<T, T, T> {
    /// Which of the three was given: an error unless exactly one was.
    pub fn choose(events: Option<T>, rollups: Option<T>, snapshots: Option<T>) -> Result<Demand<T, T, T>, Error> {
        match (events, rollups, snapshots) {
            (Some(e), None, None) => Ok(Demand::Events(e)),
            (None, Some(r), None) => Ok(Demand::Rollups(r)),
            (None, None, Some(s)) => Ok(Demand::Snapshots(s)),
            (None, None, None) => Err(Error::Inputs("give events, daily rollups or counter snapshots".into())),
            _ => Err(Error::Inputs(
                "give events, daily rollups or counter snapshots, only one: one report counts one source".into(),
            )),
        }
    }

    /// The input as a hub's document of `shape` says it is, whichever attribute named it
    /// (`src="rankings.json" format="openrouter-rankings"` is rollups).
    pub fn shaped(self, shape: Option<Shape>) -> Demand<T, T, T> {
        let Some(shape) = shape else { return self };
        let (Demand::Events(input) | Demand::Rollups(input) | Demand::Snapshots(input)) = self;
        match shape.kind() {
            ShapeKind::Rollups => Demand::Rollups(input),
            ShapeKind::Snapshots => Demand::Snapshots(input),
        }
    }
}

/// A loaded demand-side input.
pub type LoadedDemand = Demand<Loaded<EventLog>, Loaded<Rollups>, Loaded<Snapshots>>;

/// Whole input bodies (the command line and tests): one demand side, and a registry.
#[derive(Default)]
pub struct Bodies<'a> {
    pub events: Option<Body<'a>>,
    pub rollups: Option<Body<'a>>,
    pub snapshots: Option<Body<'a>>,
    pub registry: Option<Body<'a>>,
    /// The demand input is a hub's own document of this shape (`format`).
    pub shape: Option<Shape>,
}

/// Everything `load` produced, ready to report on any window.
#[derive(Default)]
pub struct Dataset {
    /// Empty when the dataset was read from rollups; it then still holds the model names.
    pub events: Events,
    /// Counts per (day, model): read from rollups, or summed from the events.
    pub tallies: Tallies,
    pub basis: Basis,
    /// Indexed by model id; `None` for a model that is not in the registry. Empty when no
    /// registry was given (the supply side is then estimated from the events).
    pub listings: Vec<Option<Listing>>,
    pub has_registry: bool,
    /// Each input's tally, named by input.
    pub problems: Vec<(String, Problems)>,
    pub sources: Vec<Source>,
    /// The credit the demand input's licence asks for, shown with every chart.
    pub attribution: Option<String>,
    /// What is counted, when the input's shape says (`tokens`); else the basis's default.
    pub unit: Option<&'static str>,
    /// The one window a [`Basis::Totals`] dataset can report on.
    pub period: Option<Window>,
}

/// Where an input came from, before it is read.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The URL or path, or "bytes".
    pub source: String,
    /// When it was fetched or read (UTC, RFC 3339).
    pub fetched_at: String,
}

/// A whole input body and where it came from.
pub type Body<'a> = (&'a Origin, &'a [u8]);

/// An input read whole into memory, and where it came from.
pub type Owned = (Origin, Vec<u8>);

/// Inputs read whole (the command line's files, the JS API's bytes), to lend as [`Bodies`].
#[derive(Default)]
pub struct OwnedInputs {
    pub events: Option<Owned>,
    pub rollups: Option<Owned>,
    pub snapshots: Option<Owned>,
    pub registry: Option<Owned>,
    pub shape: Option<Shape>,
}

impl OwnedInputs {
    pub fn bodies(&self) -> Bodies<'_> {
        fn body(input: &Option<Owned>) -> Option<Body<'_>> {
            input.as_ref().map(|(origin, bytes)| (origin, &bytes[..]))
        }
        Bodies {
            events: body(&self.events),
            rollups: body(&self.rollups),
            snapshots: body(&self.snapshots),
            registry: body(&self.registry),
            shape: self.shape,
        }
    }
}

impl Dataset {
    /// Assembles the loaded inputs: the registry's models take ids beside the demand side's
    /// and its owners are matched with callers, so self-calls are an id comparison; events
    /// are then summed per (day, model).
    pub fn assemble(demand: (LoadedDemand, Origin), registry: Option<(Loaded<Registry>, Origin)>) -> Dataset {
        let mut data = Dataset::default();
        // Rollups bring model names but no events: an empty log holds the names.
        let (mut log, rollups, extras, source) = match demand {
            (Demand::Events(loaded), origin) => {
                data.add_source("events", &origin, loaded.bytes, &loaded.sha256, loaded.problems);
                (loaded.sink, None, (loaded.extras, loaded.bytes, loaded.sha256), origin)
            }
            (Demand::Rollups(loaded), origin) => {
                data.basis = Basis::Rollups;
                data.add_source("rollups", &origin, loaded.bytes, &loaded.sha256, loaded.problems);
                let log = EventLog { models: loaded.sink.models, ..EventLog::default() };
                (log, Some(loaded.sink.tallies), (loaded.extras, loaded.bytes, loaded.sha256), origin)
            }
            (Demand::Snapshots(loaded), origin) => {
                data.basis = Basis::Snapshots;
                let mut problems = loaded.problems;
                let rollups = loaded.sink.into_rollups(&mut problems);
                data.add_source("snapshots", &origin, loaded.bytes, &loaded.sha256, problems);
                let log = EventLog { models: rollups.models, ..EventLog::default() };
                (log, Some(rollups.tallies), (loaded.extras, loaded.bytes, loaded.sha256), origin)
            }
        };
        let (Extras { attribution, registry: listed, period }, bytes, sha256) = extras;
        data.attribution = attribution;
        if let Some((from, to)) = period {
            data.basis = Basis::Totals;
            data.period = Window::new(from, to).ok();
        }
        // A registry given on its own wins over the listings of the demand's document.
        let registry = registry.or_else(|| {
            listed.map(|(sink, problems)| (Loaded { sink, problems, bytes, sha256, extras: Extras::default() }, source))
        });
        if let Some((loaded, origin)) = registry {
            data.has_registry = true;
            for row in &loaded.sink.rows {
                let id = log.models.intern(&row.model) as usize;
                let owner = row.owner.as_deref().map_or(NONE, |o| log.callers.intern(o));
                if data.listings.len() <= id {
                    data.listings.resize(id + 1, None);
                }
                data.listings[id] =
                    Some(Listing { listed: row.listed, owner, name: row.name.clone(), category: row.category.clone() });
            }
            data.add_source("registry", &origin, loaded.bytes, &loaded.sha256, loaded.problems);
        }
        data.listings.resize(log.models.len(), None);
        data.tallies = match rollups {
            Some(tallies) => tallies,
            None => {
                log.sort_by_day();
                let listings = &data.listings;
                Tallies::from_events(&log, |m| listings[m as usize].as_ref().map_or(NONE, |l| l.owner))
            }
        };
        data.tallies.sort_by_day();
        data.events = log.seal();
        data
    }

    fn add_source(&mut self, input: &str, origin: &Origin, bytes: u64, sha256: &str, problems: Problems) {
        self.sources.push(Source {
            input: input.into(),
            source: origin.source.clone(),
            bytes,
            sha256: sha256.to_owned(),
            fetched_at: origin.fetched_at.clone(),
            chain: None,
        });
        self.problems.push((input.into(), problems));
    }

    /// A dataset of whole bodies (the command line and tests).
    pub fn from_bodies(bodies: Bodies, limits: Limits) -> Result<Dataset, Error> {
        let demand = match Demand::choose(bodies.events, bodies.rollups, bodies.snapshots)?.shaped(bodies.shape) {
            Demand::Events((origin, body)) => {
                let loaded = load_shaped(&origin.source, EventLog::default(), body, limits, bodies.shape)?;
                (Demand::Events(loaded), origin.clone())
            }
            Demand::Rollups((origin, body)) => {
                let loaded = load_shaped(&origin.source, Rollups::default(), body, limits, bodies.shape)?;
                (Demand::Rollups(loaded), origin.clone())
            }
            Demand::Snapshots((origin, body)) => {
                let loaded = load_shaped(&origin.source, Snapshots::default(), body, limits, bodies.shape)?;
                (Demand::Snapshots(loaded), origin.clone())
            }
        };
        let registry = match bodies.registry {
            Some((origin, body)) => {
                Some((load_all(&origin.source, Registry::default(), body, limits)?, origin.clone()))
            }
            None => None,
        };
        let mut data = Dataset::assemble(demand, registry);
        data.unit = bodies.shape.map(Shape::unit);
        Ok(data)
    }

    /// A dataset of one events body (tests).
    pub fn from_events(source: &str, body: &[u8]) -> Result<Dataset, Error> {
        let origin = Origin { source: source.into(), fetched_at: String::new() };
        Dataset::from_bodies(Bodies { events: Some((&origin, body)), ..Bodies::default() }, Limits::default())
    }

    /// The report over the window that `spec` asks for.
    pub fn report(&self, options: &ReportOptions) -> Result<Report, Error> {
        let window = match self.period {
            Some(period) => Some(period.only_window(options)?),
            None => Window::resolve(options, self.tallies.span())?,
        };
        Ok(metrics::report(self, window, options))
    }

    /// The sketches the rollups carry.
    fn sketched(&self) -> Sketched {
        let t = &self.tallies;
        Sketched { callers: t.callers_sketch.is_some(), latency: t.latency_sketch.is_some() }
    }

    /// The report's `input` block.
    pub fn input_summary(&self) -> InputSummary {
        let mut total = Problems::default();
        for (input, problems) in &self.problems {
            let mut named = problems.clone();
            named.problems.iter_mut().for_each(|p| p.input = input.clone());
            total.absorb(&named);
        }
        InputSummary {
            rows_read: total.rows_read,
            rows_rejected: total.rows_rejected,
            warnings: total.warnings,
            problems: total.problems,
            supply_source: if self.has_registry { "registry" } else { "estimated" },
            demand_source: self.basis,
            unit: self.unit.unwrap_or(self.basis.default_unit()).to_owned(),
            attribution: self.attribution.clone(),
            unavailable: Unavailable::of(self.basis, self.tallies.self_calls.is_some(), self.sketched()),
            estimates: Estimate::of(self.basis, self.sketched()),
            sources: self.sources.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"ts":"2026-03-02T10:00:00Z","model":"a","caller":"0xAB"}
{"ts":"2026-03-02T23:59:59Z","model":"b","ok":false}

{"timestamp":1772582400,"model_id":"a","latency_ms":"slow"}
{"model":"a"}
not json
{"ts":"2026-03-05T01:00:00+03:00","model":"c"}"#;

    #[test]
    fn rows_are_read_rejected_or_warned_and_counted() {
        let data = Dataset::from_events("events.ndjson", BODY.as_bytes()).unwrap();
        let r = data.report(&ReportOptions::default()).unwrap();
        assert_eq!((r.input.rows_read, r.input.rows_rejected, r.input.warnings), (6, 2, 1));
        let lines: Vec<_> = r.input.problems.iter().map(|p| (p.line, p.field.as_str())).collect();
        assert_eq!(lines, [(4, "latency_ms"), (5, "ts"), (6, "record")]);
        let w = r.window.unwrap();
        assert_eq!((w.from.to_string(), w.to.to_string()), ("2026-03-02".into(), "2026-03-04".into()));
        assert_eq!((r.events, r.failed), (3, 1));
        assert_eq!(r.daily.events, [1, 0, 2]); // 1772582400 is 2026-03-04T00:00Z
    }

    #[test]
    fn chunk_boundaries_do_not_change_the_result() {
        let whole = Dataset::from_events("e", BODY.as_bytes()).unwrap().report(&ReportOptions::default()).unwrap();
        for size in [1, 2, 7, 64] {
            let mut loader = crate::input::Loader::new("e", EventLog::default(), Limits::default());
            for chunk in BODY.as_bytes().chunks(size) {
                loader.feed(chunk).unwrap();
            }
            let origin = Origin { source: "e".into(), fetched_at: String::new() };
            let data = Dataset::assemble((Demand::Events(loader.finish().unwrap()), origin), None);
            assert_eq!(data.report(&ReportOptions::default()).unwrap(), whole, "chunks of {size}");
        }
    }

    #[test]
    fn html_and_empty_bodies_are_clear_errors() {
        let err = Dataset::from_events("https://hub/x", b"<!DOCTYPE html><p>404</p>").err().unwrap();
        assert_eq!(err.to_string(), "https://hub/x: this is an HTML page, not data");
        let empty = Dataset::from_events("e", b"").unwrap();
        assert_eq!(empty.report(&ReportOptions::default()).unwrap().window, None);
    }

    #[test]
    fn the_registry_shares_model_ids_and_owners_match_callers() {
        let events = br#"{"ts":"2026-03-02","model":"a","caller":"0xAB"}"#;
        let registry =
            br#"[{"model":"z","listed_at":"2026-01-01"},{"model":"a","listed_at":"2026-02-01","owner":"0xab"}]"#;
        let o = Origin { source: "x".into(), fetched_at: String::new() };
        let bodies = Bodies { events: Some((&o, events)), registry: Some((&o, registry)), ..Bodies::default() };
        let data = Dataset::from_bodies(bodies, Limits::default()).unwrap();
        let a = data.events.models.get("a").unwrap() as usize;
        let z = data.events.models.get("z").unwrap() as usize;
        assert_eq!(data.listings[a].as_ref().map(|l| l.owner), Some(data.events.caller[0]));
        assert_eq!(data.listings[z].as_ref().map(|l| l.listed.to_string()), Some("2026-01-01".into()));
        assert_eq!(data.sources.len(), 2);
    }

    fn rollups(body: &str) -> Result<Dataset, Error> {
        let o = Origin { source: "rollups.csv".into(), fetched_at: String::new() };
        Dataset::from_bodies(Bodies { rollups: Some((&o, body.as_bytes())), ..Bodies::default() }, Limits::default())
    }

    #[test]
    fn rollup_rows_are_counted_and_the_long_tail_is_volume_not_a_model() {
        let body = "day,model,events,tee,zkml,failed,callers\n\
                    2026-03-02,a,10,4,,1,3\n\
                    2026-03-02,other,5,,,,\n\
                    2026-03-03,b,2,,,,\n\
                    2026-03-03,b,1,,,,\n\
                    2026-03-04,a,x,,,,\n\
                    2026-03-04,a,3,2,2,,\n";
        let r = rollups(body).unwrap().report(&ReportOptions::default()).unwrap();
        assert_eq!((r.events, r.failed, r.models_active), (21, 1, 2));
        assert_eq!(r.daily.events, [15, 3, 3]);
        assert_eq!((r.by_mode.tee, r.by_mode.zkml, r.by_mode.unknown), (4, 0, 17), "the 2+2 of 3 are dropped");
        assert_eq!(r.top1_share, Some(13.0 / 21.0));
        assert_eq!(r.models[0].callers, None, "a is used on two days");
        assert_eq!(r.models[1].callers, None, "b has two rows for its day");
        assert_eq!((r.callers, r.latency_p50, r.self_calls), (None, None, None));
        assert_eq!((r.input.rows_read, r.input.rows_rejected, r.input.warnings), (6, 1, 2));
        let fields: Vec<_> = r.input.problems.iter().map(|p| (p.line, p.field.as_str())).collect();
        assert_eq!(fields, [(5, "day"), (6, "events"), (7, "modes")]);
        assert_eq!(r.input.demand_source, Basis::Rollups);
        assert!(r.input.unavailable.iter().any(|u| u.figure == "self_calls"));
    }

    #[test]
    fn a_model_used_on_one_day_keeps_its_rollup_callers() {
        let r = rollups("day,model,events,callers\n2026-03-02,a,10,3\n2026-03-03,b,1,1\n").unwrap();
        let r = r.report(&ReportOptions::default()).unwrap();
        assert_eq!(r.models.iter().map(|m| m.callers).collect::<Vec<_>>(), [Some(3), Some(1)]);
    }

    #[test]
    fn events_and_rollups_together_are_refused() {
        let o = Origin { source: "x".into(), fetched_at: String::new() };
        let body = &b"{\"ts\":\"2026-03-02\",\"model\":\"a\"}"[..];
        let both = Bodies { events: Some((&o, body)), rollups: Some((&o, body)), ..Bodies::default() };
        let err = Dataset::from_bodies(both, Limits::default()).err().unwrap();
        assert!(
            err.to_string().starts_with("inputs: give events, daily rollups or counter snapshots, only one"),
            "{err}"
        );
    }

    #[test]
    fn counter_snapshots_become_daily_use_in_their_unit() {
        let body = "day,model,total\n\
                    2026-03-01,a,100\n2026-03-02,a,130\n2026-03-04,a,190\n2026-03-05,a,20\n\
                    2026-03-01,b,5\n2026-03-02,b,5\n2026-03-03,b,9\n\
                    2026-03-03,c,0\n";
        let o = Origin { source: "runs.csv".into(), fetched_at: String::new() };
        let data = Dataset::from_bodies(
            Bodies { snapshots: Some((&o, body.as_bytes())), ..Bodies::default() },
            Limits::default(),
        )
        .unwrap();
        let r = data.report(&ReportOptions::default()).unwrap();
        assert_eq!(r.window.map(|w| (w.from.to_string(), w.days)), Some(("2026-03-02".into(), 3)));
        assert_eq!(r.daily.events, [30, 4, 60], "b's 4 on the 3rd; a's 60 after a two-day gap on the 4th");
        assert_eq!((r.events, r.models_active), (94, 2));
        assert_eq!((r.input.demand_source, r.input.unit.as_str()), (Basis::Snapshots, "runs"));
        assert_eq!((r.input.rows_read, r.input.warnings), (8, 2), "the gap and the counter that went down");
        assert!(r.input.unavailable.iter().any(|u| u.figure == "callers"));
        assert_eq!(r.input.sources[0].input, "snapshots");
        let tokens = ReportOptions { unit: Some("tokens".into()), ..ReportOptions::default() };
        assert_eq!(data.report(&tokens).unwrap().input.unit, "tokens");
    }

    #[test]
    fn open_router_rankings_are_rollups_in_tokens_with_their_credit() {
        let body = br#"{"data":[
            {"date":"2026-03-01","model_permaslug":"a/one","total_tokens":"9000000000000"},
            {"date":"2026-03-01","model_permaslug":"other","total_tokens":"1000000000000"},
            {"date":"2026-03-02","model_permaslug":"b/two","total_tokens":"12"},
            {"date":"2026-03-02","model_permaslug":"b/two","total_tokens":"x"}],
            "meta":{"as_of":"2026-03-03"}}"#;
        let o = Origin { source: "rankings.json".into(), fetched_at: String::new() };
        let bodies =
            Bodies { rollups: Some((&o, &body[..])), shape: Some(Shape::OpenRouterRankings), ..Bodies::default() };
        let r = Dataset::from_bodies(bodies, Limits::default()).unwrap().report(&ReportOptions::default()).unwrap();
        assert_eq!((r.events, r.models_active), (10_000_000_000_012, 2), "the other row is volume, not a model");
        assert_eq!(r.input.unit, "tokens");
        assert_eq!(
            r.input.attribution.as_deref(),
            Some("Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-03")
        );
        assert_eq!((r.input.rows_read, r.input.rows_rejected), (4, 1));
        assert_eq!(r.input.problems[0].line, 4, "rows are numbered by their place in data[]");
        let not_rankings =
            Bodies { rollups: Some((&o, &b"[1,2]"[..])), shape: Some(Shape::OpenRouterRankings), ..Bodies::default() };
        let err = Dataset::from_bodies(not_rankings, Limits::default()).err().unwrap();
        assert!(err.to_string().contains("expected OpenRouter's rankings"), "{err}");
    }

    fn shaped(shape: Shape, body: &[u8], options: &ReportOptions) -> Result<Report, Error> {
        let o = Origin { source: "hub.json".into(), fetched_at: String::new() };
        // Whichever attribute names it, the shape says what the document is.
        let bodies = Bodies { events: Some((&o, body)), shape: Some(shape), ..Bodies::default() };
        Dataset::from_bodies(bodies, Limits::default())?.report(options)
    }

    #[test]
    fn replicate_pages_are_runs_with_models_listed_from_their_first_page() {
        let body = br#"{"date":"2026-03-01","results":[{"owner":"a","name":"x","run_count":1000},{"owner":"a","name":"y","run_count":5}]}
{"date":"2026-03-02","results":[{"owner":"a","name":"x","run_count":1500},{"owner":"a","name":"y","run_count":5},{"owner":"b","name":"z","run_count":9}]}
{"date":"2026-03-03","results":[{"owner":"a","name":"x","run_count":1400},{"owner":"a","name":"y","run_count":8},{"owner":"b","name":"z","run_count":10}]}"#;
        let r = shaped(Shape::ReplicateModels, body, &ReportOptions::default()).unwrap();
        assert_eq!(r.window.map(|w| (w.from.to_string(), w.days)), Some(("2026-03-02".into(), 2)));
        assert_eq!(r.daily.events, [500, 4], "x went down on the 3rd: a problem, not negative runs");
        assert_eq!((r.models_listed, r.models_active, r.models_idle), (3, 3, 0));
        assert_eq!((r.input.unit.as_str(), r.input.demand_source), ("runs", Basis::Snapshots));
        assert_eq!(r.input.supply_source, "registry");
        assert_eq!((r.input.rows_read, r.input.warnings), (8 + 3, 1), "8 snapshots, 3 listings");
        let only_one = shaped(
            Shape::ReplicateModels,
            b"{\"date\":\"2026-03-01\",\"results\":[{\"owner\":\"a\",\"name\":\"x\",\"run_count\":1}]}",
            &ReportOptions::default(),
        )
        .unwrap();
        assert_eq!(only_one.window, None, "one page is a baseline: use needs two");
    }

    #[test]
    fn hugging_face_downloads_are_the_last_thirty_days_and_the_list_is_the_registry() {
        let body = br#"{"as_of":"2026-03-31","models":[
            {"id":"org/a","createdAt":"2025-01-01T00:00:00.000Z","downloads":900,"pipeline_tag":"text-generation"},
            {"id":"org/b","createdAt":"2026-03-20T00:00:00.000Z","downloads":100},
            {"id":"me/c","author":"me","createdAt":"2024-06-01T00:00:00.000Z","downloads":0},
            {"id":"me/d","createdAt":"2026-04-02T00:00:00.000Z","downloads":0}]}"#;
        let r = shaped(Shape::HfModels, body, &ReportOptions::default()).unwrap();
        let w = r.window.unwrap();
        assert_eq!((w.from.to_string(), w.to.to_string(), w.days), ("2026-03-02".into(), "2026-03-31".into(), 30));
        assert_eq!((r.events, r.models_listed, r.models_active, r.models_idle), (1000, 3, 2, 1), "d is listed later");
        assert_eq!(r.top1_share, Some(0.9));
        assert_eq!((r.input.unit.as_str(), r.input.demand_source), ("downloads", Basis::Totals));
        assert!(r.daily.day.is_empty() && r.models[0].daily.is_empty() && r.events_wow.is_none());
        assert!(r.input.unavailable.iter().any(|u| u.figure == "daily"));
        let shorter = ReportOptions { range: Some("7d".into()), ..ReportOptions::default() };
        let err = shaped(Shape::HfModels, body, &shorter).err().unwrap();
        assert!(err.to_string().contains("2026-03-02 to 2026-03-31, so that is the only window"), "{err}");
        let same = ReportOptions { range: Some("30d".into()), ..ReportOptions::default() };
        assert_eq!(shaped(Shape::HfModels, body, &same).unwrap(), r);
    }
}
