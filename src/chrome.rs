//! The page around a step: the header (title, language, large text), and, each a
//! component that re-renders only when what it shows changes, the error summary, the
//! running estimate and the footer (disclaimer, privacy, clear or finish).

use crate::browser::focus_id;
use crate::form::Step;
use crate::hooks::go;
use crate::live::Redraw;
use crate::part::{Draw, ErrorSummaryProps, FooterProps, Part, RunningProps, Shows};
use crate::state::{Action, Dispatch, Keeping, PackRef};
use crate::storage;
use crate::strings::{self, fill};
use ipsc_engine::Lang;
use yew::prelude::*;

/// What the header shows.
pub struct HeaderProps {
    /// The pack (its tagline).
    pub pack: PackRef,
    /// The language.
    pub lang: Lang,
    /// Large text.
    pub large: bool,
    /// Whether the tagline shows (not on the results, which open on the total).
    pub tagline: bool,
    /// Written into the page before the app runs: its buttons cannot work yet, and say so.
    pub waiting: bool,
    /// Changes the state.
    pub dispatch: Dispatch,
}

/// The title, the tagline, and the language and large-text switches: part of the page's
/// own render (it is small, and a component of its own would cost the first load more
/// than it saves).
pub fn header(p: &HeaderProps) -> Html {
    let (lang, large, other) = (p.lang, p.large, p.lang.other());
    let switch_lang = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Lang(other)))
    };
    let switch_large = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Large(!large)))
    };
    html! {
        <header class="ipsc-header">
            <p class="ipsc-title">
                <span lang="zh-CN">{ strings::PRODUCT.zh }</span>
                <span class="ipsc-title-en" lang="en">{ strings::PRODUCT.en }</span>
            </p>
            // The results open on the total and every line at once: the tagline, which
            // introduces the questions, makes room for them there.
            if p.tagline {
                <p class="ipsc-tagline">{ p.pack.0.meta.tagline.get(lang) }</p>
            }
            <div class="ipsc-toolbar">
                <button type="button" class="ipsc-button ipsc-button--secondary" lang={other.tag()} aria-label={strings::SWITCH_LANGUAGE_LABEL.get(lang)} disabled={p.waiting} onclick={switch_lang}>
                    { strings::SWITCH_LANGUAGE.get(lang) }
                </button>
                <button type="button" class="ipsc-button ipsc-button--secondary" aria-pressed={large.to_string()} disabled={p.waiting} onclick={switch_large}>
                    { strings::LARGE_TEXT.get(lang) }
                </button>
            </div>
        </header>
    }
}

/// The error summary: "There is a problem", each error a link to its field.
pub fn error_summary(p: ErrorSummaryProps) -> Html {
    html! { <Part draw={Draw(draw_summary)} shows={Shows::Summary(p)} /> }
}

fn draw_summary(shows: &Shows, _: &Redraw) -> Html {
    let Shows::Summary(p) = shows else {
        return Html::default();
    };
    crate::probe::rendered("error-summary");
    let (lang, at) = (p.lang, p.at);
    html! {
        <div class="ipsc-error-summary" tabindex="-1" ref={p.node.clone()} aria-labelledby="ipsc-error-summary-title">
            <h2 class="ipsc-error-summary__title" id="ipsc-error-summary-title">{ strings::THERE_IS_A_PROBLEM.get(lang) }</h2>
            if at == Step::Check {
                <p>{ strings::REFUSED_INTRO.get(lang) }</p>
            }
            <ul class="ipsc-error-summary__list">
                { for p.errors.iter().map(|e| {
                    let (field, step) = (e.field.clone(), e.step);
                    let (dispatch, pending) = (p.dispatch.clone(), p.pending.clone());
                    // On its own step, the link focuses the field; from the check page it
                    // opens the field's step, with the field focused and its error beside it.
                    let onclick = Callback::from(move |ev: MouseEvent| {
                        ev.prevent_default();
                        if step == at {
                            focus_id(&field);
                        } else {
                            *pending.0.borrow_mut() = Some(field.clone());
                            go(&dispatch, step);
                            dispatch.dispatch(Action::ShowErrors);
                        }
                    });
                    // An item's error says which item (`Loan 2: …`); beside the field its
                    // fieldset's legend says it.
                    let message = match &e.within {
                        Some(item) => strings::labelled(lang, item.get(lang), e.message.get(lang)),
                        None => e.message.get(lang).to_owned(),
                    };
                    html! { <li><a href={format!("#{}", e.field)} {onclick}>{ message }</a></li> }
                }) }
            </ul>
        </div>
    }
}

/// The running estimate beside the questions.
pub fn running(p: RunningProps) -> Html {
    html! { <Part draw={Draw(draw_running)} shows={Shows::Running(p)} /> }
}

fn draw_running(shows: &Shows, redraw: &Redraw) -> Html {
    let Shows::Running(p) = shows else {
        return Html::default();
    };
    crate::probe::rendered("running");
    // As it is now: text typed the short way redraws this part with the same properties.
    let said = p.live.0.said();
    p.live.0.running(redraw, &said);
    html! {
        <aside class="ipsc-running" aria-labelledby="ipsc-running-title">
            <h2 class="ipsc-running__title" id="ipsc-running-title">{ strings::RUNNING_ESTIMATE.get(p.lang) }</h2>
            <p class="ipsc-running__amount" data-testid="running-total" aria-live="polite" aria-atomic="true">{ said }</p>
            <p class="ipsc-hint">{ strings::RUNNING_ESTIMATE_HINT.get(p.lang) }</p>
        </aside>
    }
}

/// What the person is finished with: clear the answers (standalone), or finish (a kiosk).
pub fn finish(dispatch: &Dispatch, default_year: i32) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| {
        go(&dispatch, Step::Enterprise);
        dispatch.dispatch(Action::Finish(default_year));
    })
}

/// Forgets every answer, here and in the browser's storage.
pub fn clear(dispatch: &Dispatch, default_year: i32) {
    storage::clear();
    go(dispatch, Step::Enterprise);
    dispatch.dispatch(Action::Clear(default_year));
}

/// The footer: the disclaimer, the policy, what is kept, and clear (or, on a kiosk,
/// finish).
pub fn footer(p: FooterProps) -> Html {
    html! { <Part draw={Draw(draw_footer)} shows={Shows::Footer(p)} /> }
}

fn draw_footer(shows: &Shows, _: &Redraw) -> Html {
    let Shows::Footer(p) = shows else {
        return Html::default();
    };
    crate::probe::rendered("footer");
    let lang = p.lang;
    let meta = &p.pack.0.meta;
    let kept = match p.keeping {
        // Nothing is kept before the app runs: a reload then would lose the answers.
        _ if !p.persist || p.waiting => "",
        Keeping::Yes => strings::KEPT_HERE.get(lang),
        Keeping::Refused => strings::NOT_KEPT.get(lang),
        Keeping::Stopped => strings::NOT_KEPT_ANY_MORE.get(lang),
    };
    let on_clear = {
        let (dispatch, year) = (p.dispatch.clone(), p.default_year);
        Callback::from(move |_: MouseEvent| clear(&dispatch, year))
    };
    html! {
        <footer class="ipsc-footer">
            <p class="ipsc-disclaimer">{ meta.disclaimer.get(lang) }</p>
            <p>{ fill(strings::POLICY_LINE.get(lang), &[("doc", &meta.doc_number), ("title", meta.title.get(lang))]) }</p>
            <p>{ strings::PRIVACY.get(lang) }{ kept }</p>
            // A kiosk clears for the next person (language and text size too); its results
            // end with that button already.
            { match p.kiosk {
                None => html! {
                    <button type="button" class="ipsc-button ipsc-button--warning" disabled={p.waiting} onclick={on_clear}>{ strings::CLEAR.get(lang) }</button>
                },
                Some(false) => html! {
                    <button type="button" class="ipsc-button ipsc-button--warning" onclick={finish(&p.dispatch, p.default_year)}>{ strings::FINISH.get(lang) }</button>
                },
                Some(true) => Html::default(),
            } }
        </footer>
    }
}
