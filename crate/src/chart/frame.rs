//! The frame every time chart shares: title and subtitle, value grid with labels, day
//! labels along the bottom, and the transform that places marks inside it.

use super::axis::{day_ticks, nice_ticks};
use super::format;
use super::paint::{Anchor, DrawError, Painter};
use super::transform::{PlotTransform, Rect};
use crate::metrics::Window;
use plotters::prelude::DrawingBackend;

/// Outer padding in CSS pixels.
pub const PAD: f64 = 16.0;
pub const TITLE_SIZE: f64 = 15.0;
pub const SUBTITLE_SIZE: f64 = 12.0;
pub const LABEL_SIZE: f64 = 11.0;

/// A title that states the finding and a subtitle that says what is counted.
pub struct Heading {
    pub title: String,
    pub subtitle: String,
}

/// Draws the heading and returns the y where the plot may start.
pub fn heading<DB: DrawingBackend>(p: &Painter<DB>, heading: &Heading) -> Result<f64, DrawError<DB>> {
    let room = p.size().0 - 2.0 * PAD;
    let title = p.fit(&heading.title, room, TITLE_SIZE, true);
    p.text(&title, PAD, PAD, TITLE_SIZE, p.theme.text, true, Anchor::TopLeft)?;
    let subtitle = p.fit(&heading.subtitle, room, SUBTITLE_SIZE, false);
    p.text(&subtitle, PAD, PAD + 22.0, SUBTITLE_SIZE, p.theme.muted, false, Anchor::TopLeft)?;
    Ok(PAD + 50.0)
}

/// Draws a time chart's frame over `window` with values from 0 to `y_max`, and returns
/// the transform for its marks (x is the day's index in the window).
pub fn time_frame<DB: DrawingBackend>(
    p: &Painter<DB>,
    head: &Heading,
    window: &Window,
    y_max: f64,
) -> Result<PlotTransform, DrawError<DB>> {
    let top = heading(p, head)?;
    let (width, height) = p.size();
    let ticks = nice_ticks(0.0, y_max.max(1.0), ((height - top) / 60.0).clamp(2.0, 6.0) as usize);
    let labels: Vec<String> = ticks.iter().map(|&t| format::compact(t)).collect();
    let label_width = labels.iter().map(|l| p.text_width(l, LABEL_SIZE, false)).fold(0.0, f64::max);
    let plot = Rect { left: PAD + label_width + 8.0, top: top + 6.0, right: width - PAD, bottom: height - PAD - 16.0 };
    let t = PlotTransform {
        plot,
        x_min: -0.5,
        x_max: f64::from(window.days) - 0.5,
        y_min: 0.0,
        y_max: ticks.last().copied().unwrap_or(1.0),
    };
    for (&tick, label) in ticks.iter().zip(&labels) {
        let y = t.y_px(tick);
        let color = if tick == 0.0 { p.theme.axis } else { p.theme.grid };
        p.line(&[(plot.left, y), (plot.right, y)], color, 1)?;
        p.text(label, plot.left - 6.0, y, LABEL_SIZE, p.theme.muted, false, Anchor::MiddleRight)?;
    }
    let min_gap_days = 56.0 / t.x_scale();
    for day in day_ticks(window.from, window.to, min_gap_days) {
        let x = t.x_px(f64::from(day.0 - window.from.0));
        p.line(&[(x, plot.bottom), (x, plot.bottom + 4.0)], p.theme.axis, 1)?;
        p.text(&format::day_short(day), x, plot.bottom + 6.0, LABEL_SIZE, p.theme.muted, false, Anchor::TopCenter)?;
    }
    Ok(t)
}

/// A chart that has nothing to show says so in its middle, in words.
pub fn empty_state<DB: DrawingBackend>(p: &Painter<DB>, head: &Heading, message: &str) -> Result<(), DrawError<DB>> {
    heading(p, head)?;
    let (w, h) = p.size();
    p.text(message, w / 2.0, h / 2.0 + 16.0, 13.0, p.theme.muted, false, Anchor::Center)
}
