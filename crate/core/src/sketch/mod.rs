//! Mergeable sketches that let daily rollups carry what plain counts cannot: distinct
//! callers across models and days (a HyperLogLog) and latency quantiles (a DDSketch).
//! Each rollup row carries them as base64 (`callers_hll`, `latency_sketch`); merging the
//! rows of a window gives estimates with a stated error. The byte formats are documented
//! in docs/sources.md ("Sketches") so that a warehouse job can write them too.

mod ddsketch;
mod hll;
mod varint;

pub use ddsketch::{LatencySketch, RELATIVE_ACCURACY};
pub use hll::{caller_hash, CallerSketch, Registers, HLL_STANDARD_ERROR};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Standard base64 (with padding), as both sketches are written in rollup rows.
pub fn to_base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// The bytes of a base64 field, or why it is not base64.
pub fn from_base64(text: &str) -> Result<Vec<u8>, String> {
    STANDARD.decode(text.trim()).map_err(|e| format!("not base64: {e}"))
}
