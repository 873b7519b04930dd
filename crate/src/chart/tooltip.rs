//! What the pointer (or the arrow keys) is on, in words: the exact values behind a mark,
//! read from the report, never from pixels. Targets are numbered per chart (a day of a
//! time chart, a tile, a leaderboard row, a retention cell, a Lorenz point) so the
//! keyboard can step through them.

use super::bins::Bins;
use super::said::Said;
use super::series::{listed_and_active, mode_label, shown_modes, verified_share, volume_mean};
use super::words::Word;
use super::{categories, format, leaderboard, model, overview, retention, share, By, ChartKind, ChartOptions, Drawn};
use crate::report::{ratio, Daily, Report};
use serde::Serialize;
use std::ops::Range;

/// A tooltip: where it points, a title and the exact values as (label, value) lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tooltip {
    /// The target's number (for the arrow keys).
    pub index: usize,
    /// The point the tooltip is anchored to, in CSS pixels.
    pub x: f64,
    pub y: f64,
    /// The crosshair's x on time charts.
    pub crosshair: Option<f64>,
    pub title: String,
    pub lines: Vec<(String, String)>,
}

/// How many targets the drawn chart has.
pub fn count(report: &Report, kind: ChartKind, drawn: &Drawn) -> usize {
    match kind {
        ChartKind::Concentration => report.lorenz.len(),
        _ if !drawn.boxes.is_empty() => drawn.boxes.len(),
        ChartKind::Model => drawn.transform.map_or(0, |t| (t.x_max - t.x_min).round() as usize),
        _ if drawn.grouped().is_some() => drawn.grouped().map_or(0, |b| b.ranges.len()),
        _ if drawn.transform.is_some() => report.daily.day.len(),
        _ => 0,
    }
}

/// The target under `(x, y)`, if any.
fn target(report: &Report, kind: ChartKind, drawn: &Drawn, x: f64, y: f64) -> Option<usize> {
    if let Some(i) = drawn.boxes.iter().position(|b| b.contains(x, y)) {
        return Some(i);
    }
    let t = drawn.transform?;
    let slack = super::Rect {
        left: t.plot.left - 4.0,
        top: t.plot.top - 4.0,
        right: t.plot.right + 4.0,
        bottom: t.plot.bottom + 4.0,
    };
    if !slack.contains(x, y) {
        return None;
    }
    let n = count(report, kind, drawn);
    if kind == ChartKind::Concentration {
        let share = t.x_value(x);
        return report
            .lorenz
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1[0] - share).abs().total_cmp(&(b.1[0] - share).abs()))
            .map(|(i, _)| i);
    }
    let i = t.x_value(x).round();
    let day = (i >= 0.0).then_some(i as usize)?;
    match drawn.grouped() {
        Some(bins) => bins.of_day(day),
        None => (day < n).then_some(day),
    }
}

/// The tooltip of the target under `(x, y)`.
pub fn tooltip(
    report: &Report,
    kind: ChartKind,
    options: &ChartOptions,
    drawn: &Drawn,
    x: f64,
    y: f64,
) -> Option<Tooltip> {
    describe(report, kind, options, drawn, target(report, kind, drawn, x, y)?)
}

/// The tooltip of target `index`.
pub fn describe(
    report: &Report,
    kind: ChartKind,
    options: &ChartOptions,
    drawn: &Drawn,
    index: usize,
) -> Option<Tooltip> {
    if index >= count(report, kind, drawn) {
        return None;
    }
    let f = &options.locale;
    let integer = |n: u64| f.integer(n);
    let (title, lines, at) = match kind {
        ChartKind::Overview => {
            let tile = overview::tiles(report, f).into_iter().nth(index)?;
            (tile.label, vec![(f.word(Word::Value).into(), tile.value), ("".into(), tile.context)], drawn.boxes[index])
        }
        ChartKind::Leaderboard if options.by == By::Owner => {
            let o = report.owners.get(index)?;
            let mut lines = vec![
                (super::unit_label(report, f), integer(o.usage.events)),
                (f.word(Word::Share).into(), f.percent(o.usage.share)),
                (f.word(Word::ModelsListed).into(), integer(o.usage.models_listed)),
                (f.word(Word::ModelsUsed).into(), integer(o.usage.models_active)),
            ];
            lines.extend(events_then(report, o.usage.events_compared, f));
            (format!("{}. {}", index + 1, leaderboard::owner_name(o, f)), lines, drawn.boxes[index])
        }
        ChartKind::Categories => {
            let c = *categories::rows(report).get(index)?;
            let mut lines = vec![
                (
                    f.word(Word::ModelsListed).into(),
                    format!("{} ({})", integer(c.usage.models_listed), f.percent(c.share_listed)),
                ),
                (f.word(Word::ModelsUsed).into(), integer(c.usage.models_active)),
                (f.word(Word::IdleLabel).into(), integer(c.usage.models_idle)),
                (super::unit_label(report, f), format!("{} ({})", integer(c.usage.events), f.percent(c.usage.share))),
            ];
            lines.extend(events_then(report, c.usage.events_compared, f));
            (categories::label(c, f).to_owned(), lines, drawn.boxes[index])
        }
        ChartKind::Leaderboard => {
            let m = report.models.get(index)?;
            let mut lines = vec![
                (super::unit_label(report, f), integer(m.events)),
                (f.word(Word::Share).into(), f.percent(m.share)),
            ];
            lines.extend(Said::of(report).model_figures(m, f));
            lines.push((f.word(Word::WeekOverWeekLabel).into(), f.change(m.events_wow)));
            lines.extend(events_then(report, m.events_compared, f));
            (format!("{}. {}", index + 1, m.name), lines, drawn.boxes[index])
        }
        ChartKind::Retention => {
            let c = retention::cohorts(report, options.cohort)?;
            let (mut row, mut k) = (0, index);
            while k >= c.cells.get(row)?.len() {
                k -= c.cells[row].len();
                row += 1;
            }
            let share = c.cells[row][k];
            let size = c.sizes[row];
            let (active, when) = match c.period {
                crate::report::Period::Week => {
                    (Word::ActiveInWeek, f.say(Word::WeekOf, &[("day", &f.day_long(c.cohorts[row]))]))
                }
                crate::report::Period::Month => (Word::ActiveInMonth, f.month_year(c.cohorts[row])),
            };
            let lines = vec![
                (f.word(Word::Cohort).into(), format!("{} {}", integer(size), retention::noun(options.cohort, f))),
                (
                    f.say(active, &[("k", &k.to_string())]),
                    format!("{} ({})", f.percent(Some(share)), integer((share * size as f64).round() as u64)),
                ),
            ];
            (f.say(Word::RangeUtc, &[("range", &when)]), lines, drawn.boxes[index])
        }
        ChartKind::Concentration => {
            let t = drawn.transform?;
            let [x, y] = *report.lorenz.get(index)?;
            let lines = vec![
                (f.word(Word::Models).into(), f.percent(Some(x))),
                (f.say(Word::Their, &[("unit", super::unit(report, f))]), f.percent(Some(y))),
            ];
            let at = super::Rect { left: t.x_px(x), top: t.y_px(y), right: t.x_px(x), bottom: t.y_px(y) };
            (f.say(Word::LeastUsed, &[("share", &f.percent(Some(x)))]), lines, at)
        }
        ChartKind::Model => {
            let t = drawn.transform?;
            let m = model::find(report, options.model.as_deref())?;
            let day = report.daily.day.get(index)?;
            let n = *m.daily.get(index)?;
            let at = super::Rect {
                left: t.x_px(index as f64),
                top: t.y_px(n as f64),
                right: t.x_px(index as f64),
                bottom: t.y_px(n as f64),
            };
            (
                f.say(Word::RangeUtc, &[("range", &f.day_long(*day))]),
                vec![(super::unit_label(report, f), integer(n))],
                at,
            )
        }
        ChartKind::Volume | ChartKind::Verification | ChartKind::Callers | ChartKind::Share
            if drawn.grouped().is_some() =>
        {
            binned(report, kind, options, &drawn.transform?, drawn.grouped()?, index)?
        }
        ChartKind::Volume
        | ChartKind::SupplyDemand
        | ChartKind::Verification
        | ChartKind::Callers
        | ChartKind::Share => {
            let t = drawn.transform?;
            let d = &report.daily;
            let day = *d.day.get(index)?;
            let events = d.events[index];
            let lines: Vec<(String, String)> = match kind {
                ChartKind::Volume => {
                    let mut lines = vec![
                        (super::unit_label(report, f), integer(events)),
                        (f.word(Word::SevenDayMean).into(), f.decimal(*volume_mean(report, options).get(index)?, 1)),
                        (f.word(Word::Failed).into(), integer(d.failed[index])),
                    ];
                    if let Some(n) = d.days_carried.as_ref().map(|c| c[index]).filter(|&n| n > 1) {
                        let before = match n {
                            2 => f.word(Word::DayBefore).to_owned(),
                            n => f.say(Word::DaysBefore, &[("n", &(n - 1).to_string())]),
                        };
                        let carries = f.say(Word::CarriesDays, &[("n", &n.to_string()), ("before", &before)]);
                        lines.push((f.word(Word::Carries).into(), carries));
                    }
                    if options.stack_by_mode {
                        lines.extend(
                            shown_modes(options)
                                .map(|m| (mode_label(m, f).to_owned(), integer(d.by_mode.get(m)[index]))),
                        );
                    }
                    lines.extend(then(report, options, index..index + 1, &|d| Some(&d.events), sum_of));
                    lines
                }
                ChartKind::SupplyDemand => {
                    let mut lines = vec![
                        (f.word(Word::Listed).into(), integer(d.models_listed[index])),
                        (f.word(Word::Used).into(), integer(d.models_active[index])),
                        (super::unit_label(report, f), integer(events)),
                    ];
                    lines.extend(then(report, options, index..index + 1, &|d| Some(&d.models_active), sum_of));
                    lines
                }
                ChartKind::Verification | ChartKind::Share => shares(report, kind, options, index..index + 1),
                _ => {
                    let at = |s: &Option<Vec<u64>>| s.as_ref().map_or(format::UNDEFINED.into(), |s| integer(s[index]));
                    let mut lines = vec![
                        (f.word(Word::DailyCallers).into(), at(&d.callers)),
                        ("WAU".into(), at(&d.wau)),
                        ("MAU".into(), at(&d.mau)),
                    ];
                    lines.extend(then(report, options, index..index + 1, &|d| d.wau.as_deref(), sum_of));
                    lines
                }
            };
            let x = t.x_px(index as f64);
            let at = super::Rect { left: x, top: t.plot.top, right: x, bottom: t.plot.top };
            (f.say(Word::RangeUtc, &[("range", &f.day_long(day))]), lines, at)
        }
    };
    let crosshair = (kind.is_time() || kind == ChartKind::Model).then_some(at.left);
    Some(Tooltip { index, x: (at.left + at.right) / 2.0, y: at.top, crosshair, title, lines })
}

/// The compared period's `figure` on the days drawn under the window's `days` (indices), as
/// `pick` makes one value of them, while its line is shown (docs/metrics.md#comparison): named
/// by the period, as its legend entry is (a table's column), and its value by its own days,
/// "6 (Jan 1, 2024)".
fn then(
    report: &Report,
    options: &ChartOptions,
    days: Range<usize>,
    figure: &dyn Fn(&Daily) -> Option<&[u64]>,
    pick: fn(&[u64]) -> u64,
) -> Option<(String, String)> {
    let f = &options.locale;
    earlier(report, options, days, &|d, days| Some(f.integer(pick(figure(d)?.get(days)?))))
}

/// The compared period's `value` of its days under the window's `days` (those it has), named
/// as [`then`] names it.
fn earlier(
    report: &Report,
    options: &ChartOptions,
    days: Range<usize>,
    value: &dyn Fn(&Daily, Range<usize>) -> Option<String>,
) -> Option<(String, String)> {
    let f = &options.locale;
    let before = report.compared.as_deref().filter(|_| options.shows("compared"))?;
    let (w, d) = (before.window?, &before.daily);
    let end = days.end.min(d.day.len());
    if days.start >= end {
        return None;
    }
    let value = value(d, days.start..end)?;
    let named = f.day_range(d.day[days.start], d.day[end - 1]);
    Some((f.day_range(w.from, w.to), format!("{value} ({named})")))
}

/// A chart of shares' lines for `days`: each shown part's events and share, and on the
/// verification chart the compared period's verified share of its days.
fn shares(report: &Report, kind: ChartKind, options: &ChartOptions, days: Range<usize>) -> Vec<(String, String)> {
    let f = &options.locale;
    let mut lines = share::lines(&share::parts(report, share_by(kind, options), f), options, days.clone());
    if kind == ChartKind::Verification {
        lines.extend(earlier(report, options, days, &|d, days| {
            let share = f.percent(Some(verified_share(d, days)?));
            Some(f.say(Word::ShareVerified, &[("share", &share)]))
        }));
    }
    lines
}

/// A row's events in the compared period (`then`), named by its days.
fn events_then(report: &Report, then: Option<u64>, f: &format::Locale) -> Option<(String, String)> {
    let w = report.compared.as_deref()?.window?;
    Some((f.day_range(w.from, w.to), f.integer(then?)))
}

/// One value of several days' counts: their sum, or the last (a rolling figure at a bin's end).
fn sum_of(values: &[u64]) -> u64 {
    values.iter().sum()
}

fn last_of(values: &[u64]) -> u64 {
    values.last().copied().unwrap_or(0)
}

/// What a chart of shares divides the events by: the verification chart, by mode.
fn share_by(kind: ChartKind, options: &ChartOptions) -> By {
    if kind == ChartKind::Verification {
        By::Mode
    } else {
        options.by
    }
}

/// A target's title, its lines and where it is on screen.
type Described = (String, Vec<(String, String)>, super::Rect);

/// The tooltip of bin `index` of a time chart whose bars are weeks or months: its totals,
/// what they are a day, and where the bar stands.
fn binned(
    report: &Report,
    kind: ChartKind,
    options: &ChartOptions,
    t: &super::transform::PlotTransform,
    bins: &Bins,
    index: usize,
) -> Option<Described> {
    let f = &options.locale;
    let d = &report.daily;
    let days = bins.ranges.get(index)?.clone();
    let count = days.len() as f64;
    let events = bins.sum(index, &d.events);
    let lines = match kind {
        ChartKind::Volume => {
            let mut lines = vec![
                (super::unit_label(report, f), f.integer(events)),
                (f.word(Word::ADay).into(), f.decimal(events as f64 / count, 1)),
                (f.word(Word::Failed).into(), f.integer(bins.sum(index, &d.failed))),
            ];
            if options.stack_by_mode {
                lines.extend(
                    shown_modes(options)
                        .map(|m| (mode_label(m, f).to_owned(), f.integer(bins.sum(index, d.by_mode.get(m))))),
                );
            }
            lines.extend(then(report, options, days.clone(), &|d| Some(&d.events), sum_of));
            lines
        }
        ChartKind::Verification | ChartKind::Share => shares(report, kind, options, days.clone()),
        _ => {
            let last = days.end - 1;
            let at = |s: &Option<Vec<u64>>| s.as_ref().map_or(format::UNDEFINED.into(), |s| f.integer(s[last]));
            let daily = d
                .callers
                .as_ref()
                .map_or(format::UNDEFINED.into(), |c| f.decimal(c[days.clone()].iter().sum::<u64>() as f64 / count, 1));
            let mut lines = vec![
                (f.word(Word::DailyCallersMean).into(), daily),
                (f.word(Word::WauAtEnd).into(), at(&d.wau)),
                (f.word(Word::MauAtEnd).into(), at(&d.mau)),
            ];
            lines.extend(then(report, options, days.clone(), &|d| d.wau.as_deref(), last_of));
            lines
        }
    };
    let x = (t.x_px(days.start as f64 - 0.5) + t.x_px(days.end as f64 - 0.5)) / 2.0;
    let at = super::Rect { left: x, top: t.plot.top, right: x, bottom: t.plot.top };
    Some((f.say(Word::RangeUtc, &[("range", &bins.label(index, f))]), lines, at))
}

/// One sentence that says what the chart shows, for screen readers.
pub fn summary(report: &Report, kind: ChartKind, options: &ChartOptions) -> String {
    let f = &options.locale;
    let Some(window) = report.window else { return f.say(Word::NothingYet, &[("unit", super::unit(report, f))]) };
    let base = f.say(
        Word::SummaryBase,
        &[
            ("n", &f.integer(report.events)),
            ("unit", super::counted_unit(report, f, report.events)),
            ("days", &f.days(window.days)),
            ("used", &f.integer(listed_and_active(report))),
            ("listed", &f.integer(report.models_listed)),
        ],
    );
    let by_day = matches!(kind, ChartKind::Volume | ChartKind::SupplyDemand | ChartKind::Verification);
    let said = Said::of(report);
    let d = &report.daily;
    let detail = match kind {
        _ if by_day && d.day.is_empty() => f.word(Word::SaidTotals).into(),
        ChartKind::Overview => {
            let mut more = f.say(Word::SaidEffective, &[("n", &f.decimal_or_undefined(report.effective_models, 1))]);
            if said.modes {
                more.push_str(&f.say(Word::SaidVerifiedAfter, &[("share", &f.percent(report.verified_share))]));
            }
            if let Some(mau) = report.mau.filter(|_| said.callers) {
                more.push_str(&f.say(Word::SaidMau.one_or(mau, Word::SaidMauOne), &[("n", &f.integer(mau))]));
            }
            more
        }
        ChartKind::Volume => {
            let busiest = (0..d.events.len()).max_by_key(|&i| (d.events[i], std::cmp::Reverse(i)));
            let day = busiest.map_or_else(String::new, |i| {
                f.say(Word::SaidBusiestDay, &[("day", &f.day_long(d.day[i])), ("n", &f.integer(d.events[i]))])
            });
            f.say(Word::SaidWow, &[("change", &f.change(report.events_wow)), ("day", &day)])
        }
        ChartKind::SupplyDemand => match (d.models_listed.first(), d.models_listed.last(), d.models_active.last()) {
            (Some(first), Some(last), Some(used)) => f.say(
                Word::SaidSupply,
                &[("first", &f.integer(*first)), ("last", &f.integer(*last)), ("used", &f.integer(*used))],
            ),
            _ => String::new(),
        },
        ChartKind::Concentration => f.say(Word::SaidTop10, &[("share", &f.percent(report.top10_share))]),
        ChartKind::Verification if !said.modes => f.word(Word::SaidNoModes).into(),
        ChartKind::Verification => f.say(Word::SaidVerified, &[("share", &f.percent(report.verified_share))]),
        ChartKind::Callers if report.callers.is_some() && !said.callers => f.word(Word::SaidNoCallers).into(),
        ChartKind::Callers => match report.callers {
            Some(c) => f.say(Word::SaidCallers.one_or(c, Word::SaidCallersOne), &[("n", &f.integer(c))]),
            None => f.word(Word::SaidCallersRollups).into(),
        },
        ChartKind::Leaderboard if options.by == By::Owner => {
            match report.owners.iter().find(|o| o.owner.is_some() && o.usage.events > 0) {
                Some(o) => f.say(
                    Word::SaidBusiestOwner,
                    &[("name", leaderboard::owner_name(o, f)), ("share", &f.percent(o.usage.share))],
                ),
                None if report.owners.iter().any(|o| o.owner.is_some()) => String::new(),
                None => f.word(Word::SaidNoOwners).into(),
            }
        }
        ChartKind::Share => match share::parts(report, options.by, f).first() {
            Some(part) => {
                let share = f.percent(ratio(part.daily.iter().sum::<u64>() as f64, report.events as f64));
                f.say(Word::SaidShare, &[("by", options.by.noun(f)), ("name", &part.label), ("share", &share)])
            }
            None => f.say(Word::SaidNoGroups, &[("things", options.by.plural(f))]),
        },
        ChartKind::Categories => match categories::rows(report).first() {
            Some(c) => f.say(
                Word::SaidCategories.one_or(report.categories.len() as u64, Word::SaidCategoriesOne),
                &[
                    ("n", &f.integer(report.categories.len() as u64)),
                    ("name", categories::label(c, f)),
                    ("listed", &f.percent(c.share_listed)),
                    ("used", &f.percent(c.usage.share)),
                ],
            ),
            None => f.word(Word::SaidNoCategories).into(),
        },
        ChartKind::Leaderboard => match report.models.first() {
            Some(m) if m.events > 0 => {
                f.say(Word::SaidBusiestModel, &[("name", &m.name), ("share", &f.percent(m.share))])
            }
            _ => String::new(),
        },
        ChartKind::Retention => {
            let period = retention::cohorts(report, options.cohort).map(|c| c.period).unwrap_or_default();
            let word = match period {
                crate::report::Period::Week => Word::SaidRetentionWeek,
                crate::report::Period::Month => Word::SaidRetentionMonth,
            };
            f.say(word, &[("noun", retention::noun(options.cohort, f))])
        }
        ChartKind::Model => match model::find(report, options.model.as_deref()) {
            Some(m) => f.say(Word::SaidModel, &[("name", &m.name), ("n", &f.integer(m.events))]),
            None => f.word(Word::SaidNoModel).into(),
        },
    };
    f.say(Word::Sentence, &[("text", &format!("{base}{detail}"))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::metrics::ReportOptions;

    fn summaries(events: &str) -> Vec<String> {
        let data = Dataset::from_events("e.ndjson", events.as_bytes()).expect("the test's events read");
        let report = data.report(&ReportOptions::default()).expect("a report");
        ChartKind::ALL.iter().map(|&kind| summary(&report, kind, &ChartOptions::default())).collect()
    }

    #[test]
    fn each_chart_says_its_own_finding_and_nothing_the_source_does_not_report() {
        let events = "{\"ts\":\"2026-03-01\",\"model\":\"a\",\"caller\":\"x\",\"mode\":\"tee\"}\n\
                      {\"ts\":\"2026-03-02\",\"model\":\"b\",\"caller\":\"y\",\"mode\":\"vanilla\"}\n\
                      {\"ts\":\"2026-03-02\",\"model\":\"a\",\"caller\":\"y\",\"mode\":\"tee\"}\n";
        let said = summaries(events);
        let mut distinct = said.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), said.len(), "one sentence a chart: {said:#?}");
        assert!(said[1].contains("the busiest day Mar 2, 2026 with 2"), "{}", said[1]);
        assert!(said[0].contains("67\u{a0}% verified"), "{}", said[0]);
        let bare = summaries("{\"ts\":\"2026-03-01\",\"model\":\"a\"}\n");
        assert!(!bare[0].contains("verified") && !bare[0].contains("callers in"), "{}", bare[0]);
        let verification = ChartKind::ALL.iter().position(|&k| k == ChartKind::Verification).expect("a chart");
        assert!(
            bare[verification].ends_with("the source does not report verification modes."),
            "{}",
            bare[verification]
        );
        // One of a kind is said in the singular: one caller, one inference.
        let one = summaries("{\"ts\":\"2026-03-01\",\"model\":\"a\",\"caller\":\"x\"}\n");
        let callers = ChartKind::ALL.iter().position(|&k| k == ChartKind::Callers).expect("a chart");
        assert!(
            one[callers].contains("; 1 distinct caller.") && one[0].starts_with("1 inference in 1 day"),
            "{one:#?}"
        );
        assert!(one[0].contains(", 1 caller in the last 30 days"), "{}", one[0]);
    }
}
