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
    /// A CSS font-family list (the canvas) or a registered face (native).
    pub font: String,
}

/// Which of the designed themes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}

impl ThemeName {
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
            font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif".into(),
        }
    }
}
