//! hubpulse: usage, not inventory. Reads an AI-model hub's inference events, computes the
//! figures of SPEC §2 and draws them with plotters: natively (the `hubpulse` command) and
//! in the browser (the `<hub-pulse>` element, through the `web` module).
//!
//! Data flows one way: [`input`] (bytes → rows) → [`store`] (columns) → [`metrics`]
//! (→ [`Report`]) → [`chart`] (→ pixels). Only `web` knows about the browser.

pub mod chain;
pub mod chart;
pub mod dataset;
pub mod day;
pub mod error;
pub mod export;
pub mod input;
pub mod metrics;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
pub mod report;
pub mod rollup;
pub mod sketch;
pub mod store;
pub mod synth;

#[cfg(target_arch = "wasm32")]
mod web;

pub use dataset::Dataset;
pub use day::Day;
pub use error::Error;
pub use metrics::{ReportOptions, Window};
pub use report::Report;
