//! A pack's test cases, as data: each names the sentence it asserts, gives answers and a
//! year, and says what the assessment must contain. `cargo test` and `ipsc check` run the
//! same cases through [`run`].

use crate::answers::Answers;
use crate::assess::{assess, Status};
use crate::explain;
use crate::i18n::Lang;
use crate::pack::Pack;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A file of cases (`[[case]]` tables).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The cases.
    #[serde(rename = "case")]
    pub cases: Vec<Case>,
}

/// One case.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The sentence it asserts.
    pub name: String,
    /// The assessment year.
    pub year: i32,
    /// The answers.
    pub answers: Answers,
    /// What the assessment must contain.
    pub expect: Expect,
}

/// Expectations; what is left out is not checked.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Expect {
    /// The total.
    pub total: Option<Decimal>,
    /// Lines by measure id.
    pub lines: BTreeMap<String, ExpectLine>,
    /// Exactly these programmes match, by id.
    pub programmes: Option<Vec<String>>,
    /// Exactly these assessment-wide warnings, by code.
    pub warnings: Option<Vec<String>>,
    /// The assessment fails with an error mentioning this.
    pub error: Option<String>,
}

/// Expectations about one line.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExpectLine {
    /// The status.
    pub status: Option<Status>,
    /// The amount.
    pub amount: Option<Decimal>,
    /// Exactly these reasons, by code.
    pub reasons: Option<Vec<String>>,
    /// The cap cut the amount from this amount.
    pub capped_from: Option<Decimal>,
    /// No cap applied.
    pub not_capped: bool,
    /// A what-if gives this amount.
    pub what_if: Option<Decimal>,
    /// Exactly these warnings on the line, by code.
    pub warnings: Option<Vec<String>>,
    /// The Chinese formula contains this text.
    pub formula_zh: Option<String>,
    /// The English formula contains this text.
    pub formula_en: Option<String>,
}

/// Runs every case; returns one message per failed case (empty when all pass).
pub fn run(pack: &Pack, file: &CaseFile) -> Vec<String> {
    file.cases
        .iter()
        .filter_map(|case| {
            check(pack, case)
                .err()
                .map(|why| format!("case \"{}\": {why}", case.name))
        })
        .collect()
}

fn same<T: PartialEq + std::fmt::Debug>(what: &str, want: Option<T>, got: T) -> Result<(), String> {
    match want {
        Some(want) if want != got => Err(format!("{what}: expected {want:?}, got {got:?}")),
        _ => Ok(()),
    }
}

fn check(pack: &Pack, case: &Case) -> Result<(), String> {
    let expect = &case.expect;
    let assessment = match (assess(pack, &case.answers, case.year), &expect.error) {
        (Err(error), Some(want)) if error.to_string().contains(want.as_str()) => return Ok(()),
        (Err(error), _) => return Err(format!("assessment failed: {error}")),
        (Ok(_), Some(want)) => return Err(format!("expected an error mentioning `{want}`")),
        (Ok(assessment), None) => assessment,
    };
    same("total", expect.total, assessment.total)?;
    let sum = assessment
        .lines
        .iter()
        .fold(Decimal::ZERO, |s, l| s + l.amount);
    same("total as the sum of the lines", Some(sum), assessment.total)?;
    let programmes: Vec<String> = assessment
        .programmes
        .iter()
        .map(|p| p.programme.clone())
        .collect();
    same("programmes", expect.programmes.clone(), programmes)?;
    let warnings: Vec<String> = assessment
        .warnings
        .iter()
        .map(|w| w.code.code().to_owned())
        .collect();
    same("warnings", expect.warnings.clone(), warnings)?;
    for (id, want) in &expect.lines {
        let line = assessment
            .lines
            .iter()
            .find(|l| &l.measure == id)
            .ok_or_else(|| format!("no line for measure `{id}`"))?;
        let what = |field: &str| format!("{id}.{field}");
        same(&what("status"), want.status, line.status)?;
        same(&what("amount"), want.amount, line.amount)?;
        let reasons: Vec<String> = line
            .reasons
            .iter()
            .map(|r| r.code.code().to_owned())
            .collect();
        same(&what("reasons"), want.reasons.clone(), reasons)?;
        let warnings: Vec<String> = line
            .warnings
            .iter()
            .map(|w| w.code.code().to_owned())
            .collect();
        same(&what("warnings"), want.warnings.clone(), warnings)?;
        if let Some(from) = want.capped_from {
            same(
                &what("cap.before"),
                Some(Some(from)),
                line.cap.as_ref().map(|c| c.before),
            )?;
        }
        if want.not_capped && line.cap.is_some() {
            return Err(format!(
                "{}: expected no cap, got {:?}",
                what("cap"),
                line.cap
            ));
        }
        if let Some(amount) = want.what_if {
            let amounts: Vec<Decimal> = line
                .what_if
                .iter()
                .map(|w| match w {
                    crate::assess::WhatIf::Conditions { amount, .. }
                    | crate::assess::WhatIf::EachItem { amount }
                    | crate::assess::WhatIf::Level { amount, .. } => *amount,
                })
                .collect();
            if !amounts.contains(&amount) {
                return Err(format!(
                    "{}: expected {amount}, got {amounts:?}",
                    what("what_if")
                ));
            }
        }
        for (lang, want) in [(Lang::Zh, &want.formula_zh), (Lang::En, &want.formula_en)] {
            if let Some(want) = want {
                let formula = explain::formula(pack, line, lang).join("\n");
                if !formula.contains(want.as_str()) {
                    return Err(format!(
                        "{}: expected to contain {want:?}, got {formula:?}",
                        what("formula")
                    ));
                }
            }
        }
    }
    Ok(())
}
