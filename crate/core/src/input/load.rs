//! One input of any kind, read as its raw bytes arrive: the face of the streaming loaders
//! that the command line, the browser and the tests drive, whatever the input's kind.

use super::parser::Parser;
use super::segments::Joined;
#[cfg(not(target_arch = "wasm32"))]
use super::segments::{parse_pieces, Cutter, Piece, Tail, PIECE_BYTES};
use super::stream::{Loaded, Loader};
use super::{Limits, Shape};
use crate::error::Error;
use crate::problems::Problems;
use crate::provenance::Origin;
use crate::store::{EventLog, Registry, Rollups, Snapshots};
use std::io::Read;

/// What an input holds (docs/inputs.md): inference events, daily rollups or counter
/// snapshots (the demand side, one of them), or the model registry (the supply side).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// Inference events, one a row.
    Events,
    /// Daily rollups, one row per day and model.
    Rollups,
    /// Counter snapshots, one row per day and model.
    Snapshots,
    /// The model registry: one row per listed model.
    Registry,
}

impl InputKind {
    /// The input's name in reports, problems and progress: `events`, `rollups`, …
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Events => "events",
            InputKind::Rollups => "rollups",
            InputKind::Snapshots => "snapshots",
            InputKind::Registry => "registry",
        }
    }
}

/// What was stored of one input, by kind.
pub(crate) enum Stored {
    Events(Loaded<EventLog>),
    Rollups(Loaded<Rollups>),
    Snapshots(Loaded<Snapshots>),
    Registry(Loaded<Registry>),
}

/// The streaming loader of each kind.
enum Loading {
    Events(Loader<Parser<EventLog>>),
    Rollups(Loader<Parser<Rollups>>),
    Snapshots(Loader<Parser<Snapshots>>),
    Registry(Loader<Parser<Registry>>),
}

/// Runs `$body` with `$x` bound to what `$value`, an enum with a variant per kind, holds.
macro_rules! each {
    ($enum:ident, $value:expr, $x:ident => $body:expr) => {
        match $value {
            $enum::Events($x) => $body,
            $enum::Rollups($x) => $body,
            $enum::Snapshots($x) => $body,
            $enum::Registry($x) => $body,
        }
    };
}

/// One input being read: feed it the raw bytes (gzipped or not) as they arrive, then
/// finish it.
pub struct InputLoader {
    kind: InputKind,
    origin: Origin,
    loading: Loading,
}

impl InputLoader {
    /// A loader of an input of `kind` from `origin`; `shape`: the body is a hub's own
    /// document of that shape (`format`), not one of the formats of docs/inputs.md.
    pub fn new(kind: InputKind, origin: Origin, limits: Limits, shape: Option<Shape>) -> InputLoader {
        let source = origin.source.clone();
        let loading = match kind {
            InputKind::Events => Loading::Events(Loader::shaped(source, EventLog::default(), limits, shape)),
            InputKind::Rollups => Loading::Rollups(Loader::shaped(source, Rollups::default(), limits, shape)),
            InputKind::Snapshots => Loading::Snapshots(Loader::shaped(source, Snapshots::default(), limits, shape)),
            InputKind::Registry => Loading::Registry(Loader::shaped(source, Registry::default(), limits, shape)),
        };
        InputLoader { kind, origin, loading }
    }

    /// Announces the body's size in raw bytes (a `Content-Length`), so the store can make
    /// room for its rows once.
    pub fn expect(&mut self, total_bytes: u64) {
        each!(Loading, &mut self.loading, loader => loader.expect(total_bytes))
    }

    /// Leaves the SHA-256 of the raw bytes to the caller, who computes it elsewhere (the
    /// browser's hashing worker) and gives it with [`LoadedInput::set_sha256`].
    pub fn hash_elsewhere(&mut self) {
        each!(Loading, &mut self.loading, loader => loader.hash_elsewhere())
    }

    /// Takes the next chunk of raw bytes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        each!(Loading, &mut self.loading, loader => loader.feed(chunk))
    }

    /// Ends the body: parses what is left and hands back what was stored.
    pub fn finish(self) -> Result<LoadedInput, Error> {
        let stored = match self.loading {
            Loading::Events(loader) => Stored::Events(loader.finish()?),
            Loading::Rollups(loader) => Stored::Rollups(loader.finish()?),
            Loading::Snapshots(loader) => Stored::Snapshots(loader.finish()?),
            Loading::Registry(loader) => Stored::Registry(loader.finish()?),
        };
        Ok(LoadedInput { kind: self.kind, origin: self.origin, stored })
    }
}

/// Bytes read from a stream at a time: small enough that the parser's working set stays
/// in cache, large enough that the calls cost nothing.
const READ_CHUNK: usize = 64 * 1024;

/// One input, read and stored.
pub struct LoadedInput {
    pub(crate) kind: InputKind,
    pub(crate) origin: Origin,
    pub(crate) stored: Stored,
}

impl LoadedInput {
    /// Reads a whole input from `reader` (a file, standard input, bytes), chunk by chunk
    /// as a download would arrive, so that it is never held whole.
    pub fn read(
        kind: InputKind,
        origin: Origin,
        mut reader: impl Read,
        limits: Limits,
        shape: Option<Shape>,
    ) -> Result<LoadedInput, Error> {
        let source = origin.source.clone();
        let mut loader = InputLoader::new(kind, origin, limits, shape);
        let mut chunk = vec![0; READ_CHUNK];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) => return loader.finish(),
                Ok(n) => loader.feed(&chunk[..n])?,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::Io { source, reason: e.to_string() }),
            }
        }
    }

    /// Events read from `reader` as [`LoadedInput::read`] does, but cut into pieces that
    /// `threads` threads parse at once (input/segments.rs), with the same result: how the
    /// command line reads a large body on a machine with several cores. The threads start
    /// once a piece's worth has come, so a small body is parsed here. Not in wasm, which has
    /// no threads (the browser parses pieces in workers: web/pieces.rs).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn read_in_pieces(
        origin: Origin,
        mut reader: impl Read,
        limits: Limits,
        threads: usize,
    ) -> Result<LoadedInput, Error> {
        let source = origin.source.clone();
        let mut loader = Loader::new(source.clone(), Cutter::new(source.clone(), PIECE_BYTES), limits);
        let mut joined = Joined::new(source.clone(), limits, None);
        let join = |joined: &mut Joined, pieces: Vec<Piece>| -> Result<(), Error> {
            for (segment, piece) in parse_pieces(&source, &pieces).into_iter().zip(&pieces) {
                joined.join(segment?, piece.text.len() as u64)?;
            }
            Ok(())
        };
        let mut batch = Vec::new();
        let mut chunk = vec![0; READ_CHUNK];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => loader.feed(&chunk[..n])?,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::Io { source, reason: e.to_string() }),
            }
            batch.extend(loader.text_mut().take_cut());
            if batch.len() >= threads {
                join(&mut joined, std::mem::take(&mut batch))?;
            }
        }
        let (tail, bytes, sha256) = loader.end()?;
        match tail {
            Tail::Cut(last) => join(&mut joined, batch.into_iter().chain(last).collect())?,
            Tail::Here(segment) => {
                join(&mut joined, batch)?;
                joined.join(*segment, 0)?;
            }
        }
        Ok(LoadedInput::joined(origin, joined, bytes, sha256))
    }

    /// Events read in segments by several workers and joined ([`super::Joined`]), from
    /// `bytes` raw bytes hashed to `sha256`.
    pub fn joined(origin: Origin, joined: Joined, bytes: u64, sha256: String) -> LoadedInput {
        let (sink, problems) = joined.finish();
        let loaded = Loaded { sink, problems, bytes, sha256, extras: Default::default() };
        LoadedInput { kind: InputKind::Events, origin, stored: Stored::Events(loaded) }
    }

    /// What the input holds.
    pub fn kind(&self) -> InputKind {
        self.kind
    }

    /// The rows read, rejected and warned about.
    pub fn problems(&self) -> &Problems {
        each!(Stored, &self.stored, loaded => &loaded.problems)
    }

    /// The rows stored: with [`LoadedInput::problems`], every row read is either stored
    /// or rejected (a registry's repeated listing is read, warned about and not stored).
    pub fn rows_stored(&self) -> u64 {
        (match &self.stored {
            Stored::Events(l) => l.sink.len(),
            Stored::Rollups(l) => l.sink.tallies.len(),
            Stored::Snapshots(l) => l.sink.len(),
            Stored::Registry(l) => l.sink.len(),
        }) as u64
    }

    /// The inferences the stored rows count (failed ones included): one per event, a
    /// rollup row's `events + failed`; `None` for inputs that do not count them directly.
    pub fn inferences_stored(&self) -> Option<u64> {
        match &self.stored {
            Stored::Events(l) => Some(l.sink.len() as u64),
            Stored::Rollups(l) => Some(l.sink.tallies.events.iter().sum::<u64>() + l.sink.tallies.failed.sum()),
            Stored::Snapshots(_) | Stored::Registry(_) => None,
        }
    }

    #[cfg(feature = "evm")]
    /// Counts problems found before the bytes (the chain's logs that are not events).
    pub(crate) fn absorb_problems(&mut self, problems: &Problems) {
        each!(Stored, &mut self.stored, loaded => loaded.problems.absorb(problems))
    }

    /// Gives the SHA-256 of the raw bytes when they were hashed elsewhere
    /// ([`InputLoader::hash_elsewhere`]).
    pub fn set_sha256(&mut self, hex: String) {
        each!(Stored, &mut self.stored, loaded => loaded.sha256 = hex)
    }
}
