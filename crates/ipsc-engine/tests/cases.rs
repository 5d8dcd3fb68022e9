//! Runs every case of every policy pack: the same harness the `check` command runs.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

#[test]
fn every_suizhou_case_passes() {
    let pack = common::suizhou();
    let cases = common::suizhou_cases();
    assert!(
        cases.cases.len() >= 30,
        "the pack should have at least 30 cases, has {}",
        cases.cases.len()
    );
    let failures = ipsc_engine::cases::run(&pack, &cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_wrong_expectation_fails() {
    let pack = common::suizhou();
    let mut cases = common::suizhou_cases();
    let case = cases
        .cases
        .iter_mut()
        .find(|c| c.name.starts_with("three domestic"))
        .expect("case");
    case.expect.total = Some(rust_decimal::Decimal::from(30001));
    let failures = ipsc_engine::cases::run(
        &pack,
        &ipsc_engine::cases::CaseFile {
            cases: vec![case.clone()],
        },
    );
    assert_eq!(failures.len(), 1);
    assert!(failures[0].contains("total"), "{failures:?}");
}
