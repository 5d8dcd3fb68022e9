//! Every code an assessment can carry and every template the engine fills: the names a
//! pack gives words to in its `text` table.
//!
//! Each kind of code is a type that lists its members ([`Code::ALL`]) and knows the key of
//! its words ([`Code::key`]), so validation can demand words for every one of them and
//! nobody adds or strips a prefix by hand. This module imports nothing of the engine: the
//! pack, its validation, the assessment and the words all build on it.

use serde::{Deserialize, Serialize};

/// A kind of code with words in a pack's `text` table.
pub trait Code: Copy + 'static {
    /// Every member, for checking that a pack has words for each.
    const ALL: &'static [Self];
    /// The key of its words in a pack's `text` table (`status.eligible`).
    fn key(self) -> &'static str;
}

/// Declares a kind of code: an enum whose members are written as `code` in packs, cases
/// and assessments, with words under `key_prefix` + `code` in the pack's `text` table.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident, key_prefix $prefix:literal {
        $($(#[$vmeta:meta])* $variant:ident = $code:literal,)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)*
        }
        impl $name {
            /// As written in packs, cases and assessments.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
        }
        impl Code for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)*];
            fn key(self) -> &'static str {
                match self { $($name::$variant => concat!($prefix, $code),)* }
            }
        }
    };
}

codes! {
    /// How a measure turned out for the enterprise.
    Status, key_prefix "status." {
        /// Eligible: the amount counts towards the total.
        Eligible = "eligible",
        /// Eligible, but something may put it at risk: see the warnings.
        EligibleWithWarning = "eligible-with-warning",
        /// Not eligible: see the reasons, and what would change it.
        NotEligible = "not-eligible",
        /// An answer is missing or uncertain: see the reasons.
        NeedsInfo = "needs-info",
    }
}

impl Status {
    /// Whether the amount counts towards the total.
    pub fn counts(self) -> bool {
        matches!(self, Status::Eligible | Status::EligibleWithWarning)
    }
}

codes! {
    /// Why a measure is not (or not yet) eligible.
    Reason, key_prefix "" {
        /// The enterprise is not registered in the jurisdiction.
        NotRegisteredLocally = "reason.not-registered-locally",
        /// The user has not said where the enterprise is registered.
        RegistrationUnknown = "reason.registration-unknown",
        /// The enterprise is not a registered technology-based SME.
        NotTechSme = "reason.not-tech-sme",
        /// The user is not sure whether it is one.
        TechSmeUnknown = "reason.tech-sme-unknown",
        /// Nothing was counted in the year.
        NoItems = "reason.no-items",
        /// No IP-pledge loans.
        NoLoans = "reason.no-loans",
        /// None of the loans' months fall in the assessment year.
        NoLoanMonthsInYear = "reason.no-loan-months-in-year",
        /// A loan started before the LPR table begins.
        LoanBeforeLprTable = "reason.loan-before-lpr-table",
        /// No facility recognised at any level.
        NoLevel = "reason.no-level",
        /// A facility recognised below the level the measure needs.
        LevelBelowMinimum = "reason.level-below-minimum",
    }
}

codes! {
    /// Something that may put an amount at risk, or that the user should know.
    Warning, key_prefix "" {
        /// On the abnormal-operations or a serious-dishonesty list.
        CreditListed = "warning.credit-listed",
        /// The assessment year is before the plan was issued.
        YearBeforeIssue = "warning.year-before-issue",
        /// Registration as a technology-based SME also requires not being on those lists.
        TechSmeCredit = "warning.tech-sme-credit",
        /// The assessment year is the year the plan was issued, and part of it came before
        /// the issue date: the plan may not say whether it covers that part.
        IssueYear = "warning.issue-year",
        /// A loan has months counted in the assessment year that begin before the plan was
        /// issued. Said on the line; the amount is not changed.
        LoanBeforeIssue = "warning.loan-before-issue",
        /// The assessment year is after the year the plan's targets run to
        /// (`meta.targets_until`): whether its measures still apply then is for the
        /// authority. Said with the results; no amount is changed.
        AfterTargets = "warning.after-targets",
    }
}

codes! {
    /// A condition a measure puts on the enterprise.
    Condition, key_prefix "condition." {
        /// Registered in the pack's jurisdiction.
        RegisteredLocally = "registered-locally",
        /// Registered (入库) as a technology-based SME in the assessment year.
        TechSme = "tech-sme",
    }
}

codes! {
    /// The templates the engine fills with the user's numbers (`{amount}` and the like).
    /// Their words are the engine's own, in `words.toml` beside this crate's sources, given
    /// to every pack when it is loaded; a pack's `text` entry of the same key replaces them.
    Template, key_prefix "" {
        /// An amount of money: `{amount} 元`.
        Money = "money",
        /// A fixed yearly amount.
        FormulaFixedYearly = "formula.fixed-yearly",
        /// One loan's subsidy.
        FormulaLoan = "formula.loan",
        /// A loan the LPR table has no rate for.
        FormulaLoanNoRate = "formula.loan-no-rate",
        /// A loan's contract interest.
        FormulaLoanContractLimit = "formula.loan-contract-limit",
        /// The contract interest limited a loan's subsidy.
        FormulaLimited = "formula.limited",
        /// Where the LPR came from: the pack's table.
        FormulaLprTable = "formula.lpr-table",
        /// Where the LPR came from: the user's newer rate.
        FormulaLprUser = "formula.lpr-user",
        /// A loan that starts after the table's last confirmed quote uses the table's last
        /// rate: said on its line, with that rate's date and where a newer one is entered.
        FormulaLprAfterLastQuote = "formula.lpr-after-last-quote",
        /// The sum of several loans.
        FormulaSum = "formula.sum",
        /// The cap cut the amount.
        FormulaCap = "formula.cap",
        /// Meeting these conditions would give this amount.
        WhatIfConditions = "what-if.conditions",
        /// Each item would add this amount.
        WhatIfEachItem = "what-if.each-item",
        /// Recognition at this level would give this amount.
        WhatIfLevel = "what-if.level",
        /// The word that joins the last two items of a list.
        ListAnd = "list.and",
    }
}

/// The keys of every code and template, each kind in its declared order: the words a
/// loaded pack must have (for a template, the engine's unless the pack gives its own).
pub fn every_key() -> impl Iterator<Item = &'static str> {
    fn keys<C: Code>() -> impl Iterator<Item = &'static str> {
        C::ALL.iter().map(|c| c.key())
    }
    keys::<Status>()
        .chain(keys::<Reason>())
        .chain(keys::<Warning>())
        .chain(keys::<Condition>())
        .chain(keys::<Template>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_their_kind_and_codes_are_written_as_before() {
        assert_eq!(Status::NeedsInfo.key(), "status.needs-info");
        assert_eq!(Status::NeedsInfo.code(), "needs-info");
        assert_eq!(Condition::TechSme.key(), "condition.tech-sme");
        assert_eq!(Condition::TechSme.code(), "tech-sme");
        assert_eq!(Reason::NoItems.key(), "reason.no-items");
        assert_eq!(Template::ListAnd.key(), "list.and");
    }

    #[test]
    fn every_key_is_listed_once() {
        let keys: Vec<&str> = every_key().collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(keys.len(), unique.len());
        assert_eq!(keys.len(), 4 + 10 + 6 + 2 + 15);
    }
}
