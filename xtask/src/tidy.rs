//! Tidy checks of the code's shape, run by `cargo test` (as rust-analyzer's xtask does):
//! every module opens with a `//!` line, and in the engine, the app and the xtask no module
//! uses, directly or through others, a module that uses it back, nor an item of its crate
//! root (`lib.rs`, `main.rs`), which sits above every module (ARCHITECTURE.md's code map).
//!
//! The crate root is a node of the graph like any module, named `lib` or `main`. It imports
//! each module its code names (`app::App`, `crate::host::install`, `pub use pack::Pack`;
//! a `mod app;` declaration is no use). A module imports the root when it names one of the
//! root's own items (`crate::NAME`, where NAME is no module the root declares): that edge
//! is an arrow up, reported as such, and the cycle check then also sees module → root →
//! module. Comments, string literals and a module's tests are not read: a doc link or a
//! test's `use` is no import of the code.
#![cfg(test)]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A folder of the repository.
fn repo(path: &str) -> PathBuf {
    crate::cmd::project_root().join(path)
}

/// One crate's modules and what each imports.
#[derive(Debug)]
struct Imports {
    /// The crate root's node: `lib` or `main`.
    root: String,
    /// Each module (and the root) with the modules it imports, the root among them for a
    /// module that names one of the root's items.
    graph: BTreeMap<String, BTreeSet<String>>,
    /// Each module that names items of the root, with those items.
    up: BTreeMap<String, BTreeSet<String>>,
}

/// The Rust files in `dir` and in its folders, in order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            // The app's JavaScript snippets are no Rust modules.
            files.push(path);
        }
    }
    files
}

/// The imports of the crate whose root (`lib.rs` or `main.rs`) is in `src`. A module's
/// folder (`kinds/`, beside `kinds.rs`) holds its submodules, whose imports are the
/// module's own: what they use from elsewhere in the crate, the module uses.
fn imports(src: &Path) -> Imports {
    let mut files: Vec<(String, String)> = Vec::new();
    for path in rust_files(src) {
        let inner = path.strip_prefix(src).unwrap();
        let module = inner.components().next().unwrap().as_os_str();
        let name = Path::new(module)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        match files.iter_mut().find(|(n, _)| *n == name) {
            Some((_, all)) => {
                all.push('\n');
                all.push_str(&text);
            }
            None => files.push((name, text)),
        }
    }
    imports_of(&files)
}

/// The imports of a crate's files, each given as (file stem, text). The root is the
/// `lib` or `main` that declares file modules (`mod x;`); a file the root does not declare
/// (the app's `main.rs`, a crate of its own that only calls the library) is left out.
fn imports_of(files: &[(String, String)]) -> Imports {
    let parsed: Vec<(&str, Vec<Token>)> = files
        .iter()
        .map(|(name, text)| (name.as_str(), tokens(&code_of(text))))
        .collect();
    let roots: Vec<&(&str, Vec<Token>)> = parsed
        .iter()
        .filter(|(name, code)| {
            (*name == "lib" || *name == "main") && !declared(code, true).is_empty()
        })
        .collect();
    assert_eq!(roots.len(), 1, "one crate root that declares modules");
    let (root, root_code) = roots[0];
    let modules = declared(root_code, false);
    let mut graph = BTreeMap::new();
    let mut up: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // The root's own code, tests aside: every module its paths start with.
    let code = own(root_code);
    let mut named: BTreeSet<String> = heads(code).into_iter().collect();
    named.extend(after(code, "crate"));
    named.extend(after(code, "self"));
    graph.insert(
        (*root).to_owned(),
        named.intersection(&modules).cloned().collect(),
    );
    for (name, code) in &parsed {
        if !modules.contains(*name) {
            continue;
        }
        let mut uses = BTreeSet::new();
        for used in after(own(code), "crate") {
            if used == *name {
                continue;
            }
            if modules.contains(&used) {
                uses.insert(used);
            } else {
                uses.insert((*root).to_owned());
                up.entry((*name).to_owned()).or_default().insert(used);
            }
        }
        graph.insert((*name).to_owned(), uses);
    }
    Imports {
        root: (*root).to_owned(),
        graph,
        up,
    }
}

/// What is wrong with a crate's imports: each arrow up to the root, and a cycle.
fn problems(imports: &Imports) -> Vec<String> {
    let mut found = Vec::new();
    let graph = &imports.graph;
    for (module, items) in &imports.up {
        let named: Vec<String> = items.iter().map(|item| format!("crate::{item}")).collect();
        found.push(format!(
            "arrow up: {module} uses {}, defined in {}.rs; the crate root sits above every \
             module, so move it into a module that {module} may use",
            named.join(", "),
            imports.root
        ));
    }
    for module in graph.keys() {
        if let Some(cycle) = cycle_from(graph, module, &mut Vec::new()) {
            found.push(format!("import cycle: {}", cycle.join(" → ")));
            break;
        }
    }
    found
}

/// Fails with every problem of the crate in `src`.
fn assert_tidy(src: &str) -> Imports {
    let imports = imports(&repo(src));
    let found = problems(&imports);
    assert!(found.is_empty(), "{src}:\n{}", found.join("\n"));
    imports
}

/// A cycle through `module`, if there is one, as the list of modules along it.
fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
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

/// Where the opening quote of a raw string starting at `i` (`r"`, `r#"`, `br"`) is.
fn raw_string(chars: &[char], i: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let after_prefix = match (at(i), at(i + 1)) {
        ('r', _) => i + 1,
        ('b', 'r') => i + 2,
        _ => return None,
    };
    // `for"` is no raw string: the prefix must start a token.
    if i > 0 && (chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    let mut quote = after_prefix;
    while at(quote) == '#' {
        quote += 1;
    }
    (at(quote) == '"').then_some(quote)
}

/// Rust source with its comments and the insides of its string and character literals
/// blanked (spaces; lines kept), so that only code is read.
fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            // Block comments nest.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if let Some(quote) = raw_string(&chars, i) {
            // A raw string, r"…" or r#"…"#: no escapes; it ends at a quote and as many #.
            let hashes = quote - i - if c == 'b' { 2 } else { 1 };
            out.extend(&chars[i..=quote]);
            i = quote + 1;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|h| at(i + h) == '#') {
                    out.extend(&chars[i..=i + hashes]);
                    i += hashes + 1;
                    break;
                }
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    blank(&mut out, at(i + 1));
                    i += 2;
                } else if chars[i] == '"' {
                    out.push('"');
                    i += 1;
                    break;
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == '\'' && (at(i + 1) == '\\' || (at(i + 2) == '\'' && at(i + 1) != '\'')) {
            // A character literal ('x', '\'', '\u{…}'), not a lifetime ('a, 'static).
            let mut end = i + if at(i + 1) == '\\' { 3 } else { 2 };
            while end < chars.len() && chars[end] != '\'' {
                end += 1;
            }
            out.push('\'');
            for _ in i + 1..end {
                out.push(' ');
            }
            out.push('\'');
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

fn tokens(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // A number is no name; keep it as punctuation, so it separates paths.
            if c.is_ascii_digit() {
                out.push(Token::Punct('0'));
            } else {
                out.push(Token::Ident(word));
            }
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token::PathSep);
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// A file's code without its tests: none for a file that is all tests (`#![cfg(test)]`),
/// else what comes before its first `#[cfg(test)]`. A module's tests may use anything.
fn own(code: &[Token]) -> &[Token] {
    let attribute = |at: usize, inner: bool| {
        let mut want = vec![Token::Punct('#')];
        if inner {
            want.push(Token::Punct('!'));
        }
        want.extend([
            Token::Punct('['),
            Token::Ident("cfg".into()),
            Token::Punct('('),
            Token::Ident("test".into()),
            Token::Punct(')'),
            Token::Punct(']'),
        ]);
        code.get(at..at + want.len()) == Some(want.as_slice())
    };
    if (0..code.len()).any(|at| attribute(at, true)) {
        return &[];
    }
    let end = (0..code.len())
        .find(|at| attribute(*at, false))
        .unwrap_or(code.len());
    &code[..end]
}

/// The modules a root declares: `mod x;` only if `files_only`, else `mod x { … }` too.
fn declared(code: &[Token], files_only: bool) -> BTreeSet<String> {
    code.windows(3)
        .filter_map(|w| match w {
            [Token::Ident(m), Token::Ident(name), Token::Punct(end)]
                if m == "mod" && (*end == ';' || (*end == '{' && !files_only)) =>
            {
                Some(name.clone())
            }
            _ => None,
        })
        .collect()
}

/// The names that start paths (`app::App` gives `app`); a name after `::` is no start.
fn heads(code: &[Token]) -> Vec<String> {
    (0..code.len().saturating_sub(1))
        .filter_map(|i| match (&code[i], &code[i + 1]) {
            (Token::Ident(name), Token::PathSep) if i == 0 || code[i - 1] != Token::PathSep => {
                Some(name.clone())
            }
            _ => None,
        })
        .collect()
}

/// The names right after `first::` (`crate::form::x` gives `form`), each group's too
/// (`crate::{form, state::Msg}` gives `form` and `state`).
fn after(code: &[Token], first: &str) -> Vec<String> {
    let mut names = Vec::new();
    for i in 0..code.len() {
        if code[i] != Token::Ident(first.into())
            || code.get(i + 1) != Some(&Token::PathSep)
            || (i > 0 && code[i - 1] == Token::PathSep)
        {
            continue;
        }
        match code.get(i + 2) {
            Some(Token::Ident(name)) => names.push(name.clone()),
            Some(Token::Punct('{')) => {
                let (mut depth, mut expect) = (0, false);
                for token in &code[i + 2..] {
                    match token {
                        Token::Punct('{') => {
                            depth += 1;
                            expect = depth == 1;
                        }
                        Token::Punct('}') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            expect = false;
                        }
                        Token::Punct(',') => expect = depth == 1,
                        Token::Ident(name) if expect => {
                            names.push(name.clone());
                            expect = false;
                        }
                        _ => expect = false,
                    }
                }
            }
            _ => {}
        }
    }
    names
}

#[test]
fn no_engine_module_imports_one_that_imports_it_back() {
    let imports = assert_tidy("crates/ipsc-engine/src");
    let graph = &imports.graph;
    assert!(graph.len() >= 10, "found only {graph:?}");
    assert!(
        graph["assess"].contains("codes"),
        "the reader sees `crate::` paths: {graph:?}"
    );
    assert!(
        graph["lib"].contains("pack"),
        "the reader sees the root's `pub use`: {graph:?}"
    );
}

#[test]
fn the_engines_codes_and_pack_need_nothing_above_them() {
    let graph = imports(&repo("crates/ipsc-engine/src")).graph;
    assert_eq!(graph["codes"], BTreeSet::new(), "codes imports nothing");
    for above in ["assess", "explain", "validate", "cases", "load"] {
        assert!(!graph["pack"].contains(above), "pack (data) uses {above}");
    }
}

#[test]
fn no_app_module_imports_one_that_imports_it_back() {
    let imports = assert_tidy("src");
    let graph = &imports.graph;
    assert!(
        graph["app"].contains("steps"),
        "the reader sees the app's modules: {graph:?}"
    );
    assert!(
        graph["lib"].contains("app") && graph["lib"].contains("host"),
        "the reader sees what lib.rs uses: {graph:?}"
    );
    for below in [
        "check", "steps", "results", "fields", "state", "form", "browser",
    ] {
        assert!(
            !graph[below].contains("app"),
            "{below} uses app, which sits above it"
        );
    }
}

#[test]
fn no_xtask_module_imports_one_that_imports_it_back() {
    let imports = assert_tidy("xtask/src");
    assert_eq!(imports.root, "main");
    assert!(
        imports.graph["main"].contains("test") && imports.graph["test"].contains("cmd"),
        "the reader sees the dispatch and the shared helpers: {:?}",
        imports.graph
    );
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), ["b".to_owned()].into()),
        ("b".to_owned(), ["c".to_owned()].into()),
        ("c".to_owned(), ["a".to_owned()].into()),
    ]
    .into();
    assert_eq!(
        cycle_from(&graph, "a", &mut Vec::new()),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

/// A crate of (file stem, text) pairs, for the checker's own tests.
fn crate_of(files: &[(&str, &str)]) -> Imports {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    imports_of(&files)
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

#[test]
fn a_module_that_uses_an_item_of_the_root_is_an_arrow_up() {
    let imports = crate_of(&[
        (
            "lib",
            "//! A root.\nmod a;\nmod b;\npub fn base() -> u8 { 1 }\npub fn start() { a::run(); }\n",
        ),
        ("a", "//! A.\npub fn run() -> u8 { crate::b::go() }\n"),
        ("b", "//! B.\nuse crate::{base as root_base};\npub fn go() -> u8 { root_base() }\n"),
    ]);
    assert_eq!(imports.root, "lib");
    assert_eq!(
        imports.graph["lib"],
        set(&["a"]),
        "mod a; is no use, a::run() is"
    );
    assert_eq!(imports.graph["a"], set(&["b"]));
    assert_eq!(
        imports.graph["b"],
        set(&["lib"]),
        "crate::base is the root's"
    );
    assert_eq!(imports.up["b"], set(&["base"]));
    assert_eq!(
        problems(&imports),
        [
            "arrow up: b uses crate::base, defined in lib.rs; the crate root sits above every \
             module, so move it into a module that b may use",
            "import cycle: a → b → lib → a",
        ]
    );
}

#[test]
fn an_arrow_up_is_reported_without_a_cycle_too() {
    // The root uses no module, so there is no cycle; b still reaches above itself.
    let imports = crate_of(&[
        (
            "main",
            "//! A root.\nmod b;\nconst LIMIT: u8 = 3;\nfn main() {}\n",
        ),
        ("b", "//! B.\npub fn go() -> u8 { crate::LIMIT }\n"),
    ]);
    assert_eq!(imports.graph["main"], BTreeSet::new());
    assert_eq!(problems(&imports).len(), 1, "{:?}", problems(&imports));
}

#[test]
fn modules_that_use_only_modules_are_tidy() {
    let imports = crate_of(&[
        (
            "lib",
            "//! A root that names [`crate::b::go`] in a comment.\nmod a;\nmod b;\n\
             pub use a::run;\npub fn start() { self::a::run(); }\n\
             #[cfg(test)]\nmod tests { use super::*; }\n",
        ),
        (
            "a",
            "//! A.\npub fn run() { crate::b::go(); let _ = \"crate::start()\"; } // crate::start\n\
             #[cfg(test)]\nmod tests { #[test] fn t() { crate::start(); } }\n",
        ),
        (
            "b",
            "//! B: a doc link to [`crate::start`] is no import.\npub fn go() { let _ = 'x'; let _ = r#\"crate::start\"#; }\n",
        ),
        ("main", "//! Another crate, which declares no module.\nfn main() { app::start(); }\n"),
    ]);
    assert_eq!(imports.graph["lib"], set(&["a"]));
    assert_eq!(imports.graph["a"], set(&["b"]));
    assert_eq!(imports.graph["b"], BTreeSet::new());
    assert!(
        !imports.graph.contains_key("main"),
        "main.rs is no module of lib.rs"
    );
    assert_eq!(problems(&imports), Vec::<String>::new());
}

#[test]
fn comments_strings_and_characters_are_blanked() {
    let code =
        code_of("a /* b /* c */ d */ e // f\n\"g\\\"h\" 'i' '\\'' 'static r#\"j\"k\"# br\"l\" m");
    let words: Vec<&str> = code.split_whitespace().collect();
    assert_eq!(
        words,
        ["a", "e", "\"", "\"", "'", "'", "'", "'", "'static", "r#\"", "\"#", "br\"", "\"", "m"]
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
        // Every file, the crate roots (lib.rs, main.rs) and modules' folders included.
        for path in rust_files(&repo(dir)) {
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
