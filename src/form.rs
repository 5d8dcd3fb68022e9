//! What the user has typed, kept exactly as typed, and how it becomes the engine's answers.
//!
//! The form never loses a keystroke: a value that does not parse stays in the form with
//! its error, and the answers simply leave it out until it is fixed.

use crate::strings::{self, Tr};
use ipsc_engine::number::{parse, parse_count, NumberError, Quantity};
use ipsc_engine::{Answers, Date, Loan, NewerLpr, Pack, YesNoUnsure, ANSWERS_VERSION};
use litemap::LiteMap;

/// One loan as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoanForm {
    /// Principal, yuan.
    pub principal: String,
    /// Start date, `YYYY-MM-DD`.
    pub start: String,
    /// Term, months.
    pub term: String,
    /// Contract rate, percent (optional).
    pub rate: String,
}

/// Everything typed or chosen, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// The assessment year.
    pub year: String,
    /// Registered in the jurisdiction.
    pub registered: Option<bool>,
    /// Region id.
    pub region: String,
    /// Industry id.
    pub industry: String,
    /// Registered as a technology-based SME.
    pub tech_sme: Option<YesNoUnsure>,
    /// Staff, when unsure.
    pub staff: String,
    /// Annual sales, when unsure.
    pub sales: String,
    /// Total assets, when unsure.
    pub assets: String,
    /// On the abnormal-operations list.
    pub abnormal: Option<bool>,
    /// On a serious-dishonesty list.
    pub dishonest: Option<bool>,
    /// Counts by count question id.
    pub counts: LiteMap<String, String>,
    /// Whether there are IP-pledge loans.
    pub has_loans: Option<bool>,
    /// The loans.
    pub loans: Vec<LoanForm>,
    /// A newer LPR's effective date.
    pub lpr_date: String,
    /// A newer LPR's rate.
    pub lpr_rate: String,
    /// Levels by level question id.
    pub levels: LiteMap<String, String>,
    /// Situations that apply, in the order they were ticked.
    pub situations: Vec<String>,
}

/// A field that needs fixing: its element id and what to say.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The id of the field's input (or of the first input of a group).
    pub field: String,
    /// The step it is on.
    pub step: Step,
    /// What is wrong.
    pub message: Tr,
}

/// Field ids, shared by the form's checks, the inputs and the error links.
pub mod id {
    /// The year field.
    pub const YEAR: &str = "ipsc-year";
    /// The first radio of the registration question.
    pub const REGISTERED: &str = "ipsc-registered-yes";
    /// The region select.
    pub const REGION: &str = "ipsc-region";
    /// The industry select.
    pub const INDUSTRY: &str = "ipsc-industry";
    /// The first radio of the SME question.
    pub const TECH_SME: &str = "ipsc-tech-sme-yes";
    /// Staff.
    pub const STAFF: &str = "ipsc-staff";
    /// Sales.
    pub const SALES: &str = "ipsc-sales";
    /// Assets.
    pub const ASSETS: &str = "ipsc-assets";
    /// The first radio of the abnormal-list question.
    pub const ABNORMAL: &str = "ipsc-abnormal-yes";
    /// The first radio of the dishonesty-list question.
    pub const DISHONEST: &str = "ipsc-dishonest-yes";
    /// The first radio of the loans question.
    pub const HAS_LOANS: &str = "ipsc-has-loans-yes";
    /// The newer LPR's date.
    pub const LPR_DATE: &str = "ipsc-lpr-date";
    /// The newer LPR's rate.
    pub const LPR_RATE: &str = "ipsc-lpr-rate";

    /// A count field.
    pub fn count(question: &str) -> String {
        format!("ipsc-count-{question}")
    }

    /// A loan's field.
    pub fn loan(index: usize, field: &str) -> String {
        format!("ipsc-loan-{index}-{field}")
    }

    /// The first radio of a level question.
    pub fn level(question: &str) -> String {
        format!("ipsc-level-{question}-0")
    }
}

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

/// Collects answers and errors in one pass over the form.
struct Reader<'a> {
    answers: Answers,
    errors: Vec<FieldError>,
    pack: &'a Pack,
}

impl Reader<'_> {
    fn error(&mut self, field: impl Into<String>, step: Step, message: Tr) {
        self.errors.push(FieldError {
            field: field.into(),
            step,
            message,
        });
    }

    fn required<T: Copy>(
        &mut self,
        value: Option<T>,
        field: &str,
        step: Step,
        message: Tr,
    ) -> Option<T> {
        if value.is_none() {
            self.error(field, step, message);
        }
        value
    }

    /// A number if the text is one; empty text is `None` with an error only if required.
    fn number(
        &mut self,
        text: &str,
        quantity: Quantity,
        field: &str,
        step: Step,
        required: Option<Tr>,
    ) -> Option<rust_decimal::Decimal> {
        if text.trim().is_empty() {
            if let Some(message) = required {
                self.error(field, step, message);
            }
            return None;
        }
        match parse(text, quantity) {
            Ok(value) => Some(value),
            Err(e) => {
                self.error(field, step, number_error(e));
                None
            }
        }
    }

    fn date(&mut self, text: &str, field: &str, step: Step, required: Option<Tr>) -> Option<Date> {
        if text.trim().is_empty() {
            if let Some(message) = required {
                self.error(field, step, message);
            }
            return None;
        }
        match Date::parse(text.trim()) {
            Ok(date) if ipsc_engine::assess::YEARS.contains(&date.year()) => Some(date),
            _ => {
                self.error(field, step, strings::ERR_DATE);
                None
            }
        }
    }
}

impl Form {
    /// A form with nothing answered but the assessment year, which has a default.
    pub fn new(default_year: i32) -> Form {
        Form {
            year: default_year.to_string(),
            ..Form::default()
        }
    }

    /// Whether nothing has been answered (the year aside, which always has a value).
    pub fn is_untouched(&self) -> bool {
        *self
            == Form {
                year: self.year.clone(),
                ..Form::default()
            }
    }

    /// The answers the form gives so far, and what needs fixing, step by step.
    pub fn read(&self, pack: &Pack, default_year: i32) -> (Answers, Vec<FieldError>) {
        let mut r = Reader {
            answers: Answers {
                version: ANSWERS_VERSION,
                pack: Some(pack.meta.id.clone()),
                ..Answers::default()
            },
            errors: Vec::new(),
            pack,
        };
        let s = Step::Enterprise;
        r.answers.year = if self.year.trim().is_empty() {
            Some(default_year)
        } else {
            match parse_count(&self.year)
                .ok()
                .and_then(|y| i32::try_from(y).ok())
                .filter(|y| ipsc_engine::assess::YEARS.contains(y))
            {
                Some(year) => Some(year),
                None => {
                    r.error(id::YEAR, s, strings::ERR_YEAR);
                    Some(default_year)
                }
            }
        };
        r.answers.registered_locally = r.required(
            self.registered,
            id::REGISTERED,
            s,
            strings::ERR_CHOOSE_REGISTERED,
        );
        if self.registered == Some(true) && r.pack.regions.iter().any(|x| x.id == self.region) {
            r.answers.region = Some(self.region.clone());
        }
        if r.pack.industries.iter().any(|x| x.id == self.industry) {
            r.answers.industry = Some(self.industry.clone());
        }
        r.answers.tech_sme =
            r.required(self.tech_sme, id::TECH_SME, s, strings::ERR_CHOOSE_TECH_SME);
        if self.tech_sme == Some(YesNoUnsure::Unsure) {
            let staff = r
                .number(&self.staff, Quantity::Count, id::STAFF, s, None)
                .and_then(|v| u32::try_from(v).ok());
            let sales = r.number(&self.sales, Quantity::Yuan, id::SALES, s, None);
            let assets = r.number(&self.assets, Quantity::Yuan, id::ASSETS, s, None);
            if staff.is_some() || sales.is_some() || assets.is_some() {
                r.answers.size = Some(ipsc_engine::answers::SizeFigures {
                    staff,
                    sales,
                    assets,
                });
            }
        }
        r.answers.abnormal_list =
            r.required(self.abnormal, id::ABNORMAL, s, strings::ERR_CHOOSE_ABNORMAL);
        r.answers.dishonest_list = r.required(
            self.dishonest,
            id::DISHONEST,
            s,
            strings::ERR_CHOOSE_DISHONEST,
        );

        for question in &r.pack.counts {
            let text = self.counts.get(&question.id).map_or("", String::as_str);
            let field = id::count(&question.id);
            if let Some(n) = r
                .number(
                    text,
                    Quantity::Count,
                    &field,
                    Step::Items,
                    Some(strings::ERR_EMPTY),
                )
                .and_then(|v| u32::try_from(v).ok())
            {
                r.answers.counts.insert(question.id.clone(), n);
            }
        }

        let s = Step::Loans;
        if r.required(self.has_loans, id::HAS_LOANS, s, strings::ERR_CHOOSE_LOANS) == Some(true) {
            for (i, loan) in self.loans.iter().enumerate() {
                let field = id::loan(i, "principal");
                let principal = match r.number(
                    &loan.principal,
                    Quantity::Yuan,
                    &field,
                    s,
                    Some(strings::ERR_PRINCIPAL),
                ) {
                    Some(zero) if zero.is_zero() => {
                        r.error(field, s, strings::ERR_PRINCIPAL);
                        None
                    }
                    principal => principal,
                };
                let start = r.date(
                    &loan.start,
                    &id::loan(i, "start"),
                    s,
                    Some(strings::ERR_DATE_REQUIRED),
                );
                let term = match r.number(
                    &loan.term,
                    Quantity::Count,
                    &id::loan(i, "term"),
                    s,
                    Some(strings::ERR_TERM),
                ) {
                    Some(t)
                        if t >= rust_decimal::Decimal::ONE
                            && t <= rust_decimal::Decimal::from(
                                ipsc_engine::assess::MAX_TERM_MONTHS,
                            ) =>
                    {
                        u32::try_from(t).ok()
                    }
                    Some(_) => {
                        r.error(id::loan(i, "term"), s, strings::ERR_TERM);
                        None
                    }
                    None => None,
                };
                let rate = r.number(&loan.rate, Quantity::Percent, &id::loan(i, "rate"), s, None);
                if let (Some(principal), Some(start), Some(term_months)) = (principal, start, term)
                {
                    r.answers.loans.push(Loan {
                        principal,
                        start,
                        term_months,
                        contract_rate: rate,
                    });
                }
            }
            if self.loans.is_empty() {
                r.error(id::HAS_LOANS, s, strings::ERR_ADD_LOAN);
            }
            let date = r.date(&self.lpr_date, id::LPR_DATE, s, None);
            let rate = r
                .number(&self.lpr_rate, Quantity::Percent, id::LPR_RATE, s, None)
                .filter(|v| !v.is_zero());
            match (date, rate) {
                (Some(effective), Some(one_year)) => {
                    if r.pack
                        .lpr
                        .rates
                        .last()
                        .is_some_and(|last| effective <= last.effective)
                    {
                        r.error(id::LPR_DATE, s, strings::ERR_LPR_NOT_NEWER);
                    } else {
                        r.answers.newer_lpr = Some(NewerLpr {
                            effective,
                            one_year,
                        });
                    }
                }
                (Some(_), None) if self.lpr_rate.trim().is_empty() => {
                    r.error(id::LPR_RATE, s, strings::ERR_LPR_PAIR)
                }
                (None, Some(_)) if self.lpr_date.trim().is_empty() => {
                    r.error(id::LPR_DATE, s, strings::ERR_LPR_PAIR)
                }
                _ => {}
            }
        }

        for question in &r.pack.levels {
            match self.levels.get(&question.id) {
                Some(level) if question.options.iter().any(|o| &o.id == level) => {
                    r.answers.levels.insert(question.id.clone(), level.clone());
                }
                _ => r.error(
                    id::level(&question.id),
                    Step::Levels,
                    strings::ERR_CHOOSE_LEVEL,
                ),
            }
        }
        r.answers.situations = r
            .pack
            .situations
            .iter()
            .filter(|s| self.situations.contains(&s.id))
            .map(|s| s.id.clone())
            .collect();
        (r.answers, r.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn complete() -> Form {
        let mut form = Form {
            registered: Some(true),
            tech_sme: Some(YesNoUnsure::Yes),
            abnormal: Some(false),
            dishonest: Some(false),
            has_loans: Some(false),
            ..Form::default()
        };
        form.counts
            .insert("domestic-invention-patents".into(), "3".into());
        form.counts
            .insert("pct-invention-patents".into(), "0".into());
        form.levels
            .insert("protection-workstation".into(), "none".into());
        form
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
        form.year = "1999".into();
        form.counts
            .insert("domestic-invention-patents".into(), "2.5".into());
        form.has_loans = Some(true);
        form.loans.push(LoanForm {
            principal: "500万".into(),
            start: "2025-02-30".into(),
            term: "0".into(),
            rate: "".into(),
        });
        let (answers, errors) = form.read(pack, 2025);
        let found: Vec<(&str, u8, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.step.number(), e.message.en))
            .collect();
        assert_eq!(
            found,
            vec![
                ("ipsc-year", 1, strings::ERR_YEAR.en),
                (
                    "ipsc-count-domestic-invention-patents",
                    2,
                    strings::ERR_NOT_WHOLE.en
                ),
                ("ipsc-loan-0-start", 3, strings::ERR_DATE.en),
                ("ipsc-loan-0-term", 3, strings::ERR_TERM.en),
            ]
        );
        assert!(
            answers.loans.is_empty(),
            "an incomplete loan is left out, not guessed"
        );
        assert_eq!(
            form.loans.first().map(|l| l.principal.as_str()),
            Some("500万"),
            "what was typed is kept"
        );
    }
}
