//! Counter snapshots (docs/inputs.md#counter-snapshots): one record per (day, model) with the running total a hub
//! publishes (Replicate's `run_count`, Hugging Face's `downloadsAllTime`, …). They become
//! daily rollups by differencing, in [`crate::store::Snapshots::into_rollups`].

use super::fields;
use super::value::{Record, Schema, Value};
use super::Sink;
use crate::day::Day;
use crate::problems::Problems;
use crate::store::Snapshots;

/// The slots of a snapshot record.
pub struct SnapshotSchema;

const DAY: usize = 0;
const MODEL: usize = 1;
const TOTAL: usize = 2;

/// The number of slots in a snapshot record.
pub const SNAPSHOT_SLOTS: usize = 3;

impl Schema for SnapshotSchema {
    fn slot(name: &str) -> Option<(usize, bool)> {
        Some(match name {
            "day" => (DAY, true),
            "date" => (DAY, false),
            "model" => (MODEL, true),
            "model_id" | "model_cid" => (MODEL, false),
            "total" => (TOTAL, true),
            _ => return None,
        })
    }
}

/// A running total: a whole number ≥ 0, as a number or as decimal digits in a string
/// (hubs publish large counters as strings so that JavaScript does not round them).
fn total(value: Value) -> Result<u64, fields::FieldError> {
    let text = match &value {
        Value::Text(t) => t.trim(),
        Value::Cell(c) => c.trim(),
        Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= 9_007_199_254_740_992.0 => return Ok(*n as u64),
        other => return Err(format!("expected a whole number ≥ 0, found {}", other.kind())),
    };
    text.parse::<u64>().map_err(|_| format!("{text:?} is not a whole number ≥ 0"))
}

impl Sink<SNAPSHOT_SLOTS> for Snapshots {
    type Schema = SnapshotSchema;
    fn accept(&mut self, mut r: Record<'_, SNAPSHOT_SLOTS>, line: u64, problems: &mut Problems) {
        let Some(seconds) = fields::required(&mut r, (DAY, "day", "date"), line, problems, fields::timestamp) else {
            return;
        };
        let Some(model) =
            fields::required(&mut r, (MODEL, "model", "model_id, model_cid"), line, problems, fields::non_empty)
        else {
            return;
        };
        let Some(total) = fields::required(&mut r, (TOTAL, "total", ""), line, problems, total) else {
            return;
        };
        self.push(Day::from_epoch_seconds(seconds), &model, total, line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_whole_numbers_also_as_strings() {
        assert_eq!(total(Value::Text("123456789012345678".into())), Ok(123_456_789_012_345_678));
        assert_eq!(total(Value::Number(42.0)), Ok(42));
        assert_eq!(total(Value::Cell(" 7 ")), Ok(7));
        assert!(total(Value::Number(-1.0)).is_err());
        assert!(total(Value::Text("12.5".into())).is_err());
    }
}
