//! One input record as read, before validation: a fixed set of named slots, each holding
//! the raw value of one field (or nothing). JSON and CSV both fill the same `Record`,
//! so the rules of docs/inputs.md live once, in the validators, whatever the format.

use super::Sink;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

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

/// Deserialises one JSON object into a [`Record`] without allocating for keys or for
/// strings without escapes; unknown fields are skipped.
pub struct RecordSeed<'r, 'a> {
    pub record: &'r mut Record<'a>,
    /// Whose field names these are.
    pub sink: &'r dyn Sink,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(slot) = map.next_key_seed(KeySeed(self.sink))? {
            match slot {
                Some((slot, canonical)) => {
                    let value = map.next_value_seed(ValueSeed)?;
                    self.record.set(slot, canonical, value);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct KeySeed<'r>(&'r dyn Sink);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<(usize, bool)>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Option<(usize, bool)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.slot(name))
    }
}

/// Reads any JSON value as a [`Value`]; `null` is no value at all.
pub struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Option<Value<'de>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Option<Value<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Value::Text(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Value::Text(Cow::Owned(v.to_owned()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Value::Text(Cow::Owned(v))))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Value::Number(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Value::Number(v as f64)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Value::Integer(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(Value::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Some(Value::Composite))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Some(Value::Composite))
    }
}
