//! What the app asks of the browser: the clock, the page URL's fragment and focus. Each
//! helper does nothing where there is no browser (native tests) or where the page's URL is
//! a host's (embedded by script), so callers need no checks of their own.

use wasm_bindgen::JsCast;
use yew::NodeRef;

/// The year before this one: the last full year, the default assessment year.
pub(crate) fn last_full_year() -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        // getFullYear is a small whole number; the cast cannot lose anything real.
        #[allow(clippy::cast_possible_truncation)]
        let year = js_sys::Date::new_0().get_full_year() as i32;
        year - 1
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        2025
    }
}

/// Today as `YYYY-MM-DD`, for printed reports.
pub(crate) fn today() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let iso = String::from(js_sys::Date::new_0().to_iso_string());
        iso.get(..10).unwrap_or_default().to_owned()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// The browser's window, if there is one.
pub(crate) fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The window, when the page's URL is the app's own (not when embedded by script in
/// someone else's page, whose URL the app must leave alone).
pub(crate) fn own_window() -> Option<web_sys::Window> {
    window().filter(|_| crate::settings::assets_base().is_none())
}

/// The page URL's fragment (`#step=2`), when the URL is the app's own.
pub(crate) fn location_hash() -> String {
    own_window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without a new history entry.
pub(crate) fn replace_hash(hash: &str) {
    if let Some(history) = own_window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Moves focus to a rendered element.
pub(crate) fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Moves focus to the element with this id.
pub(crate) fn focus_id(id: &str) {
    let element = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
