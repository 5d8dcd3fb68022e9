//! Project tasks, run as `cargo xtask TASK` (or `./x TASK`, which first makes sure cargo
//! can start). Each set-up step checks what is there and installs only what is missing.
//!
//! - `setup`: the wasm target, the standard library's source, trunk, wasm-bindgen-cli, npm
//!   packages, Chromium, Firefox ESR, WebKitGTK's WebDriver, Xvfb, geckodriver, nginx,
//!   zbar-tools and iproute2.
//! - `build [--pack PATH]`: the release app in `dist/`, with the pack `IPSC_PACK` names
//!   (`.cargo/config.toml`), or with the pack at PATH (from the repository's root).
//! - `serve [--port N]`: build, then serve `dist/` on 127.0.0.1 (8080) as a strict host would.
//! - `test`: every check and test, in order, the browser tests in Chromium, Firefox and
//!   WebKit, and one journey on the app built with the fixture pack; fails on the first
//!   failure.
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
//!   loader files; writes the first step into the page and the report's texts beside the
//!   wasm; writes the gzip copies).
//!
//! This file is dispatch only: each task is a module, and what they share is in `cmd`: no
//! module uses an item of this file (tidy.rs checks it).

mod bench;
mod cmd;
mod floor;
mod kiosk;
mod loader;
mod minify;
mod modules;
mod mutants;
mod post_build;
mod precompress;
mod prerender;
mod release;
mod serve;
mod setup;
mod size;
mod test;
mod tidy;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = cmd::project_root();
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("xtask: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let rest = args.get(1..).unwrap_or_default();
    let dir = || Path::new(args.get(1).map_or("dist", String::as_str));
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("build") => release::run_task(rest),
        Some("serve") => serve::run(rest),
        Some("test") => test::run_all(),
        // Every figure of issue 14, with its target and command: see xtask/src/bench.rs.
        Some("bench") => bench::run_all(rest),
        Some("mutants") => mutants::run(),
        Some("kiosk") => kiosk::run(rest),
        Some("size") => size::report(dir(), size::BUDGET_GZIP),
        Some("floor") => floor::check(dir()),
        Some("post-build") => post_build::run(),
        _ => Err(
            "usage: cargo xtask setup | build [--pack PATH] | serve [--port N] | test | bench [--soak N] | mutants | kiosk [--test] | size [DIR] | floor [DIR]"
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
