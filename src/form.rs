//! What the user has typed, kept exactly as typed, and how it becomes the engine's answers.
//!
//! The form never loses a keystroke: a value that does not parse stays in the form with
//! its error, and the answers simply leave it out until it is fixed. The form knows no
//! question by name: it keeps each answer under its question's key and reads it as the
//! question table ([`crate::questions`]) says.

pub use crate::questions::Step;
use crate::questions::{flatten, item_field, questions, Answer, Kind, Lens, Need, Question, Value};
use crate::strings::{self, Tr};
use ipsc_engine::number::{parse, NumberError, Quantity};
use ipsc_engine::{Answers, Date, Loan, NewerLpr, Pack, Text, ANSWERS_VERSION};
use litemap::LiteMap;
use rust_decimal::Decimal;

/// Answers by question key, as typed or chosen.
pub type Values = LiteMap<String, String>;

/// Everything typed or chosen, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// Each question's answer by its key, as typed or as the value of the choice made
    /// (yes and no are `1` and `0`); an empty answer is not kept.
    pub values: Values,
    /// The choices ticked in the questionnaire's question of several answers (the
    /// situations), in the order ticked.
    pub ticked: Vec<String>,
    /// The items added to the questionnaire's repeated group (the loans), each its
    /// answers by key.
    pub items: Vec<Values>,
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

/// The words for a number the reader refused.
pub fn number_error(error: NumberError) -> Tr {
    match error {
        NumberError::Empty => strings::ERR_EMPTY,
        NumberError::NotANumber => strings::ERR_NOT_A_NUMBER,
        NumberError::Exponent => strings::ERR_EXPONENT,
        NumberError::Sign => strings::ERR_SIGN,
        NumberError::NotWhole => strings::ERR_NOT_WHOLE,
        NumberError::TooManyDecimals { .. } => strings::ERR_TOO_MANY_DECIMALS,
        NumberError::BadGrouping => strings::ERR_BAD_GROUPING,
        NumberError::TooLarge => strings::ERR_TOO_LARGE,
    }
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

/// Collects answers and errors in one pass over the question table.
struct Reader<'f> {
    answers: Answers,
    errors: Vec<FieldError>,
    form: &'f Form,
    /// The item being read, said before its errors in the summary.
    within: Option<Text>,
    /// The field of the question whose answer revealed the ones being read.
    revealed_by: Option<String>,
}

impl Reader<'_> {
    fn error(&mut self, field: String, step: Step, message: Text, refused: bool) {
        self.errors.push(FieldError {
            field,
            step,
            message,
            within: self.within.clone(),
            refused,
        });
    }

    /// The value of one answer, or `None`, with its error where it has one.
    fn value(&mut self, question: &Question<'_>, text: &str, field: String) -> Option<Value> {
        let text = text.trim();
        if text.chars().nth(MAX_CHARS).is_some() {
            let message =
                strings::fill_both(strings::ERR_TOO_LONG, &[("n", &MAX_CHARS.to_string())]);
            self.error(field, question.step, message, true);
            return None;
        }
        let value = match &question.kind {
            _ if text.is_empty() => None,
            Kind::YesNo => match text {
                "1" => Some(Value::Flag(true)),
                "0" => Some(Value::Flag(false)),
                _ => return self.not_a_choice(question, field),
            },
            Kind::Radios(_) | Kind::Select(_) => {
                if !question.kind.choices().iter().any(|c| c.value == text) {
                    return self.not_a_choice(question, field);
                }
                Some(Value::Id(text.to_owned()))
            }
            Kind::Number { quantity, limits } => {
                let read = parse(text, *quantity);
                let message = match (read, limits) {
                    (Ok(n), Some(l)) if n < l.low || n > l.high => l.error,
                    (Ok(n), _) => {
                        return Some(match quantity {
                            Quantity::Count => Value::Whole(i64::try_from(n).ok()?),
                            _ => Value::Decimal(n),
                        })
                    }
                    (Err(_), Some(l)) if l.for_any_error => l.error,
                    (Err(e), _) => number_error(e),
                };
                self.error(field, question.step, message.into(), true);
                return None;
            }
            Kind::Date => match Date::parse(text) {
                Ok(date) if ipsc_engine::assess::YEARS.contains(&date.year()) => {
                    Some(Value::Date(date))
                }
                _ => {
                    self.error(field, question.step, strings::ERR_DATE.into(), true);
                    return None;
                }
            },
            Kind::Many(_) | Kind::Items(..) | Kind::Folded { .. } => None,
        };
        if value.is_none() {
            if let Need::Required(words) = &question.need {
                self.error(field, question.step, words.said(), false);
            }
        }
        value
    }

    /// A kept value that is none of the question's choices (only a link or saved answers
    /// made by hand can hold one): refused, never read as "not answered".
    fn not_a_choice(&mut self, question: &Question<'_>, field: String) -> Option<Value> {
        self.error(field, question.step, strings::ERR_NOT_A_CHOICE.into(), true);
        None
    }

    fn put(&mut self, answer: &Answer, value: Value) {
        match answer {
            Answer::Field(lens) => (lens.set)(&mut self.answers, value),
            Answer::Count(id) => {
                if let Some(n) = value.whole() {
                    self.answers.counts.insert(id.clone(), n);
                }
            }
            Answer::Level(id) => {
                if let Some(level) = value.id() {
                    self.answers.levels.insert(id.clone(), level);
                }
            }
            // Parts of a record, which its holder puts whole.
            Answer::Loan(_) | Answer::Lpr(_) | Answer::Records(_) | Answer::None => {}
        }
    }

    /// Reads a record's questions from `values`: the record if every required one is
    /// answered, its fields set through their lenses.
    fn record<T>(
        &mut self,
        questions: &[Question<'_>],
        values: &Values,
        field: impl Fn(&Question<'_>) -> String,
        mut record: Option<T>,
        lens: impl Fn(&Answer) -> Option<Lens<T>>,
    ) -> (Option<T>, usize) {
        let mut complete = true;
        let mut answered = 0;
        for q in questions {
            match self.value(q, get(values, &q.key), field(q)) {
                Some(value) => {
                    answered += 1;
                    if let (Some(lens), Some(record)) = (lens(&q.answer), record.as_mut()) {
                        (lens.set)(record, value);
                    }
                }
                None => complete &= !matches!(q.need, Need::Required(_)),
            }
        }
        (record.filter(|_| complete), answered)
    }

    fn question(&mut self, pack: &Pack, q: &Question<'_>) {
        let form = self.form;
        match &q.kind {
            Kind::Many(choices) => {
                let ids = choices
                    .iter()
                    .filter(|c| form.ticked.contains(&c.value))
                    .map(|c| c.value.clone())
                    .collect();
                self.put(&q.answer, Value::Ids(ids));
            }
            Kind::Items(words, questions) => {
                for (i, item) in form.items.iter().enumerate() {
                    let n = (i + 1).to_string();
                    self.within = Some(Text {
                        zh: strings::fill(words.heading.zh, &[("n", &n)]),
                        en: strings::fill(words.heading.en, &[("n", &n)]),
                    });
                    let (loan, _) = self.record(
                        questions,
                        item,
                        |child| item_field(&q.key, i, &child.key),
                        blank_loan(),
                        |a| match a {
                            Answer::Loan(lens) => Some(*lens),
                            _ => None,
                        },
                    );
                    self.answers.loans.extend(loan);
                }
                self.within = None;
                if form.items.is_empty() {
                    // At the question that asked for items: there is no item to point at.
                    let field = self.revealed_by.clone().unwrap_or_else(|| q.first_field());
                    self.error(field, q.step, words.none.into(), false);
                }
            }
            Kind::Folded { questions, .. } => {
                let (lpr, answered) = self.record(
                    questions,
                    &form.values,
                    |q| q.id(),
                    blank_lpr(),
                    |a| match a {
                        Answer::Lpr(lens) => Some(*lens),
                        _ => None,
                    },
                );
                self.newer_lpr(pack, questions, lpr, answered);
            }
            _ => {
                if let Some(value) = self.value(q, get(&form.values, &q.key), q.first_field()) {
                    self.put(&q.answer, value);
                }
            }
        }
        if let Some(reveal) = &q.reveals {
            if get(&form.values, &q.key) == reveal.when {
                let outer = self.revealed_by.replace(q.first_field());
                for child in &reveal.questions {
                    self.question(pack, child);
                }
                self.revealed_by = outer;
            }
        }
    }

    /// A newer LPR: both its date and rate or neither, and newer than the pack's table.
    fn newer_lpr(
        &mut self,
        pack: &Pack,
        questions: &[Question<'_>],
        lpr: Option<NewerLpr>,
        answered: usize,
    ) {
        let step = Step::Loans;
        let (Some(date), Some(rate)) = (questions.first(), questions.get(1)) else {
            return;
        };
        // Answered together or not at all.
        match lpr.filter(|_| answered == questions.len()) {
            Some(lpr) => {
                let latest = pack.lpr.rates.last().map(|r| r.effective);
                if latest.is_some_and(|last| lpr.effective <= last) {
                    self.error(date.id(), step, strings::ERR_LPR_NOT_NEWER.into(), true);
                } else {
                    self.answers.newer_lpr = Some(lpr);
                }
            }
            // One given and the other left empty (a wrong one has its own error).
            None if answered == 1 => {
                for q in [date, rate] {
                    if get(&self.form.values, &q.key).trim().is_empty() {
                        self.error(q.id(), step, strings::ERR_LPR_PAIR.into(), true);
                    }
                }
            }
            None => {}
        }
    }
}

/// A loan whose every field its questions then set.
fn blank_loan() -> Option<Loan> {
    Some(Loan {
        principal: Decimal::ZERO,
        start: first_day()?,
        term_months: 0,
        contract_rate: None,
    })
}

/// A newer LPR whose every field its questions then set.
fn blank_lpr() -> Option<NewerLpr> {
    Some(NewerLpr {
        effective: first_day()?,
        one_year: Decimal::ZERO,
    })
}

/// A day of the first year the engine takes (a test checks it is one).
fn first_day() -> Option<Date> {
    Date::new(*ipsc_engine::assess::YEARS.start(), 1, 1).ok()
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

    /// Whether nothing has been answered (the year aside, which always has a value).
    pub fn is_untouched(&self) -> bool {
        self.ticked.is_empty()
            && self.items.is_empty()
            && self.values.iter().all(|(key, _)| key == "year")
    }

    /// The answers the form gives so far, and what needs fixing, step by step.
    pub fn read(&self, pack: &Pack, default_year: i32) -> (Answers, Vec<FieldError>) {
        let mut r = Reader {
            answers: Answers {
                version: ANSWERS_VERSION,
                pack: Some(pack.meta.id.clone()),
                // An assessment year left empty (or wrong) is the default one.
                year: Some(default_year),
                ..Answers::default()
            },
            errors: Vec::new(),
            form: self,
            within: None,
            revealed_by: None,
        };
        for question in &questions(pack) {
            r.question(pack, question);
        }
        (r.answers, r.errors)
    }
}

/// The keys the form keeps answers under for a pack, from one walk of the question table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Each question with one answer, kept in [`Form::values`] (`registered`, `count.<id>`).
    pub single: Vec<String>,
    /// The question of several answers (`situation`), whose choices are [`Form::ticked`].
    pub many: String,
    /// That question's choices (the values a link may tick).
    pub many_choices: Vec<String>,
    /// The repeated group (`loan`), whose items are [`Form::items`].
    pub items: String,
    /// Each item's questions (`principal`, …).
    pub item_keys: Vec<String>,
}

/// The keys of this pack's questionnaire.
pub fn keys(pack: &Pack) -> Keys {
    let all = questions(pack);
    let mut keys = Keys::default();
    for q in flatten(&all) {
        match &q.kind {
            Kind::Many(choices) => {
                keys.many.clone_from(&q.key);
                keys.many_choices = choices.iter().map(|c| c.value.clone()).collect();
            }
            Kind::Items(_, questions) => {
                keys.items.clone_from(&q.key);
                keys.item_keys = questions.iter().map(|i| i.key.clone()).collect();
            }
            // A fold holds no answer of its own; its questions are in `flatten`.
            Kind::Folded { .. } => {}
            _ => keys.single.push(q.key.clone()),
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::default_pack;

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
        form.items.push(loan);
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
            form.items.first().map(|l| get(l, "principal")),
            Some("500万"),
            "what was typed is kept"
        );
        // Loans asked for and none added: the error is at the question that asked.
        form.items.clear();
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
