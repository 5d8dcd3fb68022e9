//! `test`: every check and test, in order, each a named and timed step; the browser
//! tests in Chromium, Firefox and WebKit, each engine's driver named and the others'
//! cleared. Fails on the first failure, after printing the steps' times.

use crate::cmd::{self, run, run_without, Result};
use crate::{floor, kiosk, release, setup, size};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The fixture pack: an invented city's plan, made for the engine's tests, which shares no
/// measure, amount or rate with the default pack. The app built with it shows that another
/// pack needs no code of its own.
const FIXTURE_PACK: &str = "crates/ipsc-engine/tests/fixture-pack.toml";

/// The one journey run on the fixture pack's app (and on nothing else): its expected
/// amounts are worked from that pack.
const FIXTURE_TEST_FILE: &str = "e2e/fixture.test.mjs";

fn step(name: &str, started: &mut Vec<(String, f64)>, f: impl FnOnce() -> Result) -> Result {
    println!("\n==> {name}");
    let start = Instant::now();
    let result = f();
    started.push((name.to_owned(), start.elapsed().as_secs_f64()));
    result.map_err(|e| format!("{name}: {e}"))
}

/// The whole test sequence (README.md's "What `./x test` runs").
pub fn run_all() -> Result {
    let mut times = Vec::new();
    let wasm = "wasm32-unknown-unknown";
    let runner = [
        (
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        ),
        ("WASM_BINDGEN_TEST_TIMEOUT", "60"),
    ];
    let cargo = |args: &[&str]| run("cargo", args, &[]);
    let result = (|| {
        step("set-up", &mut times, setup::all)?;
        step("format", &mut times, || cargo(&["fmt", "--all", "--check"]))?;
        step("clippy (native)", &mut times, || {
            cargo(&[
                "clippy",
                "--locked",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
        })?;
        step("clippy (wasm32)", &mut times, || {
            cargo(&[
                "clippy",
                "--locked",
                "--target",
                wasm,
                "-p",
                "ipsc-app",
                "-p",
                "ipsc-engine",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
        })?;
        step("docs", &mut times, || {
            run(
                "cargo",
                &["doc", "--locked", "--workspace", "--no-deps"],
                &[("RUSTDOCFLAGS", "-D warnings")],
            )
        })?;
        step("native tests", &mut times, || {
            cargo(&["test", "--locked", "--workspace"])
        })?;
        step("policy packs", &mut times, check_packs)?;
        // The same browser tests in each engine, each naming its driver (one build: the
        // later runs only start the runner again).
        for engine in &ENGINES {
            step(
                &format!("browser tests (wasm-bindgen-test, {})", engine.name),
                &mut times,
                || browser_tests(engine, &runner),
            )?;
        }
        step("release build", &mut times, release::build)?;
        step("WebAssembly 1.0 floor", &mut times, || {
            floor::check(Path::new("dist"))
        })?;
        step("kiosk program", &mut times, || {
            kiosk::build_program().map(|_| ())
        })?;
        step(
            "end-to-end tests (Playwright, axe, nginx)",
            &mut times,
            || {
                // A test that waits on something that never comes fails after three minutes
                // instead of holding the whole run until CI's limit. The kiosk's file runs
                // later, with no network at all; the fixture's, against its own build.
                let mut args = vec![
                    "--test".to_owned(),
                    "--test-concurrency=1".to_owned(),
                    "--test-timeout=180000".to_owned(),
                ];
                args.extend(dist_e2e_files(Path::new("."))?);
                run(
                    "node",
                    &args.iter().map(String::as_str).collect::<Vec<_>>(),
                    &[],
                )
            },
        )?;
        // Another pack than the default, built and walked through with no code changed.
        // Into a folder of its own, so dist/ stays the default pack's for the steps after.
        let fixture_dist = cmd::target_dir().join("fixture-dist");
        step("release build with the fixture pack", &mut times, || {
            release::build_with(FIXTURE_PACK, &fixture_dist)
        })?;
        step(
            "end-to-end journey on the fixture pack's app (Playwright, nginx)",
            &mut times,
            || {
                run(
                    "node",
                    &[
                        "--test",
                        "--test-concurrency=1",
                        "--test-timeout=180000",
                        FIXTURE_TEST_FILE,
                    ],
                    &[("IPSC_DIST", &fixture_dist.display().to_string())],
                )
            },
        )?;
        // One driver API (selenium-webdriver) for both, one file of tests: each engine's
        // run prints its own pass count.
        for engine in ENGINES.iter().filter(|e| e.e2e) {
            step(
                &format!("end-to-end tests in {} (WebDriver, nginx)", engine.name),
                &mut times,
                || engine_e2e(engine),
            )?;
        }
        step(
            "kiosk end-to-end tests, with no network (unshare -n)",
            &mut times,
            kiosk::test_offline,
        )?;
        step("size report", &mut times, || {
            size::report(Path::new("dist"), size::BUDGET_GZIP)
        })
    })();
    println!("\nstep times:");
    for (name, secs) in &times {
        println!("  {secs:>7.1} s  {name}");
    }
    let failed = usize::from(result.is_err());
    println!("steps: {} passed, {failed} failed", times.len() - failed);
    result
}

/// A browser engine the tests run in: its WebDriver server, named by the variable that
/// wasm-bindgen-test-runner reads, and whether it needs an X display (Xvfb).
struct Engine {
    /// As the steps name it.
    name: &'static str,
    /// `IPSC_ENGINE` for `e2e/engines.mjs`.
    id: &'static str,
    /// The runner's variable for this driver (`GECKODRIVER`, ...).
    driver_var: &'static str,
    /// Runs under `xvfb-run -a`: WebKit's MiniBrowser has no headless mode.
    xvfb: bool,
    /// Has a WebDriver end-to-end run of its own (Chromium has Playwright's).
    e2e: bool,
}

const ENGINES: [Engine; 3] = [
    Engine {
        name: "headless Chromium",
        id: "chromium",
        driver_var: "CHROMEDRIVER",
        xvfb: false,
        e2e: false,
    },
    Engine {
        name: "headless Firefox ESR",
        id: "firefox",
        driver_var: "GECKODRIVER",
        xvfb: false,
        e2e: true,
    },
    Engine {
        name: "WebKitGTK under Xvfb",
        id: "webkit",
        driver_var: "SAFARIDRIVER",
        xvfb: true,
        e2e: true,
    },
];

/// The driver an engine's tests use.
fn driver_path(engine: &Engine) -> PathBuf {
    match engine.id {
        "firefox" => setup::geckodriver_path(),
        "webkit" => PathBuf::from(setup::WEBKIT_DRIVER),
        _ => PathBuf::from("/usr/bin/chromedriver"),
    }
}

/// Runs `program args` with the tool PATH, `env`, and no driver variable but the
/// engine's: wasm-bindgen-test-runner takes the first of GECKODRIVER, SAFARIDRIVER and
/// CHROMEDRIVER it finds set, so one left in the environment would move every run to it.
fn run_in_engine(engine: &Engine, program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    let (program, args) = if engine.xvfb {
        let mut wrapped = vec!["-a", program];
        wrapped.extend(args);
        ("xvfb-run", wrapped)
    } else {
        (program, args.to_vec())
    };
    let removed: Vec<String> = ENGINES
        .iter()
        .flat_map(|other| {
            [
                other.driver_var.to_owned(),
                format!("{}_REMOTE", other.driver_var),
            ]
        })
        .collect();
    let driver = driver_path(engine).display().to_string();
    let mut env = env.to_vec();
    env.push((engine.driver_var, &driver));
    run_without(program, &args, &env, &removed)
}

/// The app's wasm-bindgen browser tests (`tests/`) in one engine.
fn browser_tests(engine: &Engine, runner: &[(&str, &str)]) -> Result {
    let wasm = "wasm32-unknown-unknown";
    let args = [
        "test", "--locked", "--target", wasm, "-p", "ipsc-app", "--tests",
    ];
    run_in_engine(engine, "cargo", &args, runner)
}

/// `e2e/engines.mjs`, the cross-engine end-to-end suite, in one engine against `dist/`.
fn engine_e2e(engine: &Engine) -> Result {
    run_in_engine(
        engine,
        "node",
        &[
            "--test",
            "--test-concurrency=1",
            // Room for a test to run twice: once more where its browser died under it.
            "--test-timeout=240000",
            "e2e/engines.mjs",
        ],
        &[("IPSC_ENGINE", engine.id)],
    )
}

/// The end-to-end test files, `e2e/*.test.mjs` of the repository at `root`, in order, as
/// paths from that root.
fn e2e_files(root: &Path) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(root.join("e2e"))
        .map_err(|e| format!("e2e/: {e}"))?
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".test.mjs").then(|| format!("e2e/{name}"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The end-to-end files that test `dist/`: all but the kiosk's and the fixture's, each of
/// which tests another build in a step of its own.
fn dist_e2e_files(root: &Path) -> Result<Vec<String>> {
    Ok(e2e_files(root)?
        .into_iter()
        .filter(|f| f != kiosk::TEST_FILE && f != FIXTURE_TEST_FILE)
        .collect())
}

fn check_packs() -> Result {
    let packs = std::fs::read_dir("policies").map_err(|e| format!("policies/: {e}"))?;
    let mut found = 0;
    for entry in packs.flatten() {
        let pack = entry.path().join("pack.toml");
        if pack.is_file() {
            found += 1;
            run(
                "cargo",
                &[
                    "run",
                    "--quiet",
                    "--locked",
                    "-p",
                    "ipsc-cli",
                    "--",
                    "check",
                    &pack.to_string_lossy(),
                ],
                &[],
            )?;
        }
    }
    if found == 0 {
        return Err("no policy pack found under policies/".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_run_on_dist_leave_out_the_other_builds_tests() {
        let root = cmd::project_root();
        let files = dist_e2e_files(&root).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            files.iter().any(|f| f == "e2e/journey.test.mjs"),
            "{files:?}"
        );
        for apart in [FIXTURE_TEST_FILE, kiosk::TEST_FILE] {
            assert!(
                e2e_files(&root)
                    .unwrap_or_default()
                    .iter()
                    .any(|f| f == apart),
                "{apart} exists"
            );
            assert!(!files.iter().any(|f| f == apart), "{apart} runs apart");
        }
    }
}
