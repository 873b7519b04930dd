//! hubpulse: usage, not inventory. Reads an AI-model hub's usage data, computes the figures
//! of docs/metrics.md and draws them with plotters: natively (the `hubpulse` command) and in
//! the browser (the `<hub-pulse>` element, through the private `web` module).
//!
//! Every module is private; what the crate offers is re-exported below, in the order the
//! data flows: inputs are read ([`InputLoader`], [`Dataset::read`]) into a [`Dataset`],
//! which gives a [`Report`] of any window ([`Dataset::report`]), which a chart draws
//! ([`render`]). The layers, and the test that keeps imports going one way, are described
//! in docs/architecture.md.
#![warn(missing_docs)]

// The layers below, from `hubpulse-core` (crate/core): primitives; plain data; where
// accepted input lives and how bytes become it; the figures. Imported under their own
// names, so that `crate::day` means the same in every layer.
#[cfg(feature = "evm")]
use hubpulse_core::chain;
use hubpulse_core::{
    dataset, day, error, input, metrics, mode, number, problems, provenance, report, sketch, sort, store, text, window,
};
// What is made of a report.
mod chart;
mod element;
mod export;
#[cfg(not(target_arch = "wasm32"))]
mod render;
mod rollup;
mod synth;
// The browser glue.
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(feature = "evm")]
pub use chain::{Scan, ScanConfig, Step};
pub use chart::{By, ChartKind, ChartOptions, Cohort, Locale, ThemeName};
pub use dataset::{Dataset, Inputs, Parts};
pub use day::Day;
pub use element::{
    ChainSpec, ChartConfig, Credentials, ElementConfig, LoadSpec, SharedReports, ThemeChoice, View, ATTRIBUTES,
};
pub use error::Error;
pub use export::ToCsv;
pub use input::{InputKind, InputLoader, Limits, LoadedInput, Shape};
pub use metrics::ReportOptions;
pub use mode::Mode;
pub use problems::{Problem, Problems, Severity};
pub use provenance::{Basis, ChainProvenance, Origin, Source};
#[cfg(not(target_arch = "wasm32"))]
pub use render::Render;
pub use report::{AppEvents, ByMode, Cohorts, Daily, Estimate, InputSummary, ModelRow, Report, Retention, Unavailable};
pub use rollup::write_rollups;
pub use synth::{SynthConfig, SynthFormat, SynthShape};
pub use window::Window;
