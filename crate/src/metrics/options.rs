//! What a reader can ask of a report: the window, and which apps are the hub's own.

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
}
