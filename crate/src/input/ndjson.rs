//! NDJSON: one JSON object a line.

use super::problems::Problems;
use super::value::{Record, RecordSeed};
use super::Sink;
use serde::de::DeserializeSeed;

/// Parses one line (without its newline) and hands the record to `sink`. Blank lines are
/// skipped and not counted; a line that is not one JSON object is a rejected row.
pub fn parse_line<S: Sink<N>, const N: usize>(
    bytes: &[u8],
    line: u64,
    sink: &mut S,
    problems: &mut Problems,
) {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    problems.rows_read += 1;
    let mut record = Record::<N>::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let seed = RecordSeed::<S::Schema, N> {
        record: &mut record,
        schema: std::marker::PhantomData,
    };
    match seed.deserialize(&mut de).and_then(|()| de.end()) {
        Ok(()) => sink.accept(record, line, problems),
        Err(e) => problems.reject(line, "record", || {
            format!("not a JSON object: {}", json_reason(&e))
        }),
    }
}

/// serde_json's message without its own "at line 1 column N" (our line is the file's).
pub fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => format!("{} (column {})", &text[..cut], e.column()),
        None => text,
    }
}
