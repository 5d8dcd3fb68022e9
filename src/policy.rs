//! The default policy pack, built in: validated from TOML by `build.rs`, which writes the
//! pack without the report's texts as Rust that builds it; built once on first use.
//!
//! The report's texts (the clauses' words, programme names and summaries, quotes,
//! assumptions, caveats, next steps, reasons and what-ifs; see `Pack::take_report_texts`)
//! only the check page and the results need. They come from a file beside the page, named after its
//! content, so the first load stays small and a stale file is never mistaken for ours.

use ipsc_engine::Pack;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/pack.rs"));

/// The name of the file with the report's texts, beside the wasm.
pub const REPORT_TEXTS_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/texts_file.txt"));

/// The default pack without its report texts (enough for every question and the running
/// estimate), or why it could not be read (which `build.rs` makes very unlikely).
pub fn default_pack() -> Result<&'static Pack, &'static str> {
    static PACK: OnceLock<Result<Pack, String>> = OnceLock::new();
    PACK.get_or_init(|| build().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(String::as_str)
}

static FULL: OnceLock<Pack> = OnceLock::new();

/// The default pack with its report texts, once they have been loaded.
pub fn full_pack() -> Option<&'static Pack> {
    FULL.get()
}

/// Completes the default pack with the report texts' file. Refuses a file that is not the
/// one this build names: its texts would not fit the pack.
pub fn complete(bytes: &[u8]) -> Result<&'static Pack, String> {
    if ipsc_engine::digest::report_texts_file(bytes) != REPORT_TEXTS_FILE {
        return Err(format!("the texts are not those of {REPORT_TEXTS_FILE}"));
    }
    // A second build rather than a clone: a deep clone of the pack would add its own code.
    let mut pack = build().map_err(|e| e.to_string())?;
    pack.put_report_text_bytes(bytes)?;
    Ok(FULL.get_or_init(|| pack))
}

/// Fetches the report texts' file (by a URL relative to the page, so a page served from a
/// folder finds it in that folder; embedded by script, from the app's own place) and
/// completes the pack with it. The only request the app makes after its first load, for
/// its own file.
pub async fn load_report_texts() -> Result<&'static Pack, String> {
    use wasm_bindgen::JsCast;
    if let Some(pack) = full_pack() {
        return Ok(pack);
    }
    let window = web_sys::window().ok_or("no window")?;
    // The browser's error says nothing the user can act on; the results say it failed.
    let failed = |_: wasm_bindgen::JsValue| REPORT_TEXTS_FILE.to_owned();
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&format!(
            "{}{REPORT_TEXTS_FILE}",
            crate::assets_base().unwrap_or_default()
        )))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("{REPORT_TEXTS_FILE}: HTTP {}", response.status()));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    complete(&js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The report texts' file as built, for tests that have no server to fetch it from.
#[doc(hidden)]
pub const BUILT_REPORT_TEXTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/texts.bin"));

#[cfg(test)]
mod tests {
    #[test]
    fn the_built_in_pack_reads_and_with_its_texts_is_valid() {
        let pack = super::default_pack().unwrap_or_else(|e| panic!("{e}"));
        assert!(pack.clauses.iter().all(|c| c.text.zh.is_empty()));
        let full = super::complete(super::BUILT_REPORT_TEXTS).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(full.validate(), Vec::new());
    }

    #[test]
    fn a_changed_texts_file_is_refused() {
        let mut bytes = super::BUILT_REPORT_TEXTS.to_vec();
        if let Some(last) = bytes.last_mut() {
            *last ^= 1;
        }
        assert!(super::complete(&bytes).is_err());
    }
}
