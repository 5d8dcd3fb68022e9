//! Runs every case of every policy pack and of the fixture pack (the same harness the
//! `check` command runs), and shows that the harness fails on each kind of wrong
//! expectation.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::cases::{check_case, run, Case, CaseFile, Expect, OtherLines};
use ipsc_engine::Status;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The packs with cases, and how many cases each has: a pack added, removed or emptied, or
/// a case lost, shows here. Zero passing cases can never pass.
const PACKS: &[(&str, usize)] = &[("suizhou-2024-15", 60), ("fixture", 11)];

#[test]
fn every_case_of_every_pack_passes() {
    let mut seen = Vec::new();
    for (name, pack, cases) in common::packs_with_cases() {
        let failures = run(&pack, &cases);
        assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
        seen.push((name, cases.cases.len() - failures.len()));
    }
    let want: Vec<(String, usize)> = PACKS.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect();
    assert_eq!(seen, want, "packs and their passing cases");
}

#[test]
fn the_suizhou_pack_has_at_least_30_cases() {
    let cases = common::suizhou_cases();
    assert!(
        cases.cases.len() >= 30,
        "the pack should have at least 30 cases, has {}",
        cases.cases.len()
    );
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The Suizhou case whose name starts with `name`, after checking that it passes as written.
fn case(name: &str) -> Case {
    let pack = common::suizhou();
    let case = common::suizhou_cases()
        .cases
        .into_iter()
        .find(|c| c.name.starts_with(name))
        .unwrap_or_else(|| panic!("no case named {name:?}…"));
    assert_eq!(check_case(&pack, &case), Vec::<String>::new(), "{name}");
    case
}

/// Changes one expectation of a passing case; the run must fail, with a problem that
/// starts with `problem` (the field's name, then what is wrong).
fn fails_on(name: &str, mutate: impl FnOnce(&mut Expect), problem: &str) {
    let pack = common::suizhou();
    let mut case = case(name);
    mutate(&mut case.expect);
    let failures = run(
        &pack,
        &CaseFile {
            cases: vec![case.clone()],
        },
    );
    assert_eq!(failures.len(), 1, "{name}: the run should fail");
    assert!(
        failures[0].contains(problem),
        "{name}: expected {problem:?} in {failures:?}"
    );
    let problems = check_case(&pack, &case);
    assert!(
        problems.iter().any(|p| p.starts_with(problem)),
        "{name}: expected a problem starting {problem:?}, got {problems:?}"
    );
}

fn line<'a>(expect: &'a mut Expect, id: &str) -> &'a mut ipsc_engine::cases::ExpectLine {
    expect.lines.get_mut(id).expect("the case lists the line")
}

const DOMESTIC: &str = "domestic-invention-patent";
const INTEREST: &str = "ip-pledge-interest";

#[test]
fn a_wrong_total_fails() {
    fails_on(
        "three domestic",
        |e| e.total = Some(d("30001")),
        "total: expected 30001",
    );
}

#[test]
fn a_missing_total_fails() {
    fails_on("three domestic", |e| e.total = None, "total: not stated");
}

#[test]
fn a_total_that_is_not_the_sum_of_the_cases_lines_fails() {
    // The engine's total is right; the case's own figures disagree with each other.
    fails_on(
        "all four measures",
        |e| {
            e.lines.remove(DOMESTIC);
        },
        "total: the case's lines add up to 172000.00",
    );
}

#[test]
fn a_line_the_case_does_not_list_must_be_zero() {
    fails_on(
        "all four measures",
        |e| {
            e.lines.remove(DOMESTIC);
        },
        "domestic-invention-patent.amount: expected 0 (the line is not listed), got 30000.00",
    );
}

#[test]
fn a_listed_line_without_an_amount_must_be_zero() {
    fails_on(
        "three domestic",
        |e| line(e, DOMESTIC).amount = None,
        "domestic-invention-patent.amount: expected 0, got 30000.00",
    );
}

#[test]
fn other_lines_any_lifts_the_zero_rule_and_needs_a_why() {
    let pack = common::suizhou();
    let mut any = case("all four measures");
    any.expect.lines.remove(DOMESTIC);
    any.expect.other_lines = OtherLines::Any;
    any.expect.why = Some("this case is about the other three lines".into());
    assert_eq!(check_case(&pack, &any), Vec::<String>::new());
    fails_on(
        "all four measures",
        |e| {
            e.lines.remove(DOMESTIC);
            e.other_lines = OtherLines::Any;
        },
        "why: `other_lines = \"any\"` needs a `why`",
    );
    fails_on(
        "three domestic",
        |e| e.why = Some("no reason".into()),
        "why: given without `other_lines = \"any\"`",
    );
}

#[test]
fn a_wrong_amount_fails() {
    fails_on(
        "three domestic",
        |e| line(e, DOMESTIC).amount = Some(d("30001")),
        "domestic-invention-patent.amount: expected 30001",
    );
}

#[test]
fn a_wrong_status_fails() {
    fails_on(
        "three domestic",
        |e| line(e, DOMESTIC).status = Some(Status::EligibleWithWarning),
        "domestic-invention-patent.status: expected EligibleWithWarning",
    );
}

#[test]
fn wrong_reasons_fail() {
    fails_on(
        "no domestic invention patent",
        |e| line(e, DOMESTIC).reasons = Some(vec!["reason.no-loans".into()]),
        "domestic-invention-patent.reasons: expected",
    );
}

#[test]
fn a_wrong_capped_from_fails() {
    fails_on(
        "subsidies of 0.01 yuan above the cap",
        |e| line(e, INTEREST).capped_from = Some(d("200000.02")),
        "ip-pledge-interest.capped_from: expected Some(200000.02)",
    );
}

#[test]
fn not_capped_on_a_capped_line_fails() {
    fails_on(
        "subsidies of 0.01 yuan above the cap",
        |e| line(e, INTEREST).not_capped = true,
        "ip-pledge-interest.not_capped: expected no cap",
    );
}

#[test]
fn a_wrong_what_if_fails() {
    fails_on(
        "no domestic invention patent",
        |e| line(e, DOMESTIC).what_if = Some(d("10001")),
        "domestic-invention-patent.what_if: expected 10001",
    );
}

#[test]
fn a_wrong_chinese_formula_fails() {
    fails_on(
        "one domestic",
        |e| line(e, DOMESTIC).formula_zh = Some("2 件 × 10,000.00 元".into()),
        "domestic-invention-patent.formula_zh: expected to contain",
    );
}

#[test]
fn a_wrong_english_formula_fails() {
    fails_on(
        "one domestic",
        |e| line(e, DOMESTIC).formula_en = Some("2 × ¥10,000.00".into()),
        "domestic-invention-patent.formula_en: expected to contain",
    );
}

#[test]
fn wrong_line_warnings_fail() {
    fails_on(
        "an enterprise on a credit list",
        |e| line(e, DOMESTIC).warnings = Some(vec![]),
        "domestic-invention-patent.warnings: expected []",
    );
}

#[test]
fn wrong_line_assumptions_fail() {
    fails_on(
        "the pledge line states its reading",
        |e| line(e, INTEREST).assumptions = Some(vec!["rate".into()]),
        "ip-pledge-interest.assumptions: expected [\"rate\"]",
    );
}

#[test]
fn wrong_line_caveats_fail() {
    fails_on(
        "each patent line assumes",
        |e| line(e, DOMESTIC).caveats = Some(vec![]),
        "domestic-invention-patent.caveats: expected []",
    );
}

#[test]
fn wrong_assessment_warnings_fail() {
    fails_on(
        "an enterprise on a credit list",
        |e| e.warnings = Some(vec![]),
        "warnings: expected []",
    );
}

#[test]
fn wrong_programmes_fail() {
    fails_on(
        "a key industry",
        |e| e.programmes = Some(vec!["high-value-ip".into()]),
        "programmes: expected [\"high-value-ip\"]",
    );
}

#[test]
fn a_wrong_error_fails() {
    fails_on(
        "an unknown count",
        |e| e.error = Some("counts.pct-invention-patents".into()),
        "error: expected an error mentioning `counts.pct-invention-patents`, got",
    );
}

#[test]
fn an_error_expected_of_a_good_case_fails() {
    fails_on(
        "three domestic",
        |e| e.error = Some("counts".into()),
        "error: expected an error mentioning `counts`, got an assessment",
    );
}

#[test]
fn an_error_case_that_expects_anything_else_fails() {
    fails_on(
        "an unknown count",
        |e| e.total = Some(Decimal::ZERO),
        "total: an error case expects nothing but the error",
    );
}
