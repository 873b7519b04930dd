//! The `<hub-pulse>` element's attributes (docs/embedding.md), read into what to load,
//! what to draw and when to fetch again, with an error that names the attribute when a
//! value makes no sense. The element passes its attributes here as they are (URLs made
//! absolute), so every rule lives in one place with native tests.

use crate::chart::words::{self, Words};
use crate::chart::{By, ChartKind, ChartOptions, Cohort, Locale, ThemeName};
use crate::error::Error;
use crate::input::json_object::read_texts;
use crate::input::{Limits, Shape};
use crate::metrics::ReportOptions;
use crate::number::parse_f64;
use crate::report::Filter;
use crate::text::quoted;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What to load: files by URL, or a chain through a JSON-RPC node. Plain data, so that it
/// can go to a worker and serve as the key under which widgets share one dataset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadSpec {
    /// URL of inference events (`src`).
    pub events: Option<String>,
    /// URL of daily rollups.
    pub rollups: Option<String>,
    /// URL of counter snapshots.
    pub snapshots: Option<String>,
    /// URL of the model registry.
    pub registry: Option<String>,
    /// A hub's own document shape for the demand input (`format`).
    pub format: Option<String>,
    /// Refuse an input of more rows (`max-rows`).
    pub max_rows: Option<u64>,
    /// Refuse an input of more bytes (`max-bytes`).
    pub max_bytes: Option<u64>,
    /// Whether the requests carry cookies (`omit` when absent).
    pub credentials: Option<Credentials>,
    /// Read inference events from a chain instead of files.
    pub chain: Option<ChainSpec>,
}

/// Whether the requests carry cookies, as `fetch`'s `credentials` says it. Read from the
/// attribute and from a script's `load({credentials})` by one rule, whose message names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", try_from = "String")]
pub enum Credentials {
    /// No cookies (the default: a widget's data is public).
    #[default]
    Omit,
    /// Cookies to the page's own origin.
    SameOrigin,
    /// Cookies to any origin (a hub behind a login).
    Include,
}

impl TryFrom<String> for Credentials {
    type Error = String;

    fn try_from(text: String) -> Result<Credentials, String> {
        match text.trim() {
            "omit" => Ok(Credentials::Omit),
            "same-origin" => Ok(Credentials::SameOrigin),
            "include" => Ok(Credentials::Include),
            other => Err(format!("credentials is omit, same-origin or include, not {}", quoted(other))),
        }
    }
}

/// A chain to read: the node, the first block and optionally the last, and the contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainSpec {
    /// The node's URL.
    pub rpc: String,
    /// The first block to read.
    pub from_block: u64,
    /// The last block to read; `None`: up to the head, and on at each refresh.
    pub to_block: Option<u64>,
    /// The emitting contract, when not OpenGradient's precompile.
    pub address: Option<String>,
    /// How far below the last block read a reorganisation is looked for, when not the
    /// default (docs/sources.md#reorganisations).
    pub reorg_depth: Option<u64>,
}

impl LoadSpec {
    /// The limits it asks for.
    pub fn limits(&self) -> Limits {
        Limits { max_rows: self.max_rows, max_bytes: self.max_bytes }
    }

    /// The hub document shape it names, if any.
    pub fn shape(&self) -> Result<Option<Shape>, Error> {
        self.format.as_deref().map(Shape::named).transpose()
    }
}

/// The theme the element asks for: one of the designed ones, or the reader's system's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follows `prefers-color-scheme`, live.
    Auto,
    /// One of the designed themes, whatever the system says.
    Fixed(ThemeName),
}

impl ThemeChoice {
    /// The theme drawn when the reader's system is dark or not.
    pub fn name(self, system_dark: bool) -> ThemeName {
        match self {
            ThemeChoice::Fixed(name) => name,
            ThemeChoice::Auto if system_dark => ThemeName::Dark,
            ThemeChoice::Auto => ThemeName::Light,
        }
    }
}

/// Which chart, and how it looks: the attributes that change what is drawn but not what is
/// loaded (also the options of `hubpulse render`).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartConfig {
    /// Which chart (`chart`).
    pub kind: ChartKind,
    /// How the chart looks (`stack`, `cohort`, `model`, `locale`).
    pub options: ChartOptions,
    /// Light, dark or the system's (`theme`).
    pub theme: ThemeChoice,
    /// A leaderboard's row opens its model's card instead of filtering by it
    /// (`row-click="card"`).
    pub cards: bool,
}

/// Every attribute of one element, read.
#[derive(Clone, Debug, PartialEq)]
pub struct ElementConfig {
    /// What to load; `None` when the element is given its dataset by script and names no
    /// source of its own.
    pub load: Option<LoadSpec>,
    /// What to draw.
    pub chart: ChartConfig,
    /// The window (`range`, `from`, `to`), the unit, the first-party apps, the filter and the
    /// period compared with.
    pub report: ReportOptions,
    /// `refresh`: milliseconds between fetches, `None` for never.
    pub refresh_ms: Option<u32>,
    /// `timeout`: milliseconds without a byte before a download fails.
    pub idle_timeout_ms: u32,
    /// `deadline`: milliseconds a whole load may take, retries included.
    pub deadline_ms: u32,
}

/// The longest delay a browser's timers keep: 2³¹ − 1 ms (about 24.8 days). A longer one
/// fires at once, so every delay is clamped to it.
pub const MAX_DELAY_MS: u32 = i32::MAX as u32;
/// `timeout` unless set: seconds without a byte.
pub const DEFAULT_IDLE_SECONDS: f64 = 30.0;
/// `deadline` unless set: seconds for a whole load.
pub const DEFAULT_DEADLINE_SECONDS: f64 = 300.0;

/// The attributes the element reads; any other is the page's own business.
pub const ATTRIBUTES: [&str; 35] = [
    "src",
    "rollups",
    "snapshots",
    "registry",
    "format",
    "source",
    "rpc",
    "from-block",
    "to-block",
    "address",
    "reorg-depth",
    "max-rows",
    "max-bytes",
    "credentials",
    "chart",
    "theme",
    "range",
    "from",
    "to",
    "model",
    "stack",
    "cohort",
    "by",
    "locale",
    "words",
    "unit",
    "first-party",
    "filter",
    "compare",
    "row-click",
    // Read by the page's script alone: widgets of one group share their window and filter,
    // and `sync-url` keeps them in the page's URL.
    "group",
    "sync-url",
    "refresh",
    "timeout",
    "deadline",
];

impl ElementConfig {
    /// Reads the attributes `attributes` (name → value); `locale` is the reader's language,
    /// used when the element names none; `language`: that language's table of words as the
    /// page fetched it (natively, `None` takes the one compiled in); `given`: the element was
    /// handed its dataset by script, so it needs no source.
    pub fn parse(
        attributes: &BTreeMap<String, String>,
        locale: &str,
        language: Option<&str>,
        given: bool,
    ) -> Result<ElementConfig, Error> {
        let get = |name: &str| attributes.get(name).map(String::as_str);
        // A text that says something: trimmed, and absent when blank.
        let text = |name: &str| get(name).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
        let load = match load_spec(&get) {
            Err(Error::Attribute(reason)) if given && reason == NO_SOURCE => None,
            other => Some(other?),
        };
        let chart = ChartConfig::parse(attributes, locale, language)?;
        let report = ReportOptions {
            from: get("from").map(str::to_owned),
            to: get("to").map(str::to_owned),
            range: get("range").map(str::to_owned),
            first_party: get("first-party")
                .map(|apps| apps.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect())
                .unwrap_or_default(),
            unit: text("unit"),
            filter: get("filter").map(filter).transpose()?.unwrap_or_default(),
            compare: text("compare"),
        };
        let refresh_ms = get("refresh").map(|s| seconds("refresh", s, 1.0)).transpose()?;
        let idle_timeout_ms = get("timeout").map_or(Ok(to_ms(DEFAULT_IDLE_SECONDS)), |s| seconds("timeout", s, 1.0))?;
        let deadline_ms =
            get("deadline").map_or(Ok(to_ms(DEFAULT_DEADLINE_SECONDS)), |s| seconds("deadline", s, 1.0))?;
        Ok(ElementConfig { load, chart, report, refresh_ms, idle_timeout_ms, deadline_ms })
    }
}

/// The reader's words: English, then `language`'s table (`table` as the page fetched it, else
/// the one compiled in), then the page's own (`words`: a JSON object of texts by key,
/// docs/charts.md#words). A table that does not read is passed over (the reader gets English
/// words, not an error); a page's words that do not are an error that says why.
pub fn reader_words(language: &str, table: Option<&str>, page: Option<&str>) -> Result<Words, Error> {
    let table = table.or_else(|| words::shipped(language)).and_then(|t| read_texts(t).ok()).unwrap_or_default();
    let page = match page.map(str::trim).filter(|p| !p.is_empty()) {
        None => BTreeMap::new(),
        Some(text) => {
            read_texts(text).map_err(|e| attribute(format!("words is a JSON object of texts by their keys ({e})")))?
        }
    };
    Words::with(&[&table, &page]).map_err(|e| attribute(format!("words: {e}")))
}

impl ChartConfig {
    /// Reads the chart's attributes (`chart`, `cohort`, `stack`, `by`, `model`, `locale`,
    /// `words`, `theme`, `row-click`) among `attributes`; `locale`: the reader's language, and `language`
    /// its table of words as fetched (see [`ElementConfig::parse`]).
    pub fn parse(
        attributes: &BTreeMap<String, String>,
        locale: &str,
        language: Option<&str>,
    ) -> Result<ChartConfig, Error> {
        let get = |name: &str| attributes.get(name).map(String::as_str);
        let name = get("chart").unwrap_or("overview");
        let kind = ChartKind::parse(name).ok_or_else(|| {
            let names: Vec<&str> = ChartKind::ALL.iter().map(|k| k.name()).collect();
            attribute(format!("unknown chart {}; charts are {}", quoted(name), names.join(", ")))
        })?;
        let cohort = match get("cohort").map(str::trim) {
            None | Some("models") => Cohort::Models,
            Some("callers") => Cohort::Callers,
            Some(other) => return Err(attribute(format!("cohort is models or callers, not {}", quoted(other)))),
        };
        let stack_by_mode = match get("stack").map(str::trim) {
            None | Some("") => false,
            Some("mode") => true,
            Some(other) => return Err(attribute(format!("stack is mode or absent, not {}", quoted(other)))),
        };
        let by = match get("by").map(str::trim) {
            None | Some("") => By::Model,
            Some(name) => {
                let by = By::parse(name)
                    .ok_or_else(|| attribute(format!("by is model, owner, category or mode, not {}", quoted(name))))?;
                if kind == ChartKind::Leaderboard && !matches!(by, By::Model | By::Owner) {
                    return Err(attribute(format!("by is model or owner for a leaderboard, not {}", quoted(name))));
                }
                by
            }
        };
        let locale = get("locale").unwrap_or(locale);
        let mut reader = Locale::for_locale(locale);
        reader.words = reader_words(&Locale::language(locale), language, get("words"))?;
        let options = ChartOptions {
            stack_by_mode,
            by,
            cohort,
            model: get("model").map(str::to_owned),
            hidden: Vec::new(),
            locale: reader,
            chips: true,
        };
        let theme = match get("theme").map(str::trim) {
            None | Some("auto") => ThemeChoice::Auto,
            Some(name) => ThemeChoice::Fixed(
                ThemeName::parse(name)
                    .ok_or_else(|| attribute(format!("theme is auto, light or dark, not {}", quoted(name))))?,
            ),
        };
        let cards = match get("row-click").map(str::trim) {
            None | Some("" | "filter") => false,
            Some("card") => true,
            Some(other) => return Err(attribute(format!("row-click is filter or card, not {}", quoted(other)))),
        };
        // The share of each mode is the verification chart.
        let kind = if kind == ChartKind::Share && by == By::Mode { ChartKind::Verification } else { kind };
        Ok(ChartConfig { kind, options, theme, cards })
    }
}

/// What an element that names nothing to load is told.
const NO_SOURCE: &str =
    "Set the src attribute to the URL of an events file (or rollups, or snapshots), or source=\"evm\".";

fn attribute(reason: String) -> Error {
    Error::Attribute(reason)
}

/// What the attributes ask to load.
fn load_spec<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> Result<LoadSpec, Error> {
    let url = |name: &str| get(name).map(str::trim).filter(|u| !u.is_empty()).map(str::to_owned);
    let mut spec = LoadSpec {
        events: url("src"),
        rollups: url("rollups"),
        snapshots: url("snapshots"),
        registry: url("registry"),
        format: None,
        max_rows: get("max-rows").map(|v| whole("max-rows", v, "rows")).transpose()?,
        max_bytes: get("max-bytes").map(|v| whole("max-bytes", v, "bytes")).transpose()?,
        credentials: None,
        chain: None,
    };
    match get("source").map(str::trim) {
        None | Some("") => {}
        Some("evm") => {
            if spec.events.is_some() || spec.rollups.is_some() || spec.snapshots.is_some() {
                return Err(attribute("source=\"evm\" reads the chain: leave out src, rollups and snapshots.".into()));
            }
            let rpc =
                url("rpc").ok_or_else(|| attribute("source=\"evm\" needs rpc, the URL of a JSON-RPC node.".into()))?;
            let block = |name: &str| get(name).map(|v| block(name, v)).transpose();
            let from_block = block("from-block")?
                .ok_or_else(|| attribute("source=\"evm\" needs from-block, the first block to read.".into()))?;
            let (to_block, reorg_depth) = (block("to-block")?, block("reorg-depth")?);
            let chain = ChainSpec { rpc, from_block, to_block, address: url("address"), reorg_depth };
            spec.chain = Some(chain);
            return Ok(spec);
        }
        Some(other) => {
            return Err(attribute(format!("source is \"evm\" (a chain) or absent (files), not {}.", quoted(other))));
        }
    }
    if spec.events.is_none() && spec.rollups.is_none() && spec.snapshots.is_none() {
        return Err(attribute(NO_SOURCE.into()));
    }
    spec.format = get("format").map(str::to_owned);
    spec.shape()?;
    // `omit` is said by leaving it out, so that widgets that differ only by it share a load.
    let credentials = get("credentials").map(|c| Credentials::try_from(c.to_owned())).transpose().map_err(attribute)?;
    spec.credentials = credentials.filter(|&c| c != Credentials::Omit);
    Ok(spec)
}

/// What `filter` reads: `dimension=value` pairs joined by `&`, as in a URL's query (so a
/// value may be percent-encoded, and `+` is a space), a dimension named again for each of
/// several values: `owner=acme&category=chat` (docs/embedding.md#filters).
fn filter(text: &str) -> Result<Filter, Error> {
    let mut filter = Filter::default();
    for pair in text.split('&').map(str::trim).filter(|p| !p.is_empty()) {
        let form = || {
            attribute(format!(
                "filter is dimension=value pairs joined by &, such as owner=acme&category=chat, not {}",
                quoted(pair)
            ))
        };
        let (name, value) = pair.split_once('=').ok_or_else(form)?;
        let name = name.trim();
        let values = filter.values_mut(name).ok_or_else(|| {
            attribute(format!("filter keeps by model, owner, category, mode, kind or app, not by {}", quoted(name)))
        })?;
        let value = decoded(value.trim()).filter(|v| !v.is_empty()).ok_or_else(form)?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Ok(filter)
}

/// A URL query's value decoded: `%XX` is a byte, `+` a space; `None` when a `%` is not
/// followed by two hex digits or the bytes are not UTF-8.
fn decoded(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.bytes();
    while let Some(b) = rest.next() {
        bytes.push(match b {
            b'+' => b' ',
            b'%' => {
                let hex = [rest.next()?, rest.next()?];
                u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?
            }
            b => b,
        });
    }
    String::from_utf8(bytes).ok()
}

/// A whole number ≥ 1 that JavaScript holds exactly (a limit).
fn whole(name: &str, text: &str, unit: &str) -> Result<u64, Error> {
    match parse_f64(text.trim()) {
        Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => Ok(n as u64),
        _ => Err(attribute(format!("{name} must be a whole number of {unit} ≥ 1, not {}.", quoted(text)))),
    }
}

/// A block number ≥ 0.
fn block(name: &str, text: &str) -> Result<u64, Error> {
    match parse_f64(text.trim()) {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => Ok(n as u64),
        _ => Err(attribute(format!("{name} must be a block number ≥ 0, not {}.", quoted(text)))),
    }
}

/// Seconds as milliseconds, at least `least` seconds and at most what a timer can wait.
fn seconds(name: &str, text: &str, least: f64) -> Result<u32, Error> {
    match parse_f64(text.trim()) {
        Some(s) if s > 0.0 => Ok(to_ms(s.max(least))),
        _ => Err(attribute(format!("{name} must be a number of seconds > 0, not {}.", quoted(text)))),
    }
}

fn to_ms(seconds: f64) -> u32 {
    (seconds * 1000.0).min(f64::from(MAX_DELAY_MS)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<ElementConfig, String> {
        let map = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        ElementConfig::parse(&map, "en-US", None, false).map_err(|e| e.to_string())
    }

    #[test]
    fn the_share_by_mode_is_the_verification_chart_and_a_leaderboard_ranks_models_or_owners() {
        let chart = |pairs: &[(&str, &str)]| parse(&[&[("src", "e.ndjson")], pairs].concat()).map(|c| c.chart);
        let by_mode = chart(&[("chart", "share"), ("by", "mode")]).unwrap();
        assert_eq!((by_mode.kind, by_mode.options.by), (ChartKind::Verification, By::Mode));
        let by_owner = chart(&[("chart", "share"), ("by", " owner ")]).unwrap();
        assert_eq!((by_owner.kind, by_owner.options.by), (ChartKind::Share, By::Owner));
        assert_eq!(chart(&[("chart", "leaderboard"), ("by", "owner")]).unwrap().options.by, By::Owner);
        let refused = chart(&[("chart", "leaderboard"), ("by", "category")]).unwrap_err();
        assert_eq!(refused, "by is model or owner for a leaderboard, not \"category\"");
    }

    #[test]
    fn a_source_file_is_all_it_takes() {
        let c = parse(&[("src", "https://hub/e.ndjson")]).unwrap();
        assert_eq!(c.load.and_then(|l| l.events).as_deref(), Some("https://hub/e.ndjson"));
        assert_eq!((c.chart.kind, c.chart.theme), (ChartKind::Overview, ThemeChoice::Auto));
        assert_eq!((c.refresh_ms, c.idle_timeout_ms, c.deadline_ms), (None, 30_000, 300_000));
        assert_eq!(parse(&[]).unwrap_err(), NO_SOURCE);
        let given =
            ElementConfig::parse(&BTreeMap::from([("chart".into(), "model".into())]), "en", None, true).unwrap();
        assert_eq!(given.load, None, "a dataset handed over by script needs no source");
    }

    #[test]
    fn every_bad_value_names_its_attribute() {
        let src = ("src", "e.ndjson");
        let cases: [(&str, &str, &str); 12] = [
            ("chart", "pie", "unknown chart \"pie\"; charts are overview, volume"),
            ("cohort", "planets", "cohort is models or callers, not \"planets\""),
            ("stack", "model", "stack is mode or absent, not \"model\""),
            ("row-click", "open", "row-click is filter or card, not \"open\""),
            ("by", "planet", "by is model, owner, category or mode, not \"planet\""),
            ("theme", "sepia", "theme is auto, light or dark, not \"sepia\""),
            ("max-rows", "0", "max-rows must be a whole number of rows ≥ 1, not \"0\"."),
            ("max-bytes", "1.5", "max-bytes must be a whole number of bytes ≥ 1, not \"1.5\"."),
            ("refresh", "soon", "refresh must be a number of seconds > 0, not \"soon\"."),
            ("timeout", "-1", "timeout must be a number of seconds > 0, not \"-1\"."),
            ("credentials", "all", "credentials is omit, same-origin or include, not \"all\""),
            ("format", "csv", "format \"csv\" is not a shape hubpulse reads"),
        ];
        for (name, value, reason) in cases {
            let error = parse(&[src, (name, value)]).unwrap_err();
            assert!(error.contains(reason), "{name}={value}: {error}");
        }
    }

    #[test]
    fn a_bad_value_is_quoted_short_and_visible() {
        let long = "x".repeat(100_000);
        let error = parse(&[("src", "e.ndjson"), ("theme", &long)]).unwrap_err();
        assert!(error.contains("not \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\""), "{error}");
        let error = parse(&[("src", "e.ndjson"), ("stack", "mode\u{202e}txt")]).unwrap_err();
        assert!(error.contains("not \"mode\\u{202e}txt\""), "{error}");
    }

    #[test]
    fn delays_are_clamped_to_what_a_browser_timer_can_wait() {
        let c = parse(&[("src", "e"), ("refresh", "2200000"), ("timeout", "3000000"), ("deadline", "0.2")]).unwrap();
        assert_eq!((c.refresh_ms, c.idle_timeout_ms), (Some(MAX_DELAY_MS), MAX_DELAY_MS));
        assert_eq!(c.deadline_ms, 1_000, "at least a second");
        assert_eq!(parse(&[("src", "e"), ("refresh", "0.01")]).unwrap().refresh_ms, Some(1_000));
    }

    #[test]
    fn the_chain_source_needs_a_node_and_a_first_block_and_no_files() {
        let chain = [("source", "evm"), ("rpc", "http://node"), ("from-block", "12"), ("to-block", "40")];
        let c = parse(&chain).unwrap();
        let spec = c.load.and_then(|l| l.chain).unwrap();
        assert_eq!((spec.from_block, spec.to_block, spec.reorg_depth), (12, Some(40), None));
        let deep = parse(&[("source", "evm"), ("rpc", "x"), ("from-block", "1"), ("reorg-depth", "128")]).unwrap();
        assert_eq!(deep.load.and_then(|l| l.chain).unwrap().reorg_depth, Some(128));
        assert_eq!(parse(&chain[..2]).unwrap_err(), "source=\"evm\" needs from-block, the first block to read.");
        assert_eq!(
            parse(&[("source", "evm"), ("from-block", "1")]).unwrap_err(),
            "source=\"evm\" needs rpc, the URL of a JSON-RPC node."
        );
        assert!(parse(&[("source", "evm"), ("rpc", "x"), ("from-block", "1"), ("src", "e")])
            .is_err_and(|e| e.contains("leave out src")));
        assert_eq!(
            parse(&[("source", "chain")]).unwrap_err(),
            "source is \"evm\" (a chain) or absent (files), not \"chain\"."
        );
        assert_eq!(
            parse(&[("source", "evm"), ("rpc", "x"), ("from-block", "-3")]).unwrap_err(),
            "from-block must be a block number ≥ 0, not \"-3\"."
        );
    }

    #[test]
    fn the_window_unit_and_first_party_apps_go_to_the_report() {
        let c = parse(&[("src", "e"), ("range", "30d"), ("unit", "runs"), ("first-party", "studio, flows,")]).unwrap();
        assert_eq!(c.report.range.as_deref(), Some("30d"));
        assert_eq!(c.report.unit.as_deref(), Some("runs"));
        assert_eq!(c.report.first_party, ["studio", "flows"]);
    }

    #[test]
    fn a_filter_reads_as_a_url_query_and_says_what_it_expects() {
        let filter = |text: &str| parse(&[("src", "e"), ("filter", text)]).map(|c| c.report.filter);
        let read =
            filter(" owner=Acme%20Labs & category=text+generation&owner=0xAB&owner=0xAB&model=a%2Fb%C3%A9 ").unwrap();
        assert_eq!(read.owner, ["Acme Labs", "0xAB"], "each value once");
        assert_eq!((read.category, read.model), (vec!["text generation".to_owned()], vec!["a/bé".to_owned()]));
        assert!(filter("").unwrap().is_empty());
        let form = "filter is dimension=value pairs joined by &, such as owner=acme&category=chat";
        for nonsense in ["acme", "owner=", "owner=%zz", "owner=%E2%82", "owner=%4"] {
            let error = filter(nonsense).unwrap_err();
            assert!(error.starts_with(form) && error.contains(&format!("{nonsense:?}")), "{nonsense}: {error}");
        }
        assert_eq!(filter("app=studio").unwrap().app, ["studio"]);
        assert_eq!(
            filter("maker=studio").unwrap_err(),
            "filter keeps by model, owner, category, mode, kind or app, not by \"maker\""
        );
    }
}
