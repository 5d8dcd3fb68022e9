//! Properties that hold for any answers: no negative amount, caps hold, more never pays
//! less, lines add up; and the number reader round-trips and never panics.
#![cfg(not(target_arch = "wasm32"))] // Reason: proptest needs the OS's randomness.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::number::{parse, parse_count, Quantity};
use ipsc_engine::pack::Rule;
use ipsc_engine::{assess, money, Answers, Date, Loan, Pack, YesNoUnsure};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(common::suizhou)
}

fn date() -> impl Strategy<Value = Date> {
    (2015i32..=2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn yuan() -> impl Strategy<Value = Decimal> {
    (1i64..=100_000_000_000_000).prop_map(|fen| Decimal::new(fen, 2))
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

fn answers() -> impl Strategy<Value = Answers> {
    let levels = ["none", "county", "city", "province", "national"];
    (
        proptest::option::of(any::<bool>()),
        proptest::option::of(prop_oneof![
            Just(YesNoUnsure::Yes),
            Just(YesNoUnsure::No),
            Just(YesNoUnsure::Unsure)
        ]),
        any::<bool>(),
        0u32..=5000,
        0u32..=500,
        proptest::collection::vec(loan(), 0..5),
        proptest::sample::select(levels.to_vec()),
    )
        .prop_map(|(local, sme, listed, domestic, pct, loans, level)| {
            let mut a = Answers {
                version: 1,
                registered_locally: local,
                tech_sme: sme,
                abnormal_list: Some(listed),
                loans,
                ..Answers::default()
            };
            a.counts
                .insert("domestic-invention-patents".into(), domestic);
            a.counts.insert("pct-invention-patents".into(), pct);
            a.levels
                .insert("protection-workstation".into(), level.into());
            a
        })
}

fn cap_of(id: &str) -> Option<Decimal> {
    match &pack().measure(id)?.rule {
        Rule::InterestSubsidy { cap, .. } => Some(*cap),
        _ => None,
    }
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
    fn more_patents_never_lower_a_line(answers in answers(), extra in 1u32..=100, year in 2020i32..=2030) {
        let before = assess(pack(), &answers, year).unwrap();
        let mut more = answers.clone();
        for (_, n) in more.counts.iter_mut() { *n += extra; }
        let after = assess(pack(), &more, year).unwrap();
        for (b, a) in before.lines.iter().zip(&after.lines) {
            prop_assert!(a.amount >= b.amount, "{}: {} then {}", a.measure, b.amount, a.amount);
        }
    }

    #[test]
    fn a_larger_principal_never_lowers_a_line(answers in answers(), factor in 1u32..=50, year in 2020i32..=2030) {
        let before = assess(pack(), &answers, year).unwrap();
        let mut more = answers.clone();
        for loan in &mut more.loans {
            loan.principal = (loan.principal * Decimal::from(factor)).min(ipsc_engine::number::MAX_YUAN);
        }
        let after = assess(pack(), &more, year).unwrap();
        for (b, a) in before.lines.iter().zip(&after.lines) {
            prop_assert!(a.amount >= b.amount, "{}: {} then {}", a.measure, b.amount, a.amount);
        }
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
    fn no_json_answers_make_the_engine_panic(json in "\\{\"version\":1(,\"(counts|loans|year|levels)\":[\\[\\]{}0-9\",a-z:-]{0,40})?\\}", year in any::<i32>()) {
        if let Ok(answers) = serde_json::from_str::<Answers>(&json) {
            let _ = assess(pack(), &answers, year);
        }
    }
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
