//! The frame every time chart shares: title and subtitle, value grid with labels, day
//! labels along the bottom, and the transform that places marks inside it.

use super::axis::{day_ticks, nice_ticks};
use super::paint::{Anchor, DrawError, Painter};
use super::transform::{PlotTransform, Rect};
use crate::window::Window;
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
    // The widget's export button sits in the top right corner: keep the title clear of it.
    let room = p.size().0 - 2.0 * PAD - 28.0;
    let title = p.fit(&heading.title, room, TITLE_SIZE, true);
    p.text(&title, PAD, PAD, TITLE_SIZE, p.theme.text, true, Anchor::TopLeft)?;
    let subtitle = p.fit(&heading.subtitle, room, SUBTITLE_SIZE, false);
    p.text(&subtitle, PAD, PAD + 22.0, SUBTITLE_SIZE, p.theme.muted, false, Anchor::TopLeft)?;
    Ok(PAD + 50.0)
}

/// How a time chart's values read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Counts from 0: 1.2 K, 3.4 M.
    Count,
    /// Shares from 0 to 100 %.
    Share,
}

/// What a time chart's frame shows around its marks.
pub struct TimeFrame<'a> {
    pub head: Heading,
    pub window: Window,
    /// The largest value to fit (ignored for [`Scale::Share`]).
    pub y_max: f64,
    pub scale: Scale,
    pub legend: &'a [LegendItem],
}

/// Draws a time chart's frame (heading, legend, value grid, day labels) and returns the
/// transform for its marks (x is the day's index in the window) and the legend's places.
pub fn time_frame<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &TimeFrame,
) -> Result<(PlotTransform, Vec<LegendHit>), DrawError<DB>> {
    let mut top = heading(p, &frame.head)?;
    let legend_hits = if frame.legend.is_empty() {
        Vec::new()
    } else {
        let hits = legend(p, frame.legend, top + 2.0)?;
        top += 18.0;
        hits
    };
    let (width, height) = p.size();
    let ticks = match frame.scale {
        Scale::Count => nice_ticks(0.0, frame.y_max.max(1.0), ((height - top) / 60.0).clamp(2.0, 6.0) as usize),
        Scale::Share => vec![0.0, 0.25, 0.5, 0.75, 1.0],
    };
    let labels: Vec<String> = ticks
        .iter()
        .map(|&t| if frame.scale == Scale::Share { p.fmt.percent(Some(t)) } else { p.fmt.compact(t) })
        .collect();
    let label_width = labels.iter().map(|l| p.text_width(l, LABEL_SIZE, false)).fold(0.0, f64::max);
    let plot = Rect { left: PAD + label_width + 8.0, top: top + 6.0, right: width - PAD, bottom: height - PAD - 16.0 };
    let window = frame.window;
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
    let years = window.from.ymd().0 != window.to.ymd().0;
    for day in day_ticks(window.from, window.to, min_gap_days) {
        let x = t.x_px(f64::from(day.0 - window.from.0));
        p.line(&[(x, plot.bottom), (x, plot.bottom + 4.0)], p.theme.axis, 1)?;
        p.text(&p.fmt.day_tick(day, years), x, plot.bottom + 6.0, LABEL_SIZE, p.theme.muted, false, Anchor::TopCenter)?;
    }
    Ok((t, legend_hits))
}

/// A chart that has nothing to show says so in its middle, in words.
pub fn empty_state<DB: DrawingBackend>(p: &Painter<DB>, head: &Heading, message: &str) -> Result<(), DrawError<DB>> {
    heading(p, head)?;
    let (w, h) = p.size();
    p.text(message, w / 2.0, h / 2.0 + 16.0, 13.0, p.theme.muted, false, Anchor::Center)
}

/// One entry of a legend: a swatch, a label, and whether its series is shown.
pub struct LegendItem {
    /// The key the widget toggles (`tee`, `wau`, …).
    pub key: &'static str,
    pub label: String,
    pub color: plotters::style::RGBColor,
    pub shown: bool,
}

/// A legend entry's place on screen, for clicks.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LegendHit {
    pub key: &'static str,
    pub rect: Rect,
}

/// Draws `items` in a row from the right edge at `y` (wrapping leftwards is not needed at
/// five entries; narrow widths drop the labels but keep the swatches), and returns where
/// each entry landed. Hidden series are drawn hollow and muted.
pub fn legend<DB: DrawingBackend>(
    p: &Painter<DB>,
    items: &[LegendItem],
    y: f64,
) -> Result<Vec<LegendHit>, DrawError<DB>> {
    let (width, _) = p.size();
    let widths: Vec<f64> = items.iter().map(|i| p.text_width(&i.label, LABEL_SIZE, false)).collect();
    let full: f64 = widths.iter().map(|w| w + 26.0).sum();
    let labels = full <= width * 0.6;
    let mut x = width - PAD;
    let mut hits = Vec::new();
    for (item, w) in items.iter().zip(&widths).rev() {
        let entry = if labels { w + 26.0 } else { 18.0 };
        x -= entry;
        let swatch = Rect { left: x, top: y - 5.0, right: x + 10.0, bottom: y + 5.0 };
        if item.shown {
            p.fill_rect(swatch.left, swatch.top, swatch.right, swatch.bottom, item.color)?;
        } else {
            let (l, t, r, b) = (swatch.left, swatch.top, swatch.right, swatch.bottom);
            p.line(&[(l, t), (r, t), (r, b), (l, b), (l, t)], item.color, 1)?;
        }
        if labels {
            let color = if item.shown { p.theme.text } else { p.theme.muted };
            p.text(&item.label, x + 14.0, y, LABEL_SIZE, color, false, Anchor::MiddleLeft)?;
        }
        hits.push(LegendHit {
            key: item.key,
            rect: Rect { left: x - 2.0, top: y - 9.0, right: x + entry - 6.0, bottom: y + 9.0 },
        });
    }
    hits.reverse();
    Ok(hits)
}
