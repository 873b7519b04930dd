//! Replicate's model list, saved once a day or more: each page as the API returns it
//! (`{results: [{owner, name, run_count, …}], next, …}`) with the day it was fetched added
//! as `date`. Pages come as a JSON array or one per line (a cron job's log), and are read
//! one at a time: `run_count` is a running total, so each model of a page is one counter
//! snapshot (docs/inputs.md#counter-snapshots), stored as it is read.

use super::pick::row;
use super::pick::{Pick, PickEach, Picked};
use super::MAX_ITEM;
use crate::day::Day;
use crate::input::json_stream::{Ending, Item, JsonStream};
use crate::input::ndjson::{is_blank, Lines};
use crate::input::time::day_of_text;
use crate::input::value::Value;
use crate::input::Extras;
use crate::input::Sink;
use crate::problems::Problems;
use crate::sort;
use crate::store::Registry;
use hashbrown::HashMap;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

const SHAPE: &str = "expected pages of Replicate's model list, each {date, results: [...]}";

/// How the pages come.
enum Form {
    /// Before the first byte that says.
    Undecided,
    /// One page a line.
    Lines(Lines),
    /// A JSON array of pages.
    Array(JsonStream),
}

/// Where a model was first seen, for its listing.
struct FirstSeen {
    day: Day,
    owner: String,
    name: String,
}

/// The pages as they arrive.
pub struct Pages {
    form: Form,
    /// Rows (models of pages) so far: row `n` is line `n` in problems.
    rows: u64,
    first_seen: HashMap<String, FirstSeen>,
}

impl Default for Pages {
    fn default() -> Self {
        Pages { form: Form::Undecided, rows: 0, first_seen: HashMap::new() }
    }
}

impl Pages {
    /// Reads every page that `chunk` completes.
    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn Sink, problems: &mut Problems) -> Result<(), String> {
        if let Form::Undecided = self.form {
            match chunk.iter().find(|b| !b.is_ascii_whitespace()) {
                None => return Ok(()),
                Some(b'[') => self.form = Form::Array(JsonStream::array(MAX_ITEM)),
                Some(b'{') => self.form = Form::Lines(Lines::bounded(0, MAX_ITEM)),
                Some(_) => return Err(SHAPE.into()),
            }
        }
        let (rows, first_seen) = (&mut self.rows, &mut self.first_seen);
        let mut failed = None;
        let mut page = |bytes: Option<&[u8]>| {
            if failed.is_some() {
                return;
            }
            match bytes {
                Some(bytes) if is_blank(bytes) => {}
                Some(bytes) => failed = read_page(bytes, rows, first_seen, sink, problems).err(),
                None => failed = Some(format!("{SHAPE}: a page is longer than {MAX_ITEM} bytes")),
            }
        };
        match &mut self.form {
            Form::Undecided => {}
            Form::Lines(lines) => lines.split(chunk, &mut |_, bytes| page(bytes)),
            Form::Array(stream) => stream
                .feed(chunk, &mut |item| match item {
                    Item::Element { bytes, .. } => page(Some(bytes)),
                    Item::TooLong { .. } => page(None),
                    Item::Field { .. } => {}
                })
                .map_err(|e| format!("{SHAPE}: {e}"))?,
        }
        failed.map_or(Ok(()), Err)
    }

    /// Ends the document: the last page, and each model listed from the first day a page
    /// had it, with its owner and name (Replicate's objects carry no creation date).
    pub fn finish(
        &mut self,
        sink: &mut dyn Sink,
        problems: &mut Problems,
    ) -> Result<(Extras, Option<(Registry, Problems)>), String> {
        match &mut self.form {
            Form::Lines(lines) => {
                let mut last = None;
                lines.split_end(&mut |_, bytes| last = Some(bytes.map(<[u8]>::to_vec)));
                match last {
                    Some(Some(bytes)) if !is_blank(&bytes) => {
                        read_page(&bytes, &mut self.rows, &mut self.first_seen, sink, problems)?
                    }
                    Some(None) => return Err(format!("{SHAPE}: a page is longer than {MAX_ITEM} bytes")),
                    _ => {}
                }
            }
            Form::Array(stream) => match stream.finish() {
                Ending::Complete | Ending::Empty => {}
                _ => return Err(format!("{SHAPE}, and the array ends early (cut off?)")),
            },
            Form::Undecided => {}
        }
        let mut listed: Vec<_> = std::mem::take(&mut self.first_seen).into_iter().collect();
        sort::sort(&mut listed, &|a, b| (a.1.day, &a.0).cmp(&(b.1.day, &b.0)));
        let (mut registry, mut listing_problems) = (Registry::default(), Problems::default());
        for (line, (model, seen)) in listed.into_iter().enumerate() {
            let fields = [
                ("model", Some(Value::Text(Cow::Owned(model)))),
                ("listed_at", Some(Value::Text(Cow::Owned(seen.day.to_string())))),
                ("owner", Some(Value::Text(Cow::Owned(seen.owner)))),
                ("name", Some(Value::Text(Cow::Owned(seen.name)))),
            ];
            row(&fields, line as u64 + 1, &mut registry, &mut listing_problems);
        }
        Ok((Extras::default(), Some((registry, listing_problems))))
    }
}

/// One page: each model a snapshot row on the page's day.
fn read_page(
    bytes: &[u8],
    rows: &mut u64,
    first_seen: &mut HashMap<String, FirstSeen>,
    sink: &mut dyn Sink,
    problems: &mut Problems,
) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let page = PageSeed.deserialize(&mut de).and_then(|page| de.end().map(|()| page));
    let (date, results) = page.map_err(|e| not_shaped(SHAPE, &e))?;
    let results = results.ok_or_else(|| SHAPE.to_owned())?;
    let day = date.as_ref().and_then(|d| match d {
        Value::Text(t) => day_of_text(t).ok(),
        _ => None,
    });
    // Each model of each page is a row: its id is written into one buffer, and a model
    // seen before is looked up by it without a copy.
    let mut id = String::new();
    for entry in results {
        *rows += 1;
        let [owner, name, run_count] = entry.unwrap_or_default();
        let model = match (&owner, &name) {
            (Some(Value::Text(o)), Some(Value::Text(n))) if !o.is_empty() && !n.is_empty() => {
                id.clear();
                id.extend([o.as_ref(), "/", n.as_ref()]);
                if let Some(day) = day {
                    let seen = first_seen.entry_ref(id.as_str()).or_insert_with(|| FirstSeen {
                        day,
                        owner: o.to_string(),
                        name: n.to_string(),
                    });
                    seen.day = seen.day.min(day);
                }
                Some(Value::Text(Cow::Borrowed(id.as_str())))
            }
            _ => None,
        };
        row(&[("day", date.clone()), ("model", model), ("total", run_count)], *rows, sink, problems);
    }
    Ok(())
}

/// A page's day (`date`, else `day`, else `fetched_at`) and its models' fields, in any key
/// order (a cron job appends `date` after `results`).
struct PageSeed;

type Page<'de> = (Option<Value<'de>>, Option<Vec<Picked<'de, 3>>>);

impl<'de> DeserializeSeed<'de> for PageSeed {
    type Value = Page<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PageSeed {
    type Value = Page<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a page {date, results: [...]}")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let (mut dates, mut results): ([Option<Value<'de>>; 3], _) = (Default::default(), None);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "date" => dates[0] = map.next_value_seed(super::pick::ValueSeed)?,
                "day" => dates[1] = map.next_value_seed(super::pick::ValueSeed)?,
                "fetched_at" => dates[2] = map.next_value_seed(super::pick::ValueSeed)?,
                "results" => results = Some(map.next_value_seed(PickEach(Pick(["owner", "name", "run_count"])))?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let [date, day, fetched_at] = dates;
        Ok((date.or(day).or(fetched_at), results))
    }
}

/// serde_json's reason for a document that is not in its shape, after `what` it expected.
fn not_shaped(what: &str, e: &serde_json::Error) -> String {
    format!("{what}: {}", super::pick::reason(e))
}

#[cfg(test)]
mod tests {
    use crate::input::Limits;
    use crate::store::Snapshots;

    #[test]
    fn pages_become_snapshots_and_models_are_listed_when_first_seen() {
        let body = br#"{"date":"2026-03-01","results":[{"owner":"acme","name":"llm","run_count":100,"description":"x"}],"next":null}
{"results":[{"owner":"acme","name":"llm","run_count":130},{"owner":"bo","name":"sd","run_count":7},{"name":"no-owner"},3],"date":"2026-03-02T06:00:00Z"}"#;
        let array = format!("[{}]", String::from_utf8_lossy(body).replace('\n', ","));
        for body in [&body[..], array.as_bytes()] {
            for size in [1, 7, 4096] {
                let mut loader = crate::input::stream::Loader::shaped(
                    "r",
                    Snapshots::default(),
                    Limits::default(),
                    Some(super::super::Shape::ReplicateModels),
                );
                body.chunks(size).try_for_each(|c| loader.feed(c)).unwrap();
                let loaded = loader.finish().unwrap();
                assert_eq!((loaded.problems.rows_read, loaded.problems.rows_rejected), (5, 2), "chunks of {size}");
                let lines: Vec<_> = loaded.problems.problems.iter().map(|p| (p.line, p.field.as_str())).collect();
                assert_eq!(lines, [(4, "model"), (5, "model")], "no owner, and not a model object");
                let (registry, _) = loaded.extras.registry.unwrap();
                let listed: Vec<_> = registry.rows.iter().map(|r| (r.model.as_str(), r.listed.to_string())).collect();
                assert_eq!(listed, [("acme/llm", "2026-03-01".into()), ("bo/sd", "2026-03-02".into())]);
                assert_eq!(registry.rows[1].owner.as_deref(), Some("bo"));
            }
        }
        for not_pages in [&b"{\"results\": 3}"[..], b"42", b"[1"] {
            let mut loader = crate::input::stream::Loader::shaped(
                "r",
                Snapshots::default(),
                Limits::default(),
                Some(super::super::Shape::ReplicateModels),
            );
            let result = loader.feed(not_pages).and_then(|()| loader.finish().map(|_| ()));
            assert!(result.is_err_and(|e| e.to_string().contains("expected pages of Replicate")), "{not_pages:?}");
        }
    }
}
