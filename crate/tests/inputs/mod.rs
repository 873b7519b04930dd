//! Any bytes through each input kind's streaming loader, checking what must hold for every
//! body (SPEC §1.4): no panic, and no silent loss: rows read = rows stored + rows rejected,
//! and every stored event is counted in the report. Shared by the fuzz targets
//! (`crate/fuzz`) and the test that replays the inputs they found (`fuzz_regressions.rs`).

use hubpulse::dataset::{Dataset, Demand, Origin};
use hubpulse::input::{Limits, Loaded, Loader, Sink};
use hubpulse::store::{EventLog, Registry, Rollups, Snapshots};
use hubpulse::{Error, ReportOptions};

/// The first byte picks the chunk size, so that the fuzzer also explores where chunks
/// split the body; the rest is the body.
fn load<S: Sink<N>, const N: usize>(sink: S, data: &[u8]) -> Option<Loaded<S>> {
    let (chunk, body) = data.split_first().map_or((1, data), |(c, body)| (usize::from(*c) + 1, body));
    let mut loader = Loader::new("fuzz", sink, Limits::default());
    for piece in body.chunks(chunk) {
        loader.feed(piece).ok()?; // a body that is not data is refused with an error: fine
    }
    loader.finish().ok()
}

fn origin() -> Origin {
    Origin { source: "fuzz".into(), fetched_at: String::new() }
}

/// The report of the whole span, which may be too long a window: a clear error, fine.
fn check_report(data: &Dataset) -> Option<hubpulse::Report> {
    match data.report(&ReportOptions::default()) {
        Ok(report) => Some(report),
        Err(Error::Window(_)) => None,
        Err(other) => panic!("unexpected error: {other}"),
    }
}

pub fn events(data: &[u8]) {
    let Some(loaded) = load(EventLog::default(), data) else { return };
    let stored = loaded.sink.len() as u64;
    assert_eq!(loaded.problems.rows_read, stored + loaded.problems.rows_rejected);
    let dataset = Dataset::assemble((Demand::Events(loaded), origin()), None);
    if let Some(report) = check_report(&dataset) {
        assert_eq!(report.events + report.failed, stored, "every stored event is in the figures");
    }
}

pub fn rollups(data: &[u8]) {
    let Some(loaded) = load(Rollups::default(), data) else { return };
    let stored = loaded.sink.tallies.len() as u64;
    assert_eq!(loaded.problems.rows_read, stored + loaded.problems.rows_rejected);
    let expected: u64 = loaded.sink.tallies.events.iter().chain(&loaded.sink.tallies.failed).sum();
    let dataset = Dataset::assemble((Demand::Rollups(loaded), origin()), None);
    if let Some(report) = check_report(&dataset) {
        assert_eq!(report.events + report.failed, expected, "every stored count is in the figures");
    }
}

pub fn snapshots(data: &[u8]) {
    let Some(loaded) = load(Snapshots::default(), data) else { return };
    let rows = loaded.problems.rows_read - loaded.problems.rows_rejected;
    let dataset = Dataset::assemble((Demand::Snapshots(loaded), origin()), None);
    assert!(dataset.tallies.len() as u64 <= rows, "a snapshot makes at most one day of use");
    check_report(&dataset);
}

pub fn registry(data: &[u8]) {
    let Some(loaded) = load(Registry::default(), data) else { return };
    // A model listed twice is read and warned about, not stored twice.
    assert!(loaded.problems.rows_read >= loaded.sink.len() as u64 + loaded.problems.rows_rejected);
    let events = load(EventLog::default(), b"\0{\"ts\":\"2026-03-02\",\"model\":\"a\"}").expect("a valid event");
    let dataset = Dataset::assemble((Demand::Events(events), origin()), Some((loaded, origin())));
    check_report(&dataset);
}
