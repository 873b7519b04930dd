//! Fuzzes the snapshots input: any bytes, split into chunks anywhere (see `tests/inputs`).
#![no_main]

#[path = "../../tests/inputs/mod.rs"]
#[allow(dead_code)] // each target runs one of the shared checks
mod inputs;

libfuzzer_sys::fuzz_target!(|data: &[u8]| inputs::snapshots(data));
