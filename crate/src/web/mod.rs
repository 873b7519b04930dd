//! The browser glue: the only module that knows wasm-bindgen, web-sys and gloo. It loads
//! datasets, hands reports to JS as plain objects, and draws charts into canvases; the
//! `<hub-pulse>` element (www/hubpulse.js) is a thin shell around it.

mod canvas;
mod fetch;
mod panic;

use crate::chart::{self, ChartKind, Drawn, Theme, ThemeName};
use crate::dataset::Demand;
use crate::input::Limits;
use crate::report::Report;
use crate::store::{EventLog, Registry, Rollups};
use crate::{Dataset, ReportOptions};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

#[wasm_bindgen(start)]
fn start() {
    panic::install();
}

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A loaded dataset; `report(options)` computes the figures of any window.
#[wasm_bindgen(js_name = Dataset)]
pub struct JsDataset {
    inner: Dataset,
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// The report (SPEC §2) as a plain object. `options`: `{ range, from, to }`, all
    /// optional.
    pub fn report(&self, options: JsValue) -> Result<JsValue, JsError> {
        to_js(&self.report_of(options)?)
    }

    /// Events stored, failed ones included.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.events.len()
    }

    /// Bytes held by the event columns and interned strings.
    #[wasm_bindgen(getter, js_name = heapBytes)]
    pub fn heap_bytes(&self) -> usize {
        self.inner.events.heap_bytes()
    }

    fn report_of(&self, options: JsValue) -> Result<Report, JsError> {
        let spec: ReportOptions = if options.is_undefined() || options.is_null() {
            ReportOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| js_error(format!("report options: {e}")))?
        };
        self.inner.report(&spec).map_err(js_error)
    }
}

fn to_js(report: &Report) -> Result<JsValue, JsError> {
    report.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
}

/// What `loadUrls` fetches: absolute URLs of `events` or `rollups`, and optionally of a
/// `registry`, with the limits that stop an input too large for the tab.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LoadSpec {
    events: Option<String>,
    rollups: Option<String>,
    registry: Option<String>,
    max_rows: Option<u64>,
    max_bytes: Option<u64>,
}

/// Fetches and parses the inputs of `spec` (`{events | rollups, registry?, maxRows?,
/// maxBytes?}`), streaming, with `onProgress({input, loaded, total})`.
#[wasm_bindgen(js_name = loadUrls)]
pub async fn load_urls(spec: JsValue, on_progress: Option<js_sys::Function>) -> Result<JsDataset, JsError> {
    let spec: LoadSpec = serde_wasm_bindgen::from_value(spec).map_err(|e| js_error(format!("load options: {e}")))?;
    let limits = Limits { max_rows: spec.max_rows, max_bytes: spec.max_bytes };
    let progress = on_progress.as_ref();
    let demand = match Demand::choose(spec.events, spec.rollups).map_err(js_error)? {
        Demand::Events(url) => {
            let (loaded, origin) =
                fetch::fetch_into(&url, "events", EventLog::default(), limits, progress).await.map_err(js_error)?;
            (Demand::Events(loaded), origin)
        }
        Demand::Rollups(url) => {
            let (loaded, origin) =
                fetch::fetch_into(&url, "rollups", Rollups::default(), limits, progress).await.map_err(js_error)?;
            (Demand::Rollups(loaded), origin)
        }
    };
    let registry = match spec.registry {
        Some(url) => {
            Some(fetch::fetch_into(&url, "registry", Registry::default(), limits, progress).await.map_err(js_error)?)
        }
        None => None,
    };
    Ok(JsDataset { inner: Dataset::assemble(demand, registry) })
}

/// The message of a JS error value.
fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// One chart on one canvas: it keeps the report it shows, so resizing redraws without
/// recomputing.
#[wasm_bindgen]
pub struct View {
    canvas: HtmlCanvasElement,
    kind: ChartKind,
    theme: Theme,
    report: Option<Report>,
    drawn: Drawn,
}

#[wasm_bindgen]
impl View {
    /// A view of `chart` (`"volume"`, …) in `theme` (`"light"` or `"dark"`).
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, chart: &str, theme: &str) -> Result<View, JsError> {
        let kind = ChartKind::parse(chart).ok_or_else(|| js_error(format!("unknown chart {chart:?}")))?;
        let theme = Theme::named(ThemeName::parse(theme).unwrap_or_default());
        Ok(View { canvas, kind, theme, report: None, drawn: Drawn::default() })
    }

    /// Computes the report of `dataset` for `options` and keeps it; returns it to JS.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&mut self, dataset: &JsDataset, options: JsValue) -> Result<JsValue, JsError> {
        let report = dataset.report_of(options)?;
        let js = to_js(&report)?;
        self.report = Some(report);
        Ok(js)
    }

    /// Draws at `width × height` CSS pixels and `dpr` device pixels per CSS pixel.
    pub fn draw(&mut self, width: u32, height: u32, dpr: f64) -> Result<(), JsError> {
        let Some(report) = &self.report else {
            return Ok(());
        };
        if width == 0 || height == 0 {
            return Ok(());
        }
        let backend = canvas::HiDpiCanvas::new(&self.canvas, width, height, dpr)
            .ok_or_else(|| js_error("this canvas has no 2D context"))?;
        self.drawn = chart::draw(backend, report, self.kind, &self.theme).map_err(js_error)?;
        Ok(())
    }
}
