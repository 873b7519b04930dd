//! `share`: each bar's events divided among the busiest models, owners or categories, the
//! rest as one part, stacked to 100 % (docs/charts.md#owners-and-categories). By mode it is the
//! `verification` chart, which stacks its modes the same way ([`stacked`]).

use super::bins::Bins;
use super::format::Locale;
use super::frame::{empty_state, time_frame, Heading, LegendItem, Scale, TimeFrame};
use super::paint::{DrawError, Painter};
use super::series::{bars, drawable, span};
use super::theme::Theme;
use super::transform::PlotTransform;
use super::words::Word;
use super::{By, ChartOptions, Drawn};
use crate::mode::Mode;
use crate::report::{ratio, Report};
use crate::window::Window;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use std::borrow::Cow;

/// The parts drawn at most besides the rest: more colours would not stay apart.
pub const PARTS: usize = 7;

/// The legend key of the rest; `(` keeps it apart from the ids hubs give.
const OTHER: &str = "(other)";

/// Which colour a part takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tint {
    Mode(Mode),
    /// The `n`th of the theme's colours for parts.
    Nth(usize),
    /// The rest: the quiet colour of supply.
    Other,
}

impl Tint {
    pub fn color(self, theme: &Theme) -> RGBColor {
        match self {
            Tint::Mode(m) => theme.modes[m as usize],
            Tint::Nth(n) => theme.parts[n % theme.parts.len()],
            Tint::Other => theme.supply,
        }
    }
}

/// One part of the events: its legend key and label, its colour and its events per day
/// (borrowed from the report, but for the rest's: a tooltip or a table row makes the parts
/// again for each bar, without copying the series).
#[derive(Clone, Debug, PartialEq)]
pub struct Part<'r> {
    pub key: String,
    pub label: String,
    pub tint: Tint,
    pub daily: Cow<'r, [u64]>,
}

/// The parts of `report`'s events by `by`: the [`PARTS`] busiest groups that have events, and
/// the rest as one part when it has any; by mode, every mode. Empty when the source names no
/// owners (or categories) at all.
pub fn parts<'r>(report: &'r Report, by: By, f: &Locale) -> Vec<Part<'r>> {
    // The group that names none: its key stays the same in every language.
    let named = |key: Option<&str>, none: &str, label: Word| match key {
        Some(k) => (k.to_owned(), super::format::short_name(k).into_owned()),
        None => (format!("({none})"), f.word(label).to_owned()),
    };
    let groups: Vec<((String, String), &[u64])> = match by {
        By::Mode => {
            return Mode::ALL
                .into_iter()
                .map(|m| Part {
                    key: m.name().into(),
                    label: super::series::mode_label(m, f).into(),
                    tint: Tint::Mode(m),
                    daily: Cow::Borrowed(report.daily.by_mode.get(m)),
                })
                .collect()
        }
        By::Model => report
            .models
            .iter()
            .filter(|m| m.events > 0)
            .take(PARTS)
            .map(|m| ((m.model.clone(), m.name.clone()), &m.daily[..]))
            .collect(),
        By::Owner if report.owners.iter().any(|o| o.owner.is_some()) => report
            .owners
            .iter()
            .filter(|o| o.usage.events > 0)
            .take(PARTS)
            .map(|o| (named(o.owner.as_deref(), "unknown owner", Word::UnknownOwner), &o.usage.daily[..]))
            .collect(),
        By::Category if report.categories.iter().any(|c| c.category.is_some()) => report
            .categories
            .iter()
            .filter(|c| c.usage.events > 0)
            .take(PARTS)
            .map(|c| (named(c.category.as_deref(), "no category", Word::NoCategory), &c.usage.daily[..]))
            .collect(),
        By::Owner | By::Category => return Vec::new(),
    };
    let mut parts: Vec<Part> = groups
        .into_iter()
        .enumerate()
        .map(|(n, ((key, label), daily))| Part { key, label, tint: Tint::Nth(n), daily: Cow::Borrowed(daily) })
        .collect();
    let rest: Vec<u64> = (0..report.daily.events.len())
        .map(|i| {
            report.daily.events[i].saturating_sub(parts.iter().map(|p| p.daily.get(i).copied().unwrap_or(0)).sum())
        })
        .collect();
    if rest.iter().any(|&n| n > 0) {
        parts.push(Part {
            key: OTHER.into(),
            label: f.word(Word::Other).into(),
            tint: Tint::Other,
            daily: Cow::Owned(rest),
        });
    }
    parts
}

/// The parts of `parts` that the legend shows.
pub fn shown<'p, 'r>(parts: &'p [Part<'r>], options: &'p ChartOptions) -> impl Iterator<Item = &'p Part<'r>> + 'p {
    parts.iter().filter(|p| options.shows(&p.key))
}

/// The legend of `parts`.
pub fn legend(parts: &[Part], theme: &Theme, options: &ChartOptions) -> Vec<LegendItem> {
    parts
        .iter()
        .map(|p| LegendItem {
            key: p.key.clone(),
            label: p.label.clone(),
            color: p.tint.color(theme),
            shown: options.shows(&p.key),
        })
        .collect()
}

/// Stacks each bin's share of `parts` (the shown ones) to 100 % of their sum.
fn stack<DB: DrawingBackend>(
    p: &Painter<DB>,
    t: &PlotTransform,
    bins: &Bins,
    parts: &[&Part],
) -> Result<(), DrawError<DB>> {
    let totals: Vec<f64> =
        (0..bins.ranges.len()).map(|k| parts.iter().map(|part| bins.sum(k, &part.daily) as f64).sum()).collect();
    let mut base = vec![0.0; totals.len()];
    for part in parts {
        let values: Vec<f64> =
            (0..totals.len()).map(|k| ratio(bins.sum(k, &part.daily) as f64, totals[k]).unwrap_or(0.0)).collect();
        bars(p, t, bins, &base, &values, part.tint.color(p.theme))?;
        base.iter_mut().zip(&values).for_each(|(b, v)| *b += v);
    }
    Ok(())
}

/// A tooltip's lines for the days `days` of the shown `parts`: each one's events and share.
pub fn lines(parts: &[Part], options: &ChartOptions, days: std::ops::Range<usize>) -> Vec<(String, String)> {
    let f = &options.locale;
    let sums: Vec<(&Part, u64)> =
        shown(parts, options).map(|p| (p, p.daily.get(days.clone()).map_or(0, |d| d.iter().sum()))).collect();
    let total: u64 = sums.iter().map(|(_, n)| n).sum();
    sums.into_iter()
        .map(|(p, n)| (p.label.clone(), format!("{} ({})", f.integer(n), f.percent(ratio(n as f64, total as f64)))))
        .collect()
}

/// The chart of a source that names no owner (or category) of its models: it says so, under
/// `subtitle`, rather than draw every event as one part.
pub fn unnamed<DB: DrawingBackend>(p: &Painter<DB>, by: By, subtitle: String) -> Result<Drawn, DrawError<DB>> {
    let f = &p.fmt;
    let head = Heading { title: f.say(Word::NoneInSource, &[("things", by.plural(f))]), subtitle };
    empty_state(p, &head, &f.say(Word::SourceNamesNo, &[("thing", by.noun(f)), ("field", by.name())]))?;
    Ok(Drawn::default())
}

/// `share` by model, owner or category (by mode, the element draws `verification`).
pub fn draw<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let f = &p.fmt;
    let unit = super::unit(report, f);
    let by = options.by.noun(f);
    let parts = parts(report, options.by, f);
    // The legend's "Other" says that there is a rest: the subtitle stays short enough for
    // two lines at 320 px with its window.
    let rest = parts.last().is_some_and(|p| p.tint == Tint::Other);
    let what = |each: &str| f.say(Word::ShareWhat, &[("each", each), ("unit", unit), ("by", by)]);
    let Some(window) = drawable(p, report, &what(f.word(Word::EachDay)))? else { return Ok(Drawn::default()) };
    if parts.is_empty() {
        return unnamed(p, options.by, what(f.word(Word::EachDay)));
    }
    let bins = Bins::of(window, p.size().0);
    let named: Vec<&Part> = parts.iter().filter(|p| p.tint != Tint::Other).collect();
    let top = |n: usize| named.iter().take(n).map(|p| p.daily.iter().sum::<u64>()).sum::<u64>() as f64;
    let share = |n: usize| p.fmt.percent(ratio(top(n), report.events as f64));
    // Short enough for two lines at 320 px: "0x841c…2760: 22 % of inferences, top 7: 55 %".
    let name = named.first().map_or("", |p| &p.label);
    let mut title = f.say(Word::ShareTitle, &[("name", name), ("share", &share(1)), ("unit", unit)]);
    if named.len() > 1 && rest {
        title.push_str(&f.say(Word::ShareTop, &[("n", &named.len().to_string()), ("share", &share(named.len()))]));
    }
    let subtitle = format!("{}, {}", what(bins.each(f)), span(&window, f));
    let legend = legend(&parts, p.theme, options);
    stacked(p, report, (window, bins), Heading { title, subtitle }, &parts, &legend, options)
}

/// A time chart of `parts` over the window and bins of `at`, stacked to 100 % in each bin,
/// under `head`, with `legend` (theirs, and any line the caller draws over them): `share`,
/// and `verification` by mode.
pub fn stacked<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    (window, bins): (Window, Bins),
    head: Heading,
    parts: &[Part],
    legend: &[LegendItem],
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let frame = TimeFrame {
        head,
        window,
        years: super::years_named(report, &window),
        note: None,
        y_max: 1.0,
        scale: Scale::Share,
        legend,
    };
    let (t, legend) = time_frame(p, &frame)?;
    stack(p, &t, &bins, &shown(parts, options).collect::<Vec<_>>())?;
    Ok(Drawn { transform: Some(t), legend, bins: Some(bins), ..Drawn::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Dataset, Inputs};
    use crate::metrics::ReportOptions;

    /// Nine owners' models over two days, owner `oN` used N times a day, and one model without
    /// an owner used once a day.
    fn report() -> Report {
        let mut events = String::new();
        let mut listed = Vec::new();
        for day in 1..=2 {
            for n in 1..=9 {
                for _ in 0..n {
                    events.push_str(&format!("{{\"ts\":\"2026-03-0{day}\",\"model\":\"m{n}\"}}\n"));
                }
            }
            events.push_str(&format!("{{\"ts\":\"2026-03-0{day}\",\"model\":\"stray\"}}\n"));
        }
        for n in 1..=9 {
            let category = if n % 2 == 0 { "llm" } else { "image" };
            listed.push(format!(
                "{{\"model\":\"m{n}\",\"owner\":\"o{n}\",\"category\":\"{category}\",\"listed_at\":\"2026-03-01\"}}"
            ));
        }
        let registry = format!("[{}]", listed.join(","));
        let inputs =
            Inputs { events: Some(events.as_bytes()), registry: Some(registry.as_bytes()), ..Inputs::default() };
        let data = Dataset::from_bytes(inputs).expect("the test's inputs read");
        data.report(&ReportOptions::default()).expect("a report")
    }

    #[test]
    fn the_busiest_parts_and_the_rest_add_up_to_every_event() {
        let report = report();
        for by in [By::Model, By::Owner, By::Category, By::Mode] {
            let parts = parts(&report, by, &Locale::default());
            for day in 0..2 {
                let sum: u64 = parts.iter().map(|p| p.daily[day]).sum();
                assert_eq!(sum, report.daily.events[day], "{by:?}, day {day}");
            }
        }
        let owners = parts(&report, By::Owner, &Locale::default());
        let labels: Vec<&str> = owners.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["o9", "o8", "o7", "o6", "o5", "o4", "o3", "Other"], "the seven busiest, then the rest");
        let categories = parts(&report, By::Category, &Locale::default());
        let labels: Vec<&str> = categories.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["image", "llm", "No category"]);
    }

    #[test]
    fn a_source_without_owners_has_no_parts_by_owner() {
        let data = Dataset::from_events("e.ndjson", b"{\"ts\":\"2026-03-01\",\"model\":\"a\"}\n").expect("read");
        let report = data.report(&ReportOptions::default()).expect("a report");
        assert!(parts(&report, By::Owner, &Locale::default()).is_empty());
        assert!(parts(&report, By::Category, &Locale::default()).is_empty());
        assert_eq!(parts(&report, By::Model, &Locale::default()).len(), 1);
        let theme = crate::chart::Theme::named(crate::chart::ThemeName::Light);
        let mut svg = String::new();
        {
            let p = Painter::new(
                plotters::prelude::SVGBackend::with_string(&mut svg, (320, 300)),
                &theme,
                crate::chart::Locale::default(),
            );
            draw(&p, &report, &ChartOptions { by: By::Category, ..ChartOptions::default() }).expect("drawn");
            p.present().expect("presented");
        }
        assert!(svg.contains("No categories in the source"), "{svg}");
        let said = crate::chart::summary(
            &report,
            crate::ChartKind::Share,
            &ChartOptions { by: By::Category, ..ChartOptions::default() },
        );
        assert!(said.ends_with("the source names no categories."), "{said}");
    }
}
