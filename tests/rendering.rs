//! One keystroke re-renders one field and what shows the estimate, nothing else; a
//! question that appears, or an item added or removed, leaves the other fields' nodes in
//! place and focus where the person is (issue 21). The app's components note each render
//! in debug builds (`ipsc_app::probe`), which is what these tests run.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use common::{click, click_id, find, focused, mount, settle, text, type_into};
use ipsc_app::probe;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn node(root: &Element, selector: &str) -> Element {
    find(root, selector).unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// Waits, up to a second, for an element that a change of the URL brings: the browser's
/// `hashchange` comes a task or more after the change. (A wait of five seconds did not
/// help when this failed on a loaded machine: the app had missed the change, which
/// `hooks::use_history` now catches up.) Panics, naming it, if it never comes.
async fn arrived(root: &Element, selector: &str) {
    for _ in 0..200 {
        if find(root, selector).is_some() {
            return;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    panic!("{selector} did not arrive within a second of the URL's change");
}

/// Focuses an element and chooses it, as a keyboard's Space does on a radio.
async fn choose(root: &Element, id: &str) {
    let element: HtmlElement = node(root, &format!("#{id}")).dyn_into().unwrap();
    element.focus().unwrap();
    click_id(root, id).await;
    settle().await;
}

#[wasm_bindgen_test]
async fn a_keystroke_re_renders_its_field_and_the_estimate_and_nothing_else() {
    let root = mount().await;
    choose(&root, "ipsc-tech-sme-unsure").await;
    let staff = node(&root, "#ipsc-staff");
    let sales = node(&root, "#ipsc-sales");
    let registered = node(&root, "#ipsc-registered-yes");
    settle().await;
    probe::take();
    type_into(&root, "#ipsc-sales", "500万").await;
    settle().await;
    // The running estimate re-renders only if the estimate changed, which sales alone
    // cannot change: the field, and nothing else.
    assert_eq!(probe::take(), vec!["ipsc-sales"]);
    assert!(staff.is_same_node(Some(&node(&root, "#ipsc-staff"))));
    assert!(sales.is_same_node(Some(&node(&root, "#ipsc-sales"))));
    assert!(registered.is_same_node(Some(&node(&root, "#ipsc-registered-yes"))));
    type_into(&root, "#ipsc-staff", "12").await;
    settle().await;
    assert_eq!(probe::take(), vec!["ipsc-staff"]);
}

#[wasm_bindgen_test]
async fn typed_text_renders_no_page_unless_the_page_shows_more_than_the_field() {
    let root = mount().await;
    choose(&root, "ipsc-tech-sme-unsure").await;
    probe::page_renders();
    type_into(&root, "#ipsc-staff", "12").await;
    assert_eq!(probe::page_renders(), 0, "the short way: the field alone");
    assert_eq!(probe::take().last().map(String::as_str), Some("ipsc-staff"));
    // Continue fails (step 1 is not all answered): the errors show, and now a keystroke
    // can change them, in the field and in the summary, so the page renders.
    click(&root, "main > button.ipsc-button").await;
    assert!(find(&root, ".ipsc-error-summary").is_some());
    probe::page_renders();
    type_into(&root, "#ipsc-staff", "13").await;
    assert_eq!(probe::page_renders(), 1, "errors shown: the page renders");
}

#[wasm_bindgen_test]
async fn a_field_and_the_estimate_redrawn_by_typing_follow_a_cleared_form() {
    let root = mount().await;
    let year = || {
        node(&root, "#ipsc-year")
            .dyn_into::<web_sys::HtmlInputElement>()
            .unwrap()
            .value()
    };
    let estimate = || text(&root, "[data-testid=running-total]");
    let (fresh_year, fresh_estimate) = (year(), estimate());
    probe::page_renders();
    type_into(&root, "#ipsc-year", &fresh_year[..3]).await;
    assert_eq!(probe::page_renders(), 0, "the short way");
    assert_ne!(
        estimate(),
        fresh_estimate,
        "a year cut short withholds the estimate"
    );
    // The cleared form gives the year field and the estimate the same properties as the
    // page's last render: what the typing drew must go all the same.
    click(&root, "footer button").await;
    assert_eq!(year(), fresh_year);
    assert_eq!(estimate(), fresh_estimate);
}

#[wasm_bindgen_test]
async fn a_revealed_question_leaves_the_answered_control_in_place_with_focus() {
    let root = mount().await;
    let yes = node(&root, "#ipsc-registered-yes");
    let industry = node(&root, "#ipsc-industry");
    choose(&root, "ipsc-registered-yes").await;
    assert!(find(&root, "#ipsc-region").is_some(), "the region is asked");
    assert!(yes.is_same_node(Some(&node(&root, "#ipsc-registered-yes"))));
    assert!(industry.is_same_node(Some(&node(&root, "#ipsc-industry"))));
    assert_eq!(focused().id(), "ipsc-registered-yes");
    // And hidden again: the same.
    choose(&root, "ipsc-registered-no").await;
    assert!(find(&root, "#ipsc-region").is_none());
    assert!(yes.is_same_node(Some(&node(&root, "#ipsc-registered-yes"))));
    assert_eq!(focused().id(), "ipsc-registered-no");
}

#[wasm_bindgen_test]
async fn items_added_and_removed_move_focus_and_leave_the_others_in_place() {
    let root = mount().await;
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#step=3")
        .unwrap();
    arrived(&root, "#ipsc-has-loans-yes").await;
    settle().await;
    choose(&root, "ipsc-has-loans-yes").await;
    assert_eq!(
        focused().id(),
        "ipsc-has-loans-yes",
        "the first loan starts"
    );
    let first = node(&root, "#ipsc-loan-0-principal");
    node(&root, "#ipsc-loan-add")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    assert_eq!(focused().id(), "ipsc-loan-1-principal");
    assert!(first.is_same_node(Some(&node(&root, "#ipsc-loan-0-principal"))));
    settle().await;
    probe::take();
    type_into(&root, "#ipsc-loan-1-principal", "100万").await;
    settle().await;
    // The loan that holds the field, the field, and the estimate where it changed.
    let mut rendered = probe::take();
    rendered.retain(|name| name != "running");
    assert_eq!(rendered.len(), 2, "{rendered:?}");
    assert!(
        rendered[0].starts_with("ipsc-loan-"),
        "the loan: {rendered:?}"
    );
    assert_eq!(rendered[1], "ipsc-loan-1-principal");
    // Remove the first loan: the second takes its place and focus.
    let second = node(&root, "#ipsc-loan-1-principal");
    let remove: HtmlElement = node(&root, "fieldset.ipsc-loan button").dyn_into().unwrap();
    remove.click();
    settle().await;
    assert!(second.is_same_node(Some(&node(&root, "#ipsc-loan-0-principal"))));
    assert_eq!(focused().id(), "ipsc-loan-0-principal");
    let said = node(&root, "p[aria-live=polite].ipsc-visually-hidden")
        .text_content()
        .unwrap_or_default();
    assert_eq!(said, "已删除贷款 1");
    // The last one removed: focus goes to the button that adds one.
    node(&root, "fieldset.ipsc-loan button")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    assert_eq!(focused().id(), "ipsc-loan-add");
}
