//! `leaderboard`: the busiest models, one row each: a bar of events with its share, the
//! verified share, the week-over-week trend and a sparkline of the window; or, `by="owner"`,
//! the busiest owners, with their models used and listed in place of the verified share, and
//! no trend but the change against a compared period (docs/charts.md#owners-and-categories).

use super::format::Locale;
use super::frame::{footnote, footnote_height, heading_keeping, Heading, LABEL_SIZE, PAD};
use super::overview::sparkline;
use super::paint::{Anchor, DrawError, Painter};
use super::said::Said;
use super::transform::Rect;
use super::words::Word;
use super::{By, ChartOptions, Drawn};
use crate::report::{ratio, OwnerRow, Report};
use plotters::prelude::DrawingBackend;
use std::borrow::Cow;

const ROW: f64 = 30.0;
/// The least room the longest bar keeps before the trend gives way to it.
const MIN_BAR: f64 = 12.0;

/// One row: a model's or an owner's.
struct Row<'r> {
    name: Cow<'r, str>,
    events: u64,
    share: Option<f64>,
    /// The first column after the bar: the verified share, or an owner's models.
    figure: Option<String>,
    /// The change against the compared period, else the week-over-week change (models only).
    trend: Option<Option<f64>>,
    daily: &'r [u64],
}

/// The change of `now` against `then` events (`None` from none).
fn change(now: u64, then: u64) -> Option<f64> {
    ratio(now as f64 - then as f64, then as f64)
}

/// An owner's name as the leaderboard writes it.
pub fn owner_name<'a>(row: &'a OwnerRow, f: &'a Locale) -> &'a str {
    row.owner.as_deref().unwrap_or(f.word(Word::UnknownOwner))
}

/// "3 of 5": an owner's models used of those listed.
fn owner_models(f: &Locale, row: &OwnerRow) -> String {
    f.say(Word::NOfM, &[("n", &f.integer(row.usage.models_active)), ("m", &f.integer(row.usage.models_listed))])
}

pub fn draw<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let (f, unit) = (&p.fmt, super::unit(report, &p.fmt));
    let said = Said::of(report);
    let owners = options.by == By::Owner;
    // No more rows than the widget's height could show: a hub of 300,000 owners draws a
    // screenful, and counts the others.
    let most = (p.size().1 / ROW).ceil() as usize;
    let known = report.owners.iter().any(|o| o.owner.is_some());
    let used_owners = || report.owners.iter().filter(|o| known && o.usage.events > 0);
    let rows: Vec<Row> = if owners {
        used_owners()
            .take(most)
            .map(|o| Row {
                name: super::format::short_name(owner_name(o, f)),
                events: o.usage.events,
                share: o.usage.share,
                figure: Some(owner_models(f, o)),
                // Against a compared period, its change since then (no week's for owners).
                trend: o.usage.events_compared.map(|then| change(o.usage.events, then)),
                daily: &o.usage.daily,
            })
            .collect()
    } else {
        report
            .models
            .iter()
            .filter(|m| m.events > 0)
            .map(|m| Row {
                name: Cow::Borrowed(&m.name),
                events: m.events,
                share: m.share,
                figure: said.modes.then(|| p.fmt.percent(m.verified_share)),
                // Against a compared period, its change since then instead of the week's.
                trend: Some(m.events_compared.map_or(m.events_wow, |then| change(m.events, then))),
                daily: &m.daily,
            })
            .collect()
    };
    let title = match rows.first() {
        Some(top) => {
            let (word, n) = if owners {
                (Word::OwnerLeads, f.decimal_or_undefined(report.effective_owners, 1))
            } else if report.models_active == 1 {
                (Word::OnlyModelUsed, String::new())
            } else {
                (Word::ModelLeads, f.integer(report.models_active))
            };
            f.say(word, &[("name", &top.name), ("share", &f.percent(top.share)), ("unit", unit), ("n", &n)])
        }
        None if owners && report.events > 0 => f.word(Word::NoOwnersNamed).into(),
        None => f.say(Word::NoUnitInWindow, &[("unit", unit)]),
    };
    let (width, height) = p.size();
    // The columns the width has room for: the figure (verified share, or an owner's models;
    // none for a source that names no modes, docs/charts.md#what-a-source-does-not-say) and the
    // daily trend from 560 px; the change while the values leave the bars room.
    let wide = width >= 560.0;
    let has_figure = rows.iter().any(|r| r.figure.is_some());
    let figure_w = if wide && has_figure { 70.0 } else { 0.0 };
    let mut trend_w = if rows.iter().all(|r| r.trend.is_none()) {
        0.0
    } else if wide {
        80.0
    } else {
        70.0
    };
    let spark_w = if wide { 80.0 } else { 0.0 };
    let value = |r: &Row| format!("{} · {}", f.compact(r.events as f64), f.percent(r.share));
    // The widest value needs room after the longest bar (of the rows the height could show).
    // Where the names and that leave the bars too little (under ~310 px), the trend gives way
    // rather than overlap the values (the tooltip keeps it); narrower still, the names do.
    let value_w = rows.iter().take(most).map(|r| p.text_width(&value(r), LABEL_SIZE, false)).fold(0.0, f64::max);
    let bar_right = |trend_w: f64| width - PAD - spark_w - figure_w - trend_w - value_w - 16.0;
    let name_w = (width * 0.26).clamp(80.0, 220.0);
    if bar_right(trend_w) - (PAD + name_w + 8.0) < MIN_BAR {
        trend_w = 0.0;
    }
    let name_w = name_w.min(bar_right(trend_w) - PAD - 8.0 - MIN_BAR).max(48.0);
    let bar_left = PAD + name_w + 8.0;
    let stats_x = width - PAD - spark_w - figure_w - trend_w;
    let bar_right = bar_right(trend_w);
    // The subtitle names the columns drawn, the compared period last: cut short at 320 px it
    // keeps that whole, since a narrow leaderboard has no headers to say what its arrows compare.
    let mut subtitle = f.say(if owners { Word::BusiestOwnersWhat } else { Word::BusiestModelsWhat }, &[("unit", unit)]);
    if figure_w > 0.0 {
        subtitle.push_str(f.word(if owners { Word::AndModelsUsed } else { Word::AndVerifiedShare }));
    }
    let versus = report.compared.as_deref().and_then(|r| r.window);
    if trend_w > 0.0 && versus.is_none() {
        subtitle.push_str(f.word(Word::AndWeekOverWeek));
    }
    if spark_w > 0.0 {
        subtitle.push_str(f.word(Word::AndDailyTrend));
    }
    let end = match versus.filter(|_| trend_w > 0.0) {
        Some(w) => f.say(Word::AndVersus, &[("period", &f.day_range(w.from, w.to))]),
        None => String::new(),
    };
    subtitle.push_str(&end);
    let top = heading_keeping(p, &Heading { title, subtitle }, &end)? + 8.0;
    // The rows that fit, and a footnote for the rows that do not and what the source does
    // not report, whose own height takes a row or two.
    let used = if owners { used_owners().count() } else { report.models_active as usize };
    let fit = |bottom: f64| (((bottom - top) / ROW).floor().max(0.0) as usize).min(rows.len());
    let note = |shown: usize| {
        let hidden = used.saturating_sub(shown);
        let more = if owners {
            Word::MoreOwners.one_or(hidden as u64, Word::MoreOwnersOne)
        } else {
            Word::MoreModelsUsed.one_or(hidden as u64, Word::MoreModelsUsedOne)
        };
        let more = (hidden > 0).then(|| f.say(more, &[("n", &f.integer(hidden as u64))]));
        let lines: Vec<String> = more.into_iter().chain(said.notice(f).filter(|_| !owners)).collect();
        (!lines.is_empty()).then(|| lines.join(" "))
    };
    let mut shown = fit(height - PAD);
    if let Some(text) = note(shown) {
        shown = fit(height - PAD - footnote_height(p, &text));
    }
    if let Some(text) = note(shown) {
        footnote(p, &text)?;
    }
    if wide {
        // The columns' headers, over their left edges.
        let header = |word: Word, x: f64| {
            p.text(f.word(word), x, top - 4.0, LABEL_SIZE, p.theme.muted, false, Anchor::BottomLeft)
        };
        if figure_w > 0.0 {
            header(if owners { Word::Models } else { Word::Verified }, stats_x)?;
        }
        if trend_w > 0.0 {
            header(if report.compared.is_some() { Word::Change } else { Word::Week }, stats_x + figure_w)?;
        }
        header(Word::Daily, width - PAD - spark_w)?;
    }
    let max = rows.first().map_or(1, |r| r.events.max(1)) as f64;
    let mut boxes = Vec::new();
    for (k, r) in rows.iter().take(shown).enumerate() {
        let y = top + k as f64 * ROW;
        let mid = y + ROW / 2.0;
        let name = p.fit(&format!("{}. {}", k + 1, r.name), name_w, 12.0, false);
        p.text(&name, PAD, mid, 12.0, p.theme.text, false, Anchor::MiddleLeft)?;
        let bar_end = bar_left + (bar_right - bar_left).max(0.0) * r.events as f64 / max;
        p.fill_rect(bar_left, mid - 7.0, bar_end.max(bar_left + 1.0), mid + 7.0, p.theme.demand_fill)?;
        p.text(&value(r), bar_end + 6.0, mid, LABEL_SIZE, p.theme.text, false, Anchor::MiddleLeft)?;
        if let Some(figure) = r.figure.as_deref().filter(|_| figure_w > 0.0) {
            p.text(figure, stats_x, mid, LABEL_SIZE, p.theme.muted, false, Anchor::MiddleLeft)?;
        }
        if let Some(wow) = r.trend.filter(|_| trend_w > 0.0) {
            let (arrow, color) = match wow {
                Some(w) if w > 0.0 => ("▲", p.theme.up),
                Some(w) if w < 0.0 => ("▼", p.theme.down),
                _ => ("", p.theme.muted),
            };
            let trend = format!("{arrow} {}", p.fmt.change(wow));
            p.text(trend.trim(), stats_x + figure_w, mid, LABEL_SIZE, color, false, Anchor::MiddleLeft)?;
        }
        if wide {
            let spark = Rect { left: width - PAD - spark_w, top: y + 6.0, right: width - PAD, bottom: y + ROW - 6.0 };
            let series: Vec<Option<f64>> = r.daily.iter().map(|&n| Some(n as f64)).collect();
            sparkline(p, &spark, &series)?;
        }
        boxes.push(Rect { left: PAD, top: y, right: width - PAD, bottom: y + ROW });
    }
    Ok(Drawn { boxes, ..Drawn::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Locale, Theme, ThemeName};
    use crate::dataset::{Dataset, Inputs};
    use crate::metrics::ReportOptions;
    use plotters::prelude::SVGBackend;

    /// The SVG of the leaderboard of `events`, `height` pixels tall.
    fn drawn(events: &str, height: u32) -> String {
        drawn_with(events, height, &ReportOptions::default())
    }

    /// The SVG of the leaderboard of `events` for `options`, `height` pixels tall.
    fn drawn_with(events: &str, height: u32, options: &ReportOptions) -> String {
        let data = Dataset::from_events("e.ndjson", events.as_bytes()).expect("the test's events read");
        drawn_of(&data, height, options, &ChartOptions::default())
    }

    /// The SVG of the leaderboard `chart` of `data` for `options`, `height` pixels tall.
    fn drawn_of(data: &Dataset, height: u32, options: &ReportOptions, chart: &ChartOptions) -> String {
        let report = data.report(options).expect("a report");
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        {
            let p = Painter::new(SVGBackend::with_string(&mut svg, (640, height)), &theme, Locale::default());
            draw(&p, &report, chart).expect("drawn");
            p.present().expect("presented");
        }
        svg
    }

    /// Each `<text>` of `svg`: its x, its y and what it says.
    fn placed_texts(svg: &str) -> Vec<(f64, f64, String)> {
        let attribute = |tag: &str, name: &str| -> Option<f64> {
            tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()?.parse().ok()
        };
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let (tag, rest) = t.split_once('>')?;
                let text = rest.split_once("</text>")?.0.trim().to_owned();
                Some((attribute(tag, "x")?, attribute(tag, "y")?, text))
            })
            .collect()
    }

    #[test]
    fn a_narrow_leaderboard_never_draws_a_value_over_its_trend() {
        let rollups = "day,model,events\n2026-03-01,alpha,9000\n2026-03-02,alpha,12345\n2026-03-02,beta,3300\n";
        let data =
            Dataset::from_bytes(Inputs { rollups: Some(rollups.as_bytes()), ..Inputs::default() }).expect("read");
        let report = data.report(&ReportOptions::default()).expect("a report");
        let theme = Theme::named(ThemeName::Light);
        let mut scratch = String::new();
        let measure = Painter::new(SVGBackend::with_string(&mut scratch, (10, 10)), &theme, Locale::default());
        let mut trends = Vec::new();
        for width in (200..=640).step_by(20) {
            let mut svg = String::new();
            {
                let p = Painter::new(SVGBackend::with_string(&mut svg, (width, 300)), &theme, Locale::default());
                draw(&p, &report, &ChartOptions::default()).expect("drawn");
                p.present().expect("presented");
            }
            let texts = placed_texts(&svg);
            let values: Vec<_> = texts.iter().filter(|(_, _, t)| t.contains(" · ")).collect();
            assert_eq!(values.len(), 2, "{width} px: {texts:?}");
            for (x, y, value) in values {
                let end = x + measure.text_width(value, LABEL_SIZE, false);
                assert!(end <= f64::from(width) - PAD, "{width} px: {value} runs past the edge");
                // The trend, when drawn, is the next text on the value's row.
                if let Some((trend_x, _, trend)) = texts.iter().find(|(tx, ty, _)| ty == y && tx > x) {
                    assert!(end < *trend_x, "{width} px: {value} runs into {trend}");
                    trends.push(width);
                }
            }
        }
        // The trend gives way only where the bars would have no room: from 320 px it is drawn.
        assert_eq!(trends.first(), Some(&320), "{trends:?}");
    }

    #[test]
    fn the_models_that_do_not_fit_are_counted_under_the_rows() {
        let events: String = (0..30)
            .map(|m| format!("{{\"ts\":\"2026-03-02\",\"model\":\"m{m:02}\",\"caller\":\"c\",\"mode\":\"tee\"}}\n"))
            .collect();
        let short = drawn(&events, 300);
        let shown = (0..30).filter(|m| short.contains(&format!(". m{m:02}\n"))).count();
        assert!((3..30).contains(&shown), "{shown} rows fit: {short}");
        assert!(short.contains(&format!("And {} more models used (all in the CSV export).", 30 - shown)), "{short}");
        let tall = drawn(&events, 1200);
        assert!(!tall.contains("more models used"), "every model fits: no footnote");
        // One model more than fit: one, not "1 more models".
        let one_more: String = events.lines().take(shown + 1).map(|l| format!("{l}\n")).collect();
        let svg = drawn(&one_more, 300);
        assert!(svg.contains("And 1 more model used (in the CSV export)."), "{svg}");
    }

    #[test]
    fn against_a_compared_period_each_row_says_its_change_since_then() {
        // Model a: 2 events on 03-02, 3 on 03-04; b: 1, then 1; c: none, then 1.
        let events = ["02 a", "02 a", "02 b", "04 a", "04 a", "04 a", "04 b", "04 c"]
            .map(|e| format!("{{\"ts\":\"2026-03-{}\",\"model\":\"{}\"}}\n", &e[..2], &e[3..]))
            .concat();
        let options =
            ReportOptions { range: Some("2d".into()), compare: Some("previous".into()), ..Default::default() };
        let svg = drawn_with(&events, 400, &options);
        assert!(svg.contains("change against Mar 1 – Mar 2, 2026"), "{svg}");
        let header = |svg: &str, word: &str| svg.lines().any(|l| l == word);
        assert!(header(&svg, "Change") && !header(&svg, "Week"), "the column's header");
        let changes: Vec<&str> =
            svg.lines().filter(|l| l.contains("\u{a0}%") && !l.contains('·') && !l.contains("leads")).collect();
        assert_eq!(changes, ["▲ +50\u{a0}%", "+0\u{a0}%"], "a: 2 then and 3 now, b: 1 and 1; c: none then, no change");
        let weekly = drawn_with(&events, 400, &ReportOptions { compare: None, ..options });
        assert!(header(&weekly, "Week") && !weekly.contains("change against"));
    }

    #[test]
    fn a_narrow_leaderboard_cut_short_keeps_what_its_change_is_against() {
        // a: 1 event then, 2 now (▲); c: none then.
        let events = ["02 a", "04 a", "04 a", "04 c"]
            .map(|e| format!("{{\"ts\":\"2026-03-{}\",\"model\":\"{}\",\"mode\":\"tee\"}}\n", &e[..2], &e[3..]))
            .concat();
        let data = Dataset::from_events("e.ndjson", events.as_bytes()).expect("read");
        let options =
            ReportOptions { range: Some("2d".into()), compare: Some("previous".into()), ..Default::default() };
        let report = data.report(&options).expect("a report");
        let theme = Theme::named(ThemeName::Light);
        for width in [240, 280, 320, 640] {
            let mut svg = String::new();
            {
                let p = Painter::new(SVGBackend::with_string(&mut svg, (width, 400)), &theme, Locale::default());
                draw(&p, &report, &ChartOptions::default()).expect("drawn");
                p.present().expect("presented");
            }
            let said: Vec<&str> = svg.lines().filter(|l| !l.starts_with('<')).collect();
            let said = said.join(" ");
            // The subtitle names the columns drawn: at 240 px the change gives way to the values,
            // and the verified share and daily trend are drawn from 560 px.
            let arrows = said.contains('▲') || said.contains('▼');
            assert_eq!(said.contains("change against Mar 1 – Mar 2, 2026"), width > 240, "{width} px: {said}");
            assert_eq!(arrows, width > 240, "{width} px: {said}");
            assert_eq!(
                said.contains("verified share") && said.contains("daily trend"),
                width >= 560,
                "{width} px: {said}"
            );
        }
    }

    #[test]
    fn against_a_compared_period_each_owner_says_its_change_since_then() {
        // acme's models a and b: 3 events on 03-02, 4 on 03-04; zed's c: none, then 1.
        let events = ["02 a", "02 a", "02 b", "04 a", "04 a", "04 a", "04 b", "04 c"]
            .map(|e| format!("{{\"ts\":\"2026-03-{}\",\"model\":\"{}\"}}\n", &e[..2], &e[3..]))
            .concat();
        let registry = ["a acme", "b acme", "c zed"]
            .map(|m| format!("{{\"model\":\"{}\",\"listed_at\":\"2026-01-01\",\"owner\":\"{}\"}}\n", &m[..1], &m[2..]))
            .concat();
        let inputs =
            Inputs { events: Some(events.as_bytes()), registry: Some(registry.as_bytes()), ..Inputs::default() };
        let data = Dataset::from_bytes(inputs).expect("the test's inputs read");
        let by_owner = ChartOptions { by: By::Owner, ..ChartOptions::default() };
        let svg = |compare: Option<&str>| {
            let options =
                ReportOptions { range: Some("2d".into()), compare: compare.map(Into::into), ..Default::default() };
            drawn_of(&data, 400, &options, &by_owner)
        };
        let versus = svg(Some("previous"));
        let said = versus.contains("change against") && versus.contains("Mar 1 – Mar 2, 2026");
        assert!(said && versus.lines().any(|l| l == "Change"), "{versus}");
        let changes: Vec<&str> = versus.lines().filter(|l| l.starts_with('▲') || l.starts_with('▼')).collect();
        assert_eq!(changes, ["▲ +33\u{a0}%"], "acme: 3 then and 4 now; zed: none then, no change");
        let alone = svg(None);
        assert!(!alone.contains("change against") && !alone.lines().any(|l| l == "Change" || l == "Week"));
    }
}
