//! The report module: the app's results page ([`ipsc_app::report::Report`]) as a wasm
//! module of its own, which the app loads from the check page on, so that the first load
//! carries no results view. Built by `./x build` (xtask/src/modules.rs) as
//! `ipsc-report-HASH.js` and `ipsc-report-HASH_bg.wasm` beside the app.

use wasm_bindgen::prelude::wasm_bindgen;

/// Draws the results from `input` (as the app writes it: `ipsc_app::report`) into
/// `container`, or draws them again there from a new input.
#[wasm_bindgen]
pub fn mount(container: web_sys::Element, input: &str) {
    ipsc_app::report::mount(container, input);
}
