//! The shapes' reader in a build without them (the browser's default part, which leaves them
//! to the optional part in www/pkg/extra/): every document is refused, saying where it is read.

use super::Shape;
use crate::input::{Extras, Sink};
use crate::problems::Problems;

const ABSENT: &str =
    "hubs' own document shapes (format) are read by hubpulse's optional part (pkg/extra/), which this build leaves out";

/// Refuses a document of any shape.
pub struct ShapeReader;

impl ShapeReader {
    pub fn new(_: Shape) -> ShapeReader {
        ShapeReader
    }

    pub fn feed(&mut self, _: &[u8], _: &mut dyn Sink, _: &mut Problems) -> Result<(), String> {
        Err(ABSENT.into())
    }

    pub fn finish(&mut self, _: &mut dyn Sink, _: &mut Problems) -> Result<Extras, String> {
        Err(ABSENT.into())
    }
}
