//! Charts of a [`Report`](crate::Report), drawn with plotters through any
//! `DrawingBackend`: the browser's canvas and, natively, SVG or PNG. Knows nothing of
//! how the report was computed or where the pixels go.

pub mod axis;
pub mod format;
mod frame;
pub mod paint;
pub mod theme;
pub mod transform;
mod volume;

pub use paint::{DrawError, Painter};
pub use theme::{Theme, ThemeName};
pub use transform::{PlotTransform, Rect};

use crate::report::Report;
use plotters::prelude::DrawingBackend;

/// Which chart a widget shows (SPEC §3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartKind {
    #[default]
    Volume,
}

impl ChartKind {
    /// The chart of a `chart="…"` attribute or `--chart` option.
    pub fn parse(name: &str) -> Option<ChartKind> {
        match name.trim() {
            "volume" => Some(ChartKind::Volume),
            _ => None,
        }
    }
}

/// What a drawing leaves behind for interaction: where its data sits on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Drawn {
    pub transform: Option<PlotTransform>,
}

/// Draws `kind` of `report` onto `backend`, whose size is the chart's size in CSS pixels.
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    report: &Report,
    kind: ChartKind,
    theme: &Theme,
) -> Result<Drawn, DrawError<DB>> {
    let painter = Painter::new(backend, theme);
    painter.clear()?;
    let drawn = match kind {
        ChartKind::Volume => volume::draw(&painter, report)?,
    };
    painter.present()?;
    Ok(drawn)
}
