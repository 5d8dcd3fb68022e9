//! The engine's own words (money, formulas, what-ifs, lists) live once, in its
//! `words.toml`: every pack is loaded with them, and a pack's own entry replaces one.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::codes::{Code, Template};
use ipsc_engine::{assess, explain, Answers, Lang, Pack, Text};
use litemap::LiteMap;

/// The fixture's one line of engine words: it words the fixed yearly subsidy its own way.
const OWN_FIXED_YEARLY: &str =
    "\"formula.fixed-yearly\" = { zh = \"每年补贴 {amount}\", en = \"{amount} each year\" }\n";

fn engine_words() -> LiteMap<String, Text> {
    ipsc_engine::load::engine_words().unwrap()
}

#[test]
fn a_packs_own_words_replace_the_engines_and_the_engine_gives_the_rest() {
    let pack = common::fixture();
    let engine = engine_words();
    assert_eq!(
        pack.say(Template::FormulaFixedYearly, Lang::En),
        "{amount} each year"
    );
    assert_ne!(
        engine.get(Template::FormulaFixedYearly.key()).unwrap().en,
        "{amount} each year",
        "the override differs from the engine's words, or this proves nothing"
    );
    for template in Template::ALL
        .iter()
        .filter(|t| **t != Template::FormulaFixedYearly)
    {
        assert_eq!(
            pack.text.get(template.key()),
            engine.get(template.key()),
            "{}",
            template.key()
        );
    }
    let mut answers = Answers {
        version: 1,
        ..Answers::default()
    };
    answers.levels.insert("station".into(), "city".into());
    let a = assess(&pack, &answers, 2024).unwrap();
    let station = a.lines.iter().find(|l| l.measure == "station").unwrap();
    assert_eq!(
        explain::formula(&pack, station, Lang::Zh),
        ["每年补贴 5,000.00 元"]
    );
}

#[test]
fn a_pack_with_no_engine_words_loads_with_the_engines() {
    let source = include_str!("fixture-pack.toml");
    assert!(source.contains(OWN_FIXED_YEARLY), "the fixture's own words");
    let pack = common::pack_from(&source.replace(OWN_FIXED_YEARLY, ""));
    let engine = engine_words();
    for template in Template::ALL {
        assert_eq!(
            pack.text.get(template.key()),
            engine.get(template.key()),
            "{}",
            template.key()
        );
    }
}

#[test]
fn a_code_with_words_nowhere_still_fails() {
    let source = include_str!("fixture-pack.toml").replace(
        "\"status.eligible\" = { zh = \"符合条件\", en = \"Eligible\" }\n",
        "",
    );
    let errors = ipsc_engine::load::from_toml(&source).unwrap_err();
    let paths: Vec<Option<&str>> = errors.iter().map(|e| e.path.as_deref()).collect();
    assert_eq!(paths, [Some("text.status.eligible")]);
}

/// A pack that repeats the engine's words word for word only gives them a second place to
/// drift apart in.
#[test]
fn no_pack_repeats_the_engines_words() {
    let engine = engine_words();
    let dir = common::repo_file("policies");
    let mut sources: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path().join("pack.toml"))
        .filter(|path| path.is_file())
        .map(|path| {
            let source = std::fs::read_to_string(&path).unwrap();
            (path.display().to_string(), source)
        })
        .collect();
    assert!(!sources.is_empty(), "no pack under {}", dir.display());
    sources.push((
        "fixture-pack.toml".into(),
        include_str!("fixture-pack.toml").into(),
    ));
    for (name, source) in sources {
        // As written, before loading adds the engine's words.
        let pack: Pack = toml::from_str(&source).unwrap();
        let repeated: Vec<&str> = pack
            .text
            .iter()
            .filter(|(key, words)| engine.get(*key) == Some(*words))
            .map(|(key, _)| key.as_str())
            .collect();
        assert!(repeated.is_empty(), "{name} repeats {repeated:?}");
    }
}
