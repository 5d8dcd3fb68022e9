//! Installs what the build and the tests need, skipping whatever is already there at the
//! right version. Versions are pinned below; wasm-bindgen-cli follows Cargo.lock, since the
//! two must match exactly.

use crate::cmd::{run, tool_path, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";
/// geckodriver, Firefox's WebDriver server, from crates.io (nothing else offers it here:
/// the npm package downloads a binary).
pub const GECKODRIVER_VERSION: &str = "0.37.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Everything: the build's tools, and Debian's packages and geckodriver for the tests.
pub fn all() -> Result {
    for_build()?;
    debian_packages()?;
    geckodriver()
}

/// Where the tests find geckodriver: a folder of its own, never on PATH, because
/// wasm-bindgen-test-runner prefers a geckodriver it finds on PATH over chromedriver and
/// would silently move the Chromium tests to Firefox. In the user's cache, not `target/`,
/// so that every checkout on a machine shares one build (about 140 s on two cores).
pub fn geckodriver_path() -> PathBuf {
    geckodriver_root().join("bin").join("geckodriver")
}

fn geckodriver_root() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|dir| !dir.is_empty())
        .map_or_else(
            || PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache"),
            PathBuf::from,
        );
    cache
        .join("ipsc")
        .join(format!("geckodriver-{GECKODRIVER_VERSION}"))
}

/// geckodriver at its pinned version, built from crates.io into [`geckodriver_path`]'s
/// folder unless it is there already.
fn geckodriver() -> Result {
    let path = geckodriver_path();
    let have = version_of(&path.to_string_lossy(), &["--version"]).unwrap_or_default();
    if have
        .split_whitespace()
        .any(|word| word == GECKODRIVER_VERSION)
    {
        println!(
            "setup: geckodriver {GECKODRIVER_VERSION} is installed ({})",
            path.display()
        );
        return Ok(());
    }
    let root = geckodriver_root();
    run(
        "cargo",
        &[
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
            "--locked",
            "--root",
            &root.to_string_lossy(),
        ],
        &[],
    )
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

fn npm_packages() -> Result {
    // npm records what it installed in node_modules/.package-lock.json: the locked tree is
    // there when every package of the lock file is, at its version and integrity. (Not by
    // the files' times: a git worktree's fresh lock file is newer than a shared tree.)
    let wasm_opt = version_of("wasm-opt", &["--version"]).unwrap_or_default();
    if installed_as_locked() && wasm_opt.contains("version 132") {
        println!("setup: npm packages are installed (wasm-opt 132)");
        return Ok(());
    }
    // `npm ci` empties node_modules first, and through a symbolic link it empties the
    // folder another checkout shares: refuse, and say what to do.
    if std::fs::symlink_metadata("node_modules").is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(
            "node_modules is a symbolic link to a tree that differs from package-lock.json: \
             run `npm ci` where it points, or remove the link"
                .into(),
        );
    }
    run("npm", &["ci", "--no-audit", "--no-fund"], &[])
}

/// Whether `node_modules` holds every package of `package-lock.json` as locked.
fn installed_as_locked() -> bool {
    let read = |path: &str| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
    };
    let (Some(locked), Some(installed)) = (
        read("package-lock.json"),
        read("node_modules/.package-lock.json"),
    ) else {
        return false;
    };
    same_packages(&locked, &installed)
}

/// Whether every package (but the project itself, `""`) of the lock file `locked` is in
/// `installed` with the same version and integrity.
fn same_packages(locked: &serde_json::Value, installed: &serde_json::Value) -> bool {
    let Some(packages) = locked.get("packages").and_then(|p| p.as_object()) else {
        return false;
    };
    packages
        .iter()
        .filter(|(path, _)| !path.is_empty())
        .all(|(path, package)| {
            let there = installed.get("packages").and_then(|p| p.get(path));
            there.is_some_and(|there| {
                ["version", "integrity"]
                    .iter()
                    .all(|key| there.get(key) == package.get(key))
            })
        })
}

/// Firefox ESR, as Debian installs it.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// WebKitGTK's WebDriver server, and the browser it starts.
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/// A CJK font, so that screenshots of the Chinese pages show characters, not boxes.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Debian's packages the tests use, each installed only if missing, all with one
/// `apt-get update`: Chromium and its driver, a CJK font, nginx (the end-to-end tests
/// serve the build with deploy/'s configuration), zbar-tools (`zbarimg` reads a QR code
/// from a screenshot) and iproute2 (`ip` brings up loopback in the kiosk's network
/// namespace with no network), and the two other engines: Firefox ESR, WebKitGTK's
/// WebDriver (`WebKitWebDriver`, which starts WebKit's MiniBrowser) and Xvfb (MiniBrowser
/// has no headless mode).
fn debian_packages() -> Result {
    let has_file = |path: &str| Path::new(path).exists();
    let runs = |program: &str, args: &[&str]| version_of(program, args).is_some();
    let wanted: [(&str, bool); 10] = [
        ("chromium", has_file("/usr/bin/chromium")),
        ("chromium-driver", has_file("/usr/bin/chromedriver")),
        ("fonts-wqy-microhei", has_file(CJK_FONT)),
        // `nginx -v` writes its version to stderr; that it runs is enough.
        ("nginx", runs("nginx", &["-v"])),
        ("zbar-tools", runs("zbarimg", &["--version"])),
        ("iproute2", runs("ip", &["-V"])),
        ("firefox-esr", has_file(FIREFOX)),
        (
            "webkit2gtk-driver",
            has_file(WEBKIT_DRIVER) && has_file(MINIBROWSER),
        ),
        (
            "xvfb",
            has_file("/usr/bin/xvfb-run") && has_file("/usr/bin/Xvfb"),
        ),
        // xvfb-run needs it; xvfb only recommends it.
        ("xauth", has_file("/usr/bin/xauth")),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(_, there)| !there)
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        println!(
            "setup: chromium, chromedriver, a CJK font, nginx, zbar-tools, iproute2, firefox-esr, \
             webkit2gtk-driver, xvfb and xauth are installed"
        );
        return Ok(());
    }
    run("apt-get", &["update"], &[])?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend(&missing);
    run("apt-get", &args, &[("DEBIAN_FRONTEND", "noninteractive")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_tree_is_compared_package_by_package() {
        let lock = serde_json::json!({"packages": {
            "": {"name": "ipsc-e2e"},
            "node_modules/acorn": {"version": "8.19.0", "integrity": "sha512-a"},
        }});
        let same = serde_json::json!({"packages": {
            "node_modules/acorn": {"version": "8.19.0", "integrity": "sha512-a", "dev": true},
        }});
        let older = serde_json::json!({"packages": {
            "node_modules/acorn": {"version": "8.18.0", "integrity": "sha512-b"},
        }});
        let none = serde_json::json!({"packages": {}});
        assert!(same_packages(&lock, &same));
        assert!(!same_packages(&lock, &older));
        assert!(!same_packages(&lock, &none));
        assert!(!same_packages(&serde_json::json!({}), &same));
    }
}
