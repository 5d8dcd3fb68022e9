//! The app's root component: the page's layout around the current step (the questions in
//! `steps`, the check page in `check`, the results in `results`), with the step in the URL,
//! answers kept in the browser, and focus managed on each change.

use crate::browser::{focus_id, last_full_year, location_hash, replace_hash};
use crate::check::check;
use crate::chrome::{clear, error_summary, finish, footer, header, running, HeaderProps};
use crate::form::{FieldError, Form, Step};
use crate::hooks::{
    go, nothing, use_focus, use_history, use_kiosk_idle, use_on, use_other_tabs, use_saving,
    use_saving_prefs, warning_window,
};
use crate::host;
use crate::kinds::View;
use crate::kiosk::use_qr_code;
use crate::live::{Live, LiveRef, Write};
use crate::part::{ErrorSummaryProps, FooterProps, Pending, RunningProps};
use crate::policy::default_pack;
use crate::report::{self, Input, ReportProps};
use crate::settings;
use crate::state::{hash_of, step_from_hash, Action, Ctx, Keeping, PackRef, Shared, State};
use crate::steps::step;
use crate::storage::share_link;
use crate::storage::{self, LinkError};
use crate::strings::{self, fill};
use ipsc_engine::{Lang, Pack};
use std::rc::Rc;
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
    /// Rendered with no browser (at build time): the first step as a new visitor finds it,
    /// in this language, with this default year; nothing is read from the page.
    #[prop_or_default]
    pub written: Option<Written>,
}

/// How a render with no browser starts (see [`JourneyProps::written`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The language.
    pub lang: Lang,
    /// The year a fresh form starts with.
    pub year: i32,
}

/// The state to start from: answers from a share link, else from storage; preferences;
/// the step in the URL; whether the browser keeps anything. Read before the first render,
/// so nothing typed can be overwritten.
fn start(pack: &'static Pack, persist: bool, default_year: i32) -> State {
    let hash = location_hash();
    let mut form = Form::new(default_year);
    let mut state = State {
        step: step_from_hash(&hash).unwrap_or(Step::Enterprise),
        ..State::default()
    };
    let linked = storage::from_fragment(&hash);
    if let Some(text) = linked {
        match storage::decode(pack, text) {
            Ok(linked) => {
                form = linked;
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
            form = saved;
        }
    }
    state.form = Shared::new(form);
    if let Some(prefs) = storage::load_prefs().filter(|_| persist) {
        let (tag, large) = prefs.split_once('|').unwrap_or((prefs.as_str(), "0"));
        state.lang = Lang::from_tag(tag).unwrap_or_default();
        state.large = large == "1";
    }
    if let Some(lang) = settings::get().lang {
        state.lang = lang;
        state.home_lang = lang;
    }
    state
}

/// The whole questionnaire, the check page and the results.
#[function_component]
pub fn Journey(props: &JourneyProps) -> Html {
    crate::probe::page_rendered();
    let pack = props.pack.0;
    let persist = props.persist;
    let written = props.written;
    let default_year = written.map_or_else(last_full_year, |w| w.year);
    let state = use_reducer(move || match written {
        Some(w) => State {
            form: Shared::new(Form::new(w.year)),
            lang: w.lang,
            home_lang: w.lang,
            ..State::default()
        },
        None => start(pack, persist, default_year),
    });
    let heading = use_node_ref();
    let summary = use_node_ref();
    let live = {
        let dispatch = state.dispatcher();
        let write: Write = |pack, form| storage::save(&storage::encode(pack, form));
        (*use_memo((), move |()| {
            LiveRef(Rc::new(Live::new(pack, dispatch, write)))
        }))
        .clone()
    };
    // Typed text takes the short way only where nothing else shown can change with it (see
    // `live`): a step of questions, no errors shown, nothing a change clears, no other
    // tab's answers waiting.
    let quick = state.step.asks()
        && !state.show_errors
        && state.notice.is_none()
        && state.said.is_none()
        && state.elsewhere.is_none();
    let keeps = persist && state.keeping != Keeping::Refused && state.elsewhere.is_none();
    live.0
        .show(&state.form, default_year, quick, keeps, state.lang);

    // Read and assessed once per state of the form, and shared by whatever shows them.
    let computed = live.0.computed();
    let (reading, assessment) = &*computed;
    let errors = &reading.errors;
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
        let (dispatch, withheld) = (state.dispatcher(), at != state.step);
        use_on(
            (withheld.into(), 0),
            Box::new(move || {
                if withheld {
                    replace_hash(&hash_of(Step::Check));
                    dispatch.dispatch(Action::Withhold);
                }
                nothing()
            }),
        );
    }
    // The answers as the report module takes them: encoded once per change, and only on
    // the results (a re-render there, a tick of a kiosk's clock, encodes nothing again).
    let report_form = use_memo(
        (state.form.clone(), state.form.stamp(), at == Step::Results),
        move |(form, _, results)| {
            results.then(|| AttrValue::from(storage::encode(pack, &form.borrow())))
        },
    );
    // Another tab's answers, where they differ from these: until the person chooses,
    // nothing is kept (equal ones are simply forgotten).
    let conflict = state.elsewhere.as_ref().filter(|theirs| {
        let form = state.form.borrow();
        let ours = (!form.is_untouched()).then(|| storage::encode(pack, &form));
        **theirs != ours
    });
    {
        let dispatch = state.dispatcher();
        let agreed = state.elsewhere.is_some() && conflict.is_none();
        use_on(
            (agreed.into(), 0),
            Box::new(move || {
                if agreed {
                    dispatch.dispatch(Action::KeepMine);
                }
                nothing()
            }),
        );
    }

    use_history(state.dispatcher());
    use_kiosk_idle(props.idle_reset, state.dispatcher(), default_year);
    use_saving(live.clone(), &state.form, state.elsewhere.is_some());
    use_saving_prefs(persist, state.lang, state.large);
    use_other_tabs(persist, state.dispatcher());
    let pending_focus = use_focus(at, state.attempts, heading.clone(), summary.clone());
    // An item added or removed: focus where the reducer said, once it shows.
    {
        let focus = state.focus.clone();
        let asked = focus.as_ref().map_or(0, |(n, _)| u64::from(*n) + 1);
        use_on(
            (asked, 0),
            Box::new(move || {
                if let Some((_, field)) = focus {
                    focus_id(&field);
                }
                nothing()
            }),
        );
    }
    // The results' module starts loading on the check page, so they show at once.
    let checking = at == Step::Check;
    use_on(
        (checking.into(), 0),
        Box::new(move || {
            if checking {
                report::preload();
            }
            nothing()
        }),
    );

    let lang = state.lang;
    let kiosk_results = props.idle_reset.is_some() && at == Step::Results;
    let qr_code = use_qr_code(
        kiosk_results
            .then(|| share_link(pack, &state.form.borrow()))
            .flatten(),
        lang,
    );
    // The host that asked for it hears of each result shown, once (see `host::result`).
    let result = (at == Step::Results)
        .then(|| assessment.as_ref().ok().and_then(host::result))
        .flatten();
    let shown = if at == Step::Results {
        state.form.key()
    } else {
        (0, 0)
    };
    use_on(
        shown,
        Box::new(move || {
            if let Some(post) = result {
                post();
            }
            nothing()
        }),
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
    let shown_pack = props.pack;
    let pending = Pending(pending_focus.clone());
    let dispatch = state.dispatcher();
    let ctx = Ctx {
        pack: shown_pack,
        lang,
        go: {
            let dispatch = dispatch.clone();
            Callback::from(move |(step, field): (Step, Option<String>)| {
                *pending_focus.borrow_mut() = field;
                go(&dispatch, step);
            })
        },
    };
    let next = {
        let (dispatch, live) = (dispatch.clone(), live.clone());
        // Asked of the form as it is when pressed: text typed the short way since this
        // render counts.
        Callback::from(move |_: MouseEvent| {
            if live.0.stops(at) {
                dispatch.dispatch(Action::Failed);
            } else {
                go(&dispatch, at.next());
            }
        })
    };
    let idle_warning = |seconds: u32| {
        fill(
            strings::IDLE_WARNING.get(lang),
            &[("seconds", &seconds.to_string())],
        )
    };
    let form = state.form.borrow();
    let (title, body) = match at {
        question if question.asks() => {
            let view = View {
                form: &form,
                errors: &visible,
                lang,
                pack: shown_pack,
                dispatch: &dispatch,
                live: &live,
            };
            (question.title(), step(&view, question))
        }
        Step::Check => (at.title(), check(&ctx, &form)),
        _ => (
            strings::RESULTS,
            report::show(ReportProps {
                input: Input {
                    form: (*report_form).clone().unwrap_or_default(),
                    lang,
                    default_year,
                },
                go: ctx.go.clone(),
            }),
        ),
    };
    let said = live.0.said();
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
                None => clear(&dispatch, default_year),
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
    let large = state.large;
    let waiting = written.is_some();

    html! {
        <div class="ipsc" data-large={large.then_some("true")} lang={lang.tag()}>
            { header(&HeaderProps { pack: props.pack, lang, large, tagline: at != Step::Results, waiting, dispatch: dispatch.clone() }) }
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
                if !visible.is_empty() {
                    { error_summary(ErrorSummaryProps { errors: visible.clone(), at, lang, pending: pending.clone(), node: summary.clone(), dispatch: dispatch.clone() }) }
                }
                if at.asks() {
                    <p class="ipsc-caption">{ fill(strings::STEP_OF.get(lang), &[("n", &at.number().to_string()), ("total", &Step::QUESTIONS.to_string())]) }</p>
                }
                <h1 class="ipsc-heading" tabindex="-1" ref={heading}>{ title.get(lang) }</h1>
                // What a screen reader cannot see change (an item added or removed), said
                // politely; always there, so the words are heard when they come.
                <p class="ipsc-visually-hidden" aria-live="polite" aria-atomic="true">{ state.said.as_ref().map(|s| s.get(lang).to_owned()) }</p>
                { body }
                if at.asks() {
                    <button type="button" class="ipsc-button" disabled={waiting} onclick={next.clone()}>{ strings::CONTINUE.get(lang) }</button>
                    if waiting {
                        <p class="ipsc-loading" role="status">{ strings::LOADING.get(lang) }</p>
                    }
                    { running(RunningProps { lang, said, live: live.clone(), typing: state.form.typing() }) }
                }
                if at == Step::Check {
                    <button type="button" class="ipsc-button" onclick={next}>{ strings::SEE_RESULTS.get(lang) }</button>
                }
                if kiosk_results {
                    <section class="ipsc-section ipsc-kiosk-end">
                        { qr_code }
                        <button type="button" class="ipsc-button ipsc-button--warning" onclick={finish(&dispatch, default_year)}>{ strings::FINISH.get(lang) }</button>
                    </section>
                }
            </main>
            { footer(FooterProps { pack: props.pack, lang, persist, keeping: state.keeping, kiosk: props.idle_reset.map(|_| kiosk_results), default_year, waiting, dispatch: dispatch.clone() }) }
        </div>
    }
}
