//! The figures of docs/metrics.md, each a pure function of the stored data and a [`Window`].
//! Knows nothing of parsing or charts.

mod callers;
mod concentration;
mod estimates;
pub(crate) mod latency;
mod models;
mod options;
mod organic;
mod retention;
mod scope;
mod supply;
mod verification;
pub mod volume;

pub use options::{Detail, ReportOptions, LORENZ_POINTS};

use crate::dataset::Dataset;
use crate::error::Error;
use crate::provenance::Basis;
use crate::report::{Cohorts, Daily, Period, Report, Retention};
use crate::store::NONE;
use crate::window::{Window, WindowAsk};
use scope::Scope;

impl Dataset {
    /// The report over the window that `options` asks for: by default the data's span.
    pub fn report(&self, options: &ReportOptions) -> Result<Report, Error> {
        self.report_with(options, &Detail::All)
    }

    /// The report over the window that `options` asks for, with the per-model figures that
    /// `detail` asks for (the rest of the report is whole).
    pub fn report_with(&self, options: &ReportOptions, detail: &Detail) -> Result<Report, Error> {
        let ask =
            WindowAsk { from: options.from.as_deref(), to: options.to.as_deref(), range: options.range.as_deref() };
        let window = match self.period {
            Some(period) => Some(period.only_window(ask)?),
            None => Window::resolve(ask, self.tallies.span())?,
        };
        Ok(report(self, window, options, detail))
    }
}

/// Computes the report of `dataset` over `window` (`None`: there is nothing to count).
fn report(dataset: &Dataset, window: Option<Window>, options: &ReportOptions, detail: &Detail) -> Report {
    let mut report = Report::empty(dataset.input_summary(), window);
    if let Some(unit) = options.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        report.input.unit = unit.to_owned();
    }
    let Some(window) = window else { return report };
    let scope = Scope::new(dataset, window);

    let counted = volume::daily_events(&scope);
    report.events = counted.events.iter().sum();
    report.failed = counted.failed.iter().sum();
    report.events_wow = volume::week_over_week(&counted.events);
    report.daily.day = window.days().collect();
    report.daily.events_ma7 = volume::moving_mean_7(&counted.events);
    report.daily.events = counted.events;
    report.daily.failed = counted.failed;
    report.daily.days_carried = volume::days_carried(&dataset.carried, window);

    let per_model = scope.events_per_model();
    let listed = scope.listed_days();
    // Listed by the window's end (docs/metrics.md: listed_at day ≤ to): the supply side, and with
    // the active models the universe that concentration and the per-model rows cover.
    let is_listed: Vec<bool> = listed.iter().map(|d| d.is_some_and(|d| d <= window.to)).collect();
    let in_universe: Vec<bool> = (0..per_model.len()).map(|m| per_model[m] > 0 || is_listed[m]).collect();
    supply::fill(&scope, &per_model, &listed, &is_listed, &mut report);
    let universe: Vec<u64> = (0..per_model.len()).filter(|&m| in_universe[m]).map(|m| per_model[m]).collect();
    report.models_in_universe = universe.len() as u64;
    let points = (*detail != Detail::All).then_some(LORENZ_POINTS);
    concentration::fill(&universe, report.events, points, &mut report);
    report.daily.effective_models = concentration::daily_effective_models(&scope, &report.daily.events);
    callers::fill(&scope, &mut report);
    estimates::callers(&scope, &mut report);
    verification::fill(&scope, &mut report);
    organic::fill(&scope, &per_model, &options.first_party, &mut report);
    latency::fill(&scope, &mut report);
    estimates::latency(&scope, &mut report);
    report.models = models::rows(&scope, &per_model, &in_universe, detail);
    report.retention = retention_of(&scope, Period::Week);
    if dataset.basis == Basis::Totals {
        without_days(&mut report);
    }
    report
}

/// The model and caller cohorts of `scope`'s window, by `period`.
fn retention_of(scope: &Scope, period: Period) -> Retention {
    let t = scope.tallies;
    let models = scope.model_cells().map(|c| (t.day[c], t.model[c]));
    let mut retention =
        Retention { models: retention::cohorts(scope.window, scope.model_count(), models, period), callers: None };
    if scope.has_events() {
        let log = scope.log;
        let callers = scope.ok_days().filter(|&(_, i)| log.caller[i] != NONE).map(|(day, i)| (day, log.caller[i]));
        retention.callers = Some(retention::cohorts(scope.window, log.callers.len(), callers, period));
    }
    retention
}

impl Dataset {
    /// The retention of `window` by calendar month: what the retention chart of a long
    /// window draws instead of the report's weeks (docs/charts.md#long-windows).
    pub fn monthly_retention(&self, window: Window) -> Retention {
        retention_of(&Scope::new(self, window), Period::Month)
    }
}

/// Totals over a period say nothing of its days: every figure by day goes (they are listed
/// in `input.unavailable`), rather than showing the totals as if they fell on the last day.
fn without_days(report: &mut Report) {
    report.daily = Daily::default();
    report.events_wow = None;
    report.retention.models = Cohorts::default();
    for m in &mut report.models {
        (m.events_wow, m.first_day, m.last_day) = (None, None, None);
        m.daily.clear();
    }
}

#[cfg(test)]
mod tests;
