//! The figures of SPEC §2, each a pure function of the stored data and a [`Window`].
//! Knows nothing of parsing or charts.

pub mod volume;
pub mod window;

pub use window::{Window, WindowSpec};

use crate::dataset::Dataset;
use crate::report::{Daily, Report};

/// Computes the report of `dataset` over `window` (`None`: there is nothing to count).
pub fn report(dataset: &Dataset, window: Option<Window>) -> Report {
    let mut report = Report::empty(dataset.input_summary(), window);
    let Some(window) = window else { return report };
    let counted = volume::daily_events(&dataset.events, &window);
    report.events = counted.events.iter().sum();
    report.failed = counted.failed;
    report.events_wow = volume::week_over_week(&counted.events);
    report.daily = Daily {
        day: window.days().collect(),
        events_ma7: volume::moving_mean_7(&counted.events),
        events: counted.events,
    };
    report
}
