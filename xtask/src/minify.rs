//! Short names for what the app's wasm and its JS bindings call each other: wasm-bindgen
//! names each import after the function and a hash (`__wbg_addEventListener_f2d27251d333a631`)
//! and each closure's export after its whole type, and writes every name twice, in the wasm
//! and in the JS. wasm-opt's `--minify-imports-and-exports-and-modules` renames them in the
//! wasm (`a`, `b`, …, all imports from the one module `a`) and prints the renames; this
//! module makes the same renames in the JS. 3.8 KB gzip less of the first load (the wasm
//! 2.2, the JS 1.6), measured with `./x size`: the hashes are what gzip cannot shrink.
//! The modules loaded later (`modules`) are shrunk the same way.

use crate::cmd::{output, run, Result};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// The one module binaryen gives every import once it has minified their modules (its
/// `SINGLETON_MODULE_NAME`, which it does not print). binaryen is pinned in package.json;
/// a version that named it otherwise would fail every end-to-end test at the app's start.
const MODULE: &str = "a";

/// Shrinks a wasm and its JS bindings, as wasm-bindgen wrote them, in place:
/// - wasm-opt `-Oz` with `--low-memory-unused` (about 1.4 KB gzip on the app): it may fold
///   pointer arithmetic into load offsets because no valid address lies in the first 1 KB.
///   In a Rust wasm that region is the far end of the 1 MB stack (rustc links the stack
///   first), reached only by a stack overflow, which is already fatal.
/// - short names for the imports and exports, in both (above);
/// - the JS's `initSync` not exported, so terser drops it (`default_export_only`);
/// - without the `producers` and `target_features` sections, which only tools read (0.1 KB
///   gzip; `floor::check` strips the features section itself before it validates);
/// - terser on the JS (about a quarter of its gzip size).
///
/// With `IPSC_WASM_NAMES=1` in the build's environment, wasm-opt keeps the functions' names
/// (its `-g`), so that a profile (`bench/keyprofile.mjs`) names them; the code is the same,
/// the wasm larger. Never for a build that ships.
pub fn shrink_bound(wasm: &Path, js: &Path) -> Result {
    let wasm_path = wasm.display().to_string();
    let mut args = vec![
        wasm_path.as_str(),
        "-Oz",
        "--low-memory-unused",
        "--minify-imports-and-exports-and-modules",
        "--strip-producers",
        "--strip-target-features",
        "-o",
        &wasm_path,
    ];
    if keep_names() {
        args.push("-g");
    }
    let printed = output("wasm-opt", &args, &[])?;
    let renames = parse(&printed)?;
    let bindings = std::fs::read_to_string(js).map_err(|e| format!("{}: {e}", js.display()))?;
    let bindings = default_export_only(&bindings)?;
    std::fs::write(js, rename_in_bindings(&bindings, &renames)?)
        .map_err(|e| format!("{}: {e}", js.display()))?;
    let js_path = js.display().to_string();
    run(
        "terser",
        &[
            &js_path,
            "--module",
            "--compress",
            "--mangle",
            "--output",
            &js_path,
        ],
        &[],
    )
}

/// How wasm-bindgen (`--target web`) ends its JS bindings: the synchronous start, which
/// nothing of ours calls (the page and `src/modules.js` start a module with its default
/// export, which fetches the wasm), and the default one.
const EXPORTS: &str = "export { initSync, __wbg_init as default };";

/// The bindings with only the default export, so that terser can drop `initSync` and its
/// deprecation warning (55 bytes gzip of the first load). Fails unless they end their
/// exports as [`EXPORTS`] says, once: a wasm-bindgen that writes them otherwise stops the
/// build.
pub fn default_export_only(js: &str) -> Result<String> {
    match js.matches(EXPORTS).count() {
        1 => Ok(js.replace(EXPORTS, "export { __wbg_init as default };")),
        n => Err(format!(
            "the JS bindings have `{EXPORTS}` {n} times, not once"
        )),
    }
}

/// Whether this build keeps the wasm's function names, for a profile (`IPSC_WASM_NAMES=1`).
fn keep_names() -> bool {
    std::env::var_os("IPSC_WASM_NAMES").is_some_and(|v| v == "1")
}

/// The renames wasm-opt printed: `(module, old, new)` for each import, `(old, new)` for
/// each export.
#[derive(Debug, Default, PartialEq)]
pub struct Renames {
    imports: Vec<(String, String, String)>,
    exports: Vec<(String, String)>,
}

/// Reads wasm-opt's printed renames (`{"imports": [[module, old, new], …], "exports":
/// [[old, new], …]}`, after anything else it printed).
pub fn parse(printed: &str) -> Result<Renames> {
    let start = printed.find('{').ok_or("wasm-opt printed no renames")?;
    let value: Value =
        serde_json::from_str(&printed[start..]).map_err(|e| format!("wasm-opt's renames: {e}"))?;
    let strings = |row: &Value| -> Result<Vec<String>> {
        row.as_array()
            .ok_or("a rename is not a list")?
            .iter()
            .map(|s| {
                s.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| "a rename is not text".to_owned())
            })
            .collect()
    };
    let rows = |key: &str| -> Result<Vec<Vec<String>>> {
        value
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("wasm-opt's renames have no {key}"))?
            .iter()
            .map(strings)
            .collect()
    };
    let mut renames = Renames::default();
    for row in rows("imports")? {
        match <[String; 3]>::try_from(row) {
            Ok([module, old, new]) => renames.imports.push((module, old, new)),
            Err(_) => return Err("an import's rename is not [module, old, new]".into()),
        }
    }
    for row in rows("exports")? {
        match <[String; 2]>::try_from(row) {
            Ok([old, new]) => renames.exports.push((old, new)),
            Err(_) => return Err("an export's rename is not [old, new]".into()),
        }
    }
    Ok(renames)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Where `token` stands in `text` whole: a name at either end of it is not part of a
/// longer name there.
fn whole(text: &str, token: &str) -> Vec<usize> {
    let starts_name = token.starts_with(is_name_char);
    let ends_name = token.ends_with(is_name_char);
    text.match_indices(token)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + token.len()..].chars().next();
            let joins_before = starts_name && before.is_some_and(is_name_char);
            let joins_after = ends_name && after.is_some_and(is_name_char);
            !joins_before && !joins_after
        })
        .map(|(at, _)| at)
        .collect()
}

fn replace_at(text: &str, at: &[usize], old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for &start in at {
        out.push_str(&text[from..start]);
        out.push_str(new);
        from = start + old.len();
    }
    out.push_str(&text[from..]);
    out
}

/// wasm-bindgen's JS bindings (as it writes them, before terser) with the renames made:
/// each import's key in the imports object (`old:`), the module's key (`"./NAME_bg.js":`)
/// and each use of an export (`wasm.old`). Fails unless the wasm imports from one module
/// at most, that module's key and each import's key are found exactly once, no new name is
/// also an old one (the renames are made one after another, so one could be renamed
/// twice), and no `.old`, `"old"` or `'old'` of an export is left in the bindings: a
/// wasm-bindgen that writes its JS otherwise stops the build instead of shipping an app
/// that cannot start.
pub fn rename_in_bindings(js: &str, renames: &Renames) -> Result<String> {
    let old_names: BTreeSet<&str> = renames
        .imports
        .iter()
        .map(|(_, old, _)| old.as_str())
        .chain(renames.exports.iter().map(|(old, _)| old.as_str()))
        .collect();
    let new_names = renames
        .imports
        .iter()
        .map(|(_, _, new)| new)
        .chain(renames.exports.iter().map(|(_, new)| new));
    for new in new_names {
        if old_names.contains(new.as_str()) {
            return Err(format!("wasm-opt's new name {new} is also an old one"));
        }
    }
    let mut js = js.to_owned();
    let modules: BTreeSet<&str> = renames.imports.iter().map(|(m, _, _)| m.as_str()).collect();
    if modules.len() > 1 {
        return Err(format!(
            "the wasm imports from {} modules, not one",
            modules.len()
        ));
    }
    for module in modules {
        let key = format!("\"{module}\":");
        let found: Vec<usize> = js.match_indices(&key).map(|(at, _)| at).collect();
        if found.len() != 1 {
            return Err(format!(
                "the JS bindings name the module {key} {} times",
                found.len()
            ));
        }
        js = replace_at(&js, &found, &key, &format!("\"{MODULE}\":"));
    }
    for (_, old, new) in &renames.imports {
        let key = format!("{old}:");
        let found = whole(&js, old)
            .into_iter()
            .filter(|at| js[*at..].starts_with(&key))
            .collect::<Vec<_>>();
        if found.len() != 1 {
            return Err(format!(
                "the JS bindings define the import {old} {} times",
                found.len()
            ));
        }
        js = replace_at(&js, &found, old, new);
    }
    for (old, new) in &renames.exports {
        let use_of = format!("wasm.{old}");
        let found = whole(&js, &use_of);
        js = replace_at(&js, &found, &use_of, &format!("wasm.{new}"));
    }
    // Reached any other way (`instance.exports.old`, `wasm["old"]`), an export would be
    // missing at run time.
    for (old, _) in &renames.exports {
        let left = [format!(".{old}"), format!("\"{old}\""), format!("'{old}'")]
            .iter()
            .any(|use_of| !whole(&js, use_of).is_empty());
        if left {
            return Err(format!("the JS bindings still use the export {old}"));
        }
    }
    Ok(js)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRINTED: &str = r#"[wasm-validator] something
{
 "imports": [
  ["./app_bg.js", "__wbg_f_1", "a"],
  ["./app_bg.js", "__wbg_f", "b"]
 ],
"exports": [
  ["memory", "c"],
  ["__wbindgen_malloc", "d"],
  ["main", "e"]
 ]
}
"#;

    const BINDINGS: &str = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        __wbg_f_1: function(arg0) { return wasm.__wbindgen_malloc(arg0); },\n        __wbg_f: function() { return wasm.memory.buffer; },\n    };\n    return { __proto__: null, \"./app_bg.js\": import0 };\n}\nconst memory = wasm.memory;\n";

    #[test]
    fn only_the_default_export_is_kept() {
        let js = "function initSync() {}\nexport { initSync, __wbg_init as default };\n";
        assert_eq!(
            default_export_only(js).as_deref(),
            Ok("function initSync() {}\nexport { __wbg_init as default };\n")
        );
        assert!(default_export_only("export { __wbg_init as default };").is_err());
        assert!(default_export_only(&js.repeat(2)).is_err());
    }

    #[test]
    fn the_printed_renames_are_read() {
        let renames = parse(PRINTED).unwrap_or_default();
        assert_eq!(renames.imports.len(), 2);
        assert_eq!(
            renames.exports.get(1),
            Some(&("__wbindgen_malloc".into(), "d".into()))
        );
        assert!(parse("nothing").is_err());
        assert!(parse(r#"{"imports": [["a", "b"]], "exports": []}"#).is_err());
    }

    #[test]
    fn each_name_is_renamed_whole_and_only_where_it_is_the_bindings() {
        let renames = parse(PRINTED).unwrap_or_default();
        let js = rename_in_bindings(BINDINGS, &renames).unwrap_or_default();
        assert_eq!(
            js,
            "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        a: function(arg0) { return wasm.d(arg0); },\n        b: function() { return wasm.c.buffer; },\n    };\n    return { __proto__: null, \"a\": import0 };\n}\nconst memory = wasm.c;\n"
        );
    }

    #[test]
    fn bindings_written_otherwise_stop_the_build() {
        let renames = parse(PRINTED).unwrap_or_default();
        let without_import = BINDINGS.replace("__wbg_f_1: function", "__wbg_f_1 : function");
        assert!(rename_in_bindings(&without_import, &renames).is_err());
        let other_module = BINDINGS.replace("\"./app_bg.js\"", "\"./other_bg.js\"");
        assert!(rename_in_bindings(&other_module, &renames).is_err());
        let mut clashing = parse(PRINTED).unwrap_or_default();
        clashing.exports.push(("c2".into(), "memory2".into()));
        clashing.exports.push(("memory2".into(), "f".into()));
        assert!(rename_in_bindings(BINDINGS, &clashing).is_err());
        let mut two_modules = parse(PRINTED).unwrap_or_default();
        two_modules
            .imports
            .push(("./other_bg.js".into(), "__wbg_g".into(), "g".into()));
        assert!(rename_in_bindings(BINDINGS, &two_modules).is_err());
        let other_use = BINDINGS.replace(
            "const memory = wasm.memory",
            "const memory = x.exports.memory",
        );
        assert!(rename_in_bindings(&other_use, &renames).is_err());
    }
}
