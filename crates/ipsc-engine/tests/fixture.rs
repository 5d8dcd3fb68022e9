//! Another city's plan, made of the same kinds of measure, needs data and no code.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::{assess, Answers, Date, Loan, Status};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn the_fixture_pack_is_assessed_with_its_own_amounts() {
    let pack = common::fixture();
    let mut answers = Answers {
        version: 1,
        registered_locally: Some(true),
        ..Answers::default()
    };
    answers.counts.insert("utility-models".into(), 4);
    answers.levels.insert("station".into(), "county".into());
    answers.loans.push(Loan {
        principal: d("1000000"),
        start: Date::parse("2024-03-01").unwrap(),
        term_months: 12,
        contract_rate: Some(d("0.5")),
    });
    answers.situations.push("exports".into());
    let a = assess(&pack, &answers, 2024).unwrap();
    let line = |id: &str| a.lines.iter().find(|l| l.measure == id).unwrap();
    // 4 × 2,000; the fixture's LPR of 2% × 50% × 10/12 (no contract limit in this pack); 5,000 for a county station.
    assert_eq!(line("utility-model").amount, d("8000.00"));
    assert_eq!(line("pledge").amount, d("8333.33"));
    assert_eq!(
        line("pledge").status,
        Status::Eligible,
        "the fixture's subsidy has no SME condition"
    );
    assert_eq!(line("station").amount, d("5000.00"));
    assert_eq!(a.total, d("21333.33"));
    assert_eq!(programmes(&a), ["export-help"]);
    assert_eq!(
        a.programmes[0].because,
        [ipsc_engine::pack::Trigger::Situation("exports".into())],
        "matched by the exports situation only"
    );
}

fn programmes(a: &ipsc_engine::Assessment) -> Vec<&str> {
    a.programmes.iter().map(|p| p.programme.as_str()).collect()
}

#[test]
fn the_fixture_programme_matches_by_its_own_triggers_only() {
    let pack = common::fixture();
    let mut answers = Answers {
        version: 1,
        registered_locally: Some(true),
        ..Answers::default()
    };
    let none: [&str; 0] = [];
    let a = assess(&pack, &answers, 2024).unwrap();
    assert_eq!(programmes(&a), none, "no trigger answered");
    answers.counts.insert("utility-models".into(), 4);
    answers.levels.insert("station".into(), "city".into());
    let a = assess(&pack, &answers, 2024).unwrap();
    assert_eq!(
        programmes(&a),
        none,
        "counts and levels are not its triggers"
    );
    answers.industry = Some("robots".into());
    let a = assess(&pack, &answers, 2024).unwrap();
    assert_eq!(programmes(&a), ["export-help"], "robots is a key industry");
    assert_eq!(
        a.programmes[0].because,
        [ipsc_engine::pack::Trigger::KeyIndustry]
    );
}

#[test]
fn a_pack_missing_an_english_label_is_invalid() {
    let source =
        include_str!("fixture-pack.toml").replace("en = \"Utility model reward\"", "en = \"\"");
    let pack = common::unchecked_pack_from(&source);
    let problems = pack.validate();
    assert!(
        problems.iter().any(|p| p.path == "measure[0].label.en"),
        "{problems:?}"
    );
}

#[test]
fn a_pack_citing_a_missing_clause_is_invalid() {
    let source = include_str!("fixture-pack.toml").replace(
        "clause = \"c1\"\nquote = \"对实用",
        "clause = \"c9\"\nquote = \"对实用",
    );
    let pack = common::unchecked_pack_from(&source);
    assert!(pack
        .validate()
        .iter()
        .any(|p| p.path == "measure[0].clause"));
}

#[test]
fn a_pack_with_falling_lpr_dates_or_a_negative_amount_is_invalid() {
    let source = include_str!("fixture-pack.toml")
        .replace("effective = \"2024-01-01\"", "effective = \"2019-01-01\"")
        .replace("amount = \"2000\"", "amount = \"-2000\"");
    let pack = common::unchecked_pack_from(&source);
    let paths: Vec<String> = pack.validate().into_iter().map(|p| p.path).collect();
    assert!(
        paths.contains(&"lpr.rate[1].effective".to_owned()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"measure[0].rule.amount".to_owned()),
        "{paths:?}"
    );
}

#[test]
fn unknown_fields_in_a_pack_are_errors() {
    let source = include_str!("fixture-pack.toml")
        .replace("[tech_sme_guide]", "[tech_sme_guide]\nmax_staf = 3");
    assert!(ipsc_engine::load::parse_pack(&source).is_err());
}

/// The fixture pack with more words in its `text` table.
fn with_words(lines: &str) -> ipsc_engine::Pack {
    let fixture = include_str!("fixture-pack.toml");
    assert!(
        fixture.contains("[text]\n"),
        "the fixture has a [text] table"
    );
    let source = fixture.replace("[text]\n", &format!("[text]\n{lines}\n"));
    common::unchecked_pack_from(&source)
}

#[test]
fn words_for_one_measure_replace_the_general_words_for_that_measure_only() {
    use ipsc_engine::codes::Reason;
    use ipsc_engine::Lang;
    let plain = common::fixture();
    let pack = with_words(
        r#""reason.no-items@utility-model" = { zh = "当年没有实用新型授权。", en = "No utility models were granted." }"#,
    );
    assert_eq!(pack.validate(), vec![]);
    assert_eq!(
        pack.say_for("utility-model", Reason::NoItems, Lang::En),
        "No utility models were granted."
    );
    assert_eq!(
        pack.say_for("utility-model", Reason::NoItems, Lang::Zh),
        "当年没有实用新型授权。"
    );
    let general = plain.say(Reason::NoItems, Lang::En);
    assert_ne!(general, "reason.no-items", "the fixture has general words");
    assert_eq!(pack.say_for("station", Reason::NoItems, Lang::En), general);
    assert_eq!(
        plain.say_for("utility-model", Reason::NoItems, Lang::En),
        general
    );
}

#[test]
fn words_for_an_unknown_measure_or_code_are_refused() {
    let pack = with_words(
        r#""reason.no-items@no-such-measure" = { zh = "甲", en = "A" }
"reason.no-such-reason@station" = { zh = "乙", en = "B" }
"status.eligible@station" = { zh = "丙", en = "C" }
"reason.no-level@station" = { zh = "丁", en = "" }"#,
    );
    let problems: Vec<String> = pack.validate().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "text.reason.no-items@no-such-measure: names measure `no-such-measure`, which the pack does not have",
            "text.reason.no-level@station.en: the English text is empty",
            "text.reason.no-such-reason@station: `reason.no-such-reason` is not a reason or warning the engine says of a line",
            "text.status.eligible@station: `status.eligible` is not a reason or warning the engine says of a line",
        ]
    );
}

#[test]
fn an_industry_trigger_matches_that_industry_only_and_must_name_one_of_the_packs() {
    let pack = common::fixture();
    let matched = |industry: Option<&str>| {
        let answers = Answers {
            version: 1,
            industry: industry.map(str::to_owned),
            ..Answers::default()
        };
        let a = assess(&pack, &answers, 2024).unwrap();
        a.programmes
            .iter()
            .find(|p| p.programme == "boat-brand")
            .map(|p| p.because.clone())
    };
    assert_eq!(
        matched(Some("boats")),
        Some(vec![ipsc_engine::pack::Trigger::Industry("boats".into())])
    );
    assert_eq!(matched(Some("robots")), None);
    assert_eq!(matched(None), None);

    let source = include_str!("fixture-pack.toml")
        .replace("when = [\"industry:boats\"]", "when = [\"industry:ships\"]");
    let problems: Vec<String> = common::unchecked_pack_from(&source)
        .validate()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        ["programme[1].when: `industry:ships` names something the pack does not have"]
    );
}

#[test]
fn every_measure_must_say_what_to_do_next_in_both_languages() {
    let source = include_str!("fixture-pack.toml");
    let first = "next_steps = { zh = \"测试：向示例市知识产权局申请。\", en = \"Test: apply to the Example City IP office.\" }\n";
    assert!(source.contains(first), "the fixture's first next steps");
    let source = source.replace(first, "").replacen(
        "en = \"Test: the text gives no procedure.\"",
        "en = \"\"",
        1,
    );
    let problems: Vec<String> = common::unchecked_pack_from(&source)
        .validate()
        .iter()
        .map(|p| p.path.clone())
        .collect();
    assert_eq!(
        problems,
        ["measure[0].next_steps", "measure[1].next_steps.en"]
    );
}

/// The fixture issued later in its year than 1 January, so part of 2024 comes before it.
fn issued_in_march() -> ipsc_engine::Pack {
    let source = include_str!("fixture-pack.toml");
    assert!(source.contains("issue_date = \"2024-01-01\""));
    common::pack_from(&source.replace("issue_date = \"2024-01-01\"", "issue_date = \"2024-03-01\""))
}

#[test]
fn the_issue_year_is_warned_about_only_when_part_of_it_came_before_the_plan() {
    use ipsc_engine::codes::Warning;
    let answers = Answers {
        version: 1,
        registered_locally: Some(true),
        ..Answers::default()
    };
    let warnings = |pack: &ipsc_engine::Pack, year: i32| -> Vec<Warning> {
        let a = assess(pack, &answers, year).unwrap();
        a.warnings.iter().map(|w| w.code).collect()
    };
    let march = issued_in_march();
    assert_eq!(warnings(&march, 2023), [Warning::YearBeforeIssue]);
    assert_eq!(warnings(&march, 2024), [Warning::IssueYear]);
    assert_eq!(warnings(&march, 2025), []);
    // Issued on 1 January, the plan covers its whole issue year.
    assert_eq!(warnings(&common::fixture(), 2024), []);
}

#[test]
fn a_loans_months_before_the_plan_are_warned_about_on_its_line_and_the_amount_is_unchanged() {
    use ipsc_engine::codes::Warning;
    let march = issued_in_march();
    let pledge = |pack: &ipsc_engine::Pack, start: &str| {
        let mut answers = Answers {
            version: 1,
            registered_locally: Some(true),
            ..Answers::default()
        };
        answers.loans.push(Loan {
            principal: d("1000000"),
            start: Date::parse(start).unwrap(),
            term_months: 12,
            contract_rate: None,
        });
        let a = assess(pack, &answers, 2024).unwrap();
        a.lines.into_iter().find(|l| l.measure == "pledge").unwrap()
    };
    let codes = |line: &ipsc_engine::assess::Line| -> Vec<Warning> {
        line.warnings.iter().map(|w| w.code).collect()
    };
    // The first month, from 2024-02-29, begins before 2024-03-01.
    let before = pledge(&march, "2024-02-29");
    assert_eq!(codes(&before), [Warning::LoanBeforeIssue]);
    assert_eq!(
        before.warnings[0].clause, "c0",
        "cites the preamble, as date warnings do"
    );
    assert_eq!(before.status, Status::EligibleWithWarning);
    // 2% × 50% × 11/12 of 1,000,000, as in the pack issued on 1 January.
    assert_eq!(before.amount, d("9166.67"));
    assert_eq!(
        before.amount,
        pledge(&common::fixture(), "2024-02-29").amount
    );
    let on_the_day = pledge(&march, "2024-03-01");
    assert_eq!(codes(&on_the_day), []);
    assert_eq!(on_the_day.status, Status::Eligible);
    // A loan from 2023 whose 2024 months begin on the 31st: 2024-01-31, then 2024-02-29
    // (the month's last day), both before the plan.
    let late_in_month = pledge(&march, "2023-12-31");
    assert_eq!(codes(&late_in_month), [Warning::LoanBeforeIssue]);
}

/// A pack that names the end of its targets (`meta.targets_until`) warns about every later
/// year, citing its preamble; one that names none never does; the amounts do not change.
#[test]
fn a_year_after_the_targets_is_warned_about_only_where_the_pack_names_their_end() {
    use ipsc_engine::codes::Warning;
    let source = include_str!("fixture-pack.toml");
    let anchor = "preamble_clause = \"c0\"\n";
    assert!(source.contains(anchor));
    let with_end = common::pack_from(
        &source.replace(anchor, &format!("{anchor}targets_until = \"2025-12-31\"\n")),
    );
    let without = common::pack_from(source);
    let answers = Answers {
        version: 1,
        registered_locally: Some(true),
        ..Answers::default()
    };
    let warned = |pack: &ipsc_engine::Pack, year: i32| {
        let a = assess(pack, &answers, year).unwrap();
        a.warnings
            .iter()
            .filter(|w| w.code == Warning::AfterTargets)
            .map(|w| w.clause.clone())
            .collect::<Vec<_>>()
    };
    assert!(warned(&with_end, 2025).is_empty());
    assert_eq!(warned(&with_end, 2026), ["c0"]);
    assert_eq!(warned(&with_end, 2040), ["c0"]);
    assert!(warned(&without, 2040).is_empty());
    let total = |pack: &ipsc_engine::Pack| assess(pack, &answers, 2026).unwrap().total;
    assert_eq!(total(&with_end), total(&without));
    // An end before the issue date is refused.
    let problems = common::unchecked_pack_from(
        &source.replace(anchor, &format!("{anchor}targets_until = \"2023-12-31\"\n")),
    )
    .validate();
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("meta.targets_until")),
        "{problems:?}"
    );
}
