//! OpenRouter's rankings-daily dataset: `{data: [{date, model_permaslug, total_tokens}],
//! meta: {as_of}}`, the top models of each day and an `other` row, in tokens, licensed
//! CC BY 4.0 with a citation that the widget draws under every chart. The rows stream to
//! the rollups as they arrive. Each model is listed from the first day it has tokens, as a
//! source without a registry would list it, with its author (the slug's part before `/`) as
//! its owner: the charts by owner are market share by model author.

use super::pick::row;
use super::pick::Pick;
use super::MAX_ITEM;
use crate::day::Day;
use crate::input::json_stream::{Ending, Item, JsonStream};
use crate::input::rollups::LONG_TAIL;
use crate::input::time::day_of_text;
use crate::input::value::Value;
use crate::input::Extras;
use crate::input::Sink;
use crate::problems::Problems;
use crate::store::Registry;
use std::borrow::Cow;
use std::collections::BTreeMap;

const SHAPE: &str = "expected OpenRouter's rankings: an object with a data array";

/// The rankings as they arrive.
pub struct Rankings {
    stream: JsonStream,
    as_of: Option<String>,
    /// Each model's first day with tokens, by model.
    first_used: BTreeMap<String, Day>,
}

impl Default for Rankings {
    fn default() -> Self {
        Rankings { stream: JsonStream::object(&["data"], false, MAX_ITEM), as_of: None, first_used: BTreeMap::new() }
    }
}

/// Whether a row's `total_tokens` counts some: a positive number, or a decimal string of one.
fn some_tokens(tokens: &Option<Value>) -> bool {
    match tokens {
        Some(Value::Integer(n)) => *n > 0,
        Some(Value::Number(x)) => *x > 0.0,
        Some(Value::Text(t)) => {
            let t = t.trim();
            !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && t.bytes().any(|b| b != b'0')
        }
        _ => false,
    }
}

impl Rankings {
    /// `date` → `day`, `model_permaslug` → `model` (its `other` row is the long tail, as in
    /// rollups), `total_tokens` (a decimal string) → `events`.
    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn Sink, problems: &mut Problems) -> Result<(), String> {
        let (as_of, first_used) = (&mut self.as_of, &mut self.first_used);
        let mut each = |item: Item<'_>| match item {
            Item::Element { index, bytes } => {
                // A row that is not an object has no fields: rejected, with its index.
                let [day, model, events] =
                    Pick(["date", "model_permaslug", "total_tokens"]).of(bytes).ok().flatten().unwrap_or_default();
                if let (Some(Value::Text(d)), Some(Value::Text(m))) = (&day, &model) {
                    let used = some_tokens(&events) && m.trim() != LONG_TAIL;
                    if let Some(d) = day_of_text(d).ok().filter(|_| used) {
                        let first = first_used.entry(m.trim().to_owned()).or_insert(d);
                        *first = (*first).min(d);
                    }
                }
                row(&[("day", day), ("model", model), ("events", events)], index, sink, problems);
            }
            Item::TooLong { index } => crate::input::too_long(index, MAX_ITEM, problems),
            Item::Field { key: "meta", value: Some(meta) } => {
                if let Ok(Some([Some(Value::Text(date))])) = Pick(["as_of"]).of(meta) {
                    *as_of = Some(date.into_owned());
                }
            }
            Item::Field { .. } => {}
        };
        self.stream.feed(chunk, &mut each).map_err(|e| format!("{SHAPE}: {e}"))
    }

    /// The credit and the models listed, once the whole document was read.
    pub fn finish(&mut self) -> Result<(Extras, Option<(Registry, Problems)>), String> {
        match self.stream.finish() {
            Ending::Complete if !self.stream.missed_streamed() => {}
            Ending::Empty | Ending::Complete => return Err(SHAPE.into()),
            Ending::Unclosed | Ending::CutInItem { .. } => {
                return Err(format!("{SHAPE}, and it ends early (cut off?)"))
            }
        }
        let as_of = self.as_of.as_deref().unwrap_or("an unknown date");
        let attribution = format!("Source: OpenRouter (openrouter.ai/rankings), as of {}", crate::text::visible(as_of));
        let listed = std::mem::take(&mut self.first_used);
        let (mut registry, mut problems) = (Registry::default(), Problems::default());
        for (line, (model, day)) in listed.into_iter().enumerate() {
            let author = model.split_once('/').map(|(author, _)| Value::Text(Cow::Owned(author.to_owned())));
            let fields = [
                ("model", Some(Value::Text(Cow::Owned(model)))),
                ("listed_at", Some(Value::Text(Cow::Owned(day.to_string())))),
                ("owner", author),
            ];
            row(&fields, line as u64 + 1, &mut registry, &mut problems);
        }
        Ok((Extras { attribution: Some(attribution), ..Extras::default() }, Some((registry, problems))))
    }
}
