//! Prints the time of a full assessment and of loading the pack (targets: < 20 µs and
//! < 2 ms natively). Run with `cargo bench -p ipsc-engine`. It prints figures and asserts
//! nothing: timings on a shared machine are for reading, not for failing a build.
#![allow(clippy::expect_used, clippy::unwrap_used)] // Reason: a benchmark fails loudly.

use ipsc_engine::{assess, Answers, Date, Loan, Pack, YesNoUnsure};
use rust_decimal::Decimal;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn time<T>(name: &str, target: Duration, mut f: impl FnMut() -> T) {
    // Warm up, then take the best of several rounds: the least disturbed by other work.
    for _ in 0..100 {
        black_box(f());
    }
    let rounds = 15;
    let per_round = 2_000;
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..per_round {
            black_box(f());
        }
        best = best.min(start.elapsed() / per_round);
    }
    println!(
        "{name:<40} {:>10.2} µs   (target < {} µs)",
        best.as_secs_f64() * 1e6,
        target.as_micros()
    );
}

fn main() {
    let source = include_str!("../../../policies/suizhou-2024-15/pack.toml");
    let pack = ipsc_engine::load::from_toml(source).unwrap();
    let json = serde_json::to_string(&pack).unwrap();
    let files = ipsc_engine::load::app_files(source).unwrap();
    let mut answers = Answers {
        version: 1,
        registered_locally: Some(true),
        tech_sme: Some(YesNoUnsure::Yes),
        industry: Some("special-vehicles".into()),
        ..Answers::default()
    };
    answers
        .counts
        .insert("domestic-invention-patents".into(), 12);
    answers.counts.insert("pct-invention-patents".into(), 2);
    answers
        .levels
        .insert("protection-workstation".into(), "city".into());
    answers.situations = vec!["exports".into(), "trademarks".into(), "infringement".into()];
    for (i, month) in [1u8, 4, 7].iter().enumerate() {
        answers.loans.push(Loan {
            principal: Decimal::new(3_000_000 + i as i64, 0),
            start: Date::new(2025, *month, 15).unwrap(),
            term_months: 12,
            contract_rate: Some(Decimal::new(35, 1)),
        });
    }
    println!("ipsc-engine benchmark (best of 15 rounds of 2,000)");
    time(
        "full assessment (4 measures, 3 loans)",
        Duration::from_micros(20),
        || assess(&pack, &answers, 2025).unwrap(),
    );
    time(
        "report texts put back (app, check page)",
        Duration::from_millis(2),
        || {
            let mut full = files.pack.clone();
            full.put_report_text_bytes(&files.texts).unwrap();
            full
        },
    );
    time("pack load from JSON", Duration::from_millis(2), || {
        serde_json::from_str::<Pack>(&json).unwrap()
    });
    time(
        "pack load from TOML and validate",
        Duration::from_millis(2),
        || ipsc_engine::load::from_toml(source).unwrap(),
    );
}
