//! One JSON object as one row: shared by NDJSON lines and JSON array elements.

use super::problems::Problems;
use super::value::{Record, RecordSeed};
use super::Sink;
use serde::de::DeserializeSeed;

/// Counts a row, parses `bytes` as one JSON object and hands the record to `sink`; text
/// that is not one JSON object is a rejected row.
pub fn parse_object<S: Sink<N>, const N: usize>(bytes: &[u8], line: u64, sink: &mut S, problems: &mut Problems) {
    problems.rows_read += 1;
    let mut record = Record::<N>::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let seed = RecordSeed::<S::Schema, N> { record: &mut record, schema: std::marker::PhantomData };
    match seed.deserialize(&mut de).and_then(|()| de.end()) {
        Ok(()) => sink.accept(record, line, problems),
        Err(e) => problems.reject(line, "record", || format!("not a JSON object: {}", reason(&e))),
    }
}

/// serde_json's message without its own "at line 1 column N" (our line is the file's).
fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => format!("{} (column {})", &text[..cut], e.column()),
        None => text,
    }
}
