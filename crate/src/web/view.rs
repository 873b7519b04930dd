//! One chart on one canvas, with its interaction layer on a second canvas above it: the
//! element's view (crate::element::View) given the browser's canvases. Hovering draws only
//! the upper canvas, so the chart is never redrawn for it.

use super::canvas::HiDpiCanvas;
use super::config::Config;
use super::dataset::JsDataset;
use super::errors::to_js;
use super::objects::{from_object, to_object};
use crate::chart::{ChartKind, ChartOptions, Theme, Tooltip};
use crate::element::{ElementConfig, View};
use crate::error::Error;
use crate::metrics::ReportOptions;
use crate::report::Filter;
use serde::Deserialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// How the page styles the chart: whether the system is dark (for `theme="auto"`), the
/// `--hubpulse-*` colours as `#rrggbb` and the font; a brushed window, and a filter, a
/// comparison and a model's card the reader chose.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Look {
    dark: bool,
    colors: BTreeMap<String, String>,
    /// The days a brush selected, instead of the attributes' window.
    from: Option<String>,
    to: Option<String>,
    /// The filter of a chip or a row the reader clicked, instead of the `filter` attribute's.
    filter: Option<Filter>,
    /// The period the reader compares with (empty: none), instead of the `compare` attribute's.
    compare: Option<String>,
    /// The model whose card the reader opened from a leaderboard's row, instead of the chart.
    card: Option<String>,
}

impl Look {
    /// The report options of a chart of `config` in this look: a brushed window and the
    /// reader's filter win.
    fn report_options(&self, config: &ElementConfig) -> ReportOptions {
        let mut options = config.report.clone();
        if self.from.is_some() || self.to.is_some() {
            (options.from, options.to, options.range) = (self.from.clone(), self.to.clone(), None);
        }
        if let Some(filter) = &self.filter {
            options.filter = filter.clone();
        }
        if let Some(compare) = &self.compare {
            options.compare = Some(compare.trim().to_owned()).filter(|c| !c.is_empty());
        }
        options
    }

    /// The chart of `config` in this look: the card of the model the reader opened, or the
    /// attributes' chart.
    fn chart(&self, config: &ElementConfig) -> (ChartKind, ChartOptions) {
        let chart = &config.chart;
        match &self.card {
            Some(model) => (ChartKind::Model, ChartOptions { model: Some(model.clone()), ..chart.options.clone() }),
            None => (chart.kind, chart.options.clone()),
        }
    }
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// Computes a step of the report that a chart of `config` in `look` (`{from, to}` of a
    /// brushed window) will show, unless it is ready; true once it is (or cannot be: the view
    /// then says why). The page calls it between tasks before making the view, so that a
    /// hub of a million models never holds its thread for the whole report.
    pub fn prepare(&self, config: &Config, look: JsValue) -> Result<bool, JsValue> {
        let look: Look = from_object(look, "chart options")?;
        let (kind, options) = look.chart(&config.inner);
        Ok(self.shared.prepare(&self.inner, &look.report_options(&config.inner), kind, &options))
    }
}

/// A chart of a dataset in a pair of canvases.
#[wasm_bindgen(js_name = View)]
pub struct JsView {
    canvas: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    view: View,
    options: ReportOptions,
    /// CSS width, height and pixel ratio of the last draw.
    size: (u32, u32, f64),
}

#[wasm_bindgen(js_class = View)]
impl JsView {
    /// The chart `config` asks for, of `dataset`, drawn into `canvas` with `overlay`
    /// stacked above it; `look`: `{dark, colors, from, to}`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        canvas: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        dataset: &JsDataset,
        config: &Config,
        look: JsValue,
    ) -> Result<JsView, JsValue> {
        let look: Look = from_object(look, "chart options")?;
        let c = &config.inner;
        let mut theme = Theme::named(c.chart.theme.name(look.dark));
        for (name, value) in &look.colors {
            theme.set(name, value);
        }
        let options = look.report_options(&config.inner);
        let (kind, chart) = look.chart(c);
        let report = dataset.shared.for_chart(&dataset.inner, &options, kind, &chart).map_err(|e| to_js(&e))?;
        let mut view = View::new(report, kind, chart, theme);
        if c.chart.cards {
            view.open_cards();
        }
        Ok(JsView { canvas, overlay, view, options, size: (0, 0, 1.0) })
    }

    /// The chips of the filter shown, `[{dimension, value, label, hint}]`: a button each.
    pub fn chips(&self) -> Result<JsValue, JsValue> {
        to_object(&self.view.chips())
    }

    /// Where the chips go, `[x, y]` in CSS pixels, or `undefined` (no filter, not drawn).
    #[wasm_bindgen(getter, js_name = chipsAt)]
    pub fn chips_at(&self) -> Option<Vec<f64>> {
        self.view.chips_at().map(|(x, y)| vec![x, y])
    }

    /// What a click at `(x, y)` asks for (a row of a leaderboard or of the categories):
    /// `{filter: {model, owner, category, mode, kind, app}}`, `{card: model}` or `null`.
    #[wasm_bindgen(js_name = choiceAt)]
    pub fn choice_at(&self, x: f64, y: f64) -> Result<JsValue, JsValue> {
        self.view.choice_at(x, y).map_or(Ok(JsValue::NULL), |c| to_object(&c))
    }

    /// What choosing target `index` asks for (Enter on a row), as `choiceAt`, or `null`.
    #[wasm_bindgen(js_name = choiceOf)]
    pub fn choice_of(&self, index: usize) -> Result<JsValue, JsValue> {
        self.view.choice_of(index).map_or(Ok(JsValue::NULL), |c| to_object(&c))
    }

    /// The legend entry at `(x, y)` (from 0, in reading order), or `undefined`.
    #[wasm_bindgen(js_name = legendAt)]
    pub fn legend_at(&self, x: f64, y: f64) -> Option<usize> {
        self.view.legend_at(x, y)
    }

    /// The filter that a double-click on legend entry `index` asks for (a mode's entry keeps
    /// only that mode), or `null`.
    #[wasm_bindgen(js_name = legendFilter)]
    pub fn legend_filter(&self, index: usize) -> Result<JsValue, JsValue> {
        self.view.legend_filter(index).map_or(Ok(JsValue::NULL), |f| to_object(&f))
    }

    /// The report options it shows, for the element's full `report`.
    #[wasm_bindgen(getter, js_name = reportOptions)]
    pub fn report_options(&self) -> Result<JsValue, JsValue> {
        to_object(&self.options)
    }

    /// Draws at `width × height` CSS pixels and `dpr` device pixels per CSS pixel; `for_file`:
    /// for the PNG export, without the band a filtered chart leaves for the page's chips.
    pub fn draw(&mut self, width: u32, height: u32, dpr: f64, for_file: bool) -> Result<(), JsValue> {
        if width == 0 || height == 0 {
            return Ok(());
        }
        self.size = (width, height, dpr);
        let backend = HiDpiCanvas::new(&self.canvas, width, height, dpr).ok_or_else(no_context)?;
        let drawn = if for_file { self.view.draw_for_file(backend) } else { self.view.draw(backend) };
        drawn.map_err(|e| to_js(&Error::Inputs(e.to_string())))?;
        self.paint_overlay(None, None)
    }

    /// The tooltip at `(x, y)` (CSS pixels) as `{index, x, y, title, lines}`, or `null`;
    /// draws the crosshair.
    pub fn hover(&self, x: f64, y: f64) -> Result<JsValue, JsValue> {
        self.show(self.view.hover(x, y))
    }

    /// The tooltip of target `index` (the arrow keys step through targets), or `null`.
    #[wasm_bindgen(js_name = hoverIndex)]
    pub fn hover_index(&self, index: i32) -> Result<JsValue, JsValue> {
        self.show(self.view.hover_index(i64::from(index)))
    }

    /// Hides the tooltip's crosshair.
    pub fn leave(&self) -> Result<(), JsValue> {
        self.paint_overlay(None, None)
    }

    /// Shows the span being brushed, from `x0` to `x1` (CSS pixels).
    #[wasm_bindgen(js_name = brushMove)]
    pub fn brush_move(&self, x0: f64, x1: f64) -> Result<(), JsValue> {
        self.paint_overlay(None, Some((x0, x1)))
    }

    /// The window a brush from `x0` to `x1` selects, as `{from, to}` (`YYYY-MM-DD`), or
    /// `null` when it covers less than a click or the chart has no time axis.
    #[wasm_bindgen(js_name = brushEnd)]
    pub fn brush_end(&self, x0: f64, x1: f64) -> Result<JsValue, JsValue> {
        self.paint_overlay(None, None)?;
        match self.view.brushed(x0, x1) {
            Some((from, to)) => to_object(&serde_json::json!({ "from": from.to_string(), "to": to.to_string() })),
            None => Ok(JsValue::NULL),
        }
    }

    /// Toggles the legend entry at `(x, y)` and redraws; returns its key, or `undefined`.
    pub fn click(&mut self, x: f64, y: f64) -> Result<Option<String>, JsValue> {
        let key = self.view.click(x, y);
        self.redrawn(key)
    }

    /// Toggles the `index`th legend entry (from 0, in reading order) and redraws; returns its
    /// key, or `undefined` when there is no such entry.
    #[wasm_bindgen(js_name = toggleLegend)]
    pub fn toggle_legend(&mut self, index: usize) -> Result<Option<String>, JsValue> {
        let key = self.view.toggle_legend(index);
        self.redrawn(key)
    }

    /// Whether the series `key` is shown (not switched off in the legend).
    pub fn shows(&self, key: &str) -> bool {
        self.view.shows(key)
    }

    /// Redraws after a legend entry `key` was toggled, if one was; returns the key.
    fn redrawn(&mut self, key: Option<String>) -> Result<Option<String>, JsValue> {
        if key.is_some() {
            let (w, h, dpr) = self.size;
            self.draw(w, h, dpr, false)?;
        }
        Ok(key)
    }

    /// Whether x is time (dragging narrows the window).
    #[wasm_bindgen(getter, js_name = isTime)]
    pub fn is_time(&self) -> bool {
        self.view.is_time()
    }

    /// A one-sentence summary: the element's accessible name.
    pub fn summary(&self) -> String {
        self.view.summary()
    }

    /// The figures as `{caption, columns, rows}` for screen readers.
    pub fn table(&self) -> Result<JsValue, JsValue> {
        to_object(&self.view.table())
    }

    /// How many rows were refused and why the first, or "".
    pub fn notice(&self) -> String {
        self.view.notice()
    }

    /// The source panel: `{sources: [[[label, value], …], …], summary}`.
    pub fn provenance(&self) -> Result<JsValue, JsValue> {
        let (sources, summary) = self.view.provenance();
        to_object(&serde_json::json!({ "sources": sources, "summary": summary }))
    }

    fn show(&self, tip: Option<Tooltip>) -> Result<JsValue, JsValue> {
        self.paint_overlay(tip.as_ref().and_then(|t| t.crosshair), None)?;
        match tip {
            Some(tip) => to_object(&tip),
            None => Ok(JsValue::NULL),
        }
    }

    fn paint_overlay(&self, crosshair: Option<f64>, brush: Option<(f64, f64)>) -> Result<(), JsValue> {
        let (w, h, dpr) = self.size;
        if w == 0 || h == 0 {
            return Ok(());
        }
        let backend = HiDpiCanvas::new(&self.overlay, w, h, dpr).ok_or_else(no_context)?;
        backend.clear();
        self.view.draw_overlay(backend, crosshair, brush).map_err(|e| to_js(&Error::Inputs(e.to_string())))
    }
}

fn no_context() -> JsValue {
    to_js(&Error::Inputs("this canvas has no 2D context".into()))
}
