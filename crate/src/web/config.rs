//! The element's attributes, read by crate::element for JavaScript.

use super::errors::to_js;
use super::objects::to_object;
use crate::element::{ElementConfig, ThemeChoice, ATTRIBUTES};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The attributes of one element, read: what to load, what to draw, when to fetch again.
#[wasm_bindgen]
pub struct Config {
    pub(super) inner: ElementConfig,
}

/// Reads `attributes` (`{name: value}`, URLs already absolute); `locale`: the reader's
/// language, for an element that names none; `given`: the element was handed its dataset.
/// Throws an error of kind `attribute` that names the attribute at fault.
#[wasm_bindgen(js_name = parseAttributes)]
pub fn parse_attributes(attributes: JsValue, locale: String, given: bool) -> Result<Config, JsValue> {
    let attributes: BTreeMap<String, String> = super::objects::from_object(attributes, "attributes")?;
    ElementConfig::parse(&attributes, &locale, given).map(|inner| Config { inner }).map_err(|e| to_js(&e))
}

/// The attributes the element reads (its `observedAttributes`).
#[wasm_bindgen(js_name = attributeNames)]
pub fn attribute_names() -> Vec<String> {
    ATTRIBUTES.iter().map(|&a| a.to_owned()).collect()
}

#[wasm_bindgen]
impl Config {
    /// What to load, as a plain object for `loadUrls` or `ChainScan`.
    #[wasm_bindgen(getter)]
    pub fn load(&self) -> Result<JsValue, JsValue> {
        to_object(&self.inner.load)
    }

    /// The key under which widgets that load the same inputs share one dataset.
    #[wasm_bindgen(getter, js_name = loadKey)]
    pub fn load_key(&self) -> String {
        serde_json::to_string(&self.inner.load).unwrap_or_default()
    }

    /// Whether it reads a chain rather than files.
    #[wasm_bindgen(getter, js_name = isChain)]
    pub fn is_chain(&self) -> bool {
        self.inner.load.as_ref().is_some_and(|l| l.chain.is_some())
    }

    /// Milliseconds between fetches (`refresh`), or `undefined`.
    #[wasm_bindgen(getter, js_name = refreshMs)]
    pub fn refresh_ms(&self) -> Option<u32> {
        self.inner.refresh_ms
    }

    /// Milliseconds without a byte before a download fails (`timeout`).
    #[wasm_bindgen(getter, js_name = idleTimeoutMs)]
    pub fn idle_timeout_ms(&self) -> u32 {
        self.inner.idle_timeout_ms
    }

    /// Milliseconds a whole load may take, retries included (`deadline`).
    #[wasm_bindgen(getter, js_name = deadlineMs)]
    pub fn deadline_ms(&self) -> u32 {
        self.inner.deadline_ms
    }

    /// Whether the theme follows the reader's system (`theme="auto"`, the default).
    #[wasm_bindgen(getter, js_name = themeAuto)]
    pub fn theme_auto(&self) -> bool {
        self.inner.chart.theme == ThemeChoice::Auto
    }

    /// The chart's name.
    #[wasm_bindgen(getter)]
    pub fn chart(&self) -> String {
        self.inner.chart.kind.name().to_owned()
    }
}
