//! The download's answers are exactly what serde writes, so `ipsc assess` reads them back.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use ipsc_engine::{Answers, Date, Loan, NewerLpr, YesNoUnsure};
use rust_decimal::Decimal;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn as_serde_reads(object: &js_sys::Object) -> serde_json::Value {
    let text = String::from(js_sys::JSON::stringify(object).unwrap());
    serde_json::from_str(&text).unwrap()
}

fn every_field() -> Answers {
    let mut answers = Answers {
        version: 1,
        pack: Some("suizhou-2024-15".into()),
        year: Some(2025),
        registered_locally: Some(true),
        region: Some("zengdu".into()),
        industry: Some("wind-turbines".into()),
        tech_sme: Some(YesNoUnsure::Unsure),
        size: Some(ipsc_engine::answers::SizeFigures {
            staff: Some(120),
            sales: Some(Decimal::new(5_000_000_012, 2)),
            assets: None,
        }),
        abnormal_list: Some(false),
        dishonest_list: Some(true),
        newer_lpr: Some(NewerLpr {
            effective: Date::new(2026, 3, 20).unwrap(),
            one_year: Decimal::new(290, 2),
        }),
        situations: vec!["exports".into(), "trademarks".into()],
        ..Answers::default()
    };
    answers.counts.insert("pct-invention-patents".into(), 2);
    answers
        .counts
        .insert("domestic-invention-patents".into(), 12);
    answers
        .levels
        .insert("protection-workstation".into(), "city".into());
    answers.loans = vec![
        Loan {
            principal: Decimal::new(5_000_000, 0),
            start: Date::new(2025, 1, 1).unwrap(),
            term_months: 12,
            contract_rate: Some(Decimal::new(35, 1)),
        },
        Loan {
            principal: Decimal::new(123_456, 2),
            start: Date::new(2024, 10, 21).unwrap(),
            term_months: 6,
            contract_rate: None,
        },
    ];
    answers
}

#[wasm_bindgen_test]
fn the_answers_are_written_as_serde_writes_them() {
    for answers in [Answers::default(), every_field()] {
        let pack = ipsc_app::policy::default_pack().unwrap();
        let object = ipsc_app::export::answers(pack, &answers);
        // Word for word, keys in serde's order, as well as in meaning.
        let text = String::from(js_sys::JSON::stringify(&object).unwrap());
        assert_eq!(text, serde_json::to_string(&answers).unwrap());
        let ours = as_serde_reads(&object);
        assert_eq!(ours, serde_json::to_value(&answers).unwrap());
        let back: Answers = serde_json::from_value(ours).unwrap();
        assert_eq!(back, answers);
    }
}

#[wasm_bindgen_test]
fn the_download_reads_back_and_carries_each_lines_outcome() {
    let pack = ipsc_app::policy::default_pack().unwrap();
    let answers = every_field();
    let assessment = ipsc_engine::assess(pack, &answers, 2025).unwrap();
    let json = ipsc_app::export::json(pack, &answers, &assessment).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let back: Answers = serde_json::from_value(value["answers"].clone()).unwrap();
    assert_eq!(back, answers);
    let outcome = &value["assessment"];
    assert_eq!(outcome["total"], assessment.total.to_string());
    // Pinned, as `ipsc assess` gives them for these answers, so the comparison below
    // cannot pass on two empty lists.
    assert_eq!(outcome["total"], "330000.00");
    let written_lines = outcome["lines"].as_array().unwrap();
    assert_eq!(written_lines.len(), assessment.lines.len(), "one line each");
    let pinned: Vec<(&str, &str, &str)> = written_lines
        .iter()
        .map(|l| {
            (
                l["measure"].as_str().unwrap(),
                l["status"].as_str().unwrap(),
                l["amount"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pinned,
        [
            (
                "domestic-invention-patent",
                "eligible-with-warning",
                "120000.00"
            ),
            ("pct-invention-patent", "eligible-with-warning", "200000.00"),
            ("ip-pledge-interest", "needs-info", "0.00"),
            (
                "protection-workstation",
                "eligible-with-warning",
                "10000.00"
            ),
        ]
    );
    for (line, written) in assessment.lines.iter().zip(written_lines) {
        assert_eq!(written["measure"], line.measure);
        assert_eq!(written["amount"], line.amount.to_string());
        assert_eq!(
            written["status"],
            serde_json::to_value(line.status).unwrap()
        );
    }
}
