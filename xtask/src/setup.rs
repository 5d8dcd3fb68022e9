//! Installs what the build and the tests need, skipping whatever is already there at the
//! right version. Versions are pinned below; wasm-bindgen-cli follows Cargo.lock, since the
//! two must match exactly.

use crate::{run, tool_path, Result};
use std::path::Path;
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Everything: the build's tools and the browser.
pub fn all() -> Result {
    for_build()?;
    browser()
}

/// What `trunk build --release` needs.
pub fn for_build() -> Result {
    wasm_target()?;
    rust_src()?;
    cargo_tool(
        "trunk",
        TRUNK_VERSION,
        &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
    )?;
    let bindgen = locked_version("wasm-bindgen")?;
    // Not --locked: wasm-bindgen-cli's own lock file pins a crate the registry lacks.
    cargo_tool(
        "wasm-bindgen",
        &bindgen,
        &["install", "wasm-bindgen-cli", "--version", &bindgen],
    )?;
    npm_packages()
}

/// What a command prints of its version, if it runs.
fn version_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .env("PATH", tool_path())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wasm_target() -> Result {
    let installed = version_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("setup: {WASM_TARGET} target is installed");
        return Ok(());
    }
    run("rustup", &["target", "add", WASM_TARGET], &[])
}

/// The standard library's source, which the release build compiles with its own flags.
fn rust_src() -> Result {
    let installed = version_of("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "rust-src") {
        println!("setup: rust-src is installed");
        return Ok(());
    }
    run("rustup", &["component", "add", "rust-src"], &[])
}

fn cargo_tool(program: &str, version: &str, install: &[&str]) -> Result {
    let have = version_of(program, &["--version"]).unwrap_or_default();
    if have.split_whitespace().any(|word| word == version) {
        println!("setup: {program} {version} is installed");
        return Ok(());
    }
    run("cargo", install, &[])
}

/// The version of a package in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock").map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

fn modified(path: &str) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn npm_packages() -> Result {
    // npm writes node_modules/.package-lock.json on every install: newer than the lock
    // file means the installed tree is the locked one.
    let installed = modified("node_modules/.package-lock.json");
    let locked = modified("package-lock.json");
    let wasm_opt = version_of("wasm-opt", &["--version"]).unwrap_or_default();
    if installed.is_some() && installed >= locked && wasm_opt.contains("version 132") {
        println!("setup: npm packages are installed (wasm-opt 132)");
        return Ok(());
    }
    run("npm", &["ci", "--no-audit", "--no-fund"], &[])
}

/// A CJK font, so that screenshots of the Chinese pages show characters, not boxes.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

fn browser() -> Result {
    if ["/usr/bin/chromium", "/usr/bin/chromedriver", CJK_FONT]
        .iter()
        .all(|p| Path::new(p).exists())
    {
        println!("setup: chromium, chromedriver and a CJK font are installed");
        return Ok(());
    }
    run("apt-get", &["update"], &[])?;
    run(
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
            "fonts-wqy-microhei",
        ],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )
}
