//! One chart of one report, as the element shows it: drawn through any plotters backend,
//! with what its marks left behind (where they landed) kept, so that hovering, stepping
//! with the keys, brushing and legend clicks are answered from the report without
//! recomputing or redrawing it. The browser gives it canvases; tests give it bitmaps.

use crate::chart::{self, By, ChartKind, ChartOptions, Chip, DrawError, Drawn, Theme, Tooltip, Word};
use crate::day::Day;
use crate::mode::Mode;
use crate::problems::Severity;
use crate::report::{Filter, Report};
use crate::text::visible;
use plotters::prelude::DrawingBackend;
use serde::Serialize;

/// A brush narrower than this many CSS pixels is a click, not a selection.
const LEAST_BRUSH: f64 = 6.0;

/// The interactive state of one chart.
pub struct View {
    kind: ChartKind,
    options: ChartOptions,
    theme: Theme,
    report: Report,
    drawn: Drawn,
    /// A leaderboard's row opens its model's card rather than filtering.
    cards: bool,
}

/// What choosing a row asks for (a click on it, or Enter once the arrow keys reached it).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    /// Counting by this filter instead.
    Filter(Filter),
    /// Showing this model's card instead (`row-click="card"`).
    Card(String),
}

impl View {
    /// A view of `report` as `kind`; nothing is drawn until [`View::draw`].
    pub fn new(report: Report, kind: ChartKind, options: ChartOptions, theme: Theme) -> View {
        View { kind, options, theme, report, drawn: Drawn::default(), cards: false }
    }

    /// Makes a leaderboard's rows open their models' cards (`row-click="card"`).
    pub fn open_cards(&mut self) {
        self.cards = true;
    }

    /// The report it shows.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Draws the chart onto `backend` (sized in CSS pixels) and keeps where its marks landed.
    pub fn draw<DB: DrawingBackend>(&mut self, backend: DB) -> Result<(), DrawError<DB>> {
        self.drawn = chart::draw(backend, &self.report, self.kind, &self.options, &self.theme)?;
        Ok(())
    }

    /// Draws as [`View::draw`] does, for a file (the PNG export): the filter's chips are the
    /// page's, not the canvas's, so no band is left for them.
    pub fn draw_for_file<DB: DrawingBackend>(&mut self, backend: DB) -> Result<(), DrawError<DB>> {
        let chips = std::mem::replace(&mut self.options.chips, false);
        let drawn = self.draw(backend);
        self.options.chips = chips;
        drawn
    }

    /// Draws the interaction layer: the crosshair at x and the span being brushed.
    pub fn draw_overlay<DB: DrawingBackend>(
        &self,
        backend: DB,
        crosshair: Option<f64>,
        brush: Option<(f64, f64)>,
    ) -> Result<(), DrawError<DB>> {
        chart::draw_overlay(backend, &self.theme, &self.drawn, crosshair, brush)
    }

    /// The tooltip at `(x, y)` in CSS pixels, if the pointer is on a target.
    pub fn hover(&self, x: f64, y: f64) -> Option<Tooltip> {
        chart::tooltip(&self.report, self.kind, &self.options, &self.drawn, x, y).map(|tip| self.shown(tip))
    }

    /// The tooltip of target `index` (the arrow keys step through targets), clamped to the
    /// targets there are; `None` when there are none.
    pub fn hover_index(&self, index: i64) -> Option<Tooltip> {
        let count = chart::target_count(&self.report, self.kind, &self.drawn);
        let last = i64::try_from(count).ok()?.checked_sub(1)?;
        let tip = chart::describe(&self.report, self.kind, &self.options, &self.drawn, index.clamp(0, last) as usize);
        tip.map(|tip| self.shown(tip))
    }

    /// What a click at `(x, y)` asks for, in CSS pixels: see [`View::choice_of`].
    pub fn choice_at(&self, x: f64, y: f64) -> Option<Choice> {
        self.choice_of(self.drawn.boxes.iter().position(|b| b.contains(x, y))?)
    }

    /// What choosing target `index` asks for: its model's card, on a leaderboard of models
    /// whose rows open cards, else the filter of [`View::filter_of`].
    pub fn choice_of(&self, index: usize) -> Option<Choice> {
        match self.card_of(index) {
            Some((model, _)) => Some(Choice::Card(model)),
            None => self.filter_of(index).map(Choice::Filter),
        }
    }

    /// The model (its id and display name) whose card row `index` opens, where rows open
    /// cards: a row that would filter by a model.
    fn card_of(&self, index: usize) -> Option<(String, &str)> {
        let (dimension, model, name) = self.row_value(index)?;
        (self.cards && dimension == "model").then_some((model, name))
    }

    /// The filter that choosing target `index` asks for (a click, or Enter on the row the
    /// arrow keys reached): a leaderboard's row keeps only its model (or owner), a
    /// categories chart's row only its category, beside the filter's other dimensions; the
    /// row of the one value kept already keeps all again. `None` on other targets.
    pub fn filter_of(&self, index: usize) -> Option<Filter> {
        let (dimension, value, _) = self.row_value(index)?;
        self.keeping(dimension, value)
    }

    /// The filter that a double-click on legend entry `index` asks for (Shift and its digit
    /// key do): a mode's entry (verification, volume stacked by mode) keeps only that mode,
    /// a share chart's entry only its model, owner or category, beside the filter's other
    /// dimensions; the entry of the one value kept keeps all again. `None` on other entries
    /// (a mean, a comparison, the rest, the group without a name).
    pub fn legend_filter(&self, index: usize) -> Option<Filter> {
        let key = &self.drawn.legend.get(index)?.key;
        let mode = || Mode::ALL.iter().any(|m| m.name() == key);
        let dimension = match self.kind {
            _ if key.starts_with('(') => return None,
            ChartKind::Verification => By::Mode,
            ChartKind::Volume if self.options.stack_by_mode && mode() => By::Mode,
            ChartKind::Share => self.options.by,
            _ => return None,
        };
        self.keeping(dimension.name(), key.clone())
    }

    /// The legend entry at `(x, y)`, in CSS pixels.
    pub fn legend_at(&self, x: f64, y: f64) -> Option<usize> {
        self.drawn.legend.iter().position(|h| h.rect.contains(x, y))
    }

    /// The report's filter with `dimension` keeping only `value`, or keeping all again when it
    /// kept only that.
    fn keeping(&self, dimension: &str, value: String) -> Option<Filter> {
        let mut filter = self.report.input.filter.clone().unwrap_or_default();
        let values = filter.values_mut(dimension)?;
        *values = if *values == [value.as_str()] { Vec::new() } else { vec![value] };
        Some(filter)
    }

    /// The dimension, value and name of target `index`, on a chart whose rows filter: a
    /// model (its id, and its display name) or owner of a leaderboard, a category; none for a
    /// row without one (the unknown owner).
    fn row_value(&self, index: usize) -> Option<(&'static str, String, &str)> {
        let report = &self.report;
        match self.kind {
            ChartKind::Leaderboard if self.options.by == By::Owner => {
                let owner = report.owners.get(index)?.owner.as_deref()?;
                Some(("owner", owner.to_owned(), owner))
            }
            ChartKind::Leaderboard => report.models.get(index).map(|m| ("model", m.model.clone(), m.name.as_str())),
            ChartKind::Categories => {
                let category = chart::category_rows(report).get(index)?.category.as_deref()?;
                Some(("category", category.to_owned(), category))
            }
            _ => None,
        }
    }

    /// The days a brush from `x0` to `x1` selects on a time chart, or `None` when it covers
    /// less than a click or the chart has no time axis.
    pub fn brushed(&self, x0: f64, x1: f64) -> Option<(Day, Day)> {
        let t = self.drawn.transform.filter(|_| self.kind.is_time())?;
        let window = self.report.window?;
        if (x1 - x0).abs() < LEAST_BRUSH {
            return None;
        }
        let last = f64::from(window.days - 1);
        let day = |x: f64| window.from.plus(t.x_value(x).round().clamp(0.0, last) as i32);
        Some((day(x0.min(x1)), day(x0.max(x1))))
    }

    /// Toggles the legend entry at `(x, y)`; its key, when there was one (then redraw).
    pub fn click(&mut self, x: f64, y: f64) -> Option<String> {
        let index = self.legend_at(x, y)?;
        self.toggle_legend(index)
    }

    /// Toggles the `index`th legend entry, in reading order (keys 1 to 9 do); its key, when
    /// there is one (then redraw).
    pub fn toggle_legend(&mut self, index: usize) -> Option<String> {
        let key = self.drawn.legend.get(index)?.key.to_owned();
        self.options.toggle(&key);
        Some(key)
    }

    /// Whether the series `key` is shown (not switched off in the legend).
    pub fn shows(&self, key: &str) -> bool {
        self.options.shows(key)
    }

    /// Whether x is time (dragging narrows the window).
    pub fn is_time(&self) -> bool {
        self.kind.is_time()
    }

    /// A one-sentence summary: the element's accessible name (and the filter's statement
    /// after it, when the report counts part of the use).
    pub fn summary(&self) -> String {
        visible(&self.with_scope(chart::summary(&self.report, self.kind, &self.options))).into_owned()
    }

    /// `text`, then the sentence saying which part of the use the report counts, if a part.
    fn with_scope(&self, text: String) -> String {
        let f = &self.options.locale;
        match chart::filter_statement(&self.report.input, f) {
            Some(scope) => format!("{text} {}", f.say(Word::Sentence, &[("text", &scope)])),
            None => text,
        }
    }

    /// `tip` with words that show what they hold (names from the data may carry characters
    /// that would reorder or hide the text around them), and on a row that filters, what a
    /// click does.
    fn shown(&self, mut tip: Tooltip) -> Tooltip {
        tip.title = visible(&tip.title).into_owned();
        for (label, value) in &mut tip.lines {
            (*label, *value) = (visible(label).into_owned(), visible(value).into_owned());
        }
        let f = &self.options.locale;
        if let Some((_, name)) = self.card_of(tip.index) {
            tip.lines.push((String::new(), f.say(Word::ClickOpensCard, &[("name", &visible(name))])));
        } else if let Some((dimension, _, name)) = self.row_value(tip.index) {
            let next = self.filter_of(tip.index);
            let hint = match next.and_then(|mut next| next.values_mut(dimension).map(|v| v.is_empty())) {
                Some(true) => f.word(Word::ClickShowsAll).to_owned(),
                _ => f.say(Word::ClickFilters, &[("name", &visible(name))]),
            };
            tip.lines.push((String::new(), hint));
        }
        tip
    }

    /// Where the chips go (their top left corner, CSS pixels): the band the heading left,
    /// once drawn with a filter.
    pub fn chips_at(&self) -> Option<(f64, f64)> {
        self.drawn.chips_at
    }

    /// A chip for each value of the filter the report counts by: what removes it.
    pub fn chips(&self) -> Vec<Chip> {
        chart::filter_chips(&self.report.input, &self.options.locale)
    }

    /// The figures as a table, for screen readers: what the chart draws (a time chart's days or
    /// bars, with what their tooltips say).
    pub fn table(&self) -> crate::export::Table {
        let mut table = crate::export::time_table(&self.report, self.kind, &self.options, &self.drawn)
            .unwrap_or_else(|| crate::export::table(&self.report, self.kind, &self.options));
        for cell in table.rows.iter_mut().flatten() {
            *cell = visible(cell).into_owned();
        }
        table
    }

    /// What the element says under the chart: how many rows were refused, and why the first
    /// was (docs/inputs.md#bad-input: nothing is dropped silently); empty when none were.
    pub fn notice(&self) -> String {
        let input = &self.report.input;
        if input.rows_rejected == 0 {
            return String::new();
        }
        let f = &self.options.locale;
        let first = input.problems.iter().find(|p| p.severity == Severity::Rejected);
        let why = first.map_or_else(String::new, |p| {
            f.say(Word::FirstRejected, &[("line", &p.line.to_string()), ("field", &p.field), ("reason", &p.reason)])
        });
        let rows = Word::RowsRejected.one_or(input.rows_rejected, Word::RowsRejectedOne);
        f.say(rows, &[("n", &f.integer(input.rows_rejected)), ("why", &why)])
    }

    /// Where the figures came from, as the source panel lists it: for each input its
    /// (label, value) rows, and a closing sentence of what was read.
    pub fn provenance(&self) -> (Vec<Vec<(&str, String)>>, String) {
        let input = &self.report.input;
        let f = &self.options.locale;
        let sources = input
            .sources
            .iter()
            .map(|s| {
                let mut rows = vec![
                    (f.word(Word::Input), s.input.clone()),
                    (f.word(Word::Source), visible(&s.source).into_owned()),
                    (f.word(Word::Bytes), f.integer(s.bytes)),
                    ("SHA-256", s.sha256.clone()),
                    (f.word(Word::Fetched), s.fetched_at.clone()),
                ];
                if let Some(c) = &s.chain {
                    let blocks =
                        f.say(Word::FromTo, &[("from", &f.integer(c.from_block)), ("to", &f.integer(c.to_block))]);
                    rows.extend([
                        (f.word(Word::ChainId), c.chain_id.to_string()),
                        (f.word(Word::Contract), c.address.clone()),
                        (f.word(Word::Blocks), blocks),
                        (f.word(Word::LastBlockHash), c.last_block_hash.clone()),
                    ]);
                    let range =
                        |from: u64, to: u64| f.say(Word::FromTo, &[("from", &f.integer(from)), ("to", &f.integer(to))]);
                    if let Some(kept) = c.kept_to_block {
                        rows.push((f.word(Word::KeptBlocks), range(c.from_block, kept)));
                    }
                    if let Some(r) = c.reorg {
                        rows.push((f.word(Word::ReorgBlocks), range(r.from_block, r.to_block)));
                    }
                }
                rows
            })
            .collect();
        let summary = f.say(
            Word::ReadSummary,
            &[
                ("read", &f.integer(input.rows_read)),
                ("rejected", &f.integer(input.rows_rejected)),
                ("warnings", &f.integer(input.warnings)),
                ("supply", input.supply_source),
                ("demand", input.demand_source.name()),
            ],
        );
        (sources, self.with_scope(summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::ThemeName;
    use crate::dataset::Dataset;
    use crate::metrics::ReportOptions;
    use plotters::prelude::SVGBackend;

    /// A view of `kind` over `days` days of events (day k has k % 5 + 1, the first in a TEE),
    /// drawn 640 px wide.
    fn drawn_view(days: i32, kind: ChartKind) -> View {
        let mut body = String::new();
        for k in 0..days {
            let day = Day::parse("2024-01-01").expect("a day").plus(k);
            for n in 0..(k % 5 + 1) {
                let mode = if n == 0 { "tee" } else { "vanilla" };
                body.push_str(&format!(
                    "{{\"ts\":\"{day}T10:00:00Z\",\"model\":\"m\",\"caller\":\"c{n}\",\"mode\":\"{mode}\"}}\n"
                ));
            }
        }
        let data = Dataset::from_events("e.ndjson", body.as_bytes()).expect("events");
        let report = data.report(&ReportOptions::default()).expect("a report");
        let mut view = View::new(report, kind, ChartOptions::default(), Theme::named(ThemeName::Light));
        let mut svg = String::new();
        view.draw(SVGBackend::with_string(&mut svg, (640, 360))).expect("drawn");
        view
    }

    #[test]
    fn a_long_window_s_table_has_a_row_a_bar_as_drawn_and_a_short_one_a_row_a_day() {
        let long = drawn_view(400, ChartKind::Volume);
        let table = long.table();
        assert_eq!(table.caption, "Figures by week");
        assert_eq!(table.columns, ["Week (UTC)", "Inferences", "A day", "Failed"]);
        // 2024-01-01 is a Monday: 57 whole weeks and one day.
        assert_eq!(table.rows.len(), 58);
        assert_eq!(table.rows[0], ["Week of Jan 1, 2024", "18", "2.6", "0"], "1+2+3+4+5+1+2");
        assert_eq!(table.rows[57][0], "Week of Feb 3, 2025");
        let callers = drawn_view(400, ChartKind::Callers).table();
        assert_eq!(callers.columns, ["Week (UTC)", "Daily callers, mean", "WAU at its end", "MAU at its end"]);
        let short = drawn_view(60, ChartKind::Volume).table();
        assert_eq!((short.caption.as_str(), short.rows.len()), ("Daily figures", 60));
        assert_eq!(short.columns, ["Day (UTC)", "Inferences", "7-day mean", "Failed"]);
        assert_eq!(short.rows[2], ["2024-01-03", "3", "2.0", "0"], "(1 + 2 + 3) / 3 days so far");
        let modes = drawn_view(60, ChartKind::Verification).table();
        assert_eq!(modes.columns[..3], ["Day (UTC)".to_owned(), "Vanilla".into(), "TEE".into()]);
        assert_eq!(modes.rows[1][1..3], ["1 (50\u{a0}%)".to_owned(), "1 (50\u{a0}%)".into()]);
    }

    #[test]
    fn a_model_card_s_table_is_its_model_by_day_and_without_a_model_the_busiest() {
        let mut card = drawn_view(10, ChartKind::Model);
        assert_eq!(card.table().caption, "The busiest models", "no model chosen: the choices");
        card.options.model = Some("m".into());
        let table = card.table();
        assert_eq!(table.caption, "m: inferences by day");
        assert_eq!(table.columns, ["Day (UTC)", "Inferences"]);
        assert_eq!(table.rows.len(), 10);
        assert_eq!(table.rows[3], ["2024-01-04", "4"]);
    }

    /// Models `a` (3 events a day), `b` (2) and `c` (1) over two days; `a` and `b` listed by
    /// `acme` in `chat`, `c` by `zed` in `image`.
    fn hub() -> Dataset {
        let mut events = String::new();
        for day in ["2024-01-01", "2024-01-02"] {
            for (model, n, mode) in [("a", 3, "tee"), ("b", 2, "vanilla"), ("c", 1, "vanilla")] {
                for _ in 0..n {
                    events.push_str(&format!(
                        "{{\"ts\":\"{day}T10:00:00Z\",\"model\":\"{model}\",\"mode\":\"{mode}\"}}\n"
                    ));
                }
            }
        }
        let registry = r#"[{"model":"a","owner":"acme","category":"chat","listed_at":"2024-01-01"},
            {"model":"b","owner":"acme","category":"chat","listed_at":"2024-01-01"},
            {"model":"c","owner":"zed","category":"image","listed_at":"2024-01-01"}]"#;
        let inputs = crate::dataset::Inputs {
            events: Some(events.as_bytes()),
            registry: Some(registry.as_bytes()),
            ..Default::default()
        };
        Dataset::from_bytes(inputs).expect("the hub reads")
    }

    /// `kind` (by `by`) of `hub()` counted by `filter`, drawn 640 px wide.
    fn filtered_view(kind: ChartKind, by: By, filter: Filter) -> View {
        let report = hub().report(&ReportOptions { filter, ..Default::default() }).expect("a report");
        let options = ChartOptions { by, chips: true, ..ChartOptions::default() };
        let mut view = View::new(report, kind, options, Theme::named(ThemeName::Light));
        view.draw(SVGBackend::with_string(&mut String::new(), (640, 360))).expect("drawn");
        view
    }

    #[test]
    fn a_row_filters_by_its_model_owner_or_category_and_the_only_row_kept_shows_all_again() {
        let owner =
            |names: &[&str]| Filter { owner: names.iter().map(|&n| n.to_owned()).collect(), ..Filter::default() };
        let board = filtered_view(ChartKind::Leaderboard, By::Model, owner(&["acme"]));
        let second = board.drawn.boxes[1];
        let Some(Choice::Filter(clicked)) = board.choice_at(second.left + 2.0, second.top + 2.0) else {
            panic!("a row that filters")
        };
        assert_eq!((clicked.model, clicked.owner), (vec!["b".to_owned()], vec!["acme".to_owned()]), "beside the owner");
        assert_eq!(
            board.hover_index(1).expect("a tip").lines.last().expect("a hint").1,
            "Click or Enter to show only b"
        );
        assert_eq!(board.choice_at(-5.0, -5.0), None, "off the rows");
        let only_b = Filter { model: vec!["b".into()], ..owner(&["acme"]) };
        let mut one = filtered_view(ChartKind::Leaderboard, By::Model, only_b);
        let mut svg = String::new();
        one.draw(SVGBackend::with_string(&mut svg, (640, 360))).expect("drawn");
        assert!(svg.contains("b is the only model used"), "not \"1 models used\"");
        assert_eq!(one.filter_of(0), Some(owner(&["acme"])), "the one value kept: all again");
        assert_eq!(
            one.hover_index(0).expect("a tip").lines.last().expect("a hint").1,
            "Click or Enter to show all again"
        );
        let owners = filtered_view(ChartKind::Leaderboard, By::Owner, Filter::default());
        assert_eq!(owners.filter_of(1), Some(owner(&["zed"])));
        let categories = filtered_view(ChartKind::Categories, By::Model, Filter::default());
        let chat = Filter { category: vec!["chat".into()], ..Filter::default() };
        assert_eq!(categories.filter_of(0), Some(chat));
        assert_eq!(filtered_view(ChartKind::Volume, By::Model, Filter::default()).filter_of(0), None);
    }

    #[test]
    fn with_row_click_card_a_leaderboard_s_row_opens_its_model_s_card() {
        let mut board = filtered_view(ChartKind::Leaderboard, By::Model, Filter::default());
        board.open_cards();
        assert_eq!(board.choice_of(1), Some(Choice::Card("b".into())));
        let hint = board.hover_index(1).expect("a tip").lines.last().expect("a hint").1.clone();
        assert_eq!(hint, "Click or Enter to open the card of b");
        let mut owners = filtered_view(ChartKind::Leaderboard, By::Owner, Filter::default());
        owners.open_cards();
        let zed = Filter { owner: vec!["zed".into()], ..Filter::default() };
        assert_eq!(owners.choice_of(1), Some(Choice::Filter(zed)), "an owner has no card: it filters");
    }

    #[test]
    fn a_legend_entry_of_a_mode_or_a_share_s_part_filters_by_it() {
        let modes = filtered_view(ChartKind::Verification, By::Model, Filter::default());
        let keys: Vec<&str> = modes.drawn.legend.iter().map(|entry| entry.key.as_str()).collect();
        assert_eq!(keys, ["vanilla", "tee", "zkml", "other", "unknown"]);
        let mode = |names: &[&str]| Filter { mode: names.iter().map(|&n| n.to_owned()).collect(), ..Filter::default() };
        assert_eq!(modes.legend_filter(1), Some(mode(&["tee"])));
        let entry = modes.drawn.legend[4].rect;
        assert_eq!(modes.legend_at(entry.left + 1.0, entry.top + 1.0), Some(4));
        let tee = filtered_view(ChartKind::Verification, By::Model, mode(&["tee"]));
        assert_eq!(tee.legend_filter(1), Some(Filter::default()), "the one mode kept: all again");
        assert_eq!(tee.legend_filter(5), None);
        let owners = filtered_view(ChartKind::Share, By::Owner, Filter::default());
        let keys: Vec<&str> = owners.drawn.legend.iter().map(|entry| entry.key.as_str()).collect();
        assert_eq!(keys, ["acme", "zed"]);
        let zed = Filter { owner: vec!["zed".into()], ..Filter::default() };
        assert_eq!(owners.legend_filter(1), Some(zed));
        let report = hub().report(&ReportOptions::default()).expect("a report");
        let stacked = ChartOptions { stack_by_mode: true, ..ChartOptions::default() };
        let mut volume = View::new(report, ChartKind::Volume, stacked, Theme::named(ThemeName::Light));
        volume.draw(SVGBackend::with_string(&mut String::new(), (640, 360))).expect("drawn");
        let keys: Vec<&str> = volume.drawn.legend.iter().map(|entry| entry.key.as_str()).collect();
        assert_eq!(keys, ["vanilla", "tee", "zkml", "other", "unknown"]);
        assert_eq!(volume.legend_filter(0), Some(mode(&["vanilla"])));
    }

    #[test]
    fn a_day_s_tooltip_gives_the_compared_period_s_day_under_it() {
        let options =
            ReportOptions { range: Some("1d".into()), compare: Some("previous".into()), ..Default::default() };
        let report = hub().report(&options).expect("a report");
        let mut view = View::new(report, ChartKind::Volume, ChartOptions::default(), Theme::named(ThemeName::Light));
        view.draw(SVGBackend::with_string(&mut String::new(), (640, 360))).expect("drawn");
        let tip = view.hover_index(0).expect("a tip");
        assert_eq!(
            tip.lines.last(),
            Some(&("Jan 1, 2024".to_owned(), "6 (Jan 1, 2024)".to_owned())),
            "a 3, b 2 and c 1 the day before"
        );
        view.toggle_legend(0);
        let hidden = view.hover_index(0).expect("a tip");
        assert!(!hidden.lines.iter().any(|(label, _)| label == "Jan 1, 2024"), "the line switched off: not said");
    }

    #[test]
    fn the_time_charts_draw_the_compared_period_faint_until_its_legend_entry_hides_it() {
        let mut body = String::new();
        for k in 0..14 {
            let day = Day::parse("2024-01-01").expect("a day").plus(k);
            for n in 0..(k % 4 + 1) {
                let mode = if n == 0 { "tee" } else { "vanilla" };
                body.push_str(&format!(
                    "{{\"ts\":\"{day}T10:00:00Z\",\"model\":\"m{n}\",\"caller\":\"c{n}\",\"mode\":\"{mode}\"}}\n"
                ));
            }
        }
        let data = Dataset::from_events("e.ndjson", body.as_bytes()).expect("events");
        let options =
            ReportOptions { range: Some("7d".into()), compare: Some("previous".into()), ..Default::default() };
        let report = data.report(&options).expect("a report");
        // A series' line (a hidden legend entry's box and the axes are thinner).
        const LINE: &str = "stroke-width=\"2\"";
        for kind in [ChartKind::Volume, ChartKind::Callers, ChartKind::SupplyDemand, ChartKind::Verification] {
            let mut view = View::new(report.clone(), kind, ChartOptions::default(), Theme::named(ThemeName::Light));
            let mut lines = || {
                let mut svg = String::new();
                view.draw(SVGBackend::with_string(&mut svg, (640, 360))).expect("drawn");
                svg.matches(LINE).count()
            };
            let with = lines();
            // The screen readers' table: one column of the compared period, its days in it.
            let table = view.table();
            let period = table.columns.iter().position(|c| c == "Jan 1 – Jan 7, 2024");
            let cell = period.and_then(|k| table.rows.first()?.get(k).cloned()).unwrap_or_default();
            let once = table.columns.iter().filter(|c| c.contains("2024")).count() == 1;
            assert!(cell.ends_with(" (Jan 1, 2024)") && once, "{kind:?}: {:?} {cell}", table.columns);
            if kind == ChartKind::Verification {
                // Jan 1 had one event, by TEE.
                assert_eq!(cell.replace('\u{a0}', " "), "100 % verified (Jan 1, 2024)");
            }
            let entry = view.drawn.legend.iter().position(|entry| entry.key == "compared").expect("an entry");
            view.toggle_legend(entry);
            let mut svg = String::new();
            view.draw(SVGBackend::with_string(&mut svg, (640, 360))).expect("drawn");
            assert_eq!(svg.matches(LINE).count() + 1, with, "{kind:?}: one line fewer");
            assert!(svg.contains("Jan 1 – Jan 7, 2024"), "{kind:?}: named by its days");
        }
    }

    #[test]
    fn a_filtered_view_says_its_filter_in_its_summary_panel_and_chips() {
        let filter = Filter { owner: vec!["acme".into()], category: vec!["chat".into()], ..Filter::default() };
        let view = filtered_view(ChartKind::Volume, By::Model, filter);
        assert!(view.summary().ends_with(" Filter: owner acme; category chat."), "{}", view.summary());
        assert!(view.provenance().1.ends_with(" Filter: owner acme; category chat."));
        let chips = view.chips();
        let chips: Vec<(&str, &str)> = chips.iter().map(|c| (c.dimension, c.hint.as_str())).collect();
        assert_eq!(chips, [("owner", "Remove the filter owner acme"), ("category", "Remove the filter category chat")]);
        let whole = filtered_view(ChartKind::Volume, By::Model, Filter::default());
        assert!(!whole.summary().contains("Filter") && whole.chips().is_empty());
        assert!(view.chips_at().is_some() && whole.chips_at().is_none(), "a band for the chips of a filter");
        // Drawn to a file, a filtered chart has no chips: no empty band under its heading.
        let filter = Filter { owner: vec!["acme".into()], ..Filter::default() };
        let report = hub().report(&ReportOptions { filter, ..Default::default() }).expect("a report");
        let mut file = View::new(report, ChartKind::Volume, ChartOptions::default(), Theme::named(ThemeName::Light));
        file.draw(SVGBackend::with_string(&mut String::new(), (640, 360))).expect("drawn");
        assert_eq!(file.chips_at(), None);
        // Nor does the element's PNG export, whose chips stay on the page.
        let mut view = view;
        view.draw_for_file(SVGBackend::with_string(&mut String::new(), (640, 360))).expect("drawn");
        assert_eq!(view.chips_at(), None);
        view.draw(SVGBackend::with_string(&mut String::new(), (640, 360))).expect("drawn");
        assert!(view.chips_at().is_some(), "and drawn again on the page, it leaves the band");
    }
}
