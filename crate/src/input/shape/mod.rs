//! Hubs' own document shapes, read as they are published (selected by `format`): each
//! becomes rows in hubpulse's field names, the listings it carries, and the credit its
//! licence asks for. The field mapping of each shape is in its module and in docs/sources.md.

mod huggingface;
mod openrouter;
mod replicate;

use crate::day::Day;
use serde_json::{Map, Value};

/// A document shape that is not one of docs/inputs.md's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// OpenRouter's rankings-daily dataset: daily token totals of the top models and an
    /// `other` row, licensed CC BY 4.0.
    OpenRouterRankings,
    /// Saved pages of Replicate's model list, one or more per day: cumulative `run_count`s.
    ReplicateModels,
    /// Hugging Face Hub's `/api/models` list: each model's downloads over the last 30 days.
    HfModels,
}

/// Which demand input a shape's rows are (whichever attribute named the document).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeKind {
    Rollups,
    Snapshots,
}

/// One row in hubpulse's field names.
pub type Row = Map<String, Value>;

/// What a hub's document holds, in hubpulse's terms.
#[derive(Debug, Default)]
pub struct Adapted {
    /// Demand rows: rollups or snapshots, as [`Shape::kind`] says.
    pub rows: Vec<Row>,
    /// Registry rows (docs/inputs.md#registry) for the models the document lists; empty when it lists
    /// only models that were used.
    pub listings: Vec<Row>,
    pub attribution: Option<String>,
    /// The days the document's counts are totals over, when it is not per day
    /// (Hugging Face's 30-day downloads); its rows then fall on the last day.
    pub period: Option<(Day, Day)>,
}

const NAMES: &str = "openrouter-rankings, replicate-models or hf-models";

impl Shape {
    /// The shape a `format` attribute names.
    pub fn parse(name: &str) -> Option<Shape> {
        match name.trim() {
            "openrouter-rankings" => Some(Shape::OpenRouterRankings),
            "replicate-models" => Some(Shape::ReplicateModels),
            "hf-models" => Some(Shape::HfModels),
            _ => None,
        }
    }

    /// The shape a `format` attribute or option names, or an error that lists the shapes.
    pub fn named(name: &str) -> Result<Shape, crate::Error> {
        Shape::parse(name).ok_or_else(|| {
            crate::Error::Inputs(format!("format {name:?} is not a shape hubpulse reads; it reads {NAMES}"))
        })
    }

    /// What the shape counts.
    pub fn unit(self) -> &'static str {
        match self {
            Shape::OpenRouterRankings => "tokens",
            Shape::ReplicateModels => "runs",
            Shape::HfModels => "downloads",
        }
    }

    /// Which demand input the rows are.
    pub fn kind(self) -> ShapeKind {
        match self {
            Shape::OpenRouterRankings | Shape::HfModels => ShapeKind::Rollups,
            Shape::ReplicateModels => ShapeKind::Snapshots,
        }
    }

    /// What the (whole, uncompressed) `body` holds, or why it is not in this shape.
    pub fn adapt(self, body: &[u8]) -> Result<Adapted, String> {
        match self {
            Shape::OpenRouterRankings => openrouter::adapt(&document(body)?),
            Shape::ReplicateModels => replicate::adapt(body),
            Shape::HfModels => huggingface::adapt(body),
        }
    }
}

/// The body as one JSON value.
fn document(body: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(body).map_err(|e| format!("not a JSON document: {}", super::json::reason(&e)))
}

/// A row of `fields`, leaving out those the document did not have (`null`), so that a
/// missing field is reported as missing.
fn row<const N: usize>(fields: [(&str, Value); N]) -> Row {
    fields.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The UTC day of a JSON date (`"2026-03-01"`, an RFC 3339 time), if it is one.
fn day_of(value: &Value) -> Option<Day> {
    value.as_str().and_then(|t| super::time::day_of_text(t).ok())
}
