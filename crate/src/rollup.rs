//! Daily rollups (docs/inputs.md#rollups) written from raw events: what a hub's warehouse job produces,
//! for hubs that want to ship rollups without a warehouse (`hubpulse rollup`), and the
//! reference that the rollup path is tested against.

use crate::dataset::Dataset;
use crate::mode::Mode;
use crate::provenance::Basis;
use crate::sketch::{self, caller_hash, LatencySketch, Registers};
use crate::store::NONE;
use hashbrown::{HashMap, HashSet};
use std::io::{self, Write};

/// Writes one NDJSON rollup row per (day, model) with events, in day order. Self-calls are
/// written when the dataset has a registry (owners); distinct callers always; with
/// `sketches`, each row's callers as a HyperLogLog and its latencies as a DDSketch
/// (`callers_hll`, `latency_sketch`, base64), which merge across rows into estimates.
pub fn write_rollups(data: &Dataset, out: &mut impl Write, sketches: bool) -> io::Result<()> {
    if data.basis != Basis::Events {
        return Err(io::Error::other("rollups are written from raw events, not from rollups"));
    }
    let t = &data.tallies;
    let cells = Cells::of(data, sketches);
    let callers = cells.callers(t.len());
    let caller_sketches = if sketches { cells.caller_sketches(data) } else { Vec::new() };
    for c in 0..t.len() {
        let model = serde_json::to_string(data.events.models.name(t.model[c])).map_err(io::Error::other)?;
        write!(out, r#"{{"day":"{}","model":{model},"events":{},"failed":{}"#, t.day[c], t.events[c], t.failed.get(c))?;
        write!(out, r#","callers":{}"#, callers[c])?;
        for mode in Mode::ALL {
            write!(out, r#","{}":{}"#, mode.name(), t.mode(mode, c))?;
        }
        if let (true, Some(self_calls)) = (data.has_registry, &t.self_calls) {
            write!(out, r#","self_calls":{}"#, self_calls[c])?;
        }
        if let (Some(hll), Some(latency)) = (caller_sketches.get(c), cells.latencies.get(c)) {
            write!(out, r#","callers_hll":"{}""#, sketch::to_base64(&hll.encode()))?;
            if latency.count() > 0 {
                write!(out, r#","latency_sketch":"{}""#, sketch::to_base64(&latency.encode()))?;
            }
        }
        writeln!(out, "}}")?;
    }
    Ok(())
}

/// What one walk over the successful events gives each (day, model) cell: its distinct
/// callers as (cell, caller) pairs and, when sketches are asked for, its latencies.
struct Cells {
    pairs: HashSet<(usize, u32)>,
    /// Empty unless sketches are asked for.
    latencies: Vec<LatencySketch>,
}

impl Cells {
    fn of(data: &Dataset, sketches: bool) -> Cells {
        let (t, log) = (&data.tallies, &data.events);
        let cell_of: HashMap<(crate::Day, u32), usize> = (0..t.len()).map(|c| ((t.day[c], t.model[c]), c)).collect();
        let latency = log.latency.as_ref().filter(|_| sketches);
        let latencies = if sketches { vec![LatencySketch::default(); t.len()] } else { Vec::new() };
        let mut cells = Cells { pairs: HashSet::new(), latencies };
        for (day, events) in log.days_in(0..log.len()) {
            for i in log.ok_in(events) {
                let Some(&c) = cell_of.get(&(day, log.model[i])) else { continue };
                if log.caller[i] != NONE {
                    cells.pairs.insert((c, log.caller[i]));
                }
                if let Some(ms) = latency.and_then(|l| l.get(i)) {
                    cells.latencies[c].insert(ms);
                }
            }
        }
        cells
    }

    /// Distinct callers of each cell's model on its day.
    fn callers(&self, cells: usize) -> Vec<u64> {
        let mut counts = vec![0u64; cells];
        self.pairs.iter().for_each(|&(c, _)| counts[c] += 1);
        counts
    }

    /// Each cell's callers as a HyperLogLog.
    fn caller_sketches(&self, data: &Dataset) -> Vec<Registers> {
        let mut hashes: Vec<Vec<u64>> = vec![Vec::new(); data.tallies.len()];
        for &(c, caller) in &self.pairs {
            hashes[c].push(caller_hash(data.events.callers.name(caller)));
        }
        hashes.into_iter().map(Registers::of_hashes).collect()
    }
}
