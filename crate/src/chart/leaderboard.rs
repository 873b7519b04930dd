//! `leaderboard`: the busiest models, one row each: a bar of events with its share, the
//! verified share, the week-over-week trend and a sparkline of the window; or, `by="owner"`,
//! the busiest owners, with their models used and listed in place of the verified share and
//! the trend (docs/charts.md#owners-and-categories).

use super::frame::{footnote, footnote_height, heading, Heading, LABEL_SIZE, PAD};
use super::overview::sparkline;
use super::paint::{Anchor, DrawError, Painter};
use super::said::Said;
use super::transform::Rect;
use super::{By, ChartOptions, Drawn};
use crate::report::{OwnerRow, Report};
use plotters::prelude::DrawingBackend;
use std::borrow::Cow;

const ROW: f64 = 30.0;

/// One row: a model's or an owner's.
struct Row<'r> {
    name: Cow<'r, str>,
    events: u64,
    share: Option<f64>,
    /// The first column after the bar: the verified share, or an owner's models.
    figure: Option<String>,
    /// The week-over-week change, for models.
    trend: Option<Option<f64>>,
    daily: &'r [u64],
}

/// An owner's name as the leaderboard writes it.
pub fn owner_name(row: &OwnerRow) -> &str {
    row.owner.as_deref().unwrap_or("Unknown owner")
}

/// "3 of 5": an owner's models used of those listed.
fn owner_models<DB: DrawingBackend>(p: &Painter<DB>, row: &OwnerRow) -> String {
    format!("{} of {}", p.fmt.integer(row.usage.models_active), p.fmt.integer(row.usage.models_listed))
}

pub fn draw<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let unit = super::unit(report);
    let said = Said::of(report);
    let owners = options.by == By::Owner;
    let rows: Vec<Row> = if owners {
        let known = report.owners.iter().any(|o| o.owner.is_some());
        report
            .owners
            .iter()
            .filter(|o| known && o.usage.events > 0)
            .map(|o| Row {
                name: super::format::short_name(owner_name(o)),
                events: o.usage.events,
                share: o.usage.share,
                figure: Some(owner_models(p, o)),
                trend: None,
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
                trend: Some(m.events_wow),
                daily: &m.daily,
            })
            .collect()
    };
    let title = match rows.first() {
        Some(top) if owners => format!(
            "{} leads with {} of {unit}; {} effective owners",
            top.name,
            p.fmt.percent(top.share),
            p.fmt.decimal_or_undefined(report.effective_owners, 1)
        ),
        Some(top) => format!(
            "{} leads with {} of {unit}; {} models used",
            top.name,
            p.fmt.percent(top.share),
            report.models_active
        ),
        None if owners && report.events > 0 => "The source names no owners".into(),
        None => format!("No {unit} in this window"),
    };
    // A source that names no modes gets no verified column (docs/charts.md#what-a-source-does-not-say).
    let subtitle = if owners {
        format!("Busiest owners: {unit} and share, their models used of those listed, daily trend")
    } else {
        let verified = if said.modes { ", verified share" } else { "" };
        format!("Busiest models: {unit} and share{verified}, week-over-week change, daily trend")
    };
    let top = heading(p, &Heading { title, subtitle })? + 8.0;
    let (width, height) = p.size();
    // The rows that fit, and a footnote for the rows that do not and what the source does
    // not report, whose own height takes a row or two.
    let used = if owners { rows.len() } else { report.models_active as usize };
    let fit = |bottom: f64| (((bottom - top) / ROW).floor().max(0.0) as usize).min(rows.len());
    let note = |shown: usize| {
        let hidden = used.saturating_sub(shown);
        let what = if owners { "owners" } else { "models used" };
        let more =
            (hidden > 0).then(|| format!("And {} more {what} (all in the CSV export).", p.fmt.integer(hidden as u64)));
        let lines: Vec<String> = more.into_iter().chain(said.notice().filter(|_| !owners)).collect();
        (!lines.is_empty()).then(|| lines.join(" "))
    };
    let mut shown = fit(height - PAD);
    if let Some(text) = note(shown) {
        shown = fit(height - PAD - footnote_height(p, &text));
    }
    if let Some(text) = note(shown) {
        footnote(p, &text)?;
    }
    let wide = width >= 560.0;
    let has_figure = rows.iter().any(|r| r.figure.is_some());
    let figure_w = if wide && has_figure { 70.0 } else { 0.0 };
    let trend_w = if owners {
        0.0
    } else if wide {
        80.0
    } else {
        70.0
    };
    let name_w = (width * 0.26).clamp(80.0, 220.0);
    let spark_w = if wide { 80.0 } else { 0.0 };
    let stats_w = figure_w + trend_w;
    let bar_left = PAD + name_w + 8.0;
    let stats_x = width - PAD - spark_w - stats_w;
    let bar_right = stats_x - 84.0; // room for the value after the longest bar
    if wide {
        let header = top - 4.0;
        if figure_w > 0.0 {
            let label = if owners { "Models" } else { "Verified" };
            p.text(label, stats_x, header, LABEL_SIZE, p.theme.muted, false, Anchor::BottomLeft)?;
        }
        if trend_w > 0.0 {
            p.text("Week", stats_x + figure_w, header, LABEL_SIZE, p.theme.muted, false, Anchor::BottomLeft)?;
        }
        p.text("Daily", width - PAD - spark_w, header, LABEL_SIZE, p.theme.muted, false, Anchor::BottomLeft)?;
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
        let value = format!("{} · {}", p.fmt.compact(r.events as f64), p.fmt.percent(r.share));
        p.text(&value, bar_end + 6.0, mid, LABEL_SIZE, p.theme.text, false, Anchor::MiddleLeft)?;
        if let Some(figure) = r.figure.as_deref().filter(|_| figure_w > 0.0) {
            p.text(figure, stats_x, mid, LABEL_SIZE, p.theme.muted, false, Anchor::MiddleLeft)?;
        }
        if let Some(wow) = r.trend {
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
    use crate::chart::{Numbers, Theme, ThemeName};
    use crate::dataset::Dataset;
    use crate::metrics::ReportOptions;
    use plotters::prelude::SVGBackend;

    /// The SVG of the leaderboard of `events`, `height` pixels tall.
    fn drawn(events: &str, height: u32) -> String {
        let data = Dataset::from_events("e.ndjson", events.as_bytes()).expect("the test's events read");
        let report = data.report(&ReportOptions::default()).expect("a report");
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        {
            let p = Painter::new(SVGBackend::with_string(&mut svg, (640, height)), &theme, Numbers::default());
            draw(&p, &report, &ChartOptions::default()).expect("drawn");
            p.present().expect("presented");
        }
        svg
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
    }
}
