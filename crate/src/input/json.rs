//! One JSON object as one row: shared by NDJSON lines and JSON array elements.

use super::shape::Row;
use super::value::{Record, RecordSeed, Schema, Value};
use super::{Extras, Shape, Sink};
use crate::problems::Problems;
use crate::store::Registry;
use serde::de::DeserializeSeed;
use std::borrow::Cow;

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
pub(super) fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => format!("{} (column {})", &text[..cut], e.column()),
        None => text,
    }
}

/// Reads a hub's whole document of `shape` and hands each of its rows to `sink` (row `n`,
/// 1-based, is line `n`), and its listings to a registry of their own. An error: the body
/// is not JSON or not in that shape.
pub fn parse_document<S: Sink<N>, const N: usize>(
    body: &[u8],
    shape: Shape,
    sink: &mut S,
    problems: &mut Problems,
) -> Result<Extras, String> {
    let adapted = shape.adapt(body)?;
    feed(&adapted.rows, sink, problems);
    let registry = (!adapted.listings.is_empty()).then(|| {
        let (mut registry, mut problems) = (Registry::default(), Problems::default());
        feed(&adapted.listings, &mut registry, &mut problems);
        (registry, problems)
    });
    Ok(Extras { attribution: adapted.attribution, registry, period: adapted.period, unit: Some(shape.unit()) })
}

/// Hands `rows` to `sink` as records of its schema.
fn feed<S: Sink<N>, const N: usize>(rows: &[Row], sink: &mut S, problems: &mut Problems) {
    for (i, row) in rows.iter().enumerate() {
        problems.rows_read += 1;
        let mut record = Record::<N>::new();
        for (name, value) in row {
            let Some((slot, canonical)) = S::Schema::slot(name) else { continue };
            let value = match value {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(Value::Text(Cow::Borrowed(s))),
                serde_json::Value::Number(n) => n.as_f64().map(Value::Number),
                serde_json::Value::Bool(b) => Some(Value::Bool(*b)),
                _ => Some(Value::Composite),
            };
            record.set(slot, canonical, value);
        }
        sink.accept(record, i as u64 + 1, problems);
    }
}
