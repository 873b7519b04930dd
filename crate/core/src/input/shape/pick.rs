//! The few fields a shape reads of a JSON object, picked as it is parsed: every other field
//! (descriptions, cover images, tags) is skipped without being kept, and strings without
//! escapes are borrowed from the input.

use crate::input::value::{Record, Value};
use crate::input::Sink;
use crate::problems::Problems;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The values of the fields named `keys` of one JSON value; `None` when it is not an object.
pub type Picked<'de, const N: usize> = Option<[Option<Value<'de>>; N]>;

/// Picks the fields `keys` of one JSON value.
#[derive(Clone, Copy)]
pub struct Pick<const N: usize>(pub [&'static str; N]);

impl<const N: usize> Pick<N> {
    /// The fields of the value `bytes` hold, or why they are not JSON.
    pub fn of<'de>(self, bytes: &'de [u8]) -> Result<Picked<'de, N>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let picked = self.deserialize(&mut de)?;
        de.end()?;
        Ok(picked)
    }
}

impl<'de, const N: usize> DeserializeSeed<'de> for Pick<N> {
    type Value = Picked<'de, N>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for Pick<N> {
    type Value = Picked<'de, N>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut fields: [Option<Value<'de>>; N] = std::array::from_fn(|_| None);
        while let Some(key) = map.next_key_seed(KeyIndex(&self.0))? {
            match key {
                Some(i) => fields[i] = map.next_value_seed(ValueSeed)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(fields))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Picks the fields of each element of a JSON array.
pub struct PickEach<const N: usize>(pub Pick<N>);

impl<'de, const N: usize> DeserializeSeed<'de> for PickEach<N> {
    type Value = Vec<Picked<'de, N>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for PickEach<N> {
    type Value = Vec<Picked<'de, N>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(picked) = seq.next_element_seed(self.0)? {
            all.push(picked);
        }
        Ok(all)
    }
}

/// A key's place among the keys picked, read without allocating.
struct KeyIndex<'k>(&'k [&'static str]);

impl<'de> DeserializeSeed<'de> for KeyIndex<'_> {
    type Value = Option<usize>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIndex<'_> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|k| *k == key))
    }
}

/// Counts a row made of `fields` (a hub document's row, in hubpulse's field names) and
/// hands it to `sink` as a record of its schema; a field that is `None` is missing.
pub fn row<'a>(fields: &[(&str, Option<Value<'a>>)], line: u64, sink: &mut dyn Sink, problems: &mut Problems) {
    problems.rows_read += 1;
    let mut record = Record::new();
    for (name, value) in fields {
        if let Some((slot, canonical)) = sink.slot(name) {
            record.set(slot, canonical, value.clone());
        }
    }
    sink.accept(record, line, problems);
}

/// Reads any JSON value as a [`Value`]; `null` is no value at all.
pub(super) struct ValueSeed;

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

/// serde_json's message without its own "at line 1 column N" (our line is the file's).
pub(super) fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => format!("{} (column {})", &text[..cut], e.column()),
        None => text,
    }
}
