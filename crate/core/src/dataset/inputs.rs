//! The inputs of one dataset as a caller names them (URLs, files, bytes), and reading
//! them whole.

use super::Dataset;
use crate::error::Error;
use crate::input::{InputKind, Limits, LoadedInput, Shape, ShapeKind};
use crate::provenance::Origin;
use std::io::Read;

/// The inputs of one dataset, each a `T` (a URL, a file, bytes): exactly one demand side
/// (events, daily rollups or counter snapshots: one report counts one source, since
/// mixing them would count inferences twice) and perhaps a registry.
pub struct Inputs<T> {
    /// Inference events (docs/inputs.md#events).
    pub events: Option<T>,
    /// Daily rollups (docs/inputs.md#rollups).
    pub rollups: Option<T>,
    /// Counter snapshots (docs/inputs.md#counter-snapshots).
    pub snapshots: Option<T>,
    /// The model registry (docs/inputs.md#registry): the supply side.
    pub registry: Option<T>,
    /// The demand input is a hub's own document of this shape (`format`), which decides
    /// what kind of input it is, whichever field names it.
    pub shape: Option<Shape>,
    /// What an input may not exceed.
    pub limits: Limits,
    /// Threads that parse a large body of events at once, natively (docs/architecture.md);
    /// 1: the caller's alone. Wasm has no threads and reads with one (a page parses in
    /// workers instead).
    pub threads: usize,
}

impl<T> Default for Inputs<T> {
    fn default() -> Self {
        let limits = Limits::default();
        Inputs { events: None, rollups: None, snapshots: None, registry: None, shape: None, limits, threads: 1 }
    }
}

impl<T> Inputs<T> {
    /// Inputs of one events body.
    pub fn events(events: T) -> Inputs<T> {
        Inputs { events: Some(events), ..Inputs::default() }
    }

    /// The demand input with its kind (as its shape says, when it has one), and the
    /// registry; an error unless exactly one demand input was given.
    pub fn split(self) -> Result<((InputKind, T), Option<T>), Error> {
        let demand = match (self.events, self.rollups, self.snapshots) {
            (Some(e), None, None) => (InputKind::Events, e),
            (None, Some(r), None) => (InputKind::Rollups, r),
            (None, None, Some(s)) => (InputKind::Snapshots, s),
            (None, None, None) => return Err(Error::Inputs("give events, daily rollups or counter snapshots".into())),
            _ => {
                return Err(Error::Inputs(
                    "give events, daily rollups or counter snapshots, only one: one report counts one source".into(),
                ))
            }
        };
        let demand = match self.shape.map(Shape::kind) {
            None => demand,
            Some(ShapeKind::Rollups) => (InputKind::Rollups, demand.1),
            Some(ShapeKind::Snapshots) => (InputKind::Snapshots, demand.1),
        };
        Ok((demand, self.registry))
    }
}

impl Dataset {
    /// Reads whole inputs (files, standard input, bytes) chunk by chunk, as a download
    /// would arrive, and assembles them.
    pub fn read<R: Read>(inputs: Inputs<(Origin, R)>) -> Result<Dataset, Error> {
        let (shape, limits) = (inputs.shape, inputs.limits);
        #[cfg(not(target_arch = "wasm32"))]
        let threads = inputs.threads;
        let ((kind, (origin, body)), registry) = inputs.split()?;
        let demand = match kind {
            #[cfg(not(target_arch = "wasm32"))]
            InputKind::Events if shape.is_none() && threads > 1 => {
                LoadedInput::read_in_pieces(origin, body, limits, threads)?
            }
            _ => LoadedInput::read(kind, origin, body, limits, shape)?,
        };
        let registry = registry
            .map(|(origin, body)| LoadedInput::read(InputKind::Registry, origin, body, limits, None))
            .transpose()?;
        Dataset::assemble(demand, registry)
    }

    /// A dataset of one events body named `source`: for the tests of both crates (a
    /// `cfg(test)` item is not compiled for the other crate's tests).
    pub fn from_events(source: &str, body: &[u8]) -> Result<Dataset, Error> {
        Dataset::read(Inputs::events((Origin { source: source.into(), fetched_at: String::new() }, body)))
    }

    /// A dataset of bodies the caller holds; their provenance says `bytes`, with no time.
    pub fn from_bytes(inputs: Inputs<&[u8]>) -> Result<Dataset, Error> {
        fn bytes(body: Option<&[u8]>) -> Option<(Origin, &[u8])> {
            body.map(|body| (Origin { source: "bytes".into(), fetched_at: String::new() }, body))
        }
        Dataset::read(Inputs {
            events: bytes(inputs.events),
            rollups: bytes(inputs.rollups),
            snapshots: bytes(inputs.snapshots),
            registry: bytes(inputs.registry),
            shape: inputs.shape,
            limits: inputs.limits,
            threads: inputs.threads,
        })
    }
}
