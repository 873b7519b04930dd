//! A dataset read from a chain: the scan's event lines parsed as any events input would be
//! (so the chain and an NDJSON export of it give the same report), the logs that are not
//! events counted as rejected rows, and the chain's provenance on the source.

use super::Dataset;
use crate::chain::Scan;
use crate::error::Error;
use crate::input::{InputKind, Limits, LoadedInput};
use crate::provenance::Origin;

impl Dataset {
    /// The dataset of what `scan` has read so far, with the `registry` when one was given.
    pub fn from_chain(
        scan: &Scan,
        origin: Origin,
        registry: Option<LoadedInput>,
        limits: Limits,
    ) -> Result<Dataset, Error> {
        let mut lines = LoadedInput::read(InputKind::Events, origin, scan.ndjson(), limits, None)?;
        lines.absorb_problems(&scan.problems());
        let mut data = Dataset::assemble(lines, registry)?;
        if let Some(source) = data.sources.first_mut() {
            source.input = "chain".into();
            source.chain = scan.provenance();
        }
        Ok(data)
    }
}
