//! The interaction layer, drawn on a transparent canvas above the chart so that hovering
//! and brushing never redraw the chart itself: a crosshair at the hovered day and the
//! span being brushed.

use super::format::Locale;
use super::paint::{DrawError, Painter};
use super::theme::Theme;
use super::Drawn;
use plotters::prelude::*;

/// Draws the crosshair at `x` and the brush from `brush.0` to `brush.1` (CSS pixels) over
/// the plot of `drawn`. The caller clears the overlay first (plotters cannot clear to
/// transparent).
pub fn draw_overlay<DB: DrawingBackend>(
    backend: DB,
    theme: &Theme,
    drawn: &Drawn,
    crosshair: Option<f64>,
    brush: Option<(f64, f64)>,
) -> Result<(), DrawError<DB>> {
    let Some(t) = drawn.transform else { return Ok(()) };
    let p = Painter::new(backend, theme, Locale::default()); // draws no numbers
    let plot = t.plot;
    if let Some((a, b)) = brush {
        let (left, right) = (a.min(b).max(plot.left), a.max(b).min(plot.right));
        let corners =
            [(left.round() as i32, plot.top.round() as i32), (right.round() as i32, plot.bottom.round() as i32)];
        p.area.draw(&Rectangle::new(corners, theme.demand_line.mix(0.14).filled()))?;
        p.line(&[(left, plot.top), (left, plot.bottom)], theme.demand_line, 1)?;
        p.line(&[(right, plot.top), (right, plot.bottom)], theme.demand_line, 1)?;
    }
    if let Some(x) = crosshair.filter(|x| (plot.left..=plot.right).contains(x)) {
        p.line(&[(x, plot.top), (x, plot.bottom)], theme.muted, 1)?;
    }
    p.present()
}
