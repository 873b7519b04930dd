//! The reports a page's charts share. A dashboard shows several charts of one dataset over
//! one window, and they differ only in how many model rows they draw: computing the report
//! once per window, with the most rows any chart draws, and cutting each chart's copy from
//! it spares a page of nine widgets on a million models eight passes over them (each
//! 30–60 ms on the page's thread; docs/architecture.md#the-pages-thread). The page may
//! compute it a step at a time beforehand ([`SharedReports::prepare`]), so that no task of
//! its thread holds the whole pass. The owners and categories, which the shared report leaves
//! out, are kept the same way for the charts that draw them, made in a step of their own; and
//! the part of the dataset a filter keeps, for the charts that count it.

use crate::chart::{By, ChartKind, ChartOptions, SHARE_PARTS};
use crate::dataset::Dataset;
use crate::error::Error;
use crate::metrics::{Detail, GroupProgress, GroupSteps, Groups, Progress, ReportOptions, ReportSteps};
use crate::report::{Filter, ModelRow, Report};
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

/// The most model rows a chart draws: a leaderboard's rows and its screen-reader table's.
const CHART_ROWS: usize = 50;

/// The retention chart of a window longer than this (half a year) shows cohorts by month:
/// beyond 26 weekly columns, cells and their headers are too thin to read.
const MONTHLY_FROM_DAYS: u32 = 183;

/// Reports under way at once, at most: widgets of one dataset that ask for different
/// windows each prepare their own; a widget removed mid-way leaves its steps to be dropped.
const PENDING: usize = 4;

/// The report the charts of one dataset share: the last window's, with [`CHART_ROWS`] model
/// rows. The browser keeps one beside each dataset.
#[derive(Default)]
pub struct SharedReports {
    last: RefCell<Option<(ReportOptions, Report)>>,
    /// Reports being prepared a step at a time, oldest first.
    pending: RefCell<Vec<(ReportOptions, ReportSteps)>>,
    /// The owners and categories of the last window a chart drew them for: a pass over every
    /// model, made once for the share, categories and owners' charts of a dashboard.
    groups: RefCell<Option<(ReportOptions, Groups)>>,
    /// The owners and categories being counted a step at a time, oldest first.
    pending_groups: RefCell<Vec<(ReportOptions, GroupSteps)>>,
    /// The part of the dataset that the last filter asked for keeps, and that filter: the
    /// charts of a filtered view, and of the views sharing its filter, count from one copy
    /// (docs/metrics.md#filters). One is kept: its rows may be most of the dataset's.
    filtered: RefCell<Option<(Filter, Rc<Dataset>)>>,
}

/// What a chart's report counts: the dataset, or the part of it a filter keeps.
enum Counted<'d> {
    Whole(&'d Dataset),
    Filtered(Rc<Dataset>),
}

impl Deref for Counted<'_> {
    type Target = Dataset;

    fn deref(&self) -> &Dataset {
        match self {
            Counted::Whole(data) => data,
            Counted::Filtered(data) => data,
        }
    }
}

/// What a chart asks for: the options it gave (what is made for it is kept under them), the
/// data they count and the options that count it: the same, or with a filter, the part of
/// the dataset it keeps and the whole data's window without the filter.
struct Ask<'a> {
    key: &'a ReportOptions,
    data: Counted<'a>,
    asked: ReportOptions,
}

impl SharedReports {
    /// The report of `dataset` for `options` that a chart of `kind` draws: the same as
    /// computing it alone, cut from the kept report whenever that holds its rows.
    pub fn for_chart(
        &self,
        dataset: &Dataset,
        options: &ReportOptions,
        kind: ChartKind,
        chart: &ChartOptions,
    ) -> Result<Report, Error> {
        let ask = self.ask(dataset, options)?;
        let mut report = self.report(&ask, &detail(kind, chart))?;
        // A long window's weekly cohorts make columns too thin to read: months instead.
        if let Some(window) = report.window.filter(|w| kind == ChartKind::Retention && w.days > MONTHLY_FROM_DAYS) {
            report.retention = ask.data.monthly_retention(window);
        }
        if draws_groups(kind, chart) {
            self.fill_groups(&ask, &mut report);
        }
        Ok(report)
    }

    /// The report of `dataset` for `options` with every model's row, as the JS API and the
    /// CSV export give it: the same as [`Dataset::report`], from the part of the dataset a
    /// filter keeps that the charts count too.
    pub fn whole(&self, dataset: &Dataset, options: &ReportOptions) -> Result<Report, Error> {
        let ask = self.ask(dataset, options)?;
        ask.data.report(&ask.asked)
    }

    /// Computes a step of what a chart of `kind` over `options` needs, unless it is kept: a
    /// step of the report the charts share (the first of a filter cuts its part of the
    /// dataset), then, for a chart of owners or categories, a step of those (counted after
    /// it, a range of models a step). True once all is, or once it cannot be (the chart's
    /// view then says why). The same dataset must be given each time.
    pub fn prepare(&self, dataset: &Dataset, options: &ReportOptions, kind: ChartKind, chart: &ChartOptions) -> bool {
        let Ok(ask) = self.ask(dataset, options) else { return true };
        let groups_wanted = || draws_groups(kind, chart) && !holds(&self.groups, options);
        if !holds(&self.last, options) {
            // Done, or it cannot be: the owners' and categories' steps, if any, are the next calls'.
            return self.prepare_shared(&ask) && !(holds(&self.last, options) && groups_wanted());
        }
        if groups_wanted() {
            self.prepare_groups(&ask);
            return false;
        }
        true
    }

    /// What `options` ask of `dataset`: with a filter, the part of it the filter keeps (cut
    /// once, then kept) and the whole data's window.
    fn ask<'a>(&self, dataset: &'a Dataset, options: &'a ReportOptions) -> Result<Ask<'a>, Error> {
        if options.filter.is_empty() {
            return Ok(Ask { key: options, data: Counted::Whole(dataset), asked: options.clone() });
        }
        let asked = dataset.options_for_filtered(options)?;
        let mut kept = self.filtered.borrow_mut();
        let data = match &*kept {
            Some((filter, data)) if *filter == options.filter => Rc::clone(data),
            _ => {
                let data = Rc::new(dataset.filtered(&options.filter)?);
                *kept = Some((options.filter.clone(), Rc::clone(&data)));
                data
            }
        };
        Ok(Ask { key: options, data: Counted::Filtered(data), asked })
    }

    /// A step of the owners and categories of `ask`, whose shared report is kept.
    fn prepare_groups(&self, ask: &Ask) {
        let progress = match take(&self.pending_groups, ask.key) {
            Some(steps) => steps.step(&ask.data),
            None => match self.last.borrow().as_ref() {
                Some((_, report)) => ask.data.group_steps(report, CHART_ROWS),
                None => return,
            },
        };
        match progress {
            GroupProgress::Done(groups) => *self.groups.borrow_mut() = Some((ask.key.clone(), groups)),
            GroupProgress::Pending(steps) => keep(&self.pending_groups, ask.key, steps),
        }
    }

    /// Fills `report`'s owners and categories, kept from an earlier chart of the same ask,
    /// or computed (the steps under way finished), and then kept.
    fn fill_groups(&self, ask: &Ask, report: &mut Report) {
        if !holds(&self.groups, ask.key) {
            let groups = match take(&self.pending_groups, ask.key) {
                Some(steps) => GroupProgress::Pending(steps).finish(&ask.data),
                None => ask.data.groups(report, CHART_ROWS),
            };
            *self.groups.borrow_mut() = Some((ask.key.clone(), groups));
        }
        if let Some((_, groups)) = self.groups.borrow().as_ref() {
            groups.put(report);
            ask.data.put_compared_groups(report, CHART_ROWS);
        }
    }

    /// A step of the report the charts of `ask` share; true once it is done, or once it
    /// cannot be.
    fn prepare_shared(&self, ask: &Ask) -> bool {
        let progress = match take(&self.pending, ask.key) {
            Some(steps) => steps.step(&ask.data),
            None => match ask.data.report_steps(&ask.asked, &Detail::Top(CHART_ROWS)) {
                Ok(progress) => progress,
                Err(_) => return true,
            },
        };
        match progress {
            Progress::Done(mut report) => {
                // A comparison that cannot be made leaves the report to the chart, which says why.
                if ask.data.put_compared(&mut report, &ask.asked).is_ok() {
                    *self.last.borrow_mut() = Some((ask.key.clone(), report));
                }
                true
            }
            Progress::Pending(steps) => {
                keep(&self.pending, ask.key, steps);
                false
            }
        }
    }

    /// The report with [`CHART_ROWS`] rows for `ask`: the prepared steps finished, if some
    /// are under way.
    fn shared(&self, ask: &Ask) -> Result<Report, Error> {
        match take(&self.pending, ask.key) {
            Some(steps) => {
                let mut report = Progress::Pending(steps).finish(&ask.data);
                ask.data.put_compared(&mut report, &ask.asked)?;
                Ok(report)
            }
            None => ask.data.report_with(&ask.asked, &Detail::Top(CHART_ROWS)),
        }
    }

    fn report(&self, ask: &Ask, detail: &Detail) -> Result<Report, Error> {
        let mut last = self.last.borrow_mut();
        if last.as_ref().is_some_and(|(kept, _)| kept != ask.key) {
            *last = None;
        }
        match detail {
            Detail::Top(rows) if *rows <= CHART_ROWS => {
                let (_, kept) = match &mut *last {
                    Some(kept) => kept,
                    empty => empty.insert((ask.key.clone(), self.shared(ask)?)),
                };
                Ok(with_rows(kept, |models| models[..(*rows).min(models.len())].to_vec()))
            }
            // A model's row is among the kept ones when it is that busy. Only an id is looked
            // for: an id wins over a display name wherever the model ranks.
            Detail::Model(wanted) => {
                let kept = last.as_mut().map(|(_, report)| report);
                match kept.and_then(|r| r.models.iter().position(|row| row.model == wanted.trim()).map(|at| (r, at))) {
                    Some((kept, at)) => Ok(with_rows(kept, |models| vec![models[at].clone()])),
                    None => ask.data.report_with(&ask.asked, detail),
                }
            }
            _ => ask.data.report_with(&ask.asked, detail),
        }
    }
}

/// A copy of `kept` with the model rows `rows` picks from its own: the others are not copied
/// (each row carries its daily series: fifty of a long window's are a few hundred KB).
fn with_rows(kept: &mut Report, rows: impl FnOnce(&[ModelRow]) -> Vec<ModelRow>) -> Report {
    let models = std::mem::take(&mut kept.models);
    let mut report = kept.clone();
    report.models = rows(&models);
    kept.models = models;
    report
}

/// The steps under way for `options` in `pending`, taken out.
fn take<T>(pending: &RefCell<Vec<(ReportOptions, T)>>, options: &ReportOptions) -> Option<T> {
    let mut pending = pending.borrow_mut();
    let at = pending.iter().position(|(asked, _)| asked == options)?;
    Some(pending.remove(at).1)
}

/// Keeps `steps` under way for `options` in `pending`, dropping the oldest beyond [`PENDING`].
fn keep<T>(pending: &RefCell<Vec<(ReportOptions, T)>>, options: &ReportOptions, steps: T) {
    let mut pending = pending.borrow_mut();
    if pending.len() == PENDING {
        pending.remove(0);
    }
    pending.push((options.clone(), steps));
}

/// Whether `slot` holds what was made for `options`.
fn holds<T>(slot: &RefCell<Option<(ReportOptions, T)>>, options: &ReportOptions) -> bool {
    slot.borrow().as_ref().is_some_and(|(kept, _)| kept == options)
}

/// Whether a chart of `kind` draws the owners' or categories' rows, which the shared report
/// leaves out (a pass over every model, docs/metrics.md#by-owner-and-by-category).
fn draws_groups(kind: ChartKind, options: &ChartOptions) -> bool {
    match kind {
        ChartKind::Categories => true,
        ChartKind::Share => matches!(options.by, By::Owner | By::Category),
        ChartKind::Leaderboard => options.by == By::Owner,
        _ => false,
    }
}

/// The per-model figures a chart of `kind` draws: its reports carry only those, so a hub of a
/// million models costs a chart a few rows (the CSV export asks for all of them).
fn detail(kind: ChartKind, options: &ChartOptions) -> Detail {
    match kind {
        ChartKind::Leaderboard | ChartKind::Concentration => Detail::Top(CHART_ROWS),
        // A source without modes shows its top model instead of a verified share.
        ChartKind::Overview => Detail::Top(1),
        // Without a model the card asks which: no row is needed.
        ChartKind::Model => options.model.clone().map_or(Detail::Top(0), Detail::Model),
        ChartKind::Share if options.by == By::Model => Detail::Top(SHARE_PARTS),
        _ => Detail::Top(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Theme, ThemeName};
    use crate::dataset::Inputs;
    use crate::element::View;
    use crate::report::Period;
    use plotters::prelude::SVGBackend;

    impl SharedReports {
        /// The report of `detail` for `options`, as a chart's call makes it.
        fn report_of(&self, data: &Dataset, options: &ReportOptions, detail: &Detail) -> Result<Report, Error> {
            self.report(&self.ask(data, options)?, detail)
        }
    }

    /// The options of the whole window, counting only the models `filter` keeps.
    fn filtered(filter: Filter) -> ReportOptions {
        ReportOptions { filter, ..ReportOptions::default() }
    }

    /// 80 models over four days (model `mNN` used NN % 13 + 1 times a day), and a registry
    /// that lists ten more unused ones with display names.
    fn dataset() -> Dataset {
        let mut events = String::new();
        for day in 1..=4 {
            for m in 0..80 {
                for _ in 0..(m % 13 + 1) {
                    events.push_str(&format!("{{\"ts\":\"2026-03-0{day}T10:00:00Z\",\"model\":\"m{m:02}\"}}\n"));
                }
            }
        }
        let listed: Vec<String> = (70..90)
            .map(|m| {
                let (owner, category) = (m % 3, m % 4);
                format!(
                    "{{\"model\":\"m{m:02}\",\"name\":\"Model {m}\",\"listed_at\":\"2026-03-01\",\"owner\":\"o{owner}\",\
                     \"category\":\"c{category}\"}}"
                )
            })
            .collect();
        let registry = format!("[{}]", listed.join(","));
        let inputs =
            Inputs { events: Some(events.as_bytes()), registry: Some(registry.as_bytes()), ..Inputs::default() };
        Dataset::from_bytes(inputs).expect("the test's inputs read")
    }

    #[test]
    fn every_chart_gets_the_report_it_would_compute_alone() {
        let data = dataset();
        let shared = SharedReports::default();
        let whole = ReportOptions::default();
        let two_days = ReportOptions { range: Some("2d".into()), ..ReportOptions::default() };
        let busiest = data.report(&whole).expect("a report").models[0].model.clone();
        let asks = [
            (&whole, Detail::Model(busiest.clone())),
            (&whole, Detail::Top(0)),
            (&whole, Detail::Top(CHART_ROWS)),
            (&whole, Detail::Top(7)),
            (&whole, Detail::Model(format!(" {busiest} "))),
            (&whole, Detail::Model("m13".into())),
            (&whole, Detail::Model("m89".into())),
            (&whole, Detail::Model("Model 75".into())),
            (&whole, Detail::Model("nothing".into())),
            (&whole, Detail::Top(CHART_ROWS + 1)),
            (&two_days, Detail::Top(3)),
            (&two_days, Detail::Model(busiest.clone())),
            (&whole, Detail::Top(5)),
            (&whole, Detail::All),
        ];
        for (options, detail) in asks {
            let alone = data.report_with(options, &detail).expect("a report");
            assert_eq!(shared.report_of(&data, options, &detail).expect("a report"), alone, "{options:?} {detail:?}");
        }
    }

    #[test]
    fn a_report_prepared_a_step_at_a_time_is_the_one_computed_alone() {
        let data = dataset();
        let whole = ReportOptions::default();
        let two_days = ReportOptions { range: Some("2d".into()), ..ReportOptions::default() };
        let alone = |options: &ReportOptions| data.report_with(options, &Detail::Top(CHART_ROWS)).expect("a report");
        // Two widgets of different windows preparing by turns both finish, in a few steps.
        let shared = SharedReports::default();
        let prepare =
            |options: &ReportOptions| shared.prepare(&data, options, ChartKind::Volume, &ChartOptions::default());
        let (mut calls, mut whole_done, mut two_done) = (0, false, false);
        while !(whole_done && two_done) {
            whole_done = whole_done || prepare(&whole);
            two_done = two_done || prepare(&two_days);
            calls += 1;
            assert!(calls <= 9, "still not prepared after {calls} turns");
        }
        assert!(calls > 2, "prepared in {calls} turns: not a step at a time");
        assert_eq!(
            shared.last.borrow().as_ref().map(|(o, r)| (o.clone(), r.clone())),
            Some((two_days.clone(), alone(&two_days)))
        );
        assert!(prepare(&two_days), "kept: nothing left to do");
        // A view asked for halfway through takes the steps under way to their end.
        assert!(!prepare(&whole) && !prepare(&whole));
        let mut cut = alone(&whole);
        cut.models.truncate(7);
        assert_eq!(shared.report_of(&data, &whole, &Detail::Top(7)).expect("a report"), cut);
        assert!(shared.pending.borrow().is_empty());
        // A window that cannot be is prepared at once: the view says why.
        let nonsense = ReportOptions { from: Some("2026-13-40".into()), ..ReportOptions::default() };
        assert!(prepare(&nonsense));
        assert!(shared.for_chart(&data, &nonsense, ChartKind::Volume, &ChartOptions::default()).is_err());
    }

    #[test]
    fn owners_and_categories_are_a_step_of_their_own_made_once_for_the_charts_that_draw_them() {
        let data = dataset();
        let options = ReportOptions::default();
        let by_owner = ChartOptions { by: By::Owner, ..ChartOptions::default() };
        let at_once =
            SharedReports::default().for_chart(&data, &options, ChartKind::Share, &by_owner).expect("a report");
        let shared = SharedReports::default();
        let (mut steps, mut groups_step) = (0, None);
        while !shared.prepare(&data, &options, ChartKind::Share, &by_owner) {
            steps += 1;
            assert!(steps < 20, "still not prepared after {steps} steps");
            if shared.groups.borrow().is_some() {
                groups_step.get_or_insert(steps);
            }
        }
        assert_eq!(groups_step, Some(steps), "the owners and categories come last, in a step of their own");
        assert!(shared.prepare(&data, &options, ChartKind::Share, &by_owner), "kept: nothing left to do");
        assert_eq!(shared.for_chart(&data, &options, ChartKind::Share, &by_owner).expect("a report"), at_once);
        let categories = shared.for_chart(&data, &options, ChartKind::Categories, &ChartOptions::default());
        assert_eq!(categories.expect("a report").categories, at_once.categories, "the kept rows, the same");
        // A chart of another window makes its own.
        let two_days = ReportOptions { range: Some("2d".into()), ..ReportOptions::default() };
        let alone =
            SharedReports::default().for_chart(&data, &two_days, ChartKind::Categories, &ChartOptions::default());
        let shown = shared.for_chart(&data, &two_days, ChartKind::Categories, &ChartOptions::default());
        assert_eq!(shown.expect("a report"), alone.expect("a report"));
    }

    /// The chart drawn from `report` as SVG.
    fn drawn(report: Report, kind: ChartKind, options: &ChartOptions) -> String {
        let mut svg = String::new();
        let mut view = View::new(report, kind, options.clone(), Theme::named(ThemeName::Light));
        view.draw(SVGBackend::with_string(&mut svg, (640, 360))).expect("drawn");
        svg
    }

    #[test]
    fn every_chart_draws_the_same_from_its_cut_as_from_the_whole_report() {
        let data = dataset();
        let shared = SharedReports::default();
        let by_owner = filtered(Filter { owner: vec!["o1".into()], ..Filter::default() });
        let two_models = filtered(Filter { model: vec!["m12".into(), "m75".into()], ..Filter::default() });
        // The owners' and categories' rows get their events then after they are made.
        let compared =
            ReportOptions { range: Some("2d".into()), compare: Some("previous".into()), ..ReportOptions::default() };
        for options in [ReportOptions::default(), by_owner, two_models, compared] {
            charts_draw_from_their_cut(&data, &shared, &options);
        }
    }

    /// Every chart of `options` draws the same from what `shared` gives it as from the whole
    /// report of `options`.
    fn charts_draw_from_their_cut(data: &Dataset, shared: &SharedReports, options: &ReportOptions) {
        let whole = data.report(options).expect("a report");
        let models = [None, Some("m12".to_owned()), Some("m13".to_owned()), Some("Model 75".to_owned())];
        for kind in ChartKind::ALL {
            for model in models.iter().filter(|m| kind == ChartKind::Model || m.is_none()) {
                for by in By::ALL
                    .into_iter()
                    .filter(|&by| by == By::Model || kind == ChartKind::Share || kind == ChartKind::Leaderboard)
                {
                    let chart = ChartOptions { model: model.clone(), by, ..ChartOptions::default() };
                    let cut = shared.for_chart(data, options, kind, &chart).expect("a report");
                    assert!(cut.models.len() <= CHART_ROWS, "{kind:?} carries {} rows", cut.models.len());
                    let (cut, whole) = (drawn(cut, kind, &chart), drawn(whole.clone(), kind, &chart));
                    assert_eq!(cut, whole, "{kind:?} {model:?} {by:?} {:?}", options.filter);
                    if draws_groups(kind, &chart) {
                        assert!(!cut.contains("The source names no"), "{kind:?} {by:?}: {cut}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_filter_cuts_its_part_of_the_dataset_once_for_every_chart_and_step() {
        let data = dataset();
        let shared = SharedReports::default();
        let options = ReportOptions {
            range: Some("2d".into()),
            ..filtered(Filter { category: vec!["c1".into(), "c2".into()], ..Filter::default() })
        };
        let by_owner = ChartOptions { by: By::Owner, ..ChartOptions::default() };
        let mut steps = 0;
        while !shared.prepare(&data, &options, ChartKind::Share, &by_owner) {
            steps += 1;
            assert!(steps < 20, "still not prepared after {steps} steps");
        }
        let cut = || shared.filtered.borrow().as_ref().map(|(_, data)| Rc::clone(data)).expect("the part kept");
        let first = cut();
        let alone = data.report(&options).expect("a report");
        assert_eq!(shared.whole(&data, &options).expect("a report"), alone, "the JS API's report, from the part kept");
        let share = shared.for_chart(&data, &options, ChartKind::Share, &by_owner).expect("a report");
        assert_eq!((&share.owners, &share.input.filter), (&alone.owners, &alone.input.filter));
        let volume = shared.for_chart(&data, &options, ChartKind::Volume, &ChartOptions::default());
        assert_eq!(volume.expect("a report").daily, alone.daily);
        assert!(Rc::ptr_eq(&first, &cut()), "cut once");
        // The whole use beside it is the whole use, and another filter cuts its own part.
        let whole = shared.for_chart(&data, &ReportOptions::default(), ChartKind::Volume, &ChartOptions::default());
        assert_eq!(whole.expect("a report").daily, data.report(&ReportOptions::default()).expect("a report").daily);
        let other = filtered(Filter { owner: vec!["o2".into()], ..Filter::default() });
        let shown = shared.for_chart(&data, &other, ChartKind::Overview, &ChartOptions::default()).expect("a report");
        assert_eq!(shown.events, data.report(&other).expect("a report").events);
        assert!(!Rc::ptr_eq(&first, &cut()));
        // A value the data lacks: prepared at once, and the view says why.
        let nobody = filtered(Filter { owner: vec!["nobody".into()], ..Filter::default() });
        assert!(shared.prepare(&data, &nobody, ChartKind::Volume, &ChartOptions::default()));
        let refused = shared.for_chart(&data, &nobody, ChartKind::Volume, &ChartOptions::default()).unwrap_err();
        assert!(refused.to_string().contains("no owner is named \"nobody\""), "{refused}");
    }

    #[test]
    fn the_kept_report_is_the_one_cut_from() {
        let data = dataset();
        let shared = SharedReports::default();
        let options = ReportOptions::default();
        let first = shared.report_of(&data, &options, &Detail::Top(2)).expect("a report");
        assert_eq!(first.models.len(), 2);
        let kept = shared.last.borrow().as_ref().map(|(_, r)| r.models.len());
        assert_eq!(kept, Some(CHART_ROWS), "the rows any chart draws are kept");
    }

    #[test]
    fn the_retention_chart_of_a_long_window_shows_months_and_others_keep_weeks() {
        let data = dataset();
        let shared = SharedReports::default();
        let chart = ChartOptions::default();
        let long = ReportOptions {
            from: Some("2025-09-01".into()),
            to: Some("2026-03-04".into()),
            ..ReportOptions::default()
        };
        let short = ReportOptions { from: Some("2025-09-03".into()), ..long.clone() };
        let period = |options: &ReportOptions, kind| {
            shared.for_chart(&data, options, kind, &chart).expect("a report").retention.models.period
        };
        assert_eq!(period(&long, ChartKind::Retention), Period::Month, "185 days");
        assert_eq!(period(&short, ChartKind::Retention), Period::Week, "183 days");
        assert_eq!(period(&long, ChartKind::Volume), Period::Week, "only the retention chart");
        assert_eq!(data.report(&long).expect("a report").retention.models.period, Period::Week);
    }
}
