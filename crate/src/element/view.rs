//! One chart of one report, as the element shows it: drawn through any plotters backend,
//! with what its marks left behind (where they landed) kept, so that hovering, stepping
//! with the keys, brushing and legend clicks are answered from the report without
//! recomputing or redrawing it. The browser gives it canvases; tests give it bitmaps.

use crate::chart::{self, ChartKind, ChartOptions, DrawError, Drawn, Theme, Tooltip, Word};
use crate::day::Day;
use crate::problems::Severity;
use crate::report::Report;
use crate::text::visible;
use plotters::prelude::DrawingBackend;

/// A brush narrower than this many CSS pixels is a click, not a selection.
const LEAST_BRUSH: f64 = 6.0;

/// The interactive state of one chart.
pub struct View {
    kind: ChartKind,
    options: ChartOptions,
    theme: Theme,
    report: Report,
    drawn: Drawn,
}

impl View {
    /// A view of `report` as `kind`; nothing is drawn until [`View::draw`].
    pub fn new(report: Report, kind: ChartKind, options: ChartOptions, theme: Theme) -> View {
        View { kind, options, theme, report, drawn: Drawn::default() }
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
        chart::tooltip(&self.report, self.kind, &self.options, &self.drawn, x, y).map(shown)
    }

    /// The tooltip of target `index` (the arrow keys step through targets), clamped to the
    /// targets there are; `None` when there are none.
    pub fn hover_index(&self, index: i64) -> Option<Tooltip> {
        let count = chart::target_count(&self.report, self.kind, &self.drawn);
        let last = i64::try_from(count).ok()?.checked_sub(1)?;
        chart::describe(&self.report, self.kind, &self.options, &self.drawn, index.clamp(0, last) as usize).map(shown)
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
        let index = self.drawn.legend.iter().position(|h| h.rect.contains(x, y))?;
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

    /// A one-sentence summary: the element's accessible name.
    pub fn summary(&self) -> String {
        visible(&chart::summary(&self.report, self.kind, &self.options)).into_owned()
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
        let rows = if input.rows_rejected == 1 { Word::RowsRejectedOne } else { Word::RowsRejected };
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
        (sources, summary)
    }
}

/// A tooltip whose words show what they hold: names from the data may carry characters
/// that would reorder or hide the text around them.
fn shown(mut tip: Tooltip) -> Tooltip {
    tip.title = visible(&tip.title).into_owned();
    for (label, value) in &mut tip.lines {
        (*label, *value) = (visible(label).into_owned(), visible(value).into_owned());
    }
    tip
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
        assert_eq!(modes.rows[1][1..3], ["1 (50 %)".to_owned(), "1 (50 %)".into()]);
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
}
