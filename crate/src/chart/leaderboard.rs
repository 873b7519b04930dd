//! `leaderboard`: the busiest models, one row each: a bar of events with its share, the
//! verified share, the week-over-week trend and a sparkline of the window.

use super::frame::{footnote, footnote_height, heading, Heading, LABEL_SIZE, PAD};
use super::overview::sparkline;
use super::paint::{Anchor, DrawError, Painter};
use super::said::Said;
use super::transform::Rect;
use super::Drawn;
use crate::report::Report;
use plotters::prelude::DrawingBackend;

const ROW: f64 = 30.0;

pub fn draw<DB: DrawingBackend>(p: &Painter<DB>, report: &Report) -> Result<Drawn, DrawError<DB>> {
    let active = report.models_active;
    let title = match report.models.first().filter(|m| m.events > 0) {
        Some(top) => {
            format!(
                "{} leads with {} of {}; {} models used",
                top.name,
                p.fmt.percent(top.share),
                super::unit(report),
                active
            )
        }
        None => format!("No {} in this window", super::unit(report)),
    };
    // A source that names no modes gets no verified column (docs/charts.md#what-a-source-does-not-say).
    let said = Said::of(report);
    let verified = if said.modes { ", verified share" } else { "" };
    let subtitle =
        format!("Busiest models: {} and share{verified}, week-over-week change, daily trend", super::unit(report));
    let top = heading(p, &Heading { title, subtitle })? + 8.0;
    let (width, height) = p.size();
    // The rows that fit, and a footnote for the models that do not and what the source does
    // not report, whose own height takes a row or two.
    let fit = |bottom: f64| (((bottom - top) / ROW).floor().max(0.0) as usize).min(active as usize);
    let note = |rows: usize| {
        let hidden = (active as usize).saturating_sub(rows);
        let more = (hidden > 0)
            .then(|| format!("And {} more models used (all in the CSV export).", p.fmt.integer(hidden as u64)));
        let lines: Vec<String> = more.into_iter().chain(said.notice()).collect();
        (!lines.is_empty()).then(|| lines.join(" "))
    };
    let mut rows = fit(height - PAD);
    if let Some(text) = note(rows) {
        rows = fit(height - PAD - footnote_height(p, &text));
    }
    if let Some(text) = note(rows) {
        footnote(p, &text)?;
    }
    let wide = width >= 560.0;
    let verified_w = if wide && said.modes { 70.0 } else { 0.0 };
    let name_w = (width * 0.26).clamp(80.0, 220.0);
    let spark_w = if wide { 80.0 } else { 0.0 };
    let stats_w = verified_w + if wide { 80.0 } else { 70.0 };
    let bar_left = PAD + name_w + 8.0;
    let stats_x = width - PAD - spark_w - stats_w;
    let bar_right = stats_x - 84.0; // room for the value after the longest bar
    if wide {
        let header = top - 4.0;
        if verified_w > 0.0 {
            p.text("Verified", stats_x, header, LABEL_SIZE, p.theme.muted, false, Anchor::BottomLeft)?;
        }
        p.text("Week", stats_x + verified_w, header, LABEL_SIZE, p.theme.muted, false, Anchor::BottomLeft)?;
        p.text("Daily", width - PAD - spark_w, header, LABEL_SIZE, p.theme.muted, false, Anchor::BottomLeft)?;
    }
    let max = report.models.first().map_or(1, |m| m.events.max(1)) as f64;
    let mut boxes = Vec::new();
    for (k, m) in report.models.iter().take(rows).enumerate() {
        let y = top + k as f64 * ROW;
        let mid = y + ROW / 2.0;
        let name = p.fit(&format!("{}. {}", k + 1, m.name), name_w, 12.0, false);
        p.text(&name, PAD, mid, 12.0, p.theme.text, false, Anchor::MiddleLeft)?;
        let bar_end = bar_left + (bar_right - bar_left).max(0.0) * m.events as f64 / max;
        p.fill_rect(bar_left, mid - 7.0, bar_end.max(bar_left + 1.0), mid + 7.0, p.theme.demand_fill)?;
        let value = format!("{} · {}", p.fmt.compact(m.events as f64), p.fmt.percent(m.share));
        p.text(&value, bar_end + 6.0, mid, LABEL_SIZE, p.theme.text, false, Anchor::MiddleLeft)?;
        if verified_w > 0.0 {
            p.text(
                &p.fmt.percent(m.verified_share),
                stats_x,
                mid,
                LABEL_SIZE,
                p.theme.muted,
                false,
                Anchor::MiddleLeft,
            )?;
        }
        let (arrow, color) = match m.events_wow {
            Some(w) if w > 0.0 => ("▲", p.theme.up),
            Some(w) if w < 0.0 => ("▼", p.theme.down),
            _ => ("", p.theme.muted),
        };
        let trend = format!("{arrow} {}", p.fmt.change(m.events_wow));
        p.text(trend.trim(), stats_x + verified_w, mid, LABEL_SIZE, color, false, Anchor::MiddleLeft)?;
        if wide {
            let spark = Rect { left: width - PAD - spark_w, top: y + 6.0, right: width - PAD, bottom: y + ROW - 6.0 };
            let series: Vec<Option<f64>> = m.daily.iter().map(|&n| Some(n as f64)).collect();
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
            draw(&p, &report).expect("drawn");
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
