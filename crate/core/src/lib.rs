//! hubpulse's data and figures: inputs read ([`input`]) into columns ([`store`]), a
//! [`dataset`] of them, and the figures of docs/metrics.md ([`metrics`]) in a [`report`].
//! It knows nothing of charts or the browser.
//!
//! It is a crate of its own so that it is optimised for speed while the layers above (the
//! `hubpulse` crate: charts, the element, the browser glue) are optimised for size; the
//! optimiser's level is set per crate (docs/architecture.md#two-crates). Its modules are
//! public for that crate alone, which re-exports what it offers; the layers are those of
//! docs/architecture.md, kept by `crate/tests/architecture.rs`.

// The modules are public for `hubpulse` alone: a public `len` of a store type with no
// `is_empty` is not a gap in an API, and an `is_empty` nothing calls would be dead code.
#![allow(clippy::len_without_is_empty)]

// Primitives: values every layer may use.
pub mod day;
pub mod error;
pub mod mode;
pub mod number;
pub mod problems;
pub mod provenance;
pub mod sort;
pub mod text;
pub mod window;
// Plain data and the algorithms beside it.
pub mod report;
pub mod sketch;
// Where accepted input lives, and how bytes become it.
#[cfg(feature = "evm")]
pub mod chain;
pub mod input;
pub mod store;
// The figures.
pub mod dataset;
pub mod metrics;
