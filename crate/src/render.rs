//! Charts to files, natively (`hubpulse render`, golden-image tests): the same drawing
//! code as the widget, through plotters' SVG and bitmap backends, with text in the
//! Liberation Sans kept in `crate/assets/fonts` (SIL OFL 1.1) so that every machine draws
//! the same pixels.

use crate::chart::{self, ChartKind, ChartOptions, Theme, ThemeName};
use crate::report::Report;
use plotters::prelude::{BitMapBackend, SVGBackend};
use plotters::style::FontStyle;
use std::sync::Once;

/// The family name the font is registered under.
const FAMILY: &str = "hubpulse-sans";

fn register_fonts() {
    static FONTS: Once = Once::new();
    FONTS.call_once(|| {
        let regular: &'static [u8] = include_bytes!("../assets/fonts/LiberationSans-Regular.ttf");
        let bold: &'static [u8] = include_bytes!("../assets/fonts/LiberationSans-Bold.ttf");
        // Registering a valid bundled font cannot fail; if it somehow did, text would
        // fall back to nothing rather than abort the render.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, regular);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, bold);
    });
}

/// The theme with the bundled font.
fn theme(name: ThemeName) -> Theme {
    register_fonts();
    Theme { font: FAMILY.into(), ..Theme::named(name) }
}

/// A chart to draw to a file or to pixels: what, how, and how large, in pixels.
pub struct Render<'a> {
    /// The report to draw.
    pub report: &'a Report,
    /// Which chart.
    pub kind: ChartKind,
    /// How it looks.
    pub options: &'a ChartOptions,
    /// Light or dark.
    pub theme: ThemeName,
    /// Size in pixels.
    pub width: u32,
    /// See `width`.
    pub height: u32,
}

impl Render<'_> {
    /// The chart as an SVG document.
    pub fn svg(&self) -> Result<String, String> {
        svg(self)
    }

    /// The chart as RGB pixels, row by row.
    pub fn rgb(&self) -> Result<Vec<u8>, String> {
        rgb(self)
    }

    /// Writes the chart to `path`: SVG or PNG by its extension.
    pub fn to_file(&self, path: &std::path::Path) -> Result<(), String> {
        to_file(self, path)
    }
}

fn svg(r: &Render) -> Result<String, String> {
    let mut out = String::new();
    {
        let backend = SVGBackend::with_string(&mut out, (r.width, r.height));
        chart::draw(backend, r.report, r.kind, r.options, &theme(r.theme)).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn rgb(r: &Render) -> Result<Vec<u8>, String> {
    let mut pixels = vec![0u8; r.width as usize * r.height as usize * 3];
    {
        let backend = BitMapBackend::with_buffer(&mut pixels, (r.width, r.height));
        chart::draw(backend, r.report, r.kind, r.options, &theme(r.theme)).map_err(|e| e.to_string())?;
    }
    Ok(pixels)
}

fn to_file(r: &Render, path: &std::path::Path) -> Result<(), String> {
    let name = path.display();
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("svg") => std::fs::write(path, svg(r)?).map_err(|e| format!("{name}: {e}")),
        Some("png") => {
            let backend = BitMapBackend::new(path, (r.width, r.height));
            chart::draw(backend, r.report, r.kind, r.options, &theme(r.theme)).map_err(|e| format!("{name}: {e}"))?;
            Ok(())
        }
        _ => Err(format!("{name}: the output must end in .svg or .png")),
    }
}
