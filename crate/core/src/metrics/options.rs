//! What a reader can ask of a report: the window, and which apps are the hub's own.

use crate::report::Filter;
use serde::{Deserialize, Serialize};

/// The options of `report`: any of `from`, `to` and `range` (`"30d"`), the rest coming
/// from the data, and the `first-party` apps (docs/metrics.md, organic use).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportOptions {
    /// The first day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// The last day, `YYYY-MM-DD`; by default the data's last.
    pub to: Option<String>,
    /// The number of days ending at `to` (`"30d"`); wins over `from`.
    pub range: Option<String>,
    /// Apps that are the hub's own; their events are `first_party_events`.
    #[serde(alias = "firstParty")]
    pub first_party: Vec<String>,
    /// What the input counts (`runs`, `downloads`, `tokens`), when not inferences.
    pub unit: Option<String>,
    /// The part of the use to count (docs/metrics.md#filters).
    pub filter: Filter,
    /// The period to compare with: `previous` or `FROM/TO` (docs/metrics.md#comparison).
    pub compare: Option<String>,
}

/// Why a report made a step at a time refuses a filter: its steps read the dataset they are
/// given each time, so that dataset must be the filtered one (a caller's mistake).
pub const STEPS_TAKE_NO_FILTER: &str = "a report made a step at a time reads the dataset its filter kept";

/// How much of the per-model figures a report carries. The JS API and the command line ask
/// for all of them (the report of docs/metrics.md); a chart asks only for what it draws, so
/// that a hub of a million models costs it a few rows, not a million daily series.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every model's row, and every point of the Lorenz curve.
    #[default]
    All,
    /// The `n` busiest models' rows, and a Lorenz curve of at most [`LORENZ_POINTS`] points.
    Top(usize),
    /// The row of one model (its id, else its display name), and a coarse Lorenz curve.
    Model(String),
}

/// The points of the Lorenz curve a chart draws, at most: more than a plot's pixels show.
pub const LORENZ_POINTS: usize = 512;
