//! What the engine refuses, accepts and says at the edges of each answer, and the small
//! rules of a line (warnings, what-ifs, programme triggers, the size check) that the
//! pack's cases leave implicit. Each test names the behaviour; MUTANTS.md lists the
//! mutants of `assess` they were written to catch.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::answers::SizeFigures;
use ipsc_engine::assess::{AnswerProblem, Reason, Warning, WhatIf};
use ipsc_engine::codes::Code;
use ipsc_engine::number::{MAX_COUNT, MAX_YUAN};
use ipsc_engine::pack::Trigger;
use ipsc_engine::{
    assess, Answers, Assessment, Date, EngineError, Line, Loan, NewerLpr, Pack, Status, YesNoUnsure,
};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(common::suizhou)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// A registered, technology-based SME on no list: every condition met.
fn eligible() -> Answers {
    Answers {
        version: 1,
        registered_locally: Some(true),
        tech_sme: Some(YesNoUnsure::Yes),
        abnormal_list: Some(false),
        dishonest_list: Some(false),
        ..Answers::default()
    }
}

fn loan(principal: &str, start: &str, term_months: u32, contract_rate: Option<&str>) -> Loan {
    Loan {
        principal: d(principal),
        start: date(start),
        term_months,
        contract_rate: contract_rate.map(d),
    }
}

fn with_loan(loan: Loan) -> Answers {
    Answers {
        loans: vec![loan],
        ..eligible()
    }
}

fn assess_2025(answers: &Answers) -> Assessment {
    assess(pack(), answers, 2025).unwrap_or_else(|e| panic!("{e}"))
}

/// The field and problem the engine refuses the answers for, or `None` if it takes them.
fn refusal(answers: &Answers) -> Option<(String, AnswerProblem)> {
    match assess(pack(), answers, 2025) {
        Ok(_) => None,
        Err(EngineError::InvalidAnswer { field, problem }) => Some((field, problem)),
        Err(other) => panic!("expected an answer refused, got {other}"),
    }
}

fn refused(field: &str, problem: AnswerProblem) -> Option<(String, AnswerProblem)> {
    Some((field.to_owned(), problem))
}

fn line<'a>(assessment: &'a Assessment, measure: &str) -> &'a Line {
    assessment
        .lines
        .iter()
        .find(|l| l.measure == measure)
        .unwrap_or_else(|| panic!("no line {measure}"))
}

fn programmes(answers: &Answers) -> Vec<String> {
    assess_2025(answers)
        .programmes
        .into_iter()
        .map(|p| p.programme)
        .collect()
}

#[test]
fn contract_rates_from_0_to_100_percent_with_up_to_4_decimals_are_taken() {
    for rate in ["0", "0.0001", "3.1234", "100"] {
        let answers = with_loan(loan("1000000", "2025-01-01", 12, Some(rate)));
        assert_eq!(refusal(&answers), None, "contract rate {rate}");
    }
}

#[test]
fn a_contract_rate_below_0_above_100_or_with_5_decimals_is_refused() {
    let field = "loans[0].contract_rate";
    for (rate, problem) in [
        ("-0.01", AnswerProblem::NotPositive),
        ("100.01", AnswerProblem::TooLarge),
        ("3.12345", AnswerProblem::TooManyDecimals),
    ] {
        let answers = with_loan(loan("1000000", "2025-01-01", 12, Some(rate)));
        assert_eq!(refusal(&answers), refused(field, problem), "{rate}");
    }
}

#[test]
fn a_newer_lpr_must_be_above_zero_and_at_most_100_percent() {
    let newer = |rate: &str| Answers {
        newer_lpr: Some(NewerLpr {
            effective: date("2026-06-22"),
            one_year: d(rate),
        }),
        ..with_loan(loan("1000000", "2026-07-01", 12, None))
    };
    let field = "newer_lpr.one_year";
    assert_eq!(
        refusal(&newer("0")),
        refused(field, AnswerProblem::NotPositive)
    );
    assert_eq!(
        refusal(&newer("-2.9")),
        refused(field, AnswerProblem::NotPositive)
    );
    assert_eq!(
        refusal(&newer("100.0001")),
        refused(field, AnswerProblem::TooLarge)
    );
    assert_eq!(refusal(&newer("0.0001")), None);
    assert_eq!(refusal(&newer("100")), None);
}

#[test]
fn principals_up_to_one_trillion_yuan_to_the_fen_are_taken_and_no_others() {
    let field = "loans[0].principal";
    let principal = |p: &str| with_loan(loan(p, "2025-01-01", 12, None));
    assert_eq!(refusal(&principal("0.01")), None);
    assert_eq!(refusal(&principal("1234.56")), None);
    assert_eq!(
        refusal(&with_loan(Loan {
            principal: MAX_YUAN,
            ..loan("1", "2025-01-01", 12, None)
        })),
        None
    );
    assert_eq!(
        refusal(&principal("1000000000000.01")),
        refused(field, AnswerProblem::TooLarge)
    );
    assert_eq!(
        refusal(&principal("1234.565")),
        refused(field, AnswerProblem::TooManyDecimals)
    );
    assert_eq!(
        refusal(&principal("0")),
        refused(field, AnswerProblem::NotPositive)
    );
    assert_eq!(
        refusal(&principal("-1")),
        refused(field, AnswerProblem::NotPositive)
    );
}

#[test]
fn loan_terms_of_1_to_360_months_are_taken() {
    let field = "loans[0].term_months";
    let term = |months: u32| with_loan(loan("1000000", "2025-01-01", months, None));
    assert_eq!(refusal(&term(1)), None);
    assert_eq!(refusal(&term(360)), None);
    assert_eq!(refusal(&term(361)), refused(field, AnswerProblem::TooLarge));
    assert_eq!(
        refusal(&term(0)),
        refused(field, AnswerProblem::NotPositive)
    );
}

#[test]
fn counts_up_to_a_million_are_taken() {
    let mut answers = eligible();
    answers
        .counts
        .insert("domestic-invention-patents".into(), MAX_COUNT);
    assert_eq!(refusal(&answers), None);
    answers
        .counts
        .insert("domestic-invention-patents".into(), MAX_COUNT + 1);
    assert_eq!(
        refusal(&answers),
        refused("counts.domestic-invention-patents", AnswerProblem::TooLarge)
    );
}

#[test]
fn the_packs_own_regions_industries_levels_and_situations_are_taken_and_no_others() {
    let known = Answers {
        region: Some("zengdu".into()),
        industry: Some("services".into()),
        situations: vec!["exports".into(), "trademarks".into()],
        ..eligible()
    };
    let mut known = known;
    known
        .levels
        .insert("protection-workstation".into(), "city".into());
    assert_eq!(refusal(&known), None);

    let unknown_region = Answers {
        region: Some("wuhan".into()),
        ..known.clone()
    };
    assert_eq!(
        refusal(&unknown_region),
        refused("region", AnswerProblem::UnknownId)
    );
    let unknown_industry = Answers {
        industry: Some("mining".into()),
        ..known.clone()
    };
    assert_eq!(
        refusal(&unknown_industry),
        refused("industry", AnswerProblem::UnknownId)
    );
    let unknown_situation = Answers {
        situations: vec!["exports".into(), "piracy".into()],
        ..known.clone()
    };
    assert_eq!(
        refusal(&unknown_situation),
        refused("situations[1]", AnswerProblem::UnknownId)
    );
    let mut unknown_option = known.clone();
    unknown_option
        .levels
        .insert("protection-workstation".into(), "galactic".into());
    assert_eq!(
        refusal(&unknown_option),
        refused("levels.protection-workstation", AnswerProblem::UnknownId)
    );
    let mut unknown_question = known;
    unknown_question
        .levels
        .insert("laboratory".into(), "city".into());
    assert_eq!(
        refusal(&unknown_question),
        refused("levels.laboratory", AnswerProblem::UnknownId)
    );
}

#[test]
fn size_figures_from_zero_to_one_trillion_are_taken() {
    let size = |sales: &str, assets: &str| Answers {
        size: Some(SizeFigures {
            staff: Some(0),
            sales: Some(d(sales)),
            assets: Some(d(assets)),
        }),
        ..eligible()
    };
    assert_eq!(refusal(&size("0", "0")), None);
    assert_eq!(refusal(&size("1000000000000", "1000000000000")), None);
    assert_eq!(
        refusal(&size("-1", "0")),
        refused("size.sales", AnswerProblem::NotPositive)
    );
    assert_eq!(
        refusal(&size("0", "-0.01")),
        refused("size.assets", AnswerProblem::NotPositive)
    );
    assert_eq!(
        refusal(&size("1000000000000.01", "0")),
        refused("size.sales", AnswerProblem::TooLarge)
    );
}

#[test]
fn the_size_check_counts_a_figure_at_the_limit_as_within_it() {
    // The Suizhou guide: at most 500 staff, 200 million yuan of sales and of assets.
    let check = |staff: u32, money: &str| {
        let answers = Answers {
            size: Some(SizeFigures {
                staff: Some(staff),
                sales: Some(d(money)),
                assets: Some(d(money)),
            }),
            ..eligible()
        };
        let size = assess_2025(&answers).size_check.unwrap();
        (size.staff, size.sales, size.assets)
    };
    assert_eq!(
        check(500, "200000000"),
        (Some(true), Some(true), Some(true))
    );
    assert_eq!(check(1, "1"), (Some(true), Some(true), Some(true)));
    assert_eq!(
        check(501, "200000000.01"),
        (Some(false), Some(false), Some(false))
    );
    assert_eq!(assess_2025(&eligible()).size_check, None);
}

#[test]
fn a_contract_rate_equal_to_the_subsidised_share_of_the_lpr_does_not_limit_the_subsidy() {
    // 40% of the 3.10% LPR is 1.24%: the interest and the subsidy are both 12,400 yuan, and
    // the formula should not say the interest cut it.
    let a = assess_2025(&with_loan(loan("1000000", "2025-01-01", 12, Some("1.24"))));
    let pledge = line(&a, "ip-pledge-interest");
    assert_eq!(pledge.amount, d("12400.00"));
    match &pledge.calculation {
        Some(ipsc_engine::assess::Calculation::Interest { loans, .. }) => {
            assert_eq!(loans.len(), 1);
            assert_eq!(loans[0].contract_interest, Some(d("12400.00")));
            assert!(!loans[0].limited, "{:?}", loans[0]);
        }
        other => panic!("expected an interest calculation, got {other:?}"),
    }
}

#[test]
fn a_loan_older_than_the_lpr_table_with_no_months_in_the_year_is_not_eligible_rather_than_needing_a_rate(
) {
    let a = assess_2025(&with_loan(loan("1000000", "2019-01-01", 12, None)));
    let pledge = line(&a, "ip-pledge-interest");
    assert_eq!(pledge.status, Status::NotEligible);
    let reasons: Vec<Reason> = pledge.reasons.iter().map(|r| r.code).collect();
    assert_eq!(reasons, [Reason::NoLoanMonthsInYear]);
}

#[test]
fn a_condition_not_met_with_nothing_to_pay_anyway_offers_no_what_if_of_zero() {
    let answers = Answers {
        registered_locally: Some(false),
        ..eligible()
    };
    let a = assess_2025(&answers);
    let domestic = line(&a, "domestic-invention-patent");
    assert_eq!(domestic.status, Status::NotEligible);
    let reasons: Vec<Reason> = domestic.reasons.iter().map(|r| r.code).collect();
    assert_eq!(reasons, [Reason::NotRegisteredLocally, Reason::NoItems]);
    assert_eq!(domestic.what_if, Vec::<WhatIf>::new());
}

#[test]
fn credit_warnings_go_to_listed_enterprises_and_only_on_lines_that_pay() {
    let mut clean = eligible();
    clean.counts.insert("domestic-invention-patents".into(), 1);
    let a = assess_2025(&clean);
    let domestic = line(&a, "domestic-invention-patent");
    assert_eq!(domestic.status, Status::Eligible);
    assert!(domestic.warnings.is_empty(), "{:?}", domestic.warnings);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);

    let listed = Answers {
        abnormal_list: Some(true),
        ..clean
    };
    let a = assess_2025(&listed);
    let domestic = line(&a, "domestic-invention-patent");
    assert_eq!(domestic.status, Status::EligibleWithWarning);
    let codes: Vec<Warning> = domestic.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, [Warning::CreditListed]);
    // No PCT patent: nothing to pay, so nothing to warn about on that line.
    let pct = line(&a, "pct-invention-patent");
    assert_eq!(pct.status, Status::NotEligible);
    assert!(pct.warnings.is_empty(), "{:?}", pct.warnings);
}

#[test]
fn the_year_before_the_plan_and_the_year_it_was_issued_are_each_warned_about_as_such() {
    let warnings = |year: i32| -> Vec<Warning> {
        assess(pack(), &eligible(), year)
            .unwrap()
            .warnings
            .iter()
            .map(|w| w.code)
            .collect()
    };
    // Issued on 2024-07-09: part of 2024 came before it.
    assert_eq!(warnings(2023), [Warning::YearBeforeIssue]);
    assert_eq!(warnings(2024), [Warning::IssueYear]);
    assert_eq!(warnings(2025), []);
}

#[test]
fn only_a_key_industry_matches_the_key_industry_programme() {
    let industry = |id: &str| Answers {
        industry: Some(id.into()),
        ..eligible()
    };
    assert!(programmes(&industry("special-vehicles")).contains(&"high-value-ip".to_owned()));
    assert!(!programmes(&industry("services")).contains(&"high-value-ip".to_owned()));
}

#[test]
fn a_count_triggers_its_programme_from_one_item_not_from_zero() {
    let count = |n: u32| {
        let mut answers = eligible();
        answers
            .counts
            .insert("domestic-invention-patents".into(), n);
        programmes(&answers)
    };
    assert!(!count(0).contains(&"ip-use".to_owned()));
    assert!(count(1).contains(&"ip-use".to_owned()));
}

#[test]
fn a_workstation_answered_none_does_not_trigger_the_protection_programme() {
    let level = |option: &str| {
        let mut answers = eligible();
        answers
            .levels
            .insert("protection-workstation".into(), option.into());
        programmes(&answers)
    };
    assert!(!level("none").contains(&"rights-assistance".to_owned()));
    assert!(level("county").contains(&"rights-assistance".to_owned()));
}

#[test]
fn a_tech_sme_trigger_matches_only_an_enterprise_that_is_registered_as_one() {
    // The Suizhou pack has no such programme; a copy of it with one shows the rule.
    let mut pack = pack().clone();
    let programme = pack.programmes.first_mut().unwrap();
    programme.when = vec![Trigger::TechSme];
    let id = programme.id.clone();
    let matched = |tech_sme: Option<YesNoUnsure>| {
        let answers = Answers {
            tech_sme,
            ..eligible()
        };
        assess(&pack, &answers, 2025)
            .unwrap()
            .programmes
            .iter()
            .any(|p| p.programme == id)
    };
    assert!(matched(Some(YesNoUnsure::Yes)));
    assert!(!matched(Some(YesNoUnsure::No)));
    assert!(!matched(Some(YesNoUnsure::Unsure)));
    assert!(!matched(None));
}

#[test]
fn each_engine_error_names_what_is_wrong() {
    let invalid = EngineError::InvalidAnswer {
        field: "loans[1].principal".into(),
        problem: AnswerProblem::TooLarge,
    };
    assert_eq!(invalid.to_string(), "answer `loans[1].principal`: TooLarge");
    assert_eq!(
        EngineError::YearOutOfRange(1999).to_string(),
        "year 1999 is outside 2000..=2100"
    );
    assert_eq!(
        EngineError::Overflow {
            measure: "ip-pledge-interest".into()
        }
        .to_string(),
        "measure `ip-pledge-interest`: the amount is too large to compute"
    );
}

#[test]
fn each_status_has_its_key_and_only_eligible_ones_count() {
    let keys: Vec<(&str, bool)> = Status::ALL.iter().map(|s| (s.key(), s.counts())).collect();
    assert_eq!(
        keys,
        [
            ("status.eligible", true),
            ("status.eligible-with-warning", true),
            ("status.not-eligible", false),
            ("status.needs-info", false),
        ]
    );
}
