//! What the user has typed, kept exactly as typed, and how it becomes the engine's answers.
//!
//! The form never loses a keystroke: a value that does not parse stays in the form with
//! its error, and the answers simply leave it out until it is fixed. The form knows no
//! question by name: it keeps each answer under its question's key; how an answer is read
//! is its kind's (`kinds`).

pub use crate::questions::Step;
use ipsc_engine::{Answers, Text};
use litemap::LiteMap;
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicU32, Ordering};

/// Answers by question key, as typed or chosen.
pub type Values = LiteMap<String, String>;

/// Everything typed or chosen, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// Each question's answer by its key, as typed or as the value of the choice made
    /// (yes and no are `1` and `0`); an empty answer is not kept.
    pub values: Values,
    /// The choices ticked in each question of several answers (`situation`), by its key,
    /// in the order ticked.
    pub ticked: LiteMap<String, Vec<String>>,
    /// The items added to each repeated group (`loan`), by its key, each its answers by
    /// key.
    pub groups: LiteMap<String, Vec<Item>>,
}

/// One item of a repeated group (a loan): its answers, and an id that names it on screen
/// while items before it come and go.
#[derive(Clone, Debug)]
pub struct Item {
    /// Names the item for as long as the page lives; never kept or compared.
    pub id: u32,
    /// Its answers by key.
    pub values: Values,
}

/// The next item's id.
static NEXT_ITEM: AtomicU32 = AtomicU32::new(1);

impl Item {
    /// An item with these answers, and an id of its own.
    pub fn new(values: Values) -> Item {
        Item {
            id: NEXT_ITEM.fetch_add(1, Ordering::Relaxed),
            values,
        }
    }
}

/// Two items are the same answers whatever their ids: the id only names an item on screen.
impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values
    }
}

/// A field that needs fixing: its element id and what to say.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The id of the field's input (or of the first input of a group).
    pub field: String,
    /// The step it is on.
    pub step: Step,
    /// What is wrong.
    pub message: Text,
    /// The item it is in (`Loan 2`), said before it in the error summary.
    pub within: Option<Text>,
    /// Whether an answer was given that cannot be taken (text that is no number, a date
    /// that does not exist, a choice the question does not offer), as against one not
    /// given yet. No estimate is shown while any answer is refused: it would be computed
    /// as if that answer had not been given.
    pub refused: bool,
}

/// The most characters a typed answer may have: more than the longest answer a person
/// could mean (`12,345,678,901.23 元`, `2025-03-01`, `3.45 %`), so a longer one is a slip
/// (a paste of something else) and gets an error.
pub const MAX_CHARS: usize = 40;

/// The most items a repeated group takes (loans): far more than one enterprise's pledge
/// loans in a year, and a bound on what a link can make the page draw.
pub const MAX_ITEMS: usize = 50;

/// The most characters the form keeps of a typed answer: enough to show the person what
/// went wrong, never the megabyte of a stray paste on the check page or in a link.
pub const KEPT_CHARS: usize = 100;

/// Marks that take no room on screen (zero-width spaces and joiners, direction marks and
/// overrides, the byte-order mark, the soft hyphen): a paste from a document can carry
/// them, and a direction override can show `123` as `321`. The form drops them, so what the
/// field, the check page and a link show is what is read.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// What the form keeps of a typed text: without invisible marks, and at most
/// [`KEPT_CHARS`] characters.
pub fn tidy(text: String) -> String {
    if text.len() <= KEPT_CHARS && text.is_ascii() {
        return text;
    }
    text.chars()
        .filter(|c| !is_invisible(*c))
        .take(KEPT_CHARS)
        .collect()
}

/// Sets one of a value's answers, [`tidy`]: an empty one is not kept, so that a form
/// emptied by hand is untouched again.
pub fn put(values: &mut Values, key: &str, value: String) {
    let value = tidy(value);
    if value.is_empty() {
        values.remove(key);
    } else {
        values.insert(key.to_owned(), value);
    }
}

/// One of a value's answers, empty if there is none.
pub fn get<'v>(values: &'v Values, key: &str) -> &'v str {
    values.get(key).map_or("", String::as_str)
}

/// Whether the form's groups have room for one more item: up to the most a link may carry,
/// so every form the page makes can be shared.
fn room(items: &[Item]) -> bool {
    items.len() < MAX_ITEMS
}

impl Form {
    /// A form with nothing answered but the assessment year, which has a default.
    pub fn new(default_year: i32) -> Form {
        let mut form = Form::default();
        form.set("year", default_year.to_string());
        form
    }

    /// A form with these answers, by question key (`("registered", "1")`).
    pub fn answered(answers: &[(&str, &str)]) -> Form {
        let mut form = Form::default();
        for (key, value) in answers {
            form.set(key, *value);
        }
        form
    }

    /// The answer to a question, by its key; empty if there is none.
    pub fn get(&self, key: &str) -> &str {
        get(&self.values, key)
    }

    /// Sets the answer to a question, by its key.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        put(&mut self.values, key, value.into());
    }

    /// The choices ticked in a question of several answers, in the order ticked.
    pub fn ticked(&self, key: &str) -> &[String] {
        self.ticked.get(key).map_or(&[], Vec::as_slice)
    }

    /// Ticks a choice, or unticks it if it was ticked.
    pub fn toggle(&mut self, key: &str, choice: &str) {
        let ticked = match self.ticked.get_mut(key) {
            Some(ticked) => ticked,
            None => {
                self.ticked.insert(key.to_owned(), Vec::new());
                match self.ticked.get_mut(key) {
                    Some(ticked) => ticked,
                    None => return,
                }
            }
        };
        match ticked.iter().position(|t| t == choice) {
            Some(i) => {
                ticked.remove(i);
            }
            None => ticked.push(choice.to_owned()),
        }
        if ticked.is_empty() {
            self.ticked.remove(key);
        }
    }

    /// The items of a repeated group.
    pub fn items(&self, group: &str) -> &[Item] {
        self.groups.get(group).map_or(&[], Vec::as_slice)
    }

    /// Adds an empty item to a group, if it has room; its index.
    pub fn add(&mut self, group: &str) -> Option<usize> {
        self.push(group, Values::new())
    }

    /// Adds an item with these answers to a group, if it has room; its index.
    pub fn push(&mut self, group: &str, values: Values) -> Option<usize> {
        if self.groups.get(group).is_none() {
            self.groups.insert(group.to_owned(), Vec::new());
        }
        let items = self.groups.get_mut(group)?;
        room(items).then(|| {
            items.push(Item::new(values));
            items.len() - 1
        })
    }

    /// Removes the item with this id from a group; the index it had.
    pub fn remove(&mut self, group: &str, id: u32) -> Option<usize> {
        let items = self.groups.get_mut(group)?;
        let at = items.iter().position(|i| i.id == id)?;
        items.remove(at);
        if items.is_empty() {
            self.groups.remove(group);
        }
        Some(at)
    }

    /// Sets an answer of the item with this id.
    pub fn set_in(&mut self, group: &str, id: u32, key: &str, value: String) {
        if let Some(item) = self
            .groups
            .get_mut(group)
            .and_then(|items| items.iter_mut().find(|i| i.id == id))
        {
            put(&mut item.values, key, value);
        }
    }

    /// Whether nothing has been answered (the year aside, which always has a value).
    pub fn is_untouched(&self) -> bool {
        self.ticked.is_empty()
            && self.groups.is_empty()
            && self.values.iter().all(|(key, _)| key == "year")
    }
}

/// What reading the form gives (`kinds`): the answers so far, what needs fixing, and each
/// money field's amount as understood (read once, shown beside the field).
#[derive(Debug, Default, PartialEq)]
pub struct Reading {
    /// The answers the form gives so far.
    pub answers: Answers,
    /// What needs fixing, step by step.
    pub errors: Vec<FieldError>,
    /// Each money field's amount as understood, by field id.
    pub understood: Vec<(String, Decimal)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::default_pack;
    use crate::strings;

    fn complete() -> Form {
        Form::answered(&[
            ("registered", "1"),
            ("tech-sme", "yes"),
            ("abnormal", "0"),
            ("dishonest", "0"),
            ("has-loans", "0"),
            ("count.domestic-invention-patents", "3"),
            ("count.pct-invention-patents", "0"),
            ("level.protection-workstation", "none"),
        ])
    }

    #[test]
    fn a_complete_form_gives_answers_and_no_errors() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let (answers, errors) = complete().read(pack, 2025);
        assert_eq!(errors, vec![]);
        assert_eq!(answers.counts.get("domestic-invention-patents"), Some(&3));
        assert_eq!(answers.year, Some(2025));
    }

    #[test]
    fn each_problem_is_reported_at_its_field_and_step() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let mut form = complete();
        form.set("year", "1999");
        form.set("count.domestic-invention-patents", "2.5");
        form.set("has-loans", "1");
        let mut loan = Values::new();
        put(&mut loan, "principal", "500万".into());
        put(&mut loan, "start", "2025-02-30".into());
        put(&mut loan, "term", "0".into());
        form.push("loan", loan);
        let (answers, errors) = form.read(pack, 2025);
        let found: Vec<(&str, u8, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.step.number(), e.message.en.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("ipsc-year", 1, crate::questions::ERR_YEAR.en),
                (
                    "ipsc-count-domestic-invention-patents",
                    2,
                    strings::ERR_NOT_WHOLE.en
                ),
                ("ipsc-loan-0-start", 3, strings::ERR_DATE.en),
                ("ipsc-loan-0-term", 3, crate::questions::ERR_TERM.en),
            ]
        );
        assert!(
            answers.loans.is_empty(),
            "an incomplete loan is left out, not guessed"
        );
        assert_eq!(
            form.items("loan")
                .first()
                .map(|l| get(&l.values, "principal")),
            Some("500万"),
            "what was typed is kept"
        );
        // Loans asked for and none added: the error is at the question that asked.
        form.groups.clear();
        let (_, errors) = form.read(pack, 2025);
        assert!(
            errors
                .iter()
                .any(|e| (e.field.as_str(), e.step, e.message.en.as_str())
                    == (
                        "ipsc-has-loans-yes",
                        Step::Loans,
                        crate::questions::ERR_ADD_LOAN.en
                    )),
            "{errors:?}"
        );
    }
    fn refused(form: &Form) -> Vec<(String, String)> {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let (_, errors) = form.read(pack, 2025);
        errors
            .into_iter()
            .filter(|e| e.refused)
            .map(|e| (e.field, e.message.en))
            .collect()
    }

    #[test]
    fn an_answer_given_that_cannot_be_taken_is_refused_and_one_not_given_is_not() {
        assert_eq!(refused(&complete()), vec![], "a complete form");
        assert_eq!(refused(&Form::new(2025)), vec![], "nothing answered yet");
        let field = |key: &str| format!("ipsc-{}", key.replace('.', "-"));
        for (key, value, message) in [
            (
                "count.domestic-invention-patents",
                "abc",
                strings::ERR_NOT_A_NUMBER.en,
            ),
            (
                "count.domestic-invention-patents",
                "-5",
                strings::ERR_SIGN.en,
            ),
            (
                "count.domestic-invention-patents",
                "1e3",
                strings::ERR_EXPONENT.en,
            ),
            (
                "count.domestic-invention-patents",
                "３O",
                strings::ERR_NOT_A_NUMBER.en,
            ),
            ("year", "1999", crate::questions::ERR_YEAR.en),
            ("registered", "2", strings::ERR_NOT_A_CHOICE.en),
            ("region", "planet", strings::ERR_NOT_A_CHOICE.en),
        ] {
            let mut form = complete();
            form.set(key, value);
            let found = refused(&form);
            let at = if key == "registered" {
                "ipsc-registered-yes".to_owned()
            } else {
                field(key)
            };
            assert!(
                found.iter().any(|(f, m)| *f == at && m == message),
                "{key}={value}: {found:?}"
            );
        }
    }

    #[test]
    fn a_paste_longer_than_any_answer_is_cut_to_what_the_form_keeps_and_refused() {
        let mut form = complete();
        form.set("count.pct-invention-patents", "1".repeat(1_000_000));
        assert_eq!(form.get("count.pct-invention-patents").len(), KEPT_CHARS);
        let too_long = strings::fill(strings::ERR_TOO_LONG.en, &[("n", &MAX_CHARS.to_string())]);
        assert_eq!(
            refused(&form),
            vec![("ipsc-count-pct-invention-patents".to_owned(), too_long)]
        );
        assert!(strings::ERR_TOO_LONG.zh.contains("{n}"));
        // The longest answers a person could mean still fit.
        for text in ["12,345,678,901.23 元", "人民币 1,234,567,890.12 元（含税）"] {
            assert!(text.chars().count() <= MAX_CHARS, "{text}");
        }
    }

    #[test]
    fn invisible_and_direction_marks_are_dropped_where_the_form_keeps_text() {
        let mut form = complete();
        for mark in ['\u{200b}', '\u{200e}', '\u{200f}', '\u{202e}', '\u{feff}'] {
            form.set("count.pct-invention-patents", format!("1{mark}2"));
            assert_eq!(
                form.get("count.pct-invention-patents"),
                "12",
                "U+{:04X}",
                u32::from(mark)
            );
            assert_eq!(refused(&form), vec![]);
        }
        form.set("count.pct-invention-patents", "\u{200b}");
        assert_eq!(
            form.get("count.pct-invention-patents"),
            "",
            "a mark alone is no answer"
        );
    }
}
