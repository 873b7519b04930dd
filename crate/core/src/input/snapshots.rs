//! Counter snapshots (docs/inputs.md#counter-snapshots): one record per (day, model) with the running total a hub
//! publishes (Replicate's `run_count`, Hugging Face's `downloadsAllTime`, …). They become
//! daily rollups by differencing, in [`crate::store::Snapshots::into_rollups`].

use super::fields;
use super::value::Record;
use super::Sink;
use crate::day::Day;
use crate::problems::Problems;
use crate::store::Snapshots;

const DAY: usize = 0;
const MODEL: usize = 1;
const TOTAL: usize = 2;

/// The number of slots in a snapshot record.
pub const SNAPSHOT_SLOTS: usize = 3;

impl Sink for Snapshots {
    fn slot(&self, name: &str) -> Option<(usize, bool)> {
        Some(match name {
            "day" => (DAY, true),
            "date" => (DAY, false),
            "model" => (MODEL, true),
            "model_id" | "model_cid" => (MODEL, false),
            "total" => (TOTAL, true),
            _ => return None,
        })
    }

    fn accept(&mut self, mut r: Record<'_>, line: u64, problems: &mut Problems) {
        let Some(seconds) = fields::required(&mut r, (DAY, "day", "date"), line, problems, fields::timestamp) else {
            return;
        };
        let Some(model) =
            fields::required(&mut r, (MODEL, "model", "model_id, model_cid"), line, problems, fields::non_empty)
        else {
            return;
        };
        let Some(total) = fields::required(&mut r, (TOTAL, "total", ""), line, problems, fields::whole) else {
            return;
        };
        self.push(Day::from_epoch_seconds(seconds), &model, total, line);
    }

    fn reserve(&mut self, additional: usize) {
        Snapshots::reserve(self, additional);
    }
}
