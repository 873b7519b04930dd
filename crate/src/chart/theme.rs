//! Colours, type and spacing: one light and one dark theme, each designed rather than
//! inverted (STYLE.md, visual language).

use plotters::style::RGBColor;

/// Everything a chart needs to know about how it should look.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    /// Subtitles, tick labels, source lines.
    pub muted: RGBColor,
    /// Hairline grid.
    pub grid: RGBColor,
    /// The baseline and axis ticks.
    pub axis: RGBColor,
    /// Demand, as marks that carry volume (bars, areas).
    pub demand_fill: RGBColor,
    /// Demand, as a line or an emphasis.
    pub demand_line: RGBColor,
    /// Supply (listed models), always quiet.
    pub supply: RGBColor,
    /// A second series beside demand (WAU, the equality line's partner).
    pub accent: RGBColor,
    /// Verification modes, in [`Mode::ALL`](crate::mode::Mode::ALL) order: Okabe–Ito
    /// hues, which stay apart for the common colour-vision deficiencies.
    pub modes: [RGBColor; 5],
    /// The parts of a share chart (models, owners, categories), busiest first: Okabe–Ito
    /// hues, as the modes.
    pub parts: [RGBColor; 7],
    /// Good and bad changes (trend arrows).
    pub up: RGBColor,
    pub down: RGBColor,
    /// A CSS font-family list (the canvas) or a registered face (native).
    pub font: String,
}

/// Which of the designed themes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a dark ground.
    Dark,
}

impl ThemeName {
    /// `light` or `dark`, in any case.
    pub fn parse(name: &str) -> Option<ThemeName> {
        match name.trim().to_ascii_lowercase().as_str() {
            "light" => Some(ThemeName::Light),
            "dark" => Some(ThemeName::Dark),
            _ => None,
        }
    }
}

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme::light(),
            ThemeName::Dark => Theme::dark(),
        }
    }

    pub fn light() -> Theme {
        Theme {
            background: RGBColor(0xff, 0xff, 0xff),
            text: RGBColor(0x1b, 0x1e, 0x23),
            muted: RGBColor(0x5f, 0x66, 0x70),
            grid: RGBColor(0xe8, 0xea, 0xed),
            axis: RGBColor(0x9a, 0xa0, 0xa6),
            demand_fill: RGBColor(0x9c, 0xc7, 0xea),
            demand_line: RGBColor(0x0b, 0x4f, 0x8c),
            supply: RGBColor(0xc4, 0xc8, 0xcd),
            accent: RGBColor(0xd5, 0x5e, 0x00),
            modes: [
                RGBColor(0x9a, 0xaa, 0xba),
                RGBColor(0x00, 0x72, 0xb2),
                RGBColor(0xe6, 0x9f, 0x00),
                RGBColor(0xcc, 0x79, 0xa7),
                RGBColor(0xdc, 0xde, 0xe1),
            ],
            parts: [
                RGBColor(0x00, 0x72, 0xb2),
                RGBColor(0xe6, 0x9f, 0x00),
                RGBColor(0x00, 0x9e, 0x73),
                RGBColor(0xd5, 0x5e, 0x00),
                RGBColor(0x56, 0xb4, 0xe9),
                RGBColor(0xcc, 0x79, 0xa7),
                RGBColor(0xf0, 0xe4, 0x42),
            ],
            up: RGBColor(0x00, 0x7a, 0x55),
            down: RGBColor(0xb3, 0x26, 0x1e),
            font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif".into(),
        }
    }

    pub fn dark() -> Theme {
        Theme {
            background: RGBColor(0x17, 0x1a, 0x1f),
            text: RGBColor(0xe8, 0xea, 0xed),
            muted: RGBColor(0xa0, 0xa6, 0xae),
            grid: RGBColor(0x2b, 0x30, 0x38),
            axis: RGBColor(0x5c, 0x63, 0x6c),
            demand_fill: RGBColor(0x2a, 0x5b, 0x8c),
            demand_line: RGBColor(0x9f, 0xd0, 0xff),
            supply: RGBColor(0x4a, 0x50, 0x58),
            accent: RGBColor(0xf0, 0x9a, 0x4a),
            modes: [
                RGBColor(0x6b, 0x7f, 0x93),
                RGBColor(0x56, 0xb4, 0xe9),
                RGBColor(0xf0, 0xb3, 0x3f),
                RGBColor(0xd9, 0x8c, 0xb8),
                RGBColor(0x3c, 0x42, 0x4a),
            ],
            parts: [
                RGBColor(0x56, 0xb4, 0xe9),
                RGBColor(0xf0, 0xb3, 0x3f),
                RGBColor(0x2f, 0xbf, 0x8f),
                RGBColor(0xf0, 0x80, 0x4a),
                RGBColor(0x9f, 0xd0, 0xff),
                RGBColor(0xd9, 0x8c, 0xb8),
                RGBColor(0xf5, 0xe8, 0x6a),
            ],
            up: RGBColor(0x5f, 0xd3, 0xa0),
            down: RGBColor(0xf2, 0x8b, 0x82),
            font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif".into(),
        }
    }
}

impl Theme {
    /// Applies one override from the embedding page (a CSS custom property on the element,
    /// docs/embedding.md): `name` is the property without `--hubpulse-`, `value` a `#rrggbb` colour or
    /// a font-family list. Returns whether it was understood.
    pub fn set(&mut self, name: &str, value: &str) -> bool {
        if name == "font" {
            self.font = value.trim().to_owned();
            return !self.font.is_empty();
        }
        let Some(color) = parse_hex(value) else { return false };
        let slot = match name {
            "background" => &mut self.background,
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "grid" => &mut self.grid,
            "accent" => &mut self.demand_line,
            "accent-fill" => &mut self.demand_fill,
            "supply" => &mut self.supply,
            _ => return false,
        };
        *slot = color;
        true
    }
}

/// `#rrggbb` or `#rgb`.
fn parse_hex(value: &str) -> Option<RGBColor> {
    let hex = value.trim().strip_prefix('#')?;
    let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
    match hex.len() {
        6 => Some(RGBColor(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => Some(RGBColor(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
        _ => None,
    }
}

/// The colour `t` of the way from `a` to `b` (0 = `a`, 1 = `b`): tints and heat-map steps
/// that stay opaque, so every backend draws them alike.
pub fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}
