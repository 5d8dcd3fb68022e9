//! The pack quotes the plan: its Chinese clauses are the received text, mended only as
//! POLICY-NOTES allows, and each measure's quote stands in its clause.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

/// The received text with every break between lines removed, and only the allowed mendings.
fn received_mended() -> String {
    let text: String = common::read("policies/suizhou-2024-15/source.txt")
        .split_whitespace()
        .collect();
    text.replace("保護", "保护")
}

#[test]
fn every_chinese_clause_is_quoted_from_the_received_text() {
    let pack = common::suizhou();
    let source = received_mended();
    let ids: Vec<&str> = pack.clauses.iter().map(|c| c.id.as_str()).collect();
    let mut expected = vec!["前言".to_owned()];
    expected.extend(
        [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
            "十四",
        ]
        .iter()
        .map(|n| format!("一({n})")),
    );
    expected.push("二".to_owned());
    assert_eq!(ids, expected);
    for clause in &pack.clauses {
        let quoted: String = clause.text.zh.split_whitespace().collect();
        assert!(
            source.contains(&quoted),
            "clause {} is not the received text",
            clause.id
        );
        assert!(
            !clause.text.zh.contains('護'),
            "clause {} keeps a traditional character",
            clause.id
        );
    }
}

#[test]
fn every_measure_quotes_its_clause_and_its_amounts_match_the_words() {
    let pack = common::suizhou();
    let words = [
        ("domestic-invention-patent", "每件奖励1万元", "10000"),
        ("pct-invention-patent", "每件奖励10万元", "100000"),
        ("protection-workstation", "每年给予1万元补贴", "10000"),
    ];
    for (id, phrase, amount) in words {
        let measure = pack.measure(id).unwrap();
        assert!(measure.quote.contains(phrase), "{id}");
        let rule_amount = match &measure.rule {
            ipsc_engine::pack::Rule::PerItem { amount, .. }
            | ipsc_engine::pack::Rule::FixedYearly { amount, .. } => amount.to_string(),
            ipsc_engine::pack::Rule::InterestSubsidy { .. } => String::new(),
        };
        assert_eq!(rule_amount, amount, "{id}");
    }
    let pledge = pack.measure("ip-pledge-interest").unwrap();
    assert!(pledge.quote.contains("40%") && pledge.quote.contains("不超过20万元"));
    match &pledge.rule {
        ipsc_engine::pack::Rule::InterestSubsidy { ratio, cap, .. } => assert_eq!(
            (ratio.to_string(), cap.to_string()),
            ("0.40".into(), "200000".into())
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_lpr_table_matches_the_csv() {
    let pack = common::suizhou();
    let csv = common::read("policies/suizhou-2024-15/source-lpr.csv");
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.splitn(4, ',').collect())
        .collect();
    assert_eq!(rows.len(), pack.lpr.rates.len());
    for (row, rate) in rows.iter().zip(&pack.lpr.rates) {
        assert_eq!(row[0], rate.effective.to_string());
        assert_eq!(row[1], rate.one_year.to_string());
        assert_eq!(row[2], rate.five_year.to_string());
    }
}
