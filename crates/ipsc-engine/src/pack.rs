//! The policy pack: everything a plan says that the engine needs, as data.
//!
//! The engine knows kinds of measure (a reward per granted item, an interest subsidy with a
//! ratio and a cap, a fixed yearly subsidy for a recognised facility, a programme match);
//! the pack says which of them a plan has, with what amounts, citing which clause, in
//! which words. A plan of another city made of the same kinds is a new pack, not new code.

use crate::date::Date;
use crate::i18n::{Lang, Text};
use litemap::LiteMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A whole policy pack. In TOML the lists are arrays of tables with singular names
/// (`[[clause]]`, `[[measure]]`, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// What the pack is and where its text comes from.
    pub meta: Meta,
    /// Places inside the jurisdiction an enterprise may be registered in.
    #[serde(rename = "region")]
    pub regions: Vec<Choice>,
    /// Industries to choose from; `key` marks those the plan singles out.
    #[serde(rename = "industry")]
    pub industries: Vec<Industry>,
    /// The plan's text, clause by clause, so every figure can quote its source.
    #[serde(rename = "clause")]
    pub clauses: Vec<Clause>,
    /// Questions answered with a number of items (granted patents, …).
    #[serde(rename = "count", default)]
    pub counts: Vec<CountQuestion>,
    /// Questions answered with a level of recognition (a workstation's level, …).
    #[serde(rename = "level", default)]
    pub levels: Vec<LevelQuestion>,
    /// Yes/no situations that make a programme without money relevant.
    #[serde(rename = "situation", default)]
    pub situations: Vec<Choice>,
    /// The measures with money.
    #[serde(rename = "measure")]
    pub measures: Vec<Measure>,
    /// The programmes without money.
    #[serde(rename = "programme", default)]
    pub programmes: Vec<Programme>,
    /// Loan prime rates, for interest subsidies.
    pub lpr: LprTable,
    /// What registration as a technology-based SME requires, to guide (never decide).
    pub tech_sme_guide: TechSmeGuide,
    /// Caveats shown with every assessment.
    #[serde(rename = "caveat", default)]
    pub caveats: Vec<Labelled>,
    /// The words for every code the engine emits (reasons, warnings, conditions), by code.
    pub text: LiteMap<String, Text>,
}

/// The pack's identity and provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// A stable id, kept in saved answers and share links.
    pub id: String,
    /// The plan's title.
    pub title: Text,
    /// The document number, as printed (`随政办发〔2024〕15号`).
    pub doc_number: String,
    /// Who issued it.
    pub issuer: Text,
    /// The date it was issued.
    pub issue_date: Date,
    /// The date someone last checked this pack against the sources.
    pub reviewed: Date,
    /// Where the text comes from and how it was mended.
    pub source: Text,
    /// The jurisdiction, for "registered in …".
    pub jurisdiction: Text,
    /// Said with every result.
    pub disclaimer: Text,
    /// What is known of the plan's validity period.
    pub validity_note: Text,
    /// Says that English renderings are unofficial.
    pub translation_note: Text,
    /// The clause on credit supervision, cited by the credit-list warning.
    pub credit_clause: String,
    /// The clause that states the plan's aims and period, cited by date warnings.
    pub preamble_clause: String,
}

/// An option with an id and a label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id, used in answers.
    pub id: String,
    /// What the user sees.
    pub label: Text,
    /// Optional help under the option.
    #[serde(default)]
    pub hint: Option<Text>,
}

/// Words with an id (a caveat, an assumption).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labelled {
    /// Stable id, used in assessments.
    pub id: String,
    /// The words.
    pub text: Text,
}

/// An industry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    /// Stable id, used in answers.
    pub id: String,
    /// What the user sees.
    pub label: Text,
    /// One of the industries the plan names.
    #[serde(default)]
    pub key: bool,
}

/// One clause of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// How it is cited (`一(三)`).
    pub id: String,
    /// Its heading or first words.
    pub heading: Text,
    /// Its words: `zh` as in the plan (mended only for extraction errors), `en` unofficial.
    pub text: Text,
}

/// A question answered with a count of items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountQuestion {
    /// Stable id, the key in `Answers::counts`.
    pub id: String,
    /// The question.
    pub label: Text,
    /// Help under the field.
    pub hint: Text,
    /// The unit in a formula (`件`; empty in English where a number needs none).
    pub unit: Text,
}

/// A question answered with a level of recognition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelQuestion {
    /// Stable id, the key in `Answers::levels`.
    pub id: String,
    /// The question.
    pub label: Text,
    /// Help under the field.
    pub hint: Text,
    /// The levels from lowest to highest; the first is "none".
    pub options: Vec<Choice>,
}

/// A condition a measure puts on the enterprise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Registered in the pack's jurisdiction.
    RegisteredLocally,
    /// Registered (入库) as a technology-based SME in the assessment year.
    TechSme,
}

impl Condition {
    /// Every condition, for validation of the texts.
    pub const ALL: [Condition; 2] = [Condition::RegisteredLocally, Condition::TechSme];

    /// The code, as in packs and assessments.
    pub fn code(self) -> &'static str {
        match self {
            Condition::RegisteredLocally => "registered-locally",
            Condition::TechSme => "tech-sme",
        }
    }
}

/// A measure with money.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable id.
    pub id: String,
    /// The clause it comes from.
    pub clause: String,
    /// What it is called.
    pub label: Text,
    /// The plan's own words for it, quoted.
    pub quote: String,
    /// What the enterprise must be.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// How the amount is worked out.
    pub rule: Rule,
    /// Decisions the estimate makes where the text is silent, shown with the result.
    #[serde(rename = "assumption", default)]
    pub assumptions: Vec<Labelled>,
    /// Things that may change the real amount, shown with the result.
    #[serde(rename = "caveat", default)]
    pub caveats: Vec<Labelled>,
}

/// How a measure's amount is worked out: the kinds of measure the engine knows.
///
/// In a pack it is one table with a `kind` and that kind's fields
/// (`{ kind = "per-item", count = "…", amount = "10000" }`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RuleFields", into = "RuleFields")]
pub enum Rule {
    /// A fixed amount for each item counted in the year.
    PerItem {
        /// The count question.
        count: String,
        /// Yuan per item.
        amount: Decimal,
    },
    /// A share of the loan prime rate on loans, capped per enterprise and year.
    InterestSubsidy {
        /// The share of the LPR that is subsidised (`0.40`).
        ratio: Decimal,
        /// The most an enterprise gets in a year, over all its loans.
        cap: Decimal,
        /// Never more than the loan's own interest, where its contract rate is known.
        limit_to_contract_interest: bool,
    },
    /// A fixed amount a year for a facility recognised at a level or above.
    FixedYearly {
        /// The level question.
        level: String,
        /// The lowest level that qualifies.
        min_level: String,
        /// Yuan a year.
        amount: Decimal,
    },
}

/// The kinds of [`Rule`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// [`Rule::PerItem`].
    PerItem,
    /// [`Rule::InterestSubsidy`].
    InterestSubsidy,
    /// [`Rule::FixedYearly`].
    FixedYearly,
}

/// A [`Rule`] as written: a kind and the fields of every kind, each optional. Flat, so that
/// packs read the same in TOML and in the compact binary form the app embeds, which cannot
/// carry serde's internally tagged enums.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFields {
    kind: Option<RuleKind>,
    #[serde(default)]
    count: Option<String>,
    #[serde(default, with = "crate::decimal_str::option")]
    amount: Option<Decimal>,
    #[serde(default, with = "crate::decimal_str::option")]
    ratio: Option<Decimal>,
    #[serde(default, with = "crate::decimal_str::option")]
    cap: Option<Decimal>,
    #[serde(default)]
    limit_to_contract_interest: Option<bool>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    min_level: Option<String>,
}

impl TryFrom<RuleFields> for Rule {
    type Error = String;
    fn try_from(f: RuleFields) -> Result<Rule, String> {
        fn need<T>(value: Option<T>, kind: &str, field: &str) -> Result<T, String> {
            value.ok_or_else(|| format!("a `{kind}` rule needs `{field}`"))
        }
        let only = |allowed: &[&str], kind: &str| -> Result<(), String> {
            let given = [
                ("count", f.count.is_some()),
                ("amount", f.amount.is_some()),
                ("ratio", f.ratio.is_some()),
                ("cap", f.cap.is_some()),
                (
                    "limit_to_contract_interest",
                    f.limit_to_contract_interest.is_some(),
                ),
                ("level", f.level.is_some()),
                ("min_level", f.min_level.is_some()),
            ];
            match given
                .iter()
                .find(|(name, set)| *set && !allowed.contains(name))
            {
                Some((name, _)) => Err(format!("a `{kind}` rule has no field `{name}`")),
                None => Ok(()),
            }
        };
        match f.kind {
            None => Err("a rule needs `kind`: per-item, interest-subsidy or fixed-yearly".into()),
            Some(RuleKind::PerItem) => {
                only(&["count", "amount"], "per-item")?;
                Ok(Rule::PerItem {
                    count: need(f.count.clone(), "per-item", "count")?,
                    amount: need(f.amount, "per-item", "amount")?,
                })
            }
            Some(RuleKind::InterestSubsidy) => {
                only(
                    &["ratio", "cap", "limit_to_contract_interest"],
                    "interest-subsidy",
                )?;
                Ok(Rule::InterestSubsidy {
                    ratio: need(f.ratio, "interest-subsidy", "ratio")?,
                    cap: need(f.cap, "interest-subsidy", "cap")?,
                    limit_to_contract_interest: need(
                        f.limit_to_contract_interest,
                        "interest-subsidy",
                        "limit_to_contract_interest",
                    )?,
                })
            }
            Some(RuleKind::FixedYearly) => {
                only(&["level", "min_level", "amount"], "fixed-yearly")?;
                Ok(Rule::FixedYearly {
                    level: need(f.level.clone(), "fixed-yearly", "level")?,
                    min_level: need(f.min_level.clone(), "fixed-yearly", "min_level")?,
                    amount: need(f.amount, "fixed-yearly", "amount")?,
                })
            }
        }
    }
}

impl From<Rule> for RuleFields {
    fn from(rule: Rule) -> RuleFields {
        match rule {
            Rule::PerItem { count, amount } => RuleFields {
                kind: Some(RuleKind::PerItem),
                count: Some(count),
                amount: Some(amount),
                ..RuleFields::default()
            },
            Rule::InterestSubsidy {
                ratio,
                cap,
                limit_to_contract_interest,
            } => RuleFields {
                kind: Some(RuleKind::InterestSubsidy),
                ratio: Some(ratio),
                cap: Some(cap),
                limit_to_contract_interest: Some(limit_to_contract_interest),
                ..RuleFields::default()
            },
            Rule::FixedYearly {
                level,
                min_level,
                amount,
            } => RuleFields {
                kind: Some(RuleKind::FixedYearly),
                level: Some(level),
                min_level: Some(min_level),
                amount: Some(amount),
                ..RuleFields::default()
            },
        }
    }
}

/// What makes a programme without money relevant to an enterprise.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Trigger {
    /// Shown to everyone, for information.
    Always,
    /// The enterprise is in one of the plan's key industries.
    KeyIndustry,
    /// The enterprise answered yes to this situation.
    Situation(String),
    /// The enterprise counted at least one of these items.
    Count(String),
    /// The enterprise has at least one IP-pledge loan.
    HasLoan,
    /// The enterprise has a facility recognised at any level of this question.
    Level(String),
    /// The enterprise is registered as a technology-based SME.
    TechSme,
}

impl TryFrom<String> for Trigger {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Ok(match text.split_once(':') {
            None if text == "always" => Trigger::Always,
            None if text == "key-industry" => Trigger::KeyIndustry,
            None if text == "has-loan" => Trigger::HasLoan,
            None if text == "tech-sme" => Trigger::TechSme,
            Some(("situation", id)) => Trigger::Situation(id.to_owned()),
            Some(("count", id)) => Trigger::Count(id.to_owned()),
            Some(("level", id)) => Trigger::Level(id.to_owned()),
            _ => return Err(format!("unknown trigger `{text}`")),
        })
    }
}

impl From<Trigger> for String {
    fn from(trigger: Trigger) -> String {
        trigger.to_string()
    }
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trigger::Always => f.write_str("always"),
            Trigger::KeyIndustry => f.write_str("key-industry"),
            Trigger::HasLoan => f.write_str("has-loan"),
            Trigger::TechSme => f.write_str("tech-sme"),
            Trigger::Situation(id) => write!(f, "situation:{id}"),
            Trigger::Count(id) => write!(f, "count:{id}"),
            Trigger::Level(id) => write!(f, "level:{id}"),
        }
    }
}

/// A programme without money: matched, never priced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Stable id.
    pub id: String,
    /// The clause it comes from.
    pub clause: String,
    /// What it is called.
    pub label: Text,
    /// What it offers, in a sentence.
    pub summary: Text,
    /// Any one of these makes it relevant.
    pub when: Vec<Trigger>,
}

/// The loan prime rate history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LprTable {
    /// The date of the last quote confirmed when the table was last checked.
    pub last_confirmed: Date,
    /// Where the rates come from.
    pub source: Text,
    /// The rates, by rising effective date.
    #[serde(rename = "rate")]
    pub rates: Vec<LprRate>,
}

/// One LPR quote, in force from its effective date until the next one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LprRate {
    /// The day it takes effect.
    pub effective: Date,
    /// The 1-year LPR, in percent.
    #[serde(with = "crate::decimal_str")]
    pub one_year: Decimal,
    /// The 5-year-and-over LPR, in percent.
    #[serde(with = "crate::decimal_str")]
    pub five_year: Decimal,
    /// Where this quote was confirmed.
    pub evidence: String,
}

/// The size limits for registration as a technology-based SME.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechSmeGuide {
    /// At most this many staff.
    pub max_staff: u32,
    /// At most this annual sales, in yuan.
    #[serde(with = "crate::decimal_str")]
    pub max_sales: Decimal,
    /// At most this total assets, in yuan.
    #[serde(with = "crate::decimal_str")]
    pub max_assets: Decimal,
    /// What else registration needs, and who decides.
    pub note: Text,
}

impl Pack {
    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// The measure with this id.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The count question with this id.
    pub fn count(&self, id: &str) -> Option<&CountQuestion> {
        self.counts.iter().find(|c| c.id == id)
    }

    /// The level question with this id.
    pub fn level(&self, id: &str) -> Option<&LevelQuestion> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// The words for an engine code in a language, or the code itself if the pack lacks
    /// it (validation makes sure a checked pack never does).
    pub fn say<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.text.get(code).map_or(code, |t| t.get(lang))
    }

    /// The words for the code `prefix` + `code` (`condition.` + `tech-sme`).
    pub fn say_prefixed<'a>(&'a self, prefix: &str, code: &'a str, lang: Lang) -> &'a str {
        self.text
            .get(&format!("{prefix}{code}"))
            .map_or(code, |t| t.get(lang))
    }

    /// Every text only an assessment's full report shows, in one fixed order: the clauses'
    /// headings and words, the programmes' names and summaries, the measures' quotes,
    /// assumptions and caveats, the pack's caveats and provenance, the LPR evidence, and
    /// the words that explain a line (`reason.`, `warning.`, `what-if.`, `condition.`).
    /// The questions and the running estimate need none of them, so the app loads them
    /// after its first screen; what a line's status, amount and formula need stays.
    fn report_texts_mut(&mut self) -> Vec<&mut String> {
        const EXPLAINING: [&str; 4] = ["reason.", "warning.", "what-if.", "condition."];
        let mut out: Vec<&mut String> = Vec::new();
        let meta = &mut self.meta;
        for text in [
            &mut meta.issuer,
            &mut meta.source,
            &mut meta.validity_note,
            &mut meta.translation_note,
            &mut self.lpr.source,
        ] {
            out.extend([&mut text.zh, &mut text.en]);
        }
        for clause in &mut self.clauses {
            out.extend([&mut clause.heading.zh, &mut clause.heading.en]);
            out.extend([&mut clause.text.zh, &mut clause.text.en]);
        }
        for programme in &mut self.programmes {
            out.extend([&mut programme.label.zh, &mut programme.label.en]);
            out.extend([&mut programme.summary.zh, &mut programme.summary.en]);
        }
        for (code, text) in self.text.iter_mut() {
            if EXPLAINING.iter().any(|prefix| code.starts_with(prefix)) {
                out.extend([&mut text.zh, &mut text.en]);
            }
        }
        for measure in &mut self.measures {
            out.push(&mut measure.quote);
            for labelled in measure.assumptions.iter_mut().chain(&mut measure.caveats) {
                out.extend([&mut labelled.text.zh, &mut labelled.text.en]);
            }
        }
        for caveat in &mut self.caveats {
            out.extend([&mut caveat.text.zh, &mut caveat.text.en]);
        }
        for rate in &mut self.lpr.rates {
            out.push(&mut rate.evidence);
        }
        out
    }

    /// Moves the report's texts out of the pack (leaving them empty), in a fixed order.
    pub fn take_report_texts(&mut self) -> Vec<String> {
        self.report_texts_mut()
            .into_iter()
            .map(std::mem::take)
            .collect()
    }

    /// Moves the report's texts out of the pack as the app's texts file: UTF-8, each text
    /// ended by a NUL character, plain text that any reader splits in one line.
    ///
    /// # Errors
    /// When a text itself contains a NUL character.
    pub fn take_report_text_bytes(&mut self) -> Result<Vec<u8>, String> {
        let mut file = String::new();
        for text in self.take_report_texts() {
            if text.contains('\0') {
                return Err(format!("a text contains a NUL character: {text:?}"));
            }
            file.push_str(&text);
            file.push('\0');
        }
        Ok(file.into_bytes())
    }

    /// Puts back the texts of a file that [`Pack::take_report_text_bytes`] made from the
    /// same pack.
    ///
    /// # Errors
    /// When the bytes are not UTF-8, or their number of texts is not the pack's number of
    /// places; the pack is then left as it was.
    pub fn put_report_text_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let texts = text.strip_suffix('\0').unwrap_or(text);
        let texts = if texts.is_empty() && text.is_empty() {
            Vec::new()
        } else {
            texts.split('\0').map(str::to_owned).collect()
        };
        self.put_report_texts(texts)
    }

    /// Puts back texts that [`Pack::take_report_texts`] took from the same pack.
    ///
    /// # Errors
    /// When their number is not the number of places, the pack is left as it was: the
    /// texts belong to another pack.
    pub fn put_report_texts(&mut self, texts: Vec<String>) -> Result<(), String> {
        let places = self.report_texts_mut();
        if places.len() != texts.len() {
            return Err(format!(
                "{} report texts for a pack with {} places",
                texts.len(),
                places.len()
            ));
        }
        for (place, text) in places.into_iter().zip(texts) {
            *place = text;
        }
        Ok(())
    }

    /// Everything wrong with the pack's content, beyond what its types already enforce.
    pub fn validate(&self) -> Vec<Problem> {
        let mut v = Validator::default();
        v.pack(self);
        v.problems
    }
}

/// Something wrong in a pack, with the path of the field (`measure[2].rule.amount`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, as TOML names: `measure[2].clause`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every code the engine can emit that the pack must give words for.
pub fn engine_codes() -> Vec<String> {
    let mut codes: Vec<String> = crate::assess::Reason::ALL
        .iter()
        .map(|r| r.code().to_owned())
        .collect();
    codes.extend(
        crate::assess::Warning::ALL
            .iter()
            .map(|w| w.code().to_owned()),
    );
    for condition in Condition::ALL {
        codes.push(format!("condition.{}", condition.code()));
    }
    codes.extend(
        crate::explain::TEMPLATE_CODES
            .iter()
            .map(|c| (*c).to_owned()),
    );
    codes
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.problem(format!("{path}.zh"), "the Chinese text is empty");
        }
        if text.en.trim().is_empty() {
            self.problem(format!("{path}.en"), "the English text is empty");
        }
    }

    fn positive(&mut self, path: &str, value: Decimal) {
        if value <= Decimal::ZERO {
            self.problem(path, format!("must be more than zero, is {value}"));
        }
    }

    fn unique<'a>(&mut self, table: &str, ids: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.problem(format!("{table}[{i}].id"), "is empty");
            } else if !seen.insert(id) {
                self.problem(format!("{table}[{i}].id"), format!("`{id}` is used twice"));
            }
        }
        seen
    }

    fn pack(&mut self, pack: &Pack) {
        let m = &pack.meta;
        for (name, text) in [
            ("title", &m.title),
            ("issuer", &m.issuer),
            ("source", &m.source),
            ("jurisdiction", &m.jurisdiction),
            ("disclaimer", &m.disclaimer),
            ("validity_note", &m.validity_note),
            ("translation_note", &m.translation_note),
        ] {
            self.text(&format!("meta.{name}"), text);
        }
        if m.reviewed < m.issue_date {
            self.problem("meta.reviewed", "is before the issue date");
        }
        self.unique("region", pack.regions.iter().map(|r| r.id.as_str()));
        for (i, r) in pack.regions.iter().enumerate() {
            self.text(&format!("region[{i}].label"), &r.label);
        }
        self.unique("industry", pack.industries.iter().map(|r| r.id.as_str()));
        for (i, r) in pack.industries.iter().enumerate() {
            self.text(&format!("industry[{i}].label"), &r.label);
        }
        let clauses = self.unique("clause", pack.clauses.iter().map(|c| c.id.as_str()));
        for (i, c) in pack.clauses.iter().enumerate() {
            self.text(&format!("clause[{i}].heading"), &c.heading);
            self.text(&format!("clause[{i}].text"), &c.text);
        }
        for (name, id) in [
            ("credit_clause", &m.credit_clause),
            ("preamble_clause", &m.preamble_clause),
        ] {
            if !clauses.contains(id.as_str()) {
                self.problem(
                    format!("meta.{name}"),
                    format!("cites clause `{id}`, which the pack does not have"),
                );
            }
        }
        let counts = self.unique("count", pack.counts.iter().map(|c| c.id.as_str()));
        for (i, c) in pack.counts.iter().enumerate() {
            self.text(&format!("count[{i}].label"), &c.label);
            self.text(&format!("count[{i}].hint"), &c.hint);
            if c.unit.zh.trim().is_empty() {
                self.problem(format!("count[{i}].unit.zh"), "the Chinese text is empty");
            }
        }
        let levels = self.unique("level", pack.levels.iter().map(|c| c.id.as_str()));
        for (i, l) in pack.levels.iter().enumerate() {
            self.text(&format!("level[{i}].label"), &l.label);
            self.text(&format!("level[{i}].hint"), &l.hint);
            if l.options.len() < 2 {
                self.problem(
                    format!("level[{i}].options"),
                    "needs \"none\" and at least one level",
                );
            }
            self.unique(
                &format!("level[{i}].options"),
                l.options.iter().map(|o| o.id.as_str()),
            );
            for (j, o) in l.options.iter().enumerate() {
                self.text(&format!("level[{i}].options[{j}].label"), &o.label);
            }
        }
        let situations = self.unique("situation", pack.situations.iter().map(|c| c.id.as_str()));
        for (i, s) in pack.situations.iter().enumerate() {
            self.text(&format!("situation[{i}].label"), &s.label);
        }
        self.unique("measure", pack.measures.iter().map(|c| c.id.as_str()));
        for (i, measure) in pack.measures.iter().enumerate() {
            let path = format!("measure[{i}]");
            self.text(&format!("{path}.label"), &measure.label);
            if !clauses.contains(measure.clause.as_str()) {
                self.problem(
                    format!("{path}.clause"),
                    format!(
                        "cites clause `{}`, which the pack does not have",
                        measure.clause
                    ),
                );
            } else if let Some(clause) = pack.clause(&measure.clause) {
                if !clause.text.zh.contains(measure.quote.as_str())
                    || measure.quote.trim().is_empty()
                {
                    self.problem(
                        format!("{path}.quote"),
                        format!("is not words of clause {}", measure.clause),
                    );
                }
            }
            for (j, a) in measure.assumptions.iter().enumerate() {
                self.text(&format!("{path}.assumption[{j}].text"), &a.text);
            }
            for (j, a) in measure.caveats.iter().enumerate() {
                self.text(&format!("{path}.caveat[{j}].text"), &a.text);
            }
            match &measure.rule {
                Rule::PerItem { count, amount } => {
                    self.positive(&format!("{path}.rule.amount"), *amount);
                    if !counts.contains(count.as_str()) {
                        self.problem(
                            format!("{path}.rule.count"),
                            format!("names count question `{count}`, which the pack does not have"),
                        );
                    }
                }
                Rule::InterestSubsidy { ratio, cap, .. } => {
                    self.positive(&format!("{path}.rule.ratio"), *ratio);
                    if *ratio > Decimal::ONE {
                        self.problem(
                            format!("{path}.rule.ratio"),
                            "is a share and must be at most 1",
                        );
                    }
                    self.positive(&format!("{path}.rule.cap"), *cap);
                }
                Rule::FixedYearly {
                    level,
                    min_level,
                    amount,
                } => {
                    self.positive(&format!("{path}.rule.amount"), *amount);
                    match pack.level(level) {
                        None => self.problem(
                            format!("{path}.rule.level"),
                            format!("names level question `{level}`, which the pack does not have"),
                        ),
                        Some(q) if !q.options.iter().skip(1).any(|o| &o.id == min_level) => self
                            .problem(
                                format!("{path}.rule.min_level"),
                                format!("`{min_level}` is not a level of `{level}` above none"),
                            ),
                        Some(_) => {}
                    }
                }
            }
        }
        self.unique("programme", pack.programmes.iter().map(|c| c.id.as_str()));
        for (i, p) in pack.programmes.iter().enumerate() {
            let path = format!("programme[{i}]");
            self.text(&format!("{path}.label"), &p.label);
            self.text(&format!("{path}.summary"), &p.summary);
            if !clauses.contains(p.clause.as_str()) {
                self.problem(
                    format!("{path}.clause"),
                    format!("cites clause `{}`, which the pack does not have", p.clause),
                );
            }
            if p.when.is_empty() {
                self.problem(
                    format!("{path}.when"),
                    "is empty: the programme would never show",
                );
            }
            for trigger in &p.when {
                let known = match trigger {
                    Trigger::Situation(id) => situations.contains(id.as_str()),
                    Trigger::Count(id) => counts.contains(id.as_str()),
                    Trigger::Level(id) => levels.contains(id.as_str()),
                    Trigger::KeyIndustry => pack.industries.iter().any(|i| i.key),
                    Trigger::Always | Trigger::HasLoan | Trigger::TechSme => true,
                };
                if !known {
                    self.problem(
                        format!("{path}.when"),
                        format!("`{trigger}` names something the pack does not have"),
                    );
                }
            }
        }
        self.lpr(&pack.lpr);
        self.text("tech_sme_guide.note", &pack.tech_sme_guide.note);
        self.positive("tech_sme_guide.max_sales", pack.tech_sme_guide.max_sales);
        self.positive("tech_sme_guide.max_assets", pack.tech_sme_guide.max_assets);
        for (i, c) in pack.caveats.iter().enumerate() {
            self.text(&format!("caveat[{i}].text"), &c.text);
        }
        for code in engine_codes() {
            match pack.text.get(&code) {
                None => self.problem(
                    format!("text.{code}"),
                    "is missing: the engine says this and needs its words",
                ),
                Some(text) => self.text(&format!("text.{code}"), text),
            }
        }
    }

    fn lpr(&mut self, lpr: &LprTable) {
        self.text("lpr.source", &lpr.source);
        if lpr.rates.is_empty() {
            self.problem("lpr.rate", "the table is empty");
        }
        let mut previous: Option<Date> = None;
        for (i, rate) in lpr.rates.iter().enumerate() {
            if previous.is_some_and(|p| rate.effective <= p) {
                self.problem(format!("lpr.rate[{i}].effective"), "dates must rise");
            }
            previous = Some(rate.effective);
            for (name, value) in [("one_year", rate.one_year), ("five_year", rate.five_year)] {
                if value <= Decimal::ZERO || value >= Decimal::ONE_HUNDRED {
                    self.problem(
                        format!("lpr.rate[{i}].{name}"),
                        format!("{value} is not a percentage between 0 and 100"),
                    );
                }
            }
        }
        if previous.is_some_and(|p| lpr.last_confirmed < p) {
            self.problem("lpr.last_confirmed", "is before the last rate in the table");
        }
    }
}
