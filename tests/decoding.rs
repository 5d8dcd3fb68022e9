//! Properties of what the app reads from outside: share links and saved answers
//! (`storage::decode`) and what the user typed (`Form::read`).
//!
//! - Any form survives being written to a link and read back.
//! - No text makes the decoder panic, and a link changed on its way is told apart as
//!   damaged, never read as other answers.
//! - No typing makes `Form::read` panic, and the answers it gives are ones the engine takes:
//!   the form catches what the engine would refuse, so the results never show an error the
//!   user cannot fix at a field.
//!
//! Native only: proptest needs the OS's randomness, which wasm32-unknown-unknown lacks, and
//! none of this touches the browser.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use ipsc_app::form::{put, Form, Values};
use ipsc_app::kinds::keys;
use ipsc_app::policy::default_pack;
use ipsc_app::storage::{decode, encode, LinkError};
use ipsc_engine::{EngineError, Pack};
use proptest::prelude::*;

fn pack() -> &'static Pack {
    default_pack().unwrap_or_else(|e| panic!("{e}"))
}

/// The checksum the links carry, worked out here as the decoder must.
fn checksum(body: &str) -> String {
    format!("{:08x}", ipsc_engine::digest::fnv1a32(body.as_bytes()))
}

/// Another pack's copy of this one, for links that are not its own (kept for the test's
/// life, as every pack the app reads is).
fn other_pack() -> &'static Pack {
    static OTHER: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
    OTHER.get_or_init(|| {
        let mut other = pack().clone();
        other.meta.id = "another-pack".into();
        other
    })
}

/// The keys of questions with one answer each (not the ticked situations or the loans).
fn single_keys() -> Vec<String> {
    keys(pack()).single.clone()
}

/// A loan as typed, its principal, start, term and rate from these strategies.
fn loan_of<P, S, T, R>(fields: (P, S, T, R)) -> impl Strategy<Value = Values> + Clone
where
    P: Strategy<Value = String> + Clone,
    S: Strategy<Value = String> + Clone,
    T: Strategy<Value = String> + Clone,
    R: Strategy<Value = String> + Clone,
{
    fields.prop_map(|(principal, start, term, rate)| {
        let mut loan = Values::new();
        for (key, value) in [
            ("principal", principal),
            ("start", start),
            ("term", term),
            ("rate", rate),
        ] {
            put(&mut loan, key, value);
        }
        loan
    })
}

/// A form built from these strategies for its texts and for the ids the pack defines:
/// each question's answer typed, an id, a yes or no, or none.
fn form_with(
    text: impl Strategy<Value = String> + Clone,
    id: impl Strategy<Value = String> + Clone,
) -> impl Strategy<Value = Form> {
    let loan = loan_of((text.clone(), text.clone(), text.clone(), text.clone()));
    let keys = single_keys();
    let answer = proptest::option::of(prop_oneof![
        text,
        id.clone(),
        prop::sample::select(vec!["1", "0", "yes", "no", "unsure"]).prop_map(str::to_owned),
    ]);
    (
        proptest::collection::vec(answer, keys.len()),
        proptest::collection::vec(loan, 0..4),
        ticked(),
    )
        .prop_map(move |(answers, items, ticked)| {
            let mut form = Form::default();
            for item in items {
                form.push("loan", item);
            }
            for choice in ticked {
                form.toggle("situation", &choice);
            }
            for (key, answer) in keys.iter().zip(answers) {
                form.set(key, answer.unwrap_or_default());
            }
            form
        })
}

/// Choices of the question of several answers, each at most once, in any order: the only
/// ticks a form can hold (a link with any other is damaged).
fn ticked() -> impl Strategy<Value = Vec<String>> + Clone {
    let choices = keys(pack()).ticks[0].1.clone();
    let most = choices.len().min(4);
    prop::sample::subsequence(choices, 0..=most).prop_shuffle()
}

/// What people type in a field, and what they might: numbers in every form the reader
/// takes or refuses, dates real and not, and anything at all.
fn typed() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        Just(String::new()),
        "[ ]{0,2}[0-9０-９]{1,14}([.．][0-9]{0,6})?[ ]?(万|亿|万亿|元|%|件|个)?[ ]{0,2}",
        "[¥￥+\\-−]?[0-9,，]{1,16}(\\.[0-9]{0,3})?",
        "[0-9]{1,4}[eE][+-]?[0-9]{1,3}",
        "(1999|2000|2024|2025|2026|2100|2101|9999|0000)-[01][0-9]-[0-3][0-9]",
        prop::sample::select(vec![
            "0",
            "0.0",
            "00",
            "0.01",
            "0.001",
            "1",
            "12",
            "360",
            "361",
            "100",
            "100.0001",
            "99.9999",
            "3.1",
            "2.9%",
            "1000000",
            "1000001",
            "1万亿",
            "1.0000001万亿",
            "10000亿",
            "4294967295",
            "4294967296",
            "2000",
            "2100",
            "2101",
            "1999",
            "2025-02-29",
            "2024-02-29",
            "2025-05-20",
            "2025-05-21",
            "2026-01-01",
            " 2025-03-01 ",
            "-1",
            "1e5",
            "1,00,000",
            "5,000 万元",
            "500万",
            "NaN",
            "∞",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ]
}

/// Mostly what a field of this kind expects (so that answers get past the form and reach
/// the engine's checks), sometimes anything typed.
fn mostly(plausible: impl Strategy<Value = String> + Clone + 'static) -> BoxedStrategy<String> {
    prop_oneof![3 => plausible, 1 => typed()].boxed()
}

/// A yuan amount: whole, with fen, with 万 or 亿, at and past the edges.
fn yuan_typed() -> BoxedStrategy<String> {
    mostly(prop_oneof![
        "[0-9]{1,13}(\\.[0-9]{1,3})?",
        "[0-9]{1,5}(\\.[0-9]{1,6})?(万|亿|万亿)",
    ])
}

/// A day, real or not, in and out of the years the app takes.
fn date_typed() -> BoxedStrategy<String> {
    mostly(
        (
            prop::sample::select(vec![1999, 2000, 2024, 2025, 2026, 2100, 2101]),
            0u8..=13,
            0u8..=32,
        )
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
    )
}

/// A whole number, around the edges of months and counts.
fn count_typed() -> BoxedStrategy<String> {
    mostly(prop_oneof![
        (0u32..=400).prop_map(|n| n.to_string()),
        (999_990u32..=1_000_010).prop_map(|n| n.to_string()),
        "[0-9]{1,3}(\\.[0-9]{1,2})?",
    ])
}

/// A rate in percent.
fn percent_typed() -> BoxedStrategy<String> {
    mostly("[0-9]{1,3}(\\.[0-9]{1,5})?%?".prop_map(|s| s))
}

/// An id the pack defines (region, industry, count, level, option, situation) or not.
fn some_id() -> impl Strategy<Value = String> + Clone {
    let pack = pack();
    let mut ids: Vec<String> = Vec::new();
    ids.extend(pack.regions.iter().map(|c| c.id.clone()));
    ids.extend(pack.industries.iter().map(|c| c.id.clone()));
    ids.extend(pack.counts.iter().map(|c| c.id.clone()));
    ids.extend(pack.situations.iter().map(|c| c.id.clone()));
    for level in &pack.levels {
        ids.push(level.id.clone());
        ids.extend(level.options.iter().map(|c| c.id.clone()));
    }
    prop_oneof![
        4 => prop::sample::select(ids),
        1 => any::<String>(),
    ]
}

/// A form as the app could hold it: counts and levels for every question of the pack, by
/// their ids, often with loans, filled with what people type.
fn typed_form() -> impl Strategy<Value = Form> {
    let pack = pack();
    let count_keys: Vec<String> = pack
        .counts
        .iter()
        .map(|c| format!("count.{}", c.id))
        .collect();
    let level_keys: Vec<String> = pack
        .levels
        .iter()
        .map(|c| format!("level.{}", c.id))
        .collect();
    let loan = loan_of((yuan_typed(), date_typed(), count_typed(), percent_typed()));
    (
        form_with(typed(), some_id()),
        proptest::collection::vec(count_typed(), count_keys.len()),
        proptest::collection::vec(some_id(), level_keys.len()),
        proptest::option::of(Just(true)),
        proptest::collection::vec(loan, 0..4),
        (date_typed(), percent_typed()),
        (count_typed(), yuan_typed(), yuan_typed()),
    )
        .prop_map(
            move |(mut form, counts, levels, has_loans, loans, lpr, size)| {
                for (key, text) in count_keys.iter().zip(counts) {
                    form.set(key, text);
                }
                for (key, level) in level_keys.iter().zip(levels) {
                    form.set(key, level);
                }
                if has_loans.is_some() {
                    form.set("has-loans", "1");
                }
                form.groups.clear();
                for loan in loans {
                    form.push("loan", loan);
                }
                form.set("lpr-date", lpr.0);
                form.set("lpr-rate", lpr.1);
                form.set("staff", size.0);
                form.set("sales", size.1);
                form.set("assets", size.2);
                form
            },
        )
}

/// Pieces that links are made of, and that break them.
fn link_like() -> impl Strategy<Value = String> {
    // Half start as ours do, so that the pairs after the version and pack are read too.
    let start = prop::sample::select(vec!["", "v=2&p=suizhou-2024-15&"]);
    let pieces = proptest::collection::vec(
        prop::sample::select(vec![
            "v=2",
            "v=1",
            "v=",
            "p=suizhou-2024-15",
            "p=other",
            "&",
            "=",
            "%",
            "%2",
            "%zz",
            "%FF",
            "%E9",
            "%26",
            "+",
            "sum=",
            "&sum=",
            "year=2025",
            "tech-sme=yes",
            "tech-sme=maybe",
            "registered=1",
            "registered=x",
            "loan.principal=1",
            "loan.start=2025-01-01",
            "loan.term=12",
            "loan.rate=",
            "count.",
            "count.x=3",
            "level.y=city",
            "situation=exports",
            "colour=red",
            "é",
            " ",
            "#a=",
        ]),
        0..12,
    );
    (start, pieces).prop_map(|(start, pieces)| format!("{start}{}", pieces.concat()))
}

/// One change to a text: a byte replaced by another, one removed, one added, or the end
/// cut off.
#[derive(Clone, Debug)]
enum Change {
    Replace(usize, u8),
    Remove(usize),
    Insert(usize, u8),
    Truncate(usize),
}

fn change() -> impl Strategy<Value = Change> {
    let byte = prop::sample::select(b"aAz09-_.*%+&= ~#".to_vec());
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Change::Replace(i, b)),
        any::<usize>().prop_map(Change::Remove),
        (any::<usize>(), byte).prop_map(|(i, b)| Change::Insert(i, b)),
        any::<usize>().prop_map(Change::Truncate),
    ]
}

/// The text with the change made (positions taken modulo its length), or `None` when the
/// change changes nothing (a byte replaced by itself).
fn changed(text: &str, change: &Change) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let len = bytes.len();
    match *change {
        Change::Replace(i, b) => {
            let i = i % len;
            if bytes[i] == b {
                return None;
            }
            bytes[i] = b;
        }
        Change::Remove(i) => {
            bytes.remove(i % len);
        }
        Change::Insert(i, b) => bytes.insert(i % (len + 1), b),
        Change::Truncate(i) => bytes.truncate(i % len),
    }
    // The links are ASCII and so are the changes.
    Some(String::from_utf8(bytes).unwrap())
}

proptest! {
    #[test]
    fn any_form_survives_the_round_trip(form in form_with(any::<String>(), any::<String>())) {
        let text = encode(pack(), &form);
        prop_assert_eq!(decode(pack(), &text), Ok(form));
        prop_assert_eq!(decode(other_pack(), &text), Err(LinkError::OtherPack));
    }

    #[test]
    fn no_text_makes_the_decoder_panic_and_only_a_good_checksum_is_read(
        text in prop_oneof![any::<String>(), link_like()],
        with_sum in any::<bool>(),
    ) {
        // With a right checksum the text gets past it, so the pairs' reading is tried too.
        let text = if with_sum { format!("{text}&sum={}", checksum(&text)) } else { text };
        if let Ok(form) = decode(pack(), &text) {
            let (body, sum) = text.trim().rsplit_once("&sum=").unwrap();
            prop_assert_eq!(checksum(body), sum);
            // What was read is a form the app itself could have written.
            prop_assert_eq!(decode(pack(), &encode(pack(), &form)), Ok(form));
        }
    }

    #[test]
    fn a_changed_link_is_damaged_not_other_answers(
        form in form_with(typed(), some_id()),
        change in change(),
    ) {
        let text = encode(pack(), &form);
        let Some(altered) = changed(&text, &change) else { return Ok(()) };
        let read = decode(pack(), &altered);
        match change {
            // FNV-1a tells apart any two texts of one length that differ in one byte, and
            // a cut link has lost at least part of its checksum: always damaged.
            Change::Replace(..) | Change::Truncate(_) => {
                prop_assert_eq!(read, Err(LinkError::Damaged), "{} -> {}", text, altered);
            }
            // A byte more or less could meet the checksum by chance (one in 2^32), and a
            // space added at either end is trimmed; never other answers.
            Change::Remove(_) | Change::Insert(..) => {
                prop_assert!(
                    read == Err(LinkError::Damaged) || read == Ok(form),
                    "{} -> {}: {:?}", text, altered, read
                );
            }
        }
    }

}

proptest! {
    // More cases than the default 256: a loan gets past the form in about one case in
    // fourteen, and those are the ones that reach the engine's checks of loans.
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn reading_the_form_never_panics_and_gives_answers_the_engine_takes(
        form in typed_form(),
        default_year in 2000i32..=2100,
    ) {
        let pack = pack();
        let (answers, _errors) = form.read(pack, default_year);
        let year = answers.year.unwrap_or(default_year);
        match ipsc_engine::assess(pack, &answers, year) {
            Ok(_) => {}
            Err(e @ EngineError::InvalidAnswer { .. }) => {
                prop_assert!(false, "the form let through what the engine refuses: {}\n{:?}\n{:?}", e, form, answers);
            }
            Err(e) => prop_assert!(false, "{}\n{:?}", e, answers),
        }
    }
}

#[test]
fn a_link_with_its_checksum_but_not_ours_is_damaged_or_another_packs() {
    for body in [
        "",
        "v=2",
        "p=suizhou-2024-15&v=2",
        "v=2&p=suizhou-2024-15&sum=0",
    ] {
        let text = format!("{body}&sum={}", checksum(body));
        assert_eq!(decode(pack(), &text), Err(LinkError::Damaged), "{body}");
    }
    for body in ["v=3&p=suizhou-2024-15", "v=2&p=other", "v=2&p="] {
        let text = format!("{body}&sum={}", checksum(body));
        assert_eq!(decode(pack(), &text), Err(LinkError::OtherPack), "{body}");
    }
}
