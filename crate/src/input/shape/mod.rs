//! Hubs' own document shapes, read as they are published (selected by `format`) and as the
//! bytes arrive: each document's items become rows in hubpulse's field names, the listings
//! it carries become a registry, and its credit is kept. No document is held whole: items
//! stream by one at a time, each bounded. The field mapping of each shape is in its module
//! and in docs/sources.md.

mod huggingface;
mod openrouter;
mod pick;
mod replicate;

use super::{Extras, Sink};
use crate::problems::Problems;
use crate::store::Registry;

/// The longest item of a document kept, in bytes: one page of Replicate's list, one model
/// of Hugging Face's, one ranking row.
pub const MAX_ITEM: usize = 64 << 20;

/// A document shape that is not one of the formats of docs/inputs.md.
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
    /// Daily rollups.
    Rollups,
    /// Counter snapshots.
    Snapshots,
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
    pub fn named(name: &str) -> Result<Shape, crate::error::Error> {
        Shape::parse(name).ok_or_else(|| {
            crate::error::Error::Inputs(format!(
                "format {} is not a shape hubpulse reads; it reads {NAMES}",
                crate::text::quoted(name)
            ))
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
}

/// The streaming reader of one document of a shape.
pub enum ShapeReader {
    OpenRouter(openrouter::Rankings),
    Replicate(replicate::Pages),
    HuggingFace(huggingface::List),
}

impl ShapeReader {
    /// A reader of a document of `shape`.
    pub fn new(shape: Shape) -> ShapeReader {
        match shape {
            Shape::OpenRouterRankings => ShapeReader::OpenRouter(openrouter::Rankings::default()),
            Shape::ReplicateModels => ShapeReader::Replicate(replicate::Pages::default()),
            Shape::HfModels => ShapeReader::HuggingFace(huggingface::List::default()),
        }
    }

    /// Reads what `chunk` completes; an error: the document is not in this shape.
    pub fn feed<S: Sink<N>, const N: usize>(
        &mut self,
        chunk: &[u8],
        sink: &mut S,
        problems: &mut Problems,
    ) -> Result<(), String> {
        match self {
            ShapeReader::OpenRouter(r) => r.feed(chunk, sink, problems),
            ShapeReader::Replicate(r) => r.feed(chunk, sink, problems),
            ShapeReader::HuggingFace(r) => r.feed(chunk, sink, problems),
        }
    }

    /// Ends the document: what it carries besides its rows.
    pub fn finish<S: Sink<N>, const N: usize>(
        &mut self,
        sink: &mut S,
        problems: &mut Problems,
    ) -> Result<Extras, String> {
        let (mut extras, listings) = match self {
            ShapeReader::OpenRouter(r) => (r.finish()?, None),
            ShapeReader::Replicate(r) => r.finish(sink, problems)?,
            ShapeReader::HuggingFace(r) => r.finish(sink, problems)?,
        };
        let unit = match self {
            ShapeReader::OpenRouter(_) => Shape::OpenRouterRankings.unit(),
            ShapeReader::Replicate(_) => Shape::ReplicateModels.unit(),
            ShapeReader::HuggingFace(_) => Shape::HfModels.unit(),
        };
        extras.unit = Some(unit);
        extras.registry =
            listings.filter(|(registry, problems): &(Registry, Problems)| problems.rows_read > 0 || registry.len() > 0);
        Ok(extras)
    }
}

/// serde_json's reason for a document that is not in its shape, after `what` it expected.
fn not_shaped(what: &str, e: &serde_json::Error) -> String {
    format!("{what}: {}", super::json::reason(e))
}
