//! The assessment: from a pack, the answers and a year to lines, each explaining itself.

use crate::answers::{Answers, YesNoUnsure};
pub use crate::codes::{Reason, Status, Warning};
use crate::date::Date;
use crate::money::round_to_fen;
use crate::number::{MAX_COUNT, MAX_YUAN};
use crate::pack::{Condition, Measure, Pack, Rule, Trigger};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest loan term accepted, in months (30 years).
pub const MAX_TERM_MONTHS: u32 = 360;

/// The assessment years the engine accepts.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A reason, with the clause it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cited<T> {
    /// What.
    pub code: T,
    /// The clause that makes it so.
    pub clause: String,
}

/// A cap that cut the amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapApplied {
    /// The cap.
    pub cap: Decimal,
    /// The amount before the cap, rounded to the fen.
    pub before: Decimal,
    /// The amount after it.
    pub after: Decimal,
}

/// Where a loan's rate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "from", content = "effective")]
pub enum RateSource {
    /// The pack's table, the quote effective on this date.
    Table(Date),
    /// The newer rate the user entered, effective on this date.
    User(Date),
}

/// One loan's part of an interest subsidy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanCalc {
    /// The principal.
    pub principal: Decimal,
    /// The start date.
    pub start: Date,
    /// The 1-year LPR used, in percent (absent when the table has none for the date).
    pub lpr: Option<Decimal>,
    /// Where that rate came from.
    pub rate_source: Option<RateSource>,
    /// The loan's months that start in the assessment year.
    pub months: u32,
    /// principal × LPR × ratio × months / 12, rounded to the fen for display.
    pub lpr_subsidy: Decimal,
    /// The subsidy on this loan after the contract-interest limit, rounded to the fen for
    /// display (the line is rounded once, from the exact sum).
    pub subsidy: Decimal,
    /// The contract interest for those months, rounded to the fen, where a rate was given.
    pub contract_interest: Option<Decimal>,
    /// The contract rate, in percent, where given.
    pub contract_rate: Option<Decimal>,
    /// Whether the contract interest limited the subsidy.
    pub limited: bool,
}

/// The arithmetic behind a line, with the user's numbers: what the formula shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Calculation {
    /// count × amount.
    PerItem {
        /// The count question.
        count_id: String,
        /// Items counted.
        count: u32,
        /// Yuan per item.
        unit: Decimal,
        /// The product, rounded.
        result: Decimal,
    },
    /// A fixed yearly amount.
    FixedYearly {
        /// The level answered.
        level: String,
        /// Yuan a year.
        amount: Decimal,
    },
    /// principal × LPR × ratio × months / 12, per loan, summed.
    Interest {
        /// The subsidised share of the LPR.
        ratio: Decimal,
        /// Each loan.
        loans: Vec<LoanCalc>,
        /// The exact sum of the loans, rounded once.
        sum: Decimal,
    },
}

/// What would change a line's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum WhatIf {
    /// Meeting these conditions would make the line this amount.
    Conditions {
        /// The conditions.
        conditions: Vec<Condition>,
        /// The amount the line would then be.
        amount: Decimal,
    },
    /// Each counted item would add this amount.
    EachItem {
        /// Yuan per item.
        amount: Decimal,
    },
    /// Recognition at this level would give this amount.
    Level {
        /// The lowest level that qualifies.
        level: String,
        /// Yuan a year.
        amount: Decimal,
    },
}

/// One measure's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The measure's id.
    pub measure: String,
    /// The clause it comes from.
    pub clause: String,
    /// The outcome.
    pub status: Status,
    /// The amount that counts towards the total: zero unless eligible.
    pub amount: Decimal,
    /// The arithmetic, with the user's numbers (also when not eligible, to show what it
    /// would be).
    pub calculation: Option<Calculation>,
    /// The cap, where it cut the amount.
    pub cap: Option<CapApplied>,
    /// Why not eligible, or what is missing.
    pub reasons: Vec<Cited<Reason>>,
    /// What would change the outcome.
    pub what_if: Vec<WhatIf>,
    /// What may put the amount at risk.
    pub warnings: Vec<Cited<Warning>>,
    /// The ids of the measure's assumptions.
    pub assumptions: Vec<String>,
    /// The ids of the measure's caveats.
    pub caveats: Vec<String>,
}

/// A programme without money that suits the enterprise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeMatch {
    /// The programme's id.
    pub programme: String,
    /// Its clause.
    pub clause: String,
    /// The answers that made it relevant.
    pub because: Vec<Trigger>,
}

/// How the size figures compare with the limits for a technology-based SME.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeCheck {
    /// Staff within the limit (absent when not given).
    pub staff: Option<bool>,
    /// Sales within the limit.
    pub sales: Option<bool>,
    /// Assets within the limit.
    pub assets: Option<bool>,
}

/// The whole assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The pack's id.
    pub pack: String,
    /// The assessment year.
    pub year: i32,
    /// The sum of the lines that count, each already rounded.
    pub total: Decimal,
    /// One line a measure, in the pack's order.
    pub lines: Vec<Line>,
    /// Programmes without money that suit the enterprise.
    pub programmes: Vec<ProgrammeMatch>,
    /// Warnings about the whole assessment.
    pub warnings: Vec<Cited<Warning>>,
    /// The ids of the pack's caveats.
    pub caveats: Vec<String>,
    /// The size figures against the technology-based SME limits, when given.
    pub size_check: Option<SizeCheck>,
}

/// What was wrong with an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerProblem {
    /// An id the pack does not have.
    UnknownId,
    /// Zero or less where it must be more.
    NotPositive,
    /// Beyond any sensible value.
    TooLarge,
    /// More decimals than the quantity has.
    TooManyDecimals,
    /// A newer LPR that is not newer than the table.
    NotNewer,
    /// Answers of another version of the shape.
    Version,
}

/// Why no assessment could be made. The UI words each one; none is a panic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// An answer the engine cannot take, at this field.
    InvalidAnswer {
        /// The field, as in the answers' JSON (`loans[1].principal`).
        field: String,
        /// What is wrong.
        problem: AnswerProblem,
    },
    /// The assessment year is outside [`YEARS`].
    YearOutOfRange(i32),
    /// An amount grew beyond what can be computed exactly.
    Overflow {
        /// The measure.
        measure: String,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::InvalidAnswer { field, problem } => {
                write!(f, "answer `{field}`: {problem:?}")
            }
            EngineError::YearOutOfRange(year) => write!(
                f,
                "year {year} is outside {}..={}",
                YEARS.start(),
                YEARS.end()
            ),
            EngineError::Overflow { measure } => {
                write!(f, "measure `{measure}`: the amount is too large to compute")
            }
        }
    }
}

impl std::error::Error for EngineError {}

fn invalid(field: impl Into<String>, problem: AnswerProblem) -> EngineError {
    EngineError::InvalidAnswer {
        field: field.into(),
        problem,
    }
}

fn check_yuan(field: String, value: Decimal) -> Result<(), EngineError> {
    if value <= Decimal::ZERO {
        Err(invalid(field, AnswerProblem::NotPositive))
    } else if value > MAX_YUAN {
        Err(invalid(field, AnswerProblem::TooLarge))
    } else if value.normalize().scale() > 2 {
        Err(invalid(field, AnswerProblem::TooManyDecimals))
    } else {
        Ok(())
    }
}

fn check_percent(field: String, value: Decimal, allow_zero: bool) -> Result<(), EngineError> {
    if value < Decimal::ZERO || (!allow_zero && value.is_zero()) {
        Err(invalid(field, AnswerProblem::NotPositive))
    } else if value > Decimal::ONE_HUNDRED {
        Err(invalid(field, AnswerProblem::TooLarge))
    } else if value.normalize().scale() > 4 {
        Err(invalid(field, AnswerProblem::TooManyDecimals))
    } else {
        Ok(())
    }
}

/// Checks that every answer is one the pack and the arithmetic can take.
fn check_answers(pack: &Pack, answers: &Answers) -> Result<(), EngineError> {
    use AnswerProblem::*;
    if answers.version != crate::answers::ANSWERS_VERSION {
        return Err(invalid("version", Version));
    }
    if let Some(region) = &answers.region {
        if !pack.regions.iter().any(|r| &r.id == region) {
            return Err(invalid("region", UnknownId));
        }
    }
    if let Some(industry) = &answers.industry {
        if !pack.industries.iter().any(|r| &r.id == industry) {
            return Err(invalid("industry", UnknownId));
        }
    }
    for (id, count) in &answers.counts {
        if pack.count(id).is_none() {
            return Err(invalid(format!("counts.{id}"), UnknownId));
        }
        if *count > MAX_COUNT {
            return Err(invalid(format!("counts.{id}"), TooLarge));
        }
    }
    for (id, level) in &answers.levels {
        let known = pack
            .level(id)
            .is_some_and(|q| q.options.iter().any(|o| &o.id == level));
        if !known {
            return Err(invalid(format!("levels.{id}"), UnknownId));
        }
    }
    for (i, situation) in answers.situations.iter().enumerate() {
        if !pack.situations.iter().any(|s| &s.id == situation) {
            return Err(invalid(format!("situations[{i}]"), UnknownId));
        }
    }
    for (i, loan) in answers.loans.iter().enumerate() {
        check_yuan(format!("loans[{i}].principal"), loan.principal)?;
        if loan.term_months == 0 {
            return Err(invalid(format!("loans[{i}].term_months"), NotPositive));
        }
        if loan.term_months > MAX_TERM_MONTHS {
            return Err(invalid(format!("loans[{i}].term_months"), TooLarge));
        }
        if let Some(rate) = loan.contract_rate {
            check_percent(format!("loans[{i}].contract_rate"), rate, true)?;
        }
    }
    if let Some(newer) = &answers.newer_lpr {
        check_percent("newer_lpr.one_year".into(), newer.one_year, false)?;
        if pack
            .lpr
            .rates
            .last()
            .is_some_and(|last| newer.effective <= last.effective)
        {
            return Err(invalid("newer_lpr.effective", NotNewer));
        }
    }
    if let Some(size) = &answers.size {
        for (name, value) in [("sales", size.sales), ("assets", size.assets)] {
            if let Some(value) = value {
                if value < Decimal::ZERO {
                    return Err(invalid(format!("size.{name}"), NotPositive));
                }
                if value > MAX_YUAN {
                    return Err(invalid(format!("size.{name}"), TooLarge));
                }
            }
        }
    }
    Ok(())
}

enum Check {
    Met,
    Failed(Reason),
    Unknown(Reason),
}

fn check_condition(condition: Condition, answers: &Answers) -> Check {
    match condition {
        Condition::RegisteredLocally => match answers.registered_locally {
            Some(true) => Check::Met,
            Some(false) => Check::Failed(Reason::NotRegisteredLocally),
            None => Check::Unknown(Reason::RegistrationUnknown),
        },
        Condition::TechSme => match answers.tech_sme {
            Some(YesNoUnsure::Yes) => Check::Met,
            Some(YesNoUnsure::No) => Check::Failed(Reason::NotTechSme),
            Some(YesNoUnsure::Unsure) | None => Check::Unknown(Reason::TechSmeUnknown),
        },
    }
}

/// A measure worked out as if the enterprise met every condition.
struct Computed {
    amount: Decimal,
    calculation: Option<Calculation>,
    cap: Option<CapApplied>,
    /// Why there is nothing to pay even if every condition is met, and whether that is
    /// for want of information rather than a fact.
    blocker: Option<(Reason, bool)>,
    what_if: Vec<WhatIf>,
    /// Some month it counts begins before the plan was issued.
    before_issue: bool,
}

/// The 1-year LPR in force on a day: the last quote effective on or before it, or the
/// user's newer rate once that has taken effect.
pub fn lpr_on(pack: &Pack, answers: &Answers, day: Date) -> Option<(Decimal, RateSource)> {
    if let Some(newer) = &answers.newer_lpr {
        if newer.effective <= day {
            return Some((newer.one_year, RateSource::User(newer.effective)));
        }
    }
    pack.lpr
        .rates
        .iter()
        .rev()
        .find(|r| r.effective <= day)
        .map(|r| (r.one_year, RateSource::Table(r.effective)))
}

/// The loan's months (counted month by month from its start) whose start falls in `year`.
pub fn months_in_year(start: Date, term_months: u32, year: i32) -> u32 {
    let first = start.month_index();
    let end = first + i64::from(term_months);
    let year_start = i64::from(year) * 12;
    let overlap = end.min(year_start + 12) - first.max(year_start);
    u32::try_from(overlap.clamp(0, 12)).unwrap_or(0)
}

/// Whether any of the loan's months counted in `year` ([`months_in_year`]) begins before
/// `day`: the first of them is enough, as they follow one another.
pub fn counted_months_begin_before(start: Date, term_months: u32, year: i32, day: Date) -> bool {
    if months_in_year(start, term_months, year) == 0 {
        return false;
    }
    let first = start.month_index().max(i64::from(year) * 12);
    start
        .add_months(first - start.month_index())
        .is_some_and(|begins| begins < day)
}

fn compute(pack: &Pack, measure: &Measure, answers: &Answers, year: i32) -> Option<Computed> {
    // Percent per year to a share of months: divide by 100 × 12 last, so that exact
    // inputs give exact results (1/12 as a decimal would not).
    let per_month_percent = Decimal::from(1200u32);
    match &measure.rule {
        Rule::PerItem { count, amount } => {
            let n = answers.counts.get(count).copied().unwrap_or(0);
            let result = round_to_fen(amount.checked_mul(Decimal::from(n))?);
            Some(Computed {
                amount: result,
                calculation: Some(Calculation::PerItem {
                    count_id: count.clone(),
                    count: n,
                    unit: *amount,
                    result,
                }),
                cap: None,
                blocker: (n == 0).then_some((Reason::NoItems, false)),
                what_if: if n == 0 {
                    vec![WhatIf::EachItem { amount: *amount }]
                } else {
                    vec![]
                },
                before_issue: false,
            })
        }
        Rule::FixedYearly {
            level,
            min_level,
            amount,
        } => {
            let question = pack.level(level)?;
            let rank = |id: &str| question.options.iter().position(|o| o.id == id);
            let answered = answers.levels.get(level);
            let have = answered.and_then(|id| rank(id)).unwrap_or(0);
            let need = rank(min_level)?;
            let blocker = if have == 0 {
                Some((Reason::NoLevel, false))
            } else if have < need {
                Some((Reason::LevelBelowMinimum, false))
            } else {
                None
            };
            let what_if = if blocker.is_some() {
                vec![WhatIf::Level {
                    level: min_level.clone(),
                    amount: *amount,
                }]
            } else {
                vec![]
            };
            Some(Computed {
                amount: round_to_fen(if blocker.is_some() {
                    Decimal::ZERO
                } else {
                    *amount
                }),
                calculation: answered.map(|level| Calculation::FixedYearly {
                    level: level.clone(),
                    amount: *amount,
                }),
                cap: None,
                blocker,
                what_if,
                before_issue: false,
            })
        }
        Rule::InterestSubsidy {
            ratio,
            cap,
            limit_to_contract_interest,
        } => {
            if answers.loans.is_empty() {
                return Some(Computed {
                    amount: round_to_fen(Decimal::ZERO),
                    calculation: None,
                    cap: None,
                    blocker: Some((Reason::NoLoans, false)),
                    what_if: vec![],
                    before_issue: false,
                });
            }
            let mut exact_sum = Decimal::ZERO;
            let mut loans = Vec::with_capacity(answers.loans.len());
            let mut missing_rate = false;
            let mut any_months = false;
            let mut before_issue = false;
            for loan in &answers.loans {
                let months = months_in_year(loan.start, loan.term_months, year);
                any_months |= months > 0;
                before_issue |= counted_months_begin_before(
                    loan.start,
                    loan.term_months,
                    year,
                    pack.meta.issue_date,
                );
                let rate = lpr_on(pack, answers, loan.start);
                let months_d = Decimal::from(months);
                let contract = match (limit_to_contract_interest, loan.contract_rate) {
                    (true, Some(rate)) => Some(
                        loan.principal
                            .checked_mul(rate)?
                            .checked_mul(months_d)?
                            .checked_div(per_month_percent)?,
                    ),
                    _ => None,
                };
                let mut subsidy = Decimal::ZERO;
                let mut lpr_subsidy = Decimal::ZERO;
                let mut limited = false;
                match rate {
                    Some((lpr, _)) => {
                        lpr_subsidy = loan
                            .principal
                            .checked_mul(lpr)?
                            .checked_mul(*ratio)?
                            .checked_mul(months_d)?
                            .checked_div(per_month_percent)?;
                        subsidy = lpr_subsidy;
                        if let Some(limit) = contract {
                            if limit < subsidy {
                                subsidy = limit;
                                limited = true;
                            }
                        }
                    }
                    None if months > 0 => missing_rate = true,
                    None => {}
                }
                exact_sum = exact_sum.checked_add(subsidy)?;
                loans.push(LoanCalc {
                    principal: loan.principal,
                    start: loan.start,
                    lpr: rate.map(|r| r.0),
                    rate_source: rate.map(|r| r.1),
                    months,
                    lpr_subsidy: round_to_fen(lpr_subsidy),
                    subsidy: round_to_fen(subsidy),
                    contract_interest: contract.map(round_to_fen),
                    contract_rate: loan.contract_rate,
                    limited,
                });
            }
            let sum = round_to_fen(exact_sum);
            let after = round_to_fen(exact_sum.min(*cap));
            let blocker = if missing_rate {
                Some((Reason::LoanBeforeLprTable, true))
            } else if !any_months {
                Some((Reason::NoLoanMonthsInYear, false))
            } else {
                None
            };
            Some(Computed {
                amount: if blocker.is_some() {
                    round_to_fen(Decimal::ZERO)
                } else {
                    after
                },
                calculation: Some(Calculation::Interest {
                    ratio: *ratio,
                    loans,
                    sum,
                }),
                cap: (sum > *cap).then_some(CapApplied {
                    cap: *cap,
                    before: sum,
                    after,
                }),
                blocker,
                what_if: vec![],
                before_issue,
            })
        }
    }
}

fn line(
    pack: &Pack,
    measure: &Measure,
    answers: &Answers,
    year: i32,
    credit_listed: bool,
) -> Result<Line, EngineError> {
    let overflow = || EngineError::Overflow {
        measure: measure.id.clone(),
    };
    let computed = compute(pack, measure, answers, year).ok_or_else(overflow)?;
    let cite = |code: Reason| Cited {
        code,
        clause: measure.clause.clone(),
    };
    let mut failed = Vec::new();
    let mut unknown = Vec::new();
    for &condition in &measure.conditions {
        match check_condition(condition, answers) {
            Check::Met => {}
            Check::Failed(reason) => failed.push((condition, reason)),
            Check::Unknown(reason) => unknown.push((condition, reason)),
        }
    }
    let mut reasons: Vec<Cited<Reason>> = failed
        .iter()
        .chain(&unknown)
        .map(|(_, r)| cite(*r))
        .collect();
    let mut what_if = Vec::new();
    let status = if !failed.is_empty() || !unknown.is_empty() {
        if computed.amount > Decimal::ZERO {
            let conditions = failed.iter().chain(&unknown).map(|(c, _)| *c).collect();
            what_if.push(WhatIf::Conditions {
                conditions,
                amount: computed.amount,
            });
        }
        if let Some((blocker, _)) = computed.blocker {
            reasons.push(cite(blocker));
        }
        if failed.is_empty() {
            Status::NeedsInfo
        } else {
            Status::NotEligible
        }
    } else if let Some((blocker, for_want_of_information)) = computed.blocker {
        reasons.push(cite(blocker));
        what_if = computed.what_if;
        if for_want_of_information {
            Status::NeedsInfo
        } else {
            Status::NotEligible
        }
    } else {
        Status::Eligible
    };
    let mut warnings = Vec::new();
    if credit_listed && status.counts() {
        warnings.push(Cited {
            code: Warning::CreditListed,
            clause: pack.meta.credit_clause.clone(),
        });
        if measure.conditions.contains(&Condition::TechSme) {
            warnings.push(Cited {
                code: Warning::TechSmeCredit,
                clause: measure.clause.clone(),
            });
        }
    }
    // Said whatever the status, as it concerns the working (and so the what-if) too.
    if computed.before_issue {
        warnings.push(Cited {
            code: Warning::LoanBeforeIssue,
            clause: pack.meta.preamble_clause.clone(),
        });
    }
    let status = if status == Status::Eligible && !warnings.is_empty() {
        Status::EligibleWithWarning
    } else {
        status
    };
    Ok(Line {
        measure: measure.id.clone(),
        clause: measure.clause.clone(),
        status,
        amount: if status.counts() {
            computed.amount
        } else {
            round_to_fen(Decimal::ZERO)
        },
        calculation: computed.calculation,
        cap: computed.cap,
        reasons,
        what_if,
        warnings,
        assumptions: measure.assumptions.iter().map(|a| a.id.clone()).collect(),
        caveats: measure.caveats.iter().map(|a| a.id.clone()).collect(),
    })
}

fn programme_applies(pack: &Pack, trigger: &Trigger, answers: &Answers) -> bool {
    match trigger {
        Trigger::Always => true,
        Trigger::KeyIndustry => answers
            .industry
            .as_ref()
            .is_some_and(|id| pack.industries.iter().any(|i| i.key && &i.id == id)),
        Trigger::Industry(id) => answers.industry.as_ref() == Some(id),
        Trigger::Situation(id) => answers.situations.contains(id),
        Trigger::Count(id) => answers.counts.get(id).is_some_and(|n| *n > 0),
        Trigger::HasLoan => !answers.loans.is_empty(),
        Trigger::Level(id) => pack
            .level(id)
            .zip(answers.levels.get(id))
            .is_some_and(|(q, level)| q.options.first().is_some_and(|none| &none.id != level)),
        Trigger::TechSme => answers.tech_sme == Some(YesNoUnsure::Yes),
    }
}

/// Assesses the answers against the pack for an assessment year.
///
/// Never panics: answers the engine cannot take, a year out of range and arithmetic
/// overflow come back as [`EngineError`].
pub fn assess(pack: &Pack, answers: &Answers, year: i32) -> Result<Assessment, EngineError> {
    if !YEARS.contains(&year) {
        return Err(EngineError::YearOutOfRange(year));
    }
    check_answers(pack, answers)?;
    let credit_listed = answers.abnormal_list == Some(true) || answers.dishonest_list == Some(true);
    let lines = pack
        .measures
        .iter()
        .map(|m| line(pack, m, answers, year, credit_listed))
        .collect::<Result<Vec<_>, _>>()?;
    let total = lines
        .iter()
        .try_fold(round_to_fen(Decimal::ZERO), |sum, l| {
            sum.checked_add(l.amount)
        })
        .ok_or_else(|| EngineError::Overflow {
            measure: "total".into(),
        })?;
    let programmes = pack
        .programmes
        .iter()
        .filter_map(|p| {
            let because: Vec<Trigger> = p
                .when
                .iter()
                .filter(|t| programme_applies(pack, t, answers))
                .cloned()
                .collect();
            (!because.is_empty()).then(|| ProgrammeMatch {
                programme: p.id.clone(),
                clause: p.clause.clone(),
                because,
            })
        })
        .collect();
    let mut warnings = Vec::new();
    if credit_listed {
        warnings.push(Cited {
            code: Warning::CreditListed,
            clause: pack.meta.credit_clause.clone(),
        });
    }
    let issued = pack.meta.issue_date;
    let issue_year_warning = if year < issued.year() {
        Some(Warning::YearBeforeIssue)
    } else if year == issued.year() && (issued.month(), issued.day()) != (1, 1) {
        // Part of the year came before the plan.
        Some(Warning::IssueYear)
    } else {
        None
    };
    if let Some(code) = issue_year_warning {
        warnings.push(Cited {
            code,
            clause: pack.meta.preamble_clause.clone(),
        });
    }
    if pack
        .meta
        .targets_until
        .is_some_and(|until| year > until.year())
    {
        warnings.push(Cited {
            code: Warning::AfterTargets,
            clause: pack.meta.preamble_clause.clone(),
        });
    }
    let guide = &pack.tech_sme_guide;
    let size_check = answers.size.as_ref().map(|s| SizeCheck {
        staff: s.staff.map(|n| n <= guide.max_staff),
        sales: s.sales.map(|v| v <= guide.max_sales),
        assets: s.assets.map(|v| v <= guide.max_assets),
    });
    Ok(Assessment {
        pack: pack.meta.id.clone(),
        year,
        total,
        lines,
        programmes,
        warnings,
        caveats: pack.caveats.iter().map(|c| c.id.clone()).collect(),
        size_check,
    })
}
