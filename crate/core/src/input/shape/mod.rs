//! Hubs' own document shapes, read as they are published (selected by `format`) and as the
//! bytes arrive: each document's items become rows in hubpulse's field names, the listings
//! it carries become a registry, and its credit is kept. No document is held whole: items
//! stream by one at a time, each bounded. The field mapping of each shape is in its module
//! and in docs/sources.md.

#[cfg(not(feature = "shapes"))]
mod absent;
#[cfg(feature = "shapes")]
mod huggingface;
#[cfg(feature = "shapes")]
mod openrouter;
#[cfg(feature = "shapes")]
mod pick;
#[cfg(feature = "shapes")]
mod readers;
#[cfg(feature = "shapes")]
mod replicate;

#[cfg(not(feature = "shapes"))]
pub use absent::ShapeReader;
#[cfg(feature = "shapes")]
pub use readers::ShapeReader;

#[cfg(feature = "shapes")]
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
