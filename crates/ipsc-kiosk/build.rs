//! Chooses the build the program carries: the workspace's `dist/` when it holds an app
//! build, else a placeholder page, so that clippy and the tests work on a fresh clone
//! before the app was ever built. `src/lib.rs` embeds whichever this names.

use std::path::Path;

/// Said by the placeholder page; also how the program knows at start that it carries no app.
const PLACEHOLDER: &str = r#"<!doctype html>
<html lang="zh-CN">
<meta charset="utf-8">
<title>ipsc-kiosk</title>
<body>
<div id="ipsc-root" class="ipsc-root">
<p>本程序构建时没有包含应用。This ipsc-kiosk was built without the app: build it with <code>./x kiosk</code>.</p>
</div>
</body>
</html>
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR")?;
    let dist = Path::new(&manifest)
        .ancestors()
        .nth(2)
        .ok_or("the crate is not two folders below the workspace")?
        .join("dist");
    // A directory is scanned whole, so a new app build re-embeds. While `dist/` is missing
    // cargo reruns this every time; that costs a recompile of this small crate only.
    println!("cargo:rerun-if-changed={}", dist.display());
    println!("cargo:rerun-if-changed=build.rs");
    let embed = if dist.join("index.html").is_file() {
        dist
    } else {
        let placeholder = Path::new(&std::env::var("OUT_DIR")?).join("placeholder");
        std::fs::create_dir_all(&placeholder)?;
        std::fs::write(placeholder.join("index.html"), PLACEHOLDER)?;
        placeholder
    };
    println!("cargo:rustc-env=IPSC_KIOSK_DIST={}", embed.display());
    Ok(())
}
