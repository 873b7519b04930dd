//! A report computed a part at a time: the figures of docs/metrics.md in the order they
//! depend on each other, each step one group of them.
//!
//! Over a hub of a million models the whole report takes ~45 ms natively and ~150 ms on a
//! page's thread the first time (its code not yet optimised): a page that computes it in
//! steps, giving the thread back between them, never holds it for 50 ms
//! (docs/architecture.md#the-pages-thread). Computed in one go, it is the same steps.

use super::scope::{self, Scope};
use super::{
    callers, concentration, estimates, groups, latency, models, organic, retention_of, supply, verification, volume,
};
use super::{without_days, Detail, ReportOptions, LORENZ_POINTS};
use crate::dataset::Dataset;
use crate::provenance::Basis;
use crate::report::{Period, Report};
use crate::window::Window;

/// A report under way: what is computed so far, and what the next step needs of it.
pub struct ReportSteps {
    report: Report,
    window: Window,
    next: Step,
    detail: Detail,
    first_party: Vec<String>,
    /// Events per model id in the window.
    per_model: Vec<u64>,
    /// Whether each model id is listed by the window's end.
    is_listed: Vec<bool>,
    /// Whether each model id is in the universe: active in the window or listed by its end.
    in_universe: Vec<bool>,
}

/// What a step of [`ReportSteps::step`] computes; each needs the ones before it.
#[derive(Clone, Copy)]
enum Step {
    /// Daily volume and events per model.
    Volume,
    /// The supply side, and the universe of models.
    Supply,
    /// Concentration over the universe.
    Concentration,
    /// Callers and verification.
    Callers,
    /// Organic use and latency.
    Organic,
    /// The per-model rows, and the owners' and categories' in a full report.
    Models,
    /// Retention; the last step.
    Retention,
}

/// Where a report stands after a step.
pub enum Progress {
    /// More steps to go.
    Pending(ReportSteps),
    Done(Report),
}

impl Progress {
    /// The report, every step left computed now.
    pub fn finish(mut self, dataset: &Dataset) -> Report {
        loop {
            match self {
                Progress::Pending(steps) => self = steps.step(dataset),
                Progress::Done(report) => return report,
            }
        }
    }
}

impl ReportSteps {
    /// The steps that complete `report` over `window`; done at once when there is no
    /// window (nothing to count).
    pub(super) fn start(report: Report, window: Option<Window>, options: &ReportOptions, detail: &Detail) -> Progress {
        let Some(window) = window else { return Progress::Done(report) };
        Progress::Pending(ReportSteps {
            report,
            window,
            next: Step::Volume,
            detail: detail.clone(),
            first_party: options.first_party.clone(),
            per_model: Vec::new(),
            is_listed: Vec::new(),
            in_universe: Vec::new(),
        })
    }

    /// Computes the next group of figures of `dataset`, the dataset these steps were made
    /// from.
    pub fn step(mut self, dataset: &Dataset) -> Progress {
        let scope = Scope::new(dataset, self.window);
        let report = &mut self.report;
        match self.next {
            Step::Volume => {
                let counted = volume::daily_events(&scope);
                report.events = counted.events.iter().sum();
                report.failed = counted.failed.iter().sum();
                report.events_wow = volume::week_over_week(&counted.events);
                report.daily.day = self.window.days().collect();
                report.daily.events_ma7 = volume::moving_mean_7(&counted.events);
                report.daily.events = counted.events;
                report.daily.failed = counted.failed;
                report.daily.days_carried = volume::days_carried(&dataset.carried, self.window);
                self.per_model = scope.events_per_model();
                self.next = Step::Supply;
            }
            Step::Supply => {
                let listed = scope.listed_days();
                // Listed by the window's end (docs/metrics.md: listed_at day ≤ to): the supply
                // side, and with the active models the universe that concentration and the
                // per-model rows cover.
                self.is_listed = scope::listed_by(&listed, self.window.to);
                let (per_model, is_listed) = (&self.per_model, &self.is_listed);
                self.in_universe = (0..per_model.len()).map(|m| per_model[m] > 0 || is_listed[m]).collect();
                supply::fill(&scope, per_model, &listed, is_listed, report);
                self.next = Step::Concentration;
            }
            Step::Concentration => {
                let (per_model, in_universe) = (&self.per_model, &self.in_universe);
                let universe: Vec<u64> =
                    (0..per_model.len()).filter(|&m| in_universe[m]).map(|m| per_model[m]).collect();
                report.models_in_universe = universe.len() as u64;
                let points = (self.detail != Detail::All).then_some(LORENZ_POINTS);
                concentration::fill(&universe, report.events, points, report);
                report.daily.effective_models = concentration::daily_effective_models(&scope, &report.daily.events);
                self.next = Step::Callers;
            }
            Step::Callers => {
                callers::fill(&scope, report);
                estimates::callers(&scope, report);
                verification::fill(&scope, report);
                self.next = Step::Organic;
            }
            Step::Organic => {
                organic::fill(&scope, &self.per_model, &self.first_party, report);
                latency::fill(&scope, report);
                estimates::latency(&scope, report);
                self.next = Step::Models;
            }
            Step::Models => {
                report.models = models::rows(&scope, &self.per_model, &self.in_universe, &self.detail);
                // Owners and categories are the full report's; a chart that draws them asks
                // for its own (`Dataset::fill_groups`).
                if self.detail == Detail::All {
                    groups::fill(&scope, &self.per_model, &self.is_listed, None, report);
                }
                self.next = Step::Retention;
            }
            Step::Retention => {
                report.retention = retention_of(&scope, Period::Week);
                if dataset.basis == Basis::Totals {
                    without_days(report);
                }
                return Progress::Done(self.report);
            }
        }
        Progress::Pending(self)
    }
}
