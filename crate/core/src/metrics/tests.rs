//! Every definition of docs/metrics.md on one small, hand-checked hub. The expected values are
//! worked out in the comments, not taken from the code.

use crate::dataset::{Dataset, Inputs};
use crate::metrics::ReportOptions;
use crate::report::Report;

/// Window 2026-03-02 (Mon) … 2026-03-10 (Tue): 9 days, two ISO weeks.
/// Registry: a (owner o1), b (owner o2), d (idle) listed 03-01; c listed 03-20 (after).
/// Model e is used but unlisted. Event 6 failed.
const EVENTS: &str = r#"{"ts":"2026-03-02T01:00:00Z","model":"a","caller":"o1","mode":"tee","latency_ms":10}
{"ts":"2026-03-02T02:00:00Z","model":"a","caller":"x","mode":"vanilla","latency_ms":20}
{"ts":"2026-03-03T00:00:00+01:00","model":"b","caller":"x","mode":"zkml","latency_ms":30}
{"ts":"2026-03-09T12:00:00Z","model":"a","caller":"y","mode":"vanilla","latency_ms":40,"app":"studio"}
{"ts":"2026-03-10T12:00:00Z","model":"e","caller":"x","app":"studio"}
{"ts":"2026-03-10T13:00:00Z","model":"b","caller":"o2","ok":false}
{"ts":"2026-03-09T08:00:00Z","model":"b","caller":"o2","mode":"TEE","automated":true}
{"ts":"2026-03-10T23:59:59Z","model":"a"}
"#;

const REGISTRY: &str = r#"[{"model":"a","listed_at":"2026-03-01","owner":"o1","name":"Atlas"},
{"model":"b","listed_at":"2026-03-01","owner":"o2"},
{"model":"c","listed_at":"2026-03-20"},
{"model":"d","listed_at":"2026-03-01T00:00:00Z"}]"#;

fn report(registry: bool, options: ReportOptions) -> Report {
    let registry = registry.then_some(REGISTRY.as_bytes());
    let data = Dataset::from_bytes(Inputs { events: Some(EVENTS.as_bytes()), registry, ..Inputs::default() }).unwrap();
    data.report(&options).unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[test]
fn volume_counts_successful_events_and_failed_apart() {
    let r = report(true, ReportOptions::default());
    let w = r.window.unwrap();
    assert_eq!((w.from.to_string(), w.to.to_string(), w.days), ("2026-03-02".into(), "2026-03-10".into(), 9));
    assert_eq!((r.events, r.failed), (7, 1));
    // 2026-03-03T00:00:00+01:00 is 2026-03-02T23:00Z: a UTC day, whatever the offset.
    assert_eq!(r.daily.events, [3, 0, 0, 0, 0, 0, 0, 2, 2]);
    assert_eq!(r.daily.failed, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(r.events_wow, None, "9 days is shorter than 14");
}

#[test]
fn supply_vs_demand_with_a_registry() {
    let r = report(true, ReportOptions::default());
    // Listed by 03-10: a, b, d. Active: a, b, e. Idle: d. Unlisted: e.
    assert_eq!((r.models_listed, r.models_active, r.models_idle, r.models_unlisted), (3, 3, 1, 1));
    assert!(close(r.active_ratio, 2.0 / 3.0));
    assert!(close(r.events_per_listed_model, 7.0 / 3.0));
    assert_eq!(r.daily.models_listed, [3; 9]);
    assert_eq!(r.daily.models_active, [2, 0, 0, 0, 0, 0, 0, 2, 2]);
    assert_eq!(r.input.supply_source, "registry");
}

#[test]
fn supply_is_estimated_from_first_events_without_a_registry() {
    let r = report(false, ReportOptions::default());
    assert_eq!(r.input.supply_source, "estimated");
    assert_eq!((r.models_listed, r.models_active, r.models_idle, r.models_unlisted), (3, 3, 0, 0));
    // a and b first seen 03-02, e on 03-10.
    assert_eq!(r.daily.models_listed, [2, 2, 2, 2, 2, 2, 2, 2, 3]);
}

#[test]
fn concentration_over_listed_and_active_models() {
    let r = report(true, ReportOptions::default());
    // U = a, b, d, e with 4, 2, 0, 1 events of 7 (c is listed after the window).
    assert!(close(r.top1_share, 4.0 / 7.0));
    assert!(close(r.top10_share, 1.0));
    assert!(close(r.hhi, 21.0 / 49.0));
    assert!(close(r.effective_models, 49.0 / 21.0));
    // Ascending 0, 1, 2, 4: G = 2·(0 + 2 + 6 + 16)/(4·7) − 5/4.
    assert!(close(r.gini, 48.0 / 28.0 - 1.25));
    assert_eq!(r.models_for_80pct, Some(2)); // 4/7 = 57 %, 6/7 = 86 %
    assert_eq!(r.lorenz.len(), 5);
}

#[test]
fn callers_distinct_per_day_weekly_monthly_and_stickiness() {
    let r = report(true, ReportOptions::default());
    assert_eq!(r.callers, Some(4)); // o1, x, y, o2; the last event has no caller
    assert_eq!(r.daily.callers, Some(vec![2, 0, 0, 0, 0, 0, 0, 2, 1]));
    assert_eq!((r.wau, r.mau), (Some(3), Some(4))); // 03-04…03-10: y, o2, x
    let (wau, mau) = (r.daily.wau.as_ref().unwrap(), r.daily.mau.as_ref().unwrap());
    assert_eq!((wau.last().copied(), mau.last().copied()), (r.wau, r.mau), "the series end on the figures");
    assert_eq!(wau[..3], [2, 2, 2]);
    assert!(close(r.stickiness, (5.0 / 9.0) / 4.0));
    assert!(close(r.events_per_caller, 6.0 / 4.0));
}

#[test]
fn verification_by_mode_and_verified_share() {
    let r = report(true, ReportOptions::default());
    let m = &r.by_mode;
    assert_eq!((m.vanilla, m.tee, m.zkml, m.other, m.unknown), (2, 2, 1, 0, 2));
    assert!(close(r.verified_share, 3.0 / 7.0));
    assert_eq!(r.daily.by_mode.tee, [1, 0, 0, 0, 0, 0, 0, 1, 0]);
}

#[test]
fn organic_use_self_calls_automation_and_apps() {
    let options = ReportOptions { first_party: vec!["studio".into()], ..Default::default() };
    let r = report(true, options);
    // Self-calls: o1 → a, o2 → b (the failed one does not count). Knowable: events with a
    // caller on a model with an owner: 5.
    assert_eq!(r.self_calls, Some(2));
    assert!(close(r.self_call_share, 2.0 / 5.0));
    assert_eq!((r.models_only_self_called, r.organic_events, r.automated_events), (Some(0), Some(5), Some(1)));
    assert_eq!(r.first_party_events, Some(2));
    let by_app = r.by_app.unwrap();
    assert_eq!(by_app.len(), 1);
    assert_eq!((by_app[0].app.as_str(), by_app[0].events), ("studio", 2));
}

#[test]
fn latency_quantiles_of_the_window() {
    let r = report(true, ReportOptions::default());
    assert_eq!((r.latency_p50, r.latency_p95, r.latency_p99), (Some(20.0), Some(40.0), Some(40.0)));
}

#[test]
fn latency_quantiles_are_the_same_whether_the_column_holds_tenths_or_doubles() {
    // A failed call's latency counts in no quantile, but 0.123 ms is not whole tenths: it
    // turns the column into doubles.
    let failed = r#"{"ts":"2026-03-10T14:00:00Z","model":"b","ok":false,"latency_ms":0.123}"#;
    let quantiles = |events: &str| {
        let data = Dataset::from_bytes(Inputs { events: Some(events.as_bytes()), ..Inputs::default() }).unwrap();
        let r = data.report(&ReportOptions::default()).unwrap();
        (r.latency_p50, r.latency_p95, r.latency_p99)
    };
    // 10, 12.5, 15.5, 20, 30, 40: the 3rd is the median.
    let tenths: String = [12.5, 15.5]
        .iter()
        .map(|ms| format!("{{\"ts\":\"2026-03-09T13:00:00Z\",\"model\":\"a\",\"latency_ms\":{ms}}}\n"))
        .fold(EVENTS.to_owned(), |body, line| body + &line);
    assert_eq!(quantiles(&tenths), (Some(15.5), Some(40.0), Some(40.0)));
    assert_eq!(quantiles(&format!("{tenths}{failed}\n")), quantiles(&tenths));
}

#[test]
fn per_model_rows_busiest_first() {
    let r = report(true, ReportOptions::default());
    let order: Vec<_> = r.models.iter().map(|m| m.model.as_str()).collect();
    assert_eq!(order, ["a", "b", "e", "d"]);
    let a = &r.models[0];
    assert_eq!((a.name.as_str(), a.events, a.callers), ("Atlas", 4, Some(3)));
    assert!(close(a.share, 4.0 / 7.0));
    assert!(close(a.verified_share, 0.25));
    assert!(close(a.self_call_share, 1.0 / 3.0));
    assert_eq!(a.first_day.map(|d| d.to_string()).as_deref(), Some("2026-03-02"));
    assert_eq!(a.last_day.map(|d| d.to_string()).as_deref(), Some("2026-03-10"));
    assert_eq!(a.daily, [2, 0, 0, 0, 0, 0, 0, 1, 1]);
    let d = &r.models[3];
    assert_eq!((d.events, d.share, d.verified_share, d.first_day), (0, Some(0.0), None, None));
}

#[test]
fn retention_weekly_cohorts_of_models_and_callers() {
    let r = report(true, ReportOptions::default());
    let m = &r.retention.models;
    assert_eq!(m.cohorts.iter().map(|d| d.to_string()).collect::<Vec<_>>(), ["2026-03-02", "2026-03-09"]);
    assert_eq!(m.sizes, [2, 1]); // {a, b}, then {e}
    assert_eq!(m.cells, [vec![1.0, 1.0], vec![1.0]]);
    let c = r.retention.callers.as_ref().unwrap();
    assert_eq!(c.sizes, [2, 2]); // {o1, x}, then {y, o2}
    assert_eq!(c.cells, [vec![1.0, 0.5], vec![1.0]]);
}

#[test]
fn a_range_narrows_every_figure() {
    let r = report(true, ReportOptions { range: Some("2d".into()), ..Default::default() });
    assert_eq!(r.window.map(|w| w.days), Some(2));
    assert_eq!((r.events, r.failed, r.callers, r.models_active), (4, 1, Some(3), 3));
    assert_eq!(r.models_idle, 1); // d
}

mod detail {
    //! A chart's cut of the per-model rows (`Detail`) is the same rows as the whole report's.
    use crate::dataset::{Dataset, Inputs};
    use crate::metrics::{Detail, ReportOptions};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_top_rows_and_one_models_row_are_those_of_the_whole_report(
            uses in prop::collection::vec((0u8..12, 1u8..4), 0..40),
            listed in prop::collection::vec(0u8..16, 0..16),
            n in 1usize..20,
        ) {
            let events: String = uses
                .iter()
                .map(|&(m, day)| format!("{{\"ts\":\"2026-03-0{day}T10:00:00Z\",\"model\":\"m{m:02}\"}}\n"))
                .collect();
            let registry = format!(
                "[{}]",
                listed.iter().map(|m| format!("{{\"model\":\"m{m:02}\",\"listed_at\":\"2026-03-01\"}}")).collect::<Vec<_>>().join(",")
            );
            let inputs = Inputs { events: Some(events.as_bytes()), registry: Some(registry.as_bytes()), ..Inputs::default() };
            let Ok(data) = Dataset::from_bytes(inputs) else { return Ok(()) };
            let options = ReportOptions::default();
            let Ok(all) = data.report(&options) else { return Ok(()) };
            let top = data.report_with(&options, &Detail::Top(n)).unwrap();
            prop_assert_eq!(&top.models[..], &all.models[..n.min(all.models.len())]);
            for row in &all.models {
                let one = data.report_with(&options, &Detail::Model(row.model.clone())).unwrap();
                prop_assert_eq!(&one.models[..], std::slice::from_ref(row));
            }
        }
    }
}

/// A hub of eight models, three owners and two categories over three weeks, with callers,
/// modes, apps, latencies and failures, for the filters: each filtered report must equal
/// the report of the same events filtered beforehand, loaded whole with the registry cut the
/// same way, in the same window.
mod filters {
    use super::*;
    use crate::report::Filter;

    const MODELS: [(&str, &str, &str); 8] = [
        ("m0", "o1", "chat"),
        ("m1", "o1", "vision"),
        ("m2", "o2", "chat"),
        ("m3", "o2", "chat"),
        ("m4", "o3", "vision"),
        ("m5", "o3", "chat"),
        ("m6", "o1", "vision"),
        ("m7", "o2", "vision"),
    ];

    /// What an event of [`inputs_where`] says of itself: its mode and kind (`None`: the event
    /// does not say), its app.
    struct Said<'a> {
        mode: Option<&'a str>,
        kind: Option<&'a str>,
        app: &'a str,
    }

    /// Events of `keep`'s models, and the registry of them; model `u9` is used but unlisted.
    fn inputs(keep: &dyn Fn(&str) -> bool) -> (String, String) {
        inputs_where(keep, &|_| true)
    }

    /// The events of `keep`'s models that `event` keeps, and the registry of `keep`'s models.
    fn inputs_where(keep: &dyn Fn(&str) -> bool, event: &dyn Fn(&Said) -> bool) -> (String, String) {
        let mut events = String::new();
        for i in 0..600u32 {
            // Multiplicative hashes spread the models and days (Knuth's constants).
            let spread = |k: u64, shift: u32, n: u64| ((u64::from(i) * k) >> shift) % n;
            let model = if i % 37 == 0 { "u9" } else { MODELS[spread(2_654_435_761, 13, 8) as usize].0 };
            if !keep(model) {
                continue;
            }
            let (day, hour) = (1 + spread(2_246_822_519, 11, 21), i % 24);
            let caller = ["o1", "o2", "c1", "c2", "c3", "c4"][(i % 6) as usize];
            let mode = (i % 11 != 0).then_some(["tee", "vanilla", "zkml", "x"][(i % 4) as usize]);
            let kind = (i % 7 != 0).then_some(["llm_chat", "ml"][usize::from(i % 5 == 1)]);
            let ok = i % 13 != 0;
            let app = ["studio", "bot", "cli"][(i % 3) as usize];
            if !event(&Said { mode, kind, app }) {
                continue;
            }
            let field =
                |name: &str, value: Option<&str>| value.map_or(String::new(), |v| format!(",\"{name}\":\"{v}\""));
            events += &format!(
                "{{\"ts\":\"2026-03-{day:02}T{hour:02}:00:00Z\",\"model\":\"{model}\",\"caller\":\"{caller}\"{}{},\"ok\":{ok},\"app\":\"{app}\",\"latency_ms\":{},\"automated\":{}}}\n",
                field("mode", mode),
                field("kind", kind),
                10 + i % 90,
                i % 5 == 0
            );
        }
        let listed: Vec<String> = MODELS
            .iter()
            .enumerate()
            .filter(|(_, (model, ..))| keep(model))
            .map(|(k, (model, owner, category))| {
                format!("{{\"model\":\"{model}\",\"listed_at\":\"2026-02-{:02}\",\"owner\":\"{owner}\",\"category\":\"{category}\"}}", 1 + k)
            })
            .collect();
        (events, format!("[{}]", listed.join(",")))
    }

    fn report_of(events: &str, registry: &str, options: &ReportOptions) -> Report {
        let inputs =
            Inputs { events: Some(events.as_bytes()), registry: Some(registry.as_bytes()), ..Inputs::default() };
        Dataset::from_bytes(inputs).unwrap().report(options).unwrap()
    }

    /// The report's figures, without its `input` block (the bytes read differ).
    fn figures(report: &Report) -> serde_json::Value {
        let mut json = serde_json::to_value(report).unwrap();
        json.as_object_mut().unwrap().remove("input");
        json
    }

    /// A filter, whether it keeps a model (worked out from [`MODELS`] by hand) and whether
    /// it keeps an event of a kept model.
    type Case<'a> = (Filter, &'a dyn Fn(&str) -> bool, &'a dyn Fn(&Said) -> bool);

    fn listing(model: &str) -> Option<(&'static str, &'static str)> {
        MODELS.iter().find(|(m, ..)| *m == model).map(|&(_, owner, category)| (owner, category))
    }

    #[test]
    fn a_filtered_report_gives_the_registry_s_names_of_the_models_it_keeps() {
        let events = "{\"ts\":\"2026-03-01\",\"model\":\"m0\"}\n{\"ts\":\"2026-03-01\",\"model\":\"m1\"}\n\
                      {\"ts\":\"2026-03-01\",\"model\":\"m2\"}\n{\"ts\":\"2026-03-01\",\"model\":\"u9\"}\n";
        let registry = r#"[{"model":"m0","listed_at":"2026-02-01","name":"Zero"},
                           {"model":"m1","listed_at":"2026-02-01","name":"m1"},{"model":"m2","listed_at":"2026-02-01"}]"#;
        let filter = Filter { model: ["m0", "m1", "m2", "u9"].map(String::from).to_vec(), ..Filter::default() };
        let report = report_of(events, registry, &ReportOptions { filter, ..ReportOptions::default() });
        let names: Vec<(&str, &str)> =
            report.input.filter_names.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(names, [("m0", "Zero")], "only a name of its own; none for an unnamed or unlisted model");
        assert!(report_of(events, registry, &ReportOptions::default()).input.filter_names.is_empty());
    }

    #[test]
    fn a_filtered_report_is_the_report_of_the_events_filtered_beforehand() {
        let (events, registry) = inputs(&|_| true);
        let strings = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let all = |_: &Said| true;
        let by_o1 = |m: &str| listing(m).is_some_and(|(o, _)| o == "o1");
        let cases: [Case; 10] = [
            (Filter { model: strings(&["m2"]), ..Filter::default() }, &|m| m == "m2", &all),
            (
                Filter { model: strings(&["m0", "u9", "m7"]), ..Filter::default() },
                &|m| ["m0", "u9", "m7"].contains(&m),
                &all,
            ),
            (Filter { owner: strings(&["o1"]), ..Filter::default() }, &by_o1, &all),
            (
                Filter { category: strings(&["vision"]), ..Filter::default() },
                &|m| listing(m).is_some_and(|(_, c)| c == "vision"),
                &all,
            ),
            (
                Filter { owner: strings(&["o2", "o3"]), category: strings(&["chat"]), ..Filter::default() },
                &|m| listing(m).is_some_and(|(o, c)| o != "o1" && c == "chat"),
                &all,
            ),
            (Filter { mode: strings(&["TEE"]), ..Filter::default() }, &|_| true, &|e| e.mode == Some("tee")),
            (Filter { mode: strings(&["unknown", "other"]), ..Filter::default() }, &|_| true, &|e| {
                e.mode.is_none_or(|m| m == "x")
            }),
            (Filter { kind: strings(&["llm_chat"]), app: strings(&["bot"]), ..Filter::default() }, &|_| true, &|e| {
                e.kind == Some("llm_chat") && e.app == "bot"
            }),
            (Filter { owner: strings(&["o1"]), app: strings(&["studio", "cli"]), ..Filter::default() }, &by_o1, &|e| {
                e.app != "bot"
            }),
            (
                Filter { model: strings(&["u9", "m3"]), mode: strings(&["zkml"]), ..Filter::default() },
                &|m| ["u9", "m3"].contains(&m),
                &|e| e.mode == Some("zkml"),
            ),
        ];
        for range in [None, Some("10d")] {
            let whole =
                report_of(&events, &registry, &ReportOptions { range: range.map(str::to_owned), ..Default::default() });
            let window = whole.window.unwrap();
            for (filter, keep, event) in &cases {
                let options =
                    ReportOptions { range: range.map(str::to_owned), filter: filter.clone(), ..Default::default() };
                let filtered = report_of(&events, &registry, &options);
                let (events, registry) = inputs_where(keep, event);
                let alone = ReportOptions {
                    from: Some(window.from.to_string()),
                    to: Some(window.to.to_string()),
                    ..Default::default()
                };
                let expected = report_of(&events, &registry, &alone);
                assert!(expected.events > 0 && expected.events < whole.events, "{filter:?} keeps some of the use");
                assert_eq!(figures(&filtered), figures(&expected), "{filter:?} over {range:?}");
                assert_eq!(filtered.input.filter.as_ref(), Some(filter));
            }
        }
    }

    /// The whole hub.
    fn whole() -> Dataset {
        let (events, registry) = inputs(&|_| true);
        let inputs =
            Inputs { events: Some(events.as_bytes()), registry: Some(registry.as_bytes()), ..Inputs::default() };
        Dataset::from_bytes(inputs).unwrap()
    }

    #[test]
    fn a_filter_naming_what_the_data_lacks_is_an_error() {
        let data = whole();
        for (filter, said) in [
            (Filter { model: vec!["m8".into()], ..Filter::default() }, "no model is named \"m8\""),
            (Filter { owner: vec!["nobody".into()], ..Filter::default() }, "no owner is named \"nobody\""),
            (Filter { category: vec!["audio".into()], ..Filter::default() }, "no category is named \"audio\""),
            (Filter { kind: vec!["bot".into()], ..Filter::default() }, "no kind is named \"bot\""),
            (Filter { app: vec!["llm_chat".into()], ..Filter::default() }, "no app is named \"llm_chat\""),
            (
                Filter { mode: vec!["fhe".into()], ..Filter::default() },
                "a mode is vanilla, tee, zkml, other or unknown",
            ),
        ] {
            let error = data.report(&ReportOptions { filter, ..Default::default() }).unwrap_err().to_string();
            assert!(error.contains(said), "{error}");
        }
        // Rollups count modes per day and model, but no failure, caller or app of one mode.
        let rollups = b"day,model,events,tee\n2026-03-02,a,10,4\n";
        let data = Dataset::from_bytes(Inputs { rollups: Some(&rollups[..]), ..Inputs::default() }).unwrap();
        let filter = Filter { mode: vec!["tee".into()], app: vec!["x".into()], ..Filter::default() };
        let error = data.report(&ReportOptions { filter, ..Default::default() }).unwrap_err().to_string();
        assert_eq!(error, "inputs: filter: only raw events say their mode or app; this use is counted from rollups");
    }

    #[test]
    fn a_report_made_a_step_at_a_time_reads_the_dataset_its_filter_kept() {
        let data = whole();
        let filter = Filter { model: vec!["m1".into()], ..Filter::default() };
        let options = ReportOptions { range: Some("3d".into()), filter, ..Default::default() };
        let detail = crate::metrics::Detail::Top(10);
        let refused = data.report_steps(&options, &detail).err().map(|e| e.to_string());
        assert!(
            refused.is_some_and(|e| e.contains(crate::metrics::options::STEPS_TAKE_NO_FILTER)),
            "the whole dataset's steps"
        );
        let filtered = data.filtered(&options.filter).unwrap();
        let asked = data.options_for_filtered(&options).unwrap();
        let stepped = filtered.report_steps(&asked, &detail).unwrap().finish(&filtered);
        assert_eq!(stepped, data.report_with(&options, &detail).unwrap());
        assert_eq!(stepped.input.filter.as_ref(), Some(&options.filter));
    }
}

mod comparison {
    use super::*;
    use crate::metrics::Detail;
    use crate::report::Filter;

    fn data() -> Dataset {
        Dataset::from_bytes(Inputs {
            events: Some(EVENTS.as_bytes()),
            registry: Some(REGISTRY.as_bytes()),
            ..Default::default()
        })
        .unwrap()
    }

    /// The report of `from`–`to` as a comparison carries it: no rows of models, owners or categories.
    fn alone(data: &Dataset, from: &str, to: &str, filter: Filter) -> Report {
        let options = ReportOptions { from: Some(from.into()), to: Some(to.into()), filter, ..Default::default() };
        data.report_with(&options, &Detail::Top(0)).unwrap()
    }

    #[test]
    fn the_previous_period_is_as_many_days_just_before_and_its_figures_are_its_own_report() {
        let data = data();
        // The last 8 days (03-03 … 03-10) against 02-23 … 03-02, before the data's first day.
        let options =
            ReportOptions { range: Some("8d".into()), compare: Some("previous".into()), ..Default::default() };
        let report = data.report(&options).unwrap();
        let before = report.compared.as_deref().expect("a comparison");
        assert_eq!(
            (before.window.unwrap().from.to_string(), before.window.unwrap().to.to_string()),
            ("2026-02-23".into(), "2026-03-02".into())
        );
        assert_eq!(*before, alone(&data, "2026-02-23", "2026-03-02", Filter::default()));
        assert_eq!(
            (report.events, before.events),
            (4, 3),
            "a, b, e, a after (b failed); a, a and b at 23:00 UTC before"
        );
        assert!(before.models.is_empty() && before.compared.is_none());
        // Each row says its model's events then, as that period's own rows count them.
        let then = data.report(&ReportOptions {
            from: Some("2026-02-23".into()),
            to: Some("2026-03-02".into()),
            ..Default::default()
        });
        let then = then.unwrap();
        for row in &report.models {
            let own = then.models.iter().find(|m| m.model == row.model).map_or(0, |m| m.events);
            assert_eq!(row.events_compared, Some(own), "{}", row.model);
        }
        assert_eq!(report.models.iter().map(|m| m.events_compared.unwrap_or(0)).sum::<u64>(), 3);
        // And each owner's and category's, as that period's own rows count them.
        for (o, own) in report.owners.iter().map(|o| (o, then.owners.iter().find(|t| t.owner == o.owner))) {
            assert_eq!(o.usage.events_compared, Some(own.map_or(0, |t| t.usage.events)), "{:?}", o.owner);
        }
        for (c, own) in report.categories.iter().map(|c| (c, then.categories.iter().find(|t| t.category == c.category)))
        {
            assert_eq!(c.usage.events_compared, Some(own.map_or(0, |t| t.usage.events)), "{:?}", c.category);
        }
        assert_eq!(report.owners.iter().map(|o| o.usage.events_compared.unwrap_or(0)).sum::<u64>(), 3);
        assert_eq!(report.categories.iter().map(|c| c.usage.events_compared.unwrap_or(0)).sum::<u64>(), 3);
        assert!(data
            .report(&ReportOptions::default())
            .unwrap()
            .owners
            .iter()
            .all(|o| o.usage.events_compared.is_none()));
        // A range, and a filter: the comparison counts the same part of the use.
        let filter = Filter { model: vec!["a".into()], ..Filter::default() };
        let options =
            ReportOptions { compare: Some(" 2026-03-02/2026-03-03 ".into()), filter: filter.clone(), ..options };
        let before = data.report(&options).unwrap().compared.expect("a comparison");
        assert_eq!(*before, alone(&data, "2026-03-02", "2026-03-03", filter));
        assert_eq!(before.events, 2);
        assert!(data.report(&ReportOptions::default()).unwrap().compared.is_none());
    }

    #[test]
    fn a_comparison_that_is_no_period_is_an_error_that_says_why() {
        let data = data();
        for (compare, said) in [
            ("last year", "compare is previous or FROM/TO (YYYY-MM-DD/YYYY-MM-DD), not \"last year\""),
            ("2026-03-05/2026-03-01", "is before from"),
            ("2026-03-05/soon", "compare"),
        ] {
            let options = ReportOptions { compare: Some(compare.into()), ..Default::default() };
            let error = data.report(&options).unwrap_err().to_string();
            assert!(error.contains(said), "{compare}: {error}");
        }
    }
}
