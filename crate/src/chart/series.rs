//! The time charts of docs/charts.md: `volume`, `supply-demand`, `verification` and `callers`.
//! Each puts one or more daily series of the report on a shared frame; x is the day's
//! index in the window, so hover and brushing map pixels to days the same way for all.

use super::bins::Bins;
use super::format::{self, Locale};
use super::frame::{empty_state, time_frame, Heading, LegendItem, Scale, TimeFrame};
use super::paint::{DrawError, Painter};
use super::said::Said;
use super::transform::PlotTransform;
use super::words::Word;
use super::{share, By, ChartOptions, Drawn};
use crate::metrics::volume::moving_mean_7;
use crate::mode::Mode;
use crate::provenance::Basis;
use crate::report::{ratio, Daily, Report};
use crate::window::Window;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use std::borrow::Cow;
use std::ops::Range;

/// The window of a report that has events to draw, or the empty state drawn instead.
pub(super) fn drawable<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    what: &str,
) -> Result<Option<Window>, DrawError<DB>> {
    match report.window.filter(|_| report.events > 0) {
        Some(window) if !report.daily.day.is_empty() => Ok(Some(window)),
        Some(window) => {
            let head = Heading { title: count_title(p, report, &window), subtitle: what.to_owned() };
            empty_state(p, &head, p.fmt.word(Word::NoDays))?;
            Ok(None)
        }
        None => {
            let title = p.fmt.say(Word::NoUnitInWindow, &[("unit", super::unit(report, &p.fmt))]);
            let head = Heading { title, subtitle: what.to_owned() };
            empty_state(p, &head, p.fmt.word(Word::NoEventsInWindow))?;
            Ok(None)
        }
    }
}

/// The empty state of a chart of what the source does not report: its count over the window,
/// and which figures the source leaves out (docs/charts.md#what-a-source-does-not-say).
fn unsaid<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    what: &str,
    window: &Window,
) -> Result<Drawn, DrawError<DB>> {
    let notice = Said::of(report).notice(&p.fmt).unwrap_or_default();
    empty_state(p, &Heading { title: count_title(p, report, window), subtitle: what.to_owned() }, &notice)?;
    Ok(Drawn::default())
}

/// "1,234 inferences over 90 days, Aug 1 – Oct 29, 2026 (UTC)".
fn count_title<DB: DrawingBackend>(p: &Painter<DB>, report: &Report, window: &Window) -> String {
    let (n, span) = (p.fmt.integer(report.events), span(window, &p.fmt));
    let unit = super::counted_unit(report, &p.fmt, report.events);
    p.fmt.say(Word::CountOver, &[("n", &n), ("unit", unit), ("span", &span)])
}

/// "90 days, Aug 1 – Oct 29, 2026 (UTC)", in `f`'s words for days.
pub(super) fn span(window: &Window, f: &super::format::Locale) -> String {
    f.say(Word::Span, &[("days", &f.days(window.days)), ("range", &f.day_range(window.from, window.to))])
}

/// Listed models that were used: `active_ratio` of `models_listed` (a model used in the
/// window but listed after it is neither).
pub fn listed_and_active(report: &Report) -> u64 {
    report.active_ratio.map_or(0, |r| (r * report.models_listed as f64).round() as u64)
}

/// Bars of `values` from `base` (stacked bars pass the running base), one per bin, each
/// spanning its bin's days.
pub(super) fn bars<DB: DrawingBackend>(
    p: &Painter<DB>,
    t: &PlotTransform,
    bins: &Bins,
    base: &[f64],
    values: &[f64],
    color: RGBColor,
) -> Result<(), DrawError<DB>> {
    for (k, (&b, &v)) in base.iter().zip(values).enumerate() {
        if v > 0.0 {
            let (left, top, right, bottom) = bar_rect(t, bins, k, b, v);
            p.fill_rect(left, top, right, bottom, color)?;
        }
    }
    Ok(())
}

/// Where bin `k`'s bar from `base` up by `value` lies: left, top, right, bottom. A day's bar
/// takes 72 % of its slot; a week's or month's leaves a gap of at most 2 px.
fn bar_rect(t: &PlotTransform, bins: &Bins, k: usize, base: f64, value: f64) -> (f64, f64, f64, f64) {
    let days = &bins.ranges[k];
    let (left, right) = (t.x_px(days.start as f64 - 0.5), t.x_px(days.end as f64 - 0.5));
    let gap = if bins.daily() { (right - left) * 0.28 } else { ((right - left) * 0.28).min(2.0) };
    let (left, right) = (left + gap / 2.0, (right - gap / 2.0).max(left + gap / 2.0 + 1.0));
    (left, t.y_px(base + value), right, t.y_px(base))
}

/// The frame of a time chart of counts over `window`, its years named as the report's
/// time says, with no footnote.
fn counts_frame<'a>(
    report: &Report,
    window: Window,
    head: Heading,
    y_max: f64,
    legend: &'a [LegendItem],
) -> TimeFrame<'a> {
    TimeFrame {
        head,
        window,
        years: super::years_named(report, &window),
        note: None,
        y_max,
        scale: Scale::Count,
        legend,
    }
}

/// Stripes across a bar in the background's colour, every 4 px: the mark of a day whose
/// count carries the days before it.
fn stripes<DB: DrawingBackend>(
    p: &Painter<DB>,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
) -> Result<(), DrawError<DB>> {
    let mut y = bottom - 3.0;
    while y > top {
        p.line(&[(left, y), (right, y)], p.theme.background, 1)?;
        y -= 4.0;
    }
    Ok(())
}

/// A line through one value per day; `None` values break it.
fn line<DB: DrawingBackend>(
    p: &Painter<DB>,
    t: &PlotTransform,
    values: impl Iterator<Item = Option<f64>>,
    color: RGBColor,
) -> Result<(), DrawError<DB>> {
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.enumerate() {
        match v {
            Some(v) => run.push((t.x_px(i as f64), t.y_px(v))),
            None if run.len() > 1 => p.line(&std::mem::take(&mut run), color, 2)?,
            None => run.clear(),
        }
    }
    if run.len() > 1 {
        p.line(&run, color, 2)?;
    }
    Ok(())
}

/// How a mode reads in a legend or tooltip: the modes' own names, and words for the rest.
pub fn mode_label(mode: Mode, f: &Locale) -> &str {
    match mode {
        Mode::Vanilla => "Vanilla",
        Mode::Tee => "TEE",
        Mode::Zkml => "zkML",
        Mode::Other => f.word(Word::ModeOther),
        Mode::Unknown => f.word(Word::ModeUnknown),
    }
}

fn as_f64(values: &[u64]) -> Vec<f64> {
    values.iter().map(|&v| v as f64).collect()
}

/// `volume`: daily inferences as bars (optionally stacked by mode) with the 7-day mean.
pub fn volume<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let (f, unit) = (&p.fmt, super::unit_label(report, &p.fmt));
    let Some(window) = drawable(p, report, &f.say(Word::PerUtcDay, &[("unit", &unit)]))? else {
        return Ok(Drawn::default());
    };
    let bins = Bins::of(window, p.size().0);
    let what = f.say(Word::VolumeWhat, &[("unit", &unit), ("means", bins.means_note(f))]);
    let n = f.integer(report.events);
    let mut title = f.say(
        Word::CountIn,
        &[("n", &n), ("unit", super::counted_unit(report, f, report.events)), ("days", &f.days(window.days))],
    );
    if report.events_wow.is_some() {
        title.push_str(&f.say(Word::WeekOverWeekAfter, &[("change", &f.change(report.events_wow))]));
    }
    let daily = &report.daily;
    let mut legend = if options.stack_by_mode {
        share::legend(&share::parts(report, By::Mode, f), p.theme, options)
    } else {
        Vec::new()
    };
    let before = compared(p, report, options, &mut legend).map(|b| &b.daily.events_ma7);
    let highest = |values: &[f64]| values.iter().copied().fold(0.0, f64::max);
    let y_max = (daily.events.iter().copied().max().unwrap_or(0) as f64).max(before.map_or(0.0, |m| highest(m)));
    let subtitle = format!("{what}, {}", span(&window, &p.fmt));
    // Days that close a gap in counter snapshots are striped, when bars are days.
    let carried: Vec<usize> = match &daily.days_carried {
        Some(days) if bins.daily() => (0..days.len()).filter(|&i| days[i] > 1 && daily.events[i] > 0).collect(),
        _ => Vec::new(),
    };
    let mut frame = counts_frame(report, window, Heading { title, subtitle }, y_max, &legend);
    frame.note = (!carried.is_empty()).then(|| f.word(Word::CarriedNote).to_owned());
    let (t, legend) = time_frame(p, &frame)?;
    let zero = vec![0.0; bins.ranges.len()];
    if options.stack_by_mode {
        let mut base = zero;
        for mode in shown_modes(options) {
            let values = bins.means(&as_f64(daily.by_mode.get(mode)));
            bars(p, &t, &bins, &base, &values, p.theme.modes[mode as usize])?;
            base.iter_mut().zip(&values).for_each(|(b, v)| *b += v);
        }
    } else {
        bars(p, &t, &bins, &zero, &bins.means(&as_f64(&daily.events)), p.theme.demand_fill)?;
    }
    for &day in &carried {
        let (left, top, right, bottom) = bar_rect(&t, &bins, day, 0.0, daily.events[day] as f64);
        stripes(p, left, top, right, bottom)?;
    }
    if let Some(mean) = before {
        faint(p, &t, &mut mean.iter().copied(), window.days)?;
    }
    line(p, &t, volume_mean(report, options).iter().map(|&m| Some(m)), p.theme.demand_line)?;
    Ok(Drawn { transform: Some(t), legend, bins: Some(bins), ..Drawn::default() })
}

/// The compared period of `report` (docs/metrics.md#comparison), which a time chart draws
/// faint, its k-th day over the window's k-th: its entry is added to `legend` (named by its
/// days), and its report returned while the entry is shown.
fn compared<'r, DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &'r Report,
    options: &ChartOptions,
    legend: &mut Vec<LegendItem>,
) -> Option<&'r Report> {
    let before = report.compared.as_deref()?;
    let w = before.window?;
    let shown = options.shows("compared");
    legend.push(LegendItem {
        key: "compared".into(),
        label: p.fmt.day_range(w.from, w.to),
        color: p.theme.muted,
        shown,
    });
    Some(before).filter(|_| shown)
}

/// The compared period's `values` as the faint line under the window's first `days` days.
fn faint<DB: DrawingBackend>(
    p: &Painter<DB>,
    t: &PlotTransform,
    values: &mut dyn Iterator<Item = f64>,
    days: u32,
) -> Result<(), DrawError<DB>> {
    line(p, t, values.take(days as usize).map(Some), p.theme.muted)
}

/// The modes whose bars a chart stacked by mode shows (the legend hides the others).
pub fn shown_modes(options: &ChartOptions) -> impl Iterator<Item = Mode> + '_ {
    Mode::ALL.into_iter().filter(|m| options.shows(m.name()))
}

/// The 7-day mean the volume chart draws: of every event, or, where the legend hides some
/// modes of a chart stacked by mode, of the shown ones, so that the line follows the bars.
pub fn volume_mean<'r>(report: &'r Report, options: &ChartOptions) -> Cow<'r, [f64]> {
    let d = &report.daily;
    if !options.stack_by_mode || shown_modes(options).count() == Mode::ALL.len() {
        return Cow::Borrowed(&d.events_ma7);
    }
    let shown: Vec<u64> =
        (0..d.events.len()).map(|i| shown_modes(options).map(|m| d.by_mode.get(m)[i]).sum()).collect();
    Cow::Owned(moving_mean_7(&shown))
}

/// `supply-demand`: models listed (the quiet area) against models used (the line).
pub fn supply_demand<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let f = &p.fmt;
    let what = f.word(Word::SupplyDemandWhat);
    let Some(window) = drawable(p, report, what)? else { return Ok(Drawn::default()) };
    let daily = &report.daily;
    let per = report.events_per_listed_model.map_or(format::UNDEFINED.into(), |v| f.compact((v * 10.0).round() / 10.0));
    let title = f.say(
        Word::SupplyDemandTitle,
        &[
            ("used", &f.integer(listed_and_active(report))),
            ("listed", &f.integer(report.models_listed)),
            ("share", &f.percent(report.active_ratio)),
            ("per", &per),
            ("unit", super::unit(report, f)),
        ],
    );
    let mut legend = vec![
        LegendItem {
            key: "listed".into(),
            label: f.word(Word::Listed).into(),
            color: p.theme.supply,
            shown: options.shows("listed"),
        },
        LegendItem {
            key: "active".into(),
            label: f.word(Word::Used).into(),
            color: p.theme.demand_line,
            shown: options.shows("active"),
        },
    ];
    // The models used in the compared period, against those used now.
    let before = compared(p, report, options, &mut legend).map(|b| &b.daily.models_active);
    let counts = daily.models_listed.iter().chain(&daily.models_active).chain(before.into_iter().flatten());
    let y_max = counts.copied().max().unwrap_or(0) as f64;
    let subtitle = format!("{what}, {}", span(&window, &p.fmt));
    let frame = counts_frame(report, window, Heading { title, subtitle }, y_max, &legend);
    let (t, legend) = time_frame(p, &frame)?;
    if options.shows("listed") {
        let mut area: Vec<(f64, f64)> = vec![(t.x_px(-0.5), t.y_px(0.0))];
        for (i, &n) in daily.models_listed.iter().enumerate() {
            area.push((t.x_px(i as f64 - 0.5), t.y_px(n as f64)));
            area.push((t.x_px(i as f64 + 0.5), t.y_px(n as f64)));
        }
        area.push((t.x_px(daily.models_listed.len() as f64 - 0.5), t.y_px(0.0)));
        p.polygon(&area, p.theme.supply)?;
    }
    if let Some(used) = before {
        faint(p, &t, &mut used.iter().map(|&n| n as f64), window.days)?;
    }
    if options.shows("active") {
        line(p, &t, daily.models_active.iter().map(|&n| Some(n as f64)), p.theme.demand_line)?;
    }
    Ok(Drawn { transform: Some(t), legend, ..Drawn::default() })
}

/// `verification`: each day's events by mode, stacked to 100 %.
pub fn verification<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let f = &p.fmt;
    let what = |each: &str| f.say(Word::VerificationWhat, &[("each", each), ("unit", super::unit(report, f))]);
    let Some(window) = drawable(p, report, &what(f.word(Word::EachDay)))? else { return Ok(Drawn::default()) };
    if !Said::of(report).modes {
        return unsaid(p, report, &what(f.word(Word::EachDay)), &window);
    }
    let bins = Bins::of(window, p.size().0);
    let what = what(bins.each(f));
    let title = f.say(
        Word::VerifiedTitle,
        &[
            ("share", &f.percent(report.verified_share)),
            ("unit", super::unit(report, f)),
            ("tee", &f.percent(ratio(report.by_mode.tee as f64, report.events as f64))),
            ("zkml", &f.percent(ratio(report.by_mode.zkml as f64, report.events as f64))),
        ],
    );
    let subtitle = format!("{what}, {}", span(&window, &p.fmt));
    let parts = share::parts(report, By::Mode, f);
    let mut legend = share::legend(&parts, p.theme, options);
    // The compared period's verified share of each bar's days, over the stack; its legend
    // entry says which share the line is, as the bars are the modes.
    let before = compared(p, report, options, &mut legend).map(|b| &b.daily);
    if let Some(entry) = legend.iter_mut().find(|entry| entry.key == "compared") {
        entry.label = format!("{}, {}", f.word(Word::Verified), entry.label);
    }
    let drawn = share::stacked(p, report, (window, bins), Heading { title, subtitle }, &parts, &legend, options)?;
    if let (Some(before), Some(t), Some(bins)) = (before, &drawn.transform, &drawn.bins) {
        // Each day at its bar's share (a gap where those days had no events).
        let mut shares = Vec::with_capacity(window.days as usize);
        for days in &bins.ranges {
            shares.resize(days.end, verified_share(before, days.clone()));
        }
        line(p, t, shares.into_iter(), p.theme.muted)?;
    }
    Ok(drawn)
}

/// The verified share ((TEE + zkML) ÷ events) of the days `days` of `daily` (those it has);
/// `None` where they have no events.
pub fn verified_share(daily: &Daily, days: Range<usize>) -> Option<f64> {
    let days = days.start..days.end.min(daily.events.len());
    let sum = |values: &[u64]| values.get(days.clone()).map_or(0, |v| v.iter().sum::<u64>());
    let verified: u64 = Mode::ALL.into_iter().filter(|m| m.is_verified()).map(|m| sum(daily.by_mode.get(m))).sum();
    ratio(verified as f64, sum(&daily.events) as f64)
}

/// `callers`: distinct callers per day (bars) with the weekly and monthly actives.
pub fn callers<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let f = &p.fmt;
    let what = |means: &str| f.say(Word::CallersWhat, &[("means", means)]);
    let Some(window) = drawable(p, report, &what(""))? else { return Ok(Drawn::default()) };
    let bins = Bins::of(window, p.size().0);
    let daily = &report.daily;
    let (Some(dau), Some(wau), Some(mau)) = (&daily.callers, &daily.wau, &daily.mau) else {
        return if report.input.demand_source == Basis::Rollups {
            let head = Heading { title: f.word(Word::CallersNeedEvents).into(), subtitle: what("") };
            empty_state(p, &head, f.word(Word::CallersFromRollups))?;
            Ok(Drawn::default())
        } else {
            unsaid(p, report, &what(""), &window)
        };
    };
    if !Said::of(report).callers {
        return unsaid(p, report, &what(""), &window);
    }
    let title = f.say(
        Word::CallersTitle.one_or(report.callers.unwrap_or(0), Word::CallersTitleOne),
        &[
            ("approx", super::approx(report, "callers")),
            ("n", &f.integer(report.callers.unwrap_or(0))),
            ("mau", &f.integer(report.mau.unwrap_or(0))),
            ("stickiness", &f.percent(report.stickiness)),
        ],
    );
    let mut legend = vec![
        LegendItem {
            key: "dau".into(),
            label: f.word(Word::Daily).into(),
            color: p.theme.demand_fill,
            shown: options.shows("dau"),
        },
        LegendItem { key: "wau".into(), label: "WAU".into(), color: p.theme.demand_line, shown: options.shows("wau") },
        LegendItem { key: "mau".into(), label: "MAU".into(), color: p.theme.accent, shown: options.shows("mau") },
    ];
    // The compared period's weekly actives, against this one's.
    let before = compared(p, report, options, &mut legend).and_then(|b| b.daily.wau.as_deref());
    let shown = |key: &str, s: &[u64]| if options.shows(key) { s.iter().copied().max().unwrap_or(0) } else { 0 };
    let y_max =
        shown("dau", dau).max(shown("wau", wau)).max(shown("mau", mau)).max(shown("compared", before.unwrap_or(&[])))
            as f64;
    let what = what(bins.means_note(f));
    let subtitle = format!("{what}, {}", span(&window, &p.fmt));
    let frame = counts_frame(report, window, Heading { title, subtitle }, y_max, &legend);
    let (t, legend) = time_frame(p, &frame)?;
    if options.shows("dau") {
        bars(p, &t, &bins, &vec![0.0; bins.ranges.len()], &bins.means(&as_f64(dau)), p.theme.demand_fill)?;
    }
    if let Some(wau) = before {
        faint(p, &t, &mut wau.iter().map(|&n| n as f64), window.days)?;
    }
    if options.shows("wau") {
        line(p, &t, wau.iter().map(|&n| Some(n as f64)), p.theme.demand_line)?;
    }
    if options.shows("mau") {
        line(p, &t, mau.iter().map(|&n| Some(n as f64)), p.theme.accent)?;
    }
    Ok(Drawn { transform: Some(t), legend, bins: Some(bins), ..Drawn::default() })
}
