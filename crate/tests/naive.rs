//! A second, deliberately naive implementation of docs/metrics.md, checked against every
//! figure of the engine's report on random hubs.
//!
//! The naive side is written from the words of docs/metrics.md and docs/inputs.md (with
//! their "where the contract is silent" decisions), without looking at the engine's metrics:
//! two independent readings that agree on many random inputs are far likelier to both be
//! right than one checked against a few hand-worked examples. It favours being obviously
//! right over being fast: one filter over all events per figure, sets, maps and sorting,
//! integer arithmetic wherever a definition is a count.
//!
//! The inputs exercise the parts of docs/inputs.md#events that change figures: every `ts` form (offsets
//! that move the UTC day, fractions, epoch seconds and milliseconds), `0x` callers in mixed
//! case (one caller) next to other names that differ only in case (two callers), modes in
//! any case, failed calls, and a registry whose owners are callers (self-calls), with
//! listed-but-idle models and models listed after the window.

use hubpulse::{Dataset, Inputs, Report, ReportOptions};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};

const SECONDS_PER_DAY: i64 = 86_400;

/// Models that events name; `m` and `M` are two models (ids are compared exactly).
const MODELS: [&str; 6] = ["og/llm-a", "og/llm-b", "og/ml-risk", "QmCid1", "m", "M"];
/// Models only the registry names: listed, never used.
const IDLE_MODELS: [&str; 2] = ["og/never-used-1", "og/never-used-2"];
/// Callers and owners. The `0x` spellings of one address are one caller (docs/inputs.md#events); `alice`
/// and `Alice` are not hex addresses, so they stay two.
const CALLERS: [&str; 9] = ["0xAB12", "0xab12", "0xaB12", "0xDEADbeef", "0xdeadBEEF", "0x7", "alice", "Alice", "bob"];
/// Modes as a hub might spell them: case does not matter, `fhe` is `other`.
const MODES: [&str; 7] = ["vanilla", "Vanilla", "TEE", "tee", "zkml", "ZKML", "fhe"];
const APPS: [&str; 4] = ["og-studio", "og-flows", "third-party", "Third-Party"];
/// First-party candidates, including one app no event names.
const FIRST_PARTY: [&str; 3] = ["og-studio", "og-flows", "ghost-app"];
const DISPLAY_NAMES: [&str; 2] = ["Alpha", "Beta"];
/// Registry categories (docs/metrics.md#by-owner-and-by-category).
const CATEGORIES: [&str; 3] = ["llm", "vision", "risk"];
/// The report's modes, in the order of its `by_mode` fields.
const MODE_KEYS: [&str; 5] = ["vanilla", "tee", "zkml", "other", "unknown"];

// ---------------------------------------------------------------------------------------
// Calendar arithmetic, written here rather than borrowed from the engine's `Day`, and
// another way: by walking whole years and months from 1970, as a person counts, where the
// engine uses H. Hinnant's closed formulas. A wrong day in one cannot hide behind the same
// wrong day in the other.

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_lengths(year: i64) -> [i64; 12] {
    [31, if is_leap(year) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
}

/// Days since 1970-01-01 of a date from 1970 on.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let years: i64 = (1970..year).map(|y| if is_leap(y) { 366 } else { 365 }).sum();
    let months: i64 = month_lengths(year)[..(month - 1) as usize].iter().sum();
    years + months + day - 1
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(mut days: i64) -> (i64, i64, i64) {
    let mut year = 1970;
    while days >= if is_leap(year) { 366 } else { 365 } {
        days -= if is_leap(year) { 366 } else { 365 };
        year += 1;
    }
    let mut month = 1;
    for length in month_lengths(year) {
        if days < length {
            break;
        }
        days -= length;
        month += 1;
    }
    (year, month, days + 1)
}

/// `YYYY-MM-DD`, the report's form of a day.
fn day_string(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDThh:mm:ss` of a wall-clock instant.
fn date_time(seconds: i64) -> String {
    let of_day = seconds.rem_euclid(SECONDS_PER_DAY);
    let (h, m, s) = (of_day / 3600, of_day / 60 % 60, of_day % 60);
    format!("{}T{h:02}:{m:02}:{s:02}", day_string(seconds.div_euclid(SECONDS_PER_DAY)))
}

/// The day every generated day counts from: 2026-03-01.
fn base_day() -> i64 {
    days_from_civil(2026, 3, 1)
}

/// The Monday that starts `day`'s week (1970-01-01 was a Thursday).
fn week_start(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

// ---------------------------------------------------------------------------------------
// Generated inputs.

/// How a time is written (docs/inputs.md#events `ts`).
#[derive(Clone, Debug)]
enum TsForm {
    /// `2026-03-05T10:00:00Z`
    Utc,
    /// `2026-03-05T10:00:00.123Z`
    Millis(u32),
    /// Local wall-clock time with an offset of this many minutes east of UTC.
    Offset(i64),
    /// `2026-03-05`, midnight UTC (the instant is generated at midnight).
    DateOnly,
    EpochSeconds,
    /// Epoch seconds with a fraction: a number is a number.
    EpochFraction,
    /// Epoch milliseconds, with this many extra milliseconds.
    EpochMillis(u32),
}

/// An instant (whole seconds since the epoch, UTC) and how it is written.
#[derive(Clone, Debug)]
struct Time {
    seconds: i64,
    form: TsForm,
}

impl Time {
    /// The UTC day of the instant: what every metric counts in.
    fn day(&self) -> i64 {
        self.seconds.div_euclid(SECONDS_PER_DAY)
    }

    fn to_json(&self) -> Value {
        match self.form {
            TsForm::Utc => json!(format!("{}Z", date_time(self.seconds))),
            TsForm::Millis(ms) => json!(format!("{}.{ms:03}Z", date_time(self.seconds))),
            TsForm::Offset(minutes) => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
                json!(format!("{}{sign}{h:02}:{m:02}", date_time(self.seconds + minutes * 60)))
            }
            TsForm::DateOnly => json!(day_string(self.day())),
            TsForm::EpochSeconds => json!(self.seconds),
            TsForm::EpochFraction => json!(self.seconds as f64 + 0.25),
            TsForm::EpochMillis(ms) => json!(self.seconds * 1000 + i64::from(ms)),
        }
    }
}

/// A time on one of `days` (counted from 2026-03-01), in any of the forms of docs/inputs.md#events.
fn time(days: std::ops::Range<i64>) -> impl Strategy<Value = Time> {
    let form = prop_oneof![
        3 => Just(TsForm::Utc),
        1 => (0u32..1000).prop_map(TsForm::Millis),
        3 => (-48i64..=56).prop_map(|quarters| TsForm::Offset(quarters * 15)),
        1 => Just(TsForm::DateOnly),
        1 => Just(TsForm::EpochSeconds),
        1 => Just(TsForm::EpochFraction),
        1 => (0u32..1000).prop_map(TsForm::EpochMillis),
    ];
    (days, 0..SECONDS_PER_DAY, form).prop_map(|(day, second, form)| {
        let second = if matches!(form, TsForm::DateOnly) { 0 } else { second };
        Time { seconds: (base_day() + day) * SECONDS_PER_DAY + second, form }
    })
}

/// One inference event; `None` is a field left out of the record.
#[derive(Clone, Debug)]
struct Event {
    ts: Time,
    model: &'static str,
    caller: Option<&'static str>,
    mode: Option<&'static str>,
    latency_ms: Option<f64>,
    ok: Option<bool>,
    app: Option<&'static str>,
    automated: Option<bool>,
}

fn event() -> impl Strategy<Value = Event> {
    let ok = prop_oneof![4 => Just(None), 2 => Just(Some(true)), 1 => Just(Some(false))];
    (
        time(0..45),
        select(&MODELS[..]),
        option::weighted(0.8, select(&CALLERS[..])),
        option::weighted(0.8, select(&MODES[..])),
        option::of((0u32..20_000).prop_map(|tenths| f64::from(tenths) / 10.0)),
        ok,
        option::of(select(&APPS[..])),
        option::of(any::<bool>()),
    )
        .prop_map(|(ts, model, caller, mode, latency_ms, ok, app, automated)| Event {
            ts,
            model,
            caller,
            mode,
            latency_ms,
            ok,
            app,
            automated,
        })
}

/// One registry row (docs/inputs.md#registry).
#[derive(Clone, Debug)]
struct Listing {
    model: &'static str,
    listed_at: Time,
    owner: Option<&'static str>,
    name: Option<&'static str>,
    category: Option<&'static str>,
}

/// A registry of some used and some never-used models, each listed once, some of them after
/// the data ends; owners are drawn from the callers so that self-calls happen.
fn registry() -> impl Strategy<Value = Vec<Listing>> {
    let all: Vec<&'static str> = MODELS.iter().chain(IDLE_MODELS.iter()).copied().collect();
    let len = all.len();
    subsequence(all, 0..=len)
        .prop_flat_map(|models| {
            models
                .into_iter()
                .map(|model| {
                    let owner = option::weighted(0.8, select(&CALLERS[..]));
                    let (name, category) =
                        (option::of(select(&DISPLAY_NAMES[..])), option::of(select(&CATEGORIES[..])));
                    (time(-10..50), owner, name, category).prop_map(move |(listed_at, owner, name, category)| Listing {
                        model,
                        listed_at,
                        owner,
                        name,
                        category,
                    })
                })
                .collect::<Vec<_>>()
        })
        .prop_shuffle()
}

/// The report options, in days from 2026-03-01.
#[derive(Clone, Debug)]
struct Options {
    from: Option<i64>,
    to: Option<i64>,
    range: Option<i64>,
    first_party: Vec<&'static str>,
}

fn options() -> impl Strategy<Value = Options> {
    let window = prop_oneof![
        3 => Just((None, None, None)),
        2 => (1i64..40).prop_map(|n| (None, None, Some(n))),
        1 => (1i64..40, -5i64..50).prop_map(|(n, to)| (None, Some(to), Some(n))),
        1 => (1i64..40, -5i64..50, -5i64..50).prop_map(|(n, from, to)| (Some(from), Some(to), Some(n))),
        2 => (-5i64..50, 0i64..40).prop_map(|(from, len)| (Some(from), Some(from + len), None)),
        1 => (-5i64..50).prop_map(|from| (Some(from), None, None)),
        1 => (-5i64..50).prop_map(|to| (None, Some(to), None)),
    ];
    (window, subsequence(&FIRST_PARTY[..], 0..=FIRST_PARTY.len()))
        .prop_map(|((from, to, range), first_party)| Options { from, to, range, first_party })
}

/// The events as NDJSON, one object a line.
fn ndjson(events: &[Event]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events {
        let mut record = Map::new();
        record.insert("ts".into(), e.ts.to_json());
        record.insert("model".into(), json!(e.model));
        let optional = [
            ("caller", e.caller.map(|c| json!(c))),
            ("mode", e.mode.map(|m| json!(m))),
            ("latency_ms", e.latency_ms.map(|l| json!(l))),
            ("ok", e.ok.map(|o| json!(o))),
            ("app", e.app.map(|a| json!(a))),
            ("automated", e.automated.map(|a| json!(a))),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                record.insert(key.into(), value);
            }
        }
        out.extend(Value::Object(record).to_string().into_bytes());
        out.push(b'\n');
    }
    out
}

/// The registry as a JSON array.
fn registry_json(listings: &[Listing]) -> Vec<u8> {
    let rows: Vec<Value> = listings
        .iter()
        .map(|l| {
            let mut row = Map::new();
            row.insert("model".into(), json!(l.model));
            row.insert("listed_at".into(), l.listed_at.to_json());
            if let Some(owner) = l.owner {
                row.insert("owner".into(), json!(owner));
            }
            if let Some(name) = l.name {
                row.insert("name".into(), json!(name));
            }
            if let Some(category) = l.category {
                row.insert("category".into(), json!(category));
            }
            Value::Object(row)
        })
        .collect();
    Value::Array(rows).to_string().into_bytes()
}

// ---------------------------------------------------------------------------------------
// The naive reading of docs/metrics.md.

/// An event as docs/inputs.md#events means it: its UTC day, its caller's identity, its mode's bucket.
struct Naive {
    day: i64,
    model: String,
    caller: Option<String>,
    mode: &'static str,
    latency: Option<f64>,
    ok: bool,
    app: Option<String>,
    automated: bool,
}

/// A caller's identity: `0x` hex addresses compare case-insensitively, other names exactly.
fn identity(caller: &str) -> String {
    match caller.strip_prefix("0x") {
        Some(hex) if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) => caller.to_ascii_lowercase(),
        _ => caller.to_owned(),
    }
}

/// `vanilla`, `tee`, `zkml` in any case; any other value `other`; missing `unknown`.
fn mode_bucket(mode: Option<&str>) -> &'static str {
    match mode.map(str::to_ascii_lowercase).as_deref() {
        None => "unknown",
        Some("vanilla") => "vanilla",
        Some("tee") => "tee",
        Some("zkml") => "zkml",
        Some(_) => "other",
    }
}

fn naive(e: &Event) -> Naive {
    Naive {
        day: e.ts.day(),
        model: e.model.to_owned(),
        caller: e.caller.map(identity),
        mode: mode_bucket(e.mode),
        latency: e.latency_ms,
        ok: e.ok != Some(false),
        app: e.app.map(str::to_owned),
        automated: e.automated == Some(true),
    }
}

/// What the supply side knows of one model.
struct Supply {
    listed: i64,
    owner: Option<String>,
    name: Option<String>,
    category: Option<String>,
}

/// The window of docs/metrics.md (and window.rs, as the brief describes it): `range` is the N days
/// ending at `to` and wins over `from`; `to` defaults to the data's last day and `from` to
/// its first (failed events included). `Ok(None)`: no window at all; `Err`: `to` < `from`.
fn window(options: &Options, events: &[Naive]) -> Result<Option<(i64, i64)>, ()> {
    let first = events.iter().map(|e| e.day).min();
    let last = events.iter().map(|e| e.day).max();
    let Some(to) = options.to.map(|t| base_day() + t).or(last) else {
        return Ok(None);
    };
    let from = match (options.range, options.from) {
        (Some(n), _) => to - n + 1,
        (None, Some(from)) => base_day() + from,
        (None, None) => match first {
            Some(first) => first.min(to),
            None => return Ok(None),
        },
    };
    if from > to {
        Err(())
    } else {
        Ok(Some((from, to)))
    }
}

/// `a / b`, or `null` when `b` is zero (docs/metrics.md: a ratio over zero is undefined).
fn ratio(a: f64, b: f64) -> Value {
    if b == 0.0 {
        Value::Null
    } else {
        json!(a / b)
    }
}

/// (last 7 days − the 7 before) / the 7 before, of a daily series over the whole window;
/// `null` when the window is shorter than 14 days or the 7 days before had nothing.
fn week_over_week(daily: &[u64]) -> Value {
    let n = daily.len();
    if n < 14 {
        return Value::Null;
    }
    let last: u64 = daily[n - 7..].iter().sum();
    let before: u64 = daily[n - 14..n - 7].iter().sum();
    ratio(last as f64 - before as f64, before as f64)
}

/// Weekly cohorts: `members` maps each member to the days of the window it had events on.
/// A member's cohort is the week of its first such day; a cohort's row has one cell per
/// week from its own to the window's last.
fn cohorts(members: &BTreeMap<String, BTreeSet<i64>>, to: i64) -> Value {
    let mut by_week: BTreeMap<i64, Vec<&BTreeSet<i64>>> = BTreeMap::new();
    for days in members.values() {
        if let Some(&first) = days.iter().next() {
            by_week.entry(week_start(first)).or_default().push(days);
        }
    }
    let (mut weeks, mut sizes, mut cells) = (Vec::new(), Vec::new(), Vec::new());
    for (week, group) in &by_week {
        let row: Vec<f64> = (0..=(week_start(to) - week) / 7)
            .map(|k| {
                let active = group.iter().filter(|days| days.iter().any(|&d| week_start(d) == week + 7 * k)).count();
                active as f64 / group.len() as f64
            })
            .collect();
        weeks.push(day_string(*week));
        sizes.push(group.len());
        cells.push(row);
    }
    json!({"cohorts": weeks, "sizes": sizes, "cells": cells})
}

/// Every figure of docs/metrics.md for the window `[from, to]`, as the JSON the report serialises to.
fn expected(
    events: &[Naive],
    supply: &BTreeMap<String, Supply>,
    first_party: &[&str],
    (from, to): (i64, i64),
) -> Value {
    let days: Vec<i64> = (from..=to).collect();
    let inside = |d: i64| from <= d && d <= to;
    let used: Vec<&Naive> = events.iter().filter(|e| e.ok && inside(e.day)).collect();
    let total = used.len() as u64;
    let count = |keep: &dyn Fn(&Naive) -> bool| used.iter().filter(|e| keep(e)).count() as u64;
    let distinct_callers = |keep: &dyn Fn(&Naive) -> bool| {
        used.iter().filter(|e| keep(e)).filter_map(|e| e.caller.clone()).collect::<HashSet<_>>().len() as u64
    };
    let mut r = Map::new();
    r.insert("window".into(), json!({"from": day_string(from), "to": day_string(to), "days": to - from + 1}));

    // Volume.
    let daily_events: Vec<u64> = days.iter().map(|&d| count(&|e| e.day == d)).collect();
    r.insert("events".into(), json!(total));
    r.insert("failed".into(), json!(events.iter().filter(|e| !e.ok && inside(e.day)).count()));
    r.insert("events_wow".into(), week_over_week(&daily_events));

    // Supply vs demand.
    let listed_on =
        |d: i64| -> BTreeSet<&str> { supply.iter().filter(|(_, s)| s.listed <= d).map(|(m, _)| m.as_str()).collect() };
    let listed = listed_on(to);
    let active: BTreeSet<&str> = used.iter().map(|e| e.model.as_str()).collect();
    let models_listed = listed.len() as f64;
    r.insert("models_listed".into(), json!(listed.len()));
    r.insert("models_active".into(), json!(active.len()));
    r.insert("models_idle".into(), json!(listed.difference(&active).count()));
    r.insert("models_unlisted".into(), json!(active.iter().filter(|m| !supply.contains_key(**m)).count()));
    r.insert("active_ratio".into(), ratio(listed.intersection(&active).count() as f64, models_listed));
    r.insert("events_per_listed_model".into(), ratio(total as f64, models_listed));

    // Concentration over U = listed ∪ active.
    let universe: BTreeSet<&str> = listed.union(&active).copied().collect();
    let events_of = |m: &str| count(&|e| e.model == m);
    let mut descending: Vec<u64> = universe.iter().map(|m| events_of(m)).collect();
    descending.sort_unstable_by(|a, b| b.cmp(a));
    let share_of_top = |k: usize| ratio(descending.iter().take(k).sum::<u64>() as f64, total as f64);
    r.insert("top1_share".into(), share_of_top(1));
    r.insert("top10_share".into(), share_of_top(10));
    let hhi = (total > 0).then(|| descending.iter().map(|&c| (c as f64 / total as f64).powi(2)).sum::<f64>());
    r.insert("hhi".into(), json!(hhi));
    r.insert("effective_models".into(), hhi.map_or(Value::Null, |h| ratio(1.0, h)));
    let ascending: Vec<u64> = descending.iter().rev().copied().collect();
    let n = ascending.len() as f64;
    let gini = (total > 0).then(|| {
        let weighted: f64 = ascending.iter().enumerate().map(|(i, &c)| (i + 1) as f64 * c as f64).sum();
        2.0 * weighted / (n * total as f64) - (n + 1.0) / n
    });
    r.insert("gini".into(), json!(gini));
    // The fewest models reaching 80 %: in integers, 5 · running sum ≥ 4 · events.
    let for_80 = (total > 0).then(|| {
        let (mut running, mut models) = (0, 0);
        for c in &descending {
            if 5 * running >= 4 * total {
                break;
            }
            running += c;
            models += 1;
        }
        models
    });
    r.insert("models_for_80pct".into(), json!(for_80));
    let mut lorenz = Vec::new();
    if total > 0 {
        lorenz.push([0.0, 0.0]);
        let mut running = 0;
        for (i, c) in ascending.iter().enumerate() {
            running += c;
            lorenz.push([(i + 1) as f64 / n, running as f64 / total as f64]);
        }
    }
    r.insert("lorenz".into(), json!(lorenz));

    // Callers: the last 7 / 30 days are clipped to the window.
    let last_days = |k: i64| (to - k + 1).max(from);
    let daily_callers: Vec<u64> = days.iter().map(|&d| distinct_callers(&|e| e.day == d)).collect();
    let callers = distinct_callers(&|_| true);
    let mau = distinct_callers(&|e| e.day >= last_days(30));
    let last_30 = &daily_callers[(last_days(30) - from) as usize..];
    let mean_daily = last_30.iter().sum::<u64>() as f64 / last_30.len() as f64;
    r.insert("callers".into(), json!(callers));
    r.insert("wau".into(), json!(distinct_callers(&|e| e.day >= last_days(7))));
    r.insert("mau".into(), json!(mau));
    r.insert("stickiness".into(), ratio(mean_daily, mau as f64));
    r.insert("events_per_caller".into(), ratio(count(&|e| e.caller.is_some()) as f64, callers as f64));

    // Verification.
    let by_mode: Map<String, Value> =
        MODE_KEYS.iter().map(|&m| (m.to_owned(), json!(count(&|e| e.mode == m)))).collect();
    let verified = count(&|e| e.mode == "tee" || e.mode == "zkml");
    r.insert("by_mode".into(), Value::Object(by_mode));
    r.insert("verified_share".into(), ratio(verified as f64, total as f64));

    // Organic use: a self-call is an event whose caller is its model's registry owner.
    let owner = |m: &str| supply.get(m).and_then(|s| s.owner.clone());
    let is_self = |e: &Naive| e.caller.is_some() && e.caller == owner(&e.model);
    let has_both = |e: &Naive| e.caller.is_some() && owner(&e.model).is_some();
    let self_calls = count(&is_self);
    r.insert("self_calls".into(), json!(self_calls));
    r.insert("self_call_share".into(), ratio(self_calls as f64, count(&has_both) as f64));
    let only_self = active.iter().filter(|m| used.iter().filter(|e| e.model == **m).all(|e| is_self(e))).count();
    r.insert("models_only_self_called".into(), json!(only_self));
    r.insert("organic_events".into(), json!(total - self_calls));
    r.insert("automated_events".into(), json!(count(&|e| e.automated)));
    let first_party_events = count(&|e| e.app.as_deref().is_some_and(|a| first_party.contains(&a)));
    r.insert("first_party_events".into(), json!(first_party_events));
    let mut apps: BTreeMap<&str, u64> = BTreeMap::new();
    for app in used.iter().filter_map(|e| e.app.as_deref()) {
        *apps.entry(app).or_default() += 1;
    }
    let mut by_app: Vec<(&str, u64)> = apps.into_iter().collect();
    by_app.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let by_app: Vec<Value> = by_app.iter().map(|(app, events)| json!({"app": app, "events": events})).collect();
    r.insert("by_app".into(), json!(by_app));

    // Latency: nearest rank, the ⌈q·n⌉-th smallest, with ⌈·⌉ in integers.
    let mut latencies: Vec<f64> = used.iter().filter_map(|e| e.latency).collect();
    latencies.sort_by(f64::total_cmp);
    for (key, percent) in [("latency_p50", 50), ("latency_p95", 95), ("latency_p99", 99)] {
        let rank = (percent * latencies.len()).div_ceil(100);
        r.insert(key.into(), json!(rank.checked_sub(1).map(|i| latencies[i])));
    }

    // Daily series.
    let events_ma7: Vec<f64> = (0..days.len())
        .map(|i| {
            let span = &daily_events[i.saturating_sub(6)..=i];
            span.iter().sum::<u64>() as f64 / span.len() as f64
        })
        .collect();
    let daily_by_mode: Map<String, Value> = MODE_KEYS
        .iter()
        .map(|&m| {
            (m.to_owned(), json!(days.iter().map(|&d| count(&|e| e.day == d && e.mode == m)).collect::<Vec<_>>()))
        })
        .collect();
    let models_active_on = |d: i64| used.iter().filter(|e| e.day == d).map(|e| &e.model).collect::<HashSet<_>>().len();
    r.insert(
        "daily".into(),
        json!({
            "day": days.iter().map(|&d| day_string(d)).collect::<Vec<_>>(),
            "events": daily_events,
            "events_ma7": events_ma7,
            "failed": days.iter().map(|&d| events.iter().filter(|e| !e.ok && e.day == d).count()).collect::<Vec<_>>(),
            "models_active": days.iter().map(|&d| models_active_on(d)).collect::<Vec<_>>(),
            "models_listed": days.iter().map(|&d| listed_on(d).len()).collect::<Vec<_>>(),
            "callers": daily_callers,
            "by_mode": daily_by_mode,
        }),
    );

    // Per model: every model of U, busiest first, ties by id.
    let mut rows: Vec<(u64, &str)> = universe.iter().map(|m| (events_of(m), *m)).collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let models: Vec<Value> = rows
        .iter()
        .map(|&(c, m)| {
            let of_model = |keep: &dyn Fn(&Naive) -> bool| count(&|e| e.model == m && keep(e));
            let model_daily: Vec<u64> = days.iter().map(|&d| of_model(&|e| e.day == d)).collect();
            let used_days: Vec<i64> = days.iter().zip(&model_daily).filter(|(_, &c)| c > 0).map(|(&d, _)| d).collect();
            json!({
                "model": m,
                "name": supply.get(m).and_then(|s| s.name.clone()).unwrap_or_else(|| m.to_owned()),
                "events": c,
                "share": ratio(c as f64, total as f64),
                "callers": distinct_callers(&|e| e.model == m),
                "verified_share": ratio(of_model(&|e| e.mode == "tee" || e.mode == "zkml") as f64, c as f64),
                "self_call_share": ratio(of_model(&is_self) as f64, of_model(&has_both) as f64),
                "events_wow": week_over_week(&model_daily),
                "first_day": used_days.first().map(|&d| day_string(d)),
                "last_day": used_days.last().map(|&d| day_string(d)),
                "daily": model_daily,
            })
        })
        .collect();
    r.insert("models".into(), json!(models));

    // By owner and by category: the models of U grouped; the models without one form a row
    // only when they have events.
    let groups = |key: &dyn Fn(&str) -> Option<String>| {
        let mut by: BTreeMap<Option<String>, Vec<&str>> = BTreeMap::new();
        for m in &universe {
            by.entry(key(m)).or_default().push(m);
        }
        let mut rows: Vec<(Option<String>, Map<String, Value>)> = Vec::new();
        for (k, members) in by {
            let events: u64 = members.iter().map(|m| events_of(m)).sum();
            if k.is_none() && events == 0 {
                continue;
            }
            let daily: Vec<u64> =
                days.iter().map(|&d| count(&|e| e.day == d && members.contains(&e.model.as_str()))).collect();
            let row = json!({
                "models_listed": members.iter().filter(|m| listed.contains(*m)).count(),
                "models_active": members.iter().filter(|m| active.contains(*m)).count(),
                "models_idle": members.iter().filter(|m| listed.contains(*m) && !active.contains(*m)).count(),
                "events": events,
                "share": ratio(events as f64, total as f64),
                "daily": daily,
            });
            let Value::Object(row) = row else { unreachable!() };
            rows.push((k, row));
        }
        let events = |row: &Map<String, Value>| row["events"].as_u64().unwrap_or(0);
        rows.sort_by(|a, b| events(&b.1).cmp(&events(&a.1)).then(a.0.cmp(&b.0)));
        rows
    };
    let owners = groups(&|m| owner(m));
    let known: Vec<u64> =
        owners.iter().filter(|(k, _)| k.is_some()).map(|(_, row)| row["events"].as_u64().unwrap_or(0)).collect();
    let known_total: u64 = known.iter().sum();
    r.insert(
        "owner_top1_share".into(),
        known.iter().max().map_or(Value::Null, |&top| ratio(top as f64, known_total as f64)),
    );
    let owner_hhi =
        (known_total > 0).then(|| known.iter().map(|&c| (c as f64 / known_total as f64).powi(2)).sum::<f64>());
    r.insert("owner_hhi".into(), json!(owner_hhi));
    r.insert("effective_owners".into(), owner_hhi.map_or(Value::Null, |h| ratio(1.0, h)));
    let owners: Vec<Value> = owners
        .into_iter()
        .map(|(k, mut row)| {
            row.insert("owner".into(), json!(k));
            Value::Object(row)
        })
        .collect();
    r.insert("owners".into(), json!(owners));
    let categories: Vec<Value> = groups(&|m| supply.get(m).and_then(|s| s.category.clone()))
        .into_iter()
        .map(|(k, mut row)| {
            let share_listed = ratio(row["models_listed"].as_f64().unwrap_or(0.0), models_listed);
            row.insert("category".into(), json!(k));
            row.insert("share_listed".into(), share_listed);
            Value::Object(row)
        })
        .collect();
    r.insert("categories".into(), json!(categories));

    // Retention, cohorts formed within the window.
    let mut model_days: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    let mut caller_days: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for e in &used {
        model_days.entry(e.model.clone()).or_default().insert(e.day);
        if let Some(caller) = &e.caller {
            caller_days.entry(caller.clone()).or_default().insert(e.day);
        }
    }
    r.insert("retention".into(), json!({"models": cohorts(&model_days, to), "callers": cohorts(&caller_days, to)}));
    Value::Object(r)
}

// ---------------------------------------------------------------------------------------
// Comparison.

/// Whether two figures agree: integers exactly, floats to a relative 1e-9 (two correct
/// implementations may sum in different orders), with an absolute floor of 1e-12 so that a
/// Gini of exactly 0 and one of 1e-17 agree.
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) || (a - b).abs() <= 1e-12
}

/// Every difference between `actual` and the `expected` figures, by path. Fields of
/// `actual` that `expected` does not name are not compared: the report may add fields.
fn differences(path: &str, actual: &Value, expected: &Value, out: &mut Vec<String>) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, e) in e {
                match a.get(key) {
                    Some(a) => differences(&format!("{path}.{key}"), a, e, out),
                    None => out.push(format!("{path}.{key}: missing, expected {e}")),
                }
            }
        }
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            for (i, (a, e)) in a.iter().zip(e).enumerate() {
                differences(&format!("{path}[{i}]"), a, e, out);
            }
        }
        (Value::Number(a), Value::Number(e)) if a.is_f64() && e.is_f64() => {
            let (a, e) = (a.as_f64().unwrap_or(f64::NAN), e.as_f64().unwrap_or(f64::NAN));
            if !close(a, e) {
                out.push(format!("{path}: {a} but expected {e}"));
            }
        }
        _ if actual == expected => {}
        _ => out.push(format!("{path}: {actual} but expected {expected}")),
    }
}

/// Builds the dataset from the generated inputs, asks for the report and compares it with
/// the naive figures.
fn check(events: &[Event], registry: Option<&[Listing]>, options: &Options) -> Result<(), TestCaseError> {
    let events_body = ndjson(events);
    let registry_body = registry.map(registry_json);
    let bodies = Inputs { events: Some(&events_body[..]), registry: registry_body.as_deref(), ..Inputs::default() };
    let data = Dataset::from_bytes(bodies)
        .map_err(|e| TestCaseError::fail(format!("the generated inputs were refused: {e}")))?;
    let report_options = ReportOptions {
        from: options.from.map(|d| day_string(base_day() + d)),
        to: options.to.map(|d| day_string(base_day() + d)),
        range: options.range.map(|n| format!("{n}d")),
        first_party: options.first_party.iter().map(|a| (*a).to_owned()).collect(),
        ..ReportOptions::default()
    };
    let naive_events: Vec<Naive> = events.iter().map(naive).collect();
    let inputs = format!(
        "events:\n{}registry: {}\noptions: {report_options:?}",
        String::from_utf8_lossy(&events_body),
        registry_body.as_deref().map_or("none".into(), String::from_utf8_lossy),
    );

    let window = match window(options, &naive_events) {
        Err(()) => {
            prop_assert!(data.report(&report_options).is_err(), "a window ending before it starts\n{inputs}");
            return Ok(());
        }
        Ok(window) => window,
    };
    let report = data.report(&report_options).map_err(|e| TestCaseError::fail(format!("{e}\n{inputs}")))?;

    // Every generated row is valid: read, none refused, nothing to warn about, but a registry
    // that lists nothing (docs/inputs.md#registry: the supply is then estimated, with a warning).
    let rows = events.len() + registry.map_or(0, <[Listing]>::len);
    let empty_registry = registry.is_some_and(<[Listing]>::is_empty);
    let registry = registry.filter(|r| !r.is_empty());
    prop_assert_eq!(report.input.rows_read, rows as u64, "rows_read\n{}", inputs);
    let warnings = u64::from(empty_registry);
    prop_assert_eq!((report.input.rows_rejected, report.input.warnings), (0, warnings), "{:?}", report.input.problems);
    prop_assert_eq!(report.input.supply_source, if registry.is_some() { "registry" } else { "estimated" });

    let Some(window) = window else {
        prop_assert_eq!(&report, &Report::empty(report.input.clone(), None), "no data, no window\n{}", inputs);
        return Ok(());
    };
    // The supply side: the registry's first listing of each model; without one, each model
    // counts as listed from its first successful event in all the data.
    let mut supply: BTreeMap<String, Supply> = BTreeMap::new();
    match registry {
        Some(listings) => {
            for l in listings {
                supply.entry(l.model.to_owned()).or_insert(Supply {
                    listed: l.listed_at.day(),
                    owner: l.owner.map(identity),
                    name: l.name.map(str::to_owned),
                    category: l.category.map(str::to_owned),
                });
            }
        }
        None => {
            for e in naive_events.iter().filter(|e| e.ok) {
                let s = supply.entry(e.model.clone()).or_insert(Supply {
                    listed: e.day,
                    owner: None,
                    name: None,
                    category: None,
                });
                s.listed = s.listed.min(e.day);
            }
        }
    }
    let want = expected(&naive_events, &supply, &options.first_party, window);
    let got = serde_json::to_value(&report).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut diffs = Vec::new();
    differences("report", &got, &want, &mut diffs);
    prop_assert!(diffs.is_empty(), "{}\n{}", diffs.join("\n"), inputs);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every figure of the report equals the naive reading of docs/metrics.md.
    #[test]
    fn every_figure_matches_a_naive_reading_of_the_spec(
        events in vec(event(), 0..60),
        registry in option::weighted(0.6, registry()),
        options in options(),
    ) {
        check(&events, registry.as_deref(), &options)?;
    }
}
