//! `test`: every check and test, in order, each a named and timed step; the browser
//! tests in Chromium, Firefox and WebKit, each engine's driver named and the others'
//! cleared. Fails on the first failure, after printing the steps' times.

use crate::cmd::{run, run_without, Result};
use crate::{floor, kiosk, release, setup, size};
use std::path::{Path, PathBuf};
use std::time::Instant;

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
                // instead of holding the whole run until CI's limit. The kiosk's file runs in
                // the next step, with no network at all.
                let mut args = vec![
                    "--test".to_owned(),
                    "--test-concurrency=1".to_owned(),
                    "--test-timeout=180000".to_owned(),
                ];
                args.extend(e2e_files()?.into_iter().filter(|f| f != kiosk::TEST_FILE));
                run(
                    "node",
                    &args.iter().map(String::as_str).collect::<Vec<_>>(),
                    &[],
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
            "--test-timeout=120000",
            "e2e/engines.mjs",
        ],
        &[("IPSC_ENGINE", engine.id)],
    )
}

/// The end-to-end test files, `e2e/*.test.mjs`, in order.
fn e2e_files() -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir("e2e")
        .map_err(|e| format!("e2e/: {e}"))?
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".test.mjs").then(|| format!("e2e/{name}"))
        })
        .collect();
    files.sort();
    Ok(files)
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
