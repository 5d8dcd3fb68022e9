//! "Check your answers": every answer in words, with the step and field that ask it, for
//! the check page (with change links) and the printed report (without).

use crate::form::{get, Form};
use crate::questions::{item_field, questions, Kind, Question, Step};
use crate::state::{hash_of, Ctx};
use crate::strings::{self, fill};
use ipsc_engine::number::Quantity;
use ipsc_engine::Lang;
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
    let mut rows = Vec::new();
    for q in &questions(ctx.pack.0) {
        rows_of(ctx.lang, form, q, &mut rows);
    }
    rows
}

/// What was typed, or "not answered".
fn typed(lang: Lang, value: &str) -> String {
    if value.trim().is_empty() {
        strings::NOT_ANSWERED.get(lang).to_owned()
    } else {
        value.to_owned()
    }
}

/// A question's answer in words.
fn in_words(lang: Lang, q: &Question<'_>, value: &str, form: &Form) -> String {
    match &q.kind {
        // A kept value that is none of the choices (a link made by hand) is shown as it is:
        // the page names it as an error, and it must not read as "not answered".
        Kind::YesNo => match value {
            "1" => strings::YES.get(lang).to_owned(),
            "0" => strings::NO.get(lang).to_owned(),
            _ => typed(lang, value),
        },
        Kind::Radios(_) | Kind::Select(_) => q
            .kind
            .choices()
            .into_iter()
            .find(|c| c.value == value)
            .map_or_else(|| typed(lang, value), |c| c.label.get(lang)),
        Kind::Many(choices) => {
            let ticked: Vec<String> = choices
                .iter()
                .filter(|c| form.ticked.contains(&c.value))
                .map(|c| c.label.get(lang))
                .collect();
            if ticked.is_empty() {
                strings::NONE_CHOSEN.get(lang).to_owned()
            } else {
                ticked.join(if lang == Lang::Zh { "；" } else { "; " })
            }
        }
        _ => typed(lang, value),
    }
}

/// The rows of a question and of what it holds or reveals.
fn rows_of(lang: Lang, form: &Form, q: &Question<'_>, rows: &mut Vec<AnswerRow>) {
    let value = form.get(&q.key);
    match &q.kind {
        Kind::Items(words, questions) => {
            for (i, item) in form.items.iter().enumerate() {
                let answers: Vec<(&str, String)> = questions
                    .iter()
                    .map(|c| (c.key.as_str(), typed(lang, get(item, &c.key))))
                    .collect();
                let mut line = fill(
                    words.summary.get(lang),
                    &answers
                        .iter()
                        .map(|(k, v)| (*k, v.as_str()))
                        .collect::<Vec<_>>(),
                );
                // Optional answers are added only when given.
                for c in questions
                    .iter()
                    .filter(|c| !matches!(c.need, crate::questions::Need::Required(_)))
                {
                    let given = get(item, &c.key).trim();
                    if !given.is_empty() {
                        let given = match c.kind {
                            Kind::Number {
                                quantity: Quantity::Percent,
                                ..
                            } => {
                                format!("{}%", given.trim_end_matches(['%', ' ']))
                            }
                            _ => given.to_owned(),
                        };
                        line.push_str(&fill(
                            words.summary_more.get(lang),
                            &[(c.key.as_str(), &given)],
                        ));
                    }
                }
                rows.push(AnswerRow {
                    question: fill(words.heading.get(lang), &[("n", &(i + 1).to_string())]),
                    answer: line,
                    step: q.step,
                    field: questions
                        .first()
                        .map_or_else(String::new, |c| item_field(&q.key, i, &c.key)),
                });
            }
        }
        Kind::Folded { questions, .. } => {
            if questions.iter().any(|c| !form.get(&c.key).is_empty()) {
                for c in questions {
                    rows_of(lang, form, c, rows);
                }
            }
        }
        _ => rows.push(AnswerRow {
            question: q.label.get(lang),
            answer: in_words(lang, q, value, form),
            step: q.step,
            field: q.first_field(),
        }),
    }
    if let Some(reveal) = q.reveals.as_ref().filter(|r| r.when == value) {
        for c in &reveal.questions {
            rows_of(lang, form, c, rows);
        }
    }
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
