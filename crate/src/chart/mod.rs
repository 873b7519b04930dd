//! Charts of a [`Report`](crate::Report), drawn with plotters through any
//! `DrawingBackend`: the browser's canvas and, natively, SVG or PNG. Knows nothing of
//! how the report was computed or where the pixels go. Each chart returns a [`Drawn`]:
//! where its marks landed, which is all that hover, brushing and legend clicks need.

pub mod axis;
mod bins;
mod categories;
mod concentration;
mod filtered;
pub mod format;
mod frame;
mod leaderboard;
mod model;
mod overlay;
mod overview;
pub mod paint;
mod retention;
mod said;
mod series;
mod share;
pub mod theme;
mod tooltip;
pub mod transform;
pub mod words;

pub use categories::{label as category_label, rows as category_rows};
pub use filtered::{chips as filter_chips, statement as filter_statement, Chip};
pub use format::Locale;
pub use frame::LegendHit;
pub use leaderboard::owner_name;
pub use model::{figures as model_figures, find as find_model};
pub use overlay::draw_overlay;
pub use paint::{DrawError, Painter};
pub use retention::{cohorts as cohorts_of, noun as cohort_noun};
pub use said::Said;
pub use share::PARTS as SHARE_PARTS;
pub use theme::{Theme, ThemeName};
pub use tooltip::{count as target_count, describe, tooltip, Tooltip};
pub use transform::{PlotTransform, Rect};
pub use words::Word;

use crate::report::Report;
use crate::window::Window;
use plotters::prelude::DrawingBackend;
use serde::Serialize;

/// Which chart a widget shows (docs/charts.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// KPI tiles with sparklines.
    #[default]
    Overview,
    /// Daily events as bars, with the 7-day mean.
    Volume,
    /// Models listed against models active, per day.
    SupplyDemand,
    /// The Lorenz curve of use over models.
    Concentration,
    /// The share of events by mode, per day.
    Verification,
    /// Daily distinct callers, WAU and MAU.
    Callers,
    /// The busiest models, with share, verified share and trend.
    Leaderboard,
    /// Weekly cohorts as a heat map.
    Retention,
    /// One model's card.
    Model,
    /// The share of events over time by model, owner, category or mode, stacked to 100 %.
    Share,
    /// Each category's share of the models listed beside its share of the events.
    Categories,
}

impl ChartKind {
    /// Every chart, in the catalog's order.
    pub const ALL: [ChartKind; 11] = [
        ChartKind::Overview,
        ChartKind::Volume,
        ChartKind::SupplyDemand,
        ChartKind::Concentration,
        ChartKind::Verification,
        ChartKind::Callers,
        ChartKind::Leaderboard,
        ChartKind::Retention,
        ChartKind::Model,
        ChartKind::Share,
        ChartKind::Categories,
    ];

    /// The chart of a `chart="…"` attribute or `--chart` option.
    pub fn parse(name: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.name() == name.trim())
    }

    /// The name a `chart` attribute gives.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Overview => "overview",
            ChartKind::Volume => "volume",
            ChartKind::SupplyDemand => "supply-demand",
            ChartKind::Concentration => "concentration",
            ChartKind::Verification => "verification",
            ChartKind::Callers => "callers",
            ChartKind::Leaderboard => "leaderboard",
            ChartKind::Retention => "retention",
            ChartKind::Model => "model",
            ChartKind::Share => "share",
            ChartKind::Categories => "categories",
        }
    }

    /// Whether x is time, so that dragging across the chart narrows the window.
    pub fn is_time(self) -> bool {
        matches!(
            self,
            ChartKind::Volume
                | ChartKind::SupplyDemand
                | ChartKind::Verification
                | ChartKind::Callers
                | ChartKind::Share
        )
    }
}

/// Whose weekly cohorts the retention chart shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cohort {
    /// Models, by the week of their first event.
    #[default]
    Models,
    /// Callers, by the week of their first call.
    Callers,
}

/// What the `share` chart divides the events by, and what the leaderboard ranks (`by`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum By {
    /// The busiest models, and the rest as one part.
    #[default]
    Model,
    /// The busiest owners (the registry's `owner`).
    Owner,
    /// The busiest categories (the registry's `category`).
    Category,
    /// Verification modes.
    Mode,
}

impl By {
    /// Every grouping, as the `by` attribute names it.
    pub const ALL: [By; 4] = [By::Model, By::Owner, By::Category, By::Mode];

    /// The grouping a `by="…"` attribute or `--by` option names.
    pub fn parse(name: &str) -> Option<By> {
        By::ALL.into_iter().find(|b| b.name() == name.trim())
    }

    /// What it names, in the reader's words: `model`, `owner`, `category`, `mode`.
    pub fn noun(self, f: &Locale) -> &str {
        f.word(match self {
            By::Model => Word::NounModel,
            By::Owner => Word::NounOwner,
            By::Category => Word::NounCategory,
            By::Mode => Word::NounMode,
        })
    }

    /// What it names, in the plural: `models`, `owners`, `categories`, `modes`.
    pub fn plural(self, f: &Locale) -> &str {
        f.word(match self {
            By::Model => Word::NounModels,
            By::Owner => Word::NounOwners,
            By::Category => Word::NounCategories,
            By::Mode => Word::NounModes,
        })
    }

    /// The name a `by` attribute gives.
    pub fn name(self) -> &'static str {
        match self {
            By::Model => "model",
            By::Owner => "owner",
            By::Category => "category",
            By::Mode => "mode",
        }
    }
}

/// How a chart is asked to look, beyond its report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartOptions {
    /// `volume`: bars stacked by verification mode.
    pub stack_by_mode: bool,
    /// `retention`: whose cohorts.
    pub cohort: Cohort,
    /// `model`: the model whose card to draw.
    pub model: Option<String>,
    /// `share`: what the events are divided by; `leaderboard`: models or owners.
    pub by: By,
    /// Series switched off from the legend, by key.
    pub hidden: Vec<String>,
    /// How numbers are written (the `locale` attribute, else the browser's language).
    pub locale: format::Locale,
    /// Whether a filtered chart leaves a band under its heading for the element's chips that
    /// remove the filter's values; a chart drawn to a file has no chips, and no empty band.
    pub chips: bool,
}

impl ChartOptions {
    /// Whether the series `key` is shown (not switched off in the legend).
    pub fn shows(&self, key: &str) -> bool {
        !self.hidden.iter().any(|h| h == key)
    }

    /// Switches a series on or off.
    pub fn toggle(&mut self, key: &str) {
        if self.shows(key) {
            self.hidden.push(key.to_owned());
        } else {
            self.hidden.retain(|h| h != key);
        }
    }
}

/// What a drawing leaves behind for interaction: where its data sits on screen.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Drawn {
    /// Values ↔ pixels of the plot (x = the day's index on time charts).
    pub transform: Option<PlotTransform>,
    pub legend: Vec<LegendHit>,
    /// Boxes a pointer can be over: overview tiles, leaderboard rows, retention cells
    /// (row-major), each with the index the tooltip reads.
    pub boxes: Vec<Rect>,
    /// The days of each bar of a time chart that groups them (weeks, months).
    #[serde(skip)]
    pub bins: Option<bins::Bins>,
    /// Where the element's filter chips go (their top left corner), on a filtered chart.
    pub chips_at: Option<(f64, f64)>,
}

impl Drawn {
    /// The bins of a time chart whose bars are weeks or months; `None` where each bar is a day.
    pub fn grouped(&self) -> Option<&bins::Bins> {
        self.bins.as_ref().filter(|b| !b.daily())
    }
}

/// Draws `kind` of `report` onto `backend`, whose size is the chart's size in CSS pixels.
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    report: &Report,
    kind: ChartKind,
    options: &ChartOptions,
    theme: &Theme,
) -> Result<Drawn, DrawError<DB>> {
    let mut painter = Painter::new(backend, theme, options.locale.clone());
    painter.scope = filtered::statement(&report.input, &options.locale);
    painter.chips = options.chips;
    painter.clear()?;
    let mut drawn = match kind {
        ChartKind::Overview => overview::draw(&painter, report)?,
        ChartKind::Volume => series::volume(&painter, report, options)?,
        ChartKind::SupplyDemand => series::supply_demand(&painter, report, options)?,
        ChartKind::Verification => series::verification(&painter, report, options)?,
        ChartKind::Callers => series::callers(&painter, report, options)?,
        ChartKind::Concentration => concentration::draw(&painter, report)?,
        ChartKind::Leaderboard => leaderboard::draw(&painter, report, options)?,
        ChartKind::Retention => retention::draw(&painter, report, options.cohort)?,
        ChartKind::Model => model::draw(&painter, report, options.model.as_deref())?,
        ChartKind::Share => share::draw(&painter, report, options)?,
        ChartKind::Categories => categories::draw(&painter, report, options)?,
    };
    if let Some(credit) = &report.input.attribution {
        // The source's licence asks for it: under the chart, on every chart.
        let (width, height) = painter.size();
        let text = painter.fit(credit, width - 2.0 * frame::PAD, 10.0, false);
        painter.text(&text, width - frame::PAD, height - 2.0, 10.0, theme.muted, false, paint::Anchor::BottomRight)?;
    }
    painter.present()?;
    drawn.chips_at = painter.chips_at.get();
    Ok(drawn)
}

/// "≈ " before a figure that the input's sketches estimate (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups), else "".
pub fn approx(report: &Report, figure: &str) -> &'static str {
    if report.input.estimates.iter().any(|e| e.figure == figure) {
        "≈ "
    } else {
        ""
    }
}

/// Whether a time axis over `window` names its years: the window crosses a year, or lies in
/// another year than the one the report's data was read in (its first source's
/// `fetched_at`), which is "this year" to whoever reads it then (docs/charts.md#long-windows).
/// Data handed over as bytes has no such time, and only a window across years names them.
pub fn years_named(report: &Report, window: &Window) -> bool {
    let (from, to) = (window.from.ymd().0, window.to.ymd().0);
    let read_in = report.input.sources.first().and_then(|s| s.fetched_at.get(..4)?.parse::<i32>().ok());
    from != to || read_in.is_some_and(|year| year != to)
}

/// What the report counts, plural and lowercase (`inferences`, `runs`, …), in the reader's
/// language; a unit the page named (the `unit` attribute) as the page wrote it.
pub fn unit<'a>(report: &'a Report, f: &'a Locale) -> &'a str {
    counted_unit(report, f, 0)
}

/// The unit for a count of `n`: singular for one ("1 inference in 30 days", a model's card in
/// a hub's long tail); a unit the source names itself stays as it names it.
pub fn counted_unit<'a>(report: &'a Report, f: &'a Locale, n: u64) -> &'a str {
    let (many, one) = match report.input.unit.as_str() {
        "inferences" => (Word::UnitInferences, Word::UnitInference),
        "runs" => (Word::UnitRuns, Word::UnitRun),
        "downloads" => (Word::UnitDownloads, Word::UnitDownload),
        "tokens" => (Word::UnitTokens, Word::UnitToken),
        other => return other,
    };
    f.word(many.one_or(n, one))
}

/// The unit as a label: `Inferences`, `Runs`, …
pub fn unit_label(report: &Report, f: &Locale) -> String {
    capitalized(unit(report, f))
}

/// `word` with its first letter a capital: `Models`, `Inférences`. The alphabets covered are
/// those whose capitals lie at a fixed distance from their small letters (Latin-1, Greek,
/// Cyrillic): Unicode's whole case tables weigh 13 KB of the wasm, and a word that starts
/// with another letter keeps it as written (docs/charts.md#words).
pub fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| std::iter::once(capital(c)).chain(chars).collect())
}

/// The capital of `c`, where it is a small letter of an alphabet [`capitalized`] covers.
fn capital(c: char) -> char {
    let below = match c {
        'a'..='z' | 'à'..='ö' | 'ø'..='þ' | 'α'..='ρ' | 'σ'..='ω' | 'а'..='я' => 32,
        'ѐ'..='џ' => 80,
        _ => 0,
    };
    char::from_u32(u32::from(c) - below).unwrap_or(c)
}

/// A one-sentence summary of what `kind` shows, for the element's accessible name.
pub fn summary(report: &Report, kind: ChartKind, options: &ChartOptions) -> String {
    tooltip::summary(report, kind, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_unicodes_where_covered_and_the_letter_stays_elsewhere() {
        for c in (0..0x500).filter_map(char::from_u32) {
            let capital = capital(c);
            let unicode: Vec<char> = c.to_uppercase().collect();
            if capital != c {
                assert_eq!(unicode, [capital], "{c}");
            }
        }
        let covered = ('a'..='z').chain('à'..='þ').chain('α'..='ω').chain('а'..='џ');
        for c in covered.filter(|c| !matches!(c, '÷' | 'ς')) {
            assert_ne!(capital(c), c, "{c} is covered");
        }
        assert_eq!(capitalized("inférences"), "Inférences");
        assert_eq!(capitalized("ébauches"), "Ébauches");
        assert_eq!(capitalized("запуски"), "Запуски");
        assert_eq!(capitalized("ǆ"), "ǆ");
        assert_eq!(capitalized(""), "");
    }
}
