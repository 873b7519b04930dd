//! The browser glue: the only module that knows wasm-bindgen, web-sys and gloo. It turns
//! JavaScript values into the crate's types and back, fetches, and gives the element's
//! logic (crate::element) canvases to draw into. The `<hub-pulse>` element
//! (js/hubpulse/) is a thin shell around it.

#[cfg(feature = "view")]
mod canvas;
#[cfg(feature = "evm")]
mod chain;
#[cfg(feature = "view")]
mod config;
mod dataset;
mod errors;
mod fetch;
mod hash;
#[cfg(feature = "view")]
mod objects;
mod panic;
mod parts;
mod pieces;
#[cfg(feature = "view")]
mod report;
#[cfg(feature = "view")]
mod view;

#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    panic::install();
}
