//! The reader of each shape, behind one type that the parser drives.

use super::{huggingface, openrouter, replicate, Shape};
use crate::input::{Extras, Sink};
use crate::problems::Problems;
use crate::store::Registry;

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
    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn Sink, problems: &mut Problems) -> Result<(), String> {
        match self {
            ShapeReader::OpenRouter(r) => r.feed(chunk, sink, problems),
            ShapeReader::Replicate(r) => r.feed(chunk, sink, problems),
            ShapeReader::HuggingFace(r) => r.feed(chunk, sink, problems),
        }
    }

    /// Ends the document: what it carries besides its rows.
    pub fn finish(&mut self, sink: &mut dyn Sink, problems: &mut Problems) -> Result<Extras, String> {
        let (mut extras, listings) = match self {
            ShapeReader::OpenRouter(r) => r.finish()?,
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
