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

/// How long the report texts may take to arrive before the results say they did not and
/// offer to try again: a request that stalls without failing must not leave "Loading…"
/// on screen for as long as the browser cares to wait.
const TEXTS_TIMEOUT_MS: u32 = 15_000;

/// Why the texts did not come.
enum Missed {
    /// No answer, or none in time.
    Network,
    /// An answer, but not the file (an error status, or bytes not of its hash).
    Wrong,
}

/// Fetches the report texts' file (by a URL relative to the page, so a page served from a
/// folder finds it in that folder; embedded by script, from the app's own place) and
/// completes the pack with it. The only request the app makes after its first load, for
/// its own file. `fresh` goes past the browser's cache. A wrong answer from the cache (the
/// file is kept a year, as immutable, so a copy damaged on its way would stay) is fetched
/// again past it, once.
pub async fn load_report_texts(fresh: bool) -> Result<&'static Pack, String> {
    if let Some(pack) = full_pack() {
        return Ok(pack);
    }
    match fetch_report_texts(fresh).await {
        Err(Missed::Wrong) if !fresh => fetch_report_texts(true).await,
        read => read,
    }
    .map_err(|_| REPORT_TEXTS_FILE.to_owned())
}

async fn fetch_report_texts(fresh: bool) -> Result<&'static Pack, Missed> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or(Missed::Network)?;
    let init = web_sys::RequestInit::new();
    if fresh {
        init.set_cache(web_sys::RequestCache::Reload);
    }
    // Given up after a while: the abort ends the request and the reading of its body.
    let abort = web_sys::AbortController::new().ok();
    init.set_signal(abort.as_ref().map(|a| a.signal()).as_ref());
    let _timer = abort
        .map(|abort| gloo_timers::callback::Timeout::new(TEXTS_TIMEOUT_MS, move || abort.abort()));
    // The browser's error says nothing the user can act on; the results say it failed.
    let network = |_: wasm_bindgen::JsValue| Missed::Network;
    let url = format!(
        "{}{REPORT_TEXTS_FILE}",
        crate::settings::assets_base().unwrap_or_default()
    );
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    if !response.ok() {
        return Err(Missed::Wrong);
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(network)?)
        .await
        .map_err(network)?;
    complete(&js_sys::Uint8Array::new(&buffer).to_vec()).map_err(|_| Missed::Wrong)
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
