//! The columnar event store: one vector per field, one entry per accepted event.

use super::{Bits, Interner, Mode};
use crate::day::Day;
use crate::input::EventRow;

/// The id that marks "no value" in an interned column (no caller, no app, …).
pub const NONE: u32 = u32::MAX;

/// Every accepted inference event, as equal-length columns.
///
/// Strings are interned (`models`, `callers`, `labels`), so a row costs a few bytes
/// whatever its ids look like; optional columns exist only once some row has the
/// field, and missing values in them are `NaN` or [`NONE`].
#[derive(Default)]
pub struct EventLog {
    pub day: Vec<Day>,
    pub model: Vec<u32>,
    /// [`NONE`] where the event named no caller.
    pub caller: Vec<u32>,
    pub mode: Vec<Mode>,
    /// `false` for a failed inference (SPEC §1.1 `ok`).
    pub ok: Bits,
    pub latency_ms: Option<Vec<f64>>,
    pub units: Option<Vec<f64>>,
    pub kind: Option<Vec<u32>>,
    pub app: Option<Vec<u32>>,
    /// `Some` once any event said whether it was automated; missing counts as not.
    pub automated: Option<Bits>,
    pub models: Interner,
    pub callers: Interner,
    /// The values of `kind` and `app`.
    pub labels: Interner,
}

impl EventLog {
    /// Appends one accepted event.
    pub fn push(&mut self, row: &EventRow) {
        let n = self.day.len();
        self.day.push(Day::from_epoch_seconds(row.seconds));
        self.model.push(self.models.intern(&row.model));
        self.caller.push(row.caller.as_deref().map_or(NONE, |c| self.callers.intern(c)));
        self.mode.push(row.mode);
        self.ok.push(row.ok);
        push_optional(&mut self.latency_ms, n, row.latency_ms, f64::NAN);
        push_optional(&mut self.units, n, row.units, f64::NAN);
        let kind = row.kind.as_deref().map(|k| self.labels.intern(k));
        push_optional(&mut self.kind, n, kind, NONE);
        let app = row.app.as_deref().map(|a| self.labels.intern(a));
        push_optional(&mut self.app, n, app, NONE);
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

    /// Puts the events in day order (stable: same-day events keep their input order), so
    /// that a window is one contiguous range and per-day distinct counts need one pass.
    /// Does nothing for a log that is already in order, as most are.
    pub fn sort_by_day(&mut self) {
        if self.day.is_sorted() {
            return;
        }
        let mut order: Vec<u32> = (0..self.day.len() as u32).collect();
        order.sort_by_key(|&i| self.day[i as usize]);
        fn permute<T: Copy>(column: &mut Vec<T>, order: &[u32]) {
            *column = order.iter().map(|&i| column[i as usize]).collect();
        }
        fn permute_bits(bits: &mut Bits, order: &[u32]) {
            let mut sorted = Bits::default();
            order.iter().for_each(|&i| sorted.push(bits.get(i as usize)));
            *bits = sorted;
        }
        permute(&mut self.day, &order);
        permute(&mut self.model, &order);
        permute(&mut self.caller, &order);
        permute(&mut self.mode, &order);
        permute_bits(&mut self.ok, &order);
        for column in [&mut self.latency_ms, &mut self.units].into_iter().flatten() {
            permute(column, &order);
        }
        for column in [&mut self.kind, &mut self.app].into_iter().flatten() {
            permute(column, &order);
        }
        if let Some(bits) = &mut self.automated {
            permute_bits(bits, &order);
        }
    }

    /// The indices of the events from `from` to `to` (both included); the log must be in
    /// day order ([`EventLog::sort_by_day`]).
    pub fn range(&self, from: Day, to: Day) -> std::ops::Range<usize> {
        self.day.partition_point(|&d| d < from)..self.day.partition_point(|&d| d <= to)
    }

    /// The number of events (failed ones included).
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// The first and last day of any event, failed ones included (the default window).
    pub fn span(&self) -> Option<(Day, Day)> {
        let first = *self.day.iter().min()?;
        let last = *self.day.iter().max()?;
        Some((first, last))
    }

    /// The successful events among `range`.
    pub fn ok_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        range.filter(|&i| self.ok.get(i))
    }

    /// Bytes held by the columns and interned strings, for the benchmark's per-event figure.
    pub fn heap_bytes(&self) -> usize {
        fn cap<T>(v: &Option<Vec<T>>) -> usize {
            v.as_ref().map_or(0, |v| v.capacity() * std::mem::size_of::<T>())
        }
        self.day.capacity() * 4
            + self.model.capacity() * 4
            + self.caller.capacity() * 4
            + self.mode.capacity()
            + self.ok.heap_bytes()
            + cap(&self.latency_ms)
            + cap(&self.units)
            + cap(&self.kind)
            + cap(&self.app)
            + self.automated.as_ref().map_or(0, Bits::heap_bytes)
            + self.models.heap_bytes()
            + self.callers.heap_bytes()
            + self.labels.heap_bytes()
    }
}

/// Pushes to an optional column, creating it (back-filled with `missing`) on the first
/// value.
fn push_optional<T: Copy>(column: &mut Option<Vec<T>>, n: usize, value: Option<T>, missing: T) {
    match (column, value) {
        (Some(values), value) => values.push(value.unwrap_or(missing)),
        (column @ None, Some(value)) => {
            let mut values = vec![missing; n];
            values.push(value);
            *column = Some(values);
        }
        (None, None) => {}
    }
}
