//! Replays every input the fuzz targets (`crate/fuzz`, `npm run fuzz`) ever found to
//! crash or break an invariant, and the hostile inputs a person would try first, so each
//! fix stays fixed. One directory per target; a missing or empty one is a failure, not a
//! test that passes by reading nothing.

mod inputs;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut replayed = 0;
    for entry in entries {
        let path = entry.expect("a readable directory").path();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        check(&bytes);
        replayed += 1;
    }
    assert!(replayed > 0, "{}: no inputs to replay", dir.display());
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
