//! The dataset: inputs read, assembled and reported on.

use super::*;
use crate::input::{InputLoader, Limits, Shape};
use crate::metrics::ReportOptions;
use crate::report::Report;

const BODY: &str = r#"{"ts":"2026-03-02T10:00:00Z","model":"a","caller":"0xAB"}
{"ts":"2026-03-02T23:59:59Z","model":"b","ok":false}

{"timestamp":1772582400,"model_id":"a","latency_ms":"slow"}
{"model":"a"}
not json
{"ts":"2026-03-05T01:00:00+03:00","model":"c"}"#;

#[test]
fn rows_are_read_rejected_or_warned_and_counted() {
    let data = Dataset::from_events("events.ndjson", BODY.as_bytes()).unwrap();
    let r = data.report(&ReportOptions::default()).unwrap();
    assert_eq!((r.input.rows_read, r.input.rows_rejected, r.input.warnings), (6, 2, 1));
    let lines: Vec<_> = r.input.problems.iter().map(|p| (p.line, p.field.as_str())).collect();
    assert_eq!(lines, [(4, "latency_ms"), (5, "ts"), (6, "record")]);
    let w = r.window.unwrap();
    assert_eq!((w.from.to_string(), w.to.to_string()), ("2026-03-02".into(), "2026-03-04".into()));
    assert_eq!((r.events, r.failed), (3, 1));
    assert_eq!(r.daily.events, [1, 0, 2]); // 1772582400 is 2026-03-04T00:00Z
}

#[test]
fn chunk_boundaries_do_not_change_the_result() {
    let whole = Dataset::from_events("e", BODY.as_bytes()).unwrap().report(&ReportOptions::default()).unwrap();
    for size in [1, 2, 7, 64] {
        let origin = Origin { source: "e".into(), fetched_at: String::new() };
        let mut loader = InputLoader::new(InputKind::Events, origin, Limits::default(), None);
        for chunk in BODY.as_bytes().chunks(size) {
            loader.feed(chunk).unwrap();
        }
        let data = Dataset::assemble(loader.finish().unwrap(), None).unwrap();
        assert_eq!(data.report(&ReportOptions::default()).unwrap(), whole, "chunks of {size}");
    }
}

#[test]
fn html_and_empty_bodies_are_clear_errors() {
    let err = Dataset::from_events("https://hub/x", b"<!DOCTYPE html><p>404</p>").err().unwrap();
    assert_eq!(err.to_string(), "https://hub/x: this is an HTML page, not data");
    let empty = Dataset::from_events("e", b"").unwrap();
    assert_eq!(empty.report(&ReportOptions::default()).unwrap().window, None);
}

#[test]
fn the_registry_shares_model_ids_and_owners_match_callers() {
    let events = br#"{"ts":"2026-03-02","model":"a","caller":"0xAB"}"#;
    let registry = br#"[{"model":"z","listed_at":"2026-01-01"},{"model":"a","listed_at":"2026-02-01","owner":"0xab"}]"#;
    let data =
        Dataset::from_bytes(Inputs { events: Some(events), registry: Some(registry), ..Inputs::default() }).unwrap();
    let a = data.events.models.get("a").unwrap() as usize;
    let z = data.events.models.get("z").unwrap() as usize;
    assert_eq!(data.listings.get(a).map(|l| l.owner), Some(data.events.caller[0]));
    assert_eq!(data.listings.get(z).map(|l| l.listed.to_string()), Some("2026-01-01".into()));
    assert_eq!(data.sources.len(), 2);
}

fn rollups(body: &str) -> Result<Dataset, Error> {
    Dataset::from_bytes(Inputs { rollups: Some(body.as_bytes()), ..Inputs::default() })
}

#[test]
fn rollup_rows_are_counted_and_the_long_tail_is_volume_not_a_model() {
    let body = "day,model,events,tee,zkml,failed,callers\n\
                2026-03-02,a,10,4,,1,3\n\
                2026-03-02,other,5,,,,\n\
                2026-03-03,b,2,,,,\n\
                2026-03-03,b,1,,,,\n\
                2026-03-04,a,x,,,,\n\
                2026-03-04,a,3,2,2,,\n";
    let r = rollups(body).unwrap().report(&ReportOptions::default()).unwrap();
    assert_eq!((r.events, r.failed, r.models_active), (21, 1, 2));
    assert_eq!(r.daily.events, [15, 3, 3]);
    assert_eq!((r.by_mode.tee, r.by_mode.zkml, r.by_mode.unknown), (4, 0, 17), "the 2+2 of 3 are dropped");
    assert_eq!(r.top1_share, Some(13.0 / 21.0));
    assert_eq!(r.models[0].callers, None, "a is used on two days");
    assert_eq!(r.models[1].callers, None, "b has two rows for its day");
    assert_eq!((r.callers, r.latency_p50, r.self_calls), (None, None, None));
    assert_eq!((r.input.rows_read, r.input.rows_rejected, r.input.warnings), (6, 1, 2));
    let fields: Vec<_> = r.input.problems.iter().map(|p| (p.line, p.field.as_str())).collect();
    assert_eq!(fields, [(5, "day"), (6, "events"), (7, "modes")]);
    assert_eq!(r.input.demand_source, Basis::Rollups);
    assert!(r.input.unavailable.iter().any(|u| u.figure == "self_calls"));
}

#[test]
fn a_model_used_on_one_day_keeps_its_rollup_callers() {
    let r = rollups("day,model,events,callers\n2026-03-02,a,10,3\n2026-03-03,b,1,1\n").unwrap();
    let r = r.report(&ReportOptions::default()).unwrap();
    assert_eq!(r.models.iter().map(|m| m.callers).collect::<Vec<_>>(), [Some(3), Some(1)]);
}

#[test]
fn events_and_rollups_together_are_refused() {
    let body = &b"{\"ts\":\"2026-03-02\",\"model\":\"a\"}"[..];
    let both = Inputs { events: Some(body), rollups: Some(body), ..Inputs::default() };
    let err = Dataset::from_bytes(both).err().unwrap();
    assert!(err.to_string().starts_with("inputs: give events, daily rollups or counter snapshots, only one"), "{err}");
}

#[test]
fn counter_snapshots_become_daily_use_in_their_unit() {
    let body = "day,model,total\n\
                2026-03-01,a,100\n2026-03-02,a,130\n2026-03-04,a,190\n2026-03-05,a,20\n\
                2026-03-01,b,5\n2026-03-02,b,5\n2026-03-03,b,9\n\
                2026-03-03,c,0\n";
    let data = Dataset::from_bytes(Inputs { snapshots: Some(body.as_bytes()), ..Inputs::default() }).unwrap();
    let r = data.report(&ReportOptions::default()).unwrap();
    assert_eq!(r.window.map(|w| (w.from.to_string(), w.days)), Some(("2026-03-02".into(), 3)));
    assert_eq!(r.daily.events, [30, 4, 60], "b's 4 on the 3rd; a's 60 after a two-day gap on the 4th");
    assert_eq!((r.events, r.models_active), (94, 2));
    assert_eq!((r.input.demand_source, r.input.unit.as_str()), (Basis::Snapshots, "runs"));
    assert_eq!((r.input.rows_read, r.input.warnings), (8, 2), "the gap and the counter that went down");
    assert!(r.input.unavailable.iter().any(|u| u.figure == "callers"));
    assert_eq!(r.input.sources[0].input, "snapshots");
    let tokens = ReportOptions { unit: Some("tokens".into()), ..ReportOptions::default() };
    assert_eq!(data.report(&tokens).unwrap().input.unit, "tokens");
}

#[test]
fn open_router_rankings_are_rollups_in_tokens_with_their_credit() {
    let body = br#"{"data":[
        {"date":"2026-03-01","model_permaslug":"a/one","total_tokens":"9000000000000"},
        {"date":"2026-03-01","model_permaslug":"other","total_tokens":"1000000000000"},
        {"date":"2026-03-02","model_permaslug":"b/two","total_tokens":"12"},
        {"date":"2026-03-02","model_permaslug":"b/two","total_tokens":"x"}],
        "meta":{"as_of":"2026-03-03"}}"#;
    let bodies = Inputs { rollups: Some(&body[..]), shape: Some(Shape::OpenRouterRankings), ..Inputs::default() };
    let r = Dataset::from_bytes(bodies).unwrap().report(&ReportOptions::default()).unwrap();
    assert_eq!((r.events, r.models_active), (10_000_000_000_012, 2), "the other row is volume, not a model");
    assert_eq!(r.input.unit, "tokens");
    assert_eq!(r.input.attribution.as_deref(), Some("Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-03"));
    // Four rows of the document, and its two models as the listings it carries (as Replicate's
    // and Hugging Face's documents carry theirs), owned by their authors.
    assert_eq!((r.input.rows_read, r.input.rows_rejected), (6, 1));
    assert_eq!(r.input.sources.iter().map(|s| s.input.as_str()).collect::<Vec<_>>(), ["rollups", "registry"]);
    let owners: Vec<Option<&str>> = r.owners.iter().map(|o| o.owner.as_deref()).collect();
    assert_eq!(owners, [Some("a"), Some("b")]);
    assert_eq!(r.input.problems[0].line, 4, "rows are numbered by their place in data[]");
    let not_rankings =
        Inputs { rollups: Some(&b"[1,2]"[..]), shape: Some(Shape::OpenRouterRankings), ..Inputs::default() };
    let err = Dataset::from_bytes(not_rankings).err().unwrap();
    assert!(err.to_string().contains("expected OpenRouter's rankings"), "{err}");
}

fn shaped(shape: Shape, body: &[u8], options: &ReportOptions) -> Result<Report, Error> {
    // Whichever attribute names it, the shape says what the document is.
    Dataset::from_bytes(Inputs { events: Some(body), shape: Some(shape), ..Inputs::default() })?.report(options)
}

#[test]
fn a_hub_shape_of_binary_data_or_utf16_is_told_so() {
    for shape in [Shape::ReplicateModels, Shape::HfModels, Shape::OpenRouterRankings] {
        let err = shaped(shape, &[0u8; 4096], &ReportOptions::default()).err().map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.contains("binary data, not text")), "{shape:?}: {err:?}");
        let utf16: Vec<u8> = "{\"date\":\"2026-03-01\"}".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err =
            shaped(shape, &[&b"\xFF\xFE"[..], &utf16].concat(), &ReportOptions::default()).err().map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.contains("UTF-16")), "{shape:?}: {err:?}");
    }
}

#[test]
fn replicate_pages_are_runs_with_models_listed_from_their_first_page() {
    let body = br#"{"date":"2026-03-01","results":[{"owner":"a","name":"x","run_count":1000},{"owner":"a","name":"y","run_count":5}]}
{"date":"2026-03-02","results":[{"owner":"a","name":"x","run_count":1500},{"owner":"a","name":"y","run_count":5},{"owner":"b","name":"z","run_count":9}]}
{"date":"2026-03-03","results":[{"owner":"a","name":"x","run_count":1400},{"owner":"a","name":"y","run_count":8},{"owner":"b","name":"z","run_count":10}]}"#;
    let r = shaped(Shape::ReplicateModels, body, &ReportOptions::default()).unwrap();
    assert_eq!(r.window.map(|w| (w.from.to_string(), w.days)), Some(("2026-03-02".into(), 2)));
    assert_eq!(r.daily.events, [500, 4], "x went down on the 3rd: a problem, not negative runs");
    assert_eq!((r.models_listed, r.models_active, r.models_idle), (3, 3, 0));
    assert_eq!((r.input.unit.as_str(), r.input.demand_source), ("runs", Basis::Snapshots));
    assert_eq!(r.input.supply_source, "registry");
    assert_eq!((r.input.rows_read, r.input.warnings), (8 + 3, 1), "8 snapshots, 3 listings");
    let only_one = shaped(
        Shape::ReplicateModels,
        b"{\"date\":\"2026-03-01\",\"results\":[{\"owner\":\"a\",\"name\":\"x\",\"run_count\":1}]}",
        &ReportOptions::default(),
    )
    .unwrap();
    assert_eq!(only_one.window, None, "one page is a baseline: use needs two");
}

#[test]
fn hugging_face_downloads_are_the_last_thirty_days_and_the_list_is_the_registry() {
    let body = br#"{"as_of":"2026-03-31","models":[
        {"id":"org/a","createdAt":"2025-01-01T00:00:00.000Z","downloads":900,"pipeline_tag":"text-generation"},
        {"id":"org/b","createdAt":"2026-03-20T00:00:00.000Z","downloads":100},
        {"id":"me/c","author":"me","createdAt":"2024-06-01T00:00:00.000Z","downloads":0},
        {"id":"me/d","createdAt":"2026-04-02T00:00:00.000Z","downloads":0}]}"#;
    let r = shaped(Shape::HfModels, body, &ReportOptions::default()).unwrap();
    let w = r.window.unwrap();
    assert_eq!((w.from.to_string(), w.to.to_string(), w.days), ("2026-03-02".into(), "2026-03-31".into(), 30));
    assert_eq!((r.events, r.models_listed, r.models_active, r.models_idle), (1000, 3, 2, 1), "d is listed later");
    assert_eq!(r.top1_share, Some(0.9));
    assert_eq!((r.input.unit.as_str(), r.input.demand_source), ("downloads", Basis::Totals));
    assert!(r.daily.day.is_empty() && r.models[0].daily.is_empty() && r.events_wow.is_none());
    assert!(r.input.unavailable.iter().any(|u| u.figure == "daily"));
    let shorter = ReportOptions { range: Some("7d".into()), ..ReportOptions::default() };
    let err = shaped(Shape::HfModels, body, &shorter).err().unwrap();
    assert!(err.to_string().contains("2026-03-02 to 2026-03-31, so that is the only window"), "{err}");
    let same = ReportOptions { range: Some("30d".into()), ..ReportOptions::default() };
    assert_eq!(shaped(Shape::HfModels, body, &same).unwrap(), r);
}
