//! The chain source (docs/inputs.md#provenance): inference events read from an EVM chain's logs over plain
//! JSON-RPC, in the reader's browser or on the command line, so that anyone can check the
//! figures against the chain itself. OpenGradient's precompile emits one event per
//! inference; the block gives the time and the transaction's sender is the caller.

mod abi;
mod pace;
mod reorg;
mod rpc;
mod saved;
mod scan;

#[cfg(target_arch = "wasm32")]
pub use scan::Request;
pub use scan::{Scan, ScanConfig, Step};

#[cfg(test)]
mod tests;
