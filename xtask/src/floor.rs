//! `floor [DIR]`: the release wasm uses nothing above the browsers' floor, WebAssembly 1.0
//! with mutable globals and sign extension (README.md's "Which browsers").

use crate::cmd::{run, Result};
use std::path::Path;
use std::process::Command;

/// The wasm features the release build may use: WebAssembly 1.0, mutable globals and sign
/// extension (see `release::RELEASE_WASM_FLAGS`).
const FLOOR: [&str; 3] = [
    "--mvp-features",
    "--enable-mutable-globals",
    "--enable-sign-ext",
];

/// Fails if a wasm in `dist` uses a feature above the floor. wasm-opt adds the features a
/// module's own target-features section names to the flags it is given, so that section
/// is stripped first; then validation at the floor fails on any other feature.
pub fn check(dist: &Path) -> Result {
    let wasm_opt = "node_modules/.bin/wasm-opt";
    let mut checked = 0;
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|e| e != "wasm") {
            continue;
        }
        let stripped = Path::new("target").join("floor-check.wasm");
        let (input, output) = (path.to_string_lossy(), stripped.to_string_lossy());
        run(
            wasm_opt,
            &["--strip-target-features", &input, "-o", &output],
            &[],
        )?;
        let mut args = FLOOR.to_vec();
        args.extend([output.as_ref(), "-o", "/dev/null"]);
        // Quiet on success; on failure, the first lines say which feature and where.
        let checked_out = Command::new(wasm_opt)
            .args(&args)
            .output()
            .map_err(|e| format!("{wasm_opt}: {e}"))?;
        if !checked_out.status.success() {
            let said = String::from_utf8_lossy(&checked_out.stderr);
            let first: Vec<&str> = said.lines().take(6).collect();
            return Err(format!(
                "{} uses a feature above WebAssembly 1.0 + mutable globals + sign extension:\n{}",
                path.display(),
                first.join("\n")
            ));
        }
        println!(
            "xtask: {} validates at the WebAssembly 1.0 floor",
            path.display()
        );
        checked += 1;
    }
    if checked == 0 {
        return Err(format!("no wasm in {}", dist.display()));
    }
    Ok(())
}
