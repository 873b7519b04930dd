//! The formats of docs/inputs.md read the same rows: NDJSON, a JSON array and CSV, gzipped or
//! not, split into chunks anywhere.

use super::stream::{load_all, Loader};
use super::*;
use crate::dataset::{Dataset, Inputs};
use crate::metrics::ReportOptions;
use crate::report::Report;
use crate::store::EventLog;
use std::io::Write;

const NDJSON: &str = r#"{"ts":"2026-03-02T10:00:00Z","model":"og/a","caller":"0xAbC","mode":"TEE","latency_ms":120.5,"units":10,"ok":true,"kind":"llm_chat","app":"studio","automated":false}
{"timestamp":1772496000,"model_id":"og/b","user":"bob","inference_mode":"zkml","ok":false}
{"ts":"2026-03-04","model":"og/a, \"quoted\"","caller":"0xabc","mode":"fhe","latency_ms":80}
"#;

const ARRAY: &str = r#"[
 {"ts":"2026-03-02T10:00:00Z","model":"og/a","caller":"0xAbC","mode":"TEE","latency_ms":120.5,"units":10,"ok":true,"kind":"llm_chat","app":"studio","automated":false},
 {"timestamp":1772496000,"model_id":"og/b","user":"bob","inference_mode":"zkml","ok":false},
 {"ts":"2026-03-04","model":"og/a, \"quoted\"","caller":"0xabc","mode":"fhe","latency_ms":80}
]"#;

const CSV: &str = "\u{feff}ts,model,caller,mode,latency_ms,units,ok,kind,app,automated\r\n\
2026-03-02T10:00:00Z,og/a,0xAbC,TEE,120.5,10,TRUE,llm_chat,studio,0\r\n\
1772496000,og/b,bob,zkml,,,false,,,\r\n\
2026-03-04,\"og/a, \"\"quoted\"\"\",0xabc,fhe,80,,,,,\r\n";

fn report(body: &[u8]) -> Report {
    let mut report = Dataset::from_events("t", body).unwrap().report(&ReportOptions::default()).unwrap();
    report.input.sources.clear();
    report
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn ndjson_json_array_and_csv_give_the_same_report() {
    let expected = report(NDJSON.as_bytes());
    assert_eq!((expected.input.rows_read, expected.input.rows_rejected, expected.input.warnings), (3, 0, 0));
    assert_eq!((expected.events, expected.failed), (2, 1));
    assert_eq!(report(ARRAY.as_bytes()), expected);
    assert_eq!(report(CSV.as_bytes()), expected);
    for body in [NDJSON, ARRAY, CSV] {
        assert_eq!(report(&gzip(body.as_bytes())), expected, "gzipped {}", &body[..12]);
    }
}

#[test]
fn every_format_reads_the_same_store_whatever_the_chunks() {
    for body in [NDJSON.as_bytes().to_vec(), ARRAY.as_bytes().to_vec(), CSV.as_bytes().to_vec(), gzip(CSV.as_bytes())] {
        for size in [1, 3, 17, 4096] {
            let mut loader = Loader::shaped("t", EventLog::default(), Limits::default(), None);
            body.chunks(size).try_for_each(|c| loader.feed(c)).unwrap();
            let loaded = loader.finish().unwrap();
            let log = &loaded.sink;
            assert_eq!(log.len(), 3, "chunks of {size}");
            assert_eq!(log.models.name(log.model[2]), "og/a, \"quoted\"");
            assert_eq!(log.callers.name(log.caller[0]), "0xabc");
            assert_eq!(log.caller[0], log.caller[2], "0x addresses compare case-insensitively");
            assert_eq!(log.mode, [crate::mode::Mode::Tee, crate::mode::Mode::Zkml, crate::mode::Mode::Other]);
            assert_eq!(log.latency.as_ref().and_then(|l| l.get(0)), Some(120.5));
        }
    }
}

#[test]
fn the_hash_is_of_the_raw_bytes_as_sha256sum_prints_it() {
    let err = load_all("t", EventLog::default(), b"abc", Limits::default()).err().map(|e| e.to_string());
    assert!(err.as_deref().unwrap_or_default().contains("names none of the fields"), "{err:?}");
    let body = gzip(NDJSON.as_bytes());
    let loaded = load_all("t", EventLog::default(), &body, Limits::default()).unwrap();
    assert_eq!(loaded.bytes, body.len() as u64);
    let empty = load_all("t", EventLog::default(), b"", Limits::default()).unwrap();
    assert_eq!(empty.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#[test]
fn a_truncated_body_keeps_its_complete_rows_and_counts_the_cut_one() {
    let cut = &ARRAY[..ARRAY.len() - 30];
    let r = report(cut.as_bytes());
    assert_eq!((r.input.rows_read, r.input.rows_rejected), (3, 1));
    assert_eq!(r.events + r.failed, 2);
    let cut_ndjson = &NDJSON[..NDJSON.len() - 30];
    let r = report(cut_ndjson.as_bytes());
    assert_eq!((r.input.rows_read, r.input.rows_rejected), (3, 1));
    let gz = gzip(NDJSON.as_bytes());
    let err = Dataset::from_events("t.gz", &gz[..gz.len() / 2]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("gzip"), "{err}");
}

#[test]
fn limits_give_a_clear_error() {
    let limits = Limits { max_bytes: Some(10), max_rows: None };
    let err = load_all("big.ndjson", EventLog::default(), NDJSON.as_bytes(), limits).err().unwrap();
    assert!(err.to_string().starts_with("big.ndjson: larger than the limit of 10 bytes"), "{err}");
    let limits = Limits { max_bytes: None, max_rows: Some(2) };
    let err = load_all("t", EventLog::default(), NDJSON.as_bytes(), limits).err().map(|e| e.to_string());
    assert_eq!(err.as_deref(), Some("t: larger than the limit of 2 rows; raise the limit or send daily rollups"));
}

#[test]
fn wrong_types_are_dropped_with_a_warning_and_the_row_kept() {
    let body = br#"{"ts":"2026-03-02","model":"m","latency_ms":"fast","automated":"maybe","caller":7,"mode":2}"#;
    let r = report(body);
    assert_eq!((r.input.rows_read, r.input.rows_rejected, r.input.warnings, r.events), (1, 0, 4, 1));
    let fields: Vec<_> = r.input.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["caller", "mode", "latency_ms", "automated"]);
}

#[test]
fn a_json_row_that_is_not_utf8_is_rejected_naming_the_byte_and_the_others_kept() {
    let body = b"{\"ts\":\"2026-03-02\",\"model\":\"m\"}\n{\"ts\":\"2026-03-02\",\"model\":\"m\xff\"}\n";
    let r = report(body);
    assert_eq!((r.events, r.input.rows_rejected), (1, 1));
    assert_eq!(r.input.problems[0].reason, "not a JSON object: byte 30 is not valid UTF-8");
}

#[test]
fn an_ok_in_words_counts_as_it_says_and_an_unreadable_one_rejects_the_row() {
    let body = br#"{"ts":"2026-03-02","model":"m","ok":"false"}
{"ts":"2026-03-02","model":"m","ok":"YES"}
{"ts":"2026-03-02","model":"m","ok":"maybe"}"#;
    let r = report(body);
    assert_eq!((r.events, r.failed, r.input.rows_rejected), (1, 1, 1), "\"false\" is a failed call, never a success");
    assert_eq!(
        r.input.problems[0].reason,
        "\"maybe\" is not true or false; the row could be a failed call, so it is not counted"
    );
    let csv = b"ts,model,ok\n2026-03-02,m,no\n2026-03-02,m,n\n2026-03-02,m,1\n";
    assert_eq!((report(csv).events, report(csv).failed), (1, 2));
}

#[test]
fn a_registry_reads_in_every_format() {
    let csv = b"model,listed_at,owner,name,category\nog/a,2026-01-05,0xOWNER,Atlas,llm\nog/b,bad,,,\n";
    let data =
        Dataset::from_bytes(Inputs { events: Some(NDJSON.as_bytes()), registry: Some(csv), ..Default::default() })
            .unwrap();
    let r = data.report(&ReportOptions::default()).unwrap();
    assert_eq!(r.input.supply_source, "registry");
    assert_eq!((r.input.rows_read, r.input.rows_rejected), (5, 1));
    assert_eq!(r.input.problems[0].input, "registry");
    assert_eq!(r.input.problems[0].field, "listed_at");
}

#[test]
fn a_hugging_face_model_list_is_a_registry_as_published() {
    let list = br#"[{"_id":"x","id":"org/model-a","author":"org","createdAt":"2025-01-02T03:04:05.000Z",
                     "downloads":1200,"likes":4,"pipeline_tag":"text-generation","tags":["a"],"library_name":"transformers"},
                    {"id":"org/model-b","author":"org","createdAt":"2025-02-01T00:00:00.000Z","pipeline_tag":"image-classification"}]"#;
    let events = br#"{"ts":"2026-03-01","model":"org/model-a","caller":"org"}"#;
    let bodies = Inputs { events: Some(&events[..]), registry: Some(&list[..]), ..Default::default() };
    let report = Dataset::from_bytes(bodies).unwrap().report(&ReportOptions::default()).unwrap();
    assert_eq!((report.models_listed, report.models_active, report.models_idle), (2, 1, 1));
    assert_eq!(report.self_calls, Some(1), "the author owns the model");
    assert_eq!(report.input.rows_rejected, 0);
}

/// Any JSON value, nested a little: whole numbers of either sign, finite decimals, strings
/// with brackets, quotes, escapes and control characters, arrays and objects.
pub(super) fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
        "[a-z\\\\\"\\]\\[{},: ]{0,8}|\\PC{0,6}|[\"\\\\\u{0}-\u{1f}\u{7f}\u{10000}]{0,4}"
            .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z\\\"]{0,4}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
