//! `kiosk [--test]`: the offline kiosk's program (`crates/ipsc-kiosk`), built with the
//! release app inside it, and its size, for the operator to copy (docs/KIOSK.md); with
//! `--test`, then its end-to-end tests on a machine with no network.

use crate::Result;
use std::path::PathBuf;
use std::time::Instant;

/// Builds the app into `dist/`, then the program that carries it; prints where it is and
/// how big. With `--test`, then runs [`test_offline`].
pub fn run(args: &[String]) -> Result {
    let test = match args {
        [] => false,
        [flag] if flag == "--test" => true,
        _ => return Err("usage: cargo xtask kiosk [--test]".into()),
    };
    crate::setup::for_build()?;
    crate::build()?;
    build_program()?;
    if test {
        test_offline()?;
    }
    Ok(())
}

/// The kiosk's end-to-end tests (the test command runs them apart, in [`test_offline`]).
pub const TEST_FILE: &str = "e2e/kiosk.test.mjs";

/// Runs `e2e/kiosk.test.mjs` against the built program inside a network namespace of its
/// own, where only loopback exists: the "no network at all", beyond the test's own
/// check that no request leaves the program's address. Needs root (as on CI) and
/// `unshare`; Chromium and the npm packages from the set-up.
pub fn test_offline() -> Result {
    let command = format!(
        "ip link set lo up && node --test --test-concurrency=1 --test-timeout=180000 {TEST_FILE}"
    );
    crate::run("unshare", &["-n", "sh", "-c", &command], &[])
        .map_err(|e| format!("{e} (the namespace needs root and util-linux's unshare)"))
}

/// Builds the program from the `dist/` already there (its build script embeds whatever
/// `dist/` holds, so call this after the release build) and prints its path and size.
pub fn build_program() -> Result<PathBuf> {
    let start = Instant::now();
    crate::run(
        "cargo",
        &["build", "--release", "--locked", "-p", "ipsc-kiosk"],
        &[],
    )?;
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let program = target
        .join("release")
        .join(format!("ipsc-kiosk{}", std::env::consts::EXE_SUFFIX));
    let bytes = std::fs::metadata(&program)
        .map_err(|e| format!("{}: {e}", program.display()))?
        .len();
    println!(
        "xtask: the kiosk program is {} ({bytes} bytes, {:.0} KB), built in {:.1} s; \
         see docs/KIOSK.md",
        program.display(),
        bytes as f64 / 1024.0,
        start.elapsed().as_secs_f64()
    );
    Ok(program)
}
