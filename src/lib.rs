//! IP Subsidy Self-Check (知识产权奖补自测): the browser app.
//!
//! The app asks, the engine ([`ipsc_engine`]) computes, and nothing leaves the browser.
//! [`mount`] starts the app in the page's `#ipsc-root` element (or the body). The element's
//! `data-mode` (or the page URL's `?mode=`) says how it is hosted: `standalone` (the
//! default) keeps answers in the browser; `embedded` and `kiosk` keep nothing, and a kiosk
//! also starts afresh after `data-idle-seconds` (`?idle=`, default 180) with no one using it.
//! The other settings (share base, language, colour, text scale, host origin) are read in
//! [`settings`]; [`host`] reads them from the page at mount and sends a framing page its
//! messages. On someone else's page, `embed.js` (written beside the app by the build)
//! mounts it with `data-mode="embedded"` and `data-assets`, the URL of the app's files.

pub mod app;
mod browser;
mod check;
mod chrome;
pub mod export;
pub mod fields;
pub mod form;
mod hooks;
pub mod host;
pub mod kinds;
mod kiosk;
mod live;
mod part;
pub mod policy;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod probe;
pub mod questions;
pub mod report;
pub mod results;
pub mod settings;
pub mod state;
mod steps;
pub mod storage;
pub mod strings;

/// Mounts the app in the element with id `ipsc-root`, or in the body if there is none.
pub fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("ipsc-root"));
    let settings = host::install(root.as_ref());
    let props = app::AppProps {
        persist: settings.mode == settings::Mode::Standalone,
        idle_reset: (settings.mode == settings::Mode::Kiosk).then_some(settings.idle_seconds),
    };
    match root {
        Some(element) => {
            yew::Renderer::<app::App>::with_root_and_props(element, props).render();
        }
        None => {
            yew::Renderer::<app::App>::with_props(props).render();
        }
    }
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
