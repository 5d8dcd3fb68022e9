//! The default page (the walking skeleton) mounted in a real browser DOM
//! (wasm-bindgen-test in headless Chromium).
#![cfg(all(target_arch = "wasm32", not(feature = "journey")))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // Reason: tests fail loudly.

mod common;

use common::{click, find, mount, text, type_into};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const FIELD: &str = "input.ipsc-input--count";

#[wasm_bindgen_test]
async fn names_the_product_in_both_languages() {
    let root = mount().await;
    assert_eq!(text(&root, "h1 [lang='zh-CN']"), "知识产权奖补自测");
    assert_eq!(text(&root, "h1 [lang='en']"), "IP Subsidy Self-Check");
}

#[wasm_bindgen_test]
async fn an_answer_shows_the_engines_amount_and_formula() {
    let root = mount().await;
    assert!(
        find(&root, "[data-testid='amount']").is_none(),
        "no amount before an answer"
    );
    type_into(&root, FIELD, "3").await;
    assert_eq!(text(&root, "[data-testid='amount']"), "30,000.00 元");
    assert_eq!(
        text(&root, "[data-testid='formula']"),
        "3 件 × 10,000.00 元 = 30,000.00 元"
    );
    type_into(&root, FIELD, "0").await;
    assert_eq!(text(&root, "[data-testid='amount']"), "0.00 元");
}

#[wasm_bindgen_test]
async fn a_bad_answer_is_explained_beside_the_field_and_in_the_summary() {
    let root = mount().await;
    type_into(&root, FIELD, "-2").await;
    let input = find(&root, FIELD).unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap();
    let error_id = described
        .split(' ')
        .find(|id| id.ends_with("-error"))
        .expect("the error is described");
    assert_eq!(
        text(&root, &format!("#{error_id}")),
        "不能为负数，也不要加正负号"
    );
    assert_eq!(
        text(&root, ".ipsc-error-summary a"),
        "不能为负数，也不要加正负号"
    );
    assert!(find(&root, "[data-testid='amount']").is_none());
    type_into(&root, FIELD, "2").await;
    assert!(
        find(&root, ".ipsc-error-summary").is_none(),
        "the summary goes once the answer is fixed"
    );
}

#[wasm_bindgen_test]
async fn switching_language_keeps_the_answer() {
    let root = mount().await;
    type_into(&root, FIELD, "1").await;
    click(&root, ".ipsc-header button").await;
    assert_eq!(
        find(&root, ".ipsc")
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
    assert_eq!(text(&root, "[data-testid='amount']"), "¥10,000.00");
    assert_eq!(
        text(&root, "label"),
        "Domestic invention patents granted in the year"
    );
}
