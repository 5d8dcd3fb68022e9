//! Reading a pack from its TOML source, with errors that name the field and the line.
//!
//! Only native tools and the app's build script read TOML; the browser gets the pack built
//! from Rust literals and its report texts as a plain file ([`app_files`]).
//!
//! Every pack is read with the engine's own words ([`ENGINE_WORDS`]) for what its `[text]`
//! table leaves out, here and nowhere else, so that `ipsc check`, the app's build and the
//! tests all see the same pack.

use crate::i18n::Text;
use crate::pack::Pack;
use crate::validate::Problem;
use litemap::LiteMap;
use serde::de::DeserializeOwned;
use std::fmt;

/// The engine's own words about its arithmetic (money, formulas, what-ifs, joining a
/// list: every [`crate::codes::Template`]), in both languages, as TOML: `key = { zh, en }`.
/// They name no plan, so packs need not repeat them; a pack's own entry replaces one.
/// Built in rather than read, so that loading a pack reads no file but the pack.
pub const ENGINE_WORDS: &str = include_str!("../words.toml");

/// The engine's own words ([`ENGINE_WORDS`]), by key.
pub fn engine_words() -> Result<LiteMap<String, Text>, LoadError> {
    parse(ENGINE_WORDS).map_err(|e| LoadError {
        path: None,
        line: None,
        message: format!("the engine's words.toml, {e}"),
    })
}

/// Something wrong in a TOML source, located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The field (`measure[2].clause`), where known.
    pub path: Option<String>,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// What the app is built with: the pack without its report texts (built into the wasm),
/// and those texts in a file of their own, loaded when the check page or the results need
/// them.
#[derive(Clone, Debug, PartialEq)]
pub struct AppFiles {
    /// The pack, its report texts taken out.
    pub pack: Pack,
    /// The report texts as a plain text file ([`Pack::take_report_text_bytes`]).
    pub texts: Vec<u8>,
    /// The name of the texts' file, after their content ([`crate::digest::report_texts_file`]).
    pub texts_file: String,
}

/// Reads and validates a pack's TOML source and splits it into the app's files. The app's
/// build script and the build's post-build step both call this, so they always agree.
pub fn app_files(source: &str) -> Result<AppFiles, Vec<LoadError>> {
    let mut pack = from_toml(source)?;
    let texts = pack.take_report_text_bytes().map_err(|message| {
        vec![LoadError {
            path: None,
            line: None,
            message,
        }]
    })?;
    Ok(AppFiles {
        pack,
        texts_file: crate::digest::report_texts_file(&texts),
        texts,
    })
}

fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// Parses any TOML document into `T`, with the parser's own location on failure.
pub fn parse<T: DeserializeOwned>(source: &str) -> Result<T, LoadError> {
    toml::from_str(source).map_err(|e| LoadError {
        path: None,
        line: e.span().map(|span| line_of(source, span.start)),
        message: e.message().trim().to_owned(),
    })
}

/// Parses a pack and gives it the engine's words ([`ENGINE_WORDS`]) for every key its
/// `[text]` table does not have; the pack's own words win. Does not validate: see
/// [`from_toml`].
pub fn parse_pack(source: &str) -> Result<Pack, LoadError> {
    let mut pack: Pack = parse(source)?;
    for (key, words) in engine_words()? {
        if !pack.text.contains_key(&key) {
            pack.text.insert(key, words);
        }
    }
    Ok(pack)
}

/// Parses a pack with the engine's words ([`parse_pack`]) and validates it: every problem,
/// each with its line. Validation comes after the engine's words are in, so a pack need not
/// give them, and a code with words in neither place still fails.
pub fn from_toml(source: &str) -> Result<Pack, Vec<LoadError>> {
    let pack = parse_pack(source).map_err(|e| vec![e])?;
    let problems = pack.validate();
    if problems.is_empty() {
        Ok(pack)
    } else {
        Err(problems
            .into_iter()
            .map(|p| locate_problem(source, p))
            .collect())
    }
}

fn locate_problem(source: &str, problem: Problem) -> LoadError {
    LoadError {
        line: locate(source, &problem.path),
        path: Some(problem.path),
        message: problem.message,
    }
}

/// The line of a field given by its path (`measure[2].rule.amount`, `lpr.rate[0].effective`,
/// `text.money.zh`) in a pack written as arrays of tables, as packs are. Falls back to the
/// nearest enclosing table it finds.
pub fn locate(source: &str, path: &str) -> Option<usize> {
    let lines: Vec<&str> = source.lines().collect();
    let mut from = 0usize;
    let mut until = lines.len();
    let mut found = None;
    let mut table = String::new();
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let qualified = if table.is_empty() {
            name.to_owned()
        } else {
            format!("{table}.{name}")
        };
        let range = lines.get(from..until)?;
        if let Some(index) = index {
            let header = format!("[[{qualified}]]");
            let (at, _) = range
                .iter()
                .enumerate()
                .filter(|(_, l)| l.trim() == header)
                .nth(index)?;
            from += at;
            let next = lines.get(from + 1..until)?.iter().position(|l| {
                l.trim_start().starts_with("[[")
                    && !l.trim().starts_with(&format!("[[{qualified}."))
            });
            until = next.map_or(until, |n| from + 1 + n);
            found = Some(from + 1);
            table = qualified;
            continue;
        }
        let header = format!("[{qualified}]");
        let key = |l: &&str| {
            let t = l.trim_start();
            t.strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', '.']))
        };
        if let Some(at) = range.iter().position(|l| l.trim() == header) {
            from += at;
            found = Some(from + 1);
            table = qualified;
        } else if let Some(at) = range.iter().position(key) {
            from += at;
            found = Some(from + 1);
            until = from + 1;
            table = qualified;
        } else {
            return found;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "[meta]\nid = \"x\"\n\n[[measure]]\nid = \"a\"\n\n[[measure]]\nid = \"b\"\nclause = \"9\"\nrule = { kind = \"x\" }\n\n[lpr]\nlast = 1\n[[lpr.rate]]\neffective = 1\n[[lpr.rate]]\neffective = 2\n\n[text]\nmoney = { zh = \"\", en = \"\" }\n";

    #[test]
    fn finds_fields_in_arrays_of_tables() {
        assert_eq!(locate(SOURCE, "meta.id"), Some(2));
        assert_eq!(locate(SOURCE, "measure[1].clause"), Some(9));
        assert_eq!(locate(SOURCE, "measure[1].rule.amount"), Some(10));
        assert_eq!(locate(SOURCE, "measure[0].clause"), Some(4));
        assert_eq!(locate(SOURCE, "lpr.rate[1].effective"), Some(17));
        assert_eq!(locate(SOURCE, "text.money.zh"), Some(20));
        assert_eq!(locate(SOURCE, "nothing.here"), None);
    }

    #[test]
    fn the_engines_words_are_every_template_in_both_languages_and_nothing_else() {
        use crate::codes::{Code, Template};
        let words = engine_words().unwrap_or_else(|e| panic!("{e}"));
        let keys: Vec<&str> = words.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = Template::ALL.iter().map(|t| t.key()).collect();
        want.sort_unstable();
        assert_eq!(
            keys, want,
            "words.toml has words for every template and no other"
        );
        for (key, text) in words.iter() {
            assert!(!text.zh.trim().is_empty(), "{key}: no Chinese words");
            assert!(!text.en.trim().is_empty(), "{key}: no English words");
        }
    }

    #[test]
    fn parse_errors_carry_their_line() {
        let err = parse::<Pack>("[meta]\nid = \"x\"\nbogus = 1\n").err();
        assert!(err.as_ref().is_some_and(|e| e.line.is_some()), "{err:?}");
    }
}
