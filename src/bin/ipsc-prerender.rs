//! Writes the app's first step as HTML to standard output, for the post-build hook to put
//! into `index.html` (see `ipsc_app::prerender`): `ipsc-prerender YEAR`, the default year
//! the page is built with. Native only; the wasm build has nothing to run.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    let year = std::env::args().nth(1).and_then(|y| y.parse::<i32>().ok());
    let Some(year) = year else {
        eprintln!("usage: ipsc-prerender YEAR");
        return ExitCode::FAILURE;
    };
    match ipsc_app::policy::default_pack() {
        Ok(pack) => {
            println!(
                "{}",
                ipsc_app::prerender::first_step(pack, ipsc_engine::Lang::Zh, year)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ipsc-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
