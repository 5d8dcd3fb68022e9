//! Properties that hold for any answers: no negative amount, caps hold, more pays more
//! where a line is eligible and never less elsewhere, lines add up, answers survive JSON
//! and reach the engine; and the number reader round-trips and never panics.
#![cfg(not(target_arch = "wasm32"))] // Reason: proptest needs the OS's randomness.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::answers::{NewerLpr, SizeFigures};
use ipsc_engine::assess::{Calculation, YEARS};
use ipsc_engine::number::{parse, parse_count, Quantity, MAX_YUAN};
use ipsc_engine::pack::Rule;
use ipsc_engine::{assess, money, Answers, Date, Line, Loan, Pack, YesNoUnsure};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(common::suizhou)
}

fn date() -> impl Strategy<Value = Date> {
    (2015i32..=2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

/// Yuan to the fen, small as often as large: uniform fen up to a trillion yuan would make
/// nearly every loan hit the cap, and the cap hides whether a larger principal pays more.
fn yuan() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1i64..=100_000_000,
        1i64..=10_000_000_000,
        1i64..=100_000_000_000_000,
    ]
    .prop_map(|fen| Decimal::new(fen, 2))
}

fn loan() -> impl Strategy<Value = Loan> {
    (
        yuan(),
        date(),
        1u32..=120,
        proptest::option::of(0u32..=1_000_000),
    )
        .prop_map(|(principal, start, term_months, rate)| Loan {
            principal,
            start,
            term_months,
            contract_rate: rate.map(|r| Decimal::new(i64::from(r), 4)),
        })
}

/// One of the pack's ids, or none.
fn one_of(ids: Vec<String>) -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::sample::select(ids))
}

fn yes_no_unsure() -> impl Strategy<Value = Option<YesNoUnsure>> {
    // Mostly yes, so that the lines that need it are often eligible.
    prop_oneof![
        3 => Just(Some(YesNoUnsure::Yes)),
        1 => Just(Some(YesNoUnsure::No)),
        1 => Just(Some(YesNoUnsure::Unsure)),
        1 => Just(None),
    ]
}

fn size() -> impl Strategy<Value = Option<SizeFigures>> {
    let amount =
        || proptest::option::of((0i64..=100_000_000_000_000).prop_map(|f| Decimal::new(f, 2)));
    proptest::option::of(
        (proptest::option::of(0u32..=5000), amount(), amount()).prop_map(
            |(staff, sales, assets)| SizeFigures {
                staff,
                sales,
                assets,
            },
        ),
    )
}

/// A newer LPR than the pack's table: from the year after its last quote, as the engine
/// requires.
fn newer_lpr() -> impl Strategy<Value = Option<NewerLpr>> {
    let after = pack().lpr.rates.last().map_or(2020, |r| r.effective.year()) + 1;
    proptest::option::of(
        (after..=2035, 1u8..=12, 1u8..=28, 1u32..=1_000_000).prop_map(|(y, m, d, rate)| NewerLpr {
            effective: Date::new(y, m, d).unwrap(),
            one_year: Decimal::new(i64::from(rate), 4),
        }),
    )
}

/// Answers the engine must take: every id is one of the pack's, every number in range.
fn answers() -> impl Strategy<Value = Answers> {
    let pack = pack();
    let regions = pack.regions.iter().map(|r| r.id.clone()).collect();
    let industries = pack.industries.iter().map(|i| i.id.clone()).collect();
    let situations: Vec<String> = pack.situations.iter().map(|s| s.id.clone()).collect();
    let situation_count = situations.len();
    let counts: Vec<_> = pack
        .counts
        .iter()
        .map(|c| (Just(c.id.clone()), proptest::option::of(0u32..=5000)))
        .collect();
    let levels: Vec<_> = pack
        .levels
        .iter()
        .map(|q| {
            let options = q.options.iter().map(|o| o.id.clone()).collect();
            (Just(q.id.clone()), one_of(options))
        })
        .collect();
    let who = (
        prop_oneof![3 => Just(Some(true)), 1 => Just(Some(false)), 1 => Just(None)],
        one_of(regions),
        one_of(industries),
        yes_no_unsure(),
        size(),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(Just(pack.meta.id.clone())),
    );
    let what = (
        counts,
        proptest::collection::vec(loan(), 0..5),
        newer_lpr(),
        levels,
        proptest::sample::subsequence(situations, 0..=situation_count),
    );
    (who, what).prop_map(
        |(
            (registered, region, industry, tech_sme, size, abnormal, dishonest, pack),
            (counts, loans, newer_lpr, levels, situations),
        )| {
            let mut a = Answers {
                version: ipsc_engine::ANSWERS_VERSION,
                pack,
                registered_locally: registered,
                region,
                industry,
                tech_sme,
                size,
                abnormal_list: abnormal,
                dishonest_list: dishonest,
                loans,
                newer_lpr,
                situations,
                ..Answers::default()
            };
            for (id, n) in counts {
                if let Some(n) = n {
                    a.counts.insert(id, n);
                }
            }
            for (id, level) in levels {
                if let Some(level) = level {
                    a.levels.insert(id, level);
                }
            }
            a
        },
    )
}

fn cap_of(id: &str) -> Option<Decimal> {
    match &pack().measure(id)?.rule {
        Rule::InterestSubsidy { cap, .. } => Some(*cap),
        _ => None,
    }
}

/// Runs a property by hand, so that the test can count what it exercised afterwards.
fn check_property<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> TestCaseResult) -> usize {
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let cases = config.cases as usize;
    if let Err(e) = TestRunner::new(config).run(&strategy, test) {
        panic!("{e}");
    }
    cases
}

proptest! {
    #[test]
    fn amounts_are_never_negative_caps_hold_and_lines_add_up(answers in answers(), year in 2016i32..=2030) {
        let a = assess(pack(), &answers, year).unwrap();
        let mut sum = Decimal::ZERO;
        for line in &a.lines {
            prop_assert!(line.amount >= Decimal::ZERO);
            prop_assert!(line.amount.scale() == 2, "{} is not to the fen", line.amount);
            if let Some(cap) = cap_of(&line.measure) {
                prop_assert!(line.amount <= cap);
            }
            if !line.status.counts() {
                prop_assert_eq!(line.amount, Decimal::ZERO);
            }
            sum += line.amount;
        }
        prop_assert_eq!(a.total, sum);
    }

    #[test]
    fn yuan_written_and_read_back_is_the_same(fen in 0i64..=100_000_000_000_000) {
        let value = Decimal::new(fen, 2);
        let written = money::yuan(value);
        prop_assert_eq!(parse(&written, Quantity::Yuan), Ok(value.normalize()));
    }

    #[test]
    fn counts_written_and_read_back_are_the_same(n in 0u32..=1_000_000) {
        let written = money::group_thousands(Decimal::from(n), 0);
        prop_assert_eq!(parse_count(&written), Ok(n));
    }

    #[test]
    fn no_string_makes_the_reader_panic(text in "\\PC{0,40}") {
        for quantity in [Quantity::Yuan, Quantity::Count, Quantity::Percent] {
            let _ = parse(&text, quantity);
        }
    }

    #[test]
    fn no_number_like_string_makes_the_reader_panic(text in "[0-9０-９.．,，万亿元¥￥%eE+\\- \u{3000}]{0,30}") {
        for quantity in [Quantity::Yuan, Quantity::Count, Quantity::Percent] {
            let _ = parse(&text, quantity);
        }
    }

    #[test]
    fn no_json_answers_make_the_engine_panic(json in "\\{\"version\":1(,\"(counts|loans|year|levels)\":[\\[\\]{}0-9\",a-z:-]{0,40})?\\}", year in YEARS) {
        if let Ok(answers) = serde_json::from_str::<Answers>(&json) {
            let _ = assess(pack(), &answers, year);
        }
    }
}

#[test]
fn no_damaged_answers_file_makes_the_engine_panic() {
    // A saved file damaged in a few characters: it still parses often enough to reach the
    // engine with values no form would give. Counted, so a damage that never parses fails.
    let reached = AtomicUsize::new(0);
    let strategy = (
        answers(),
        any::<usize>(),
        0usize..=8,
        "[\\[\\]{}0-9\",.:a-z-]{0,8}",
        YEARS,
    );
    let cases = check_property(strategy, |(answers, at, cut, insert, year)| {
        let mut json = serde_json::to_string(&answers).unwrap();
        let at = at % (json.len() + 1);
        let end = (at + cut).min(json.len());
        json.replace_range(at..end, &insert);
        if let Ok(answers) = serde_json::from_str::<Answers>(&json) {
            reached.fetch_add(1, Ordering::Relaxed);
            let _ = assess(pack(), &answers, year);
        }
        Ok(())
    });
    let reached = reached.load(Ordering::Relaxed);
    // 36 to 53 of 256 damaged files parsed in ten runs.
    assert!(
        reached >= cases / 20,
        "only {reached} of {cases} damaged files parsed"
    );
}

#[test]
fn answers_read_back_from_json_are_all_assessed() {
    let assessed = AtomicUsize::new(0);
    let cases = check_property((answers(), YEARS), |(answers, year)| {
        let json = serde_json::to_string(&answers).unwrap();
        let read: Answers = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&read, &answers);
        match assess(pack(), &read, year) {
            Ok(_) => {
                assessed.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(e) => Err(TestCaseError::fail(format!("{e} for {json}"))),
        }
    });
    // The strategy gives only answers the engine must take, so every one of them (256 by
    // default) reaches the engine and gets an assessment back.
    assert_eq!(assessed.load(Ordering::Relaxed), cases);
}

/// More of what a line counts never lowers it.
fn never_lower(before: &Line, after: &Line) -> TestCaseResult {
    prop_assert!(
        after.amount >= before.amount,
        "{}: {} then {}",
        after.measure,
        before.amount,
        after.amount
    );
    Ok(())
}

fn lines_of(answers: &Answers, year: i32) -> Vec<Line> {
    assess(pack(), answers, year).unwrap().lines
}

#[test]
fn more_patents_raise_an_eligible_reward_by_its_amount_and_change_nothing_else() {
    let strict = AtomicUsize::new(0);
    let strategy = (answers(), 1u32..=100, 2016i32..=2030);
    let cases = check_property(strategy, |(answers, extra, year)| {
        let before = lines_of(&answers, year);
        let mut more = answers.clone();
        for count in &pack().counts {
            let n = more.counts.get(&count.id).copied().unwrap_or(0);
            more.counts.insert(count.id.clone(), n + extra);
        }
        let after = lines_of(&more, year);
        for ((measure, b), a) in pack().measures.iter().zip(&before).zip(&after) {
            match &measure.rule {
                Rule::PerItem { amount, .. } if b.status.counts() => {
                    strict.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(a.status.counts(), "{}: {:?}", a.measure, a.status);
                    prop_assert_eq!(
                        a.amount,
                        b.amount + *amount * Decimal::from(extra),
                        "{}",
                        &a.measure
                    );
                }
                Rule::PerItem { .. } => never_lower(b, a)?,
                // Counts do not enter the other rules.
                _ => prop_assert_eq!(a.amount, b.amount, "{}", &a.measure),
            }
        }
        Ok(())
    });
    // 256 cases gave 78 to 112 eligible reward lines in fifteen runs; the strict branch
    // must have run often. The bound leaves room: the inputs are random on every run.
    let strict = strict.load(Ordering::Relaxed);
    assert!(
        strict >= cases / 8,
        "only {strict} eligible reward lines in {cases} cases"
    );
}

/// Whether a larger principal must raise the line: it counts, no cap cut it and it is
/// below the cap, no loan was limited to its contract interest, it is not so small that
/// rounding to the fen could hide the rise, and every principal really grew.
fn must_rise(line: &Line, cap: Decimal, answers: &Answers, factor: u32) -> bool {
    let unlimited = match &line.calculation {
        Some(Calculation::Interest { loans, .. }) => loans.iter().all(|l| !l.limited),
        _ => false,
    };
    let unclamped = answers
        .loans
        .iter()
        .all(|l| l.principal * Decimal::from(factor) <= MAX_YUAN);
    line.status.counts()
        && line.cap.is_none()
        && line.amount < cap
        && line.amount >= Decimal::new(2, 2)
        && unlimited
        && unclamped
}

/// Loans of up to 5,000,000 yuan without a contract rate, starting in the assessment
/// year: set on half the answers, so that the subsidy is often eligible and below its cap
/// (random answers seldom are: most of their loans are huge, outside the year or limited).
fn modest_loans() -> impl Strategy<Value = Vec<(Decimal, u8, u8, u32)>> {
    proptest::collection::vec(
        (
            (1i64..=500_000_000).prop_map(|fen| Decimal::new(fen, 2)),
            1u8..=12,
            1u8..=28,
            1u32..=36,
        ),
        1..=3,
    )
}

#[test]
fn a_larger_principal_raises_an_eligible_uncapped_subsidy_and_never_lowers_a_line() {
    let strict = AtomicUsize::new(0);
    let strategy = (
        answers(),
        proptest::option::of(modest_loans()),
        2u32..=50,
        2016i32..=2030,
    );
    let cases = check_property(strategy, |(mut answers, modest, factor, year)| {
        if let Some(loans) = modest {
            answers.registered_locally = Some(true);
            answers.tech_sme = Some(YesNoUnsure::Yes);
            answers.loans = loans
                .into_iter()
                .map(|(principal, m, d, term_months)| Loan {
                    principal,
                    start: Date::new(year, m, d).unwrap(),
                    term_months,
                    contract_rate: None,
                })
                .collect();
        }
        let before = lines_of(&answers, year);
        let mut more = answers.clone();
        for loan in &mut more.loans {
            loan.principal = (loan.principal * Decimal::from(factor)).min(MAX_YUAN);
        }
        let after = lines_of(&more, year);
        for ((measure, b), a) in pack().measures.iter().zip(&before).zip(&after) {
            match &measure.rule {
                Rule::InterestSubsidy { cap, .. } if must_rise(b, *cap, &answers, factor) => {
                    strict.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(
                        a.amount > b.amount,
                        "{}: {} then {}",
                        a.measure,
                        b.amount,
                        a.amount
                    );
                }
                Rule::InterestSubsidy { .. } => never_lower(b, a)?,
                // The principal does not enter the other rules.
                _ => prop_assert_eq!(a.amount, b.amount, "{}", &a.measure),
            }
        }
        Ok(())
    });
    // 256 cases gave 84 to 175 eligible, uncapped subsidy lines in sixteen runs (a bound
    // of a third once failed a clean run at 84); the strict branch must have run often.
    let strict = strict.load(Ordering::Relaxed);
    assert!(
        strict >= cases / 8,
        "only {strict} eligible subsidy lines in {cases} cases"
    );
}

#[test]
fn the_largest_answers_give_an_answer_not_a_panic() {
    let mut answers = Answers {
        version: 1,
        registered_locally: Some(true),
        tech_sme: Some(YesNoUnsure::Yes),
        ..Answers::default()
    };
    answers.counts.insert(
        "pct-invention-patents".into(),
        ipsc_engine::number::MAX_COUNT,
    );
    answers.loans = vec![
        Loan {
            principal: ipsc_engine::number::MAX_YUAN,
            start: Date::new(2025, 1, 1).unwrap(),
            term_months: 360,
            contract_rate: Some(Decimal::ONE_HUNDRED)
        };
        50
    ];
    let a = assess(pack(), &answers, 2025).unwrap();
    assert_eq!(
        a.total,
        Decimal::new(100_000_000_000, 0) + Decimal::new(200_000, 0)
    );
    answers
        .counts
        .insert("pct-invention-patents".into(), u32::MAX);
    assert!(
        assess(pack(), &answers, 2025).is_err(),
        "a count beyond the limit is refused, not computed"
    );
}
