//! The browser glue: the only module that knows wasm-bindgen, web-sys and gloo. It loads
//! datasets, hands reports to JS as plain objects, and draws charts into canvases; the
//! `<hub-pulse>` element (www/hubpulse.js) is a thin shell around it.

mod canvas;
mod chain;
mod fetch;
mod hash;
mod panic;

use crate::chart::format::Numbers;
use crate::chart::{self, ChartKind, ChartOptions, Cohort, Drawn, Theme, ThemeName};
use crate::dataset::{Demand, Origin, OwnedInputs};
use crate::input::{Limits, Shape};
use crate::report::Report;
use crate::store::{EventLog, Registry, Rollups, Snapshots};
use crate::{Dataset, ReportOptions};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use web_sys::RequestCredentials;

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
    snapshots: Option<String>,
    registry: Option<String>,
    max_rows: Option<u64>,
    max_bytes: Option<u64>,
    /// Whether the requests carry cookies: `omit` (the default: nothing is sent unless the
    /// page asks), `same-origin` or `include`.
    credentials: Option<String>,
    /// A hub's own document shape for the demand input (`openrouter-rankings`).
    format: Option<String>,
}

/// Fetches and parses the inputs of `spec` (`{events | rollups, registry?, maxRows?,
/// maxBytes?, credentials?}`), streaming, with `onProgress({input, loaded, total})`; `signal` aborts it
/// (an element removed while its data loads); `hasher()`, when given, makes a
/// `{update(bytes), digest()}` that computes an input's SHA-256 in another thread.
#[wasm_bindgen(js_name = loadUrls)]
pub async fn load_urls(
    spec: JsValue,
    on_progress: Option<js_sys::Function>,
    signal: Option<web_sys::AbortSignal>,
    hasher: Option<js_sys::Function>,
) -> Result<JsDataset, JsError> {
    let spec: LoadSpec = serde_wasm_bindgen::from_value(spec).map_err(|e| js_error(format!("load options: {e}")))?;
    let credentials = match spec.credentials.as_deref() {
        None | Some("omit") => RequestCredentials::Omit,
        Some("same-origin") => RequestCredentials::SameOrigin,
        Some("include") => RequestCredentials::Include,
        Some(other) => return Err(js_error(format!("credentials is omit, same-origin or include, not {other:?}"))),
    };
    let shape = spec.format.as_deref().map(Shape::named).transpose().map_err(js_error)?;
    let how = fetch::Fetch {
        limits: Limits { max_rows: spec.max_rows, max_bytes: spec.max_bytes },
        on_progress: on_progress.as_ref(),
        signal: signal.as_ref(),
        credentials,
        hasher: hasher.as_ref(),
    };
    let demand = match Demand::choose(spec.events, spec.rollups, spec.snapshots).map_err(js_error)?.shaped(shape) {
        Demand::Events(url) => {
            let (loaded, origin) =
                fetch::fetch_into(&url, "events", EventLog::default(), &how, shape).await.map_err(js_error)?;
            (Demand::Events(loaded), origin)
        }
        Demand::Rollups(url) => {
            let (loaded, origin) =
                fetch::fetch_into(&url, "rollups", Rollups::default(), &how, shape).await.map_err(js_error)?;
            (Demand::Rollups(loaded), origin)
        }
        Demand::Snapshots(url) => {
            let (loaded, origin) =
                fetch::fetch_into(&url, "snapshots", Snapshots::default(), &how, shape).await.map_err(js_error)?;
            (Demand::Snapshots(loaded), origin)
        }
    };
    let registry = match spec.registry {
        Some(url) => {
            Some(fetch::fetch_into(&url, "registry", Registry::default(), &how, None).await.map_err(js_error)?)
        }
        None => None,
    };
    let mut inner = Dataset::assemble(demand, registry);
    inner.unit = shape.map(Shape::unit);
    Ok(JsDataset { inner })
}

/// Parses inputs handed over as bytes (`{events | rollups | snapshots: {source, bytes},
/// registry?, format?, maxRows?, maxBytes?}`, `bytes` a `Uint8Array`): the JS API's
/// `load()` with bytes, text, or URLs it fetched itself.
#[wasm_bindgen(js_name = loadBytes)]
pub fn load_bytes(spec: JsValue) -> Result<JsDataset, JsError> {
    let fetched_at = String::from(js_sys::Date::new_0().to_iso_string());
    let get = |name: &str| js_sys::Reflect::get(&spec, &name.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let input = |name: &str| -> Result<Option<(Origin, Vec<u8>)>, JsError> {
        let Some(value) = get(name) else { return Ok(None) };
        let source = js_sys::Reflect::get(&value, &"source".into()).ok().and_then(|s| s.as_string());
        let bytes = js_sys::Reflect::get(&value, &"bytes".into())
            .ok()
            .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok())
            .ok_or_else(|| js_error(format!("load: {name} is not bytes")))?;
        let origin = Origin { source: source.unwrap_or_else(|| "bytes".into()), fetched_at: fetched_at.clone() };
        Ok(Some((origin, bytes.to_vec())))
    };
    let inputs = OwnedInputs {
        events: input("events")?,
        rollups: input("rollups")?,
        snapshots: input("snapshots")?,
        registry: input("registry")?,
        shape: get("format").and_then(|f| f.as_string()).as_deref().map(Shape::named).transpose().map_err(js_error)?,
    };
    let limit = |name: &str| get(name).and_then(|v| v.as_f64()).filter(|n| *n >= 1.0).map(|n| n as u64);
    let limits = Limits { max_rows: limit("maxRows"), max_bytes: limit("maxBytes") };
    Ok(JsDataset { inner: Dataset::from_bodies(inputs.bodies(), limits).map_err(js_error)? })
}

/// The message of a JS error value.
fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// How the element asks for a chart: `{ chart, theme, stack, cohort, model, hidden,
/// colors: { name: "#rrggbb" }, locale }`, every field optional.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ViewSpec {
    chart: Option<String>,
    theme: Option<String>,
    stack: Option<String>,
    cohort: Option<String>,
    model: Option<String>,
    hidden: Vec<String>,
    colors: std::collections::BTreeMap<String, String>,
    /// A BCP 47 tag; numbers are written in its conventions.
    locale: Option<String>,
}

/// One chart on one canvas, with its interaction layer on a second canvas above it. It
/// keeps the report it shows and where its marks landed, so hovering and resizing never
/// recompute, and hovering never redraws the chart.
#[wasm_bindgen]
pub struct View {
    canvas: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    kind: ChartKind,
    options: ChartOptions,
    theme: Theme,
    report: Option<Report>,
    drawn: Drawn,
    /// CSS width, height and pixel ratio of the last draw.
    size: (u32, u32, f64),
}

#[wasm_bindgen]
impl View {
    /// A view drawing into `canvas`, with `overlay` stacked above it; `spec` as [`ViewSpec`].
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, overlay: HtmlCanvasElement, spec: JsValue) -> Result<View, JsError> {
        let spec: ViewSpec = if spec.is_undefined() || spec.is_null() {
            ViewSpec::default()
        } else {
            serde_wasm_bindgen::from_value(spec).map_err(|e| js_error(format!("chart options: {e}")))?
        };
        let name = spec.chart.as_deref().unwrap_or("overview");
        let kind = ChartKind::parse(name).ok_or_else(|| {
            let names: Vec<&str> = ChartKind::ALL.iter().map(|k| k.name()).collect();
            js_error(format!("unknown chart {name:?}; charts are {}", names.join(", ")))
        })?;
        let mut theme = Theme::named(spec.theme.as_deref().and_then(ThemeName::parse).unwrap_or_default());
        for (name, value) in &spec.colors {
            theme.set(name, value);
        }
        let cohort = match spec.cohort.as_deref() {
            None | Some("models") => Cohort::Models,
            Some("callers") => Cohort::Callers,
            Some(other) => return Err(js_error(format!("cohort is models or callers, not {other:?}"))),
        };
        let options = ChartOptions {
            stack_by_mode: spec.stack.as_deref() == Some("mode"),
            cohort,
            model: spec.model,
            hidden: spec.hidden,
            numbers: Numbers::for_locale(spec.locale.as_deref().unwrap_or("en")),
        };
        Ok(View { canvas, overlay, kind, options, theme, report: None, drawn: Drawn::default(), size: (0, 0, 1.0) })
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
        self.size = (width, height, dpr);
        let backend = canvas::HiDpiCanvas::new(&self.canvas, width, height, dpr)
            .ok_or_else(|| js_error("this canvas has no 2D context"))?;
        self.drawn = chart::draw(backend, report, self.kind, &self.options, &self.theme).map_err(js_error)?;
        self.paint_overlay(None, None)
    }

    /// The tooltip at `(x, y)` (CSS pixels) as `{index, x, y, title, lines}`, or `null`;
    /// draws the crosshair.
    pub fn hover(&self, x: f64, y: f64) -> Result<JsValue, JsError> {
        let Some(report) = &self.report else { return Ok(JsValue::NULL) };
        let tip = chart::tooltip(report, self.kind, &self.options, &self.drawn, x, y);
        self.show(tip)
    }

    /// The tooltip of target `index` (the arrow keys step through targets), or `null`.
    #[wasm_bindgen(js_name = hoverIndex)]
    pub fn hover_index(&self, index: i32) -> Result<JsValue, JsError> {
        let Some(report) = &self.report else { return Ok(JsValue::NULL) };
        let count = chart::target_count(report, self.kind, &self.drawn);
        if count == 0 {
            return self.show(None);
        }
        let index = index.clamp(0, count as i32 - 1) as usize;
        self.show(chart::describe(report, self.kind, &self.options, &self.drawn, index))
    }

    /// Hides the tooltip's crosshair.
    pub fn leave(&self) -> Result<(), JsError> {
        self.paint_overlay(None, None)
    }

    /// Shows the span being brushed, from `x0` to `x1` (CSS pixels).
    #[wasm_bindgen(js_name = brushMove)]
    pub fn brush_move(&self, x0: f64, x1: f64) -> Result<(), JsError> {
        self.paint_overlay(None, Some((x0, x1)))
    }

    /// The window a brush from `x0` to `x1` selects on a time chart, as `{from, to}`
    /// (`YYYY-MM-DD`), or `null` when it covers less than a day or the chart has no time axis.
    #[wasm_bindgen(js_name = brushEnd)]
    pub fn brush_end(&self, x0: f64, x1: f64) -> Result<JsValue, JsError> {
        self.paint_overlay(None, None)?;
        let (Some(report), Some(t)) = (&self.report, self.drawn.transform) else { return Ok(JsValue::NULL) };
        let Some(window) = report.window.filter(|_| self.kind.is_time()) else { return Ok(JsValue::NULL) };
        if (x1 - x0).abs() < 6.0 {
            return Ok(JsValue::NULL);
        }
        let last = f64::from(window.days - 1);
        let day = |x: f64| t.x_value(x).round().clamp(0.0, last) as i32;
        let (a, b) = (day(x0.min(x1)), day(x0.max(x1)));
        let range =
            serde_json::json!({ "from": window.from.plus(a).to_string(), "to": window.from.plus(b).to_string() });
        range.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
    }

    /// Toggles the legend entry at `(x, y)` and redraws; returns its key, or `null`.
    pub fn click(&mut self, x: f64, y: f64) -> Result<Option<String>, JsError> {
        let Some(hit) = self.drawn.legend.iter().find(|h| h.rect.contains(x, y)) else { return Ok(None) };
        let key = hit.key.to_owned();
        self.options.toggle(&key);
        let (w, h, dpr) = self.size;
        self.draw(w, h, dpr)?;
        Ok(Some(key))
    }

    /// Whether x is time (dragging narrows the window).
    #[wasm_bindgen(getter, js_name = isTime)]
    pub fn is_time(&self) -> bool {
        self.kind.is_time()
    }

    /// A one-sentence summary: the element's accessible name.
    pub fn summary(&self) -> String {
        self.report.as_ref().map_or_else(String::new, |r| chart::summary(r, self.kind, &self.options))
    }

    /// The figures as `{caption, columns, rows}` for screen readers.
    pub fn table(&self) -> Result<JsValue, JsError> {
        let Some(report) = &self.report else { return Ok(JsValue::NULL) };
        crate::export::table(report, self.kind, &self.options.numbers)
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(js_error)
    }

    /// Every figure as CSV (with the sources and their SHA-256).
    pub fn csv(&self) -> String {
        self.report.as_ref().map_or_else(String::new, crate::export::csv)
    }

    fn show(&self, tip: Option<chart::Tooltip>) -> Result<JsValue, JsError> {
        self.paint_overlay(tip.as_ref().and_then(|t| t.crosshair), None)?;
        match tip {
            Some(tip) => tip.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error),
            None => Ok(JsValue::NULL),
        }
    }

    fn paint_overlay(&self, crosshair: Option<f64>, brush: Option<(f64, f64)>) -> Result<(), JsError> {
        let (w, h, dpr) = self.size;
        if w == 0 || h == 0 {
            return Ok(());
        }
        let backend = canvas::HiDpiCanvas::new(&self.overlay, w, h, dpr)
            .ok_or_else(|| js_error("the overlay has no 2D context"))?;
        backend.clear();
        chart::draw_overlay(backend, &self.theme, &self.drawn, crosshair, brush).map_err(js_error)
    }
}
