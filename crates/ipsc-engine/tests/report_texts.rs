//! The report's texts can leave the pack and come back: the app's first load carries a
//! pack without them, so the questions and the running estimate must not need them.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::codes::Reason;
use ipsc_engine::explain::{formula, money};
use ipsc_engine::{assess, Code, Lang};

#[test]
fn taken_texts_put_back_give_the_same_pack() {
    let full = common::suizhou();
    let mut pack = full.clone();
    let texts = pack.take_report_texts();
    assert_ne!(pack, full, "something was taken");
    assert!(pack.clauses.iter().all(|c| c.text.zh.is_empty()));
    assert!(pack.programmes.iter().all(|p| p.summary.en.is_empty()));
    // The next steps are the report's too: emptied, the place kept.
    assert!(full.measures.iter().all(|m| m.next_steps.is_some()));
    assert!(pack.measures.iter().all(|m| m
        .next_steps
        .as_ref()
        .is_some_and(|t| t.zh.is_empty() && t.en.is_empty())));
    assert!(pack.say(Reason::NoItems, Lang::Zh).is_empty());
    // What the questions show stays.
    assert_eq!(pack.counts, full.counts);
    assert_eq!(pack.industries, full.industries);
    assert_eq!(pack.tech_sme_guide, full.tech_sme_guide);
    pack.put_report_texts(texts).unwrap();
    assert_eq!(pack, full);
}

#[test]
fn texts_of_another_pack_are_refused_and_change_nothing() {
    let mut pack = common::suizhou();
    let mut texts = pack.take_report_texts();
    let stripped = pack.clone();
    texts.pop();
    let error = pack.put_report_texts(texts).unwrap_err();
    assert!(error.contains("places"), "{error}");
    assert_eq!(pack, stripped);
}

/// A line's status, amount and formula need nothing the report texts carry, so they show
/// even when the texts' file cannot be loaded.
#[test]
fn every_case_assesses_and_explains_the_same_without_the_report_texts() {
    let full = common::suizhou();
    let mut stripped = full.clone();
    stripped.take_report_texts();
    for case in common::suizhou_cases().cases {
        let with = assess(&full, &case.answers, case.year);
        let without = assess(&stripped, &case.answers, case.year);
        assert_eq!(format!("{with:?}"), format!("{without:?}"), "{}", case.name);
        let Ok(assessment) = with else { continue };
        for lang in [Lang::Zh, Lang::En] {
            for line in &assessment.lines {
                assert_eq!(
                    formula(&full, line, lang),
                    formula(&stripped, line, lang),
                    "{}",
                    case.name
                );
                let status = line.status;
                assert_eq!(full.say(status, lang), stripped.say(status, lang));
                assert_ne!(
                    stripped.say(status, lang),
                    status.key(),
                    "the status has words"
                );
                assert_eq!(
                    money(&full, line.amount, lang),
                    money(&stripped, line.amount, lang)
                );
            }
        }
    }
}
