//! The `Report` of docs/metrics.md: plain data, serialised with serde as the JSON the command
//! line prints and the plain object the JS API returns. Field names are a contract:
//! add fields freely, rename none (a test pins them).

use crate::day::Day;
use crate::mode::Mode;
use crate::problems::Problem;
use crate::provenance::{Basis, Source};
use crate::window::Window;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The part of the use a report counts (docs/metrics.md#filters): the events of the models
/// named in `model`, owned by one of `owner` and in one of `category`, made in one of the
/// modes of `mode`, of one of the kinds of `kind` and by one of the apps of `app`, of the
/// lists that are given; an empty list asks nothing of its dimension.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filter {
    /// Model ids, as the data names them.
    pub model: Vec<String>,
    /// Owners, as the registry names them.
    pub owner: Vec<String>,
    /// Categories, as the registry names them.
    pub category: Vec<String>,
    /// Verification modes, by their names in reports (`vanilla`, `tee`, `zkml`, `other`,
    /// `unknown`).
    pub mode: Vec<String>,
    /// Kinds of inference, as the events name them.
    pub kind: Vec<String>,
    /// Apps, as the events name them.
    pub app: Vec<String>,
}

impl Filter {
    /// The names of its dimensions, in the order reports and statements give them: the first
    /// [`Filter::OF_MODELS`] are properties of a model, the others of single events.
    pub const DIMENSIONS: [&'static str; 6] = ["model", "owner", "category", "mode", "kind", "app"];
    /// How many of [`Filter::DIMENSIONS`] come first as properties of a model.
    pub const OF_MODELS: usize = 3;

    /// The values it keeps of `dimension`, one of [`Filter::DIMENSIONS`].
    pub fn values_mut(&mut self, dimension: &str) -> Option<&mut Vec<String>> {
        match dimension {
            "model" => Some(&mut self.model),
            "owner" => Some(&mut self.owner),
            "category" => Some(&mut self.category),
            "mode" => Some(&mut self.mode),
            "kind" => Some(&mut self.kind),
            "app" => Some(&mut self.app),
            _ => None,
        }
    }

    /// Each dimension with the values it keeps, in the order of [`Filter::DIMENSIONS`].
    pub fn dimensions(&self) -> [(&'static str, &[String]); 6] {
        let [model, owner, category, mode, kind, app] = Filter::DIMENSIONS;
        [
            (model, &self.model),
            (owner, &self.owner),
            (category, &self.category),
            (mode, &self.mode),
            (kind, &self.kind),
            (app, &self.app),
        ]
    }

    /// Whether it keeps everything.
    pub fn is_empty(&self) -> bool {
        self.dimensions().iter().all(|(_, values)| values.is_empty())
    }

    /// Whether it asks something of single events (their mode, kind or app), not only of
    /// the models they were made on.
    pub fn cuts_events(&self) -> bool {
        self.dimensions()[Filter::OF_MODELS..].iter().any(|(_, values)| !values.is_empty())
    }

    /// The dimensions of single events that it asks something of (`mode`, `kind`, `app`).
    pub fn of_events(&self) -> Vec<&'static str> {
        let dimensions = self.dimensions();
        dimensions[Filter::OF_MODELS..].iter().filter(|(_, values)| !values.is_empty()).map(|(d, _)| *d).collect()
    }
}

/// Every figure of one window (docs/metrics.md). `None` is JSON `null`: undefined, never 0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// `null` when there is no data and no window was given.
    pub window: Option<Window>,
    /// What was read, what was refused, and where it came from.
    pub input: InputSummary,
    /// Successful inferences in the window.
    pub events: u64,
    /// Failed inferences (`ok = false`) in the window.
    pub failed: u64,
    /// Events in the last 7 days against the 7 before, as a change (0.1 = +10 %).
    pub events_wow: Option<f64>,

    /// Models listed by the window's end (registry), or first used by then (estimated).
    pub models_listed: u64,
    /// Models with at least one event in the window.
    pub models_active: u64,
    /// Listed models with no event in the window.
    pub models_idle: u64,
    /// Active models that the registry does not list.
    pub models_unlisted: u64,
    /// Listed models that are active, over the models listed.
    pub active_ratio: Option<f64>,
    /// Events over the models listed.
    pub events_per_listed_model: Option<f64>,

    /// The busiest model's share of the events.
    pub top1_share: Option<f64>,
    /// The ten busiest models' share of the events.
    pub top10_share: Option<f64>,
    /// Herfindahl–Hirschman index: the sum of squared shares.
    pub hhi: Option<f64>,
    /// 1 / HHI: how many equally used models the use amounts to.
    pub effective_models: Option<f64>,
    /// Gini coefficient over listed and active models, idle ones as zeros.
    pub gini: Option<f64>,
    /// The models of the universe: listed by the window's end, or active in it.
    pub models_in_universe: u64,
    /// The fewest models that carry 80 % of the events.
    pub models_for_80pct: Option<u64>,
    /// Points `[share of models, share of events]`, from `[0, 0]` to `[1, 1]`.
    pub lorenz: Vec<[f64; 2]>,

    /// `null` (as are `wau`, `mau` and the figures derived from them) when read from
    /// rollups: see `input.unavailable`.
    pub callers: Option<u64>,
    /// Distinct callers in the last 7 and 30 days of the window.
    pub wau: Option<u64>,
    /// See `wau`.
    pub mau: Option<u64>,
    /// The mean of `daily.callers` over the last 30 days, over `mau`.
    pub stickiness: Option<f64>,
    /// Events that name a caller, over the distinct callers.
    pub events_per_caller: Option<f64>,

    /// Events per verification mode.
    pub by_mode: ByMode<u64>,
    /// TEE and ZKML events over all events.
    pub verified_share: Option<f64>,

    /// `null` (with `organic_events` and `models_only_self_called`) for rollups without a
    /// `self_calls` column.
    pub self_calls: Option<u64>,
    /// Self-calls over the events whose caller and model owner are both known.
    pub self_call_share: Option<f64>,
    /// Active models all of whose events are self-calls.
    pub models_only_self_called: Option<u64>,
    /// Events that are not self-calls.
    pub organic_events: Option<u64>,
    /// This and `first_party_events`, `by_app`: `null` when read from rollups.
    pub automated_events: Option<u64>,
    /// Events from the apps named as the hub's own (`first_party`).
    pub first_party_events: Option<u64>,
    /// Events per app, busiest first.
    pub by_app: Option<Vec<AppEvents>>,

    /// Latency quantiles in milliseconds, by nearest rank.
    pub latency_p50: Option<f64>,
    /// See `latency_p50`.
    pub latency_p95: Option<f64>,
    /// See `latency_p50`.
    pub latency_p99: Option<f64>,

    /// Per-day series of the window.
    pub daily: Daily,
    /// Every model of listed ∪ active, busiest first.
    pub models: Vec<ModelRow>,
    /// Usage by the models' registry owner, busiest first (the full report only: a chart's
    /// carries none).
    pub owners: Vec<OwnerRow>,
    /// The top owner's share of the events of models with a known owner.
    pub owner_top1_share: Option<f64>,
    /// Σ share² over the known owners.
    pub owner_hhi: Option<f64>,
    /// 1 / `owner_hhi`.
    pub effective_owners: Option<f64>,
    /// Usage by the models' registry category, busiest first (the full report only).
    pub categories: Vec<CategoryRow>,
    /// Weekly cohorts of models and callers.
    pub retention: Retention,
    /// The report of the period this one is compared with (`compare`, docs/metrics.md#comparison):
    /// every figure but the rows of models, owners and categories; `null` without `compare`.
    pub compared: Option<Box<Report>>,
}

/// What was read, what was refused, and where it came from (docs/inputs.md#bad-input, §1.6).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct InputSummary {
    /// Rows read from every input (blank lines are not rows).
    pub rows_read: u64,
    /// Rows not counted, each for a reason.
    pub rows_rejected: u64,
    /// Rows counted without one of their fields.
    pub warnings: u64,
    /// The first problems, word for word.
    pub problems: Vec<Problem>,
    /// `registry` when a model registry was given, `estimated` when the supply side is
    /// estimated from the events (a model counts as listed from its first event).
    pub supply_source: &'static str,
    /// `events`, `rollups` or `snapshots`: what the use was counted from.
    pub demand_source: Basis,
    /// What is counted (`inferences`, `runs`, `downloads`, `tokens`): every chart says it.
    pub unit: String,
    /// The credit the source's licence asks for (OpenRouter's rankings), drawn under every
    /// chart; `null` when none is asked.
    pub attribution: Option<String>,
    /// The figures this input cannot determine (they are `null`), and why.
    pub unavailable: Vec<Unavailable>,
    /// The figures estimated from the rollups' sketches, how, and how closely.
    pub estimates: Vec<Estimate>,
    /// Where each input came from.
    pub sources: Vec<Source>,
    /// The part of the use counted; `null`: all of it.
    pub filter: Option<Filter>,
    /// The registry's display names of the models the filter names, by id (those it lists
    /// under a name of their own): a chart says the filter in the names its leaderboard shows.
    pub filter_names: BTreeMap<String, String>,
}

/// A figure estimated from sketches rather than counted (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// The report field, as a path: `callers`, `daily.callers`, `models[].callers`, …
    pub figure: &'static str,
    /// How it was estimated.
    pub method: &'static str,
    /// The relative error: one standard error for HyperLogLog counts, a bound for
    /// DDSketch quantiles (see `error_kind`).
    pub relative_error: f64,
    /// `standard error` or `bound`.
    pub error_kind: &'static str,
}

/// Which sketches the rollups carry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sketched {
    pub callers: bool,
    pub latency: bool,
}

/// The figures that HyperLogLogs estimate.
const SKETCHED_CALLERS: [&str; 8] =
    ["callers", "wau", "mau", "stickiness", "daily.callers", "daily.wau", "daily.mau", "models[].callers"];
const SKETCHED_LATENCY: [&str; 3] = ["latency_p50", "latency_p95", "latency_p99"];

impl Estimate {
    /// The estimates of a dataset read from rollups with these sketches.
    pub fn of(basis: Basis, sketched: Sketched) -> Vec<Estimate> {
        if basis == Basis::Events {
            return Vec::new();
        }
        let callers = SKETCHED_CALLERS.iter().filter(|_| sketched.callers).map(|&figure| Estimate {
            figure,
            method: "HyperLogLog, 4,096 registers, Ertl's estimator",
            relative_error: crate::sketch::HLL_STANDARD_ERROR,
            error_kind: "standard error",
        });
        let latency = SKETCHED_LATENCY.iter().filter(|_| sketched.latency).map(|&figure| Estimate {
            figure,
            method: "DDSketch, nearest rank",
            relative_error: crate::sketch::RELATIVE_ACCURACY,
            error_kind: "bound",
        });
        callers.chain(latency).collect()
    }
}

/// A figure that the input cannot determine, and why (docs/inputs.md#rollups: shown as unavailable,
/// never estimated silently).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unavailable {
    /// The report field, as a path: `callers`, `daily.callers`, `models[].callers`, …
    pub figure: &'static str,
    /// Why the input cannot say.
    pub reason: &'static str,
}

impl Unavailable {
    /// What a dataset read from `basis` cannot say; `self_calls`: whether its input
    /// counted self-calls; `sketched`: the sketches its rollups carry, which estimate some.
    pub fn of(basis: Basis, self_calls: bool, sketched: Sketched) -> Vec<Unavailable> {
        const CALLERS: &str = "daily rollups count callers per model and day; distinct callers across models \
                               or days need the raw events";
        const MODEL_CALLERS: &str = "a model's distinct callers over more than one day need the raw events \
                                     (known only for a model with events on one day of the window)";
        const LATENCY: &str = "latency quantiles need each event's latency_ms, which daily rollups do not carry";
        const SHARE: &str = "the share needs the events that have both a caller and a known owner, which \
                             daily rollups do not count";
        const APPS: &str = "daily rollups do not carry the automated and app fields";
        const SELF: &str = "the rollups have no self_calls column";
        const DAYS: &str = "the input counts each model's total over the whole period, not per day";
        let mut groups: Vec<(&[&'static str], &'static str)> = Vec::new();
        if basis != Basis::Events {
            groups.extend([
                (
                    &[
                        "callers",
                        "wau",
                        "mau",
                        "stickiness",
                        "events_per_caller",
                        "daily.callers",
                        "daily.wau",
                        "daily.mau",
                        "retention.callers",
                    ] as &[_],
                    CALLERS,
                ),
                (&["models[].callers"], MODEL_CALLERS),
                (&["latency_p50", "latency_p95", "latency_p99"], LATENCY),
                (&["self_call_share", "models[].self_call_share"], SHARE),
                (&["automated_events", "first_party_events", "by_app"], APPS),
            ]);
            if !self_calls {
                groups.push((&["self_calls", "organic_events", "models_only_self_called", "daily.self_calls"], SELF));
            }
        }
        if basis == Basis::Totals {
            groups.push((
                &[
                    "daily",
                    "events_wow",
                    "models[].daily",
                    "models[].events_wow",
                    "models[].first_day",
                    "models[].last_day",
                    "retention.models",
                ],
                DAYS,
            ));
        }
        let estimated = |figure: &&str| {
            (sketched.callers && SKETCHED_CALLERS.contains(figure))
                || (sketched.latency && SKETCHED_LATENCY.contains(figure))
        };
        groups
            .into_iter()
            .flat_map(|(figures, reason)| figures.iter().map(move |&figure| Unavailable { figure, reason }))
            .filter(|u| !estimated(&u.figure))
            .collect()
    }
}

/// Counts per verification mode.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ByMode<T> {
    /// No verification.
    pub vanilla: T,
    /// Trusted execution.
    pub tee: T,
    /// Zero-knowledge proof.
    pub zkml: T,
    /// A mode of another name.
    pub other: T,
    /// No mode given.
    pub unknown: T,
}

impl<T> ByMode<T> {
    /// The count of `mode`.
    pub fn get(&self, mode: Mode) -> &T {
        match mode {
            Mode::Vanilla => &self.vanilla,
            Mode::Tee => &self.tee,
            Mode::Zkml => &self.zkml,
            Mode::Other => &self.other,
            Mode::Unknown => &self.unknown,
        }
    }

    /// The count of `mode`, to change.
    pub fn get_mut(&mut self, mode: Mode) -> &mut T {
        match mode {
            Mode::Vanilla => &mut self.vanilla,
            Mode::Tee => &mut self.tee,
            Mode::Zkml => &mut self.zkml,
            Mode::Other => &mut self.other,
            Mode::Unknown => &mut self.unknown,
        }
    }
}

/// One app's events.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppEvents {
    /// The app as the events name it.
    pub app: String,
    /// Its successful events in the window.
    pub events: u64,
}

/// The usage of a group of models: an owner's or a category's
/// (docs/metrics.md#by-owner-and-by-category).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GroupUsage {
    /// Its models listed by the window's end.
    pub models_listed: u64,
    /// Its models with an event in the window.
    pub models_active: u64,
    /// Its models listed by the window's end without an event in it.
    pub models_idle: u64,
    /// Its models' successful events in the window.
    pub events: u64,
    /// Its share of the window's events.
    pub share: Option<f64>,
    /// Its events per day of the window.
    pub daily: Vec<u64>,
    /// Its models' successful events in the period compared with; `None` without one.
    pub events_compared: Option<u64>,
}

/// An owner's usage; `owner` is `null` for the models without a known owner. The name is
/// shared (`Arc`): each chart of owners gets its own copy of the rows, 300,000 of them on a
/// hub of a million models, which copying every name made a task of 60 ms each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerRow {
    pub owner: Option<Arc<str>>,
    #[serde(flatten)]
    pub usage: GroupUsage,
}

/// A category's usage; `category` is `null` for the models without one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryRow {
    pub category: Option<String>,
    /// Its models listed over all the models listed.
    pub share_listed: Option<f64>,
    #[serde(flatten)]
    pub usage: GroupUsage,
}

/// One model's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelRow {
    /// The model id as the inputs name it.
    pub model: String,
    /// The registry's display name, else the id.
    pub name: String,
    /// Its place among the models, busiest first (1 is the busiest; ties by id).
    pub rank: u64,
    /// Its successful events in the window.
    pub events: u64,
    /// Its share of the window's events.
    pub share: Option<f64>,
    /// `null` from rollups unless the model had events on only one day of the window.
    pub callers: Option<u64>,
    /// TEE and ZKML events over all events.
    pub verified_share: Option<f64>,
    /// Self-calls over the events whose caller and model owner are both known.
    pub self_call_share: Option<f64>,
    /// Events in the last 7 days against the 7 before, as a change (0.1 = +10 %).
    pub events_wow: Option<f64>,
    /// Its successful events in the period the report is compared with (`compared`);
    /// `null` without a comparison.
    pub events_compared: Option<u64>,
    /// First and last day with an event in the window; `null` for an idle model.
    pub first_day: Option<Day>,
    /// See `first_day`.
    pub last_day: Option<Day>,
    /// Events per day of the window.
    pub daily: Vec<u64>,
}

/// Weekly cohorts (weeks start on Monday) of models and of callers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Retention {
    /// Models by the week of their first event in the window.
    pub models: Cohorts,
    /// `null` when read from rollups.
    pub callers: Option<Cohorts>,
}

/// `cells[c][k]`: the share of cohort `c` with an event in its week `k` (k = 0 is 1.0).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cohorts {
    /// Weeks (the report's, docs/metrics.md), or months (what a long window's retention
    /// chart draws); only a month is written out.
    #[serde(skip_serializing_if = "Period::is_week")]
    pub period: Period,
    /// The Monday that starts each cohort's week (the first of its month).
    pub cohorts: Vec<Day>,
    /// How many models or callers each cohort has.
    pub sizes: Vec<u64>,
    /// `cells[c][k]`: the share of cohort `c` active in its week `k`.
    pub cells: Vec<Vec<f64>>,
}

/// What a cohort spans.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// A calendar week from Monday.
    #[default]
    Week,
    /// A calendar month.
    Month,
}

impl Period {
    /// Whether this is a week (the report's cohorts, whose period goes unsaid).
    pub fn is_week(&self) -> bool {
        *self == Period::Week
    }
}

/// Per-day series: one entry per day of the window, as columns of equal length.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Daily {
    /// Every day of the window.
    pub day: Vec<Day>,
    /// Successful inferences per day.
    pub events: Vec<u64>,
    /// The mean of `events` over the 7 days ending on each day, within the window.
    pub events_ma7: Vec<f64>,
    /// Failed inferences per day.
    pub failed: Vec<u64>,
    /// Models with an event on each day.
    pub models_active: Vec<u64>,
    /// Models listed by each day.
    pub models_listed: Vec<u64>,
    /// `null` when read from rollups.
    pub callers: Option<Vec<u64>>,
    /// Distinct callers over the 7 and 30 days ending on each day (within the window):
    /// the weekly and monthly actives as series. `null` when read from rollups.
    pub wau: Option<Vec<u64>>,
    /// See `wau`.
    pub mau: Option<Vec<u64>>,
    /// Events per mode per day.
    pub by_mode: ByMode<Vec<u64>>,
    /// `null` when the input cannot count self-calls (rollups without the column).
    pub self_calls: Option<Vec<u64>>,
    /// 1 / HHI of each day's events over models; `null` on a day without events.
    pub effective_models: Vec<Option<f64>>,
    /// The days each day's count carries: more than 1 on a day that closes a gap in
    /// counter snapshots (its count is the use since the last snapshot); `null` when no day
    /// of the window does.
    pub days_carried: Option<Vec<u32>>,
}

impl Report {
    /// A report with nothing counted: the shape of an empty window.
    pub fn empty(input: InputSummary, window: Option<Window>) -> Report {
        Report {
            window,
            input,
            events: 0,
            failed: 0,
            events_wow: None,
            models_listed: 0,
            models_active: 0,
            models_idle: 0,
            models_unlisted: 0,
            active_ratio: None,
            events_per_listed_model: None,
            top1_share: None,
            top10_share: None,
            hhi: None,
            effective_models: None,
            gini: None,
            models_in_universe: 0,
            models_for_80pct: None,
            lorenz: Vec::new(),
            callers: None,
            wau: None,
            mau: None,
            stickiness: None,
            events_per_caller: None,
            by_mode: ByMode::default(),
            verified_share: None,
            self_calls: None,
            self_call_share: None,
            models_only_self_called: None,
            organic_events: None,
            automated_events: None,
            first_party_events: None,
            by_app: None,
            latency_p50: None,
            latency_p95: None,
            latency_p99: None,
            daily: Daily::default(),
            models: Vec::new(),
            owners: Vec::new(),
            owner_top1_share: None,
            owner_hhi: None,
            effective_owners: None,
            categories: Vec::new(),
            retention: Retention::default(),
            compared: None,
        }
    }
}

/// `numerator / denominator`, or `None` when the denominator is zero (docs/metrics.md: a ratio
/// over zero is undefined, never 0, NaN or Infinity).
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Dataset, Inputs};
    use crate::metrics::ReportOptions;
    use serde_json::Value;

    /// The keys of the object at `path` in `v` (`models.0` steps into an array), sorted.
    fn keys(v: &Value, path: &str) -> Vec<String> {
        let at = path.split('.').filter(|p| !p.is_empty()).fold(v, |v, step| match step.parse::<usize>() {
            Ok(i) => &v[i],
            Err(_) => &v[step],
        });
        let mut keys: Vec<String> =
            at.as_object().unwrap_or_else(|| panic!("{path} is not an object")).keys().cloned().collect();
        keys.sort();
        keys
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|&n| n.to_owned()).collect();
        names.sort();
        names
    }

    /// The field names of docs/metrics.md are a public contract: every object of the report
    /// has exactly these keys, so a rename, a loss or an unplanned addition fails here.
    #[test]
    fn report_field_names_are_pinned() {
        let events =
            b"{\"ts\":\"2026-03-02T10:00:00Z\",\"model\":\"m\",\"caller\":\"c\",\"app\":\"a\"}\n{\"model\":\"x\"}\n";
        let registry = br#"[{"model":"m","listed_at":"2026-03-01","owner":"c","category":"llm"}]"#;
        let data =
            Dataset::from_bytes(Inputs { events: Some(&events[..]), registry: Some(registry), ..Inputs::default() });
        let json = serde_json::to_value(data.unwrap().report(&ReportOptions::default()).unwrap()).unwrap();
        #[rustfmt::skip]
        let expected: [(&str, &[&str]); 13] = [
            ("", &["window", "input", "events", "failed", "events_wow", "models_listed", "models_active", "models_idle",
                   "models_unlisted", "active_ratio", "events_per_listed_model", "top1_share", "top10_share", "hhi",
                   "effective_models", "gini", "models_in_universe", "models_for_80pct", "lorenz", "callers", "wau", "mau", "stickiness",
                   "events_per_caller", "by_mode", "verified_share", "self_calls", "self_call_share",
                   "models_only_self_called", "organic_events", "automated_events", "first_party_events", "by_app",
                   "latency_p50", "latency_p95", "latency_p99", "daily", "models", "owners", "owner_top1_share",
                   "owner_hhi", "effective_owners", "categories", "retention", "compared"]),
            ("window", &["from", "to", "days"]),
            ("input", &["rows_read", "rows_rejected", "warnings", "problems", "supply_source", "demand_source", "unit",
                        "attribution", "unavailable", "estimates", "sources", "filter", "filter_names"]),
            ("input.problems.0", &["input", "severity", "line", "field", "reason"]),
            ("input.sources.0", &["input", "source", "bytes", "sha256", "fetched_at"]),
            ("by_mode", &["vanilla", "tee", "zkml", "other", "unknown"]),
            ("daily", &["day", "events", "events_ma7", "failed", "models_active", "models_listed", "callers", "wau", "mau",
                        "by_mode", "self_calls", "effective_models", "days_carried"]),
            ("daily.by_mode", &["vanilla", "tee", "zkml", "other", "unknown"]),
            ("models.0", &["model", "name", "rank", "events", "share", "callers", "verified_share", "self_call_share",
                           "events_wow", "events_compared", "first_day", "last_day", "daily"]),
            ("owners.0", &["owner", "models_listed", "models_active", "models_idle", "events", "share", "daily",
                           "events_compared"]),
            ("categories.0", &["category", "share_listed", "models_listed", "models_active", "models_idle", "events",
                               "share", "daily", "events_compared"]),
            ("retention", &["models", "callers"]),
            ("retention.models", &["cohorts", "sizes", "cells"]),
        ];
        for (path, names) in expected {
            assert_eq!(keys(&json, path), sorted(names), "the keys of {path:?}");
        }
        assert_eq!(keys(&json, "retention.callers"), sorted(&["cohorts", "sizes", "cells"]));
        assert_eq!(keys(&json, "by_app.0"), sorted(&["app", "events"]));
        assert_eq!(json["window"]["from"], "2026-03-02");
        assert_eq!(json["events_wow"], Value::Null);
        let estimate =
            serde_json::to_value(&Estimate::of(Basis::Rollups, Sketched { callers: true, latency: true })[0]);
        assert_eq!(keys(&estimate.unwrap(), ""), sorted(&["figure", "method", "relative_error", "error_kind"]));
        let unavailable = serde_json::to_value(&Unavailable::of(Basis::Rollups, false, Sketched::default())[0]);
        assert_eq!(keys(&unavailable.unwrap(), ""), sorted(&["figure", "reason"]));
    }
}
