//! `cargo xtask mutants`: mutation testing of the engine's arithmetic and rules, the
//! figure in crates/ipsc-engine/MUTANTS.md.
//!
//! cargo-mutants changes the code one small way at a time (`>` to `>=`, a function body to
//! a constant, a match arm deleted) and runs the engine's tests against each change; a
//! change no test notices is a behaviour no test pins down. It builds and tests the engine
//! about 250 times (10 to 20 minutes on two cores), so it is its own task and not part of
//! `cargo xtask test`.

use crate::cmd::{run as run_command, tool_path, Result};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The version measured in MUTANTS.md: another version makes other mutants, and the
/// figures would no longer compare.
const VERSION: &str = "27.1.0";

/// The modules whose every mutant should be caught: the money, the numbers people type,
/// the dates and the rules, with the statuses and codes the rules give (moved out of
/// `assess` into `codes`).
const FILES: [&str; 5] = [
    "crates/ipsc-engine/src/money.rs",
    "crates/ipsc-engine/src/number.rs",
    "crates/ipsc-engine/src/date.rs",
    "crates/ipsc-engine/src/assess.rs",
    "crates/ipsc-engine/src/codes.rs",
];

/// Under `target/`, which git ignores and cargo-mutants does not copy into its scratch tree.
const OUTPUT: &str = "target/mutants";

/// What cargo-mutants writes, one mutant a line, for each outcome.
const OUTCOMES: [(&str, &str); 4] = [
    ("caught", "caught.txt"),
    ("missed", "missed.txt"),
    ("unviable", "unviable.txt"),
    ("timeouts", "timeout.txt"),
];

/// Installs cargo-mutants if it is missing, runs it over [`FILES`], and prints the
/// figures per module. Fails if any mutant was missed or timed out (the equivalent ones
/// are excluded in `.cargo/mutants.toml`, with their reasons), or if the tests fail on
/// the unmutated code.
pub fn run() -> Result {
    install()?;
    let mut args = vec!["mutants", "--package", "ipsc-engine"];
    for file in FILES {
        args.extend(["--file", file]);
    }
    // Two jobs: the machines this runs on have two cores.
    args.extend(["--jobs", "2", "--output", OUTPUT]);
    let start = Instant::now();
    // cargo-mutants exits non-zero when a mutant survives; the figures are wanted either
    // way, so they are printed before its result is returned.
    let outcome = run_command("cargo", &args, &[]);
    let out = Path::new(OUTPUT).join("mutants.out");
    let reported = report(&out);
    println!("\nmutants: {:.0} s in all", start.elapsed().as_secs_f64());
    outcome.map_err(|e| {
        format!(
            "{e}\n(2: a mutant was missed, 3: one timed out, 4: the tests fail unmutated; \
             see {} and crates/ipsc-engine/MUTANTS.md)",
            out.display()
        )
    })?;
    reported
}

fn install() -> Result {
    let have = Command::new("cargo")
        .args(["mutants", "--version"])
        .env("PATH", tool_path())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if have.split_whitespace().any(|word| word == VERSION) {
        println!("mutants: cargo-mutants {VERSION} is installed");
        return Ok(());
    }
    run_command(
        "cargo",
        &["install", "cargo-mutants", "--version", VERSION, "--locked"],
        &[],
    )
}

/// Prints caught, missed, unviable and timeouts per module, then the missed mutants.
fn report(out: &Path) -> Result {
    let mut lists = Vec::new();
    for (name, file) in OUTCOMES {
        let path = out.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        lists.push((name, text));
    }
    if lists.iter().all(|(_, text)| text.trim().is_empty()) {
        // The unmutated tests failed, so no mutant was tried: a table of zeros would mislead.
        println!("mutants: no mutant was tested");
        return Ok(());
    }
    println!("\nmutants per module:");
    println!(
        "  {:<10} {:>7} {:>7} {:>9} {:>9}   caught of viable",
        "module", "caught", "missed", "unviable", "timeouts"
    );
    for file in FILES {
        let module = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(file);
        let prefix = format!("{file}:");
        let counts: Vec<usize> = lists
            .iter()
            .map(|(_, text)| text.lines().filter(|l| l.starts_with(&prefix)).count())
            .collect();
        if let [caught, missed, unviable, timeouts] = counts[..] {
            let viable = caught + missed + timeouts;
            let share = if viable == 0 {
                100.0
            } else {
                100.0 * count_f64(caught) / count_f64(viable)
            };
            println!(
                "  {module:<10} {caught:>7} {missed:>7} {unviable:>9} {timeouts:>9}   {share:.1}%"
            );
        }
    }
    for (name, text) in &lists {
        if *name == "missed" && !text.trim().is_empty() {
            println!("\nmissed (each should be in crates/ipsc-engine/MUTANTS.md, with why):");
            for line in text.lines() {
                println!("  {line}");
            }
        }
    }
    Ok(())
}

/// A count as a float for a percentage; counts of mutants are far below 2^52.
fn count_f64(n: usize) -> f64 {
    u32::try_from(n).map_or(f64::MAX, f64::from)
}
