//! What each kind of question does, one module per kind: how its answer is read from the
//! form (with its error), shown on its step, written on the check page, kept in links and
//! saved answers, and exported. `Kind::asks` is the one place that tells kinds apart;
//! everything else walks the question table and asks each question's kind.

mod any_of;
mod date;
mod drop_down;
mod fold;
mod group;
mod money;
mod number;
mod one_of;
mod yes_no;

use crate::form::{FieldError, Form, Reading, MAX_CHARS};
use crate::live::{LiveRef, Redraw};
use crate::part::{Draw, FieldProps, Part, QRef, Shows};
use crate::questions::{questionnaire, Answer, Choice, Kind, Need, Question, Step, Value};
use crate::state::{At, Dispatch, PackRef};
use crate::strings::{self, Tr};
use ipsc_engine::number::NumberError;
use ipsc_engine::{Answers, Lang, Pack, Text, ANSWERS_VERSION};
use rust_decimal::Decimal;
use yew::prelude::*;

/// What a kind of question does. A kind that takes one typed or chosen answer implements
/// [`Asks::parse`] and [`Asks::input`] and keeps the rest; a kind that holds other
/// questions (a group, a fold, checkboxes) implements what differs.
pub(crate) trait Asks {
    /// What a typed or chosen answer means, or the words that refuse it (kinds of one
    /// answer; the others hold no text of their own).
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        let _ = text;
        Err(strings::ERR_NOT_A_CHOICE)
    }

    /// What a typed answer means (as [`Asks::parse`]) and, for money, the amount as the
    /// text was understood, shown under the field even when it is refused: both from one
    /// reading of the text.
    fn read_text(&self, text: &str) -> (Result<Value, Tr>, Option<Decimal>) {
        (self.parse(text), None)
    }

    /// Reads the answer into the answers, with its error where it has one.
    fn read(&self, q: &Question<'_>, r: &mut Reader<'_>) {
        read_one(q, r);
    }

    /// The question on its step: by default one [`Field`], named by its key.
    fn show(&self, q: &'static Question<'static>, v: &View<'_>) -> Html {
        show_one(q, v)
    }

    /// The input of a question of one answer, with what the person typed or chose; `redraw`
    /// redraws its field (text typed the short way, `live`).
    fn input(&self, p: &FieldProps, redraw: &Redraw) -> Html {
        let _ = (p, redraw);
        Html::default()
    }

    /// The answer in words on the check page.
    fn said(&self, value: &str, lang: Lang) -> String {
        typed(lang, value)
    }

    /// The question's rows on the check page.
    fn rows(&self, q: &Question<'_>, form: &Form, lang: Lang, rows: &mut Vec<AnswerRow>) {
        rows.push(row_of_one(q, self.said(form.get(&q.key), lang), lang));
    }

    /// The answer as written inside an item's line on the check page (`3.45%`).
    fn short(&self, text: &str) -> String {
        text.to_owned()
    }

    /// The keys its answers are kept under, in links and saved answers.
    fn keys(&self, q: &Question<'_>, keys: &mut Keys) {
        keys.single.push(q.key.clone());
    }

    /// What it puts into the download.
    fn exported(&self, q: &Question<'_>, a: &Answers, out: &mut Vec<Exported>) {
        export_one(q, a, out);
    }

    /// The id of the field that takes focus and carries the error, from the question's id.
    fn first_field(&self, id: String) -> String {
        id
    }

    /// Its choices, where it offers some.
    fn choices(&self) -> Vec<&Choice<'_>> {
        Vec::new()
    }

    /// The questions it holds whose answers sit with the form's own (a fold's).
    fn held(&self) -> &[Question<'_>] {
        &[]
    }
}

// The shared bodies of the trait's defaults, each once in the wasm (a default method is
// compiled again for every kind that keeps it).

/// Reads a question of one answer.
#[inline(never)]
fn read_one(q: &Question<'_>, r: &mut Reader<'_>) {
    if let Some(value) = r.typed(q, r.form.get(&q.key), &|| q.first_field()) {
        r.put(&q.answer, value);
    }
}

/// Shows a question of one answer: its field component.
#[inline(never)]
fn show_one(q: &'static Question<'static>, v: &View<'_>) -> Html {
    v.field(q, q.id(), At::Answer(q.key.as_str()), v.form.get(&q.key))
}

/// A question of one answer's row on the check page.
#[inline(never)]
fn row_of_one(q: &Question<'_>, answer: String, lang: Lang) -> AnswerRow {
    AnswerRow {
        question: q.label.get(lang),
        answer,
        step: q.step,
        field: q.first_field(),
    }
}

/// What a question of one answer puts into the download.
#[inline(never)]
fn export_one(q: &Question<'_>, a: &Answers, out: &mut Vec<Exported>) {
    match &q.answer {
        Answer::Field(lens) => out.extend((lens.get)(a).map(|v| Exported::At(lens.path, v))),
        Answer::Count(_) if !a.counts.is_empty() => out.push(Exported::Counts),
        Answer::Level(_) if !a.levels.is_empty() => out.push(Exported::Levels),
        _ => {}
    }
}

impl Kind<'_> {
    /// What this kind of question does.
    pub(crate) fn asks(&self) -> &dyn Asks {
        match self {
            Kind::YesNo(k) => k,
            Kind::OneOf(k) => k,
            Kind::DropDown(k) => k,
            Kind::Number(k) => k,
            Kind::Money(k) => k,
            Kind::Date(k) => k,
            Kind::AnyOf(k) => k,
            Kind::Group(k) => k,
            Kind::Fold(k) => k,
        }
    }
}

/// The id of the first of `choices`' inputs (radios, checkboxes: one each), from the
/// question's `id`; the question's own where it has none.
fn first_choice(choices: &[Choice<'_>], id: String) -> String {
    match choices.first() {
        Some(c) => format!("{id}-{}", c.suffix),
        None => id,
    }
}

impl Question<'_> {
    /// The id of the field that takes focus and carries its error: the input, or a group's
    /// first input.
    pub fn first_field(&self) -> String {
        self.kind.asks().first_field(self.id())
    }

    /// Its choices (radios, a drop-down, checkboxes).
    pub fn choices(&self) -> Vec<&Choice<'_>> {
        self.kind.asks().choices()
    }
}

/// Every question with the ones it holds (revealed, folded, not a group's), in order.
pub fn flatten(questions: &'static [Question<'static>]) -> Vec<&'static Question<'static>> {
    let mut out = Vec::new();
    for q in questions {
        out.push(q);
        if let Some(reveal) = &q.reveals {
            out.extend(flatten(&reveal.questions));
        }
        out.extend(flatten(q.kind.asks().held()));
    }
    out
}

/// What was typed, or "not answered".
fn typed(lang: Lang, value: &str) -> String {
    if value.trim().is_empty() {
        strings::NOT_ANSWERED.get(lang).to_owned()
    } else {
        value.to_owned()
    }
}

/// The text a text input now holds.
fn typed_text(e: InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

/// A kept value read as one of these choices: only a link or saved answers made by hand
/// can hold another, which is refused, never read as "not answered".
fn chosen(choices: &[&Choice<'_>], text: &str) -> Result<Value, Tr> {
    if choices.iter().any(|c| c.value == text) {
        Ok(Value::Id(text.to_owned()))
    } else {
        Err(strings::ERR_NOT_A_CHOICE)
    }
}

/// A kept value in words: its choice's, or as it came (a link made by hand), so it never
/// reads as "not answered".
fn chosen_words(choices: &[&Choice<'_>], value: &str, lang: Lang) -> String {
    choices
        .iter()
        .find(|c| c.value == value)
        .map_or_else(|| typed(lang, value), |c| c.label.get(lang))
}

/// The words for a number the reader refused.
fn number_error(error: NumberError) -> Tr {
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

/// Collects answers and errors in one pass over the question table.
pub(crate) struct Reader<'f> {
    reading: Reading,
    form: &'f Form,
    pack: &'f Pack,
    /// The item being read, said before its errors in the summary: its heading's words and
    /// its number, filled in only for an error (a keystroke reads every item again).
    within: Option<(Tr, usize)>,
    /// The question whose answer revealed the ones being read (its field's id is made only
    /// for an error).
    revealed_by: Option<&'static Question<'static>>,
}

impl Reader<'_> {
    fn error(&mut self, field: String, step: Step, message: Text, refused: bool) {
        self.reading.errors.push(FieldError {
            field,
            step,
            message,
            within: self
                .within
                .map(|(heading, n)| strings::fill_both(heading, &[("n", &n.to_string())])),
            refused,
        });
    }

    /// The value of one typed or chosen answer, or `None`, with its error where it has one.
    /// The field's id (`field`) is made only where it is needed: an error, an amount as
    /// understood (a keystroke reads every answer again).
    fn typed(&mut self, q: &Question<'_>, text: &str, field: &dyn Fn() -> String) -> Option<Value> {
        let text = text.trim();
        if text.chars().nth(MAX_CHARS).is_some() {
            let message =
                strings::fill_both(strings::ERR_TOO_LONG, &[("n", &MAX_CHARS.to_string())]);
            self.error(field(), q.step, message, true);
            return None;
        }
        if text.is_empty() {
            if let Need::Required(words) = &q.need {
                self.error(field(), q.step, words.said(), false);
            }
            return None;
        }
        let (value, understood) = q.kind.asks().read_text(text);
        if let Some(amount) = understood {
            self.reading.understood.push((field(), amount));
        }
        match value {
            Ok(value) => Some(value),
            Err(words) => {
                self.error(field(), q.step, words.into(), true);
                None
            }
        }
    }

    fn put(&mut self, answer: &Answer, value: Value) {
        let answers = &mut self.reading.answers;
        match answer {
            Answer::Field(lens) => (lens.set)(answers, value),
            Answer::Part(part) => (part.set)(answers, value),
            Answer::Count(id) => {
                if let Some(n) = value.whole() {
                    answers.counts.insert(id.clone(), n);
                }
            }
            Answer::Level(id) => {
                if let Some(level) = value.id() {
                    answers.levels.insert(id.clone(), level);
                }
            }
            Answer::None => {}
        }
    }

    /// Reads a question and, where its answer reveals them, the questions below it.
    fn question(&mut self, q: &'static Question<'static>) {
        q.kind.asks().read(q, self);
        if let Some(reveal) = &q.reveals {
            if self.form.get(&q.key) == reveal.when {
                let outer = self.revealed_by.replace(q);
                for child in &reveal.questions {
                    self.question(child);
                }
                self.revealed_by = outer;
            }
        }
    }
}

impl Form {
    /// Reads the whole form for this pack, once: the answers, the errors and the amounts
    /// as understood.
    pub fn reading(&self, pack: &'static Pack, default_year: i32) -> Reading {
        let mut r = Reader {
            reading: Reading {
                answers: Answers {
                    version: ANSWERS_VERSION,
                    pack: Some(pack.meta.id.clone()),
                    // An assessment year left empty (or wrong) is the default one.
                    year: Some(default_year),
                    ..Answers::default()
                },
                ..Reading::default()
            },
            form: self,
            pack,
            within: None,
            revealed_by: None,
        };
        for question in questionnaire(pack) {
            r.question(question);
        }
        r.reading
    }

    /// The answers the form gives so far, and what needs fixing, step by step.
    pub fn read(&self, pack: &'static Pack, default_year: i32) -> (Answers, Vec<FieldError>) {
        let Reading {
            answers, errors, ..
        } = self.reading(pack, default_year);
        (answers, errors)
    }
}

/// The keys the form keeps answers under for a pack, from one walk of the question table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Each question with one answer, kept in [`Form::values`] (`registered`, `count.<id>`).
    pub single: Vec<String>,
    /// Each question of several answers (`situation`) with its choices (the values a link
    /// may tick); its ticks are in [`Form::ticked`].
    pub ticks: Vec<(String, Vec<String>)>,
    /// Each repeated group (`loan`) with its items' keys (`principal`, …); its items are in
    /// [`Form::groups`].
    pub groups: Vec<(String, Vec<String>)>,
}

thread_local! {
    /// Each pack's keys, found once (each write of the answers needs them).
    static KEYS: std::cell::RefCell<Vec<(usize, &'static Keys)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The keys of this pack's questionnaire, found the first time they are asked for.
pub fn keys(pack: &'static Pack) -> &'static Keys {
    let at = std::ptr::from_ref(pack) as usize;
    KEYS.with(|found| {
        if let Some((_, keys)) = found.borrow().iter().find(|(p, _)| *p == at) {
            return *keys;
        }
        let mut keys = Keys::default();
        for q in flatten(questionnaire(pack)) {
            q.kind.asks().keys(q, &mut keys);
        }
        let keys: &'static Keys = Box::leak(Box::new(keys));
        found.borrow_mut().push((at, keys));
        keys
    })
}

/// One answer on the check page: the question, the answer, and where to change it (the
/// step and the id of the field that takes focus).
pub(crate) struct AnswerRow {
    /// The question.
    pub(crate) question: String,
    /// The answer, in words.
    pub(crate) answer: String,
    /// The step that asks it.
    pub(crate) step: Step,
    /// The field to focus when the user chooses to change it.
    pub(crate) field: String,
}

/// The rows of a question and of what it reveals.
fn rows_of(lang: Lang, form: &Form, q: &Question<'_>, rows: &mut Vec<AnswerRow>) {
    q.kind.asks().rows(q, form, lang, rows);
    if let Some(reveal) = q.reveals.as_ref().filter(|r| r.when == form.get(&q.key)) {
        for c in &reveal.questions {
            rows_of(lang, form, c, rows);
        }
    }
}

/// The answers as rows, for the check page and the printed report.
pub(crate) fn answer_rows(pack: &'static Pack, form: &Form, lang: Lang) -> Vec<AnswerRow> {
    let mut rows = Vec::new();
    for q in questionnaire(pack) {
        rows_of(lang, form, q, &mut rows);
    }
    rows
}

/// What goes into the download, in the order serde writes the answers.
#[derive(Debug)]
pub enum Exported {
    /// A value at this path (`size.staff`).
    At(&'static str, Value),
    /// Every count of the answers, where serde puts the map.
    Counts,
    /// Every level of the answers, where serde puts the map.
    Levels,
    /// Records at this path: a list (a group's items), or one (a fold's), each its parts.
    Records {
        /// Where serde puts them.
        path: &'static str,
        /// Whether they are a list, or one record.
        list: bool,
        /// Each record's parts, as (path, value).
        records: Vec<Vec<(&'static str, Value)>>,
    },
}

/// What the download holds of the answers, question by question.
pub fn exported(pack: &'static Pack, a: &Answers) -> Vec<Exported> {
    let mut out = Vec::new();
    for q in flatten(questionnaire(pack)) {
        q.kind.asks().exported(q, a, &mut out);
    }
    out
}

/// The parts of record `n` that these questions hold.
fn record(questions: &[Question<'_>], a: &Answers, n: usize) -> Vec<(&'static str, Value)> {
    questions
        .iter()
        .filter_map(|q| match &q.answer {
            Answer::Part(part) => (part.get)(a, n).map(|v| (part.path, v)),
            _ => None,
        })
        .collect()
}

/// What a step's questions are shown with.
pub(crate) struct View<'v> {
    /// What the person typed.
    pub form: &'v Form,
    /// The errors shown now.
    pub errors: &'v [FieldError],
    /// The language.
    pub lang: Lang,
    /// The pack (money is written as it says).
    pub pack: PackRef,
    /// Changes the state.
    pub dispatch: &'v Dispatch,
    /// The short way for typed text.
    pub live: &'v LiveRef,
}

impl View<'_> {
    /// The error shown for a field, if any.
    fn error(&self, field: &str) -> Option<AttrValue> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| AttrValue::from(e.message.get(self.lang).to_owned()))
    }

    /// The field component of a question of one answer: `id` is its input's id (or its
    /// inputs' start), `at` where its answer goes, `value` what is kept.
    fn field(&self, q: &'static Question<'static>, id: String, at: At, value: &str) -> Html {
        let first = q.kind.asks().first_field(id.clone());
        html! {
            <Part key={q.key.as_str()} draw={Draw(draw_field)} shows={Shows::Field(FieldProps {
                q: QRef(q), id: AttrValue::from(id), at, value: AttrValue::from(value.to_owned()),
                error: self.error(&first), lang: self.lang, pack: self.pack,
                dispatch: self.dispatch.clone(), live: self.live.clone(), typing: self.live.0.typing(),
            })} />
        }
    }

    /// A question on its step, and below it the questions its answer reveals; each keyed
    /// by its question, so a question that appears or goes never replaces its neighbours.
    pub(crate) fn question(&self, q: &'static Question<'static>) -> Html {
        let asked = q.kind.asks().show(q, self);
        let revealed = q
            .reveals
            .as_ref()
            .filter(|r| r.when == self.form.get(&q.key))
            .map(|r| {
                html! {
                    <div key={format!("{}-revealed", q.id())} class="ipsc-conditional">
                        { for r.intro.iter().enumerate().map(|(i, p)| html! { <p key={i} class="ipsc-hint">{ p.get(self.lang) }</p> }) }
                        { for r.questions.iter().map(|c| html! { <key={c.key.as_str()}>{ self.question(c) }</> }) }
                    </div>
                }
            });
        html! {
            <>
                <key="asked">{ asked }</>
                { for revealed }
            </>
        }
    }
}

impl FieldProps {
    /// A callback that puts a value into the form.
    fn set<E>(&self, value: impl Fn(E) -> String + 'static) -> Callback<E> {
        let (dispatch, at) = (self.dispatch.clone(), self.at);
        Callback::from(move |e: E| dispatch.dispatch(crate::state::Action::Set(at, value(e))))
    }

    /// What a text input holds, as it is now: text typed the short way (`live`) redraws
    /// the field with the same properties.
    fn now(&self) -> String {
        self.live.0.value(self.at)
    }

    /// Its label (or legend) as shown, and its hint.
    fn words(&self) -> (String, Option<String>) {
        let q = self.q.0;
        (
            q.label(self.lang),
            q.hint.as_ref().map(|h| h.get(self.lang)),
        )
    }

    /// A text input (number, money, date) with this field's words, error and change: the
    /// short way (`live`) where the page allows it, redrawn by `redraw`.
    fn text(&self, input: &crate::fields::TextInput<'_>, redraw: &Redraw) -> Html {
        let (label, hint) = self.words();
        let error = self.error.as_deref();
        let described =
            crate::fields::Described::new(&self.id, &label, hint.as_deref(), error, self.lang);
        let (live, at, redraw) = (self.live.clone(), self.at, redraw.clone());
        // A question that reveals others changes more than its field.
        let quick = self.q.0.reveals.is_none();
        let oninput =
            Callback::from(move |e: InputEvent| live.type_in(at, typed_text(e), quick, &redraw));
        crate::fields::text_input(&described, input, oninput)
    }
}

/// Draws a question of one answer, as its kind shows it.
fn draw_field(shows: &Shows, redraw: &Redraw) -> Html {
    match shows {
        Shows::Field(p) => {
            crate::probe::rendered(&p.id);
            p.q.0.kind.asks().input(p, redraw)
        }
        _ => Html::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::default_pack;
    use crate::questions::questions;

    #[test]
    fn the_questionnaire_is_built_once_per_pack() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        assert!(std::ptr::eq(questionnaire(pack), questionnaire(pack)));
        assert_eq!(questionnaire(pack), questions(pack).as_slice());
    }

    #[test]
    fn money_is_read_once_and_shown_as_understood_even_when_refused() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let mut form = Form::answered(&[("has-loans", "1"), ("tech-sme", "unsure")]);
        let mut loan = crate::form::Values::new();
        crate::form::put(&mut loan, "principal", "0".into());
        form.push("loan", loan);
        form.set("sales", "500万");
        let reading = form.reading(pack, 2025);
        assert_eq!(
            reading.understood,
            vec![
                ("ipsc-sales".to_owned(), Decimal::from(5_000_000)),
                ("ipsc-loan-0-principal".to_owned(), Decimal::ZERO),
            ]
        );
        assert!(reading
            .errors
            .iter()
            .any(|e| e.field == "ipsc-loan-0-principal" && e.refused));
    }

    #[test]
    fn each_kind_of_the_table_is_read_kept_and_shown_by_its_module() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let k = keys(pack);
        assert!(k.single.contains(&"registered".to_owned()), "{k:?}");
        assert_eq!(k.ticks.len(), 1, "{k:?}");
        assert_eq!(
            k.groups,
            vec![(
                "loan".to_owned(),
                vec!["principal", "start", "term", "rate"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )]
        );
        assert!(
            !k.single.contains(&"lpr".to_owned()),
            "a fold keeps nothing"
        );
        assert!(k.single.contains(&"lpr-date".to_owned()), "{k:?}");
    }
}
