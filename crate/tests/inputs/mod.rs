//! Any bytes through each input kind's streaming loader, checking what must hold for every
//! body (docs/inputs.md#bad-input): no panic, and no silent loss: rows read = rows stored +
//! rows rejected, and every stored inference is counted in the report. Shared by the fuzz
//! targets (`crate/fuzz`) and the test that replays the inputs they found
//! (`fuzz_regressions.rs`).

use hubpulse::{Dataset, Error, InputKind, InputLoader, Limits, LoadedInput, Origin, Report, ReportOptions};

/// The first byte picks the chunk size, so that the fuzzer also explores where chunks
/// split the body; the rest is the body.
fn load(kind: InputKind, data: &[u8]) -> Option<LoadedInput> {
    let (chunk, body) = data.split_first().map_or((1, data), |(c, body)| (usize::from(*c) + 1, body));
    let origin = Origin { source: "fuzz".into(), fetched_at: String::new() };
    let mut loader = InputLoader::new(kind, origin, Limits::default(), None);
    for piece in body.chunks(chunk) {
        loader.feed(piece).ok()?; // a body that is not data is refused with an error: fine
    }
    loader.finish().ok()
}

/// The report of the whole span, which may be too long a window: a clear error, fine.
fn check_report(data: &Dataset) -> Option<Report> {
    match data.report(&ReportOptions::default()) {
        Ok(report) => Some(report),
        Err(Error::Window(_)) => None,
        Err(other) => panic!("unexpected error: {other}"),
    }
}

/// Every row read is stored or rejected, and every stored inference is in the figures.
fn demand(kind: InputKind, data: &[u8]) {
    let Some(loaded) = load(kind, data) else { return };
    let problems = loaded.problems().clone();
    assert_eq!(problems.rows_read, loaded.rows_stored() + problems.rows_rejected, "rows read = stored + rejected");
    let inferences = loaded.inferences_stored();
    let dataset = Dataset::assemble(loaded, None).expect("a demand input assembles");
    if let (Some(report), Some(stored)) = (check_report(&dataset), inferences) {
        assert_eq!(report.events + report.failed, stored, "every stored inference is in the figures");
    }
}

pub fn events(data: &[u8]) {
    demand(InputKind::Events, data);
}

pub fn rollups(data: &[u8]) {
    demand(InputKind::Rollups, data);
}

pub fn snapshots(data: &[u8]) {
    let Some(loaded) = load(InputKind::Snapshots, data) else { return };
    let problems = loaded.problems().clone();
    assert_eq!(problems.rows_read, loaded.rows_stored() + problems.rows_rejected, "rows read = stored + rejected");
    let stored = loaded.rows_stored();
    let dataset = Dataset::assemble(loaded, None).expect("snapshots assemble");
    if let Some(report) = check_report(&dataset) {
        let days_of_use = report.daily.events.iter().filter(|&&n| n > 0).count() as u64;
        assert!(days_of_use <= stored, "a snapshot makes at most one day of use");
    }
}

pub fn registry(data: &[u8]) {
    let Some(loaded) = load(InputKind::Registry, data) else { return };
    // A model listed twice is read and warned about, not stored twice.
    let problems = loaded.problems();
    assert!(problems.rows_read >= loaded.rows_stored() + problems.rows_rejected);
    let events = load(InputKind::Events, b"\0{\"ts\":\"2026-03-02\",\"model\":\"a\"}").expect("a valid event");
    let dataset = Dataset::assemble(events, Some(loaded)).expect("events and a registry assemble");
    check_report(&dataset);
}
