//! What every task shares: the error type, where things are (the repository, cargo's
//! target folder and home, the tools' PATH) and running a command with that PATH. It uses
//! no other module of the xtask, so any module may use it without an arrow up to
//! `main.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A task's result: its error is the message printed before the exit status.
pub type Result<T = ()> = std::result::Result<T, String>;

/// Where cargo builds: `CARGO_TARGET_DIR`, else `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// The repository's root (the xtask's manifest is one folder below it).
pub fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or(manifest.clone(), Path::to_path_buf)
}

/// Where cargo keeps its tools and the registry's sources.
pub fn cargo_home() -> PathBuf {
    std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
}

/// PATH with the npm tools (binaryen's wasm-opt) first, as TOOLCHAIN.md requires.
pub fn tool_path() -> String {
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
pub fn run(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    run_without(program, args, env, &[])
}

/// [`run`], with the variables `removed` taken out of the environment first.
pub fn run_without(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    removed: &[String],
) -> Result {
    let status = command(program, args, env, removed)
        .status()
        .map_err(|e| format!("{program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// [`run_without`], giving what the command printed on its standard output (its errors and
/// warnings go to ours, as they come).
pub fn output(program: &str, args: &[&str], removed: &[String]) -> Result<String> {
    let out = command(program, args, &[], removed)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    if out.status.success() {
        String::from_utf8(out.stdout).map_err(|e| format!("{program}: {e}"))
    } else {
        Err(format!(
            "`{program} {}` failed ({})",
            args.join(" "),
            out.status
        ))
    }
}

/// The command, echoed, with the tool PATH, `removed` taken out of its environment and
/// `env` put in.
fn command(program: &str, args: &[&str], env: &[(&str, &str)], removed: &[String]) -> Command {
    println!("\n$ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).env("PATH", tool_path());
    for key in removed {
        command.env_remove(key);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command
}
