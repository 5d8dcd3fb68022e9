//! The size report of `dist/`: each file and the total, raw, gzip and brotli, against the
//! first-load budget. Sizes are deterministic for a given build, so going over the budget
//! fails, like any other broken promise. The build's gzip copies (`NAME.gz`) and any other
//! file that is not the app's are left out.

use crate::cmd::Result;
use std::path::{Path, PathBuf};

/// The first-load budget, gzip: 150 KB (ARCHITECTURE.md's invariants of the app).
pub const BUDGET_GZIP: u64 = 150 * 1024;

fn gzip(bytes: &[u8]) -> Result<usize> {
    Ok(crate::precompress::gzip(bytes)?.len())
}

/// Whether a file of `dist/` is one the app loads: not a compressed copy of another (a
/// server sends the copy instead of its file, and the report counts the file's gzip size),
/// and not a hidden file an editor or a copy left.
fn of_the_app(name: &str) -> bool {
    let compressed = [".gz", ".br", ".zst"].iter().any(|ext| name.ends_with(ext));
    !compressed && !name.starts_with('.')
}

fn brotli(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out.len())
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    for entry in
        std::fs::read_dir(dir).map_err(|e| format!("{}: {e} (build first)", dir.display()))?
    {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !of_the_app(name) {
            continue;
        }
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

pub fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Which first load a file belongs to: the app's own page, a host page's one-line embed,
/// or both; the report module and its texts (loaded from the check page on), the QR
/// module (loaded on a kiosk's results) and frame.js (on a host's page, which then loads the app's page in a
/// frame) belong to neither.
fn loads(name: &str) -> (bool, bool) {
    if name.starts_with("ipsc-texts-")
        || name.starts_with("ipsc-report-")
        || name.starts_with("qr-")
        || name == "frame.js"
    {
        (false, false)
    } else if name == "index.html" || name.starts_with("boot-") || name.starts_with("fallback-") {
        (true, false)
    } else if name == "embed.js" {
        (false, true)
    } else {
        (true, true)
    }
}

/// Raw, gzip and brotli bytes.
pub type Sizes = [usize; 3];

/// What the report adds up: the two first loads, and the files loaded later, each apart.
pub struct Totals {
    /// The app's own page: HTML, loaders, JS, CSS, wasm.
    pub page: Sizes,
    /// A host page's one-line embed: embed.js, JS, CSS, wasm.
    pub embedded: Sizes,
    /// The files that are in neither first load, by name, with what loads them.
    pub later: Vec<(String, Sizes, &'static str)>,
}

/// Prints the report; fails if either first load's gzip total is over `budget` bytes.
pub fn report(dist: &Path, budget: u64) -> Result {
    within(&totals(dist)?, budget)
}

/// Prints each file of `dist` and returns the totals.
pub fn totals(dist: &Path) -> Result<Totals> {
    let mut paths = Vec::new();
    files(dist, &mut paths)?;
    paths.sort();
    println!("\nsize of {}/", dist.display());
    println!(
        "{:<44} {:>11} {:>11} {:>11}",
        "file", "raw", "gzip", "brotli"
    );
    let mut totals = Totals {
        page: [0; 3],
        embedded: [0; 3],
        later: Vec::new(),
    };
    for path in &paths {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let sizes = [bytes.len(), gzip(&bytes)?, brotli(&bytes)?];
        let name = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string();
        let (in_page, in_embed) = loads(&name);
        let note = match (in_page, in_embed) {
            (false, false) if name.starts_with("nomodule-") => "  (only browsers without modules)",
            (false, false) if name.starts_with("qr-") => "  (loaded later, on a kiosk's results)",
            (false, false) if name.starts_with("ipsc-report-") => {
                "  (loaded later, from the check page: the results)"
            }
            (false, false) if name == "frame.js" => {
                "  (on a host's page, which then frames the page)"
            }
            (false, false) => "  (loaded later, on the check page)",
            (true, false) => "  (the page only)",
            (false, true) => "  (the embed only)",
            (true, true) => "",
        };
        println!(
            "{name:<44} {:>11} {:>11} {:>11}{note}",
            kb(sizes[0]),
            kb(sizes[1]),
            kb(sizes[2])
        );
        if !in_page && !in_embed {
            totals.later.push((name.clone(), sizes, note.trim()));
        }
        for (total, counts) in [
            (&mut totals.page, in_page),
            (&mut totals.embedded, in_embed),
        ] {
            if counts {
                for (t, size) in total.iter_mut().zip(sizes) {
                    *t += size;
                }
            }
        }
    }
    Ok(totals)
}

/// Prints the two first loads; fails if either's gzip total is over `budget` bytes.
pub fn within(totals: &Totals, budget: u64) -> Result {
    let budget_kb = budget / 1024;
    let mut over = Vec::new();
    for (what, [raw, gz, br]) in [
        ("first load, the page", totals.page),
        ("first load, embed.js", totals.embedded),
    ] {
        println!("{what:<44} {:>11} {:>11} {:>11}", kb(raw), kb(gz), kb(br));
        if u64::try_from(gz).unwrap_or(u64::MAX) > budget {
            over.push(format!("the {what} is {} gzip", kb(gz)));
        }
    }
    if !over.is_empty() {
        return Err(format!(
            "{}: over the {budget_kb} KB budget",
            over.join("; ")
        ));
    }
    println!("both within the {budget_kb} KB gzip budget");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_and_hidden_files_are_not_the_app() {
        for name in [
            "index.html",
            "embed.js",
            "ipsc-app-1_bg.wasm",
            "ipsc-texts-1.bin",
        ] {
            assert!(of_the_app(name), "{name}");
        }
        for name in [
            "index.html.gz",
            "ipsc-app-1_bg.wasm.br",
            "a.js.zst",
            ".DS_Store",
        ] {
            assert!(!of_the_app(name), "{name}");
        }
    }
}
