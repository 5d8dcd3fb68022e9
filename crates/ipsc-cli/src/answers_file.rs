//! Reading an answers file for `ipsc assess`, and saying what is wrong with one in words a
//! person can act on: the file, the line and column, the field as written in the file
//! (`loans[0].start`) and the problem with its value.
//!
//! A file is either the answers alone or the app's download, `{"answers": {…}, …}`. Which
//! one is decided from the top level first, so that the error is the one of that shape
//! (an untagged enum would try both and only say that neither fitted).

use ipsc_engine::assess::{AnswerProblem, MAX_TERM_MONTHS, YEARS};
use ipsc_engine::date::DateError;
use ipsc_engine::number::{MAX_COUNT, MAX_YUAN};
use ipsc_engine::{money, Answers, EngineError, Pack, ANSWERS_VERSION};
use serde::Deserialize;
use serde_json::Value;

const SHAPE: &str = "see policies/ANSWERS.md";

/// The app's download: the answers, with the assessment beside them (which is not read:
/// `assess` works it out again).
#[derive(Deserialize)]
struct Export {
    answers: Answers,
}

/// Answers read from a file, with what is needed to word the engine's complaints about them.
pub struct AnswersFile {
    /// The answers.
    pub answers: Answers,
    /// Where the answers sit in the file: `answers.` in the app's download, nothing when bare.
    prefix: &'static str,
    /// The answers as JSON, to quote the value an engine complaint is about.
    json: Value,
}

/// Reads the answers from a file's text; `name` is how errors name the file.
pub fn read(name: &str, text: &str) -> Result<AnswersFile, String> {
    if text.trim().is_empty() {
        return Err(format!(
            "{name}: the file is empty: expected answers as a JSON object ({SHAPE})"
        ));
    }
    let json: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "{name}:{}:{}: not valid JSON: {}",
            e.line(),
            e.column(),
            without_position(&e)
        )
    })?;
    let Value::Object(top) = json else {
        return Err(format!(
            "{name}: expected a JSON object (the answers, or the app's download with \
             \"answers\" in it), found {} ({SHAPE})",
            kind(&json)
        ));
    };
    let mut reader = serde_json::Deserializer::from_str(text);
    let (answers, prefix) = if top.contains_key("answers") {
        serde_path_to_error::deserialize::<_, Export>(&mut reader).map(|e| (e.answers, "answers."))
    } else {
        serde_path_to_error::deserialize::<_, Answers>(&mut reader).map(|a| (a, ""))
    }
    .map_err(|e| {
        let inner = e.inner();
        let root = Value::Object(top.clone());
        let at = e.path().to_string();
        let (field, problem) = problem(&at, &without_position(inner), lookup(&root, &at));
        format!(
            "{name}:{}:{}: {field}: {problem}",
            inner.line(),
            inner.column()
        )
    })?;
    let json = match prefix {
        "" => Value::Object(top),
        _ => top.get("answers").cloned().unwrap_or(Value::Null),
    };
    Ok(AnswersFile {
        answers,
        prefix,
        json,
    })
}

/// serde_json's message without the " at line L column C" it ends with: the position is
/// written first, as `file:line:column`, the way compilers and editors read it.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// What kind of JSON value it is, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The value at a field path as written in messages (`loans[0].start`, `counts.x`).
fn lookup<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    if path == "." {
        return Some(root);
    }
    path.split('.').try_fold(root, |value, part| {
        let (key, indices) = part.split_once('[').unwrap_or((part, ""));
        let mut value = if key.is_empty() {
            value
        } else {
            value.get(key)?
        };
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            value = value.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
        Some(value)
    })
}

/// The field and the problem, in words, from serde's message about the value at `path`.
fn problem(path: &str, message: &str, value: Option<&Value>) -> (String, String) {
    let field = |name: &str| {
        if path == "." {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    // serde names the missing or unknown field in its message, and the path stops at the
    // object that holds it: name the field itself.
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return (field(name), format!("is missing ({SHAPE})"));
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(", ");
        let expected = expected.strip_prefix("expected one of ").map_or_else(
            || expected.to_owned(),
            |f| format!("the fields here are {f}"),
        );
        // A path that already ends with the unknown key names it once.
        let at = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_owned()
        } else {
            field(name)
        };
        return (
            at,
            format!("is not a field of this shape; {expected} ({SHAPE})"),
        );
    }
    let shown = value.map_or_else(String::new, Value::to_string);
    for date_error in [DateError::Format, DateError::NoSuchDay] {
        if message == date_error.to_string() {
            return (path.to_owned(), format!("{shown} is not a date: {message}"));
        }
    }
    let mut words = message.to_owned();
    for (serde_says, we_say) in [
        (
            "a Decimal type representing a fixed-point number",
            "a decimal number in quotes, such as \"5000000.00\"",
        ),
        // The engine states each quantity's own limit once the file is read.
        ("expected u32", "expected a whole number"),
        ("expected i32", "expected a whole number such as 2025"),
        ("expected a boolean", "expected true or false"),
        ("expected a string", "expected text in quotes"),
        ("expected a sequence", "expected a list in [ ]"),
        (
            "expected a map produced by LiteMap",
            "expected an object in { }",
        ),
        (
            "expected struct Answers",
            "expected the answers, an object in { }",
        ),
        ("expected struct Loan", "expected a loan, an object in { }"),
        ("expected struct SizeFigures", "expected an object in { }"),
        ("expected struct NewerLpr", "expected an object in { }"),
        ("expected struct Export", "expected an object in { }"),
    ] {
        words = words.replace(serde_says, we_say);
    }
    (path.to_owned(), words)
}

impl AnswersFile {
    /// The engine's complaint about these answers in words, at the field as written in the file.
    pub fn engine_error(&self, pack: &Pack, error: &EngineError) -> String {
        match error {
            EngineError::InvalidAnswer { field, problem } => {
                // An unknown count or level question is its key, not its value.
                let about_key = *problem == AnswerProblem::UnknownId
                    && (field.starts_with("counts.")
                        || field
                            .strip_prefix("levels.")
                            .is_some_and(|id| pack.level(id).is_none()));
                let found = lookup(&self.json, field)
                    .filter(|_| !about_key)
                    .map_or_else(String::new, |v| format!(" (the file says {v})"));
                let words = self.invalid(pack, field, *problem);
                format!("{}{field}: {words}{found}", self.prefix)
            }
            EngineError::YearOutOfRange(year) => format!(
                "year: {year} is outside the years the tool assesses, {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
            EngineError::Overflow { .. } => error.to_string(),
        }
    }

    fn invalid(&self, pack: &Pack, field: &str, problem: AnswerProblem) -> String {
        let is_yuan =
            field.ends_with(".principal") || field == "size.sales" || field == "size.assets";
        match problem {
            AnswerProblem::UnknownId => unknown_id(pack, field),
            AnswerProblem::NotPositive
                if field.ends_with(".contract_rate") || field.starts_with("size.") =>
            {
                "must be zero or more".to_owned()
            }
            AnswerProblem::NotPositive => "must be more than zero".to_owned(),
            AnswerProblem::TooLarge => {
                let limit = if is_yuan {
                    format!("{} yuan", money::yuan(MAX_YUAN))
                } else if field.ends_with(".term_months") {
                    format!("{MAX_TERM_MONTHS} months")
                } else if field.starts_with("counts.") {
                    MAX_COUNT.to_string()
                } else {
                    "100 (percent)".to_owned()
                };
                format!("is too large: at most {limit}")
            }
            AnswerProblem::TooManyDecimals if is_yuan => {
                "has too many decimals: yuan go to the fen, 2 decimals".to_owned()
            }
            AnswerProblem::TooManyDecimals => {
                "has too many decimals: a rate in percent takes at most 4".to_owned()
            }
            AnswerProblem::NotNewer => match pack.lpr.rates.last() {
                Some(last) => format!(
                    "must be later than the pack's last LPR quote, effective {}",
                    last.effective
                ),
                None => "must be later than the pack's LPR quotes".to_owned(),
            },
            AnswerProblem::Version if self.answers.version == 0 => format!(
                "is missing or 0: answers of this shape say \"version\": {ANSWERS_VERSION} ({SHAPE})"
            ),
            AnswerProblem::Version => format!(
                "must be {ANSWERS_VERSION}: this tool reads the shape of version \
                 {ANSWERS_VERSION} only, described in policies/ANSWERS.md"
            ),
        }
    }
}

/// An id the pack does not know, with the ids it does.
fn unknown_id(pack: &Pack, field: &str) -> String {
    fn one_of(ids: Vec<&str>) -> String {
        ids.join(", ")
    }
    fn choices(list: &[ipsc_engine::pack::Choice]) -> Vec<&str> {
        list.iter().map(|c| c.id.as_str()).collect()
    }
    if field == "region" {
        format!(
            "is not a region of this pack; it has: {}",
            one_of(choices(&pack.regions))
        )
    } else if field == "industry" {
        let ids = pack.industries.iter().map(|c| c.id.as_str()).collect();
        format!("is not an industry of this pack; it has: {}", one_of(ids))
    } else if field.starts_with("counts.") {
        let ids = pack.counts.iter().map(|c| c.id.as_str()).collect();
        format!("the pack counts no such items; it counts: {}", one_of(ids))
    } else if let Some(id) = field.strip_prefix("levels.") {
        match pack.level(id) {
            Some(question) => format!(
                "is not one of this question's levels: {}",
                one_of(choices(&question.options))
            ),
            None => {
                let ids = pack.levels.iter().map(|c| c.id.as_str()).collect();
                format!(
                    "the pack asks no such level question; it asks: {}",
                    one_of(ids)
                )
            }
        }
    } else if field.starts_with("situations[") {
        format!(
            "is not a situation of this pack; it has: {}",
            one_of(choices(&pack.situations))
        )
    } else {
        "is not an id this pack knows".to_owned()
    }
}
