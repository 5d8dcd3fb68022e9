//! Tidy checks of the code's shape, run by `cargo test` (as rust-analyzer's xtask does):
//! every module opens with a `//!` line, and in the engine and in the app no module uses,
//! directly or through others, a module that uses it back (ARCHITECTURE.md's code map).
#![cfg(test)]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A folder of the repository.
fn repo(path: &str) -> PathBuf {
    crate::cmd::project_root().join(path)
}

fn imports(src: &Path) -> BTreeMap<String, Vec<String>> {
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // A module's tests may use anything; only its own code counts.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut uses: Vec<String> = code
            .match_indices("crate::")
            .map(|(at, _)| {
                code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .filter(|used| *used != name && !used.is_empty())
            .collect();
        uses.sort();
        uses.dedup();
        graph.insert(name, uses);
    }
    graph
}

/// A cycle through `module`, if there is one, as the list of modules along it.
fn cycle_from(
    graph: &BTreeMap<String, Vec<String>>,
    module: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|m| m == module) {
        let mut cycle = path[at..].to_vec();
        cycle.push(module.to_owned());
        return Some(cycle);
    }
    path.push(module.to_owned());
    for used in graph.get(module).into_iter().flatten() {
        if let Some(cycle) = cycle_from(graph, used, path) {
            return Some(cycle);
        }
    }
    path.pop();
    None
}

fn assert_no_cycle(graph: &BTreeMap<String, Vec<String>>) {
    for module in graph.keys() {
        if let Some(cycle) = cycle_from(graph, module, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn no_engine_module_imports_one_that_imports_it_back() {
    let graph = imports(&repo("crates/ipsc-engine/src"));
    assert!(graph.len() >= 10, "found only {graph:?}");
    assert!(
        graph["assess"].contains(&"codes".to_owned()),
        "the reader sees `crate::` paths: {graph:?}"
    );
    assert_no_cycle(&graph);
}

#[test]
fn the_engines_codes_and_pack_need_nothing_above_them() {
    let graph = imports(&repo("crates/ipsc-engine/src"));
    assert_eq!(
        graph["codes"],
        Vec::<String>::new(),
        "codes imports nothing"
    );
    for above in ["assess", "explain", "validate", "cases", "load"] {
        assert!(
            !graph["pack"].contains(&above.to_owned()),
            "pack (data) uses {above}"
        );
    }
}

#[test]
fn no_app_module_imports_one_that_imports_it_back() {
    let graph = imports(&repo("src"));
    assert!(
        graph["app"].contains(&"steps".to_owned()),
        "the reader sees the app's modules: {graph:?}"
    );
    assert_no_cycle(&graph);
    for below in [
        "check", "steps", "results", "fields", "state", "form", "browser",
    ] {
        assert!(
            !graph[below].contains(&"app".to_owned()),
            "{below} uses app, which sits above it"
        );
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph: BTreeMap<String, Vec<String>> = [
        ("a".to_owned(), vec!["b".to_owned()]),
        ("b".to_owned(), vec!["c".to_owned()]),
        ("c".to_owned(), vec!["a".to_owned()]),
    ]
    .into();
    assert_eq!(
        cycle_from(&graph, "a", &mut Vec::new()),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

#[test]
fn every_module_opens_with_a_doc_line() {
    for dir in [
        "src",
        "crates/ipsc-engine/src",
        "crates/ipsc-cli/src",
        "crates/ipsc-qr/src",
        "crates/ipsc-kiosk/src",
        "xtask/src",
    ] {
        for entry in std::fs::read_dir(repo(dir)).unwrap() {
            let path = entry.unwrap().path();
            // The app's JavaScript snippets (wasm-bindgen's `module = "/src/…"`) are not
            // Rust modules; each opens with its own comment.
            if path.extension().is_some_and(|e| e == "js") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // A crate root may use the block form, as the engine's does for its example.
            assert!(
                text.starts_with("//!") || text.starts_with("/*!"),
                "{} does not open with a //! line",
                path.display()
            );
        }
    }
}
