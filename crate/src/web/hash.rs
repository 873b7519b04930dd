//! SHA-256 of an input's raw bytes (docs/inputs.md#provenance) for the hashing worker (js/hubpulse/hash-worker.js):
//! computed there, beside the parsing, a load takes about a third less time on two cores.

use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

/// A SHA-256 fed chunk by chunk.
#[wasm_bindgen(js_name = Sha256Stream)]
#[derive(Default)]
pub struct Sha256Stream {
    state: Sha256,
}

#[wasm_bindgen(js_class = Sha256Stream)]
impl Sha256Stream {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Sha256Stream {
        Sha256Stream::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.state.update(bytes);
    }

    /// The digest in lowercase hex, as `sha256sum` prints it.
    pub fn finish(self) -> String {
        crate::input::hex(&self.state.finalize())
    }
}
