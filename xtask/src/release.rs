//! `build [--pack PATH]`: the release app in `dist/`, for the pack `IPSC_PACK` names or
//! `--pack` asks for: the wasm's flags and the standard library built from source for them,
//! the QR module first (`qr`), then trunk, whose post-build hook (`post_build`) finishes
//! the files.

use crate::cmd::{cargo_home, run, target_dir, Result};
use crate::modules::{self, MODULES};
use crate::setup;
use std::path::Path;
use std::process::Command;

/// The variable that names the pack built into the app, a path from the repository's
/// root. Its default is written once, in `.cargo/config.toml`'s `[env]`, which cargo gives
/// this program too; the app's `build.rs` reads it, and so does the post-build hook, which
/// trunk starts with the environment it was given, so the two always split the same pack.
pub const PACK_VAR: &str = "IPSC_PACK";

/// Where trunk writes the app unless told otherwise (Trunk.toml's `dist`).
pub const DIST: &str = "dist";

/// The pack to build: `IPSC_PACK`, as `.cargo/config.toml` or the caller set it.
pub fn pack() -> Result<String> {
    std::env::var(PACK_VAR).map_err(|_| {
        format!(
            "{PACK_VAR} is not set: run the tasks as `./x` or `cargo xtask`, which take it from \
             .cargo/config.toml"
        )
    })
}

/// `./x build [--pack PATH]`: the set-up the build needs, then the build into `dist/`.
pub fn run_task(args: &[String]) -> Result {
    let pack = match args {
        [] => pack()?,
        [flag, path] if flag == "--pack" => path.clone(),
        _ => return Err("usage: cargo xtask build [--pack PATH/pack.toml]".into()),
    };
    setup::for_build()?;
    build_with(&pack, Path::new(DIST))
}

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
pub const BUILD_STD: [(&str, &str); 3] = [
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    // The standard library's smaller variants of its algorithms: 0.6 KB gzip.
    ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size"),
];

/// Builds the release app with the pack `IPSC_PACK` names into `dist/`.
pub fn build() -> Result {
    build_with(&pack()?, Path::new(DIST))
}

/// Builds the release app with `pack` (trunk, with the flags above) into `dist`.
pub fn build_with(pack: &str, dist: &Path) -> Result {
    // Before anything is built: a wrong path fails at once, with its name.
    if !Path::new(pack).is_file() {
        return Err(format!(
            "{pack}: no such pack (give a path from the repository's root)"
        ));
    }
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
    // The modules loaded later first (the report module with the same pack), then the app,
    // whose wasm names them.
    env.push((PACK_VAR, pack));
    let mut names = Vec::new();
    for module in &MODULES {
        names.push((module.var, modules::build(module, &env)?));
    }
    // Trunk passes its environment on to cargo (build.rs) and to the post-build hook.
    env.extend(names.iter().map(|(var, name)| (*var, name.as_str())));
    // Trunk copies (and the page preloads) every snippet in wasm-bindgen's output folder,
    // which it never empties: a snippet the app no longer imports would stay in every
    // later build. Emptied first, the folder holds only this build's.
    let snippets = target_dir().join("wasm-bindgen/release/snippets");
    if snippets.exists() {
        std::fs::remove_dir_all(&snippets).map_err(|e| format!("{}: {e}", snippets.display()))?;
    }
    let dist = dist.display().to_string();
    run(
        "trunk",
        &["build", "--release", "--locked", "--dist", &dist],
        &env,
    )
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
