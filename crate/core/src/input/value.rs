//! One input record as read, before validation: a fixed set of named slots, each holding
//! the raw value of one field (or nothing). JSON and CSV both fill the same `Record`,
//! so the rules of docs/inputs.md live once, in the validators, whatever the format.

use std::borrow::Cow;

/// A field's raw value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// A JSON string.
    Text(Cow<'a, str>),
    /// A CSV cell: text whose type is decided by the field it lands in.
    Cell(&'a str),
    Number(f64),
    /// A JSON whole number ≥ 0, kept exact (counters beyond 2⁵³).
    Integer(u64),
    Bool(bool),
    /// A JSON object or array: never a valid field value here.
    Composite,
}

impl Value<'_> {
    /// What the value is, in words, for a problem's reason.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Text(_) | Value::Cell(_) => "text",
            Value::Number(_) | Value::Integer(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Composite => "an object or array",
        }
    }
}

/// The most slots an input kind has (rollups'). One record type serves every kind, so that
/// the parsers of the formats are compiled once rather than once per kind (the four copies
/// were 57 KB of raw wasm, 6 KiB gzipped); a kind uses the first of the slots.
pub const MAX_SLOTS: usize = 13;

/// The slots of one record.
pub struct Record<'a> {
    pub values: [Option<Value<'a>>; MAX_SLOTS],
    canonical: [bool; MAX_SLOTS],
}

impl<'a> Record<'a> {
    pub fn new() -> Self {
        Record { values: std::array::from_fn(|_| None), canonical: [false; MAX_SLOTS] }
    }

    /// Puts `value` in `slot`; a canonical name replaces an alias, not the reverse.
    pub fn set(&mut self, slot: usize, canonical: bool, value: Option<Value<'a>>) {
        let Some(value) = value else { return };
        if self.values[slot].is_none() || (canonical && !self.canonical[slot]) {
            self.values[slot] = Some(value);
            self.canonical[slot] = canonical;
        }
    }

    /// Takes the value out of `slot`.
    pub fn take(&mut self, slot: usize) -> Option<Value<'a>> {
        self.values[slot].take()
    }
}

impl Default for Record<'_> {
    fn default() -> Self {
        Self::new()
    }
}
