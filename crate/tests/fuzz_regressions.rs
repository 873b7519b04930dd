//! Replays every input the fuzz targets (`crate/fuzz`, `npm run fuzz`) ever found to
//! crash or break an invariant, so each fix stays fixed. One directory per target.

mod inputs;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("a readable regression input");
        check(&bytes);
    }
}

#[test]
fn events_inputs_found_by_fuzzing() {
    replay("events", inputs::events);
}

#[test]
fn rollups_inputs_found_by_fuzzing() {
    replay("rollups", inputs::rollups);
}

#[test]
fn snapshots_inputs_found_by_fuzzing() {
    replay("snapshots", inputs::snapshots);
}

#[test]
fn registry_inputs_found_by_fuzzing() {
    replay("registry", inputs::registry);
}
