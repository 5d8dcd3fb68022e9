//! A pack's test cases, as data: each names the sentence it asserts, gives answers and a
//! year, and says what the assessment must contain. `cargo test` and `ipsc check` run the
//! same cases through [`run`].
//!
//! Every line is checked: a case states the total, and each line's amount is the one it
//! lists or zero, so a line that pays when no one said it would is caught. A case may lift
//! that for the lines it does not list with `other_lines = "any"`, and must then say `why`.

use crate::answers::Answers;
use crate::assess::{assess, Assessment, Line, Status, WhatIf};
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

/// What the lines a case does not list may be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OtherLines {
    /// Zero: the default, so every line's amount is checked.
    #[default]
    Zero,
    /// Any amount; the case must say `why`.
    Any,
}

/// Expectations. The total is required (unless an error is expected) and every line's
/// amount is checked; the other fields are checked when given.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Expect {
    /// The total: required unless `error` is given, and it must be the sum of the
    /// amounts the case lists.
    pub total: Option<Decimal>,
    /// Lines by measure id. A listed line without `amount` must be zero.
    pub lines: BTreeMap<String, ExpectLine>,
    /// What the lines not listed may be: zero (the default) or `"any"`.
    pub other_lines: OtherLines,
    /// Why the lines not listed may be anything: required with `other_lines = "any"`.
    pub why: Option<String>,
    /// Exactly these programmes match, by id.
    pub programmes: Option<Vec<String>>,
    /// Exactly these assessment-wide warnings, by code.
    pub warnings: Option<Vec<String>>,
    /// The assessment fails with an error mentioning this; nothing else may be expected.
    pub error: Option<String>,
}

/// Expectations about one line.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExpectLine {
    /// The status.
    pub status: Option<Status>,
    /// The amount; zero when not given.
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
    /// Exactly these assumptions on the line, by the measure's ids.
    pub assumptions: Option<Vec<String>>,
    /// Exactly these caveats on the line, by the measure's ids.
    pub caveats: Option<Vec<String>>,
    /// The Chinese formula contains this text.
    pub formula_zh: Option<String>,
    /// The English formula contains this text.
    pub formula_en: Option<String>,
}

/// Runs every case; returns one message per failed case (empty when all pass). A message
/// names every expectation that failed, each as `field: what`.
pub fn run(pack: &Pack, file: &CaseFile) -> Vec<String> {
    file.cases
        .iter()
        .filter_map(|case| {
            let problems = check_case(pack, case);
            (!problems.is_empty())
                .then(|| format!("case \"{}\": {}", case.name, problems.join("; ")))
        })
        .collect()
}

/// Every problem of a case, not only the first, so that a message names the field that is
/// wrong even when a consequence of it (the case's own sum) is wrong too.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, field: &str, what: String) {
        self.0.push(format!("{field}: {what}"));
    }

    fn same<T: PartialEq + std::fmt::Debug>(&mut self, field: &str, want: Option<T>, got: T) {
        match want {
            Some(want) if want != got => {
                self.push(field, format!("expected {want:?}, got {got:?}"))
            }
            _ => {}
        }
    }
}

/// Runs one case; returns its problems, each `field: what` (empty when it passes).
pub fn check_case(pack: &Pack, case: &Case) -> Vec<String> {
    let mut problems = Problems::default();
    check_the_case_itself(&case.expect, &mut problems);
    let expect = &case.expect;
    match (assess(pack, &case.answers, case.year), &expect.error) {
        (Err(error), Some(want)) if error.to_string().contains(want.as_str()) => {}
        (Err(error), Some(want)) => problems.push(
            "error",
            format!("expected an error mentioning `{want}`, got `{error}`"),
        ),
        (Err(error), None) => problems.push("error", format!("none expected, got `{error}`")),
        (Ok(_), Some(want)) => problems.push(
            "error",
            format!("expected an error mentioning `{want}`, got an assessment"),
        ),
        (Ok(assessment), None) => check_assessment(pack, expect, &assessment, &mut problems),
    }
    problems.0
}

/// What a case must say whatever the engine does: these checks fail on a careless case,
/// not on the engine.
fn check_the_case_itself(expect: &Expect, problems: &mut Problems) {
    if expect.error.is_some() {
        // An error case that also expects amounts would read as checked when it is not.
        let others = [
            ("total", expect.total.is_some()),
            ("lines", !expect.lines.is_empty()),
            ("other_lines", expect.other_lines != OtherLines::Zero),
            ("why", expect.why.is_some()),
            ("programmes", expect.programmes.is_some()),
            ("warnings", expect.warnings.is_some()),
        ];
        for (field, given) in others {
            if given {
                problems.push(
                    field,
                    "an error case expects nothing but the error".to_owned(),
                );
            }
        }
        return;
    }
    let why_given = expect.why.as_deref().is_some_and(|w| !w.trim().is_empty());
    match (expect.other_lines, why_given) {
        (OtherLines::Any, false) => problems.push(
            "why",
            "`other_lines = \"any\"` needs a `why` saying why those lines go unchecked".to_owned(),
        ),
        (OtherLines::Zero, _) if expect.why.is_some() => problems.push(
            "why",
            "given without `other_lines = \"any\"`, which is the only thing it explains".to_owned(),
        ),
        _ => {}
    }
    let listed = expect.lines.values().try_fold(Decimal::ZERO, |sum, l| {
        sum.checked_add(l.amount.unwrap_or(Decimal::ZERO))
    });
    match (expect.total, listed) {
        (None, _) => problems.push(
            "total",
            "not stated; every case that expects no error states its total".to_owned(),
        ),
        (Some(_), None) => problems.push("total", "the listed amounts overflow".to_owned()),
        (Some(total), Some(listed)) => match expect.other_lines {
            OtherLines::Zero if listed != total => problems.push(
                "total",
                format!(
                    "the case's lines add up to {listed} (the listed amounts, zero for the \
                     others), not to its total {total}"
                ),
            ),
            OtherLines::Any if listed > total => problems.push(
                "total",
                format!("the case's listed lines add up to {listed}, more than its total {total}"),
            ),
            _ => {}
        },
    }
}

fn check_assessment(
    pack: &Pack,
    expect: &Expect,
    assessment: &Assessment,
    problems: &mut Problems,
) {
    problems.same("total", expect.total, assessment.total);
    let programmes: Vec<String> = assessment
        .programmes
        .iter()
        .map(|p| p.programme.clone())
        .collect();
    problems.same("programmes", expect.programmes.clone(), programmes);
    let warnings: Vec<String> = assessment
        .warnings
        .iter()
        .map(|w| w.code.code().to_owned())
        .collect();
    problems.same("warnings", expect.warnings.clone(), warnings);
    for id in expect.lines.keys() {
        if !assessment.lines.iter().any(|l| &l.measure == id) {
            problems.push(
                &format!("lines.{id}"),
                "the assessment has no such line".to_owned(),
            );
        }
    }
    for line in &assessment.lines {
        match expect.lines.get(&line.measure) {
            Some(want) => check_line(pack, want, line, problems),
            None if expect.other_lines == OtherLines::Zero && !line.amount.is_zero() => problems
                .push(
                    &format!("{}.amount", line.measure),
                    format!("expected 0 (the line is not listed), got {}", line.amount),
                ),
            None => {}
        }
    }
}

fn check_line(pack: &Pack, want: &ExpectLine, line: &Line, problems: &mut Problems) {
    let id = &line.measure;
    let field = |name: &str| format!("{id}.{name}");
    problems.same(&field("status"), want.status, line.status);
    // A listed line without an amount is zero, as an unlisted one is: no amount goes unchecked.
    problems.same(
        &field("amount"),
        Some(want.amount.unwrap_or(Decimal::ZERO)),
        line.amount,
    );
    let reasons: Vec<String> = line
        .reasons
        .iter()
        .map(|r| r.code.code().to_owned())
        .collect();
    problems.same(&field("reasons"), want.reasons.clone(), reasons);
    let warnings: Vec<String> = line
        .warnings
        .iter()
        .map(|w| w.code.code().to_owned())
        .collect();
    problems.same(&field("warnings"), want.warnings.clone(), warnings);
    problems.same(
        &field("assumptions"),
        want.assumptions.clone(),
        line.assumptions.clone(),
    );
    problems.same(
        &field("caveats"),
        want.caveats.clone(),
        line.caveats.clone(),
    );
    if let Some(from) = want.capped_from {
        problems.same(
            &field("capped_from"),
            Some(Some(from)),
            line.cap.as_ref().map(|c| c.before),
        );
    }
    if want.not_capped && line.cap.is_some() {
        problems.push(
            &field("not_capped"),
            format!("expected no cap, got {:?}", line.cap),
        );
    }
    if let Some(amount) = want.what_if {
        let amounts: Vec<Decimal> = line
            .what_if
            .iter()
            .map(|w| match w {
                WhatIf::Conditions { amount, .. }
                | WhatIf::EachItem { amount }
                | WhatIf::Level { amount, .. } => *amount,
            })
            .collect();
        if !amounts.contains(&amount) {
            problems.push(
                &field("what_if"),
                format!("expected {amount}, got {amounts:?}"),
            );
        }
    }
    for (lang, name, want) in [
        (Lang::Zh, "formula_zh", &want.formula_zh),
        (Lang::En, "formula_en", &want.formula_en),
    ] {
        if let Some(want) = want {
            let formula = explain::formula(pack, line, lang).join("\n");
            if !formula.contains(want.as_str()) {
                problems.push(
                    &field(name),
                    format!("expected to contain {want:?}, got {formula:?}"),
                );
            }
        }
    }
}
