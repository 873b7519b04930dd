//! The same events in every encoding of docs/inputs.md give the same store and the same report:
//! NDJSON, a JSON array and CSV, gzipped or not, arriving in chunks of any size.

use super::{InputKind, InputLoader, Limits};
use crate::dataset::Dataset;
use crate::metrics::ReportOptions;
use crate::provenance::Origin;
use crate::store::{Interner, NONE};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::io::Write;

/// One generated event: every field of docs/inputs.md#events, each optional one sometimes missing.
#[derive(Clone, Debug)]
struct Event {
    ts: Ts,
    model: String,
    caller: Option<String>,
    mode: Option<&'static str>,
    latency_ms: Option<f64>,
    units: Option<f64>,
    ok: Option<bool>,
    kind: Option<String>,
    app: Option<String>,
    automated: Option<bool>,
}

#[derive(Clone, Debug)]
enum Ts {
    Text(String),
    Seconds(i64),
}

/// Names with the characters that CSV must quote and JSON must escape.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,3}/[a-z0-9]{1,4}",
        Just("og/a, \"quoted\"".to_owned()),
        Just("line\nbreak".to_owned()),
        Just("ünï ✓".to_owned()),
        Just("0xAbCd".to_owned()),
    ]
}

fn ts() -> impl Strategy<Value = Ts> {
    let day = 0i64..40;
    let second = 0i64..86_400;
    prop_oneof![
        (day.clone(), second.clone()).prop_map(|(d, s)| Ts::Seconds(1_772_323_200 + d * 86_400 + s)),
        (day.clone(), 0u32..24, 0u32..60)
            .prop_map(|(d, h, m)| Ts::Text(format!("2026-03-{:02}T{h:02}:{m:02}:00Z", d % 28 + 1))),
        (day, -12i32..14).prop_map(|(d, o)| Ts::Text(format!("2026-04-{:02}T23:30:00{o:+03}:00", d % 28 + 1))),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    let number = prop_oneof![Just(0.0), 0.0f64..5_000.0, (0u32..1000).prop_map(f64::from)];
    (
        (ts(), name(), proptest::option::of(name())),
        proptest::option::of(prop::sample::select(vec!["vanilla", "TEE", "zkml", "fhe"])),
        (proptest::option::of(number.clone()), proptest::option::of(number)),
        (proptest::option::of(any::<bool>()), proptest::option::of(name()), proptest::option::of(name())),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|((ts, model, caller), mode, (latency_ms, units), (ok, kind, app), automated)| Event {
            ts,
            model,
            caller,
            mode,
            latency_ms,
            units,
            ok,
            kind,
            app,
            automated,
        })
}

fn object(e: &Event) -> Value {
    let mut o = Map::new();
    o.insert(
        "ts".into(),
        match &e.ts {
            Ts::Text(t) => json!(t),
            Ts::Seconds(s) => json!(s),
        },
    );
    o.insert("model".into(), json!(e.model));
    let optional = [
        ("caller", e.caller.as_ref().map(|v| json!(v))),
        ("mode", e.mode.map(|v| json!(v))),
        ("latency_ms", e.latency_ms.map(|v| json!(v))),
        ("units", e.units.map(|v| json!(v))),
        ("ok", e.ok.map(|v| json!(v))),
        ("kind", e.kind.as_ref().map(|v| json!(v))),
        ("app", e.app.as_ref().map(|v| json!(v))),
        ("automated", e.automated.map(|v| json!(v))),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            o.insert(key.into(), value);
        }
    }
    Value::Object(o)
}

fn ndjson(events: &[Event]) -> Vec<u8> {
    events.iter().map(|e| object(e).to_string() + "\n").collect::<String>().into_bytes()
}

fn json_array(events: &[Event]) -> Vec<u8> {
    serde_json::to_vec_pretty(&Value::Array(events.iter().map(object).collect())).unwrap_or_default()
}

fn csv(events: &[Event], crlf: bool) -> Vec<u8> {
    fn cell(text: &str) -> String {
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    }
    // Every spelling docs/inputs.md allows for a CSV boolean.
    let boolean = |b: Option<bool>, i: usize| {
        let spellings = match b {
            None => return String::new(),
            Some(true) => ["true", "TRUE", "1"],
            Some(false) => ["false", "False", "0"],
        };
        spellings[i % 3].to_owned()
    };
    let end = if crlf { "\r\n" } else { "\n" };
    let mut out = format!("\u{feff}ts,model,caller,mode,latency_ms,units,ok,kind,app,automated{end}");
    for (i, e) in events.iter().enumerate() {
        let ts = match &e.ts {
            Ts::Text(t) => t.clone(),
            Ts::Seconds(s) => s.to_string(),
        };
        let text = |v: &Option<String>| v.as_deref().map_or(String::new(), cell);
        let number = |v: Option<f64>| v.map_or(String::new(), |n| n.to_string());
        let row = [
            cell(&ts),
            cell(&e.model),
            text(&e.caller),
            e.mode.unwrap_or("").to_owned(),
            number(e.latency_ms),
            number(e.units),
            boolean(e.ok, i),
            text(&e.kind),
            text(&e.app),
            boolean(e.automated, i + 1),
        ];
        out += &row.join(",");
        out += end;
    }
    out.into_bytes()
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(body).and_then(|()| encoder.flush()).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Reads `body` in chunks of `chunk` bytes, as a download would arrive.
fn load(body: &[u8], chunk: usize) -> Dataset {
    let origin = Origin { source: "t".into(), fetched_at: String::new() };
    let mut loader = InputLoader::new(InputKind::Events, origin, Limits::default(), None);
    for piece in body.chunks(chunk.max(1)) {
        loader.feed(piece).expect("a generated body is valid");
    }
    Dataset::assemble(loader.finish().expect("a generated body is valid"), None).expect("events assemble")
}

/// The store's rows with ids resolved to names, in store order (modes live in the
/// tallies, which the report compares).
fn rows(data: &Dataset) -> Vec<String> {
    let log = &data.events;
    let name = |interner: &Interner, id: u32| (id != NONE).then(|| interner.name(id).to_owned());
    let app = |i: usize| log.app.as_ref().and_then(|c| Some(c.names.name(c.get(i)?).to_owned()));
    log.days_in(0..log.len())
        .flat_map(|(day, events)| events.map(move |i| (day, i)))
        .map(|(day, i)| {
            let latency = log.latency.as_ref().and_then(|l| l.get(i));
            let automated = log.automated.as_ref().map(|b| b.get(i));
            let row = (day, log.models.name(log.model[i]), name(&log.callers, log.caller[i]), log.ok.get(i));
            format!("{row:?} {latency:?} {:?} {automated:?}", app(i))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_encoding_gives_the_same_store_and_report(events in prop::collection::vec(event(), 0..40), chunk in 1usize..300) {
        let reference = load(&ndjson(&events), usize::MAX);
        let mut expected = reference.report(&ReportOptions::default()).expect("a valid window");
        expected.input.sources.clear();
        prop_assert_eq!(expected.input.rows_read, events.len() as u64);
        prop_assert_eq!(expected.input.rows_rejected + expected.input.warnings, 0);
        let bodies = [
            ("ndjson", ndjson(&events)),
            ("json array", json_array(&events)),
            ("csv", csv(&events, false)),
            ("csv crlf", csv(&events, true)),
        ];
        for (format, body) in bodies {
            for (compressed, bytes) in [("", body.clone()), (" gzip", gzip(&body))] {
                let data = load(&bytes, chunk);
                prop_assert_eq!(rows(&data), rows(&reference), "{}{}", format, compressed);
                let mut report = data.report(&ReportOptions::default()).expect("a valid window");
                report.input.sources.clear();
                prop_assert_eq!(&report, &expected, "{}{}", format, compressed);
            }
        }
    }
}
