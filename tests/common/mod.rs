//! Mounting the app in a real DOM and acting on it as a user would.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)] // Reason: test helpers fail loudly; not every test uses each.

use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// Mounts the app in a fresh element, keeping nothing in storage, and lets it render.
pub async fn mount() -> Element {
    let window = web_sys::window().unwrap();
    // Tests share one page: start each from a URL with no step in it.
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"))
        .unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<ipsc_app::app::App>::with_root_and_props(
        root.clone(),
        ipsc_app::app::AppProps {
            persist: false,
            idle_reset: None,
        },
    )
    .render();
    settle().await;
    root
}

/// The element that has focus.
pub fn focused() -> Element {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap()
}

/// Clicks the element with this id (a radio, a checkbox).
pub async fn click_id(root: &Element, id: &str) {
    click(root, &format!("#{id}")).await;
}

/// Lets the browser deliver what it queued (events, timers), then waits until Yew's
/// scheduler has rendered everything due and run the effects. Yew yields to the browser
/// during a render longer than 16 ms and goes on in a later task, so a fixed number of
/// tasks is not enough (WebKit ran the step after a change a task or two late).
pub async fn settle() {
    yew::platform::time::sleep(Duration::ZERO).await;
    yew::scheduler::flush().await;
}

/// The first element matching a selector.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

/// The text of the first element matching a selector; panics, naming the selector, if
/// there is none (a missing element must not read as an empty text).
pub fn text(root: &Element, selector: &str) -> String {
    find(root, selector)
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// Asserts that no element matches a selector.
pub fn absent(root: &Element, selector: &str) {
    assert!(
        find(root, selector).is_none(),
        "{selector} should not be on the page"
    );
}

/// Types into an input: sets its value and fires `input`, as a keyboard would.
pub async fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).expect(selector).dyn_into().unwrap();
    input.set_value(value);
    let event = web_sys::Event::new("input").unwrap();
    event.init_event_with_bubbles_and_cancelable("input", true, false);
    input.dispatch_event(&event).unwrap();
    settle().await;
}

/// Clicks an element.
pub async fn click(root: &Element, selector: &str) {
    let element: HtmlElement = find(root, selector).expect(selector).dyn_into().unwrap();
    element.click();
    settle().await;
}
