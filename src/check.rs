//! "Check your answers": every answer in words, with the step and field that ask it, for
//! the check page (with change links) and the printed report (without).

use crate::form::{id, Form, Step};
use crate::state::{hash_of, Ctx};
use crate::strings::{self, fill, Tr};
use ipsc_engine::{Lang, YesNoUnsure};
use yew::prelude::*;

/// One answer on the check page: the question, the answer, and where to change it (the
/// step and the id of the field that takes focus).
pub(crate) struct AnswerRow {
    /// The question.
    pub(crate) question: String,
    /// The answer, in words.
    pub(crate) answer: String,
    /// The step that asks it.
    pub(crate) step: Step,
    /// The field to focus when the user chooses to change it.
    pub(crate) field: String,
}

/// The answers as rows, for the check page and the printed report.
pub(crate) fn answer_rows(ctx: &Ctx, form: &Form) -> Vec<AnswerRow> {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    let not_answered = strings::NOT_ANSWERED.get(lang);
    let yes_no = |v: Option<bool>| match v {
        Some(true) => strings::YES.get(lang),
        Some(false) => strings::NO.get(lang),
        None => not_answered,
    };
    let text = |v: &str| {
        if v.trim().is_empty() {
            not_answered.to_owned()
        } else {
            v.to_owned()
        }
    };
    let mut rows = Vec::new();
    let mut row = |question: &str, answer: String, step: Step, field: String| {
        rows.push(AnswerRow {
            question: question.to_owned(),
            answer,
            step,
            field,
        });
    };
    let ask = |q: Tr| q.get(lang);
    let place = [("place", pack.meta.jurisdiction.get(lang))];
    row(
        &fill(ask(strings::Q_REGISTERED), &place),
        yes_no(form.registered).to_owned(),
        Step::Enterprise,
        id::REGISTERED.into(),
    );
    if form.registered == Some(true) {
        let region = pack.regions.iter().find(|r| r.id == form.region);
        row(
            ask(strings::Q_REGION),
            region
                .map_or(not_answered, |r| r.label.get(lang))
                .to_owned(),
            Step::Enterprise,
            id::REGION.into(),
        );
    }
    let industry = pack.industries.iter().find(|r| r.id == form.industry);
    row(
        ask(strings::Q_INDUSTRY),
        industry
            .map_or(not_answered, |r| r.label.get(lang))
            .to_owned(),
        Step::Enterprise,
        id::INDUSTRY.into(),
    );
    let sme = match form.tech_sme {
        Some(YesNoUnsure::Yes) => strings::YES.get(lang),
        Some(YesNoUnsure::No) => strings::NO.get(lang),
        Some(YesNoUnsure::Unsure) => strings::NOT_SURE.get(lang),
        None => not_answered,
    };
    row(
        ask(strings::Q_TECH_SME),
        sme.to_owned(),
        Step::Enterprise,
        id::TECH_SME.into(),
    );
    if form.tech_sme == Some(YesNoUnsure::Unsure) {
        for (q, value, field) in [
            (strings::Q_STAFF, &form.staff, id::STAFF),
            (strings::Q_SALES, &form.sales, id::SALES),
            (strings::Q_ASSETS, &form.assets, id::ASSETS),
        ] {
            row(ask(q), text(value), Step::Enterprise, field.into());
        }
    }
    for (q, value, field) in [
        (strings::Q_ABNORMAL, form.abnormal, id::ABNORMAL),
        (strings::Q_DISHONEST, form.dishonest, id::DISHONEST),
    ] {
        row(
            ask(q),
            yes_no(value).to_owned(),
            Step::Enterprise,
            field.into(),
        );
    }
    row(
        ask(strings::Q_YEAR),
        text(&form.year),
        Step::Enterprise,
        id::YEAR.into(),
    );
    for q in &pack.counts {
        row(
            q.label.get(lang),
            text(form.counts.get(&q.id).map_or("", String::as_str)),
            Step::Items,
            id::count(&q.id),
        );
    }
    row(
        ask(strings::Q_HAS_LOANS),
        yes_no(form.has_loans).to_owned(),
        Step::Loans,
        id::HAS_LOANS.into(),
    );
    if form.has_loans == Some(true) {
        for (i, loan) in form.loans.iter().enumerate() {
            let mut line = fill(
                strings::LOAN_SUMMARY.get(lang),
                &[
                    ("principal", &text(&loan.principal)),
                    ("start", &text(&loan.start)),
                    ("term", &text(&loan.term)),
                ],
            );
            if !loan.rate.trim().is_empty() {
                line.push_str(&fill(
                    strings::LOAN_SUMMARY_RATE.get(lang),
                    &[("rate", &format!("{}%", loan.rate.trim()))],
                ));
            }
            row(
                &fill(strings::LOAN_N.get(lang), &[("n", &(i + 1).to_string())]),
                line,
                Step::Loans,
                id::loan(i, "principal"),
            );
        }
        if !form.lpr_date.is_empty() || !form.lpr_rate.is_empty() {
            row(
                ask(strings::Q_LPR_RATE),
                format!("{} ({})", text(&form.lpr_rate), text(&form.lpr_date)),
                Step::Loans,
                id::LPR_RATE.into(),
            );
        }
    }
    for q in &pack.levels {
        let level = form
            .levels
            .get(&q.id)
            .and_then(|l| q.options.iter().find(|o| &o.id == l));
        row(
            q.label.get(lang),
            level.map_or(not_answered, |o| o.label.get(lang)).to_owned(),
            Step::Levels,
            id::level(&q.id),
        );
    }
    let chosen: Vec<&str> = pack
        .situations
        .iter()
        .filter(|s| form.situations.contains(&s.id))
        .map(|s| s.label.get(lang))
        .collect();
    let chosen = if chosen.is_empty() {
        strings::NONE_CHOSEN.get(lang).to_owned()
    } else {
        chosen.join(if lang == Lang::Zh { "；" } else { "; " })
    };
    let first = pack
        .situations
        .first()
        .map(|s| s.id.as_str())
        .unwrap_or_default();
    row(
        ask(strings::Q_SITUATIONS),
        chosen,
        Step::Situations,
        format!("ipsc-situation-{first}"),
    );
    rows
}

/// The answers as a summary list; with change links on the check page, which open the
/// question's step with focus on its field.
pub(crate) fn answers_list(ctx: &Ctx, form: &Form, with_links: bool) -> Html {
    let lang = ctx.lang;
    html! {
        <dl class="ipsc-summary">
            { for answer_rows(ctx, form).into_iter().map(|row| html! {
                <div class="ipsc-summary__row">
                    <dt class="ipsc-summary__key">{ row.question.clone() }</dt>
                    <dd class="ipsc-summary__value">{ row.answer }</dd>
                    if with_links {
                        <dd class="ipsc-summary__actions">
                            <a href={hash_of(row.step)} onclick={ctx.link(row.step, Some(row.field))}>
                                { strings::CHANGE.get(lang) }<span class="ipsc-visually-hidden">{ format!(" {}", row.question) }</span>
                            </a>
                        </dd>
                    }
                </div>
            }) }
        </dl>
    }
}

/// The check page: every answer, each with a link to change it.
pub(crate) fn check(ctx: &Ctx, form: &Form) -> Html {
    answers_list(ctx, form, true)
}
