//! A loan that starts after the LPR table's last confirmed quote uses the table's last rate
//! unless the user gives a newer one; its line says so (issue 22, point 12), and only then.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::answers::YesNoUnsure;
use ipsc_engine::explain::formula;
use ipsc_engine::{assess, Answers, Date, Lang, Loan, NewerLpr};
use rust_decimal::Decimal;

fn working(start: &str, newer: Option<(&str, &str)>) -> (Vec<String>, Vec<String>, Decimal) {
    let pack = common::suizhou();
    let answers = Answers {
        version: 1,
        registered_locally: Some(true),
        tech_sme: Some(YesNoUnsure::Yes),
        loans: vec![Loan {
            principal: Decimal::from(1_000_000),
            start: start.parse::<Date>().unwrap(),
            term_months: 12,
            contract_rate: None,
        }],
        newer_lpr: newer.map(|(effective, rate)| NewerLpr {
            effective: effective.parse().unwrap(),
            one_year: rate.parse().unwrap(),
        }),
        ..Answers::default()
    };
    let a = assess(&pack, &answers, 2026).unwrap();
    let line = a
        .lines
        .iter()
        .find(|l| l.measure == "ip-pledge-interest")
        .unwrap();
    (
        formula(&pack, line, Lang::Zh),
        formula(&pack, line, Lang::En),
        line.amount,
    )
}

#[test]
fn a_loan_after_the_last_quote_says_its_rate_its_date_and_where_a_newer_one_goes() {
    let (zh, en, amount) = working("2026-02-25", None);
    assert_eq!(zh.len(), 2, "{zh:?}");
    for words in [
        "贷款1的起始日（2026-02-25）",
        "2026-02-24公布",
        "3.00%（2025-05-20起执行的1年期LPR）",
        "如果您知道比本工具更新的LPR",
    ] {
        assert!(zh[1].contains(words), "{words}: {}", zh[1]);
    }
    for words in [
        "Loan 1 starts (2026-02-25)",
        "published 2026-02-24",
        "3.00%",
        "effective 2025-05-20",
        "If you know a newer LPR than this tool",
    ] {
        assert!(en[1].contains(words), "{words}: {}", en[1]);
    }
    // The amount is the one the table's rate gives: 1,000,000 × 3.00% × 40% × 11/12 (its
    // months from 25 February to 25 December start in 2026).
    assert_eq!(amount, Decimal::new(1_100_000, 2));
}

#[test]
fn a_loan_on_the_quote_date_or_on_the_users_newer_rate_needs_no_such_words() {
    let (zh, _, _) = working("2026-02-24", None);
    assert_eq!(zh.len(), 1, "{zh:?}");
    let (zh, _, _) = working("2026-07-01", Some(("2026-06-22", "2.90")));
    assert_eq!(zh.len(), 1, "{zh:?}");
    assert!(zh[0].contains("您填写的2026-06-22起1年期LPR"), "{}", zh[0]);
    // Before the user's newer rate takes effect, the table's last rate is used: said.
    let (zh, _, _) = working("2026-03-01", Some(("2026-06-22", "2.90")));
    assert_eq!(zh.len(), 2, "{zh:?}");
}
