//! The event store: [`EventLog`] while reading, one entry per accepted event in input
//! order; [`Events`] once a dataset is assembled, in day order, with days as runs and
//! only the columns that figures read from events (the rest are in the tallies).

use super::{gathered, permute, Bits, EventDays, Interner, Labels, Latencies};
use crate::day::Day;
use crate::mode::Mode;
use std::borrow::Cow;
use std::ops::Range;

/// The id that marks "no value" in an interned column of `u32` ids (no caller).
pub const NONE: u32 = u32::MAX;

/// One accepted event, typed, borrowing from the input where it can.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow<'a> {
    pub seconds: i64,
    pub model: Cow<'a, str>,
    pub caller: Option<Cow<'a, str>>,
    pub mode: Mode,
    pub latency_ms: Option<f64>,
    pub units: Option<f64>,
    pub ok: bool,
    pub kind: Option<Cow<'a, str>>,
    pub app: Option<Cow<'a, str>>,
    pub automated: Option<bool>,
}

/// Every accepted inference event, as equal-length columns, in input order.
///
/// Strings are interned (`models`, `callers`, the values of `app` and `kind`), so a row costs a few bytes
/// whatever its ids look like; optional columns exist only once some row has the
/// field. `units` is validated but not kept: no figure reads it; `kind` is kept for
/// filters alone (docs/metrics.md#filters), in a byte an event where kinds are few.
#[derive(Default)]
pub struct EventLog {
    pub day: EventDays,
    pub model: Vec<u32>,
    /// [`NONE`] where the event named no caller.
    pub caller: Vec<u32>,
    pub mode: Vec<Mode>,
    /// `false` for a failed inference (docs/inputs.md#events `ok`).
    pub ok: Bits,
    pub latency: Option<Latencies>,
    pub app: Option<Labels>,
    pub kind: Option<Labels>,
    /// `Some` once any event said whether it was automated; missing counts as not.
    pub automated: Option<Bits>,
    pub models: Interner,
    pub callers: Interner,
}

/// Appends a value (or none) to an optional text column, which comes into being, without a
/// value for the `n` events before, at its first value.
fn push_label(column: &mut Option<Labels>, n: usize, name: Option<&str>) {
    match (column, name) {
        (Some(column), name) => column.push(name),
        (column @ None, Some(name)) => column.insert(Labels::missing(n)).push(Some(name)),
        (None, None) => {}
    }
}

/// Appends `more` (`m` events) to an optional text column (`n` events), filling the side
/// that lacks it with events without a value.
fn append_labels(column: &mut Option<Labels>, n: usize, more: Option<Labels>, m: usize) {
    match (column, more) {
        (Some(column), more) => column.append(more.unwrap_or_else(|| Labels::missing(m))),
        (column @ None, Some(more)) => column.insert(Labels::missing(n)).append(more),
        (None, None) => {}
    }
}

impl EventLog {
    /// Makes room for exactly `additional` more events in every column the log has so far.
    pub fn reserve(&mut self, additional: usize) {
        self.day.reserve_exact(additional);
        self.model.reserve_exact(additional);
        self.caller.reserve_exact(additional);
        self.mode.reserve_exact(additional);
        self.ok.reserve_exact(additional);
        if let Some(column) = &mut self.latency {
            column.reserve_exact(additional);
        }
        for column in [&mut self.app, &mut self.kind].into_iter().flatten() {
            column.reserve_exact(additional);
        }
        if let Some(column) = &mut self.automated {
            column.reserve_exact(additional);
        }
    }

    /// Appends one accepted event.
    pub fn push(&mut self, row: &EventRow) {
        let n = self.day.len();
        self.day.push(Day::from_epoch_seconds(row.seconds), self.model.capacity());
        self.model.push(self.models.intern(&row.model));
        self.caller.push(row.caller.as_deref().map_or(NONE, |c| self.callers.intern(c)));
        self.mode.push(row.mode);
        self.ok.push(row.ok);
        match (&mut self.latency, row.latency_ms) {
            (Some(column), value) => column.push(value),
            (None, Some(value)) => {
                let mut column = Latencies::missing(n);
                column.push(Some(value));
                self.latency = Some(column);
            }
            (None, None) => {}
        }
        push_label(&mut self.app, n, row.app.as_deref());
        push_label(&mut self.kind, n, row.kind.as_deref());
        match (&mut self.automated, row.automated) {
            (Some(bits), value) => bits.push(value.unwrap_or(false)),
            (None, Some(value)) => {
                let mut bits = Bits::filled(n, false);
                bits.push(value);
                self.automated = Some(bits);
            }
            (None, None) => {}
        }
    }

    /// Appends `other`'s events after these, as if they had been read after them: its ids
    /// are renamed to these interners' (a name new here takes the next id, so ids keep
    /// first-seen order), and a column one side lacks is filled as a read would have.
    /// How the logs of a body's segments, parsed in several workers, become one.
    pub fn append(&mut self, other: EventLog) {
        let (n, m) = (self.len(), other.len());
        let renamed = |to: &mut Interner, from: &Interner| -> Vec<u32> {
            (0..from.len() as u32).map(|id| to.intern(from.name(id))).collect()
        };
        let rename = |ids: &[u32], id: u32| if id == NONE { NONE } else { ids[id as usize] };
        let models = renamed(&mut self.models, &other.models);
        let callers = renamed(&mut self.callers, &other.callers);
        self.day.append(&other.day, self.model.capacity());
        self.model.extend(other.model.into_iter().map(|id| rename(&models, id)));
        self.caller.extend(other.caller.into_iter().map(|id| rename(&callers, id)));
        self.mode.extend(other.mode);
        self.ok.append(&other.ok);
        match (&mut self.latency, other.latency) {
            (Some(column), more) => column.append(more.unwrap_or_else(|| Latencies::missing(m))),
            (None, Some(more)) => {
                let mut column = Latencies::missing(n);
                column.append(more);
                self.latency = Some(column);
            }
            (None, None) => {}
        }
        append_labels(&mut self.app, n, other.app, m);
        append_labels(&mut self.kind, n, other.kind, m);
        match (&mut self.automated, other.automated) {
            (Some(bits), more) => bits.append(&more.unwrap_or_else(|| Bits::filled(m, false))),
            (None, Some(more)) => {
                let mut bits = Bits::filled(n, false);
                bits.append(&more);
                self.automated = Some(bits);
            }
            (None, None) => {}
        }
    }

    /// Puts the events in day order (stable: same-day events keep their input order), so
    /// that a window is one contiguous range and per-day distinct counts need one pass.
    /// Does nothing for a log that is already in order, as most are.
    pub fn sort_by_day(&mut self) {
        let Some(order) = self.day.order() else { return };
        self.day = self.day.permuted(&order);
        permute(&mut self.model, &order);
        permute(&mut self.caller, &order);
        permute(&mut self.mode, &order);
        self.ok = self.ok.gathered(&order);
        self.latency = self.latency.as_ref().map(|column| column.gathered(&order));
        for column in [&mut self.app, &mut self.kind].into_iter().flatten() {
            *column = column.gathered(&order);
        }
        self.automated = self.automated.as_ref().map(|bits| bits.gathered(&order));
    }

    /// The number of events (failed ones included).
    pub fn len(&self) -> usize {
        self.day.len()
    }

    /// The day-ordered store of these events, with each day stored once, at its first event.
    pub fn seal(mut self) -> Events {
        self.sort_by_day();
        let mut days = Vec::new();
        let mut starts = Vec::new();
        for (day, events) in self.day.runs() {
            if days.last() != Some(&day) {
                days.push(day);
                starts.push(events.start);
            }
        }
        starts.push(self.day.len());
        let mut events = Events {
            days,
            starts,
            model: self.model,
            caller: self.caller,
            mode: self.mode,
            ok: self.ok,
            latency: self.latency,
            app: self.app,
            kind: self.kind,
            automated: self.automated,
            models: self.models,
            callers: self.callers,
        };
        events.shrink_to_fit();
        events
    }
}

/// The events of a dataset, in day order: what the figures that need single events
/// (callers, latency, apps) read, and what a filter by mode, kind or app cuts by.
pub struct Events {
    /// Each distinct day once, ascending; the events of `days[k]` are
    /// `starts[k]..starts[k + 1]`.
    pub(super) days: Vec<Day>,
    pub(super) starts: Vec<usize>,
    pub model: Vec<u32>,
    /// [`NONE`] where the event named no caller.
    pub caller: Vec<u32>,
    /// Summed into the tallies; kept for a filter by mode, whose tallies are summed anew.
    pub mode: Vec<Mode>,
    pub ok: Bits,
    pub latency: Option<Latencies>,
    pub app: Option<Labels>,
    pub kind: Option<Labels>,
    pub automated: Option<Bits>,
    pub models: Interner,
    pub callers: Interner,
}

impl Default for Events {
    fn default() -> Self {
        EventLog::default().seal()
    }
}

impl Events {
    /// The number of events (failed ones included).
    pub fn len(&self) -> usize {
        self.model.len()
    }

    /// The events at `rows` (ascending): those a filter keeps.
    pub fn gathered(&self, rows: &[u32]) -> Events {
        // A day's rows are a run of `rows` (ascending): found by bisection, a day at a time.
        let (mut days, mut starts) = (Vec::new(), Vec::new());
        let mut j = 0;
        for (k, &day) in self.days.iter().enumerate() {
            let end = j + rows[j..].partition_point(|&i| (i as usize) < self.starts[k + 1]);
            if end > j {
                days.push(day);
                starts.push(j);
            }
            j = end;
        }
        starts.push(rows.len());
        Events {
            days,
            starts,
            model: gathered(&self.model, rows),
            caller: gathered(&self.caller, rows),
            mode: gathered(&self.mode, rows),
            ok: self.ok.gathered(rows),
            latency: self.latency.as_ref().map(|column| column.gathered(rows)),
            app: self.app.as_ref().map(|column| column.gathered(rows)),
            kind: self.kind.as_ref().map(|column| column.gathered(rows)),
            automated: self.automated.as_ref().map(|bits| bits.gathered(rows)),
            models: self.models.clone(),
            callers: self.callers.clone(),
        }
    }

    /// The indices of the events from `from` to `to` (both included).
    pub fn range(&self, from: Day, to: Day) -> Range<usize> {
        self.starts[self.days.partition_point(|&d| d < from)]..self.starts[self.days.partition_point(|&d| d <= to)]
    }

    /// The days of `range` with the indices of their events, in day order.
    pub fn days_in(&self, range: Range<usize>) -> impl Iterator<Item = (Day, Range<usize>)> + '_ {
        let (start, end) = (range.start, range.end);
        let first = self.starts.partition_point(|&s| s <= start).saturating_sub(1);
        (first..self.days.len())
            .take_while(move |&k| self.starts[k] < end)
            .map(move |k| (self.days[k], self.starts[k].max(start)..self.starts[k + 1].min(end)))
    }

    /// The successful events among `range`.
    pub fn ok_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        range.filter(|&i| self.ok.get(i))
    }

    fn shrink_to_fit(&mut self) {
        self.model.shrink_to_fit();
        self.caller.shrink_to_fit();
        self.mode.shrink_to_fit();
        self.days.shrink_to_fit();
        self.starts.shrink_to_fit();
        if let Some(column) = &mut self.latency {
            column.shrink_to_fit();
        }
        for column in [&mut self.app, &mut self.kind].into_iter().flatten() {
            column.shrink_to_fit();
        }
    }

    /// Bytes held by the columns and interned strings, for the benchmark's per-event figure.
    pub fn heap_bytes(&self) -> usize {
        self.days.capacity() * 4
            + self.starts.capacity() * 8
            + self.model.capacity() * 4
            + self.caller.capacity() * 4
            + self.mode.capacity()
            + self.ok.heap_bytes()
            + self.latency.as_ref().map_or(0, Latencies::heap_bytes)
            + [&self.app, &self.kind].into_iter().flatten().map(Labels::heap_bytes).sum::<usize>()
            + self.automated.as_ref().map_or(0, Bits::heap_bytes)
            + self.models.heap_bytes()
            + self.callers.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    fn events(body: &str) -> Events {
        Dataset::from_events("t", body.as_bytes()).unwrap().events
    }

    #[test]
    fn sealed_events_are_in_day_order_with_each_day_once() {
        let e = events(
            "{\"ts\":\"2026-03-04\",\"model\":\"c\"}\n{\"ts\":\"2026-03-02\",\"model\":\"a\"}\n\
             {\"ts\":\"2026-03-04\",\"model\":\"d\"}\n{\"ts\":\"2026-03-02\",\"model\":\"b\"}",
        );
        let names: Vec<&str> = e.model.iter().map(|&m| e.models.name(m)).collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        let d = |s| Day::parse(s).unwrap();
        let runs: Vec<(String, Range<usize>)> = e.days_in(0..4).map(|(day, r)| (day.to_string(), r)).collect();
        assert_eq!(runs, [("2026-03-02".into(), 0..2), ("2026-03-04".into(), 2..4)]);
        assert_eq!(e.range(d("2026-03-03"), d("2026-03-05")), 2..4);
        assert_eq!(e.range(d("2026-03-05"), d("2026-03-09")), 4..4);
        assert_eq!(e.days_in(1..3).map(|(_, r)| r).collect::<Vec<_>>(), [1..2, 2..3]);
        assert_eq!(e.days_in(4..4).count(), 0);
    }
}
