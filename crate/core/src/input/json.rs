//! One JSON object as one row: shared by NDJSON lines and JSON array elements.

use super::json_object::read_object;
use super::json_stream::{Ending, Item};
use super::too_long;
use super::value::Record;
use super::{Sink, MAX_RECORD};
use crate::problems::Problems;

/// Counts a row, parses `bytes` as one JSON object and hands the record to `sink`; text
/// that is not one JSON object is a rejected row.
pub fn parse_object(bytes: &[u8], line: u64, sink: &mut dyn Sink, problems: &mut Problems) {
    problems.rows_read += 1;
    // Checked as UTF-8 once, the line's strings need no check each. JSON that is not UTF-8
    // is not JSON, inside a string or out.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.valid_up_to() + 1;
            return problems.reject(line, "record", || format!("not a JSON object: byte {at} is not valid UTF-8"));
        }
    };
    let mut record = Record::new();
    let read = read_object(text, &mut |name, value| {
        if let Some((slot, canonical)) = sink.slot(&name) {
            record.set(slot, canonical, value);
        }
    });
    match read {
        Ok(()) => sink.accept(record, line, problems),
        Err(fault) => problems.reject(line, "record", || format!("not a JSON object: {fault}")),
    }
}

/// One element of a JSON array of rows: a row, or a rejected row when it was too long.
pub fn element(item: Item<'_>, sink: &mut dyn Sink, problems: &mut Problems) {
    match item {
        Item::Element { index, bytes } => parse_object(bytes, index, sink, problems),
        Item::TooLong { index } => too_long(index, MAX_RECORD, problems),
        Item::Field { .. } => {}
    }
}

/// What the end of a JSON array says about its rows: an element cut off is a rejected row,
/// a missing `]` a warning; rows already read are kept either way.
pub fn array_ending(ending: Ending, problems: &mut Problems) {
    match ending {
        Ending::CutInItem { index } => {
            problems.rows_read += 1;
            problems.reject(index, "record", || "the body ends inside this element (cut off?)".into());
        }
        Ending::Unclosed => {
            let last = problems.rows_read;
            problems.warn(last, "record", || "the array has no closing ] (cut off?)".into());
        }
        Ending::Empty | Ending::Complete => {}
    }
}
