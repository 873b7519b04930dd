//! Where an input came from (docs/inputs.md#provenance): what the report keeps of each
//! input so that a reader can fetch the same bytes, check their hash and recompute every
//! figure, and what kind of demand-side input the figures were counted from.

use crate::day::{Day, SECONDS_PER_DAY};
use serde::Serialize;

/// Where an input came from, before it is read.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The URL or path, or "bytes".
    pub source: String,
    /// When it was fetched or read (UTC, RFC 3339).
    pub fetched_at: String,
}

impl Origin {
    /// An input named `source` (a URL, a path, "bytes"), fetched or read at `seconds`
    /// since the epoch.
    pub fn at(source: impl Into<String>, seconds: i64) -> Origin {
        let day = Day::from_epoch_seconds(seconds);
        let s = seconds.rem_euclid(SECONDS_PER_DAY);
        let fetched_at = format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60);
        Origin { source: source.into(), fetched_at }
    }
}

/// Where one input came from once read, so anyone can fetch the same bytes and check them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    /// Which input: `events`, `registry`, `rollups`, `snapshots` or `chain`.
    pub input: String,
    /// The URL or path, or "bytes" when handed over directly.
    pub source: String,
    /// Raw bytes read (before gzip is undone).
    pub bytes: u64,
    /// SHA-256 of those raw bytes, lowercase hex, as `sha256sum` prints it.
    pub sha256: String,
    /// When the input was fetched or read, UTC (RFC 3339).
    pub fetched_at: String,
    /// For the chain source: the chain, contract and blocks read, and the last block's
    /// hash. `bytes` and `sha256` are then those of the event lines read from it, which
    /// `hubpulse fetch-evm` writes byte for byte.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<ChainProvenance>,
}

/// Where the figures come from on a chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainProvenance {
    /// The chain's id (`eth_chainId`).
    pub chain_id: u64,
    /// The contract whose events were read.
    pub address: String,
    /// The first and last block read.
    pub from_block: u64,
    /// The last block read.
    pub to_block: u64,
    /// The hash of `to_block`: the state the figures were read at.
    pub last_block_hash: String,
    /// The last block whose events were kept from an earlier visit (a cache) rather than
    /// read in this one; absent when everything was read now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_to_block: Option<u64>,
    /// The blocks whose events were dropped and read again because a reorganisation
    /// replaced some of them (the last one handled); absent when there was none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reorg: Option<Reorg>,
}

/// Blocks read again after a reorganisation: from the block after the highest one found
/// unchanged to the last block read before it (docs/sources.md#reorganisations).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reorg {
    pub from_block: u64,
    pub to_block: u64,
}

/// What the demand side was read from: raw events determine every figure, daily rollups
/// (and the counter snapshots that become them) only those that per-(day, model) counts
/// determine (docs/inputs.md#rollups, #counter-snapshots).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Inference events, one a row: every figure.
    #[default]
    Events,
    /// Daily rollups: the figures that per-(day, model) counts determine.
    Rollups,
    /// Counter snapshots, differenced into daily rollups.
    Snapshots,
    /// Each model's total over one period, not per day (Hugging Face's 30-day downloads):
    /// the period is the only window, and there is no daily series.
    Totals,
}

impl Basis {
    /// Its name in reports: `events`, `rollups`, `snapshots` or `totals`.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Events => "events",
            Basis::Rollups => "rollups",
            Basis::Snapshots => "snapshots",
            Basis::Totals => "totals",
        }
    }

    /// What is counted, unless the page says (`unit`): inferences for events and rollups;
    /// for counters, the runs that most hubs count.
    pub fn default_unit(self) -> &'static str {
        match self {
            Basis::Events | Basis::Rollups => "inferences",
            Basis::Snapshots => "runs",
            Basis::Totals => "downloads",
        }
    }
}
