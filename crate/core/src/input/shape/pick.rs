//! The few fields a shape reads of a JSON object, picked as it is parsed: every other field
//! (descriptions, cover images, tags) is skipped without being kept, and strings without
//! escapes are borrowed from the input.

use crate::input::value::{Record, Value};
use crate::input::Sink;
use crate::problems::Problems;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
                Some(i) => fields[i] = map.next_value_seed(crate::input::value::ValueSeed)?,
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
