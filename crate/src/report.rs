//! The `Report` of SPEC §2: plain data, serialised with serde as the JSON the command
//! line prints and the plain object the JS API returns. Field names are a contract:
//! add fields freely, rename none (a test pins them).

use crate::day::Day;
use crate::input::Problem;
use crate::metrics::Window;
use crate::store::Mode;
use serde::Serialize;

/// Every figure of one window (SPEC §2). `None` is JSON `null`: undefined, never 0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// `null` when there is no data and no window was given.
    pub window: Option<Window>,
    pub input: InputSummary,
    /// Successful inferences in the window.
    pub events: u64,
    /// Failed inferences (`ok = false`) in the window.
    pub failed: u64,
    pub events_wow: Option<f64>,

    pub models_listed: u64,
    pub models_active: u64,
    pub models_idle: u64,
    pub models_unlisted: u64,
    pub active_ratio: Option<f64>,
    pub events_per_listed_model: Option<f64>,

    pub top1_share: Option<f64>,
    pub top10_share: Option<f64>,
    pub hhi: Option<f64>,
    pub effective_models: Option<f64>,
    pub gini: Option<f64>,
    pub models_for_80pct: Option<u64>,
    /// Points `[share of models, share of events]`, from `[0, 0]` to `[1, 1]`.
    pub lorenz: Vec<[f64; 2]>,

    pub callers: u64,
    pub wau: u64,
    pub mau: u64,
    pub stickiness: Option<f64>,
    pub events_per_caller: Option<f64>,

    pub by_mode: ByMode<u64>,
    pub verified_share: Option<f64>,

    pub self_calls: u64,
    pub self_call_share: Option<f64>,
    pub models_only_self_called: u64,
    pub organic_events: u64,
    pub automated_events: u64,
    pub first_party_events: u64,
    /// Events per app, busiest first.
    pub by_app: Vec<AppEvents>,

    pub latency_p50: Option<f64>,
    pub latency_p95: Option<f64>,
    pub latency_p99: Option<f64>,

    pub daily: Daily,
    /// Every model of listed ∪ active, busiest first.
    pub models: Vec<ModelRow>,
    pub retention: Retention,
}

/// What was read, what was refused, and where it came from (SPEC §1.4, §1.6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputSummary {
    pub rows_read: u64,
    pub rows_rejected: u64,
    pub warnings: u64,
    pub problems: Vec<Problem>,
    /// `registry` when a model registry was given, `estimated` when the supply side is
    /// estimated from the events (a model counts as listed from its first event).
    pub supply_source: &'static str,
    pub sources: Vec<Source>,
}

/// Where one input came from, so anyone can fetch the same bytes and check them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    /// Which input: `events`, `registry`, `rollups` or `snapshots`.
    pub input: String,
    /// The URL or path, or "bytes" when handed over directly.
    pub source: String,
    /// Raw bytes read (before gzip is undone).
    pub bytes: u64,
    /// SHA-256 of those raw bytes, lowercase hex, as `sha256sum` prints it.
    pub sha256: String,
    /// When the input was fetched or read, UTC (RFC 3339).
    pub fetched_at: String,
}

/// Counts per verification mode.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ByMode<T> {
    pub vanilla: T,
    pub tee: T,
    pub zkml: T,
    pub other: T,
    pub unknown: T,
}

impl<T> ByMode<T> {
    pub fn get(&self, mode: Mode) -> &T {
        match mode {
            Mode::Vanilla => &self.vanilla,
            Mode::Tee => &self.tee,
            Mode::Zkml => &self.zkml,
            Mode::Other => &self.other,
            Mode::Unknown => &self.unknown,
        }
    }

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
    pub app: String,
    pub events: u64,
}

/// One model's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelRow {
    pub model: String,
    /// The registry's display name, else the id.
    pub name: String,
    pub events: u64,
    pub share: Option<f64>,
    pub callers: u64,
    pub verified_share: Option<f64>,
    pub self_call_share: Option<f64>,
    pub events_wow: Option<f64>,
    /// First and last day with an event in the window; `null` for an idle model.
    pub first_day: Option<Day>,
    pub last_day: Option<Day>,
    /// Events per day of the window.
    pub daily: Vec<u64>,
}

/// Weekly cohorts (weeks start on Monday) of models and of callers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Retention {
    pub models: Cohorts,
    pub callers: Cohorts,
}

/// `cells[c][k]`: the share of cohort `c` with an event in its week `k` (k = 0 is 1.0).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cohorts {
    /// The Monday that starts each cohort's week.
    pub cohorts: Vec<Day>,
    pub sizes: Vec<u64>,
    pub cells: Vec<Vec<f64>>,
}

/// Per-day series: one entry per day of the window, as columns of equal length.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Daily {
    pub day: Vec<Day>,
    pub events: Vec<u64>,
    pub events_ma7: Vec<f64>,
    pub failed: Vec<u64>,
    pub models_active: Vec<u64>,
    pub models_listed: Vec<u64>,
    pub callers: Vec<u64>,
    pub by_mode: ByMode<Vec<u64>>,
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
            models_for_80pct: None,
            lorenz: Vec::new(),
            callers: 0,
            wau: 0,
            mau: 0,
            stickiness: None,
            events_per_caller: None,
            by_mode: ByMode::default(),
            verified_share: None,
            self_calls: 0,
            self_call_share: None,
            models_only_self_called: 0,
            organic_events: 0,
            automated_events: 0,
            first_party_events: 0,
            by_app: Vec::new(),
            latency_p50: None,
            latency_p95: None,
            latency_p99: None,
            daily: Daily::default(),
            models: Vec::new(),
            retention: Retention::default(),
        }
    }
}

/// `numerator / denominator`, or `None` when the denominator is zero (SPEC §2: a ratio
/// over zero is undefined, never 0, NaN or Infinity).
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

#[cfg(test)]
mod tests {
    use crate::dataset::Dataset;
    use crate::metrics::ReportOptions;

    fn keys(v: &serde_json::Value) -> Vec<String> {
        v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
    }

    fn assert_keys(v: &serde_json::Value, path: &str, expected: &[&str]) {
        let have = keys(v);
        for key in expected {
            assert!(have.contains(&(*key).to_owned()), "missing {path}{key}");
        }
    }

    /// The field names of SPEC §2 are a public contract: this fails on any rename.
    #[test]
    fn report_field_names_are_pinned() {
        let body = b"{\"ts\":\"2026-03-02T10:00:00Z\",\"model\":\"m\",\"caller\":\"c\"}\n";
        let data = Dataset::from_events("t", body).unwrap();
        let json = serde_json::to_value(data.report(&ReportOptions::default()).unwrap()).unwrap();
        #[rustfmt::skip]
        let top = [
            "window", "input", "events", "failed", "events_wow", "models_listed", "models_active", "models_idle",
            "models_unlisted", "active_ratio", "events_per_listed_model", "top1_share", "top10_share", "hhi",
            "effective_models", "gini", "models_for_80pct", "lorenz", "callers", "wau", "mau", "stickiness",
            "events_per_caller", "by_mode", "verified_share", "self_calls", "self_call_share",
            "models_only_self_called", "organic_events", "automated_events", "first_party_events", "by_app",
            "latency_p50", "latency_p95", "latency_p99", "daily", "models", "retention",
        ];
        assert_keys(&json, "", &top);
        assert_keys(&json["window"], "window.", &["from", "to", "days"]);
        let input = ["rows_read", "rows_rejected", "warnings", "problems", "supply_source", "sources"];
        assert_keys(&json["input"], "input.", &input);
        let daily = ["day", "events", "events_ma7", "models_active", "models_listed", "callers", "by_mode"];
        assert_keys(&json["daily"], "daily.", &daily);
        let modes = ["vanilla", "tee", "zkml", "other", "unknown"];
        assert_keys(&json["by_mode"], "by_mode.", &modes);
        assert_keys(&json["daily"]["by_mode"], "daily.by_mode.", &modes);
        #[rustfmt::skip]
        let model = ["model", "name", "events", "share", "callers", "verified_share", "self_call_share",
                     "events_wow", "first_day", "last_day", "daily"];
        assert_keys(&json["models"][0], "models[].", &model);
        assert_keys(&json["retention"]["models"], "retention.models.", &["cohorts", "sizes", "cells"]);
        assert_keys(&json["retention"]["callers"], "retention.callers.", &["cohorts", "sizes", "cells"]);
        assert_eq!(json["window"]["from"], "2026-03-02");
        assert_eq!(json["events_wow"], serde_json::Value::Null);
    }
}
