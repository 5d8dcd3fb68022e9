//! `ipsc-kiosk`: one program that carries the app's release build and serves it to the
//! kiosk's own browser, with no network and no file beside it.
//!
//! [`args`] reads the command line, [`page`] makes the kiosk's copy of the app's page
//! (once, at start), [`respond`] answers a request from the built-in files alone,
//! [`serve`] is the HTTP server with its limits, and [`run`] ties them together. It
//! never reads or writes a file.

pub mod args;
pub mod page;
pub mod respond;
pub mod serve;

use include_dir::{include_dir, Dir};

/// The app's release build, or a placeholder page when the program was built before the
/// app (see `build.rs`).
pub static BUILD: Dir<'static> = include_dir!("$IPSC_KIOSK_DIST");

/// Serves `build` as `options` say until the process is stopped. Prints the address to
/// open and the settings first. Fails with a sentence for the operator when the build's
/// page has no root element or the address cannot be bound.
pub fn run(build: &'static Dir<'static>, options: &args::Options) -> Result<(), String> {
    let page = build
        .get_file("index.html")
        .and_then(|f| f.contents_utf8())
        .ok_or("the built-in build has no index.html")?;
    let attributes = page::root_attributes(options.idle, options.share_base.as_deref());
    // Made once and kept for the program's life: every answer is a slice of it or of
    // `build`, so none is copied.
    let site: &'static respond::Site<'static> = Box::leak(Box::new(respond::Site::new(
        build,
        page::with_root_attributes(page, &attributes)?,
    )));
    let cannot =
        |e: std::io::Error| format!("cannot listen on {}:{}: {e}", options.listen, options.port);
    let listener = std::net::TcpListener::bind((options.listen, options.port)).map_err(cannot)?;
    let address = listener.local_addr().map_err(cannot)?;
    let mut said = format!(
        "ipsc-kiosk: open http://{address}/ in the kiosk's browser\n  port: {}\n  idle: {} seconds with no touch or key, then the screen starts afresh\n",
        address.port(),
        options.idle
    );
    said.push_str(&match &options.share_base {
        Some(base) => format!("  share base: {base} (the results' QR code opens there)\n"),
        None => "  share base: none, so the results show no QR code (give --share-base URL)\n"
            .to_owned(),
    });
    if !address.ip().is_loopback() {
        said.push_str(&format!(
            "  warning: listening on {address}, which other machines may reach (--allow-remote)\n"
        ));
    }
    if !has_wasm(build) {
        said.push_str(
            "  warning: this program was built without the app; build it with ./x kiosk\n",
        );
    }
    // Not `println!`, which panics when no one reads the output (a closed pipe, a
    // launcher that closed it): the kiosk serves whether or not its words are read.
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(said.as_bytes());
        let _ = out.flush();
    }
    serve::serve(site, listener)
}

fn has_wasm(dir: &Dir) -> bool {
    dir.files()
        .any(|f| f.path().extension().is_some_and(|e| e == "wasm"))
        || dir.dirs().any(has_wasm)
}
