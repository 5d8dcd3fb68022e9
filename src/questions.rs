//! The questionnaire, defined once: each question's key, step, kind, words in both
//! languages, where its answer goes in the engine's [`Answers`], and the error it gives.
//!
//! The step views (`steps`), the check page's rows and change links (`check`), the keys of
//! share links and saved answers (`storage`), the reading of the form with its errors
//! (`form`) and the download (`export`) all walk [`questions`]; none of them names a
//! question. The pack's count, level and situation questions join the fixed ones there, at
//! run time, so a pack with another count is a pack, not code.

use crate::strings::{self, strings, Tr};
use ipsc_engine::assess::{MAX_TERM_MONTHS, YEARS};
use ipsc_engine::number::{Quantity, MAX_PERCENT, MAX_YUAN};
use ipsc_engine::{Answers, Date, Lang, Loan, NewerLpr, Pack, Text, YesNoUnsure};
use rust_decimal::Decimal;

/// Where the person is: a step of the questionnaire, then the check page, then the results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// The enterprise.
    #[default]
    Enterprise = 1,
    /// Items granted (patents).
    Items,
    /// IP-pledge loans.
    Loans,
    /// Recognised facilities (workstations).
    Levels,
    /// Other situations.
    Situations,
    /// Check your answers.
    Check,
    /// The results.
    Results,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 7] = [
        Step::Enterprise,
        Step::Items,
        Step::Loans,
        Step::Levels,
        Step::Situations,
        Step::Check,
        Step::Results,
    ];

    /// How many steps ask questions.
    pub const QUESTIONS: u8 = Step::Situations as u8;

    /// Its number, counted from 1 (`Step 2 of 5`, `#step=2`).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The question step with this number.
    pub fn question(number: u8) -> Option<Step> {
        let index = usize::from(number).checked_sub(1)?;
        Step::ALL.get(index).copied().filter(|s| s.asks())
    }

    /// Whether it is a step of the questionnaire (not the check page or the results).
    pub fn asks(self) -> bool {
        self <= Step::Situations
    }

    /// The step after it (the results stay the results).
    pub fn next(self) -> Step {
        // Step n is `ALL[n - 1]`, so the one after it is `ALL[n]`.
        Step::ALL
            .get(usize::from(self.number()))
            .copied()
            .unwrap_or(Step::Results)
    }

    /// The step before it (the first stays the first).
    pub fn previous(self) -> Step {
        usize::from(self.number())
            .checked_sub(2)
            .and_then(|i| Step::ALL.get(i))
            .copied()
            .unwrap_or(Step::Enterprise)
    }

    /// The step's heading.
    pub fn title(self) -> Tr {
        match self {
            Step::Enterprise => strings::STEP_ENTERPRISE,
            Step::Items => strings::STEP_ITEMS,
            Step::Loans => strings::STEP_LOANS,
            Step::Levels => strings::STEP_LEVELS,
            Step::Situations => strings::STEP_SITUATIONS,
            Step::Check => strings::STEP_CHECK,
            Step::Results => strings::RESULTS,
        }
    }
}

/// Words a question says: the app's own, or the pack's.
#[derive(Clone, Debug, PartialEq)]
pub enum Words<'p> {
    /// The app's own.
    App(Tr),
    /// The pack's.
    Pack(&'p Text),
    /// The pack's, then a sentence of the app's.
    PackThen(&'p Text, Tr),
    /// The app's, with `{name}` filled with the pack's words.
    Fill(Tr, &'static str, &'p Text),
    /// The app's, with `{name}` filled with a value written the same in both languages.
    FillValue(Tr, &'static str, String),
}

impl Words<'_> {
    /// The words in a language.
    pub fn get(&self, lang: Lang) -> String {
        match self {
            Words::App(tr) => tr.get(lang).to_owned(),
            Words::Pack(text) => text.get(lang).to_owned(),
            Words::PackThen(text, tr) => format!("{} {}", text.get(lang), tr.get(lang)),
            Words::Fill(tr, name, text) => strings::fill(tr.get(lang), &[(name, text.get(lang))]),
            Words::FillValue(tr, name, value) => strings::fill(tr.get(lang), &[(name, value)]),
        }
    }

    /// The words in both languages, owned.
    pub fn said(&self) -> Text {
        Text {
            zh: self.get(Lang::Zh),
            en: self.get(Lang::En),
        }
    }
}

/// The app's words as words made at run time (an error that names its question).
impl From<Tr> for Text {
    fn from(tr: Tr) -> Text {
        Text {
            zh: tr.zh.to_owned(),
            en: tr.en.to_owned(),
        }
    }
}

/// Whether a question must be answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Need<'p> {
    /// It must; left empty, it gives this error.
    Required(Words<'p>),
    /// It may be left empty; its label says so.
    Optional,
    /// Left empty it takes a default (the year); its label says nothing.
    Defaulted,
    /// It may be left empty, and its label does not say so: each of several choices, or a
    /// question inside a fold that is optional as a whole.
    Unmarked,
}

/// The range a number must fall in, and what to say when it does not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// The smallest value taken.
    pub low: Decimal,
    /// The largest value taken.
    pub high: Decimal,
    /// What to say outside the range.
    pub error: Tr,
    /// Whether text that is no number at all gets this error too (the year: "enter a year
    /// from … to …" says more than "enter a whole number").
    pub for_any_error: bool,
}

/// One choice of a question: what is kept, the end of its element id, and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice<'p> {
    /// The value kept in the form, links and saved answers.
    pub value: String,
    /// Its input's id is the question's id, `-`, and this.
    pub suffix: String,
    /// What the person reads.
    pub label: Words<'p>,
}

/// What a repeated group says around its items.
#[derive(Debug, PartialEq)]
pub struct ItemWords {
    /// Each item's heading: `{n}`.
    pub heading: Tr,
    /// The button that adds one.
    pub add: Tr,
    /// The button that removes one: `{n}`.
    pub remove: Tr,
    /// An item on the check page; each `{key}` is the answer to that question.
    pub summary: Tr,
    /// Added to the summary for each optional answer given: `{key}`.
    pub summary_more: Tr,
    /// The error when the question that reveals the items is answered but none added.
    pub none: Tr,
    /// What a screen reader is told when an item is added: `{n}`.
    pub added: Tr,
    /// What a screen reader is told when an item is removed: `{n}`.
    pub removed: Tr,
}

/// How a question is asked and what its answer is. What each kind does (how it is read,
/// shown, written on the check page, kept in links and exported) is its module's, under
/// `kinds`; `Kind::asks` is the one place that tells them apart.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind<'p> {
    /// Yes or no.
    YesNo(YesNo),
    /// One of several, as radios.
    OneOf(OneOf<'p>),
    /// One of several, from a drop-down.
    DropDown(DropDown<'p>),
    /// A count or a rate.
    Number(Number),
    /// An amount of money.
    Money(Money),
    /// A date.
    Date(DateField),
    /// Any of several, or none.
    AnyOf(AnyOf<'p>),
    /// The same questions again for each item the person adds.
    Group(Group<'p>),
    /// Questions folded away until opened.
    Fold(Fold<'p>),
}

/// Yes or no, side by side; kept as `1` or `0`.
#[derive(Clone, Debug, PartialEq)]
pub struct YesNo;

/// One of these, as radios.
#[derive(Clone, Debug, PartialEq)]
pub struct OneOf<'p>(pub Vec<Choice<'p>>);

/// One of these, from a drop-down; the choices in groups, a group with a heading or not.
#[derive(Clone, Debug, PartialEq)]
pub struct DropDown<'p>(pub Vec<(Option<Tr>, Vec<Choice<'p>>)>);

/// A number as people type it (`1,000`, `3.1%`): a count or a rate.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// What it counts.
    pub quantity: Quantity,
    /// The range it must fall in, beyond the quantity's own.
    pub limits: Option<&'static Limits>,
}

/// An amount in yuan as people type it (`500万`, `5,000,000`), shown back as understood.
#[derive(Clone, Debug, PartialEq)]
pub struct Money {
    /// The range it must fall in, beyond the reader's own.
    pub limits: Option<&'static Limits>,
}

/// A date, `YYYY-MM-DD`, within the engine's years.
#[derive(Clone, Debug, PartialEq)]
pub struct DateField;

/// Any of these, or none, as checkboxes; kept in the order ticked.
#[derive(Clone, Debug, PartialEq)]
pub struct AnyOf<'p>(pub Vec<Choice<'p>>);

/// The same questions again for each item the person adds (loans). An item counts only
/// once all its required questions are answered.
#[derive(Clone, Debug, PartialEq)]
pub struct Group<'p> {
    /// What it says around its items.
    pub words: &'static ItemWords,
    /// Each item's questions; their answers are [`Answer::Part`]s of the item's record.
    pub questions: Vec<Question<'p>>,
    /// Where its items go in the answers, one record each.
    pub record: Record,
}

/// Questions folded away until opened (a newer LPR), opened while any is answered;
/// answered together or not at all, they make one record.
#[derive(Clone, Debug)]
pub struct Fold<'p> {
    /// The line that opens them.
    pub summary: Tr,
    /// What they are for.
    pub hint: Words<'p>,
    /// The questions; their answers are [`Answer::Part`]s of the record.
    pub questions: Vec<Question<'p>>,
    /// Where the record goes in the answers.
    pub record: Record,
    /// What each empty question says while another is answered.
    pub incomplete: Tr,
    /// What the whole record must also meet, beyond each answer: the words at its first
    /// question if it does not.
    pub check: Option<Check>,
}

/// Two folds are the same if they ask the same (their checks are code, not compared).
impl PartialEq for Fold<'_> {
    fn eq(&self, other: &Self) -> bool {
        (
            self.summary,
            &self.hint,
            &self.questions,
            self.record,
            self.incomplete,
        ) == (
            other.summary,
            &other.hint,
            &other.questions,
            other.record,
            other.incomplete,
        )
    }
}

/// A check of a fold's record against the pack: what to say if it fails.
pub type Check = fn(&Pack, &Answers) -> Option<Tr>;

/// Where the records of a group or a fold go in [`Answers`].
#[derive(Clone, Copy)]
pub struct Record {
    /// Its path in the answers file (`loans`), as serde names it.
    pub path: &'static str,
    /// Starts a record, whose parts its questions then set; whether it could.
    pub open: fn(&mut Answers) -> bool,
    /// Ends the record started last: kept if complete, else taken out again.
    pub close: fn(&mut Answers, bool),
    /// How many records there are (a fold's: none or one).
    pub len: fn(&Answers) -> usize,
    /// Whether the answers file holds a list of them (a group) or one (a fold).
    pub list: bool,
}

impl PartialEq for Record {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.path)
    }
}

/// A value read from the form, on its way into or out of [`Answers`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Yes or no.
    Flag(bool),
    /// A whole number (a count, a year, months).
    Whole(i64),
    /// A number that may have decimals (yuan, percent); the download writes it as text.
    Decimal(Decimal),
    /// A date.
    Date(Date),
    /// An id or a code.
    Id(String),
    /// Ids, in order.
    Ids(Vec<String>),
}

impl Value {
    /// Yes or no.
    pub fn flag(self) -> Option<bool> {
        match self {
            Value::Flag(v) => Some(v),
            _ => None,
        }
    }

    /// A whole number of the type the answers hold.
    pub fn whole<T: TryFrom<i64>>(self) -> Option<T> {
        match self {
            Value::Whole(v) => T::try_from(v).ok(),
            _ => None,
        }
    }

    /// A decimal.
    pub fn decimal(self) -> Option<Decimal> {
        match self {
            Value::Decimal(v) => Some(v),
            _ => None,
        }
    }

    /// A date.
    pub fn date(self) -> Option<Date> {
        match self {
            Value::Date(v) => Some(v),
            _ => None,
        }
    }

    /// An id.
    pub fn id(self) -> Option<String> {
        match self {
            Value::Id(v) => Some(v),
            _ => None,
        }
    }

    /// Yes, no or not sure, by its code.
    pub fn yes_no_unsure(self) -> Option<YesNoUnsure> {
        self.id().and_then(|code| YesNoUnsure::from_code(&code))
    }

    /// Ids.
    pub fn ids(self) -> Option<Vec<String>> {
        match self {
            Value::Ids(v) => Some(v),
            _ => None,
        }
    }
}

/// Where an answer goes in a record of the answers, and how to get it back out.
pub struct Lens<T> {
    /// Its path in the answers file (`size.staff`), as serde names it.
    pub path: &'static str,
    /// Its value in the record, if any.
    pub get: fn(&T) -> Option<Value>,
    /// Puts a value into the record.
    pub set: fn(&mut T, Value),
}

impl<T> Clone for Lens<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Lens<T> {}

impl<T> PartialEq for Lens<T> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl<T> std::fmt::Debug for Lens<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.path)
    }
}

/// Where a part of a record goes: into the record being read, and back out of record
/// `n` for the download.
#[derive(Clone, Copy)]
pub struct Part {
    /// Its path in the record (`principal`), as serde names it.
    pub path: &'static str,
    /// Its value in record `n`, if any.
    pub get: fn(&Answers, usize) -> Option<Value>,
    /// Puts a value into the record being read (the one started last).
    pub set: fn(&mut Answers, Value),
}

impl PartialEq for Part {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl std::fmt::Debug for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.path)
    }
}

/// Where a question's answer goes in [`Answers`].
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Nowhere: it only reveals other questions, or holds them.
    None,
    /// A field of the answers.
    Field(Lens<Answers>),
    /// A part of a group's or a fold's record.
    Part(Part),
    /// A count of the pack, by its id: `counts.<id>`.
    Count(String),
    /// A level of the pack, by its id: `levels.<id>`.
    Level(String),
}

/// Questions shown only when their parent has a given answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal<'p> {
    /// The parent's kept value that shows them.
    pub when: &'static str,
    /// Paragraphs before them.
    pub intro: Vec<Words<'p>>,
    /// The questions.
    pub questions: Vec<Question<'p>>,
}

/// One question of the questionnaire.
#[derive(Clone, Debug, PartialEq)]
pub struct Question<'p> {
    /// Its key in the form, links and saved answers (`registered`, `count.<id>`); inside
    /// items, the key within the item (`principal`, kept as `loan.principal`).
    pub key: String,
    /// The step that asks it.
    pub step: Step,
    /// How it is asked.
    pub kind: Kind<'p>,
    /// The question (a label or a legend).
    pub label: Words<'p>,
    /// Help under it.
    pub hint: Option<Words<'p>>,
    /// Whether it must be answered.
    pub need: Need<'p>,
    /// Where its answer goes.
    pub answer: Answer,
    /// Questions it shows by its answer.
    pub reveals: Option<Reveal<'p>>,
}

impl<'p> Question<'p> {
    fn new(key: impl Into<String>, step: Step, kind: Kind<'p>, label: Words<'p>) -> Self {
        Question {
            key: key.into(),
            step,
            kind,
            label,
            hint: None,
            need: Need::Optional,
            answer: Answer::None,
            reveals: None,
        }
    }

    fn hint(mut self, hint: Words<'p>) -> Self {
        self.hint = Some(hint);
        self
    }

    fn required(mut self, error: Words<'p>) -> Self {
        self.need = Need::Required(error);
        self
    }

    fn defaulted(mut self) -> Self {
        self.need = Need::Defaulted;
        self
    }

    fn unmarked(mut self) -> Self {
        self.need = Need::Unmarked;
        self
    }

    fn answer(mut self, answer: Answer) -> Self {
        self.answer = answer;
        self
    }

    fn reveals(mut self, when: &'static str, intro: Vec<Words<'p>>, questions: Vec<Self>) -> Self {
        self.reveals = Some(Reveal {
            when,
            intro,
            questions,
        });
        self
    }

    /// The id of its input, or the start of its inputs' ids (`ipsc-count-<id>`).
    pub fn id(&self) -> String {
        format!("ipsc-{}", self.key.replace('.', "-"))
    }

    /// Its label as shown: an optional question's says so.
    pub fn label(&self, lang: Lang) -> String {
        let label = self.label.get(lang);
        match self.need {
            Need::Optional => format!("{label}{}", strings::OPTIONAL.get(lang)),
            _ => label,
        }
    }
}

/// The id of a field of an item (`ipsc-loan-0-principal`).
pub fn item_field(items: &str, index: usize, key: &str) -> String {
    format!("ipsc-{items}-{index}-{key}")
}

fn choice<'p>(value: &str, label: Words<'p>) -> Choice<'p> {
    Choice {
        value: value.to_owned(),
        suffix: value.to_owned(),
        label,
    }
}

fn pack_choices(list: &[ipsc_engine::pack::Choice]) -> Vec<Choice<'_>> {
    list.iter()
        .map(|c| choice(&c.id, Words::Pack(&c.label)))
        .collect()
}

fn number(quantity: Quantity, limits: Option<&'static Limits>) -> Kind<'static> {
    match quantity {
        Quantity::Yuan => Kind::Money(Money { limits }),
        _ => Kind::Number(Number { quantity, limits }),
    }
}

/// A whole number as a decimal, in a constant.
const fn whole(n: i32) -> Decimal {
    Decimal::from_parts(n.unsigned_abs(), 0, 0, n < 0, 0)
}

/// Numbers from `low` to `high`, and what to say outside them.
const fn within(low: Decimal, high: Decimal, error: Tr) -> Limits {
    Limits {
        low,
        high,
        error,
        for_any_error: false,
    }
}

/// The years the engine takes; any text that is no such year gets the same words.
static YEAR: Limits = Limits {
    for_any_error: true,
    ..within(whole(*YEARS.start()), whole(*YEARS.end()), ERR_YEAR)
};

/// Above zero (the smallest amount is a fen), within what the reader takes.
static PRINCIPAL: Limits = within(
    Decimal::from_parts(1, 0, 0, false, 2),
    MAX_YUAN,
    ERR_PRINCIPAL,
);

/// The engine's longest term.
static TERM: Limits = within(
    Decimal::ONE,
    Decimal::from_parts(MAX_TERM_MONTHS, 0, 0, false, 0),
    ERR_TERM,
);

/// A rate above zero, at most what the reader takes.
static LPR_RATE: Limits = within(
    Decimal::from_parts(1, 0, 0, false, 4),
    MAX_PERCENT,
    ERR_LPR_RATE,
);

/// What the loans say around each loan.
static LOANS: ItemWords = ItemWords {
    heading: LOAN_N,
    add: ADD_LOAN,
    remove: REMOVE_LOAN,
    summary: LOAN_SUMMARY,
    summary_more: LOAN_SUMMARY_RATE,
    none: ERR_ADD_LOAN,
    added: LOAN_ADDED,
    removed: LOAN_REMOVED,
};

/// A field of the answers: `lens!(path, |answers| get, |answers, value| set)`.
macro_rules! lens {
    ($path:expr, $get:expr, $set:expr) => {
        Lens {
            path: $path,
            get: $get,
            set: $set,
        }
    };
}

/// A lens on an optional field of the answers, kept under the field's name:
/// `field!(name, to a value, Value's reader)`.
macro_rules! field {
    ($field:ident, $to:expr, $from:ident) => {
        Answer::Field(lens!(
            stringify!($field),
            |a: &Answers| a.$field.clone().map($to),
            |a: &mut Answers, v: Value| a.$field = v.$from()
        ))
    };
}

/// A lens on one of the size figures (`Answers::size`, there once any figure is given):
/// `size_lens!(field, to a value, Value's reader)`.
macro_rules! size_lens {
    ($field:ident, $to:expr, $from:ident) => {
        lens!(
            concat!("size.", stringify!($field)),
            |a: &Answers| a.size.as_ref()?.$field.map($to),
            |a: &mut Answers, v: Value| a.size.get_or_insert_with(Default::default).$field =
                v.$from()
        )
    };
}

/// Every question of the questionnaire for this pack, in the order asked; revealed,
/// folded and item questions inside the question that holds them.
pub fn questions(pack: &Pack) -> Vec<Question<'_>> {
    use Step::*;
    use Words::App;
    let industries = |key: bool| {
        pack.industries
            .iter()
            .filter(|i| i.key == key)
            .map(|i| choice(&i.id, Words::Pack(&i.label)))
            .collect()
    };
    let yes_no_unsure = [
        (YesNoUnsure::Yes, strings::YES),
        (YesNoUnsure::No, strings::NO),
        (YesNoUnsure::Unsure, strings::NOT_SURE),
    ]
    .into_iter()
    .map(|(v, label)| choice(v.code(), App(label)))
    .collect();
    let money = || App(HINT_MONEY);
    let mut all = vec![
        Question::new(
            "registered",
            Enterprise,
            Kind::YesNo(YesNo),
            Words::Fill(Q_REGISTERED, "place", &pack.meta.jurisdiction),
        )
        .required(App(ERR_CHOOSE_REGISTERED))
        .answer(field!(registered_locally, Value::Flag, flag))
        .reveals(
            "1",
            vec![],
            vec![Question::new(
                "region",
                Enterprise,
                Kind::DropDown(DropDown(vec![(None, pack_choices(&pack.regions))])),
                App(Q_REGION),
            )
            .answer(field!(region, Value::Id, id))],
        ),
        Question::new(
            "industry",
            Enterprise,
            Kind::DropDown(DropDown(vec![
                (Some(KEY_INDUSTRIES), industries(true)),
                (Some(OTHER_INDUSTRIES), industries(false)),
            ])),
            App(Q_INDUSTRY),
        )
        .answer(field!(industry, Value::Id, id)),
        Question::new(
            "tech-sme",
            Enterprise,
            Kind::OneOf(OneOf(yes_no_unsure)),
            App(Q_TECH_SME),
        )
        .hint(Words::Pack(&pack.tech_sme_guide.hint))
        .required(App(ERR_CHOOSE_TECH_SME))
        .answer(field!(
            tech_sme,
            |v| Value::Id(v.code().to_owned()),
            yes_no_unsure
        ))
        .reveals(
            YesNoUnsure::Unsure.code(),
            vec![Words::Pack(&pack.tech_sme_guide.note), App(SIZE_INTRO)],
            vec![
                size(
                    "staff",
                    Quantity::Count,
                    strings::Q_STAFF,
                    None,
                    size_lens!(staff, |v| Value::Whole(v.into()), whole),
                ),
                size(
                    "sales",
                    Quantity::Yuan,
                    strings::Q_SALES,
                    Some(money()),
                    size_lens!(sales, Value::Decimal, decimal),
                ),
                size(
                    "assets",
                    Quantity::Yuan,
                    strings::Q_ASSETS,
                    Some(money()),
                    size_lens!(assets, Value::Decimal, decimal),
                ),
            ],
        ),
        Question::new("abnormal", Enterprise, Kind::YesNo(YesNo), App(Q_ABNORMAL))
            .required(App(ERR_CHOOSE_ABNORMAL))
            .answer(field!(abnormal_list, Value::Flag, flag)),
        Question::new(
            "dishonest",
            Enterprise,
            Kind::YesNo(YesNo),
            App(Q_DISHONEST),
        )
        .required(App(ERR_CHOOSE_DISHONEST))
        .answer(field!(dishonest_list, Value::Flag, flag)),
        Question::new(
            "year",
            Enterprise,
            number(Quantity::Count, Some(&YEAR)),
            App(Q_YEAR),
        )
        .hint(App(HINT_YEAR))
        .defaulted()
        .answer(field!(year, |y| Value::Whole(y.into()), whole)),
    ];
    for q in &pack.counts {
        all.push(
            Question::new(
                format!("count.{}", q.id),
                Items,
                number(Quantity::Count, None),
                Words::Pack(&q.label),
            )
            .hint(Words::PackThen(&q.hint, HINT_COUNT_ZERO))
            .required(Words::Fill(ERR_COUNT, "label", &q.label))
            .answer(Answer::Count(q.id.clone())),
        );
    }
    all.push(
        Question::new("has-loans", Loans, Kind::YesNo(YesNo), App(Q_HAS_LOANS))
            .required(App(ERR_CHOOSE_LOANS))
            .reveals("1", vec![], vec![loans(), newer_lpr(pack)]),
    );
    for q in &pack.levels {
        let options = q
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| Choice {
                value: o.id.clone(),
                suffix: i.to_string(),
                label: Words::Pack(&o.label),
            })
            .collect();
        all.push(
            Question::new(
                format!("level.{}", q.id),
                Levels,
                Kind::OneOf(OneOf(options)),
                Words::Pack(&q.label),
            )
            .hint(Words::Pack(&q.hint))
            .required(Words::Fill(ERR_CHOOSE_LEVEL, "label", &q.label))
            .answer(Answer::Level(q.id.clone())),
        );
    }
    all.push(
        Question::new(
            "situation",
            Situations,
            Kind::AnyOf(AnyOf(pack_choices(&pack.situations))),
            App(Q_SITUATIONS),
        )
        .hint(App(HINT_SITUATIONS))
        .unmarked()
        .answer(Answer::Field(lens!(
            "situations",
            |a| (!a.situations.is_empty()).then(|| Value::Ids(a.situations.clone())),
            |a, v| a.situations = v.ids().unwrap_or_default()
        ))),
    );
    all
}

/// One of the size figures registration looks at, kept in `Answers::size`, which exists
/// once any of them is given.
fn size(
    key: &'static str,
    quantity: Quantity,
    label: Tr,
    hint: Option<Words<'static>>,
    lens: Lens<Answers>,
) -> Question<'static> {
    let mut question = Question::new(
        key,
        Step::Enterprise,
        number(quantity, None),
        Words::App(label),
    )
    .answer(Answer::Field(lens));
    question.hint = hint;
    question
}

/// A part of the loan being read: `loan_part!(path, |loan| value, |loan, value| set)`.
macro_rules! loan_part {
    ($path:expr, $get:expr, $set:expr) => {
        Answer::Part(Part {
            path: $path,
            get: |a: &Answers, n: usize| a.loans.get(n).and_then($get),
            set: |a: &mut Answers, v: Value| {
                if let Some(loan) = a.loans.last_mut() {
                    $set(loan, v);
                }
            },
        })
    };
}

/// A part of the newer LPR: `lpr_part!(path, |lpr| value, |lpr, value| set)`.
macro_rules! lpr_part {
    ($path:expr, $get:expr, $set:expr) => {
        Answer::Part(Part {
            path: $path,
            get: |a: &Answers, _: usize| a.newer_lpr.as_ref().and_then($get),
            set: |a: &mut Answers, v: Value| {
                if let Some(lpr) = a.newer_lpr.as_mut() {
                    $set(lpr, v);
                }
            },
        })
    };
}

/// The loans: one record each in `Answers::loans`.
static LOAN_RECORDS: Record = Record {
    path: "loans",
    open: |a| match blank_loan() {
        Some(loan) => {
            a.loans.push(loan);
            true
        }
        None => false,
    },
    close: |a, complete| {
        if !complete {
            a.loans.pop();
        }
    },
    len: |a| a.loans.len(),
    list: true,
};

/// The newer LPR: `Answers::newer_lpr`, there only when complete and newer than the table.
static LPR_RECORD: Record = Record {
    path: "newer_lpr",
    open: |a| {
        a.newer_lpr = blank_lpr();
        a.newer_lpr.is_some()
    },
    close: |a, complete| {
        if !complete {
            a.newer_lpr = None;
        }
    },
    len: |a| usize::from(a.newer_lpr.is_some()),
    list: false,
};

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
    Date::new(*YEARS.start(), 1, 1).ok()
}

/// A newer LPR must be newer than the pack's table.
fn lpr_is_newer(pack: &Pack, a: &Answers) -> Option<Tr> {
    let latest = pack.lpr.rates.last()?.effective;
    (a.newer_lpr.as_ref()?.effective <= latest).then_some(strings::ERR_LPR_NOT_NEWER)
}

/// The loans, each with its principal, start, term and rate.
fn loans() -> Question<'static> {
    use Words::App;
    let s = Step::Loans;
    let questions = vec![
        Question::new(
            "principal",
            s,
            number(Quantity::Yuan, Some(&PRINCIPAL)),
            App(Q_PRINCIPAL),
        )
        .hint(App(HINT_MONEY))
        .required(App(ERR_PRINCIPAL))
        .answer(loan_part!(
            "principal",
            |l: &Loan| Some(Value::Decimal(l.principal)),
            |l: &mut Loan, v: Value| l.principal = v.decimal().unwrap_or_default()
        )),
        Question::new("start", s, Kind::Date(DateField), App(Q_START))
            .required(App(ERR_DATE_REQUIRED))
            .answer(loan_part!(
                "start",
                |l: &Loan| Some(Value::Date(l.start)),
                |l: &mut Loan, v: Value| {
                    if let Some(d) = v.date() {
                        l.start = d;
                    }
                }
            )),
        Question::new("term", s, number(Quantity::Count, Some(&TERM)), App(Q_TERM))
            .required(App(ERR_TERM))
            .answer(loan_part!(
                "term_months",
                |l: &Loan| Some(Value::Whole(l.term_months.into())),
                |l: &mut Loan, v: Value| l.term_months = v.whole().unwrap_or_default()
            )),
        Question::new("rate", s, number(Quantity::Percent, None), App(Q_RATE))
            .hint(App(HINT_RATE))
            .answer(loan_part!(
                "contract_rate",
                |l: &Loan| l.contract_rate.map(Value::Decimal),
                |l: &mut Loan, v: Value| l.contract_rate = v.decimal()
            )),
    ];
    Question::new(
        "loan",
        s,
        Kind::Group(Group {
            words: &LOANS,
            questions,
            record: LOAN_RECORDS,
        }),
        App(strings::STEP_LOANS),
    )
}

/// A newer LPR than the pack's table: its date and rate, both or neither.
fn newer_lpr(pack: &Pack) -> Question<'_> {
    use Words::App;
    let s = Step::Loans;
    Question::new(
        "lpr",
        s,
        Kind::Fold(Fold {
            summary: NEWER_LPR,
            hint: Words::FillValue(NEWER_LPR_HINT, "date", pack.lpr.last_confirmed.to_string()),
            questions: vec![
                Question::new("lpr-date", s, Kind::Date(DateField), App(Q_LPR_DATE))
                    .unmarked()
                    .answer(lpr_part!(
                        "effective",
                        |l: &NewerLpr| Some(Value::Date(l.effective)),
                        |l: &mut NewerLpr, v: Value| {
                            if let Some(d) = v.date() {
                                l.effective = d;
                            }
                        }
                    )),
                Question::new(
                    "lpr-rate",
                    s,
                    number(Quantity::Percent, Some(&LPR_RATE)),
                    App(Q_LPR_RATE),
                )
                .unmarked()
                .answer(lpr_part!(
                    "one_year",
                    |l: &NewerLpr| Some(Value::Decimal(l.one_year)),
                    |l: &mut NewerLpr, v: Value| l.one_year = v.decimal().unwrap_or_default()
                )),
            ],
            record: LPR_RECORD,
            incomplete: strings::ERR_LPR_PAIR,
            check: Some(lpr_is_newer),
        }),
        App(NEWER_LPR),
    )
}

/// Each pack's questionnaire, built once: packs live as long as the page, and so do their
/// questionnaires (at most two, the pack and the pack with its report texts).
type Built = Vec<(usize, &'static [Question<'static>])>;

thread_local! {
    static BUILT: std::cell::RefCell<Built> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The questionnaire for this pack, built the first time it is asked for.
pub fn questionnaire(pack: &'static Pack) -> &'static [Question<'static>] {
    let at = std::ptr::from_ref(pack) as usize;
    BUILT.with(|built| {
        if let Some((_, table)) = built.borrow().iter().find(|(p, _)| *p == at) {
            return *table;
        }
        let table: &'static [Question<'static>] = Vec::leak(questions(pack));
        built.borrow_mut().push((at, table));
        table
    })
}

// The questions' own words, in both languages: the table above is their only user.
strings! {
    /// Registered in the jurisdiction: `{place}`.
    Q_REGISTERED = "企业是否在{place}注册登记？", "Is the enterprise registered in {place}?";
    /// Region.
    Q_REGION = "注册地所在区域", "Where in the city it is registered";
    /// Industry.
    Q_INDUSTRY = "所属行业", "Industry";
    /// The key industries' group.
    KEY_INDUSTRIES = "方案重点支持的八大产业", "The plan's eight key industries";
    /// Other industries' group.
    OTHER_INDUSTRIES = "其他行业", "Other industries";
    /// SME registration.
    Q_TECH_SME = "企业在测算年度是否已登记入库为科技型中小企业？", "Was the enterprise registered (入库) as a technology-based SME in the assessment year?";
    /// Size figures, when unsure.
    SIZE_INTRO = "填写以下数字，本工具会对照入库条件中的规模要求（不作入库判断）。", "Enter these figures and this tool compares them with the size limits for registration (it does not decide registration).";
    /// Abnormal list.
    Q_ABNORMAL = "企业是否被列入经营异常名录？", "Is the enterprise on the list of enterprises with abnormal operations (经营异常名录)?";
    /// Dishonesty list.
    Q_DISHONEST = "企业是否被列入严重违法失信名单？", "Is the enterprise on a list of seriously illegal and dishonest enterprises (严重违法失信名单)?";
    /// Year.
    Q_YEAR = "测算年度", "Assessment year";
    /// Year hint.
    HINT_YEAR = "按哪一年的授权、贷款和认定测算。默认是上一个完整年度。", "The year whose grants, loans and recognitions are counted. By default, the last full year.";
    /// Money hint.
    HINT_MONEY = "单位：元。可以写“500万”或“5,000,000”。", "In yuan. You may write 5000000, 5,000,000 or 500万.";
    /// Count hint addition.
    HINT_COUNT_ZERO = "没有请填 0。", "Enter 0 if there were none.";
    /// Has loans.
    Q_HAS_LOANS = "测算年度内，企业是否有以专利、商标、版权等知识产权质押取得的贷款？", "In the assessment year, did the enterprise have loans secured by a pledge of patents, trademarks, copyrights or other IP?";
    /// A loan's heading: `{n}`.
    LOAN_N = "贷款 {n}", "Loan {n}";
    /// Principal.
    Q_PRINCIPAL = "以知识产权质押担保的贷款本金（元）", "Principal secured by the IP pledge (yuan)";
    /// Start date.
    Q_START = "贷款起始日", "Start date of the loan";
    /// Term.
    Q_TERM = "贷款期限（月）", "Term (months)";
    /// Contract rate.
    Q_RATE = "合同年利率（%）", "Contract interest rate a year (%)";
    /// Rate hint.
    HINT_RATE = "填写后，本工具假设每笔贴息不超过该笔贷款同期按合同利率计算的利息（原文未规定）。", "If given, this tool assumes each loan's subsidy is at most its interest at that rate for the same months (the text is silent).";
    /// Add a loan.
    ADD_LOAN = "再添加一笔贷款", "Add another loan";
    /// Remove a loan: `{n}`.
    REMOVE_LOAN = "删除贷款 {n}", "Remove loan {n}";
    /// Said to a screen reader when a loan is added: `{n}`.
    LOAN_ADDED = "已添加贷款 {n}", "Loan {n} added";
    /// Said to a screen reader when a loan is removed: `{n}`.
    LOAN_REMOVED = "已删除贷款 {n}", "Loan {n} removed";
    /// The newer LPR's disclosure.
    NEWER_LPR = "如果您知道比本工具更新的LPR", "If you know a newer LPR than this tool";
    /// The newer LPR's explanation: `{date}`.
    NEWER_LPR_HINT = "本工具LPR表的最后一次核实报价为 {date} 公布。之后如有调整，可在此填写新的1年期LPR及其生效日。", "The last quote this tool's LPR table confirms was published on {date}. If the LPR has changed since, enter the new 1-year LPR and the day it took effect.";
    /// The newer LPR's date.
    Q_LPR_DATE = "新LPR生效日", "Date the new LPR took effect";
    /// The newer LPR's rate.
    Q_LPR_RATE = "新的1年期LPR（%）", "New 1-year LPR (%)";
    /// Situations.
    Q_SITUATIONS = "以下哪些情况符合贵单位？", "Which of these apply to your enterprise?";
    /// Situations hint.
    HINT_SITUATIONS = "可多选，也可都不选。用于匹配原文未写明金额的支持政策。", "Choose any, or none. They match programmes for which the text states no amount.";
    /// A loan row: `{principal}`, `{start}`, `{term}`.
    LOAN_SUMMARY = "本金 {principal}，{start} 起，{term} 个月", "{principal} from {start}, {term} months";
    /// A rate in a loan row: `{rate}`.
    LOAN_SUMMARY_RATE = "，合同年利率 {rate}", ", contract rate {rate}";
    /// Registration not chosen.
    ERR_CHOOSE_REGISTERED = "请选择企业是否在本地注册登记", "Choose whether the enterprise is registered here";
    /// SME not chosen.
    ERR_CHOOSE_TECH_SME = "请选择是否已登记为科技型中小企业；不确定请选“不确定”", "Choose whether it is registered as a technology-based SME; choose Not sure if you do not know";
    /// The abnormal-operations question not answered.
    ERR_CHOOSE_ABNORMAL = "请选择企业是否被列入经营异常名录", "Choose whether the enterprise is on the list of enterprises with abnormal operations";
    /// The serious-dishonesty question not answered.
    ERR_CHOOSE_DISHONEST = "请选择企业是否被列入严重违法失信名单", "Choose whether the enterprise is on a list of seriously illegal and dishonest enterprises";
    /// Loans not chosen.
    ERR_CHOOSE_LOANS = "请选择是否有知识产权质押贷款", "Choose whether there were IP-pledge loans";
    /// No loan added.
    ERR_ADD_LOAN = "请至少添加一笔贷款，或选择“否”", "Add at least one loan, or choose No";
    /// Principal.
    ERR_PRINCIPAL = "请输入大于 0 的贷款本金，例如 5000000 或 500万", "Enter a principal above 0, like 5000000 or 500万";
    /// Date required.
    ERR_DATE_REQUIRED = "请输入贷款起始日", "Enter the start date of the loan";
    /// Term.
    ERR_TERM = "请输入 1 至 360 之间的整月数", "Enter a whole number of months from 1 to 360";
    /// Bad year.
    ERR_YEAR = "请输入2000年至2100年之间的年份，例如 2025", "Enter a year from 2000 to 2100, like 2025";
    /// A newer LPR's rate outside what a rate can be.
    ERR_LPR_RATE = "请输入大于 0、不超过 100 的利率，例如 3.0", "Enter a rate above 0 and at most 100, like 3.0";
    /// A count question of the pack not answered: `{label}`, the question.
    ERR_COUNT = "请填写{label}，没有请填 0", "Enter a number for “{label}”; enter 0 if there were none";
    /// A level question of the pack not answered: `{label}`, the question.
    ERR_CHOOSE_LEVEL = "请回答：{label}", "Choose an answer to “{label}”";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::flatten;
    use crate::policy::default_pack;

    #[test]
    fn steps_go_forward_and_back_in_order_and_stop_at_the_ends() {
        for pair in Step::ALL.windows(2) {
            if let [before, after] = pair {
                assert_eq!(before.next(), *after);
                assert_eq!(after.previous(), *before);
                assert_eq!(after.number(), before.number() + 1);
            }
        }
        assert_eq!(Step::Results.next(), Step::Results);
        assert_eq!(Step::Enterprise.previous(), Step::Enterprise);
        assert_eq!(Step::question(5), Some(Step::Situations));
        assert_eq!(Step::question(6), None, "the check page asks nothing");
        assert_eq!(Step::question(0), None);
        assert_eq!(Step::QUESTIONS, 5);
    }

    #[test]
    fn every_question_has_its_own_key_and_field_and_words() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let all = questionnaire(pack);
        let flat = flatten(all);
        let mut keys: Vec<&str> = flat.iter().map(|q| q.key.as_str()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "a key is used twice: {keys:?}");
        // Every word a question says, its items' questions included, in both languages.
        let mut all_questions: Vec<&Question<'_>> = flat.clone();
        for q in &flat {
            if let Kind::Group(group) = &q.kind {
                all_questions.extend(&group.questions);
            }
        }
        for q in all_questions {
            let mut words: Vec<Words<'_>> = vec![q.label.clone()];
            words.extend(q.hint.clone());
            if let Need::Required(error) = &q.need {
                words.push(error.clone());
            }
            words.extend(q.choices().into_iter().map(|c| c.label.clone()));
            if let Some(reveal) = &q.reveals {
                words.extend(reveal.intro.iter().cloned());
            }
            match &q.kind {
                Kind::Group(Group { words: w, .. }) => words.extend(
                    [
                        w.heading,
                        w.add,
                        w.remove,
                        w.summary,
                        w.summary_more,
                        w.none,
                        w.added,
                        w.removed,
                    ]
                    .map(Words::App),
                ),
                Kind::Fold(fold) => {
                    words.extend([
                        Words::App(fold.summary),
                        fold.hint.clone(),
                        Words::App(fold.incomplete),
                    ]);
                }
                Kind::Number(Number {
                    limits: Some(limits),
                    ..
                })
                | Kind::Money(Money {
                    limits: Some(limits),
                }) => words.push(Words::App(limits.error)),
                _ => {}
            }
            for said in words.iter().map(Words::said) {
                assert!(
                    !said.zh.trim().is_empty() && !said.en.trim().is_empty(),
                    "{}: {said:?}",
                    q.key
                );
                assert!(
                    !said.zh.contains('{') && !said.en.contains('{') || q.key == "loan",
                    "{}: a blank left: {said:?}",
                    q.key
                );
            }
            assert!(q.step.asks(), "{} is on {:?}", q.key, q.step);
        }
        // Every step of the questionnaire asks something.
        for step in Step::ALL.into_iter().filter(|s| s.asks()) {
            assert!(all.iter().any(|q| q.step == step), "{step:?} asks nothing");
        }
    }

    #[test]
    fn every_word_of_the_questions_exists_in_both_languages() {
        assert!(ALL.len() >= 40, "{}", ALL.len());
        for (name, tr) in ALL {
            assert!(!tr.zh.trim().is_empty(), "{name} has no Chinese");
            assert!(!tr.en.trim().is_empty(), "{name} has no English");
        }
    }

    /// An error summary lists each question once: no two required questions share their
    /// error's words, in either language.
    #[test]
    fn no_two_questions_share_an_error() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let errors: Vec<(String, Text)> = flatten(questionnaire(pack))
            .into_iter()
            .filter_map(|q| match &q.need {
                Need::Required(words) => Some((q.key.clone(), words.said())),
                _ => None,
            })
            .collect();
        assert!(errors.len() >= 8, "{errors:?}");
        for (i, (a, x)) in errors.iter().enumerate() {
            for (b, y) in errors.iter().skip(i + 1) {
                assert!(x.zh != y.zh && x.en != y.en, "{a} and {b} say the same");
            }
        }
    }

    /// The limits are the engine's; the words that state them must say the same numbers.
    #[test]
    fn the_words_state_the_engines_limits() {
        for lang in [Lang::Zh, Lang::En] {
            let year = ERR_YEAR.get(lang);
            assert!(year.contains(&YEARS.start().to_string()), "{year}");
            assert!(year.contains(&YEARS.end().to_string()), "{year}");
            let term = ERR_TERM.get(lang);
            assert!(term.contains(&format!(" {MAX_TERM_MONTHS}")), "{term}");
            let rate = ERR_LPR_RATE.get(lang);
            assert!(rate.contains(&format!(" {MAX_PERCENT}")), "{rate}");
        }
        // The limits the form checks are the engine's and the reader's.
        assert_eq!(
            (YEAR.low, YEAR.high),
            (whole(*YEARS.start()), whole(*YEARS.end()))
        );
        assert_eq!(TERM.high, Decimal::from(MAX_TERM_MONTHS));
        assert_eq!(LPR_RATE.high, MAX_PERCENT);
    }

    /// Issue 22: the app's words say no more than the sources. The plan never says its
    /// programmes carry no money, only that it states no amount; the contract-interest
    /// limit is the tool's assumption, with the pack's one meaning.
    #[test]
    fn the_words_say_no_amount_is_stated_and_the_rate_limit_is_an_assumption() {
        for tr in [
            strings::PROGRAMMES,
            strings::PROGRAMMES_MATCHED,
            HINT_SITUATIONS,
        ] {
            assert!(tr.zh.contains("原文未写明金额"), "{}", tr.zh);
            assert!(!tr.zh.contains("资金"), "{}", tr.zh);
            assert!(tr.en.contains("no amount"), "{}", tr.en);
            assert!(!tr.en.contains("money"), "{}", tr.en);
        }
        assert!(HINT_RATE.zh.contains("本工具假设") && HINT_RATE.zh.contains("按合同利率计算"));
        assert!(!HINT_RATE.zh.contains("实际支付"), "{}", HINT_RATE.zh);
        assert!(
            HINT_RATE.en.contains("this tool assumes"),
            "{}",
            HINT_RATE.en
        );
        assert!(!HINT_RATE.en.contains("actually"), "{}", HINT_RATE.en);
        // 怎样才能获得: what it would take to get it, not what would change it.
        assert_eq!(strings::WHAT_WOULD_CHANGE.en, "What it would take");
    }

    /// A loan after the LPR table's last quote says on its line where a newer rate is
    /// entered: by this questionnaire's own words for that disclosure, in each language.
    #[test]
    fn the_words_of_a_loan_after_the_last_quote_name_where_a_newer_rate_goes() {
        let pack = default_pack().unwrap_or_else(|e| panic!("{e}"));
        let template = ipsc_engine::codes::Template::FormulaLprAfterLastQuote;
        for lang in [Lang::Zh, Lang::En] {
            let words = pack.say(template, lang);
            assert!(words.contains(NEWER_LPR.get(lang)), "{words}");
        }
    }
}
