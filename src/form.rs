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

/// Sets one of a value's answers: an empty one is not kept, so that a form emptied by
/// hand is untouched again.
pub fn put(values: &mut Values, key: &str, value: String) {
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
    fn error(&mut self, field: String, step: Step, message: Text) {
        self.errors.push(FieldError {
            field,
            step,
            message,
            within: self.within.clone(),
        });
    }

    /// The value of one answer, or `None`, with its error where it has one.
    fn value(&mut self, question: &Question<'_>, text: &str, field: String) -> Option<Value> {
        let text = text.trim();
        let value = match &question.kind {
            _ if text.is_empty() => None,
            Kind::YesNo => match text {
                "1" => Some(Value::Flag(true)),
                "0" => Some(Value::Flag(false)),
                _ => None,
            },
            Kind::Radios(_) | Kind::Select(_) => question
                .kind
                .choices()
                .iter()
                .any(|c| c.value == text)
                .then(|| Value::Id(text.to_owned())),
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
                self.error(field, question.step, message.into());
                return None;
            }
            Kind::Date => match Date::parse(text) {
                Ok(date) if ipsc_engine::assess::YEARS.contains(&date.year()) => {
                    Some(Value::Date(date))
                }
                _ => {
                    self.error(field, question.step, strings::ERR_DATE.into());
                    return None;
                }
            },
            Kind::Many(_) | Kind::Items(..) | Kind::Folded { .. } => None,
        };
        if value.is_none() {
            if let Need::Required(words) = &question.need {
                self.error(field, question.step, words.said());
            }
        }
        value
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
                    self.error(field, q.step, words.none.into());
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
                    self.error(date.id(), step, strings::ERR_LPR_NOT_NEWER.into());
                } else {
                    self.answers.newer_lpr = Some(lpr);
                }
            }
            // One given and the other left empty (a wrong one has its own error).
            None if answered == 1 => {
                for q in [date, rate] {
                    if get(&self.form.values, &q.key).trim().is_empty() {
                        self.error(q.id(), step, strings::ERR_LPR_PAIR.into());
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
            Kind::Many(_) => keys.many.clone_from(&q.key),
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
}
