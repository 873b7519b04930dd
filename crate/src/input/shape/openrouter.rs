//! OpenRouter's rankings-daily dataset: `{data: [{date, model_permaslug, total_tokens}],
//! meta: {as_of}}`, the top models of each day and an `other` row, in tokens, licensed
//! CC BY 4.0 with a citation that the widget draws under every chart. The rows stream to
//! the rollups as they arrive.

use super::pick::row;
use super::pick::Pick;
use super::MAX_ITEM;
use crate::input::json_stream::{Ending, Item, JsonStream};
use crate::input::value::Value;
use crate::input::Extras;
use crate::input::Sink;
use crate::problems::Problems;

const SHAPE: &str = "expected OpenRouter's rankings: an object with a data array";

/// The rankings as they arrive.
pub struct Rankings {
    stream: JsonStream,
    as_of: Option<String>,
}

impl Default for Rankings {
    fn default() -> Self {
        Rankings { stream: JsonStream::object(&["data"], false, MAX_ITEM), as_of: None }
    }
}

impl Rankings {
    /// `date` → `day`, `model_permaslug` → `model` (its `other` row is the long tail, as in
    /// rollups), `total_tokens` (a decimal string) → `events`.
    pub fn feed<S: Sink<N>, const N: usize>(
        &mut self,
        chunk: &[u8],
        sink: &mut S,
        problems: &mut Problems,
    ) -> Result<(), String> {
        let as_of = &mut self.as_of;
        let mut each = |item: Item<'_>| match item {
            Item::Element { index, bytes } => {
                // A row that is not an object has no fields: rejected, with its index.
                let [day, model, events] =
                    Pick(["date", "model_permaslug", "total_tokens"]).of(bytes).ok().flatten().unwrap_or_default();
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

    /// The credit, once the whole document was read.
    pub fn finish(&mut self) -> Result<Extras, String> {
        match self.stream.finish() {
            Ending::Complete if !self.stream.missed_streamed() => {}
            Ending::Empty | Ending::Complete => return Err(SHAPE.into()),
            Ending::Unclosed | Ending::CutInItem { .. } => {
                return Err(format!("{SHAPE}, and it ends early (cut off?)"))
            }
        }
        let as_of = self.as_of.as_deref().unwrap_or("an unknown date");
        let attribution = format!("Source: OpenRouter (openrouter.ai/rankings), as of {}", crate::text::visible(as_of));
        Ok(Extras { attribution: Some(attribution), ..Extras::default() })
    }
}
