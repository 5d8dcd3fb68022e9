//! IP Subsidy Self-Check (知识产权奖补自测): the browser app.
//!
//! The app asks, the engine ([`ipsc_engine`]) computes, and nothing leaves the browser.
//! [`mount`] starts the app in the page's `#ipsc-root` element (or the body), which is how
//! the same build serves a standalone page, a frame and a kiosk.

pub mod app;
pub mod policy;
pub mod strings;

/// Mounts the app in the element with id `ipsc-root`, or in the body if there is none.
pub fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("ipsc-root"));
    match root {
        Some(element) => {
            yew::Renderer::<app::App>::with_root(element).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
