//! Daily rollups (SPEC §1.3) written from raw events: what a hub's warehouse job produces,
//! for hubs that want to ship rollups without a warehouse (`hubpulse rollup`), and the
//! reference that the rollup path is tested against.

use crate::dataset::{Basis, Dataset};
use crate::store::{Mode, NONE};
use hashbrown::{HashMap, HashSet};
use std::io::{self, Write};

/// Writes one NDJSON rollup row per (day, model) with events, in day order. Self-calls are
/// written when the dataset has a registry (owners); distinct callers always.
pub fn write_rollups(data: &Dataset, out: &mut impl Write) -> io::Result<()> {
    if data.basis != Basis::Events {
        return Err(io::Error::other("rollups are written from raw events, not from rollups"));
    }
    let t = &data.tallies;
    let callers = callers_per_cell(data);
    for c in 0..t.len() {
        let model = serde_json::to_string(data.events.models.name(t.model[c])).map_err(io::Error::other)?;
        write!(out, r#"{{"day":"{}","model":{model},"events":{},"failed":{}"#, t.day[c], t.events[c], t.failed[c])?;
        write!(out, r#","callers":{}"#, callers[c])?;
        for mode in Mode::ALL {
            write!(out, r#","{}":{}"#, mode.name(), t.mode(mode, c))?;
        }
        if let (true, Some(self_calls)) = (data.has_registry, &t.self_calls) {
            write!(out, r#","self_calls":{}"#, self_calls[c])?;
        }
        writeln!(out, "}}")?;
    }
    Ok(())
}

/// Distinct callers of each cell's model on its day (successful events with a caller).
fn callers_per_cell(data: &Dataset) -> Vec<u64> {
    let (t, log) = (&data.tallies, &data.events);
    let cell_of: HashMap<(crate::Day, u32), usize> = (0..t.len()).map(|c| ((t.day[c], t.model[c]), c)).collect();
    let mut pairs: HashSet<(usize, u32)> = HashSet::new();
    for (day, events) in log.days_in(0..log.len()) {
        for i in log.ok_in(events).filter(|&i| log.caller[i] != NONE) {
            if let Some(&c) = cell_of.get(&(day, log.model[i])) {
                pairs.insert((c, log.caller[i]));
            }
        }
    }
    let mut counts = vec![0u64; t.len()];
    pairs.into_iter().for_each(|(c, _)| counts[c] += 1);
    counts
}
