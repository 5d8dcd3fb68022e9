//! Checking a pack's content beyond what its types enforce: ids unique and known, texts in
//! both languages, amounts positive, quotes that are the clause's own words, next steps for
//! every measure, and words for every code the engine can show ([`crate::codes`]).
//!
//! It sits above [`crate::pack`] (data) and [`crate::codes`], and below nothing else: the
//! assessment and the words never need it, and it needs neither of them.

use crate::codes::{self, Code, Reason, Warning};
use crate::date::Date;
use crate::i18n::Text;
use crate::pack::{LprTable, Pack, Rule, Trigger, MEASURE_WORDS};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::fmt;

impl Pack {
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
            ("tagline", &m.tagline),
            ("disclaimer", &m.disclaimer),
            ("validity_note", &m.validity_note),
            ("translation_note", &m.translation_note),
        ] {
            self.text(&format!("meta.{name}"), text);
        }
        if m.reviewed < m.issue_date {
            self.problem("meta.reviewed", "is before the issue date");
        }
        if m.targets_until.is_some_and(|until| until < m.issue_date) {
            self.problem("meta.targets_until", "is before the issue date");
        }
        self.unique("region", pack.regions.iter().map(|r| r.id.as_str()));
        for (i, r) in pack.regions.iter().enumerate() {
            self.text(&format!("region[{i}].label"), &r.label);
        }
        let industries = self.unique("industry", pack.industries.iter().map(|r| r.id.as_str()));
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
            match &measure.next_steps {
                Some(next) => self.text(&format!("{path}.next_steps"), next),
                None => self.problem(
                    format!("{path}.next_steps"),
                    "is missing: say what to do next from the sources, or that they give no \
                     procedure and which authority the plan names",
                ),
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
        if let Some(note) = &pack.programmes_note {
            self.text("programmes_note", note);
        }
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
                    Trigger::Industry(id) => industries.contains(id.as_str()),
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
        self.text("tech_sme_guide.hint", &pack.tech_sme_guide.hint);
        self.positive("tech_sme_guide.max_sales", pack.tech_sme_guide.max_sales);
        self.positive("tech_sme_guide.max_assets", pack.tech_sme_guide.max_assets);
        for (i, c) in pack.caveats.iter().enumerate() {
            self.text(&format!("caveat[{i}].text"), &c.text);
        }
        // Words for one measure: only a line's reasons and warnings are said per measure,
        // the measure must be the pack's (or the words would never show), and the words
        // must exist in both languages (or the line would show an empty sentence).
        for (key, text) in pack.text.iter() {
            if let Some((code, measure)) = key.split_once(MEASURE_WORDS) {
                let said_per_measure = Reason::ALL.iter().map(|r| r.key());
                if !said_per_measure
                    .chain(Warning::ALL.iter().map(|w| w.key()))
                    .any(|k| k == code)
                {
                    self.problem(
                        format!("text.{key}"),
                        format!("`{code}` is not a reason or warning the engine says of a line"),
                    );
                }
                self.text(&format!("text.{key}"), text);
                if pack.measure(measure).is_none() {
                    self.problem(
                        format!("text.{key}"),
                        format!("names measure `{measure}`, which the pack does not have"),
                    );
                }
            }
        }
        for code in codes::every_key() {
            match pack.text.get(code) {
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
