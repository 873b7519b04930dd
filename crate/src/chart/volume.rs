//! `volume`: daily inferences as bars with the 7-day mean as a line (SPEC §3).

use super::format;
use super::frame::{empty_state, time_frame, Heading};
use super::paint::{DrawError, Painter};
use super::Drawn;
use crate::report::Report;
use plotters::prelude::DrawingBackend;

pub fn draw<DB: DrawingBackend>(p: &Painter<DB>, report: &Report) -> Result<Drawn, DrawError<DB>> {
    let Some(window) = report.window.filter(|_| report.events > 0) else {
        let head = Heading { title: "No inferences in this window".into(), subtitle: subtitle(report) };
        empty_state(p, &head, "No events in this window")?;
        return Ok(Drawn::default());
    };
    let days = if window.days == 1 { "1 day".to_owned() } else { format!("{} days", window.days) };
    let mut title = format!("{} inferences in {days}", format::integer(report.events));
    if report.events_wow.is_some() {
        title.push_str(&format!(", {} week over week", format::change(report.events_wow)));
    }
    let head = Heading { title, subtitle: subtitle(report) };
    let daily = &report.daily;
    let y_max = daily.events.iter().copied().max().unwrap_or(0) as f64;
    let t = time_frame(p, &head, &window, y_max)?;
    let bar = (t.x_scale() * 0.72).max(1.0);
    for (i, &n) in daily.events.iter().enumerate() {
        if n > 0 {
            let x = t.x_px(i as f64);
            p.fill_rect(x - bar / 2.0, t.y_px(n as f64), x + bar / 2.0, t.y_px(0.0), p.theme.demand_fill)?;
        }
    }
    let mean: Vec<(f64, f64)> =
        daily.events_ma7.iter().enumerate().map(|(i, &m)| (t.x_px(i as f64), t.y_px(m))).collect();
    p.line(&mean, p.theme.demand_line, 2)?;
    Ok(Drawn { transform: Some(t) })
}

fn subtitle(report: &Report) -> String {
    match report.window {
        Some(w) => format!(
            "Inferences per UTC day (bars) and their 7-day mean (line), {} – {}",
            format::day_long(w.from),
            format::day_long(w.to)
        ),
        None => "Inferences per UTC day".into(),
    }
}
