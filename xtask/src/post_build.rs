//! `post-build`: trunk's post-build hook, on its staging folder: replaces the inline loader
//! with the project's loader files, writes the first step into the page (`prerender`) and
//! the report's texts beside the wasm, copies the
//! QR module in, shrinks the release wasm and JS, writes `embed.js` and `frame.js`, and
//! last the gzip copies.

use crate::cmd::Result;
use crate::{loader, minify, modules, precompress, prerender, release};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Trunk's post-build hook, on the staging directory: see each step.
pub fn run() -> Result {
    let staging = PathBuf::from(
        std::env::var("TRUNK_STAGING_DIR").map_err(|_| "run by trunk as a post_build hook")?,
    );
    externalize_loader(&staging)?;
    prerender::write_into(&staging)?;
    write_report_texts(&staging)?;
    modules::copy_into(&staging)?;
    if std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release") {
        shrink(&staging)?;
    }
    write_embed(&staging)?;
    std::fs::write(staging.join("frame.js"), loader::frame()).map_err(|e| e.to_string())?;
    println!("xtask: wrote frame.js");
    // Last, once every file is final (the loaders, the report texts, embed.js): a copy
    // made before a file's last change would not be that file.
    precompress::write_gzip_copies(&staging)
}

/// Writes `embed.js`, the one line another site adds to show the app in its own page:
/// `<script type="module" src="https://HOST/PATH/embed.js"></script>`. It names this
/// build's files with their integrity values, loads them from beside itself, and mounts
/// the app (in `#ipsc-root`, made before the script if the page has none) in embedded
/// mode, with `data-assets` telling the app where its files are.
fn write_embed(staging: &Path) -> Result {
    let mut found = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(staging).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let kind = if name.starts_with("app-") && name.ends_with(".css") {
            "CSS"
        } else if name.starts_with("ipsc-app-") && name.ends_with("_bg.wasm") {
            "WASM"
        } else if name.starts_with("ipsc-app-") && name.ends_with(".js") {
            "JS"
        } else {
            continue;
        };
        let sri = integrity(&std::fs::read(&path).map_err(|e| e.to_string())?);
        found.insert(kind, (name, sri));
    }
    let asset = |kind: &str| {
        found
            .get(kind)
            .map(|(name, integrity)| loader::Asset {
                name: name.clone(),
                integrity: integrity.clone(),
            })
            .ok_or_else(|| format!("embed.js: no {kind} file in the build"))
    };
    let script = loader::embed(&asset("CSS")?, &asset("JS")?, &asset("WASM")?);
    std::fs::write(staging.join("embed.js"), script).map_err(|e| e.to_string())?;
    println!("xtask: wrote embed.js");
    Ok(())
}

/// Replaces trunk's inline module script with `fallback-HASH.js` and `boot-HASH.js`
/// (xtask/src/loader.rs), so that the page runs under `script-src 'self'` with no
/// exception for inline code, parses in older browsers, and is never left blank.
fn externalize_loader(staging: &Path) -> Result {
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let html_path = staging.join("index.html");
    let html =
        std::fs::read_to_string(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
    let (_, trunks_loader) = replace_inline_module(&html, "")?;
    // Trunk's loader waits at its top level (ES2022) and leaves a blank page when the wasm
    // cannot start: ours, with the same paths, does neither (xtask/src/loader.rs).
    let (glue, wasm) =
        loader::trunk_paths(&trunks_loader).ok_or("trunk's loader names no module and wasm")?;
    let prefix = if public_url.ends_with('/') {
        public_url
    } else {
        format!("{public_url}/")
    };
    let mut tags = String::new();
    // The fallback first: scripts that wait for the page run in the page's order, so the
    // module finds it ready.
    for (stem, attribute, body) in [
        ("fallback", "defer", loader::fallback()),
        ("boot", "type=\"module\"", loader::boot(&glue, &wasm)),
    ] {
        let name = format!(
            "{stem}-{:08x}.js",
            ipsc_engine::digest::fnv1a32(body.as_bytes())
        );
        std::fs::write(staging.join(&name), body).map_err(|e| e.to_string())?;
        tags.push_str(&format!(
            "<script {attribute} src=\"{prefix}{name}\"></script>"
        ));
        println!("xtask: wrote the loader {name}");
    }
    let (rewritten, _) = replace_inline_module(&html, &tags)?;
    std::fs::write(&html_path, rewritten).map_err(|e| e.to_string())
}

/// Writes the report's texts beside the wasm, under the name the wasm asks for: the same
/// split of the same pack as `build.rs` makes, so the two always agree.
fn write_report_texts(staging: &Path) -> Result {
    // The pack build.rs baked into this wasm: trunk gave both the same IPSC_PACK.
    let pack = release::pack()?;
    let source = std::fs::read_to_string(&pack).map_err(|e| format!("{pack}: {e}"))?;
    let files = ipsc_engine::load::app_files(&source).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{pack}: {e}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    std::fs::write(staging.join(&files.texts_file), &files.texts).map_err(|e| e.to_string())?;
    println!("xtask: wrote the report's texts to {}", files.texts_file);
    Ok(())
}

/// The subresource-integrity value of some bytes, as trunk writes it.
fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// Rewrites one file of the staging directory in place with a tool from `node_modules`
/// and updates its integrity value in the page, which trunk computed before.
fn rewrite(staging: &Path, html: &mut String, name: &str, tool: &str, args: &[&str]) -> Result {
    let path = staging.join(name);
    let before = integrity(&std::fs::read(&path).map_err(|e| e.to_string())?);
    rewrite_file(&path, tool, args)?;
    replace_integrity(html, name, &before, &path)?;
    println!("xtask: {tool} rewrote {name}");
    Ok(())
}

/// Puts the integrity value of the file at `path` as it is now in the page, in place of
/// `before`, which trunk computed.
fn replace_integrity(html: &mut String, name: &str, before: &str, path: &Path) -> Result {
    let after = integrity(&std::fs::read(path).map_err(|e| e.to_string())?);
    if !html.contains(before) {
        return Err(format!("index.html has no integrity value for {name}"));
    }
    *html = html.replace(before, &after);
    Ok(())
}

/// Rewrites the file at `path` in place with a tool from `node_modules`.
fn rewrite_file(path: &Path, tool: &str, args: &[&str]) -> Result {
    let status = Command::new(format!("node_modules/.bin/{tool}"))
        .arg(path)
        .args(args)
        .arg(path)
        .status()
        .map_err(|e| format!("{tool} (run `./x setup`): {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{tool} failed on {}", path.display()))
    }
}

/// Shrinks the release build's wasm and JS bindings, which trunk cannot do as well
/// (`minify::shrink_bound`; trunk runs no wasm-opt itself, `data-wasm-opt="0"` in
/// index.html, because it cannot pass the flags), and terser the snippets and the page's
/// loaders, which trunk's own minifier leaves as they are.
fn shrink(staging: &Path) -> Result {
    let html_path = staging.join("index.html");
    let mut html =
        std::fs::read_to_string(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
    let mut names = Vec::new();
    for entry in std::fs::read_dir(staging).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        // The page's own loaders, written readable (xtask/src/loader.rs): terser keeps
        // the fallback's ES5 as ES5 (it writes no newer syntax than it reads), 0.9 KB
        // gzip less for every visitor. The page names them without an integrity value.
        if name.starts_with("fallback-") || name.starts_with("boot-") {
            let module: &[&str] = if name.starts_with("boot-") {
                &["--module"]
            } else {
                &[]
            };
            let args = [module, &["--compress", "--mangle", "--output"]].concat();
            rewrite_file(&path, "terser", &args)?;
            println!("xtask: terser rewrote {name}");
        } else if name.starts_with("ipsc-app-") {
            names.push(name.to_owned());
        }
    }
    let wasm = names
        .iter()
        .find(|n| n.ends_with("_bg.wasm"))
        .ok_or("no app wasm to shrink")?;
    let js = names
        .iter()
        .find(|n| n.ends_with(".js"))
        .ok_or("no app JS to shrink")?;
    let (wasm_path, js_path) = (staging.join(wasm), staging.join(js));
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let before = (integrity(&read(&wasm_path)?), integrity(&read(&js_path)?));
    minify::shrink_bound(&wasm_path, &js_path)?;
    replace_integrity(&mut html, wasm, &before.0, &wasm_path)?;
    replace_integrity(&mut html, js, &before.1, &js_path)?;
    println!("xtask: shrank {wasm} and {js}");
    // wasm-bindgen's snippets (src/modules.js), which the page preloads.
    let snippets = staging.join("snippets");
    for folder in
        std::fs::read_dir(&snippets).map_err(|e| format!("{}: {e}", snippets.display()))?
    {
        let src = folder.map_err(|e| e.to_string())?.path().join("src");
        for file in std::fs::read_dir(&src).map_err(|e| format!("{}: {e}", src.display()))? {
            let path = file.map_err(|e| e.to_string())?.path();
            let name = path
                .strip_prefix(staging)
                .map_err(|e| e.to_string())?
                .display()
                .to_string();
            rewrite(
                staging,
                &mut html,
                &name,
                "terser",
                &["--module", "--compress", "--mangle", "--output"],
            )?;
        }
    }
    std::fs::write(&html_path, html).map_err(|e| e.to_string())
}

/// The page with its one inline `<script type="module">` replaced by `tags`, and what
/// that script said.
fn replace_inline_module(html: &str, tags: &str) -> Result<(String, String)> {
    // The first <script …> whose attributes say type=module (quoted or not, as a minifier
    // leaves it) and name no src.
    let mut from = 0;
    let (open, body_start) = loop {
        let open = from
            + html[from..]
                .find("<script")
                .ok_or("no inline module script in index.html")?;
        let tag_end = open + html[open..].find('>').ok_or("unclosed <script>")?;
        let tag = &html[open..tag_end];
        if (tag.contains("type=module") || tag.contains("type=\"module\"")) && !tag.contains("src=")
        {
            break (open, tag_end + 1);
        }
        from = tag_end;
    };
    let body_end = body_start
        + html[body_start..]
            .find("</script>")
            .ok_or("unclosed <script>")?;
    let close = body_end + "</script>".len();
    let body = html[body_start..body_end].trim().to_owned();
    if body.is_empty() {
        return Err("the module script is not inline".into());
    }
    Ok((format!("{}{tags}{}", &html[..open], &html[close..]), body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_loader_is_replaced() {
        let html = "<head><script type=\"module\" nonce=\"x\">import init from '/a.js';\nawait init();</script></head>";
        let (page, body) =
            replace_inline_module(html, "<script src=\"/b.js\"></script>").unwrap_or_default();
        assert_eq!(page, "<head><script src=\"/b.js\"></script></head>");
        assert_eq!(body, "import init from '/a.js';\nawait init();");
        assert!(
            replace_inline_module("<script type=\"module\" src=\"/a.js\"></script>", "").is_err()
        );
        let minified = "<script src=/x.js></script><script type=module>init()</script>";
        let (page, _) = replace_inline_module(minified, "<b>").unwrap_or_default();
        assert_eq!(page, "<script src=/x.js></script><b>");
    }
}
