//! Words for an assessment: formulas with the user's numbers, reasons, what-ifs.
//!
//! The words themselves are the pack's (its `text` table), so an editor can change them;
//! this module only puts numbers into them. `{name}` in a text is replaced by a value.

use crate::assess::{Calculation, CapApplied, Line, RateSource, WhatIf};
use crate::codes::Template;
use crate::i18n::Lang;
use crate::money::{percent, plain, yuan};
use crate::pack::Pack;
use rust_decimal::Decimal;

/// Replaces `{name}` in `template` by each value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// An amount of money in a language: `30,000.00 元` or `¥30,000.00`.
pub fn money(pack: &Pack, amount: Decimal, lang: Lang) -> String {
    fill(
        pack.say(Template::Money, lang),
        &[("amount", &yuan(amount))],
    )
}

/// The formula of a line, one step per entry, with the user's numbers.
pub fn formula(pack: &Pack, line: &Line, lang: Lang) -> Vec<String> {
    let Some(calculation) = &line.calculation else {
        return Vec::new();
    };
    let mut steps = Vec::new();
    match calculation {
        Calculation::PerItem {
            count_id,
            count,
            unit,
            result,
        } => {
            let unit_word = pack.count(count_id).map_or("", |c| c.unit.get(lang));
            let count_text = if unit_word.is_empty() {
                count.to_string()
            } else {
                format!("{count} {unit_word}")
            };
            steps.push(format!(
                "{count_text} × {} = {}",
                money(pack, *unit, lang),
                money(pack, *result, lang)
            ));
        }
        Calculation::FixedYearly { amount, .. } => {
            steps.push(fill(
                pack.say(Template::FormulaFixedYearly, lang),
                &[("amount", &money(pack, *amount, lang))],
            ));
        }
        Calculation::Interest { ratio, loans, sum } => {
            let ratio_text = format!("{}%", plain(ratio * Decimal::ONE_HUNDRED));
            for (i, loan) in loans.iter().enumerate() {
                let number = (i + 1).to_string();
                let principal = money(pack, loan.principal, lang);
                let months = loan.months.to_string();
                let start = loan.start.to_string();
                let Some(lpr) = loan.lpr else {
                    steps.push(fill(
                        pack.say(Template::FormulaLoanNoRate, lang),
                        &[("n", &number), ("start", &start)],
                    ));
                    continue;
                };
                let source = match loan.rate_source {
                    Some(RateSource::User(date)) => fill(
                        pack.say(Template::FormulaLprUser, lang),
                        &[("date", &date.to_string())],
                    ),
                    Some(RateSource::Table(date)) => fill(
                        pack.say(Template::FormulaLprTable, lang),
                        &[("date", &date.to_string())],
                    ),
                    None => String::new(),
                };
                // Past the table's last confirmed quote, the table's last rate is used
                // unless the user gave a newer one: said on this loan's line.
                let after_last_quote = match loan.rate_source {
                    Some(RateSource::Table(date)) if loan.start > pack.lpr.last_confirmed => {
                        Some(fill(
                            pack.say(Template::FormulaLprAfterLastQuote, lang),
                            &[
                                ("n", &number),
                                ("start", &start),
                                ("confirmed", &pack.lpr.last_confirmed.to_string()),
                                ("lpr", &percent(lpr)),
                                ("date", &date.to_string()),
                            ],
                        ))
                    }
                    _ => None,
                };
                let mut step = fill(
                    pack.say(Template::FormulaLoan, lang),
                    &[
                        ("n", &number),
                        ("principal", &principal),
                        ("lpr", &percent(lpr)),
                        ("source", &source),
                        ("ratio", &ratio_text),
                        ("months", &months),
                        ("start", &start),
                        ("result", &money(pack, loan.lpr_subsidy, lang)),
                    ],
                );
                if let (Some(rate), Some(interest)) = (loan.contract_rate, loan.contract_interest) {
                    let interest = money(pack, interest, lang);
                    step.push_str(&fill(
                        pack.say(Template::FormulaLoanContractLimit, lang),
                        &[
                            ("principal", &principal),
                            ("rate", &percent(rate)),
                            ("months", &months),
                            ("interest", &interest),
                        ],
                    ));
                    if loan.limited {
                        step.push_str(&fill(
                            pack.say(Template::FormulaLimited, lang),
                            &[("interest", &interest)],
                        ));
                    }
                }
                steps.push(step);
                steps.extend(after_last_quote);
            }
            if loans.len() > 1 {
                steps.push(fill(
                    pack.say(Template::FormulaSum, lang),
                    &[("sum", &money(pack, *sum, lang))],
                ));
            }
        }
    }
    if let Some(CapApplied { cap, before, after }) = &line.cap {
        steps.push(fill(
            pack.say(Template::FormulaCap, lang),
            &[
                ("cap", &money(pack, *cap, lang)),
                ("before", &money(pack, *before, lang)),
                ("after", &money(pack, *after, lang)),
            ],
        ));
    }
    steps
}

/// What would change the outcome, in words.
pub fn what_if(pack: &Pack, what_if: &WhatIf, lang: Lang) -> String {
    match what_if {
        WhatIf::Conditions { conditions, amount } => {
            let words: Vec<&str> = conditions.iter().map(|c| pack.say(*c, lang)).collect();
            let joined = words.join(pack.say(Template::ListAnd, lang));
            fill(
                pack.say(Template::WhatIfConditions, lang),
                &[
                    ("conditions", &joined),
                    ("amount", &money(pack, *amount, lang)),
                ],
            )
        }
        WhatIf::EachItem { amount } => fill(
            pack.say(Template::WhatIfEachItem, lang),
            &[("amount", &money(pack, *amount, lang))],
        ),
        WhatIf::Level { level, amount } => {
            let label = pack
                .levels
                .iter()
                .flat_map(|q| q.options.iter())
                .find(|o| &o.id == level)
                .map_or(level.as_str(), |o| o.label.get(lang));
            fill(
                pack.say(Template::WhatIfLevel, lang),
                &[("level", label), ("amount", &money(pack, *amount, lang))],
            )
        }
    }
}
