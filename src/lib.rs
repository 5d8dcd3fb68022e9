//! IP Subsidy Self-Check (知识产权奖补自测): the browser app.
//!
//! The app asks, the engine ([`ipsc_engine`]) computes, and nothing leaves the browser.
//! [`mount`] starts the app in the page's `#ipsc-root` element (or the body). The element's
//! `data-mode` says how it is hosted: `standalone` (the default) keeps answers in the
//! browser; `embedded` and `kiosk` keep nothing, so the next visitor starts clean.

pub mod app;
pub mod fields;
pub mod form;
pub mod policy;
pub mod results;
pub mod skeleton;
pub mod state;
pub mod storage;
pub mod strings;

/// Mounts the app in the element with id `ipsc-root`, or in the body if there is none.
pub fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("ipsc-root"));
    match root {
        Some(element) => {
            let persist = element
                .get_attribute("data-mode")
                .is_none_or(|mode| mode == "standalone");
            yew::Renderer::<app::App>::with_root_and_props(element, app::AppProps { persist })
                .render();
        }
        None => {
            yew::Renderer::<app::App>::with_props(app::AppProps { persist: true }).render();
        }
    }
}
