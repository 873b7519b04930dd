//! Hugging Face Hub's model list, as `/api/models` returns it: an array of
//! `{id, author, createdAt, lastModified, downloads, pipeline_tag, …}`. `downloads` counts
//! the last 30 days, so the rows are totals over that period, not days; the list is also
//! the registry. The list carries no date of its own: wrap it as `{as_of, models}` to say
//! when it was fetched, or the newest `lastModified` in it is taken as that day. That day is
//! known only at the end, so each model's id and downloads wait until then, compactly; its
//! listing goes to the registry at once.

use super::pick::row;
use super::pick::Pick;
use super::MAX_ITEM;
use crate::day::Day;
use crate::input::json_stream::{Ending, Item, JsonStream};
use crate::input::time::day_of_text;
use crate::input::value::Value;
use crate::input::Extras;
use crate::input::Sink;
use crate::problems::Problems;
use crate::store::Registry;
use std::borrow::Cow;

/// The days Hugging Face counts `downloads` over.
pub const PERIOD_DAYS: i32 = 30;

const SHAPE: &str = "expected Hugging Face's model list: an array of models, or {as_of, models}";

/// A model's row, until the period's last day is known.
struct Waiting {
    index: u64,
    model: Option<Box<str>>,
    downloads: Option<Value<'static>>,
    /// The owner and category of a model the list gives no `createdAt`: it is listed by the
    /// list's day, known at its end.
    undated: Option<(Option<Value<'static>>, Option<Value<'static>>)>,
}

/// The list as it arrives.
pub struct List {
    stream: JsonStream,
    /// `as_of` of the wrapped form, as given.
    as_of: Option<Result<Day, String>>,
    /// The newest `lastModified` (or `createdAt`) so far.
    newest: Option<Day>,
    rows: Vec<Waiting>,
    listings: Registry,
    listing_problems: Problems,
}

impl Default for List {
    fn default() -> Self {
        List {
            stream: JsonStream::object(&["models"], true, MAX_ITEM),
            as_of: None,
            newest: None,
            rows: Vec::new(),
            listings: Registry::default(),
            listing_problems: Problems::default(),
        }
    }
}

/// `Value<'a>` that outlives its input.
fn owned(value: Option<Value<'_>>) -> Option<Value<'static>> {
    value.map(|v| match v {
        Value::Text(t) => Value::Text(Cow::Owned(t.into_owned())),
        Value::Cell(c) => Value::Text(Cow::Owned(c.to_owned())),
        Value::Number(n) => Value::Number(n),
        Value::Integer(n) => Value::Integer(n),
        Value::Bool(b) => Value::Bool(b),
        Value::Composite => Value::Composite,
    })
}

fn day_of(value: &Option<Value<'_>>) -> Option<Day> {
    match value {
        Some(Value::Text(t)) => day_of_text(t).ok(),
        _ => None,
    }
}

impl List {
    /// `id` (or `modelId`) → `model`; `downloads` → `events` on the period's last day; and as
    /// listings, `createdAt` → `listed_at`, `author` (else the id's part before `/`) →
    /// `owner`, `pipeline_tag` → `category`.
    pub fn feed(&mut self, chunk: &[u8], _sink: &mut dyn Sink, _problems: &mut Problems) -> Result<(), String> {
        let (rows, newest, as_of) = (&mut self.rows, &mut self.newest, &mut self.as_of);
        let (listings, listing_problems) = (&mut self.listings, &mut self.listing_problems);
        let keys = ["id", "modelId", "author", "createdAt", "lastModified", "downloads", "pipeline_tag"];
        let mut each = |item: Item<'_>| match item {
            Item::Element { index, bytes } => {
                let [id, model_id, author, created, modified, downloads, tag] =
                    Pick(keys).of(bytes).ok().flatten().unwrap_or_default();
                let id = id.or(model_id);
                if let Some(day) = day_of(&modified).or(day_of(&created)) {
                    *newest = Some(newest.map_or(day, |n| n.max(day)));
                }
                let text = |v: &Option<Value<'_>>| match v {
                    Some(Value::Text(t)) => Some(t.to_string()),
                    _ => None,
                };
                let owner = match (&author, text(&id).as_deref().and_then(|i| i.split_once('/'))) {
                    (None, Some((owner, _))) => Some(Value::Text(Cow::Owned(owner.to_owned()))),
                    _ => author,
                };
                let model = text(&id).map(String::into_boxed_str);
                let undated = match created {
                    None => Some((owned(owner), owned(tag))),
                    created => {
                        let listing = [("model", id), ("listed_at", created), ("owner", owner), ("category", tag)];
                        row(&listing, index, listings, listing_problems);
                        None
                    }
                };
                rows.push(Waiting { index, model, downloads: owned(downloads), undated });
            }
            Item::TooLong { index } => {
                crate::input::too_long(index, MAX_ITEM, listing_problems);
                rows.push(Waiting { index, model: None, downloads: None, undated: None });
            }
            Item::Field { key: "as_of", value } => {
                let day = value.and_then(|v| std::str::from_utf8(v).ok()).map(|v| v.trim().trim_matches('"'));
                *as_of = Some(day.and_then(|d| day_of_text(d).ok()).ok_or_else(|| {
                    format!(
                        "as_of must be the day the list was fetched, not {}",
                        crate::text::quoted(day.unwrap_or(""))
                    )
                }));
            }
            Item::Field { .. } => {}
        };
        self.stream.feed(chunk, &mut each).map_err(|e| format!("{SHAPE}: {e}"))
    }

    /// Ends the list: each model's downloads on the period's last day, and the listings; a
    /// model without `createdAt` is listed by that day, with a warning that says so.
    pub fn finish(
        &mut self,
        sink: &mut dyn Sink,
        problems: &mut Problems,
    ) -> Result<(Extras, Option<(Registry, Problems)>), String> {
        match self.stream.finish() {
            Ending::Complete if !self.stream.missed_streamed() => {}
            Ending::Empty | Ending::Complete => return Err(SHAPE.into()),
            Ending::Unclosed | Ending::CutInItem { .. } => {
                return Err(format!("{SHAPE}, and it ends early (cut off?)"))
            }
        }
        let end = match self.as_of.take() {
            Some(as_of) => as_of?,
            None => {
                self.newest.ok_or("Hugging Face's list has no date: give it as {\"as_of\": day, \"models\": [...]}")?
            }
        };
        let day = Value::Text(Cow::Owned(end.to_string()));
        for waiting in std::mem::take(&mut self.rows) {
            let model = waiting.model.map(|m| Value::Text(Cow::Owned(m.into_string())));
            if let Some((owner, tag)) = waiting.undated {
                // In the list, so listed by its day; since when, the list does not say.
                if model.is_some() {
                    let why = || format!("no listing date: counted as listed by {end}, the list's day");
                    self.listing_problems.warn(waiting.index, "createdAt", why);
                }
                let listing =
                    [("model", model.clone()), ("listed_at", Some(day.clone())), ("owner", owner), ("category", tag)];
                row(&listing, waiting.index, &mut self.listings, &mut self.listing_problems);
            }
            row(
                &[("day", Some(day.clone())), ("model", model), ("events", waiting.downloads)],
                waiting.index,
                sink,
                problems,
            );
        }
        let listings = (std::mem::take(&mut self.listings), std::mem::take(&mut self.listing_problems));
        Ok((Extras { period: Some((end.plus(1 - PERIOD_DAYS), end)), ..Extras::default() }, Some(listings)))
    }
}
