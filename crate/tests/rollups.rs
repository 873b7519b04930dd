//! The rollup path against the raw path (docs/inputs.md#rollups): daily rollups computed naively from
//! generated events give the same report as the events themselves for every figure that
//! rollups determine, and `null` with a reason for the others.

use hubpulse::{write_rollups, Dataset, Inputs, ReportOptions, SynthConfig};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

fn generated() -> (Vec<u8>, Vec<u8>) {
    let cfg = SynthConfig { events: 6_000, models: 60, callers: 400, days: 40, ..SynthConfig::default() };
    let (mut events, mut registry) = (Vec::new(), Vec::new());
    cfg.write_events(&mut events).unwrap();
    cfg.write_registry(&mut registry).unwrap();
    (events, registry)
}

/// Rollups by hand: a map per (day, model), as a warehouse's GROUP BY would make them.
fn naive_rollups(events: &[u8], registry: &[u8]) -> Vec<u8> {
    let listed: Vec<Value> = serde_json::from_slice(registry).unwrap();
    let owner: HashMap<&str, &str> =
        listed.iter().map(|m| (m["model"].as_str().unwrap(), m["owner"].as_str().unwrap())).collect();
    #[derive(Default)]
    struct Row {
        events: u64,
        failed: u64,
        modes: BTreeMap<String, u64>,
        self_calls: u64,
        callers: HashSet<String>,
    }
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    for line in std::str::from_utf8(events).unwrap().lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        let (day, model) = (e["ts"].as_str().unwrap()[..10].to_owned(), e["model"].as_str().unwrap().to_owned());
        let row = rows.entry((day, model.clone())).or_default();
        if e["ok"] == json!(false) {
            row.failed += 1;
            continue;
        }
        row.events += 1;
        *row.modes.entry(e["mode"].as_str().unwrap_or("unknown").to_owned()).or_default() += 1;
        if let Some(caller) = e["caller"].as_str() {
            row.callers.insert(caller.to_owned());
            row.self_calls += u64::from(owner.get(model.as_str()) == Some(&caller));
        }
    }
    let mut out = Vec::new();
    for ((day, model), row) in rows {
        let mut v = json!({"day": day, "model": model, "events": row.events, "failed": row.failed,
                           "self_calls": row.self_calls, "callers": row.callers.len()});
        for (mode, n) in row.modes {
            v[mode] = json!(n);
        }
        out.extend(serde_json::to_vec(&v).unwrap());
        out.push(b'\n');
    }
    out
}

fn report(events: Option<&[u8]>, rollups: Option<&[u8]>, registry: &[u8], options: &ReportOptions) -> Value {
    let data = Dataset::from_bytes(Inputs { events, rollups, registry: Some(registry), ..Inputs::default() }).unwrap();
    serde_json::to_value(data.report(options).unwrap()).unwrap()
}

/// Sets the value at `path` (`a.b`, `models[].callers`) to null everywhere in `v`.
fn null_out(v: &mut Value, path: &str) {
    match path.split_once('.') {
        Some((array, rest)) if array.ends_with("[]") => {
            for item in v[&array[..array.len() - 2]].as_array_mut().unwrap() {
                null_out(item, rest);
            }
        }
        Some((key, rest)) => null_out(&mut v[key], rest),
        None => v[path] = Value::Null,
    }
}

fn assert_rollups_match_events(options: ReportOptions) {
    let (events, registry) = generated();
    let rollups = naive_rollups(&events, &registry);
    let mut raw = report(Some(&events), None, &registry, &options);
    let mut rolled = report(None, Some(&rollups), &registry, &options);

    let unavailable = rolled["input"]["unavailable"].as_array().unwrap().clone();
    let figures: Vec<&str> = unavailable.iter().map(|u| u["figure"].as_str().unwrap()).collect();
    assert!(figures.contains(&"callers") && figures.contains(&"latency_p95"), "{figures:?}");
    assert!(!figures.contains(&"self_calls"), "the rollups have self_calls");
    for u in &unavailable {
        assert!(!u["reason"].as_str().unwrap().is_empty());
    }
    // A model's callers are known from rollups only when its use fell on one day.
    for (r, e) in rolled["models"].as_array().unwrap().iter().zip(raw["models"].as_array().unwrap()) {
        assert!(r["callers"].is_null() || r["callers"] == e["callers"], "{} {}", r["model"], r["callers"]);
    }
    for figure in &figures {
        null_out(&mut raw, figure);
        null_out(&mut rolled, figure);
    }
    for figure in figures.iter().filter(|f| !f.starts_with("models[]")) {
        let top = rolled.pointer(&format!("/{}", figure.replace('.', "/"))).unwrap();
        assert!(top.is_null(), "{figure} is {top}");
    }
    raw["input"] = Value::Null;
    rolled["input"] = Value::Null;
    assert_eq!(raw, rolled);
}

#[test]
fn rollups_give_the_figures_of_the_events_they_sum() {
    assert_rollups_match_events(ReportOptions::default());
}

#[test]
fn rollups_give_the_same_figures_in_any_window() {
    assert_rollups_match_events(ReportOptions { range: Some("10d".into()), ..ReportOptions::default() });
    let from_to =
        ReportOptions { from: Some("2026-08-05".into()), to: Some("2026-08-21".into()), ..Default::default() };
    assert_rollups_match_events(from_to);
}

#[test]
fn hubpulse_rollup_writes_what_a_warehouse_would() {
    let (events, registry) = generated();
    let data =
        Dataset::from_bytes(Inputs { events: Some(&events), registry: Some(&registry), ..Inputs::default() }).unwrap();
    let mut written = Vec::new();
    write_rollups(&data, &mut written, false).unwrap();
    let parse = |body: &[u8]| -> HashSet<String> {
        let rows = std::str::from_utf8(body).unwrap().lines().map(|l| serde_json::from_str::<Value>(l).unwrap());
        // Written rows name every mode (zeros included); compare without the zeros.
        rows.map(|mut r| {
            r.as_object_mut().unwrap().retain(|k, v| {
                !(v == &json!(0) && ["vanilla", "tee", "zkml", "other", "unknown"].contains(&k.as_str()))
            });
            r.to_string()
        })
        .collect()
    };
    assert_eq!(parse(&written), parse(&naive_rollups(&events, &registry)));
}

/// `hubpulse rollup --sketches`: the figures rollups cannot count are estimated from the
/// rows' sketches within their stated error, the counted ones stay exact, and the report
/// says which are estimates.
#[test]
fn sketched_rollups_estimate_callers_and_latency_within_their_error() {
    let cfg = SynthConfig { events: 40_000, models: 60, callers: 3_000, days: 40, ..SynthConfig::default() };
    let (mut events, mut registry) = (Vec::new(), Vec::new());
    cfg.write_events(&mut events).unwrap();
    cfg.write_registry(&mut registry).unwrap();
    let bodies = Inputs { events: Some(&events[..]), registry: Some(&registry[..]), ..Inputs::default() };
    let mut rollups = Vec::new();
    write_rollups(&Dataset::from_bytes(bodies).unwrap(), &mut rollups, true).unwrap();
    for options in [ReportOptions::default(), ReportOptions { range: Some("10d".into()), ..ReportOptions::default() }] {
        let raw = report(Some(&events), None, &registry, &options);
        let rolled = report(None, Some(&rollups), &registry, &options);
        let estimates = rolled["input"]["estimates"].as_array().unwrap();
        let error_of = |figure: &str| {
            let e = estimates
                .iter()
                .find(|e| e["figure"] == figure)
                .unwrap_or_else(|| panic!("{figure} is not an estimate"));
            e["relative_error"].as_f64().unwrap()
        };
        // Four standard errors for counts (a 1-in-15,000 miss), the bound for quantiles.
        let close = |figure: &str, estimate: &Value, exact: &Value, allowed: f64| {
            let (estimate, exact) = (estimate.as_f64().unwrap(), exact.as_f64().unwrap());
            assert!((estimate - exact).abs() <= allowed * exact + 0.5, "{figure}: {estimate} estimated, {exact} exact");
        };
        for figure in ["callers", "wau", "mau"] {
            close(figure, &rolled[figure], &raw[figure], 4.0 * error_of(figure));
        }
        for series in ["callers", "wau", "mau"] {
            let allowed = 4.0 * error_of(&format!("daily.{series}"));
            for (e, x) in
                rolled["daily"][series].as_array().unwrap().iter().zip(raw["daily"][series].as_array().unwrap())
            {
                close(series, e, x, allowed);
            }
        }
        for (r, e) in rolled["models"].as_array().unwrap().iter().zip(raw["models"].as_array().unwrap()) {
            assert_eq!(r["model"], e["model"]);
            close("models[].callers", &r["callers"], &e["callers"], 4.0 * error_of("models[].callers"));
        }
        for figure in ["latency_p50", "latency_p95", "latency_p99"] {
            close(figure, &rolled[figure], &raw[figure], error_of(figure));
        }
        for figure in ["events", "models_active", "top10_share", "hhi", "verified_share", "self_calls"] {
            assert_eq!(rolled[figure], raw[figure], "{figure} is counted, not estimated");
        }
        let unavailable: Vec<&str> =
            rolled["input"]["unavailable"].as_array().unwrap().iter().map(|u| u["figure"].as_str().unwrap()).collect();
        assert!(!unavailable.contains(&"callers") && unavailable.contains(&"retention.callers"), "{unavailable:?}");
    }
}
