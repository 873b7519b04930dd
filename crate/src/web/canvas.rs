//! plotters-canvas, made sharp and CSP-safe.
//!
//! plotters-canvas draws in backing-store pixels and measures text by adding a styled
//! `<span>` to the page (plotters' web font code), which a strict CSP forbids and which
//! forces a layout per label. `HiDpiCanvas` wraps it: the backing store is the CSS size ×
//! `devicePixelRatio`, the context is scaled once, the charts draw in CSS pixels, and
//! text is measured with the canvas' own `measureText`.

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas of `width × height` CSS pixels drawn at `dpr` device pixels per CSS pixel.
pub struct HiDpiCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    size: (u32, u32),
}

impl HiDpiCanvas {
    /// Sizes `canvas`' backing store for `dpr` and scales its context; `None` when the
    /// canvas has no 2D context.
    pub fn new(canvas: &HtmlCanvasElement, css_width: u32, css_height: u32, dpr: f64) -> Option<HiDpiCanvas> {
        let dpr = if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 };
        let (w, h) = ((f64::from(css_width) * dpr).round() as u32, (f64::from(css_height) * dpr).round() as u32);
        if canvas.width() != w || canvas.height() != h {
            canvas.set_width(w);
            canvas.set_height(h);
        }
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(HiDpiCanvas { inner, context, size: (css_width, css_height) })
    }
}

impl HiDpiCanvas {
    /// Makes the whole canvas transparent (the overlay, before each frame).
    pub fn clear(&self) {
        let (w, h) = self.size;
        self.context.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    }

    /// plotters-canvas never sets `lineWidth` (plotters #235): set it from the style.
    fn line_width<S: BackendStyle>(&self, style: &S) {
        self.context.set_line_width(f64::from(style.stroke_width().max(1)));
    }
}

/// plotters-canvas does not export its error type; name it through the trait.
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Result<T = ()> = std::result::Result<T, DrawingErrorKind<CanvasError>>;

impl DrawingBackend for HiDpiCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        self.line_width(style);
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result {
        self.context.set_line_join("round");
        self.line_width(style);
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        self.context.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let width = self.context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
}
