//! The engine's shape, checked: every module opens with a `//!` line (the crate root `/*!`), and no module uses,
//! directly or through others, a module that uses it back (ARCHITECTURE.md's order:
//! codes → pack → validate; codes, pack → assess → explain).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use std::collections::BTreeMap;
use std::path::Path;

/// Each module of `src/` with the modules of the crate its code (not its tests) names.
fn imports() -> BTreeMap<String, Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" {
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

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    assert!(graph.len() >= 10, "found only {graph:?}");
    assert!(
        graph["assess"].contains(&"codes".to_owned()),
        "the reader sees `crate::` paths: {graph:?}"
    );
    for module in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, module, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn codes_and_pack_need_nothing_above_them() {
    let graph = imports();
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
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // The crate root may use the block form, as its example reads better there.
        assert!(
            text.starts_with("//!") || text.starts_with("/*!"),
            "{} does not open with a //! line",
            path.display()
        );
    }
}
