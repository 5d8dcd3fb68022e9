//! The app's root component: the page's layout around the current step (the questions in
//! `steps`, the check page in `check`, the results in `results`), with the step in the URL,
//! answers kept in the browser, and focus managed on each change.

use crate::browser::{focus_id, last_full_year, location_hash, replace_hash};
use crate::check::check;
use crate::form::{FieldError, Form, Step};
use crate::hooks::{
    go, use_focus, use_history, use_kiosk_idle, use_other_tabs, use_report_texts, use_saving,
    use_saving_prefs, warning_window,
};
use crate::host;
use crate::kiosk::use_qr_code;
use crate::policy::{self, default_pack};
use crate::results::results;
use crate::state::{hash_of, step_from_hash, Action, Ctx, Keeping, PackRef, State, Texts};
use crate::steps::step;
use crate::storage::share_link;
use crate::storage::{self, LinkError};
use crate::strings::{self, fill};
use ipsc_engine::explain::money;
use ipsc_engine::{assess, Lang};
use yew::prelude::*;

/// How the app is hosted.
#[derive(Properties, PartialEq, Clone, Copy)]
pub struct AppProps {
    /// Keep answers in the browser's storage (the standalone page; not in a frame or on a
    /// kiosk, where the next person must not see them).
    #[prop_or(true)]
    pub persist: bool,
    /// On a kiosk: start afresh after this many seconds with no one using the screen.
    #[prop_or_default]
    pub idle_reset: Option<u32>,
}

/// The root component: the journey, or in both languages why it cannot start.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    match default_pack() {
        Ok(pack) => {
            html! { <Journey pack={PackRef(pack)} persist={props.persist} idle_reset={props.idle_reset} /> }
        }
        Err(_) => html! {
            <div class="ipsc" role="alert">
                <p class="ipsc-error-message" lang="zh-CN">{ strings::ERR_PACK.zh }</p>
                <p class="ipsc-error-message" lang="en">{ strings::ERR_PACK.en }</p>
            </div>
        },
    }
}

/// The journey's properties.
#[derive(Properties, PartialEq)]
pub struct JourneyProps {
    /// The policy pack.
    pub pack: PackRef,
    /// Keep answers in the browser.
    pub persist: bool,
    /// Start afresh after this many idle seconds (kiosks).
    pub idle_reset: Option<u32>,
}

/// The state to start from: answers from a share link, else from storage; preferences;
/// the step in the URL; whether the browser keeps anything. Read before the first render,
/// so nothing typed can be overwritten.
fn start(pack: &ipsc_engine::Pack, persist: bool, default_year: i32) -> State {
    let hash = location_hash();
    let mut state = State {
        form: Form::new(default_year),
        step: step_from_hash(&hash).unwrap_or(Step::Enterprise),
        texts: if policy::full_pack().is_some() {
            Texts::Ready
        } else {
            Texts::Waiting
        },
        ..State::default()
    };
    let linked = storage::from_fragment(&hash);
    if let Some(text) = linked {
        match storage::decode(pack, text) {
            Ok(linked) => {
                state.form = linked;
                state.step = Step::Check;
            }
            Err(e) => {
                state.notice = Some(match e {
                    LinkError::Damaged => strings::BAD_LINK,
                    LinkError::OtherPack => strings::OTHER_PACK_LINK,
                    LinkError::Repeated => strings::REPEATED_LINK,
                });
                state.step = Step::Enterprise;
            }
        }
        replace_hash(&hash_of(state.step));
    }
    if persist && !storage::keeps() {
        state.keeping = Keeping::Refused;
    } else if persist && linked.is_none() {
        if let Some(saved) = storage::load().and_then(|text| storage::decode(pack, &text).ok()) {
            state.form = saved;
        }
    }
    if let Some(prefs) = storage::load_prefs().filter(|_| persist) {
        let (tag, large) = prefs.split_once('|').unwrap_or((prefs.as_str(), "0"));
        state.lang = Lang::from_tag(tag).unwrap_or_default();
        state.large = large == "1";
    }
    if let Some(lang) = host::settings().lang {
        state.lang = lang;
        state.home_lang = lang;
    }
    state
}

/// The whole questionnaire, the check page and the results.
#[function_component]
pub fn Journey(props: &JourneyProps) -> Html {
    let pack = props.pack.0;
    let persist = props.persist;
    let default_year = last_full_year();
    let state = use_reducer(move || start(pack, persist, default_year));
    let heading = use_node_ref();
    let summary = use_node_ref();

    let (answers, errors) = state.form.read(pack, default_year);
    // No estimate from an answer that a step would refuse, whatever way led here (a link,
    // saved answers, the browser's forward button, a typed `#results`): the check page,
    // which names each one, instead of the results.
    let refused = errors.iter().any(|e| e.refused);
    let at = if state.step == Step::Results && refused {
        Step::Check
    } else {
        state.step
    };
    {
        let dispatch = state.dispatcher();
        use_effect_with(at != state.step, move |withheld| {
            if *withheld {
                replace_hash(&hash_of(Step::Check));
                dispatch.dispatch(Action::Withhold);
            }
        });
    }
    // Another tab's answers, where they differ from these: until the person chooses,
    // nothing is kept (equal ones are simply forgotten).
    let conflict = state.elsewhere.as_ref().filter(|theirs| {
        let ours = (!state.form.is_untouched()).then(|| storage::encode(pack, &state.form));
        **theirs != ours
    });
    {
        let dispatch = state.dispatcher();
        let agreed = state.elsewhere.is_some() && conflict.is_none();
        use_effect_with(agreed, move |agreed| {
            if *agreed {
                dispatch.dispatch(Action::KeepMine);
            }
        });
    }

    use_history(state.dispatcher());
    use_kiosk_idle(props.idle_reset, state.dispatcher(), default_year);
    use_saving(
        persist,
        pack,
        state.form.clone(),
        state.elsewhere.is_some(),
        state.keeping,
        state.dispatcher(),
    );
    use_saving_prefs(persist, state.lang, state.large);
    use_other_tabs(persist, state.dispatcher());
    let pending_focus = use_focus(at, state.attempts, heading.clone(), summary.clone());
    let load_texts = use_report_texts(
        at >= Step::Check && state.texts == Texts::Waiting,
        state.dispatcher(),
    );

    let lang = state.lang;
    let kiosk_results = props.idle_reset.is_some() && at == Step::Results;
    let qr_code = use_qr_code(
        kiosk_results
            .then(|| share_link(pack, &state.form))
            .flatten(),
        lang,
    );
    let year = answers.year.unwrap_or(default_year);
    let assessment = assess(pack, &answers, year);
    // The host that asked for it hears of each result shown, once (see `host::result`).
    let result = (at == Step::Results)
        .then(|| assessment.as_ref().ok().and_then(host::result))
        .flatten();
    use_effect_with(
        (at == Step::Results).then(|| state.form.clone()),
        move |_| {
            if let Some(post) = result {
                post();
            }
        },
    );
    // The check page names every refused answer, at once; a step, its own errors once
    // Continue has failed there (or the person came from the check page to fix one).
    let visible: Vec<FieldError> = if at == Step::Check {
        errors.iter().filter(|e| e.refused).cloned().collect()
    } else if state.show_errors {
        errors.iter().filter(|e| e.step == at).cloned().collect()
    } else {
        Vec::new()
    };
    let fix_elsewhere = pending_focus.clone();
    let ctx = Ctx {
        pack: policy::full_pack().map_or(props.pack, PackRef),
        lang,
        visible_errors: visible,
        dispatch: state.dispatcher(),
        go: {
            let dispatch = state.dispatcher();
            Callback::from(move |(step, field): (Step, Option<String>)| {
                *pending_focus.borrow_mut() = field;
                go(&dispatch, step);
            })
        },
    };
    let dispatch = state.dispatcher();
    let step_has_errors = if at == Step::Check {
        refused
    } else {
        errors.iter().any(|e| e.step == at)
    };

    let next = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if step_has_errors {
                dispatch.dispatch(Action::Failed);
            } else {
                go(&dispatch, at.next());
            }
        })
    };
    let other = lang.other();
    let switch_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Lang(other)))
    };
    let large = state.large;
    let switch_large = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Large(!large)))
    };
    let clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            storage::clear();
            go(&dispatch, Step::Enterprise);
            dispatch.dispatch(Action::Clear(default_year));
        })
    };
    let finish = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            go(&dispatch, Step::Enterprise);
            dispatch.dispatch(Action::Finish(default_year));
        })
    };
    let idle_warning = |seconds: u32| {
        fill(
            strings::IDLE_WARNING.get(lang),
            &[("seconds", &seconds.to_string())],
        )
    };
    let form = &state.form;
    let (title, body) = match at {
        question if question.asks() => (question.title(), step(&ctx, form, question)),
        Step::Check => (at.title(), check(&ctx, form)),
        _ => (
            strings::RESULTS,
            results(
                &ctx,
                form,
                &answers,
                &assessment,
                year,
                state.texts,
                &load_texts,
            ),
        ),
    };
    let running = match &assessment {
        _ if refused => strings::RUNNING_WITHHELD.get(lang).to_owned(),
        Ok(a) => money(pack, a.total, lang),
        Err(_) => strings::ERR_ENGINE.get(lang).to_owned(),
    };
    let other_tab = conflict.map(|theirs| {
        let (said, take_words) = match theirs {
            Some(_) => (strings::CHANGED_ELSEWHERE, strings::TAKE_THEIRS),
            None => (strings::CLEARED_ELSEWHERE, strings::CLEAR_HERE_TOO),
        };
        let take = {
            let dispatch = dispatch.clone();
            let theirs = theirs.as_deref().map(|text| storage::decode(pack, text));
            Callback::from(move |_: MouseEvent| match &theirs {
                Some(Ok(form)) => dispatch.dispatch(Action::Take(form.clone())),
                // Not a form this app wrote: nothing to take, so this tab's answers stay.
                Some(Err(_)) => dispatch.dispatch(Action::KeepMine),
                None => {
                    storage::clear();
                    go(&dispatch, Step::Enterprise);
                    dispatch.dispatch(Action::Clear(default_year));
                }
            })
        };
        let keep = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::KeepMine))
        };
        html! {
            <div class="ipsc-notice ipsc-notice--warning" role="alert">
                <p>{ said.get(lang) }</p>
                <button type="button" class="ipsc-button" onclick={take}>{ take_words.get(lang) }</button>
                <button type="button" class="ipsc-button ipsc-button--secondary" onclick={keep}>{ strings::KEEP_MINE.get(lang) }</button>
            </div>
        }
    });
    let kept = match state.keeping {
        _ if !persist => "",
        Keeping::Yes => strings::KEPT_HERE.get(lang),
        Keeping::Refused => strings::NOT_KEPT.get(lang),
        Keeping::Stopped => strings::NOT_KEPT_ANY_MORE.get(lang),
    };

    html! {
        <div class={if large { "ipsc ipsc--large" } else { "ipsc" }} lang={lang.tag()}>
            <header class="ipsc-header">
                <p class="ipsc-title">
                    <span lang="zh-CN">{ strings::PRODUCT.zh }</span>
                    <span class="ipsc-title-en" lang="en">{ strings::PRODUCT.en }</span>
                </p>
                // The results open on the total and every line at once: the tagline, which
                // introduces the questions, makes room for them there.
                if at != Step::Results {
                    <p class="ipsc-tagline">{ pack.meta.tagline.get(lang) }</p>
                }
                <div class="ipsc-toolbar">
                    <button type="button" class="ipsc-button ipsc-button--secondary" lang={other.tag()} aria-label={strings::SWITCH_LANGUAGE_LABEL.get(lang)} onclick={switch_lang}>
                        { strings::SWITCH_LANGUAGE.get(lang) }
                    </button>
                    <button type="button" class="ipsc-button ipsc-button--secondary" aria-pressed={large.to_string()} onclick={switch_large}>
                        { strings::LARGE_TEXT.get(lang) }
                    </button>
                </div>
            </header>
            <main class="ipsc-main">
                if at > Step::Enterprise && at <= Step::Check {
                    <a class="ipsc-back" href={hash_of(at.previous())} onclick={ctx.link(at.previous(), None)}>{ strings::BACK.get(lang) }</a>
                }
                if let Some(notice) = state.notice {
                    <div class="ipsc-notice" role="status">{ notice.get(lang) }</div>
                }
                { for other_tab }
                if persist && state.keeping == Keeping::Stopped {
                    <div class="ipsc-notice ipsc-notice--warning" role="alert">{ strings::NOT_KEPT_ANY_MORE.get(lang) }</div>
                }
                if let Some(left) = state.idle_left {
                    // Counted down on screen each second, as a timer (which a screen reader reads
                    // when asked, never by itself); the warning is announced once as it comes,
                    // by an alert whose words do not change.
                    <div class="ipsc-notice ipsc-notice--warning">
                        <p class="ipsc-visually-hidden" role="alert">{ idle_warning(props.idle_reset.map_or(0, warning_window)) }</p>
                        <p role="timer" data-testid="idle-countdown">{ idle_warning(left) }</p>
                        <button type="button" class="ipsc-button">{ strings::KEEP_USING.get(lang) }</button>
                    </div>
                }
                if !ctx.visible_errors.is_empty() {
                    <div class="ipsc-error-summary" tabindex="-1" ref={summary} aria-labelledby="ipsc-error-summary-title">
                        <h2 class="ipsc-error-summary__title" id="ipsc-error-summary-title">{ strings::THERE_IS_A_PROBLEM.get(lang) }</h2>
                        if at == Step::Check {
                            <p>{ strings::REFUSED_INTRO.get(lang) }</p>
                        }
                        <ul class="ipsc-error-summary__list">
                            { for ctx.visible_errors.iter().map(|e| {
                                let (field, step) = (e.field.clone(), e.step);
                                let (dispatch, pending) = (dispatch.clone(), fix_elsewhere.clone());
                                // On its own step, the link focuses the field; from the check page it
                                // opens the field's step, with the field focused and its error beside it.
                                let onclick = Callback::from(move |ev: MouseEvent| {
                                    ev.prevent_default();
                                    if step == at {
                                        focus_id(&field);
                                    } else {
                                        *pending.borrow_mut() = Some(field.clone());
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
                if at.asks() {
                    <p class="ipsc-caption">{ fill(strings::STEP_OF.get(lang), &[("n", &at.number().to_string()), ("total", &Step::QUESTIONS.to_string())]) }</p>
                }
                <h1 class="ipsc-heading" tabindex="-1" ref={heading}>{ title.get(lang) }</h1>
                { body }
                if at.asks() {
                    <button type="button" class="ipsc-button" onclick={next.clone()}>{ strings::CONTINUE.get(lang) }</button>
                    <aside class="ipsc-running" aria-labelledby="ipsc-running-title">
                        <h2 class="ipsc-running__title" id="ipsc-running-title">{ strings::RUNNING_ESTIMATE.get(lang) }</h2>
                        <p class="ipsc-running__amount" data-testid="running-total" aria-live="polite" aria-atomic="true">{ running }</p>
                        <p class="ipsc-hint">{ strings::RUNNING_ESTIMATE_HINT.get(lang) }</p>
                    </aside>
                }
                if at == Step::Check {
                    <button type="button" class="ipsc-button" onclick={next}>{ strings::SEE_RESULTS.get(lang) }</button>
                }
                if kiosk_results {
                    <section class="ipsc-section ipsc-kiosk-end">
                        { qr_code }
                        <button type="button" class="ipsc-button ipsc-button--warning" onclick={finish.clone()}>{ strings::FINISH.get(lang) }</button>
                    </section>
                }
            </main>
            <footer class="ipsc-footer">
                <p class="ipsc-disclaimer">{ pack.meta.disclaimer.get(lang) }</p>
                <p>{ fill(strings::POLICY_LINE.get(lang), &[("doc", &pack.meta.doc_number), ("title", pack.meta.title.get(lang))]) }</p>
                <p>{ strings::PRIVACY.get(lang) }{ kept }</p>
                // A kiosk clears for the next person (language and text size too); its results
                // end with that button already.
                if props.idle_reset.is_none() {
                    <button type="button" class="ipsc-button ipsc-button--warning" onclick={clear}>{ strings::CLEAR.get(lang) }</button>
                } else if !kiosk_results {
                    <button type="button" class="ipsc-button ipsc-button--warning" onclick={finish.clone()}>{ strings::FINISH.get(lang) }</button>
                }
            </footer>
        </div>
    }
}
