//! Public hubs at their real size: thousands of models, a month of daily pages, hundreds
//! of millions of runs, read in each hub's own shape.

use hubpulse::{Dataset, Inputs, ReportOptions, Shape};
use std::fmt::Write;

#[test]
fn a_month_of_replicate_pages_for_five_thousand_models() {
    const MODELS: u64 = 5_000;
    const DAYS: u64 = 31;
    // Model m starts at 1,000,000·m runs and gains m + (day mod 7) a day; every tenth
    // model is idle; model 0 appears on the tenth page (its first page is its baseline).
    let mut body = String::new();
    for day in 0..DAYS {
        let _ = write!(body, r#"{{"date":"2026-10-{:02}","next":null,"results":["#, day + 1);
        let mut first = true;
        for m in (0..MODELS).filter(|&m| m != 0 || day >= 9) {
            let total = 1_000_000 * m + (1..=day).map(|d| if m % 10 == 3 { 0 } else { m + d % 7 }).sum::<u64>();
            let sep = if first { "" } else { "," };
            first = false;
            let _ =
                write!(body, r#"{sep}{{"owner":"o{}","name":"m{m}","run_count":{total},"description":"…"}}"#, m % 97);
        }
        body.push_str("]}\n");
    }
    let bodies = Inputs { snapshots: Some(body.as_bytes()), shape: Some(Shape::ReplicateModels), ..Inputs::default() };
    let r = Dataset::from_bytes(bodies).unwrap().report(&ReportOptions::default()).unwrap();

    let gained = |m: u64, days: std::ops::RangeInclusive<u64>| -> u64 {
        if m % 10 == 3 {
            0
        } else {
            days.map(|d| m + d % 7).sum()
        }
    };
    let expected: u64 = (1..MODELS).map(|m| gained(m, 1..=DAYS - 1)).sum::<u64>() + gained(0, 10..=DAYS - 1);
    assert!(r.input.sources[0].bytes > 8_000_000, "a real list's size: {} bytes", r.input.sources[0].bytes);
    assert_eq!(r.events, expected);
    assert_eq!(r.window.map(|w| w.days), Some(30));
    assert_eq!((r.models_listed, r.models_active, r.models_idle), (5_000, 4_500, 500));
    assert_eq!(r.models[0].model, "o52/m4999");
    assert_eq!(r.models.len(), 5_000);
    assert_eq!((r.input.rows_rejected, r.input.warnings), (0, 0));
    assert!(r.events > 300_000_000, "hundreds of millions of runs in the month: {}", r.events);
}

#[test]
fn a_router_s_rankings_list_each_model_from_its_first_day_with_tokens_owned_by_its_author() {
    let rows = [
        ("2026-03-01", "vendor/a", "900"),
        ("2026-03-01", "other", "50"),
        ("2026-03-02", "vendor/a", "800"),
        ("2026-03-02", "acme/x", "0"),
        ("2026-03-03", "acme/x", "300"),
        ("2026-03-03", "vendor/b", "100"),
        ("2026-03-03", "solo", "10"),
    ];
    let data: Vec<String> = rows
        .iter()
        .map(|(d, m, t)| format!(r#"{{"date":"{d}","model_permaslug":"{m}","total_tokens":"{t}"}}"#))
        .collect();
    let body = format!(r#"{{"data":[{}],"meta":{{"as_of":"2026-03-04"}}}}"#, data.join(","));
    let inputs = Inputs { rollups: Some(body.as_bytes()), shape: Some(Shape::OpenRouterRankings), ..Inputs::default() };
    let r = Dataset::from_bytes(inputs).unwrap().report(&ReportOptions::default()).unwrap();
    // Listed from the first day with tokens, as without a registry: acme/x's 0 is not a day of use.
    assert_eq!(r.daily.models_listed, [1, 1, 4]);
    assert_eq!((r.models_listed, r.models_active), (4, 4));
    let owners: Vec<(Option<&str>, u64)> = r.owners.iter().map(|o| (o.owner.as_deref(), o.usage.events)).collect();
    // "solo" has no author: the row of unknown owners. The long tail is no model's, so no owner's.
    assert_eq!(owners, [(Some("vendor"), 1_800), (Some("acme"), 300), (None, 10)]);
}

#[test]
fn broken_documents_in_each_shape_are_errors_or_rejected_rows_never_panics() {
    let documents: [(Shape, &str); 3] = [
        (
            Shape::ReplicateModels,
            r#"{"date":"2026-03-01","results":[{"owner":"a","name":"x","run_count":1}]}
{"date":"2026-03-02","results":[{"owner":"a","name":"x","run_count":"7"},{"owner":1,"name":[],"run_count":-2}]}"#,
        ),
        (
            Shape::HfModels,
            r#"[{"id":"a/b","createdAt":"2026-01-01T00:00:00.000Z","lastModified":"2026-03-02T00:00:00Z","downloads":5},
                {"id":"c","createdAt":"nope","downloads":"many"},{"id":{"x":1}}]"#,
        ),
        (
            Shape::OpenRouterRankings,
            r#"{"data":[{"date":"2026-03-01","model_permaslug":"a","total_tokens":"10"},{"date":3}],"meta":{}}"#,
        ),
    ];
    for (shape, doc) in documents {
        let whole =
            Dataset::from_bytes(Inputs { rollups: Some(doc.as_bytes()), shape: Some(shape), ..Inputs::default() })
                .unwrap_or_else(|e| panic!("{shape:?}: {e}"));
        let r = whole.report(&ReportOptions::default()).unwrap();
        assert!(r.input.rows_rejected >= 1, "{shape:?}: the broken rows are rejected, the others kept");
        assert!(r.events > 0, "{shape:?}");
        for cut in 0..doc.len() {
            let mut body = doc.as_bytes()[..cut].to_vec();
            body.extend_from_slice(&doc.as_bytes()[cut..].iter().skip(1).copied().collect::<Vec<_>>());
            for body in [&doc.as_bytes()[..cut], &body[..]] {
                let bodies = Inputs { snapshots: Some(body), shape: Some(shape), ..Inputs::default() };
                if let Ok(data) = Dataset::from_bytes(bodies) {
                    let r = data.report(&ReportOptions::default());
                    if let Ok(r) = r {
                        assert!(r.input.rows_rejected <= r.input.rows_read);
                    }
                }
            }
        }
    }
}

#[test]
fn a_hugging_face_list_without_listing_dates_lists_its_models_by_the_list_s_day_and_says_so() {
    let body = r#"{"as_of":"2026-03-31","models":[{"id":"a/x","downloads":10},{"id":"a/y","downloads":0},
        {"id":"b/z","createdAt":"2026-01-05T00:00:00Z","downloads":5}]}"#;
    let inputs = Inputs { rollups: Some(body.as_bytes()), shape: Some(Shape::HfModels), ..Inputs::default() };
    let r = Dataset::from_bytes(inputs).unwrap().report(&ReportOptions::default()).unwrap();
    assert_eq!(format!("{}", r.input.supply_source), "registry");
    assert_eq!((r.models_listed, r.models_active, r.models_idle), (3, 2, 1));
    assert_eq!((r.input.rows_rejected, r.input.warnings), (0, 2), "one warning for each model without a date");
    let said = r.input.problems.iter().find(|p| p.field == "createdAt").expect("the warning");
    assert!(said.reason.contains("counted as listed by 2026-03-31"), "{}", said.reason);
}
