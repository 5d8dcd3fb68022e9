//! Builds the policy pack named by `IPSC_PACK` into the app (by default the one
//! `.cargo/config.toml` names; `./x build --pack PATH` names another): validates it (a bad
//! pack fails the build, with file, line and field) and writes it as Rust source that
//! builds the pack from literals ([`bake`]), so the wasm needs no parser and no reader to
//! start. The report's texts (the clauses' words and the like) are left out of the wasm;
//! the wasm keeps only the name of their file, which `cargo xtask post-build` writes beside
//! it from the same `IPSC_PACK`.

#[path = "build/bake.rs"]
mod bake;

use std::path::Path;

/// The variable that names the pack (a path from the repository's root).
const PACK_VAR: &str = "IPSC_PACK";

fn main() {
    println!("cargo::rerun-if-env-changed={PACK_VAR}");
    // No default here: it is written once, in .cargo/config.toml's [env], which cargo
    // applies wherever it runs in this repository.
    let Ok(pack) = std::env::var(PACK_VAR) else {
        fail(&format!(
            "{PACK_VAR} is not set: .cargo/config.toml sets it for cargo started inside this \
             repository; or set it to a pack's path"
        ))
    };
    println!("cargo::rerun-if-changed={pack}");
    println!("cargo::rerun-if-changed=build/bake.rs");
    let source = match std::fs::read_to_string(&pack) {
        Ok(source) => source,
        Err(e) => fail(&format!("{pack}: {e}")),
    };
    let files = match ipsc_engine::load::app_files(&source) {
        Ok(files) => files,
        Err(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("{pack}:{}: {}", e.line.unwrap_or(0), e))
                .collect();
            fail(&lines.join("\n"))
        }
    };
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        fail("OUT_DIR is not set")
    };
    let out = Path::new(&out_dir);
    for (name, bytes) in [
        ("pack.rs", bake::pack_source(&files.pack).into_bytes()),
        ("texts.bin", files.texts),
        ("texts_file.txt", files.texts_file.into_bytes()),
    ] {
        if let Err(e) = std::fs::write(out.join(name), bytes) {
            fail(&format!("{name}: {e}"));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
