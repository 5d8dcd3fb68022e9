//! Chooses the build the program carries: the workspace's `dist/` when it holds an app
//! build, else a placeholder page, so that clippy and the tests work on a fresh clone
//! before the app was ever built. `src/lib.rs` embeds whichever this names. Also reads
//! the content security policy and the permissions policy from `deploy/`, where nginx's
//! are, so the two never differ.

use std::path::Path;

/// Said by the placeholder page; also how the program knows at start that it carries no app.
const PLACEHOLDER: &str = r#"<!doctype html>
<html lang="zh-CN">
<meta charset="utf-8">
<title>ipsc-kiosk</title>
<body>
<div id="ipsc-root" class="ipsc-root">
<p>本程序构建时没有包含应用。This ipsc-kiosk was built without the app: build it with <code>./x kiosk</code>.</p>
</div>
</body>
</html>
"#;

/// The policy nginx sends (`deploy/ipsc-location.conf`, its one place, given as `conf`),
/// with only the page itself allowed to frame it: a kiosk is framed by no one.
fn policy(conf: &str) -> Result<String, Box<dyn std::error::Error>> {
    let policy = conf
        .lines()
        .find_map(|l| l.strip_prefix("add_header Content-Security-Policy \""))
        .and_then(|l| l.strip_suffix("\" always;"))
        .and_then(|p| p.strip_suffix("frame-ancestors $ipsc_frame_ancestors"))
        .ok_or("deploy/ipsc-location.conf: no Content-Security-Policy ending in frame-ancestors $ipsc_frame_ancestors")?;
    Ok(format!("{policy}frame-ancestors 'self'"))
}

/// The Permissions-Policy nginx sends (from the same `conf`): what the app never uses is
/// denied the same way on the kiosk.
fn permissions(conf: &str) -> Result<String, Box<dyn std::error::Error>> {
    let permissions = conf
        .lines()
        .find_map(|l| l.strip_prefix("add_header Permissions-Policy \""))
        .and_then(|l| l.strip_suffix("\" always;"))
        .ok_or("deploy/ipsc-location.conf: no Permissions-Policy")?;
    Ok(permissions.to_owned())
}

/// Copies the folder `from` to `to`, but for `NAME.gz` files.
fn copy_without_gzip(from: &Path, to: &Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let Some(name) = path.file_name() else {
            continue;
        };
        if path.is_dir() {
            copy_without_gzip(&path, &to.join(name))?;
        } else if path.extension().is_none_or(|e| e != "gz") {
            std::fs::copy(&path, to.join(name))?;
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR")?;
    let workspace = Path::new(&manifest)
        .ancestors()
        .nth(2)
        .ok_or("the crate is not two folders below the workspace")?;
    let conf_path = workspace.join("deploy/ipsc-location.conf");
    println!("cargo:rerun-if-changed={}", conf_path.display());
    let conf = std::fs::read_to_string(&conf_path)?;
    println!("cargo:rustc-env=IPSC_KIOSK_CSP={}", policy(&conf)?);
    println!(
        "cargo:rustc-env=IPSC_KIOSK_PERMISSIONS={}",
        permissions(&conf)?
    );
    let dist = workspace.join("dist");
    // A directory is scanned whole, so a new app build re-embeds. While `dist/` is missing
    // cargo reruns this every time; that costs a recompile of this small crate only.
    println!("cargo:rerun-if-changed={}", dist.display());
    println!("cargo:rerun-if-changed=build.rs");
    let out = Path::new(&std::env::var("OUT_DIR")?).to_owned();
    let embed = if dist.join("index.html").is_file() {
        // The build without its gzip copies, which are for web servers: on loopback they
        // would only make the program 40 % larger.
        let app = out.join("app");
        let _ = std::fs::remove_dir_all(&app);
        copy_without_gzip(&dist, &app)?;
        app
    } else {
        let placeholder = out.join("placeholder");
        std::fs::create_dir_all(&placeholder)?;
        std::fs::write(placeholder.join("index.html"), PLACEHOLDER)?;
        placeholder
    };
    println!("cargo:rustc-env=IPSC_KIOSK_DIST={}", embed.display());
    Ok(())
}
