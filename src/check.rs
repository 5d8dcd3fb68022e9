//! "Check your answers": every answer in words, with the step and field that ask it, for
//! the check page (with change links) and the printed report (without).

use crate::form::Form;
use crate::kinds::answer_rows;
use crate::state::{hash_of, Ctx};
use crate::strings;
use yew::prelude::*;

/// The answers as a summary list; with change links on the check page, which open the
/// question's step with focus on its field.
pub(crate) fn answers_list(ctx: &Ctx, form: &Form, with_links: bool) -> Html {
    let lang = ctx.lang;
    html! {
        <dl class="ipsc-summary">
            { for answer_rows(ctx.pack.0, form, lang).into_iter().map(|row| html! {
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
