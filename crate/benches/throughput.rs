//! Native benchmarks (`npm run bench` runs them): parse throughput of each format at
//! 100 k and 1 M events, the store's bytes per event, and the time to recompute the whole
//! report for a new window over 1 M events (the brush's budget). The browser's figures
//! come from scripts/bench.mjs.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hubpulse::{Dataset, Inputs, ReportOptions, SynthConfig, SynthFormat};
use std::hint::black_box;
use std::time::Duration;

fn events(count: u64, format: SynthFormat) -> Vec<u8> {
    let cfg = SynthConfig { events: count, format, ..SynthConfig::default() };
    let mut body = Vec::new();
    cfg.write_events(&mut body).expect("writing to memory");
    body
}

fn load(body: &[u8]) -> Dataset {
    Dataset::from_bytes(Inputs::events(body)).expect("generated events load")
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    for count in [100_000, 1_000_000] {
        for (name, format) in [("ndjson", SynthFormat::Ndjson), ("csv", SynthFormat::Csv)] {
            let body = events(count, format);
            let store = load(&body).heap_bytes() as f64;
            println!(
                "{name} {count} events: {:.1} MB, store {:.1} bytes/event ({:.1} MB)",
                body.len() as f64 / 1e6,
                store / count as f64,
                store / 1e6
            );
            group.throughput(Throughput::Bytes(body.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, count), &body, |b, body| b.iter(|| load(black_box(body))));
        }
    }
    group.finish();
}

fn recompute(c: &mut Criterion) {
    let data = load(&events(1_000_000, SynthFormat::Ndjson));
    let mut group = c.benchmark_group("report, 1 M events");
    group.sample_size(20);
    let windows = [
        ("all 90 days", ReportOptions::default()),
        ("last 30 days", ReportOptions { range: Some("30d".into()), ..ReportOptions::default() }),
        (
            "one week",
            ReportOptions { from: Some("2026-09-01".into()), to: Some("2026-09-07".into()), ..Default::default() },
        ),
    ];
    for (name, options) in windows {
        group.bench_function(name, |b| b.iter(|| data.report(black_box(&options)).expect("a valid window")));
    }
    group.finish();
}

criterion_group!(benches, parse, recompute);
criterion_main!(benches);
