//! The layers of docs/architecture.md, kept by the build: every `crate::…` path in a
//! module's code (tests aside) names a module of a lower layer, never its own layer's
//! neighbours or anything above. A new top-level module must be given a layer here.
//!
//! The layers up to the figures are a crate of their own (`hubpulse-core`, crate/core), so
//! that they are optimised for speed and the rest for size; the compiler keeps that crate
//! from naming anything above it, and this test keeps the order inside each crate, and the
//! line between them where docs/architecture.md draws it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// From the bottom up. A module may use any module of a lower layer.
const LAYERS: [&[&str]; 11] = [
    // Primitives: values with no knowledge of anything else.
    &["day", "error", "mode", "number", "sort", "text"],
    &["problems", "provenance", "window"],
    // Algorithms and plain data.
    &["sketch"],
    &["report", "store"],
    // Sources: bytes and chain logs become stored rows.
    &["input", "chain"],
    &["dataset"],
    &["metrics"],
    &["chart"],
    // What is made of a report.
    &["export", "render", "rollup", "synth"],
    // The element, without the browser; then the browser glue.
    &["element"],
    &["web"],
];

/// The layers of `hubpulse-core`: those below this index.
const CORE_LAYERS: usize = 7;

/// The crate root and the command line sit above every layer.
const ABOVE_ALL: [&str; 2] = ["lib", "bin"];

/// The sources of the two crates: `hubpulse-core` (the layers below [`CORE_LAYERS`]), then
/// `hubpulse` (the rest).
fn sources() -> [PathBuf; 2] {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    [crate_dir.join("core/src"), crate_dir.join("src")]
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable directory").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file belongs to: `input/csv.rs` → `input`, `day.rs` → `day`.
fn top_module(relative: &Path) -> String {
    let first = relative.components().next().expect("a path in src").as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The files that are test modules (`#[cfg(test)] mod name;`), whose code may reach across.
fn test_files(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut tests = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("a readable source file");
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let Some(name) = pair[1].strip_prefix("mod ").and_then(|m| m.strip_suffix(';')) else { continue };
            if pair[0] != "#[cfg(test)]" {
                continue;
            }
            let stem = file.file_stem().expect("a file name").to_string_lossy();
            let dir = file.parent().expect("a folder");
            let base = if stem == "mod" || stem == "lib" { dir.to_path_buf() } else { dir.join(&*stem) };
            tests.push(base.join(format!("{name}.rs")));
        }
    }
    tests
}

/// The code of a file without its inline `#[cfg(test)] mod tests { … }` (found by its
/// braces; the tests may reach across layers, the code may not).
fn code(text: &str) -> String {
    let marker = "#[cfg(test)]";
    let Some(at) = text.find(marker).filter(|&at| text[at + marker.len()..].trim_start().starts_with("mod tests {"))
    else {
        return text.to_owned();
    };
    let open = at + text[at..].find('{').expect("the module's brace");
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return format!("{}{}", &text[..at], &text[open + i + 1..]);
        }
    }
    text[..at].to_owned()
}

/// The top-level modules that `code` names in `crate::…` paths, grouped ones included.
fn named_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                names.push(name);
            }
        } else {
            names.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    names.retain(|n| n.chars().next().is_some_and(|c| c.is_ascii_lowercase()));
    names
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let layer_of: BTreeMap<&str, usize> =
        LAYERS.iter().enumerate().flat_map(|(i, names)| names.iter().map(move |&n| (n, i))).collect();
    let mut upward = Vec::new();
    for (in_core, src) in [true, false].into_iter().zip(sources()) {
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let tests = test_files(&files);
        for file in files.iter().filter(|f| !tests.contains(f)) {
            let relative = file.strip_prefix(&src).expect("a file in src");
            uses(relative, file, in_core, &layer_of, &mut upward);
        }
    }
    assert!(upward.is_empty(), "imports that run up or across the layers:\n{}", upward.join("\n"));
}

/// Adds to `upward` each module that the code of `file` (at `relative` in its crate's
/// sources, of `hubpulse-core` when `in_core`) names at or above its own layer, or on the
/// wrong side of the crates' line.
fn uses(relative: &Path, file: &Path, in_core: bool, layer_of: &BTreeMap<&str, usize>, upward: &mut Vec<String>) {
    let module = top_module(relative);
    if ABOVE_ALL.contains(&module.as_str()) {
        return;
    }
    let Some(&layer) = layer_of.get(module.as_str()) else {
        panic!("{}: the module {module} has no layer; give it one in LAYERS", relative.display());
    };
    if in_core != (layer < CORE_LAYERS) {
        upward.push(format!("{}: {module} (layer {layer}) is in the wrong crate", relative.display()));
    }
    let text = std::fs::read_to_string(file).expect("a readable source file");
    for name in named_modules(&code(&text)) {
        if name == module {
            continue;
        }
        match layer_of.get(name.as_str()) {
            Some(&other) if other < layer => {}
            Some(&other) => {
                upward.push(format!("{}: {module} (layer {layer}) uses {name} (layer {other})", relative.display()))
            }
            None => upward.push(format!("{}: {module} uses {name}, which has no layer", relative.display())),
        }
    }
}

#[test]
fn the_check_sees_grouped_and_plain_paths_and_skips_tests() {
    let sample = "use crate::{day::Day, store::{Tallies, NONE}};\nuse crate::input::Limits;\nlet x = crate::sketch::x();\n\
                  #[cfg(test)]\nmod tests {\n    use crate::dataset::Dataset;\n    fn f() { g() }\n}\nuse crate::web::X;\n";
    assert_eq!(named_modules(&code(sample)), ["day", "store", "input", "sketch", "web"]);
}

#[test]
fn every_source_folder_the_tests_read_is_there() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["tests/golden", "fuzz/regressions", "fuzz/seeds", "assets/fonts"] {
        let path = crate_dir.join(folder);
        let count = std::fs::read_dir(&path).map(Iterator::count).unwrap_or(0);
        assert!(count > 0, "{}: missing or empty, and a test reads it", path.display());
    }
}
