//! The QR module (crates/ipsc-qr) as the app loads it: built for the wasm with the release
//! build's own flags, bound by wasm-bindgen as an ES module, shrunk, and named after its
//! content (`qr-HASH.js`, `qr-HASH_bg.wasm`) so that a host may cache it for ever. Built
//! before the app, whose wasm names it (`IPSC_QR_MODULE`); the post-build hook copies it
//! into the build. Nothing loads it until a kiosk's results show a QR code.

use crate::cmd::{run, target_dir, Result};
use std::path::{Path, PathBuf};

/// Where the named files wait for the post-build hook, in the target folder.
const OUT: &str = "ipsc-qr";

/// The environment variable that tells the app's build (and the hook) the module's name.
pub const MODULE_VAR: &str = "IPSC_QR_MODULE";

/// Builds the module with `env` (the release wasm's flags) into [`OUT`]; returns the
/// name of its JavaScript file.
pub fn build(env: &[(&str, &str)]) -> Result<String> {
    run(
        "cargo",
        &[
            "build",
            "--locked",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "ipsc-qr",
            "--lib",
        ],
        env,
    )?;
    let out = target_dir().join(OUT);
    let out = out.as_path();
    let bound = out.join("bound");
    let _ = std::fs::remove_dir_all(out);
    run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-dir",
            &bound.display().to_string(),
            &target_dir()
                .join("wasm32-unknown-unknown/release/ipsc_qr.wasm")
                .display()
                .to_string(),
        ],
        &[],
    )?;
    let (js, wasm) = (bound.join("ipsc_qr.js"), bound.join("ipsc_qr_bg.wasm"));
    let path = |p: &Path| p.display().to_string();
    // The same shrinking as the app's (see `shrink` in post_build.rs).
    run(
        "wasm-opt",
        &[
            &path(&wasm),
            "-Oz",
            "--low-memory-unused",
            "-o",
            &path(&wasm),
        ],
        &[],
    )?;
    run(
        "terser",
        &[
            &path(&js),
            "--module",
            "--compress",
            "--mangle",
            "--output",
            &path(&js),
        ],
        &[],
    )?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let (js_bytes, wasm_bytes) = (read(&js)?, read(&wasm)?);
    let stem = format!(
        "qr-{:08x}",
        ipsc_engine::digest::fnv1a32(&[js_bytes.as_slice(), wasm_bytes.as_slice()].concat())
    );
    let glue = String::from_utf8(js_bytes).map_err(|e| format!("{}: {e}", js.display()))?;
    // The glue finds its wasm beside itself by this name.
    if glue.matches("ipsc_qr_bg.wasm").count() != 1 {
        return Err(format!(
            "{}: expected one mention of ipsc_qr_bg.wasm",
            js.display()
        ));
    }
    let glue = glue.replace("ipsc_qr_bg.wasm", &format!("{stem}_bg.wasm"));
    let name = format!("{stem}.js");
    let write = |file: &str, bytes: &[u8]| {
        std::fs::write(out.join(file), bytes).map_err(|e| format!("{file}: {e}"))
    };
    write(&name, glue.as_bytes())?;
    write(&format!("{stem}_bg.wasm"), &wasm_bytes)?;
    println!("xtask: built the QR module {name}");
    Ok(name)
}

/// Copies the module named by [`MODULE_VAR`] into the build at `staging`, if the build was
/// given one (`./x build` always is; a bare `trunk build` is not, and shows no QR code).
pub fn copy_into(staging: &Path) -> Result {
    let Ok(name) = std::env::var(MODULE_VAR) else {
        println!("xtask: no {MODULE_VAR}: this build has no QR module");
        return Ok(());
    };
    let stem = name.trim_end_matches(".js");
    for file in [name.clone(), format!("{stem}_bg.wasm")] {
        let from: PathBuf = target_dir().join(OUT).join(&file);
        std::fs::copy(&from, staging.join(&file))
            .map_err(|e| format!("{}: {e} (built by `./x build`)", from.display()))?;
    }
    Ok(())
}
