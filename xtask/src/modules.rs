//! The wasm modules the app loads after its first load, each only when it is needed: the
//! QR module (crates/ipsc-qr), when a kiosk's results show a QR code, and the report
//! module (crates/ipsc-report, the results page), from the check page on. Each is built
//! for the wasm with the release build's own flags, bound by wasm-bindgen as an ES module,
//! shrunk, and named after its content (`qr-HASH.js`, `qr-HASH_bg.wasm`) so that a host
//! may cache it for ever. The report module brings the results' stylesheet
//! (`ipsc-report-HASH.css`, from styles/results.css), named with the same hash, which covers
//! it too: the first load carries no rule only the results use. Built before the app, whose wasm names them (`IPSC_QR_MODULE`,
//! `IPSC_REPORT_MODULE`); the post-build hook copies them into the build.

use crate::cmd::{run, target_dir, Result};
use std::path::{Path, PathBuf};

/// A module the app loads later.
pub struct Module {
    /// Its crate.
    krate: &'static str,
    /// Its files' names start so (`qr`); they wait for the post-build hook in the target
    /// folder, under the crate's name.
    prefix: &'static str,
    /// The environment variable that tells the app's build (and the hook) its name.
    pub var: &'static str,
    /// The stylesheet that comes with it (`styles/…`), if any: `src/modules.js` loads it
    /// beside the module (same name, `.css`) and draws nothing until both are in.
    style: Option<&'static str>,
}

/// Every module, in the order built.
pub const MODULES: [Module; 2] = [
    Module {
        krate: "ipsc-qr",
        prefix: "qr",
        var: "IPSC_QR_MODULE",
        style: None,
    },
    Module {
        krate: "ipsc-report",
        prefix: "ipsc-report",
        var: "IPSC_REPORT_MODULE",
        style: Some("styles/results.css"),
    },
];

/// Builds the module with `env` (the release wasm's flags); returns the name of its
/// JavaScript file.
pub fn build(module: &Module, env: &[(&str, &str)]) -> Result<String> {
    run(
        "cargo",
        &[
            "build",
            "--locked",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            module.krate,
            "--lib",
        ],
        env,
    )?;
    let snake = module.krate.replace('-', "_");
    let out = target_dir().join(module.krate);
    let out = out.as_path();
    let bound = out.join("bound");
    let _ = std::fs::remove_dir_all(out);
    run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-dir",
            &bound.display().to_string(),
            &target_dir()
                .join(format!("wasm32-unknown-unknown/release/{snake}.wasm"))
                .display()
                .to_string(),
        ],
        &[],
    )?;
    let (js, wasm) = (
        bound.join(format!("{snake}.js")),
        bound.join(format!("{snake}_bg.wasm")),
    );
    // The same shrinking as the app's.
    crate::minify::shrink_bound(&wasm, &js)?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let (js_bytes, wasm_bytes) = (read(&js)?, read(&wasm)?);
    let style = match module.style {
        Some(path) => Some(read(Path::new(path))?),
        None => None,
    };
    let stem = format!(
        "{}-{:08x}",
        module.prefix,
        ipsc_engine::digest::fnv1a32(
            &[
                js_bytes.as_slice(),
                wasm_bytes.as_slice(),
                style.as_deref().unwrap_or_default()
            ]
            .concat()
        )
    );
    let glue = String::from_utf8(js_bytes).map_err(|e| format!("{}: {e}", js.display()))?;
    // The glue finds its wasm beside itself by this name, and must import nothing else of
    // ours (a snippet would be a file this build does not copy).
    let bound_wasm = format!("{snake}_bg.wasm");
    if glue.matches(&bound_wasm).count() != 1 {
        return Err(format!(
            "{}: expected one mention of {bound_wasm}",
            js.display()
        ));
    }
    if glue.contains("snippets/") {
        return Err(format!("{}: imports a snippet", js.display()));
    }
    let glue = glue.replace(&bound_wasm, &format!("{stem}_bg.wasm"));
    let name = format!("{stem}.js");
    let write = |file: &str, bytes: &[u8]| {
        std::fs::write(out.join(file), bytes).map_err(|e| format!("{file}: {e}"))
    };
    write(&name, glue.as_bytes())?;
    write(&format!("{stem}_bg.wasm"), &wasm_bytes)?;
    if let Some(style) = &style {
        write(&format!("{stem}.css"), style)?;
    }
    println!("xtask: built the module {name}");
    Ok(name)
}

/// Copies each module its variable names into the build at `staging`, if the build was
/// given one (`./x build` always is; a bare `trunk build` is not, and then shows no QR
/// code and draws the results in place).
pub fn copy_into(staging: &Path) -> Result {
    for module in &MODULES {
        let Ok(name) = std::env::var(module.var) else {
            println!(
                "xtask: no {}: this build has no {} module",
                module.var, module.prefix
            );
            continue;
        };
        let stem = name.trim_end_matches(".js");
        let style = module.style.map(|_| format!("{stem}.css"));
        for file in [name.clone(), format!("{stem}_bg.wasm")]
            .into_iter()
            .chain(style)
        {
            let from: PathBuf = target_dir().join(module.krate).join(&file);
            std::fs::copy(&from, staging.join(&file))
                .map_err(|e| format!("{}: {e} (built by `./x build`)", from.display()))?;
        }
    }
    Ok(())
}
