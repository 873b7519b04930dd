//! The chain source (SPEC §1.6): inference events read from an EVM chain's logs over plain
//! JSON-RPC, in the reader's browser or on the command line, so that anyone can check the
//! figures against the chain itself. OpenGradient's precompile emits one event per
//! inference; the block gives the time and the transaction's sender is the caller.

mod abi;
mod rpc;
mod scan;

pub use abi::{decode, Inference};
pub use scan::{ChainProvenance, Request, Scan, ScanConfig, FIRST_CHUNK, PRECOMPILE};

use crate::dataset::{Dataset, Demand, Origin};
use crate::error::Error;
use crate::input::{load_all, Limits, Loaded};
use crate::store::{EventLog, Registry};

/// The dataset of what `scan` has read so far: its event lines parsed as any events input
/// would be (so the chain and an NDJSON export of it give the same report), the logs that
/// are not events counted as rejected rows, and the chain's provenance on the source.
pub fn dataset(
    scan: &Scan,
    origin: Origin,
    registry: Option<(Loaded<Registry>, Origin)>,
    limits: Limits,
) -> Result<Dataset, Error> {
    let mut loaded = load_all(&origin.source, EventLog::default(), scan.ndjson(), limits)?;
    loaded.problems.absorb(scan.problems());
    let mut data = Dataset::assemble((Demand::Events(loaded), origin), registry);
    if let Some(source) = data.sources.first_mut() {
        source.input = "chain".into();
        source.chain = scan.provenance();
    }
    Ok(data)
}

#[cfg(test)]
mod tests;
