//! The policy pack: everything a plan says that the engine needs, as data.
//!
//! The engine knows kinds of measure (a reward per granted item, an interest subsidy with a
//! ratio and a cap, a fixed yearly subsidy for a recognised facility, a programme match);
//! the pack says which of them a plan has, with what amounts, citing which clause, in
//! which words. A plan of another city made of the same kinds is a new pack, not new code.

use crate::codes::Code;
use crate::date::Date;
use crate::i18n::{Lang, Text};
use litemap::LiteMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Joins a code's key and a measure's id in the key of words for that measure alone
/// (`reason.no-level@protection-workstation`).
pub const MEASURE_WORDS: char = '@';

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
    /// Said where the programmes are explained, when the pack gives it: what the plan says
    /// of money for such work, in its own words, and that it states no amount for them.
    #[serde(default)]
    pub programmes_note: Option<Text>,
    /// Loan prime rates, for interest subsidies.
    pub lpr: LprTable,
    /// What registration as a technology-based SME requires, to guide (never decide).
    pub tech_sme_guide: TechSmeGuide,
    /// Caveats shown with every assessment.
    #[serde(rename = "caveat", default)]
    pub caveats: Vec<Labelled>,
    /// The words for every code the engine emits (reasons, warnings, conditions), by code,
    /// and for its templates: loading fills in the engine's own words for each template the
    /// pack does not word itself.
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
    /// What the tool does, under its name: names the plan and the place.
    pub tagline: Text,
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
    /// The last day of the period the plan's targets run to, where it states one (a plan
    /// that names no expiry may still name the end of its targets): an assessment year
    /// after it is warned about. None: no such warning.
    #[serde(default)]
    pub targets_until: Option<Date>,
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

pub use crate::codes::Condition;

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
    /// A shorter name for the results' overview table, where a phone's width must hold
    /// every line at once; the label where none is given.
    #[serde(default)]
    pub short_label: Option<Text>,
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
    /// What to do next to claim it, from the sources only: the materials and offices they
    /// give, or that they give no procedure and which authority the plan names. Only the
    /// report shows it (a report text). Optional to the reader so that a measure without it
    /// is refused by validation, at the measure's line; every measure must have it.
    #[serde(default)]
    pub next_steps: Option<Text>,
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
/// a mistake in a measure is reported at its own field and line: serde reads an internally
/// tagged enum through a buffer that loses both.
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
    /// The enterprise is in this industry.
    Industry(String),
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
            Some(("industry", id)) => Trigger::Industry(id.to_owned()),
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
            Trigger::Industry(id) => write!(f, "industry:{id}"),
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
    /// Under the question whether the enterprise is registered: which measures need it.
    pub hint: Text,
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

    /// The words for an engine code in a language, or its key if the pack lacks them
    /// (validation makes sure a checked pack never does).
    pub fn say(&self, code: impl Code, lang: Lang) -> &str {
        self.say_key(code.key(), lang)
    }

    /// The words for a code said about one measure: the measure's own
    /// (`reason.no-level@protection-workstation`) where the pack gives them, else the
    /// code's general words. A sentence that names what the measure is about belongs to
    /// that measure, so a second measure of the same kind is not told the first one's words.
    pub fn say_for(&self, measure: &str, code: impl Code, lang: Lang) -> &str {
        self.say_key_for(measure, code.key(), lang)
    }

    // Not generic, so that the app carries one copy whatever the kinds of code it says.
    fn say_key_for<'a>(&'a self, measure: &str, key: &'a str, lang: Lang) -> &'a str {
        match self.text.get(&format!("{key}{MEASURE_WORDS}{measure}")) {
            Some(words) => words.get(lang),
            None => self.say_key(key, lang),
        }
    }

    fn say_key<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        self.text.get(key).map_or(key, |t| t.get(lang))
    }

    /// Every text only an assessment's full report shows, in one fixed order: the clauses'
    /// headings and words, the programmes' names and summaries, the measures' quotes,
    /// assumptions, caveats and next steps, the pack's caveats and provenance, the LPR
    /// evidence, and the words that explain a line (`reason.`, `warning.`, `what-if.`,
    /// `condition.`).
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
        if let Some(note) = &mut self.programmes_note {
            out.extend([&mut note.zh, &mut note.en]);
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
            if let Some(next) = &mut measure.next_steps {
                out.extend([&mut next.zh, &mut next.en]);
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
}
