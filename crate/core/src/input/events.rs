//! Inference events (docs/inputs.md#events): the field names with their aliases, and the rules that
//! turn one raw record into an accepted row, a row with warnings, or a rejection.

use super::fields::{self, Optional};
use super::value::Record;
use super::Sink;
use crate::mode::Mode;
use crate::problems::Problems;
use crate::store::{EventLog, EventRow};

const TS: usize = 0;
const MODEL: usize = 1;
const CALLER: usize = 2;
const MODE: usize = 3;
const LATENCY: usize = 4;
const UNITS: usize = 5;
const OK: usize = 6;
const KIND: usize = 7;
const APP: usize = 8;
const AUTOMATED: usize = 9;

/// The number of slots in an event record.
pub const EVENT_SLOTS: usize = 10;

/// The canonical name of each slot, for problems.
const NAMES: [&str; EVENT_SLOTS] =
    ["ts", "model", "caller", "mode", "latency_ms", "units", "ok", "kind", "app", "automated"];

impl Sink for EventLog {
    fn slot(&self, name: &str) -> Option<(usize, bool)> {
        Some(match name {
            "ts" => (TS, true),
            "timestamp" | "time" | "block_timestamp" => (TS, false),
            "model" => (MODEL, true),
            "model_id" | "model_cid" => (MODEL, false),
            "caller" => (CALLER, true),
            "address" | "user" | "from" => (CALLER, false),
            "mode" => (MODE, true),
            "inference_mode" | "verification" => (MODE, false),
            "latency_ms" => (LATENCY, true),
            "units" => (UNITS, true),
            "ok" => (OK, true),
            "kind" => (KIND, true),
            "app" => (APP, true),
            "automated" => (AUTOMATED, true),
            _ => return None,
        })
    }

    fn accept(&mut self, record: Record<'_>, line: u64, problems: &mut Problems) {
        if let Some(row) = validate(record, line, problems) {
            self.push(&row);
        }
    }

    fn reserve(&mut self, additional: usize) {
        EventLog::reserve(self, additional);
    }
}

/// Validates a record read from `line`: a missing or unreadable `ts` or `model` rejects
/// it, and so does an `ok` that says neither true nor false (the call may have failed, and
/// counting it as a success would be a guess); any other optional field of the wrong type
/// is dropped with a warning.
fn validate<'a>(mut r: Record<'a>, line: u64, problems: &mut Problems) -> Option<EventRow<'a>> {
    let seconds =
        fields::required(&mut r, (TS, "ts", "timestamp, time, block_timestamp"), line, problems, fields::timestamp)?;
    let model = fields::required(&mut r, (MODEL, "model", "model_id, model_cid"), line, problems, fields::non_empty)?;
    let ok = match r.take(OK).map(fields::boolean) {
        None => true,
        Some(Ok(ok)) => ok,
        Some(Err(why)) => {
            problems.reject(line, "ok", || format!("{why}; the row could be a failed call, so it is not counted"));
            return None;
        }
    };
    let mut optional = Optional { record: &mut r, names: &NAMES, line, problems };
    let caller = optional.get(CALLER, fields::text).flatten().map(fields::caller);
    let mode = optional.get(MODE, fields::text).flatten().map_or(Mode::Unknown, |m| Mode::from_name(&m));
    let latency_ms = optional.get(LATENCY, fields::non_negative);
    let units = optional.get(UNITS, fields::non_negative);
    let kind = optional.get(KIND, fields::text).flatten();
    let app = optional.get(APP, fields::text).flatten();
    let automated = optional.get(AUTOMATED, fields::boolean);
    Some(EventRow { seconds, model, caller, mode, latency_ms, units, ok, kind, app, automated })
}
