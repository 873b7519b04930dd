//! One JSON object as one row: shared by NDJSON lines and JSON array elements.

use super::json_stream::{Ending, Item};
use super::too_long;
use super::value::{Record, RecordSeed};
use super::{Sink, MAX_RECORD};
use crate::problems::Problems;
use serde::de::DeserializeSeed;

/// Counts a row, parses `bytes` as one JSON object and hands the record to `sink`; text
/// that is not one JSON object is a rejected row.
pub fn parse_object(bytes: &[u8], line: u64, sink: &mut dyn Sink, problems: &mut Problems) {
    problems.rows_read += 1;
    let mut record = Record::new();
    let seed = RecordSeed { record: &mut record, sink: &*sink };
    // Checked as UTF-8 once, the line's strings need no check each (serde_json's str reader).
    // JSON that is not UTF-8 is not JSON: serde_json would refuse it too, inside a string or
    // out, and one reader keeps one copy of its parser in the wasm.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.valid_up_to() + 1;
            return problems.reject(line, "record", || format!("not a JSON object: byte {at} is not valid UTF-8"));
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    match seed.deserialize(&mut de).and_then(|()| de.end()) {
        Ok(()) => sink.accept(record, line, problems),
        Err(e) => problems.reject(line, "record", || format!("not a JSON object: {}", reason(&e))),
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

/// serde_json's message without its own "at line 1 column N" (our line is the file's).
pub(super) fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => format!("{} (column {})", &text[..cut], e.column()),
        None => text,
    }
}
