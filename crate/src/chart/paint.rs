//! A thin brush over a plotters drawing area: text, rectangles and lines in CSS pixels,
//! in the theme's type. Every chart draws through it, so every backend (canvas, SVG,
//! PNG) gets the same marks.

use super::format::Locale;
use super::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::Cell;

/// The error of a drawing on backend `DB`.
pub type DrawError<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

/// Where a text's anchor point sits on the text.
#[derive(Clone, Copy, Debug)]
pub enum Anchor {
    TopLeft,
    TopCenter,
    TopRight,
    MiddleLeft,
    MiddleRight,
    Center,
    BottomLeft,
    BottomRight,
}

impl Anchor {
    fn pos(self) -> Pos {
        let (h, v) = match self {
            Anchor::TopLeft => (HPos::Left, VPos::Top),
            Anchor::TopCenter => (HPos::Center, VPos::Top),
            Anchor::TopRight => (HPos::Right, VPos::Top),
            Anchor::MiddleLeft => (HPos::Left, VPos::Center),
            Anchor::MiddleRight => (HPos::Right, VPos::Center),
            Anchor::Center => (HPos::Center, VPos::Center),
            Anchor::BottomLeft => (HPos::Left, VPos::Bottom),
            Anchor::BottomRight => (HPos::Right, VPos::Bottom),
        };
        Pos::new(h, v)
    }
}

/// A drawing area with the theme that styles it and the locale its numbers are written in.
pub struct Painter<'t, DB: DrawingBackend> {
    pub area: DrawingArea<DB, Shift>,
    pub theme: &'t Theme,
    pub fmt: Locale,
    /// The part of the use drawn, when it is not all of it (a filter's statement): said
    /// before every subtitle, so that no chart of part of the use reads as the whole.
    pub scope: Option<String>,
    /// Whether the heading of a chart with a `scope` leaves a band for the element's chips.
    pub chips: bool,
    /// Where the heading left that band (the chips' top left corner).
    pub chips_at: Cell<Option<(f64, f64)>>,
}

impl<'t, DB: DrawingBackend> Painter<'t, DB> {
    pub fn new(backend: DB, theme: &'t Theme, fmt: Locale) -> Self {
        Painter { area: backend.into_drawing_area(), theme, fmt, scope: None, chips: false, chips_at: Cell::new(None) }
    }

    /// Width and height in CSS pixels.
    pub fn size(&self) -> (f64, f64) {
        let (w, h) = self.area.dim_in_pixel();
        (f64::from(w), f64::from(h))
    }

    pub fn clear(&self) -> Result<(), DrawError<DB>> {
        self.area.fill(&self.theme.background)
    }

    fn style(&self, size: f64, color: RGBColor, bold: bool, anchor: Anchor) -> TextStyle<'t> {
        let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
        TextStyle {
            font: (FontFamily::Name(&self.theme.font), size, style).into_font(),
            color: color.to_backend_color(),
            pos: anchor.pos(),
        }
    }

    /// Draws `text` with its `anchor` at `(x, y)`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &self,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        color: RGBColor,
        bold: bool,
        anchor: Anchor,
    ) -> Result<(), DrawError<DB>> {
        let style = self.style(size, color, bold, anchor);
        let text = crate::text::visible(text);
        self.area.draw(&Text::new(text.as_ref(), (x.round() as i32, y.round() as i32), style))
    }

    /// `text`, cut short with "…" where it would be wider than `max_width` pixels.
    pub fn fit(&self, text: &str, max_width: f64, size: f64, bold: bool) -> String {
        // Measured as it will be drawn: hidden characters as their escapes.
        let text = &*crate::text::visible(text);
        if self.text_width(text, size, bold) <= max_width {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        // The longest prefix that fits, found by bisection (each probe measures once).
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().chain(['…'].iter()).collect();
            if self.text_width(&candidate, size, bold) <= max_width {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let kept: String = chars[..lo].iter().collect();
        // A name already shortened ("0xaf28…db38") may be cut just after its own "…".
        format!("{}…", kept.trim_end().trim_end_matches('…'))
    }

    /// `text` cut short with "…" between words where it would be wider than `max_width`
    /// pixels, its last word never a figure ("Sep 30…" of "Sep 30 – Oct 29" reads as a
    /// whole span; a word with letters, "7-day", is no figure); where no word fits, cut as
    /// [`Painter::fit`] cuts.
    pub fn fit_words(&self, text: &str, max_width: f64, size: f64, bold: bool) -> String {
        let text = &*crate::text::visible(text);
        if self.text_width(text, size, bold) <= max_width {
            return text.to_owned();
        }
        let mut words: Vec<&str> = text.split(' ').collect();
        while words.len() > 1 {
            words.pop();
            let figure = words.last().is_some_and(|w| {
                w.starts_with(|c: char| c.is_ascii_digit()) && !w.bytes().any(|b| b.is_ascii_alphabetic())
            });
            let cut = format!("{}…", words.join(" ").trim_end_matches(','));
            if !figure && self.text_width(&cut, size, bold) <= max_width {
                return cut;
            }
        }
        self.fit(text, max_width, size, bold)
    }

    /// `text` broken between words into lines at most `max_width` pixels wide (a word wider
    /// than that alone is cut short with "…"): messages wrap at narrow widths, never run off.
    /// Only a plain space breaks: the no-break spaces in "+2 %" and "58 240" (French digit
    /// groups) hold a figure together.
    pub fn wrap(&self, text: &str, max_width: f64, size: f64, bold: bool) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split([' ', '\n']).filter(|word| !word.is_empty()) {
            let longer = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if line.is_empty() || self.text_width(&longer, size, bold) <= max_width {
                line = longer;
            } else {
                lines.push(self.fit(&line, max_width, size, bold));
                line = word.to_owned();
            }
        }
        if !line.is_empty() {
            lines.push(self.fit(&line, max_width, size, bold));
        }
        lines
    }

    /// The width of `text` in pixels, as the backend will draw it.
    pub fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let style = self.style(size, self.theme.text, bold, Anchor::TopLeft);
        self.area.estimate_text_size(text, &style).map_or(text.len() as f64 * size * 0.55, |(w, _)| f64::from(w))
    }

    pub fn fill_rect(
        &self,
        left: f64,
        top: f64,
        right: f64,
        bottom: f64,
        color: RGBColor,
    ) -> Result<(), DrawError<DB>> {
        let corners = [(left.round() as i32, top.round() as i32), (right.round() as i32, bottom.round() as i32)];
        self.area.draw(&Rectangle::new(corners, color.filled()))
    }

    /// A polyline through `points`, `width` pixels wide.
    pub fn line(&self, points: &[(f64, f64)], color: RGBColor, width: u32) -> Result<(), DrawError<DB>> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (x.round() as i32, y.round() as i32)).collect();
        self.area.draw(&PathElement::new(points, color.stroke_width(width)))
    }

    /// A filled polygon through `points` (areas under a curve).
    pub fn polygon(&self, points: &[(f64, f64)], color: RGBColor) -> Result<(), DrawError<DB>> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (x.round() as i32, y.round() as i32)).collect();
        self.area.draw(&Polygon::new(points, color.filled()))
    }

    pub fn present(&self) -> Result<(), DrawError<DB>> {
        self.area.present()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Locale, Theme, ThemeName};
    use plotters::prelude::SVGBackend;

    #[test]
    fn a_cut_falls_between_words_and_never_in_a_figure_and_a_lone_word_keeps_its_start() {
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        let p = Painter::new(SVGBackend::with_string(&mut svg, (320, 100)), &theme, Locale::default());
        let text = "Share of each week's inferences by category, 181 days";
        let room = p.text_width("Share of each week's inferences by category, 18", 11.0, false);
        assert_eq!(p.fit_words(text, room, 11.0, false), "Share of each week's inferences by category…");
        assert_eq!(p.fit_words(text, 1000.0, 11.0, false), text, "what fits is whole, with no …");
        let mean = "7-day mean (line)";
        let room = p.text_width("7-day mea…", 11.0, false);
        assert_eq!(p.fit_words(mean, room, 11.0, false), "7-day…", "a word of digits and letters is a word");
        let name = p.fit_words("og/ml-0254-a-long-model-name", 60.0, 11.0, false);
        assert!(name.starts_with("og/") && name.ends_with('…'), "{name}");
        let short = "0xaf28…db38";
        let room = p.text_width("0xaf28……", 11.0, false);
        assert_eq!(p.fit(short, room, 11.0, false), "0xaf28…", "one … where a shortened name is cut after its own");
        let hidden = p.fit_words("a\u{202e}b", 1000.0, 11.0, false);
        assert_eq!(hidden, crate::text::visible("a\u{202e}b"), "measured and given back as drawn");
    }

    #[test]
    fn a_wrapped_line_never_splits_a_figure_from_its_unit_or_its_digit_groups() {
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        let p = Painter::new(SVGBackend::with_string(&mut svg, (320, 100)), &theme, Locale::default());
        let (en, fr) = (Locale::default(), Locale::for_locale("fr"));
        let text = format!("58,240 inferences, {} week over week", en.change(Some(0.02)));
        let french = format!("{} inférences en 1100 jours", fr.integer(58_240));
        for room in (60..=400).step_by(5).map(f64::from) {
            let lines = p.wrap(&text, room, 13.0, true);
            assert!(lines.iter().all(|l| !l.starts_with('%')), "{room} px: {lines:?}");
            let lines = p.wrap(&french, room, 13.0, true);
            assert!(lines.iter().all(|l| !l.starts_with("240")), "{room} px: {lines:?}");
        }
    }
}
