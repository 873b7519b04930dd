//! The store as flat columns, to move a dataset between threads in a few copies (a worker
//! parses, the page shows). Each type gives its columns up in a fixed order and takes them
//! back in the same order, checking that they fit together, so a dataset rebuilt from its
//! columns holds no index out of range.

use super::tallies::NAMED;
use super::{Bits, Counts, EventDays, EventLog, Events, Interner, Labels, Latencies, Listings, Tallies, NONE};
use crate::day::Day;
use crate::mode::Mode;
use crate::sketch::{LatencySketch, Registers};

/// One column of numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    U8(Vec<u8>),
    I32(Vec<i32>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    F64(Vec<f64>),
}

/// Why columns do not make a store: they came from elsewhere than this version.
pub type Mismatch = &'static str;

/// Columns being given up, in order.
#[derive(Default)]
pub struct ColumnsOut(pub Vec<Column>);

/// Columns being taken back, in the order they were given.
pub struct ColumnsIn(std::vec::IntoIter<Column>);

impl ColumnsIn {
    pub fn new(columns: Vec<Column>) -> ColumnsIn {
        ColumnsIn(columns.into_iter())
    }

    fn next(&mut self) -> Result<Column, Mismatch> {
        self.0.next().ok_or("a column is missing")
    }

    pub fn u8(&mut self) -> Result<Vec<u8>, Mismatch> {
        match self.next()? {
            Column::U8(v) => Ok(v),
            _ => Err("a column of bytes was expected"),
        }
    }

    pub fn i32(&mut self) -> Result<Vec<i32>, Mismatch> {
        match self.next()? {
            Column::I32(v) => Ok(v),
            _ => Err("a column of i32 was expected"),
        }
    }

    pub fn u32(&mut self) -> Result<Vec<u32>, Mismatch> {
        match self.next()? {
            Column::U32(v) => Ok(v),
            _ => Err("a column of u32 was expected"),
        }
    }

    pub fn u64(&mut self) -> Result<Vec<u64>, Mismatch> {
        match self.next()? {
            Column::U64(v) => Ok(v),
            _ => Err("a column of u64 was expected"),
        }
    }

    /// Whether every column was taken.
    pub fn is_done(&mut self) -> bool {
        self.0.next().is_none()
    }
}

fn days_out(days: &[Day]) -> Column {
    Column::I32(days.iter().map(|d| d.0).collect())
}

fn days_in(columns: &mut ColumnsIn) -> Result<Vec<Day>, Mismatch> {
    Ok(columns.i32()?.into_iter().map(Day).collect())
}

fn offsets_out(offsets: &[usize]) -> Result<Column, Mismatch> {
    let offsets: Option<Vec<u32>> = offsets.iter().map(|&o| u32::try_from(o).ok()).collect();
    Ok(Column::U32(offsets.ok_or("an offset past 4 GB")?))
}

fn offsets_in(columns: &mut ColumnsIn) -> Result<Vec<usize>, Mismatch> {
    Ok(columns.u32()?.into_iter().map(|o| o as usize).collect())
}

impl Interner {
    fn columns_out(self, out: &mut ColumnsOut) -> Result<(), Mismatch> {
        let (bytes, ends) = self.into_parts();
        out.0.push(offsets_out(&ends)?);
        out.0.push(Column::U8(bytes.into_bytes()));
        Ok(())
    }

    fn columns_in(columns: &mut ColumnsIn) -> Result<Interner, Mismatch> {
        let ends = offsets_in(columns)?;
        let bytes = String::from_utf8(columns.u8()?).map_err(|_| "strings that are not UTF-8")?;
        Interner::from_parts(bytes, ends).ok_or("string ends that do not fit their bytes")
    }
}

impl Bits {
    fn columns_out(self, out: &mut ColumnsOut) {
        let (words, len) = self.into_parts();
        out.0.push(Column::U64(vec![len as u64]));
        out.0.push(Column::U64(words));
    }

    fn columns_in(columns: &mut ColumnsIn) -> Result<Bits, Mismatch> {
        let len = columns.u64()?.first().copied().ok_or("a bit column without its length")? as usize;
        Bits::from_parts(columns.u64()?, len).ok_or("bits that do not fit their length")
    }
}

/// An optional part: a flag column, then the part when there is one.
fn optional_out<T>(part: Option<T>, out: &mut ColumnsOut, each: impl FnOnce(T, &mut ColumnsOut)) {
    out.0.push(Column::U8(vec![u8::from(part.is_some())]));
    if let Some(part) = part {
        each(part, out);
    }
}

fn optional_in<T>(
    columns: &mut ColumnsIn,
    each: impl FnOnce(&mut ColumnsIn) -> Result<T, Mismatch>,
) -> Result<Option<T>, Mismatch> {
    match columns.u8()?.first() {
        Some(1) => each(columns).map(Some),
        Some(0) => Ok(None),
        _ => Err("an optional part without its flag"),
    }
}

/// The columns the event log and the sealed events share: one value per event, and the
/// strings their ids name.
struct PerEvent {
    model: Vec<u32>,
    caller: Vec<u32>,
    mode: Vec<Mode>,
    ok: Bits,
    latency: Option<Latencies>,
    app: Option<Labels>,
    kind: Option<Labels>,
    automated: Option<Bits>,
    models: Interner,
    callers: Interner,
}

impl PerEvent {
    fn columns_out(self, out: &mut ColumnsOut) -> Result<(), Mismatch> {
        let PerEvent { model, caller, mode, ok, latency, app, kind, automated, models, callers } = self;
        out.0.push(Column::U32(model));
        out.0.push(Column::U32(caller));
        out.0.push(Column::U8(mode.into_iter().map(|m| m as u8).collect()));
        ok.columns_out(out);
        optional_out(latency, out, |latency, out| match latency {
            Latencies::Tenths(v) => out.0.push(Column::U32(v)),
            Latencies::Exact(v) => out.0.push(Column::F64(v)),
        });
        // A text column's ids here, its values with the other strings after the flags.
        let mut strings = vec![models, callers];
        for labels in [app, kind] {
            optional_out(labels, out, |labels, out| {
                let (ids, names) = labels.into_parts();
                out.0.push(Column::U8(ids));
                strings.push(names);
            });
        }
        optional_out(automated, out, |bits, out| bits.columns_out(out));
        for interner in strings {
            interner.columns_out(out)?;
        }
        Ok(())
    }

    /// Takes the columns back, checking that they are of one length and every id names a
    /// string.
    fn columns_in(columns: &mut ColumnsIn) -> Result<PerEvent, Mismatch> {
        let (model, caller) = (columns.u32()?, columns.u32()?);
        let mode = columns.u8()?.into_iter().map(|m| Mode::ALL.get(m as usize).copied()).collect::<Option<Vec<_>>>();
        let mode = mode.ok_or("a mode that does not exist")?;
        let ok = Bits::columns_in(columns)?;
        let latency = optional_in(columns, |c| match c.next()? {
            Column::U32(v) => Ok(Latencies::Tenths(v)),
            Column::F64(v) => Ok(Latencies::Exact(v)),
            _ => Err("a latency column of another type"),
        })?;
        let app = optional_in(columns, ColumnsIn::u8)?;
        let kind = optional_in(columns, ColumnsIn::u8)?;
        let automated = optional_in(columns, Bits::columns_in)?;
        let (models, callers) = (Interner::columns_in(columns)?, Interner::columns_in(columns)?);
        let mut labels = |ids: Option<Vec<u8>>| -> Result<Option<Labels>, Mismatch> {
            let Some(ids) = ids else { return Ok(None) };
            Labels::from_parts(ids, Interner::columns_in(columns)?).map(Some).ok_or("a text id that names no value")
        };
        let (app, kind) = (labels(app)?, labels(kind)?);
        let n = model.len();
        let fits = |ids: &[u32], strings: &Interner, none_allowed: bool| {
            ids.iter().all(|&id| (id as usize) < strings.len() || (none_allowed && id == super::NONE))
        };
        let lengths = [caller.len(), mode.len(), ok.len(), latency.as_ref().map_or(n, Latencies::len)]
            .into_iter()
            .chain([&app, &kind].into_iter().flatten().map(Labels::len))
            .chain(automated.as_ref().map(Bits::len))
            .all(|len| len == n);
        if !(lengths && fits(&model, &models, false) && fits(&caller, &callers, true)) {
            return Err("event columns that do not fit together");
        }
        Ok(PerEvent { model, caller, mode, ok, latency, app, kind, automated, models, callers })
    }
}

impl Events {
    /// Gives the columns up (moved, not copied, where their types allow).
    pub fn columns_out(self, out: &mut ColumnsOut) -> Result<(), Mismatch> {
        let Events { days, starts, model, caller, mode, ok, latency, app, kind, automated, models, callers } = self;
        out.0.push(days_out(&days));
        out.0.push(offsets_out(&starts)?);
        PerEvent { model, caller, mode, ok, latency, app, kind, automated, models, callers }.columns_out(out)
    }

    /// Takes the columns back, checking that every id names a string and every run fits.
    pub fn columns_in(columns: &mut ColumnsIn) -> Result<Events, Mismatch> {
        let days = days_in(columns)?;
        let starts = offsets_in(columns)?;
        let PerEvent { model, caller, mode, ok, latency, app, kind, automated, models, callers } =
            PerEvent::columns_in(columns)?;
        let n = model.len();
        let runs = starts.len() == days.len() + 1
            && starts.first() == Some(&0)
            && starts.last() == Some(&n)
            && starts.windows(2).all(|w| w[0] <= w[1])
            && days.windows(2).all(|w| w[0] < w[1]);
        if !runs {
            return Err("event columns that do not fit together");
        }
        Ok(Events { days, starts, model, caller, mode, ok, latency, app, kind, automated, models, callers })
    }
}

impl EventLog {
    /// Gives the columns up: how the events of a body's segment go back from the worker
    /// that parsed it.
    pub fn columns_out(self, out: &mut ColumnsOut) -> Result<(), Mismatch> {
        let EventLog { day, model, caller, mode, ok, latency, app, kind, automated, models, callers } = self;
        out.0.push(days_out(&day.to_vec()));
        PerEvent { model, caller, mode, ok, latency, app, kind, automated, models, callers }.columns_out(out)
    }

    /// Takes the columns back, checking that they fit together.
    pub fn columns_in(columns: &mut ColumnsIn) -> Result<EventLog, Mismatch> {
        let mut day = EventDays::default();
        columns.i32()?.into_iter().for_each(|d| day.push(Day(d), 0));
        let PerEvent { model, caller, mode, ok, latency, app, kind, automated, models, callers } =
            PerEvent::columns_in(columns)?;
        if day.len() != model.len() {
            return Err("event columns that do not fit together");
        }
        Ok(EventLog { day, model, caller, mode, ok, latency, app, kind, automated, models, callers })
    }
}

impl Tallies {
    /// Gives the columns up (moved where their types allow; sketches as their bytes).
    pub fn columns_out(self, out: &mut ColumnsOut) -> Result<(), Mismatch> {
        out.0.push(days_out(&self.day));
        out.0.push(Column::U32(self.model));
        out.0.push(Column::U64(self.events));
        // All-zero count columns (a counter's failures and modes) travel as their flag alone.
        for counts in [self.failed].into_iter().chain(self.named) {
            optional_out(counts.into_values(), out, |c, out| out.0.push(Column::U64(c)));
        }
        for column in [self.self_calls, self.knowable, self.callers] {
            optional_out(column, out, |c, out| out.0.push(Column::U64(c)));
        }
        optional_out(self.callers_sketch, out, |sketches, out| {
            blobs_out(sketches.iter().map(Registers::encode), out);
        });
        optional_out(self.latency_sketch, out, |sketches, out| {
            blobs_out(sketches.iter().map(LatencySketch::encode), out);
        });
        Ok(())
    }

    /// Takes the columns back; `models`: how many model ids there are.
    pub fn columns_in(columns: &mut ColumnsIn, models: usize) -> Result<Tallies, Mismatch> {
        let day = days_in(columns)?;
        let model = columns.u32()?;
        let events = columns.u64()?;
        let n = day.len();
        let counts = |columns: &mut ColumnsIn| {
            optional_in(columns, ColumnsIn::u64).map(|c| c.map_or(Counts::zeros(n), Counts::from_vec))
        };
        let failed = counts(columns)?;
        let mut named: [Counts; NAMED] = Default::default();
        for column in &mut named {
            *column = counts(columns)?;
        }
        let self_calls = optional_in(columns, ColumnsIn::u64)?;
        let knowable = optional_in(columns, ColumnsIn::u64)?;
        let callers = optional_in(columns, ColumnsIn::u64)?;
        let callers_sketch = optional_in(columns, |c| blobs_in(c, Registers::decode))?;
        let latency_sketch = optional_in(columns, |c| blobs_in(c, LatencySketch::decode))?;
        let lengths = [model.len(), events.len(), failed.len()]
            .into_iter()
            .chain(named.iter().map(Counts::len))
            .chain([&self_calls, &knowable, &callers].into_iter().flatten().map(Vec::len))
            .chain(callers_sketch.as_ref().map(Vec::len))
            .chain(latency_sketch.as_ref().map(Vec::len))
            .all(|len| len == n);
        let ids = model.iter().all(|&m| (m as usize) < models || m == super::NONE);
        // `Tallies::mode` takes the unnamed mode as what the named ones leave of `events`.
        let modes_fit = || {
            (0..n).all(|c| {
                named.iter().try_fold(0u64, |sum, m| sum.checked_add(m.get(c))).is_some_and(|s| s <= events[c])
            })
        };
        if !(lengths && ids && day.windows(2).all(|w| w[0] <= w[1]) && modes_fit()) {
            return Err("tallies that do not fit together");
        }
        Ok(Tallies { day, model, events, failed, named, self_calls, knowable, callers, callers_sketch, latency_sketch })
    }
}

impl Listings {
    /// Gives the columns up; a model not listed travels as the day `i32::MIN`, which no
    /// accepted row can carry (docs/inputs.md#bounds).
    pub fn columns_out(self, out: &mut ColumnsOut) -> Result<(), Mismatch> {
        out.0.push(Column::I32(self.listed.iter().map(|d| d.map_or(i32::MIN, |d| d.0)).collect()));
        out.0.push(Column::U32(self.owner));
        out.0.push(Column::U32(self.name));
        out.0.push(Column::U32(self.category));
        self.names.columns_out(out)?;
        self.categories.columns_out(out)
    }

    /// Takes the columns back for `models` model ids, checking every id they name:
    /// owners among the `callers`, names and categories among their own strings.
    pub fn columns_in(columns: &mut ColumnsIn, models: usize, callers: usize) -> Result<Listings, Mismatch> {
        let listed = columns.i32()?.into_iter().map(|d| (d != i32::MIN).then_some(Day(d))).collect::<Vec<_>>();
        let (owner, name, category) = (columns.u32()?, columns.u32()?, columns.u32()?);
        let (names, categories) = (Interner::columns_in(columns)?, Interner::columns_in(columns)?);
        let ids = |column: &[u32], count: usize| column.iter().all(|&id| id == NONE || (id as usize) < count);
        let lengths = [owner.len(), name.len(), category.len()].iter().all(|&len| len == listed.len());
        if !(lengths && listed.len() == models) {
            return Err("listings for another number of models");
        }
        if !(ids(&owner, callers) && ids(&name, names.len()) && ids(&category, categories.len())) {
            return Err("listings that name what is not there");
        }
        Ok(Listings { listed, owner, name, category, names, categories })
    }
}

/// Byte strings end to end, and where each ends.
fn blobs_out(blobs: impl Iterator<Item = Vec<u8>>, out: &mut ColumnsOut) {
    let (mut bytes, mut ends) = (Vec::new(), Vec::new());
    for blob in blobs {
        bytes.extend_from_slice(&blob);
        ends.push(bytes.len() as u64);
    }
    out.0.push(Column::U64(ends));
    out.0.push(Column::U8(bytes));
}

fn blobs_in<T>(columns: &mut ColumnsIn, decode: fn(&[u8]) -> Result<T, String>) -> Result<Vec<T>, Mismatch> {
    let (ends, bytes) = (columns.u64()?, columns.u8()?);
    let mut start = 0;
    ends.iter()
        .map(|&end| {
            let blob = bytes.get(start..end as usize).ok_or("sketch bytes that do not fit")?;
            start = end as usize;
            decode(blob).map_err(|_| "a sketch that does not decode")
        })
        .collect()
}
