//! The app (the whole journey) mounted in a real browser DOM (wasm-bindgen-test in
//! headless Chromium).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used)] // Reason: tests fail loudly.

mod common;

use common::{absent, click, click_id, find, focused, mount, settle, text, type_into};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

async fn answer_enterprise(root: &web_sys::Element) {
    click_id(root, "ipsc-registered-yes").await;
    click_id(root, "ipsc-tech-sme-yes").await;
    click_id(root, "ipsc-abnormal-no").await;
    click_id(root, "ipsc-dishonest-no").await;
}

async fn continue_(root: &web_sys::Element) {
    click(root, "main > button.ipsc-button").await;
    settle().await;
}

#[wasm_bindgen_test]
async fn continue_without_answers_shows_the_summary_and_keeps_the_step() {
    let root = mount().await;
    assert_eq!(text(&root, "h1"), "企业基本情况");
    continue_(&root).await;
    assert_eq!(
        text(&root, "h1"),
        "企业基本情况",
        "the step does not change"
    );
    let links = root.query_selector_all(".ipsc-error-summary a").unwrap();
    assert_eq!(links.length(), 4, "registration, SME, and the two lists");
    assert_eq!(
        text(&root, "#ipsc-registered-yes-error"),
        "错误：请选择企业是否在本地注册登记"
    );
    let active = focused();
    assert!(
        active.class_name().contains("ipsc-error-summary"),
        "focus moves to the summary"
    );
}

#[wasm_bindgen_test]
async fn the_running_estimate_follows_the_answers_and_steps_go_on() {
    let root = mount().await;
    // Continuing unanswered shows the summary, so its absence below means something.
    continue_(&root).await;
    assert!(!text(&root, ".ipsc-error-summary").is_empty());
    answer_enterprise(&root).await;
    continue_(&root).await;
    absent(&root, ".ipsc-error-summary");
    assert_eq!(text(&root, "h1"), "测算年度内获得的授权");
    let active = focused();
    assert_eq!(
        active.tag_name(),
        "H1",
        "focus moves to the new step's heading"
    );
    assert_eq!(text(&root, ".ipsc-caption"), "第 2 步，共 5 步");
    type_into(&root, "#ipsc-count-domestic-invention-patents", "3").await;
    type_into(&root, "#ipsc-count-pct-invention-patents", "1").await;
    assert_eq!(
        text(&root, "[data-testid='running-total']"),
        "130,000.00 元"
    );
    continue_(&root).await;
    assert_eq!(text(&root, "h1"), "知识产权质押贷款");
    click_id(&root, "ipsc-has-loans-yes").await;
    type_into(&root, "#ipsc-loan-0-principal", "500万").await;
    assert_eq!(text(&root, ".ipsc-understood"), "即 5,000,000.00 元");
    assert!(find(&root, "#ipsc-loan-0-start").is_some());
}
