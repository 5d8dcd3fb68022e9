//! The release build of the app into `dist/`: the wasm's flags and the standard library
//! built from source for them, the QR module first (`qr`), then trunk, whose post-build
//! hook (`post_build`) finishes the files.

use crate::cmd::{cargo_home, run, Result};
use crate::qr;
use std::process::Command;

/// Flags for the release wasm alone (the browser tests keep their panic messages). Each
/// needs the standard library built from source, as `build` does. Measured on this app
/// against the prebuilt standard library, first load 149.5 KB gzip: 134.1 KB with all.
const RELEASE_WASM_FLAGS: &[&str] = &[
    // A panic traps at once, without formatting its message or running Yew's panic hook:
    // 12.7 KB less wasm gzip, the one lever that counts. A panic already stopped the app
    // (`panic = "abort"`); only its message in the console is lost.
    "-Zunstable-options",
    "-Cpanic=immediate-abort",
    // WebAssembly 1.0 plus the two features every browser of the floor has (Chromium 80,
    // Firefox 78, Safari 14.1); `./x test` checks the shipped wasm uses no other
    // (`floor::check`). wasm-bindgen then needs no reference types, and the wasm is 0.3 KB
    // gzip smaller.
    "-Ctarget-cpu=mvp",
    "-Ctarget-feature=+mutable-globals,+sign-ext",
];

/// The standard library built from source, for the flags above to reach it too (the
/// prebuilt one keeps its panic machinery and its newer wasm features). Unstable cargo
/// and rustc options, allowed on the pinned stable toolchain by `RUSTC_BOOTSTRAP`: a new
/// toolchain means measuring these again. Needs the `rust-src` component (`./x setup`).
const BUILD_STD: [(&str, &str); 3] = [
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    // The standard library's smaller variants of its algorithms: 0.6 KB gzip.
    ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size"),
];

/// Builds the release app into `dist/` (trunk, with the flags above).
pub fn build() -> Result {
    // Trunk builds offline; the registry is reached once here, and only for what is missing.
    run("cargo", &["fetch", "--locked"], &[])?;
    // The dependencies of the standard library built for the wasm (its allocator among them).
    run(
        "cargo",
        &["fetch", "--locked", "--target", "wasm32-unknown-unknown"],
        &BUILD_STD,
    )?;
    let rustflags = format!("{} {}", short_source_paths()?, RELEASE_WASM_FLAGS.join(" "));
    let mut env = BUILD_STD.to_vec();
    env.push(("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", &rustflags));
    let qr = qr::build(&env)?;
    env.push((qr::MODULE_VAR, &qr));
    run("trunk", &["build", "--release", "--locked"], &env)
}

/// Flags that shorten the source paths a wasm carries for panic locations: the crates'
/// (`/root/.cargo/registry/src/index.crates.io-…/yew-0.23.0/src/…` becomes
/// `yew-0.23.0/src/…`), and the standard library's (`/rustc/HASH/library/…`) once it is
/// built from source (the prebuilt one keeps its paths). The build no longer carries the
/// building machine's home folder; measured, the wasm is 2.3 KB smaller raw and 0.1 KB
/// gzip (the prefixes compress well).
fn short_source_paths() -> Result<String> {
    let mut flags = Vec::new();
    let registry = cargo_home().join("registry/src");
    if let Ok(indexes) = std::fs::read_dir(&registry) {
        for index in indexes.flatten() {
            flags.push(format!("--remap-path-prefix={}/=", index.path().display()));
        }
    }
    let rustc = Command::new("rustc")
        .arg("-vV")
        .output()
        .map_err(|e| format!("rustc -vV: {e}"))?;
    let version = String::from_utf8_lossy(&rustc.stdout);
    if let Some(hash) = version
        .lines()
        .find_map(|l| l.strip_prefix("commit-hash: "))
    {
        flags.push(format!("--remap-path-prefix=/rustc/{hash}/="));
    }
    Ok(flags.join(" "))
}
