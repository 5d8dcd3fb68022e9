//! `kiosk [--test]`: the offline kiosk's program (`crates/ipsc-kiosk`), built with the
//! release app inside it, and its size, for the operator to copy (docs/KIOSK.md); with
//! `--test`, then its end-to-end tests on a machine with no network.

use crate::cmd::{self, Result};
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
    crate::release::build()?;
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
/// check that no request leaves the program's address. As root (as on CI) a plain network
/// namespace; otherwise inside a user namespace too (`unshare -rn`), where the kernel
/// allows one. Needs `unshare` and `ip` (the set-up installs iproute2), Chromium and the
/// npm packages.
pub fn test_offline() -> Result {
    let command = format!(
        "ip link set lo up && node --test --test-concurrency=1 --test-timeout=180000 {TEST_FILE}"
    );
    let namespace = if is_root() { "-n" } else { "-rn" };
    let program = program_path();
    cmd::run(
        "unshare",
        &[namespace, "sh", "-c", &command],
        &[("IPSC_KIOSK", &program.display().to_string())],
    )
    .map_err(|e| {
        format!(
            "{e} (a network namespace needs root, or user namespaces, and util-linux's unshare)"
        )
    })
}

/// Whether this process runs as root (its real user id, from `/proc/self/status`).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().next())
            == Some("0")
    })
}

/// Builds the program from the `dist/` already there (its build script embeds whatever
/// `dist/` holds, so call this after the release build) and prints its path and size.
pub fn build_program() -> Result<PathBuf> {
    let start = Instant::now();
    cmd::run(
        "cargo",
        &["build", "--release", "--locked", "-p", "ipsc-kiosk"],
        &[],
    )?;
    let program = program_path();
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

/// Where cargo puts the release program.
fn program_path() -> PathBuf {
    cmd::target_dir()
        .join("release")
        .join(format!("ipsc-kiosk{}", std::env::consts::EXE_SUFFIX))
}
