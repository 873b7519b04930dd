//! The figures of docs/metrics.md, each a pure function of the stored data and a [`Window`].
//! Knows nothing of parsing or charts.

mod callers;
mod concentration;
mod estimates;
mod groups;
pub(crate) mod latency;
mod models;
mod options;
mod organic;
mod retention;
mod scope;
mod steps;
mod supply;
mod verification;
pub mod volume;

pub use groups::{GroupProgress, GroupSteps, Groups};
use options::STEPS_TAKE_NO_FILTER;
pub use options::{Detail, ReportOptions, LORENZ_POINTS};
pub use steps::{Progress, ReportSteps};

use crate::dataset::Dataset;
use crate::error::Error;
use crate::report::{Cohorts, Daily, Filter, Period, Report, Retention};
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
        if options.filter.is_empty() {
            let mut report = self.report_steps(options, detail)?.finish(self);
            self.put_compared(&mut report, options)?;
            return Ok(report);
        }
        let asked = self.options_for_filtered(options)?;
        self.filtered(&options.filter)?.report_with(&asked, detail)
    }

    /// Puts into `report`, made for `options` of this dataset (no filter left), the report of
    /// the period `options.compare` names: every figure but the rows of models, owners and
    /// categories (docs/metrics.md#comparison).
    pub fn put_compared(&self, report: &mut Report, options: &ReportOptions) -> Result<(), Error> {
        let ask = options.compare.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let (Some(ask), Some(window)) = (ask, report.window) else { return Ok(()) };
        let period = window.compared(ask)?;
        let before = ReportOptions {
            from: Some(period.from.to_string()),
            to: Some(period.to.to_string()),
            range: None,
            compare: None,
            ..options.clone()
        };
        let named = |e: Error| match e {
            Error::Window(reason) => Error::Window(format!("compare={ask}: {reason}")),
            other => other,
        };
        report.compared = Some(Box::new(self.report_steps(&before, &Detail::Top(0)).map_err(named)?.finish(self)));
        // Each row's model's events then (0 for one the data names no use of).
        let scope = Scope::new(self, period);
        let then = scope.events_per_model();
        for row in &mut report.models {
            row.events_compared = Some(self.events.models.find(&row.model).map_or(0, |m| then[m as usize]));
        }
        groups::put_compared(&scope, &then, report, usize::MAX);
        Ok(())
    }

    /// Puts into the rows of the first `owners` owners and of every category of `report`,
    /// whose comparison [`Dataset::put_compared`] made before they were filled (a chart's, a
    /// step at a time), each group's events in the period compared with: a chart draws a
    /// screenful of a hub's 300,000 owners, and putting all their names in order is a long task.
    pub fn put_compared_groups(&self, report: &mut Report, owners: usize) {
        let Some(period) = report.compared.as_ref().and_then(|c| c.window) else { return };
        let scope = Scope::new(self, period);
        groups::put_compared(&scope, &scope.events_per_model(), report, owners);
    }

    /// What the dataset that `options.filter` keeps of this one is asked, for the report
    /// `options` ask of this one: the window this whole dataset gives them (a filter does not
    /// move `range`'s last day), and no filter, that dataset being the filter applied.
    pub fn options_for_filtered(&self, options: &ReportOptions) -> Result<ReportOptions, Error> {
        let window = self.window_of(options)?;
        Ok(ReportOptions {
            from: window.map(|w| w.from.to_string()),
            to: window.map(|w| w.to.to_string()),
            range: None,
            filter: Filter::default(),
            ..options.clone()
        })
    }

    /// The report that `options` and `detail` ask for, to be computed a step at a time
    /// ([`ReportSteps::step`]): the same report as [`Dataset::report_with`]. A filter is
    /// applied to the dataset first ([`Dataset::filtered`], [`Dataset::options_for_filtered`]):
    /// the steps of a filtered report read the filtered dataset.
    pub fn report_steps(&self, options: &ReportOptions, detail: &Detail) -> Result<Progress, Error> {
        if !options.filter.is_empty() {
            return Err(Error::Inputs(STEPS_TAKE_NO_FILTER.into()));
        }
        let window = self.window_of(options)?;
        let mut report = Report::empty(self.input_summary(), window);
        if let Some(unit) = options.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            report.input.unit = unit.to_owned();
        }
        Ok(ReportSteps::start(report, window, options, detail))
    }
}

impl Dataset {
    /// The window `options` ask for: by default the data's span (`None` without data).
    fn window_of(&self, options: &ReportOptions) -> Result<Option<Window>, Error> {
        let ask =
            WindowAsk { from: options.from.as_deref(), to: options.to.as_deref(), range: options.range.as_deref() };
        match self.period {
            Some(period) => Ok(Some(period.only_window(ask)?)),
            None => Window::resolve(ask, self.tallies.span()),
        }
    }
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
    groups::without_days(&mut report.owners, &mut report.categories);
}

#[cfg(test)]
mod tests;
