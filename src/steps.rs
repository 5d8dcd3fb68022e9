//! The questionnaire's steps: each step shows its questions from the question table
//! ([`crate::questions`]), each as its kind is asked, with what the user typed.

use crate::fields::Setter;
use crate::form::{get, put, Form, Values, MAX_ITEMS};
use crate::questions::{item_field, questions, Choice, Kind, Question, Step};
use crate::state::Ctx;
use crate::strings::fill;
use ipsc_engine::number::Quantity;
use std::rc::Rc;
use yew::prelude::*;

/// The questions a step asks.
pub(crate) fn step(ctx: &Ctx, form: &Form, step: Step) -> Html {
    html! {
        { for questions(ctx.pack.0).iter().filter(|q| q.step == step).map(|q| question(ctx, form, q)) }
    }
}

/// A question, and below it the questions its answer reveals.
fn question(ctx: &Ctx, form: &Form, q: &Question<'_>) -> Html {
    let lang = ctx.lang;
    let value = form.get(&q.key);
    // Answering yes to a question that reveals items starts the first item.
    let starts_items = q
        .reveals
        .as_ref()
        .filter(|r| {
            r.questions
                .iter()
                .any(|c| matches!(c.kind, Kind::Items(..)))
        })
        .map(|r| r.when);
    let key = q.key.clone();
    let set: Setter = Rc::new(move |f: &mut Form, v: String| {
        if Some(v.as_str()) == starts_items && f.items.is_empty() {
            f.items.push(Values::new());
        }
        f.set(&key, v);
    });
    let asked = match &q.kind {
        Kind::Many(choices) => many(ctx, form, q, choices),
        Kind::Items(..) => items(ctx, form, q),
        Kind::Folded {
            summary,
            hint,
            questions,
        } => html! {
            <details class="ipsc-details" open={questions.iter().any(|f| !form.get(&f.key).is_empty())}>
                <summary class="ipsc-details__summary">{ summary.get(lang) }</summary>
                <p class="ipsc-hint">{ hint.get(lang) }</p>
                { for questions.iter().map(|f| question(ctx, form, f)) }
            </details>
        },
        _ => field(ctx, q, &q.id(), value, set),
    };
    let revealed = q.reveals.as_ref().filter(|r| r.when == value).map(|r| {
        html! {
            <div class="ipsc-conditional">
                { for r.intro.iter().map(|p| html! { <p class="ipsc-hint">{ p.get(lang) }</p> }) }
                { for r.questions.iter().map(|c| question(ctx, form, c)) }
            </div>
        }
    });
    html! { <>{ asked }{ for revealed }</> }
}

/// The input of a question that takes one answer, with id `id`.
fn field(ctx: &Ctx, q: &Question<'_>, id: &str, value: &str, set: Setter) -> Html {
    let lang = ctx.lang;
    let label = q.label(lang);
    let hint = q.hint.as_ref().map(|h| h.get(lang));
    let hint = hint.as_deref();
    let radios = |choices: Vec<(&str, String, String)>, inline: bool| {
        let options = choices
            .into_iter()
            .map(|(suffix, kept, words)| {
                let set = set.clone();
                let checked = kept == value;
                let choose = ctx.edit(move |f| set(f, kept.clone()));
                (suffix.to_owned(), words, checked, choose)
            })
            .collect();
        ctx.radios(id, &label, hint, options, inline)
    };
    match &q.kind {
        Kind::YesNo => radios(
            vec![
                ("yes", "1".into(), crate::strings::YES.get(lang).into()),
                ("no", "0".into(), crate::strings::NO.get(lang).into()),
            ],
            true,
        ),
        Kind::Radios(choices) => radios(
            choices
                .iter()
                .map(|c| (c.suffix.as_str(), c.value.clone(), c.label.get(lang)))
                .collect(),
            false,
        ),
        Kind::Select(groups) => {
            let groups = groups
                .iter()
                .map(|(heading, choices)| {
                    (
                        heading.map(|h| h.get(lang).to_owned()),
                        choices
                            .iter()
                            .map(|c| (c.value.clone(), c.label.get(lang)))
                            .collect(),
                    )
                })
                .collect();
            ctx.select(id, &label, value, groups, set)
        }
        Kind::Number { quantity, .. } => {
            let class = match quantity {
                Quantity::Yuan => "ipsc-input ipsc-input--money",
                _ => "ipsc-input ipsc-input--count",
            };
            ctx.text(id, &label, hint, value, "text", Some(*quantity), class, set)
        }
        Kind::Date => ctx.text(
            id,
            &label,
            hint,
            value,
            "date",
            None,
            "ipsc-input ipsc-input--date",
            set,
        ),
        Kind::Many(_) | Kind::Items(..) | Kind::Folded { .. } => html! {},
    }
}

/// Checkboxes: any of these, or none.
fn many(ctx: &Ctx, form: &Form, q: &Question<'_>, choices: &[Choice<'_>]) -> Html {
    let lang = ctx.lang;
    let base = q.id();
    let hint_id = format!("{base}-hint");
    html! {
        <div class="ipsc-field">
            <fieldset class="ipsc-fieldset" aria-describedby={hint_id.clone()}>
                <legend class="ipsc-legend">{ q.label(lang) }</legend>
                if let Some(hint) = &q.hint { <p class="ipsc-hint" id={hint_id}>{ hint.get(lang) }</p> }
                <div class="ipsc-checkboxes">
                    { for choices.iter().map(|c| {
                        let id = format!("{base}-{}", c.suffix);
                        let value = c.value.clone();
                        let onchange = ctx.edit(move |f| match f.ticked.iter().position(|t| t == &value) {
                            Some(i) => { f.ticked.remove(i); }
                            None => f.ticked.push(value.clone()),
                        });
                        html! {
                            <div class="ipsc-choice">
                                <input class="ipsc-choice__input" type="checkbox" id={id.clone()} name={base.clone()} value={c.value.clone()} checked={form.ticked.contains(&c.value)} {onchange} />
                                <label class="ipsc-choice__label" for={id}>{ c.label.get(lang) }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

/// The items added (loans), each its questions in a fieldset with a button that removes
/// it, and a button that adds one.
fn items(ctx: &Ctx, form: &Form, q: &Question<'_>) -> Html {
    let lang = ctx.lang;
    let Kind::Items(words, questions) = &q.kind else {
        return html! {};
    };
    html! {
        <>
            { for form.items.iter().enumerate().map(|(i, item)| {
                let n = (i + 1).to_string();
                html! {
                    <fieldset class="ipsc-fieldset ipsc-loan">
                        <legend class="ipsc-legend">{ fill(words.heading.get(lang), &[("n", &n)]) }</legend>
                        { for questions.iter().map(|child| {
                            let key = child.key.clone();
                            let set: Setter = Rc::new(move |f: &mut Form, v: String| {
                                if let Some(item) = f.items.get_mut(i) { put(item, &key, v) }
                            });
                            field(ctx, child, &item_field(&q.key, i, &child.key), get(item, &child.key), set)
                        }) }
                        <button type="button" class="ipsc-button ipsc-button--secondary" onclick={ctx.edit(move |f| { if i < f.items.len() { f.items.remove(i); } })}>
                            { fill(words.remove.get(lang), &[("n", &n)]) }
                        </button>
                    </fieldset>
                }
            }) }
            // Up to the most a link may carry, so every form the page makes can be shared.
            if form.items.len() < MAX_ITEMS {
                <button type="button" class="ipsc-button ipsc-button--secondary" onclick={ctx.edit(|f| if f.items.len() < MAX_ITEMS { f.items.push(Values::new()) })}>
                    { words.add.get(lang) }
                </button>
            }
        </>
    }
}
