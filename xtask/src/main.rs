//! Project tasks, run as `cargo xtask TASK` (or `./x TASK`, which first makes sure cargo
//! can start). Each set-up step checks what is there and installs only what is missing.
//!
//! - `setup`: the wasm target, the standard library's source, trunk, wasm-bindgen-cli, npm
//!   packages, Chromium, Firefox ESR, WebKitGTK's WebDriver, Xvfb, geckodriver, nginx,
//!   zbar-tools and iproute2.
//! - `build`: the release app in `dist/`.
//! - `serve [--port N]`: build, then serve `dist/` on 127.0.0.1 (8080) as a strict host would.
//! - `test`: every check and test, in order, the browser tests in Chromium, Firefox and
//!   WebKit; fails on the first failure.
//! - `bench [--soak N]`: every figure of how fast and how small, with its target and
//!   command, as a table for docs/PERFORMANCE.md (xtask/src/bench.rs).
//! - `mutants`: mutation testing of the engine's money, number, date and rules modules
//!   (crates/ipsc-engine/MUTANTS.md); not part of `test`.
//! - `kiosk [--test]`: build the app, then the offline kiosk's program that carries it
//!   (`crates/ipsc-kiosk`, docs/KIOSK.md); prints its path and size. `--test` then runs
//!   its end-to-end tests in a network namespace with no network (root).
//! - `size`: the size report of `dist/`.
//! - `floor`: checks that `dist/`'s wasm uses nothing above the WebAssembly 1.0 floor.
//! - `post-build`: trunk's post-build hook (replaces the inline loader with the project's
//!   loader files; writes the
//!   report's texts beside the wasm; writes the gzip copies).

mod bench;
mod kiosk;
mod loader;
mod mutants;
mod precompress;
mod qr;
mod setup;
mod size;
mod tidy;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The first-load budget, gzip, from DEVELOPERS.md.
const BUDGET_GZIP: u64 = 150 * 1024;

/// The pack built into the app (as `build.rs` says).
const PACK: &str = "policies/suizhou-2024-15/pack.toml";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("xtask: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("build") => setup::for_build().and_then(|()| build()),
        Some("serve") => serve(args.get(1..).unwrap_or_default()),
        Some("test") => test(),
        Some("bench") => bench(args.get(1..).unwrap_or_default()),
        Some("mutants") => mutants::run(),
        Some("kiosk") => kiosk::run(args.get(1..).unwrap_or_default()),
        Some("size") => size::report(
            Path::new(args.get(1).map_or("dist", String::as_str)),
            BUDGET_GZIP,
        ),
        Some("floor") => check_floor(Path::new(args.get(1).map_or("dist", String::as_str))),
        Some("post-build") => post_build(),
        _ => Err(
            "usage: cargo xtask setup | build | serve [--port N] | test | bench [--soak N] | mutants | kiosk [--test] | size [DIR] | floor [DIR]"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Where cargo builds: `CARGO_TARGET_DIR`, else `target/`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or(manifest.clone(), Path::to_path_buf)
}

/// Where cargo keeps its tools and the registry's sources.
fn cargo_home() -> PathBuf {
    std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
}

/// PATH with the npm tools (binaryen's wasm-opt) first, as TOOLCHAIN.md requires.
fn tool_path() -> String {
    let local = project_root().join("node_modules/.bin");
    let cargo_bin = cargo_home().join("bin");
    format!(
        "{}:{}:{}",
        local.display(),
        cargo_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Runs a command with the tool PATH, echoing it; fails if it fails.
fn run(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    run_without(program, args, env, &[])
}

/// [`run`], with the variables `removed` taken out of the environment first.
fn run_without(program: &str, args: &[&str], env: &[(&str, &str)], removed: &[String]) -> Result {
    println!("\n$ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).env("PATH", tool_path());
    for key in removed {
        command.env_remove(key);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command.status().map_err(|e| format!("{program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
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
    // (`check_floor`). wasm-bindgen then needs no reference types, and the wasm is 0.3 KB
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

fn build() -> Result {
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

fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => "8080".to_owned(),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    setup::for_build()?;
    build()?;
    size::report(Path::new("dist"), BUDGET_GZIP)?;
    run("node", &["e2e/server.mjs", "dist", &port], &[])
}

fn step(name: &str, started: &mut Vec<(String, f64)>, f: impl FnOnce() -> Result) -> Result {
    println!("\n==> {name}");
    let start = Instant::now();
    let result = f();
    started.push((name.to_owned(), start.elapsed().as_secs_f64()));
    result.map_err(|e| format!("{name}: {e}"))
}

fn test() -> Result {
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
        step("release build", &mut times, build)?;
        step("WebAssembly 1.0 floor", &mut times, || {
            check_floor(Path::new("dist"))
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
            size::report(Path::new("dist"), BUDGET_GZIP)
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

/// The wasm features the release build may use: WebAssembly 1.0, mutable globals and sign
/// extension (see `RELEASE_WASM_FLAGS`).
const FLOOR: [&str; 3] = [
    "--mvp-features",
    "--enable-mutable-globals",
    "--enable-sign-ext",
];

/// Fails if a wasm in `dist` uses a feature above the floor. wasm-opt adds the features a
/// module's own target-features section names to the flags it is given, so that section
/// is stripped first; then validation at the floor fails on any other feature.
fn check_floor(dist: &Path) -> Result {
    let wasm_opt = "node_modules/.bin/wasm-opt";
    let mut checked = 0;
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|e| e != "wasm") {
            continue;
        }
        let stripped = Path::new("target").join("floor-check.wasm");
        let (input, output) = (path.to_string_lossy(), stripped.to_string_lossy());
        run(
            wasm_opt,
            &["--strip-target-features", &input, "-o", &output],
            &[],
        )?;
        let mut args = FLOOR.to_vec();
        args.extend([output.as_ref(), "-o", "/dev/null"]);
        // Quiet on success; on failure, the first lines say which feature and where.
        let checked_out = Command::new(wasm_opt)
            .args(&args)
            .output()
            .map_err(|e| format!("{wasm_opt}: {e}"))?;
        if !checked_out.status.success() {
            let said = String::from_utf8_lossy(&checked_out.stderr);
            let first: Vec<&str> = said.lines().take(6).collect();
            return Err(format!(
                "{} uses a feature above WebAssembly 1.0 + mutable globals + sign extension:\n{}",
                path.display(),
                first.join("\n")
            ));
        }
        println!(
            "xtask: {} validates at the WebAssembly 1.0 floor",
            path.display()
        );
        checked += 1;
    }
    if checked == 0 {
        return Err(format!("no wasm in {}", dist.display()));
    }
    Ok(())
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

/// Every figure of issue 14, with its target and command: see xtask/src/bench.rs.
fn bench(args: &[String]) -> Result {
    bench::run_all(args)
}

/// Trunk's post-build hook, on the staging directory: see each step.
fn post_build() -> Result {
    let staging = PathBuf::from(
        std::env::var("TRUNK_STAGING_DIR").map_err(|_| "run by trunk as a post_build hook")?,
    );
    externalize_loader(&staging)?;
    write_report_texts(&staging)?;
    qr::copy_into(&staging)?;
    if std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release") {
        shrink(&staging)?;
    }
    write_embed(&staging)?;
    std::fs::write(staging.join("frame.js"), loader::frame()).map_err(|e| e.to_string())?;
    println!("xtask: wrote frame.js");
    // Last, once every file is final (the loaders, the report texts, embed.js): a copy
    // made before a file's last change would not be that file.
    precompress::write_gzip_copies(&staging)
}

/// Writes `embed.js`, the one line another site adds to show the app in its own page:
/// `<script type="module" src="https://HOST/PATH/embed.js"></script>`. It names this
/// build's files with their integrity values, loads them from beside itself, and mounts
/// the app (in `#ipsc-root`, made before the script if the page has none) in embedded
/// mode, with `data-assets` telling the app where its files are.
fn write_embed(staging: &Path) -> Result {
    let mut found = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(staging).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let kind = if name.starts_with("app-") && name.ends_with(".css") {
            "CSS"
        } else if name.starts_with("ipsc-app-") && name.ends_with("_bg.wasm") {
            "WASM"
        } else if name.starts_with("ipsc-app-") && name.ends_with(".js") {
            "JS"
        } else {
            continue;
        };
        let sri = integrity(&std::fs::read(&path).map_err(|e| e.to_string())?);
        found.insert(kind, (name, sri));
    }
    let asset = |kind: &str| {
        found
            .get(kind)
            .map(|(name, integrity)| loader::Asset {
                name: name.clone(),
                integrity: integrity.clone(),
            })
            .ok_or_else(|| format!("embed.js: no {kind} file in the build"))
    };
    let script = loader::embed(&asset("CSS")?, &asset("JS")?, &asset("WASM")?);
    std::fs::write(staging.join("embed.js"), script).map_err(|e| e.to_string())?;
    println!("xtask: wrote embed.js");
    Ok(())
}

/// Replaces trunk's inline module script with `fallback-HASH.js` and `boot-HASH.js`
/// (xtask/src/loader.rs), so that the page runs under `script-src 'self'` with no
/// exception for inline code, parses in older browsers, and is never left blank.
fn externalize_loader(staging: &Path) -> Result {
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let html_path = staging.join("index.html");
    let html =
        std::fs::read_to_string(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
    let (_, trunks_loader) = replace_inline_module(&html, "")?;
    // Trunk's loader waits at its top level (ES2022) and leaves a blank page when the wasm
    // cannot start: ours, with the same paths, does neither (xtask/src/loader.rs).
    let (glue, wasm) =
        loader::trunk_paths(&trunks_loader).ok_or("trunk's loader names no module and wasm")?;
    let prefix = if public_url.ends_with('/') {
        public_url
    } else {
        format!("{public_url}/")
    };
    let mut tags = String::new();
    // The fallback first: scripts that wait for the page run in the page's order, so the
    // module finds it ready.
    for (stem, attribute, body) in [
        ("fallback", "defer", loader::fallback()),
        ("boot", "type=\"module\"", loader::boot(&glue, &wasm)),
    ] {
        let name = format!(
            "{stem}-{:08x}.js",
            ipsc_engine::digest::fnv1a32(body.as_bytes())
        );
        std::fs::write(staging.join(&name), body).map_err(|e| e.to_string())?;
        tags.push_str(&format!(
            "<script {attribute} src=\"{prefix}{name}\"></script>"
        ));
        println!("xtask: wrote the loader {name}");
    }
    let (rewritten, _) = replace_inline_module(&html, &tags)?;
    std::fs::write(&html_path, rewritten).map_err(|e| e.to_string())
}

/// Writes the report's texts beside the wasm, under the name the wasm asks for: the same
/// split of the same pack as `build.rs` makes, so the two always agree.
fn write_report_texts(staging: &Path) -> Result {
    let source = std::fs::read_to_string(PACK).map_err(|e| format!("{PACK}: {e}"))?;
    let files = ipsc_engine::load::app_files(&source).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{PACK}: {e}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    std::fs::write(staging.join(&files.texts_file), &files.texts).map_err(|e| e.to_string())?;
    println!("xtask: wrote the report's texts to {}", files.texts_file);
    Ok(())
}

/// The subresource-integrity value of some bytes, as trunk writes it.
fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// Rewrites one file of the staging directory in place with a tool from `node_modules`
/// and updates its integrity value in the page, which trunk computed before.
fn rewrite(staging: &Path, html: &mut String, name: &str, tool: &str, args: &[&str]) -> Result {
    let path = staging.join(name);
    let before = integrity(&std::fs::read(&path).map_err(|e| e.to_string())?);
    let status = Command::new(format!("node_modules/.bin/{tool}"))
        .arg(&path)
        .args(args)
        .arg(&path)
        .status()
        .map_err(|e| format!("{tool} (run `./x setup`): {e}"))?;
    if !status.success() {
        return Err(format!("{tool} failed on {name}"));
    }
    let after = integrity(&std::fs::read(&path).map_err(|e| e.to_string())?);
    if !html.contains(&before) {
        return Err(format!("index.html has no integrity value for {name}"));
    }
    *html = html.replace(&before, &after);
    println!("xtask: {tool} rewrote {name}");
    Ok(())
}

/// Shrinks the release build's wasm and JS bindings, which trunk cannot do as well:
/// - wasm-opt `-Oz` with `--low-memory-unused` (about 1.4 KB gzip): it may fold pointer
///   arithmetic into load offsets because no valid address lies in the first 1 KB. In a
///   Rust wasm that region is the far end of the 1 MB stack (rustc links the stack first),
///   reached only by a stack overflow, which is already fatal. Trunk runs no wasm-opt
///   itself (`data-wasm-opt="0"` in index.html), because it cannot pass this flag.
/// - terser on wasm-bindgen's JS (trunk's own minifier leaves it as it is; about a
///   quarter of its gzip size).
fn shrink(staging: &Path) -> Result {
    let html_path = staging.join("index.html");
    let mut html =
        std::fs::read_to_string(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
    for entry in std::fs::read_dir(staging).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.starts_with("ipsc-app-") {
            continue;
        }
        if name.ends_with("_bg.wasm") {
            rewrite(
                staging,
                &mut html,
                name,
                "wasm-opt",
                &["-Oz", "--low-memory-unused", "-o"],
            )?;
        } else if name.ends_with(".js") {
            rewrite(
                staging,
                &mut html,
                name,
                "terser",
                &["--module", "--compress", "--mangle", "--output"],
            )?;
        }
    }
    std::fs::write(&html_path, html).map_err(|e| e.to_string())
}

/// The page with its one inline `<script type="module">` replaced by `tags`, and what
/// that script said.
fn replace_inline_module(html: &str, tags: &str) -> Result<(String, String)> {
    // The first <script …> whose attributes say type=module (quoted or not, as a minifier
    // leaves it) and name no src.
    let mut from = 0;
    let (open, body_start) = loop {
        let open = from
            + html[from..]
                .find("<script")
                .ok_or("no inline module script in index.html")?;
        let tag_end = open + html[open..].find('>').ok_or("unclosed <script>")?;
        let tag = &html[open..tag_end];
        if (tag.contains("type=module") || tag.contains("type=\"module\"")) && !tag.contains("src=")
        {
            break (open, tag_end + 1);
        }
        from = tag_end;
    };
    let body_end = body_start
        + html[body_start..]
            .find("</script>")
            .ok_or("unclosed <script>")?;
    let close = body_end + "</script>".len();
    let body = html[body_start..body_end].trim().to_owned();
    if body.is_empty() {
        return Err("the module script is not inline".into());
    }
    Ok((format!("{}{tags}{}", &html[..open], &html[close..]), body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_loader_is_replaced() {
        let html = "<head><script type=\"module\" nonce=\"x\">import init from '/a.js';\nawait init();</script></head>";
        let (page, body) =
            replace_inline_module(html, "<script src=\"/b.js\"></script>").unwrap_or_default();
        assert_eq!(page, "<head><script src=\"/b.js\"></script></head>");
        assert_eq!(body, "import init from '/a.js';\nawait init();");
        assert!(
            replace_inline_module("<script type=\"module\" src=\"/a.js\"></script>", "").is_err()
        );
        let minified = "<script src=/x.js></script><script type=module>init()</script>";
        let (page, _) = replace_inline_module(minified, "<b>").unwrap_or_default();
        assert_eq!(page, "<script src=/x.js></script><b>");
    }
}
