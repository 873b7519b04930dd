//! The `Report` of SPEC §2: plain data, serialised with serde as the JSON the command
//! line prints and the plain object the JS API returns. Field names are a contract:
//! add fields freely, rename none (a test pins them).

use crate::day::Day;
use crate::input::Problem;
use crate::metrics::Window;
use serde::Serialize;

/// Every figure of one window.
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
    pub daily: Daily,
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

/// Per-day series: one entry per day of the window, as columns of equal length.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Daily {
    pub day: Vec<Day>,
    pub events: Vec<u64>,
    pub events_ma7: Vec<f64>,
}

impl Report {
    /// A report with no figures yet.
    pub fn empty(input: InputSummary, window: Option<Window>) -> Report {
        Report { window, input, events: 0, failed: 0, events_wow: None, daily: Daily::default() }
    }
}

#[cfg(test)]
mod tests {
    use crate::dataset::Dataset;
    use crate::metrics::WindowSpec;

    /// The field names of SPEC §2 are a public contract: this fails on any rename.
    #[test]
    fn report_field_names_are_pinned() {
        let body = b"{\"ts\":\"2026-03-02T10:00:00Z\",\"model\":\"m\"}\n";
        let data = Dataset::from_events("t", body).unwrap();
        let json = serde_json::to_value(data.report(&WindowSpec::default()).unwrap()).unwrap();
        let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        for key in ["window", "input", "events", "failed", "events_wow", "daily"] {
            assert!(keys(&json).contains(&key.to_owned()), "missing {key}");
        }
        for key in ["from", "to", "days"] {
            assert!(keys(&json["window"]).contains(&key.to_owned()), "missing window.{key}");
        }
        for key in ["rows_read", "rows_rejected", "warnings", "problems", "sources"] {
            assert!(keys(&json["input"]).contains(&key.to_owned()), "missing input.{key}");
        }
        for key in ["day", "events", "events_ma7"] {
            assert!(keys(&json["daily"]).contains(&key.to_owned()), "missing daily.{key}");
        }
        assert_eq!(json["window"]["from"], "2026-03-02");
        assert_eq!(json["events_wow"], serde_json::Value::Null);
    }
}
