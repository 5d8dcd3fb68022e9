//! The build's gzip copies: `NAME.gz` beside each text and wasm file of the staging
//! directory, as the smallest gzip streams Zopfli makes, for a server to send as they are (nginx's
//! `gzip_static on`, deploy/ipsc-location.conf) instead of compressing at each request.

use crate::cmd::Result;
use std::path::Path;

/// The files worth compressing, by extension: the page, the scripts, the styles, the wasm
/// and the report texts.
const COMPRESSED: [&str; 6] = ["html", "js", "css", "wasm", "bin", "json"];

/// Whether a file of this name gets a gzip copy.
pub fn wanted(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSED.contains(&e))
}

/// `bytes` as a gzip stream made by Zopfli: what nginx sends (gzip_static) and so what the
/// size report counts. Any gzip reader reads it; it is about 5 % smaller than zlib's best
/// level (measured on the wasm: 138.9 KB against 146.7 KB), for a few seconds of build.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Writes `NAME.gz` beside every file of `dir` and its folders (wasm-bindgen's snippets)
/// that `wanted` names (an older copy is replaced). Run last, once every file is final.
pub fn write_gzip_copies(dir: &Path) -> Result {
    let written = copies_in(dir)?;
    println!("xtask: wrote {written} gzip copies (NAME.gz)");
    Ok(())
}

fn copies_in(dir: &Path) -> Result<usize> {
    let mut written = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            written += copies_in(&path)?;
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !path.is_file() || !wanted(&name) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gz = dir.join(format!("{name}.gz"));
        std::fs::write(&gz, gzip(&bytes)?).map_err(|e| format!("{}: {e}", gz.display()))?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_app_s_files_get_a_copy_and_nothing_else_does() {
        for name in [
            "index.html",
            "embed.js",
            "app-1.css",
            "ipsc-app-1_bg.wasm",
            "ipsc-texts-1.bin",
        ] {
            assert!(wanted(name), "{name}");
        }
        for name in ["embed.js.gz", "logo.png", "README"] {
            assert!(!wanted(name), "{name}");
        }
    }

    #[test]
    fn a_copy_reads_back_as_the_file() -> Result {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        let io = |e: std::io::Error| e.to_string();
        std::fs::create_dir_all(&dir).map_err(io)?;
        let text = "知识产权奖补自测 ".repeat(100);
        std::fs::write(dir.join("index.html"), &text).map_err(io)?;
        std::fs::write(dir.join("logo.png"), [0u8; 10]).map_err(io)?;
        let snippets = dir.join("snippets/ipsc-app-1/src");
        std::fs::create_dir_all(&snippets).map_err(io)?;
        std::fs::write(snippets.join("qr.js"), &text).map_err(io)?;
        write_gzip_copies(&dir)?;
        assert!(
            snippets.join("qr.js.gz").exists(),
            "files in folders get theirs"
        );
        let mut back = String::new();
        let gz = std::fs::read(dir.join("index.html.gz")).map_err(io)?;
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_string(&mut back)
            .map_err(io)?;
        assert_eq!(back, text);
        assert!(gz.len() < text.len() / 10);
        assert!(!dir.join("logo.png.gz").exists());
        // A second run replaces the copies and copies no copy.
        write_gzip_copies(&dir)?;
        assert!(!dir.join("index.html.gz.gz").exists());
        std::fs::remove_dir_all(&dir).map_err(io)
    }
}
