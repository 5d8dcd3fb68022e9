//! Builds the default policy pack into the app: validates `policies/…/pack.toml` (a bad
//! pack fails the build, with file, line and field) and writes it in postcard's compact
//! binary form, so the wasm needs neither a TOML nor a JSON parser to start.

use std::path::Path;

const PACK: &str = "policies/suizhou-2024-15/pack.toml";

fn main() {
    println!("cargo::rerun-if-changed={PACK}");
    let source = match std::fs::read_to_string(PACK) {
        Ok(source) => source,
        Err(e) => fail(&format!("{PACK}: {e}")),
    };
    let pack = match ipsc_engine::load::from_toml(&source) {
        Ok(pack) => pack,
        Err(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("{PACK}:{}: {}", e.line.unwrap_or(0), e))
                .collect();
            fail(&lines.join("\n"))
        }
    };
    let bytes = match postcard::to_allocvec(&pack) {
        Ok(bytes) => bytes,
        Err(e) => fail(&e.to_string()),
    };
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        fail("OUT_DIR is not set")
    };
    if let Err(e) = std::fs::write(Path::new(&out_dir).join("pack.bin"), bytes) {
        fail(&e.to_string());
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
