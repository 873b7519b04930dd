//! Counts per (UTC day, model): the shape of docs/inputs.md#rollups daily rollups. Read from a rollups
//! input, or summed from the event log when a dataset is assembled, so every figure that
//! rollups determine has one implementation for both paths, and recomputing it for a new
//! window walks cells, not events.

use super::{day_order, gathered, Bits, Counts, EventLog, Events, Listings, NONE};
use crate::day::Day;
use crate::mode::Mode;
use crate::sketch::{LatencySketch, Registers};
use std::ops::Range;

/// A count column's value where a cell did not give it (`callers` of a rollup row).
pub const MISSING: u64 = u64::MAX;

/// One (day, model) cell's counts, as a rollup row gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub day: Day,
    /// [`NONE`] for the long tail (a rollup row of model `other`): volume, not a model.
    pub model: u32,
    /// Successful inferences.
    pub events: u64,
    pub failed: u64,
    /// Successful inferences per [`Mode`] (indexed by its discriminant); they add up to
    /// `events`.
    pub by_mode: [u64; 5],
    /// `None`: the row did not say.
    pub self_calls: Option<u64>,
    /// Distinct callers of the model that day; `None`: the row did not say.
    pub callers: Option<u64>,
    /// The same callers as a HyperLogLog, which merges across models and days.
    pub callers_sketch: Option<Registers>,
    /// The cell's latencies as a DDSketch, which merges into quantiles.
    pub latency_sketch: Option<LatencySketch>,
}

/// The modes with a name, which come before [`Mode::Unknown`] in [`Mode::ALL`].
pub(super) const NAMED: usize = Mode::Unknown as usize;

/// Cells as equal-length columns, in day order once [`Tallies::sort_by_day`] ran. A day
/// and model may have more than one cell (duplicate rollup rows): every sum stays exact.
#[derive(Default)]
pub struct Tallies {
    pub day: Vec<Day>,
    pub model: Vec<u32>,
    pub events: Vec<u64>,
    pub failed: Counts,
    /// Successful inferences of each named mode, indexed by its discriminant (all but
    /// [`Mode::Unknown`]); what `events` has beyond them said no mode. Counters say none, so
    /// their cells hold only a day, a model and a count.
    pub(super) named: [Counts; NAMED],
    /// Self-calls per cell; `None` when the input cannot say (rollups without `self_calls`).
    pub self_calls: Option<Vec<u64>>,
    /// Events whose caller and model owner are both known, the denominator of
    /// `self_call_share`: only raw events can say, so `None` for rollups.
    pub knowable: Option<Vec<u64>>,
    /// Distinct callers per cell, [`MISSING`] where not given: only rollups have it (raw
    /// events count callers themselves).
    pub callers: Option<Vec<u64>>,
    /// Rollup rows' sketches (empty where a row has none); `None` when no row has one.
    pub callers_sketch: Option<Vec<Registers>>,
    pub latency_sketch: Option<Vec<LatencySketch>>,
}

/// The columns of day-ordered events that the tallies sum.
struct Summed<'a> {
    model: &'a [u32],
    caller: &'a [u32],
    mode: &'a [Mode],
    ok: &'a Bits,
    models: usize,
}

impl Tallies {
    /// Sums the (day-ordered) log per day and model. The listings give each model's owner
    /// among the caller ids, to count self-calls.
    pub fn from_events(log: &EventLog, listings: &Listings) -> Tallies {
        let columns =
            Summed { model: &log.model, caller: &log.caller, mode: &log.mode, ok: &log.ok, models: log.models.len() };
        Tallies::summed(&mut log.day.runs(), &columns, listings)
    }

    /// Sums sealed events per day and model, as [`Tallies::from_events`] sums a log: the
    /// tallies of the events a filter by mode, kind or app keeps.
    pub fn from_sealed(events: &Events, listings: &Listings) -> Tallies {
        let e = events;
        let columns = Summed { model: &e.model, caller: &e.caller, mode: &e.mode, ok: &e.ok, models: e.models.len() };
        Tallies::summed(&mut e.days_in(0..e.len()), &columns, listings)
    }

    /// Both of the above: one loop over the events, whose days come in runs.
    fn summed(runs: &mut dyn Iterator<Item = (Day, Range<usize>)>, log: &Summed, listings: &Listings) -> Tallies {
        let mut t = Tallies::default();
        let (mut self_calls, mut knowable) = (Vec::new(), Vec::new());
        let mut cell_of_model = vec![usize::MAX; log.models];
        for (day, events) in runs {
            for i in events {
                let model = log.model[i];
                let slot = &mut cell_of_model[model as usize];
                if *slot == usize::MAX || t.day[*slot] != day {
                    *slot = t.len();
                    t.push_empty(day, model);
                    self_calls.push(0);
                    knowable.push(0);
                }
                let c = *slot;
                if !log.ok.get(i) {
                    t.failed.add(c, 1);
                    continue;
                }
                t.events[c] += 1;
                if let Some(named) = t.named.get_mut(log.mode[i] as usize) {
                    named.add(c, 1);
                }
                let (caller, owner) = (log.caller[i], listings.owner(model as usize));
                if caller != NONE && owner != NONE {
                    knowable[c] += 1;
                    self_calls[c] += u64::from(caller == owner);
                }
            }
        }
        t.self_calls = Some(self_calls);
        t.knowable = Some(knowable);
        t
    }

    fn push_empty(&mut self, day: Day, model: u32) {
        self.day.push(day);
        self.model.push(model);
        self.events.push(0);
        self.failed.push(0);
        self.named.iter_mut().for_each(|c| c.push(0));
        for column in [&mut self.self_calls, &mut self.knowable].into_iter().flatten() {
            column.push(0);
        }
        if let Some(callers) = &mut self.callers {
            callers.push(MISSING);
        }
        if let Some(sketches) = &mut self.callers_sketch {
            sketches.push(Registers::default());
        }
        if let Some(sketches) = &mut self.latency_sketch {
            sketches.push(LatencySketch::default());
        }
    }

    /// Appends one rollup cell, whose `by_mode` adds up to its `events`. An optional count
    /// that first appears here creates its column, back-filled: 0 self-calls (as an event
    /// without an owner match counts none), [`MISSING`] callers.
    pub fn push(&mut self, cell: &Cell) {
        let n = self.len();
        self.push_empty(cell.day, cell.model);
        self.events[n] = cell.events;
        self.failed.add(n, cell.failed);
        for (column, &count) in self.named.iter_mut().zip(&cell.by_mode) {
            column.add(n, count);
        }
        if let Some(count) = cell.self_calls {
            self.self_calls.get_or_insert_with(|| vec![0; n + 1])[n] = count;
        }
        if let Some(count) = cell.callers {
            self.callers.get_or_insert_with(|| vec![MISSING; n + 1])[n] = count;
        }
        if let Some(sketch) = &cell.callers_sketch {
            self.callers_sketch.get_or_insert_with(|| vec![Registers::default(); n + 1])[n] = sketch.clone();
        }
        if let Some(sketch) = &cell.latency_sketch {
            self.latency_sketch.get_or_insert_with(|| vec![LatencySketch::default(); n + 1])[n] = sketch.clone();
        }
    }

    /// Makes room for `additional` cells in the columns every cell fills, so that a count
    /// known ahead (a counter's snapshots) costs no doubling.
    pub fn reserve(&mut self, additional: usize) {
        self.day.reserve_exact(additional);
        self.model.reserve_exact(additional);
        self.events.reserve_exact(additional);
    }

    /// Puts the cells in day order (stable), so a window is one contiguous range.
    pub fn sort_by_day(&mut self) {
        if let Some(order) = day_order(&self.day) {
            *self = self.gathered(&order);
        }
    }

    /// The cells at `order`, in its order: reordered, or those of the models a filter keeps.
    pub fn gathered(&self, order: &[u32]) -> Tallies {
        let column = |c: &Option<Vec<u64>>| c.as_deref().map(|c| gathered(c, order));
        Tallies {
            day: gathered(&self.day, order),
            model: gathered(&self.model, order),
            events: gathered(&self.events, order),
            failed: self.failed.gathered(order),
            named: self.named.each_ref().map(|c| c.gathered(order)),
            self_calls: column(&self.self_calls),
            knowable: column(&self.knowable),
            callers: column(&self.callers),
            callers_sketch: self.callers_sketch.as_deref().map(|c| gathered(c, order)),
            latency_sketch: self.latency_sketch.as_deref().map(|c| gathered(c, order)),
        }
    }

    /// The cells from `from` to `to` (both included), once in day order.
    pub fn range(&self, from: Day, to: Day) -> std::ops::Range<usize> {
        self.day.partition_point(|&d| d < from)..self.day.partition_point(|&d| d <= to)
    }

    /// The first and last day with any inference, failed ones included (the default window).
    pub fn span(&self) -> Option<(Day, Day)> {
        let counted = (0..self.len()).filter(|&c| self.events[c] + self.failed.get(c) > 0).map(|c| self.day[c]);
        let (first, last) = counted
            .fold(None, |span: Option<(Day, Day)>, d| Some(span.map_or((d, d), |(a, b)| (a.min(d), b.max(d)))))?;
        Some((first, last))
    }

    pub fn len(&self) -> usize {
        self.day.len()
    }

    /// Bytes held by the columns (a sketch counted by its own size, which is fixed).
    pub fn heap_bytes(&self) -> usize {
        fn bytes<T>(column: &Vec<T>) -> usize {
            column.capacity() * std::mem::size_of::<T>()
        }
        let optional = |column: &Option<Vec<u64>>| column.as_ref().map_or(0, bytes);
        bytes(&self.day)
            + bytes(&self.model)
            + bytes(&self.events)
            + self.failed.heap_bytes()
            + self.named.iter().map(Counts::heap_bytes).sum::<usize>()
            + optional(&self.self_calls)
            + optional(&self.knowable)
            + optional(&self.callers)
            + self.callers_sketch.as_ref().map_or(0, bytes)
            + self.latency_sketch.as_ref().map_or(0, bytes)
    }

    /// The events of `mode` in cell `c`.
    #[inline]
    pub fn mode(&self, mode: Mode, c: usize) -> u64 {
        match self.named.get(mode as usize) {
            Some(named) => named.get(c),
            None => self.events[c] - self.named.iter().map(|named| named.get(c)).sum::<u64>(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn events_sum_into_one_cell_per_day_and_model() {
        let body = br#"{"ts":"2026-03-02T01:00:00Z","model":"a","mode":"tee","caller":"x"}
{"ts":"2026-03-02T02:00:00Z","model":"b"}
{"ts":"2026-03-02T03:00:00Z","model":"a","ok":false}
{"ts":"2026-03-03T03:00:00Z","model":"a","mode":"zkml"}"#;
        let data = Dataset::from_events("t", body).unwrap();
        let t = &data.tallies;
        assert_eq!(t.len(), 3);
        assert_eq!((t.events.clone(), t.failed.clone()), (vec![1, 1, 1], Counts::from_vec(vec![1, 0, 0])));
        assert_eq!((t.mode(Mode::Tee, 0), t.mode(Mode::Unknown, 1), t.mode(Mode::Zkml, 2)), (1, 1, 1));
        assert_eq!(t.knowable, Some(vec![0, 0, 0]), "no registry, no owners");
        assert_eq!(
            t.span().map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("2026-03-02".into(), "2026-03-03".into()))
        );
    }

    #[test]
    fn optional_rollup_counts_are_back_filled_when_they_first_appear() {
        let mut t = Tallies::default();
        t.push(&Cell { events: 3, ..Cell::default() });
        t.push(&Cell { events: 2, self_calls: Some(1), callers: Some(2), ..Cell::default() });
        assert_eq!(t.self_calls, Some(vec![0, 1]));
        assert_eq!(t.callers, Some(vec![MISSING, 2]));
        assert_eq!(t.knowable, None);
    }
}
