//! The element's attributes, read by crate::element for JavaScript.

use super::errors::to_js;
use super::objects::{from_object, to_object};
use crate::chart::words::{Word, Words};
use crate::chart::ThemeName;
use crate::element::attributes::reader_words;
use crate::element::{ElementConfig, ThemeChoice, ATTRIBUTES};
use crate::text::quoted;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The attributes of one element, read: what to load, what to draw, when to fetch again.
#[wasm_bindgen]
pub struct Config {
    pub(super) inner: ElementConfig,
}

/// Reads `attributes` (`{name: value}`, URLs already absolute); `locale`: the reader's
/// language, for an element that names none; `language`: the words of the chart's language
/// (the JSON text of `pkg/words/<language>.json`), or nothing for English; `given`: the
/// element was handed its dataset. Throws an error of kind `attribute` that names the
/// attribute at fault.
#[wasm_bindgen(js_name = parseAttributes)]
pub fn parse_attributes(
    attributes: JsValue,
    locale: String,
    language: Option<String>,
    given: bool,
) -> Result<Config, JsValue> {
    let attributes: BTreeMap<String, String> = super::objects::from_object(attributes, "attributes")?;
    ElementConfig::parse(&attributes, &locale, language.as_deref(), given)
        .map(|inner| Config { inner })
        .map_err(|e| to_js(&e))
}

/// A word in the language of `table` (the JSON text of `pkg/words/<language>.json`; English
/// without one), its blanks filled from `values` (`{name: text}`): what the element says
/// before its attributes are read, or when they make no sense.
#[wasm_bindgen(js_name = sayIn)]
pub fn say_in(table: Option<String>, key: &str, values: JsValue) -> Result<String, JsValue> {
    say(&reader_words("", table.as_deref(), None).unwrap_or_default(), key, values)
}

/// `key`'s text among `words`, its blanks filled from `values`; an unknown key throws.
fn say(words: &Words, key: &str, values: JsValue) -> Result<String, JsValue> {
    let word =
        Word::of_key(key).ok_or_else(|| JsValue::from_str(&format!("hubpulse: no word is called {}", quoted(key))))?;
    let values: BTreeMap<String, String> = from_object(values, "values")?;
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Ok(words.fill(word, &values))
}

/// The languages whose words ship beside the wasm (`pkg/words/<language>.json`).
#[wasm_bindgen]
pub fn languages() -> Vec<String> {
    crate::chart::words::LANGUAGES.iter().map(|&l| l.to_owned()).collect()
}

/// The attributes the element reads (its `observedAttributes`).
#[wasm_bindgen(js_name = attributeNames)]
pub fn attribute_names() -> Vec<String> {
    ATTRIBUTES.iter().map(|&a| a.to_owned()).collect()
}

#[wasm_bindgen]
impl Config {
    /// A word of the chart's language with its blanks filled from `values` (`{name: text}`):
    /// the element's own words around the chart (docs/charts.md#words).
    pub fn say(&self, key: &str, values: JsValue) -> Result<String, JsValue> {
        say(&self.inner.chart.options.locale.words, key, values)
    }

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

    /// Whether the widget is dark when the reader's system is dark or not: its chart, and
    /// before there is one, its words of loading or of an error.
    #[wasm_bindgen(js_name = darkTheme)]
    pub fn dark_theme(&self, system_dark: bool) -> bool {
        self.inner.chart.theme.name(system_dark) == ThemeName::Dark
    }

    /// The chart's name.
    #[wasm_bindgen(getter)]
    pub fn chart(&self) -> String {
        self.inner.chart.kind.name().to_owned()
    }
}
