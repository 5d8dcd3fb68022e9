//! The first step written into the page at build time (`prerender::first_step`): the same
//! questions the app asks first, in both languages, with no control that pretends to work
//! before the app runs, and nothing a strict content security policy refuses.
//!
//! Native only: the written step is rendered at build time, never in the wasm.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used)] // Reason: tests fail loudly.

use ipsc_app::policy::default_pack;
use ipsc_app::prerender::first_step;
use ipsc_engine::Lang;

fn written(lang: Lang) -> String {
    first_step(default_pack().expect("the built-in pack"), lang, 2025)
}

#[test]
fn the_first_step_is_written_in_chinese_with_its_questions_and_the_default_year() {
    let html = written(Lang::Zh);
    assert!(
        html.starts_with(r#"<div class="ipsc-pre" data-year="2025" hidden>"#),
        "{html}"
    );
    for text in [
        "第 1 步，共 5 步",
        "企业基本情况",
        "企业是否在随州市注册登记？",
        "所属行业（可选）",
        r#"value="2025""#,
        r#"lang="zh-CN""#,
    ] {
        assert!(html.contains(text), "no {text} in {html}");
    }
    // The region question is asked only once registration is answered, as in the app.
    assert!(!html.contains("ipsc-region"), "{html}");
}

#[test]
fn every_button_waits_and_says_why_in_words_a_screen_reader_hears() {
    for (lang, words) in [
        (Lang::Zh, "正在加载，稍候即可使用按钮继续。"),
        (Lang::En, "Loading: the buttons work in a moment."),
    ] {
        let html = written(lang);
        let buttons = html.matches("<button").count();
        assert!(buttons >= 3, "{html}");
        assert_eq!(
            html.matches(r#"disabled="disabled""#).count(),
            buttons,
            "{html}"
        );
        assert!(
            html.contains(&format!(r#"role="status" class="ipsc-loading">{words}"#)),
            "{html}"
        );
    }
    assert!(
        written(Lang::En).contains("Is the enterprise registered in Suizhou?"),
        "English is written too"
    );
}

#[test]
fn nothing_in_it_is_refused_by_a_strict_policy_or_left_for_hydration() {
    for lang in [Lang::Zh, Lang::En] {
        let html = written(lang);
        for refused in ["style=", "<script", "<!--", "javascript:"] {
            assert!(!html.contains(refused), "{refused} in {html}");
        }
        // No handler written as an attribute (`onclick=`…): the words may say "on".
        let handler = html.split(['<', ' ']).find(|word| {
            word.strip_prefix("on").is_some_and(|rest| {
                rest.split_once('=').is_some_and(|(name, _)| {
                    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase())
                })
            })
        });
        assert_eq!(handler, None, "{html}");
        // One id each: the fallback script and the app find fields by id.
        let mut ids: Vec<&str> = html
            .split(r#" id=""#)
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "an id repeats in {html}");
    }
}
