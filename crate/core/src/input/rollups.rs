//! Daily rollups (docs/inputs.md#rollups): one record per (UTC day, model), pre-aggregated by a hub's
//! warehouse. Counts must be whole numbers ≥ 0; per-mode counts that do not add up to
//! `events` are dropped with a warning, as an optional field of the wrong type is.

use super::fields::{self, FieldError, Optional};
use super::value::{Record, Value};
use super::Sink;
use crate::day::Day;
use crate::mode::Mode;
use crate::problems::Problems;
use crate::sketch::{LatencySketch, Registers};
use crate::store::{Cell, Rollups, MAX_COUNTED, NONE};

const DAY: usize = 0;
const MODEL: usize = 1;
const EVENTS: usize = 2;
const CALLERS: usize = 3;
const FAILED: usize = 4;
const SELF_CALLS: usize = 5;
/// The per-mode counts take slots `MODES..MODES + 5`, in [`Mode::ALL`] order.
const MODES: usize = 6;
const CALLERS_HLL: usize = 11;
const LATENCY_SKETCH: usize = 12;

/// The number of slots in a rollup record.
pub const ROLLUP_SLOTS: usize = 13;

const NAMES: [&str; ROLLUP_SLOTS] = [
    "day",
    "model",
    "events",
    "callers",
    "failed",
    "self_calls",
    "vanilla",
    "tee",
    "zkml",
    "other",
    "unknown",
    "callers_hll",
    "latency_sketch",
];

/// The model name that stands for the aggregated long tail.
pub const LONG_TAIL: &str = "other";

impl Sink for Rollups {
    fn slot(&self, name: &str) -> Option<(usize, bool)> {
        match name {
            "model_id" | "model_cid" => Some((MODEL, false)),
            _ => NAMES.iter().position(|&n| n == name).map(|slot| (slot, true)),
        }
    }

    fn accept(&mut self, mut r: Record<'_>, line: u64, problems: &mut Problems) {
        let Some(seconds) = fields::required(&mut r, (DAY, "day", ""), line, problems, fields::timestamp) else {
            return;
        };
        let Some(model) =
            fields::required(&mut r, (MODEL, "model", "model_id, model_cid"), line, problems, fields::non_empty)
        else {
            return;
        };
        let Some(events) = fields::required(&mut r, (EVENTS, "events", ""), line, problems, fields::whole) else {
            return;
        };
        let mut optional = Optional { record: &mut r, names: &NAMES, line, problems };
        let callers = optional.get(CALLERS, fields::whole);
        let failed = optional.get(FAILED, fields::whole).unwrap_or(0);
        let self_calls = optional.get(SELF_CALLS, fields::whole);
        let modes = Mode::ALL.map(|mode| optional.get(MODES + mode as usize, fields::whole));
        let callers_sketch = optional.get(CALLERS_HLL, |v| sketch(v, Registers::decode));
        let latency_sketch = optional.get(LATENCY_SKETCH, |v| sketch(v, LatencySketch::decode));
        let model = if model == LONG_TAIL { NONE } else { self.models.intern(&model) };
        let mut cell = Cell { day: Day::from_epoch_seconds(seconds), model, events, failed, ..Cell::default() };
        cell.by_mode = by_mode(events, modes).unwrap_or_else(|why| {
            problems.warn(line, "modes", || why);
            let mut all_unknown = [0; 5];
            all_unknown[Mode::Unknown as usize] = events;
            all_unknown
        });
        cell.self_calls = self_calls.filter(|&n| {
            let fits = n <= events;
            if !fits {
                problems.warn(line, "self_calls", || format!("{n} self-calls of {events} events"));
            }
            fits
        });
        cell.callers = callers;
        cell.callers_sketch = callers_sketch;
        cell.latency_sketch = latency_sketch;
        let repeat = self.is_repeat(&cell);
        if !self.push(&cell) {
            return problems.reject(line, "events", || format!("the counts add up past {MAX_COUNTED} inferences"));
        }
        if repeat {
            problems.warn(line, "day", || "a second row for this day and model; both are counted".into());
        }
    }
}

/// A sketch column: base64 text of the sketch's bytes (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups).
fn sketch<T>(value: Value, decode: fn(&[u8]) -> Result<T, String>) -> Result<T, FieldError> {
    let text = match &value {
        Value::Cell(c) => *c,
        Value::Text(t) => t.as_ref(),
        other => return Err(format!("expected a sketch in base64, found {}", other.kind())),
    };
    decode(&crate::sketch::from_base64(text)?)
}

/// Events per mode, from the counts given: events no mode claims are `unknown`, as an
/// event without a mode is (docs/inputs.md#events).
fn by_mode(events: u64, given: [Option<u64>; 5]) -> Result<[u64; 5], FieldError> {
    let named: u64 = given.iter().flatten().sum();
    let unknown = Mode::Unknown as usize;
    let mut counts = given.map(|n| n.unwrap_or(0));
    match given[unknown] {
        Some(_) if named != events => Err(format!("the modes add up to {named}, not to events ({events})")),
        Some(_) => Ok(counts),
        None if named > events => Err(format!("the modes add up to {named}, more than events ({events})")),
        None => {
            counts[unknown] = events - named;
            Ok(counts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_that_no_mode_claims_are_unknown() {
        assert_eq!(by_mode(10, [Some(4), Some(3), None, None, None]), Ok([4, 3, 0, 0, 3]));
        assert_eq!(by_mode(10, [None; 5]), Ok([0, 0, 0, 0, 10]));
        assert!(by_mode(10, [Some(4), Some(3), None, None, Some(1)]).is_err());
        assert!(by_mode(5, [Some(4), Some(3), None, None, None]).is_err());
    }
}
