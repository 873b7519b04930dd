//! No silent loss (docs/inputs.md#bad-input): for every class of corrupt input the counts add up (rows
//! read = stored + rejected, every stored event in the figures) and nothing panics, in
//! every format. The checks are the fuzz targets' (`tests/inputs`); the inputs here are
//! the classes a person would try first.

mod inputs;

use hubpulse::{Dataset, Inputs, ReportOptions};

const GOOD: &str = "{\"ts\":\"2026-03-01T10:00:00Z\",\"model\":\"m\",\"caller\":\"a\"}\n";

/// The check of every input kind, with the body fed whole (chunk byte 255: 256-byte chunks).
fn survives(body: &[u8]) {
    let mut data = vec![255u8];
    data.extend_from_slice(body);
    inputs::events(&data);
    inputs::rollups(&data);
    inputs::snapshots(&data);
    inputs::registry(&data);
}

fn counts(body: &[u8]) -> (u64, u64, u64) {
    let report = Dataset::from_bytes(Inputs::events(body))
        .expect("readable")
        .report(&ReportOptions::default())
        .expect("a window");
    (report.input.rows_read, report.input.rows_rejected, report.events + report.failed)
}

#[test]
fn a_truncated_body_counts_its_broken_last_row() {
    let body = format!("{GOOD}{GOOD}{}", &GOOD[..30]);
    survives(body.as_bytes());
    assert_eq!(counts(body.as_bytes()), (3, 1, 2));
    let array = format!("[{},{}", GOOD.trim(), &GOOD[..30]);
    survives(array.as_bytes());
}

#[test]
fn mutated_bytes_invalid_utf8_and_nul_bytes_reject_their_row_only() {
    let mut body = format!("{GOOD}{GOOD}{GOOD}").into_bytes();
    body[GOOD.len() + 12] = 0xff; // invalid UTF-8 in the second row's timestamp
    body[2 * GOOD.len() + 5] = 0; // a NUL in the third row
    survives(&body);
    let (read, rejected, counted) = counts(&body);
    assert_eq!(read, 3);
    assert_eq!(read - rejected, counted, "every row is counted or rejected");
    assert!(rejected >= 1);
    let csv = b"ts,model\n2026-03-01,\xff\xfe\n2026-03-01,ok\n2026-03-0\x001,m\n";
    survives(csv);
    let (read, rejected, counted) = counts(csv);
    assert_eq!((read, read - rejected), (3, counted));
}

#[test]
fn deep_nesting_is_a_rejected_row_not_a_stack_overflow() {
    let deep =
        format!("{{\"ts\":\"2026-03-01\",\"model\":\"m\",\"x\":{}1{}}}\n", "[".repeat(100_000), "]".repeat(100_000));
    let body = format!("{deep}{GOOD}");
    survives(body.as_bytes());
    assert_eq!(counts(body.as_bytes()), (2, 0, 2), "an unknown field is skipped, however deep");
    let in_model =
        format!("{{\"ts\":\"2026-03-01\",\"model\":{}1{}}}\n{GOOD}", "[".repeat(100_000), "]".repeat(100_000));
    survives(in_model.as_bytes());
    assert_eq!(counts(in_model.as_bytes()), (2, 1, 1), "a model that is an array is rejected");
    let array = format!("[{}1{}]", "[".repeat(100_000), "]".repeat(100_000));
    survives(array.as_bytes());
}

#[test]
fn a_line_up_to_the_limit_is_read_and_a_longer_one_is_one_rejected_row() {
    for (size, expected) in [(1_000_000, (2, 0, 2)), (4_000_000, (2, 1, 1))] {
        let name = "x".repeat(size);
        let body = format!("{{\"ts\":\"2026-03-01\",\"model\":\"{name}\"}}\n{GOOD}");
        survives(body.as_bytes());
        assert_eq!(counts(body.as_bytes()), expected, "a model id of {size} bytes");
        let csv = format!("ts,model\n2026-03-01,{name}\n2026-03-01,m\n");
        assert_eq!(counts(csv.as_bytes()), expected, "a CSV record with a model id of {size} bytes");
    }
}

#[test]
fn wrong_types_and_absurd_timestamps_are_warned_or_rejected() {
    let body = concat!(
        "{\"ts\":\"2026-03-01\",\"model\":\"m\",\"latency_ms\":\"fast\",\"automated\":\"sometimes\"}\n",
        "{\"ts\":99999999999999999999,\"model\":\"m\"}\n",
        "{\"ts\":\"+275760-09-13T00:00:00Z\",\"model\":\"m\"}\n",
        "{\"ts\":\"1969-12-31T23:59:59Z\",\"model\":\"m\"}\n",
        "{\"ts\":-1e300,\"model\":\"m\"}\n",
        "{\"ts\":true,\"model\":[1]}\n",
        "{\"ts\":\"2026-02-30\",\"model\":\"m\"}\n",
    );
    survives(body.as_bytes());
    let report = Dataset::from_bytes(Inputs::events(body.as_bytes()))
        .expect("readable")
        .report(&ReportOptions::default())
        .expect("a window");
    assert_eq!((report.input.rows_read, report.input.rows_rejected, report.input.warnings), (7, 6, 2));
    assert_eq!(report.events, 1);
    assert_eq!(report.window.map(|w| w.days), Some(1), "no absurd row stretches the window");
}
