//! The app's root component: the questionnaire in steps, the check page and the results,
//! with the step in the URL, answers kept in the browser, and focus managed on each change.

use crate::fields::Setter;
use crate::form::{id, step, FieldError, Form, LoanForm};
use crate::policy::{self, default_pack};
use crate::results::results;
use crate::state::{hash_of, step_from_hash, Action, Ctx, PackRef, State, Texts};
use crate::storage::{self, LinkError};
use crate::strings::{self, fill, Tr};
use ipsc_engine::explain::money;
use ipsc_engine::number::Quantity;
use ipsc_engine::{assess, Lang, YesNoUnsure};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The year before this one: the last full year, the default assessment year.
pub fn last_full_year() -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        // getFullYear is a small whole number; the cast cannot lose anything real.
        #[allow(clippy::cast_possible_truncation)]
        let year = js_sys::Date::new_0().get_full_year() as i32;
        year - 1
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        2025
    }
}

/// Today as `YYYY-MM-DD`, for printed reports.
pub fn today() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let iso = String::from(js_sys::Date::new_0().to_iso_string());
        iso.get(..10).unwrap_or_default().to_owned()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// How long before a kiosk's reset it warns: 30 seconds, or half the idle time if shorter.
fn warning_window(idle_seconds: u32) -> u32 {
    (idle_seconds / 2).min(30)
}

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

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The window, when the page's URL is the app's own (not when embedded by script in
/// someone else's page, whose URL the app must leave alone).
fn own_window() -> Option<web_sys::Window> {
    window().filter(|_| crate::assets_base().is_none())
}

fn location_hash() -> String {
    own_window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without a new history entry.
fn replace_hash(hash: &str) {
    if let Some(history) = own_window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Moves to a step: a new history entry, so the browser's back and forward work. The move
/// is made at once (the `hashchange` that follows finds the step already there and changes
/// nothing), so the new step shows without waiting for the browser's event.
fn go(dispatch: &UseReducerDispatcher<State>, step: u8) {
    let hash = hash_of(step);
    if let Some(w) = own_window().filter(|_| location_hash() != hash) {
        let _ = w.location().set_hash(&hash);
    }
    dispatch.dispatch(Action::Go(step));
}

fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

fn focus_id(id: &str) {
    let element = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// The state to start from: answers from a share link, else from storage; preferences;
/// the step in the URL. Read before the first render, so nothing typed can be overwritten.
fn start(pack: &ipsc_engine::Pack, persist: bool, default_year: i32) -> State {
    let hash = location_hash();
    let mut state = State {
        form: Form::new(default_year),
        step: step_from_hash(&hash).unwrap_or(step::ENTERPRISE),
        texts: if policy::full_pack().is_some() {
            Texts::Ready
        } else {
            Texts::Waiting
        },
        ..State::default()
    };
    if let Some(text) = storage::from_fragment(&hash) {
        match storage::decode(&pack.meta.id, text) {
            Ok(linked) => {
                state.form = linked;
                state.step = step::CHECK;
            }
            Err(e) => {
                state.notice = Some(if e == LinkError::Damaged {
                    strings::BAD_LINK
                } else {
                    strings::OTHER_PACK_LINK
                });
                state.step = step::ENTERPRISE;
            }
        }
        replace_hash(&hash_of(state.step));
    } else if persist {
        if let Some(saved) =
            storage::load().and_then(|text| storage::decode(&pack.meta.id, &text).ok())
        {
            state.form = saved;
        }
    }
    if let Some(prefs) = storage::load_prefs().filter(|_| persist) {
        let (tag, large) = prefs.split_once('|').unwrap_or((prefs.as_str(), "0"));
        state.lang = Lang::from_tag(tag).unwrap_or_default();
        state.large = large == "1";
    }
    state
}

fn prefs_text(lang: Lang, large: bool) -> String {
    format!("{}|{}", lang.tag(), u8::from(large))
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

    // Follow the browser's back and forward.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |()| {
            let listener = own_window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    if let Some(step) = step_from_hash(&location_hash()) {
                        dispatch.dispatch(Action::Go(step));
                    }
                })
            });
            move || drop(listener)
        });
    }
    // On a kiosk: any touch, key or input restarts the idle timers. Shortly before the time
    // runs out a warning shows (any touch keeps the answers); then the next person gets a
    // fresh start. The reducer leaves an untouched screen alone.
    {
        let dispatch = state.dispatcher();
        use_effect_with(props.idle_reset, move |idle| {
            let listeners = idle.zip(window()).map(|(seconds, w)| {
                let warn_after = seconds - warning_window(seconds);
                let timers = Rc::new(std::cell::RefCell::new(Vec::new()));
                let arm = {
                    let timers = timers.clone();
                    move || {
                        let (warn, reset) = (dispatch.clone(), dispatch.clone());
                        *timers.borrow_mut() = vec![
                            gloo_timers::callback::Timeout::new(
                                warn_after.saturating_mul(1000),
                                move || warn.dispatch(Action::IdleWarning(default_year)),
                            ),
                            gloo_timers::callback::Timeout::new(
                                seconds.saturating_mul(1000),
                                move || {
                                    go(&reset, step::ENTERPRISE);
                                    reset.dispatch(Action::Idle(default_year));
                                },
                            ),
                        ];
                        dispatch.dispatch(Action::Active);
                    }
                };
                arm();
                ["pointerdown", "keydown", "input"].map(|kind| {
                    let arm = arm.clone();
                    gloo_events::EventListener::new(&w, kind, move |_| arm())
                })
            });
            move || drop(listeners)
        });
    }
    // Keep answers as they change (never an empty form: "clear" must leave nothing behind).
    {
        let id = pack.meta.id.clone();
        use_effect_with(state.form.clone(), move |form| {
            if persist && !form.is_untouched() {
                storage::save(&storage::encode(&id, form));
            }
        });
    }
    use_effect_with((state.lang, state.large), move |(lang, large)| {
        if persist && (*lang != Lang::Zh || *large) {
            storage::save_prefs(&prefs_text(*lang, *large));
        }
    });
    // Focus: the new step's heading on each step change (not on the first render), and the
    // error summary after each failed Continue.
    // A change link on the check page names the field to focus instead of the heading.
    let pending_focus = use_mut_ref(|| None::<String>);
    {
        let heading = heading.clone();
        let pending_focus = pending_focus.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.step, move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            match pending_focus.borrow_mut().take() {
                Some(field) => focus_id(&field),
                None => focus(&heading),
            }
        });
    }
    {
        let summary = summary.clone();
        use_effect_with(state.attempts, move |attempts| {
            if *attempts > 0 {
                focus(&summary);
            }
        });
    }

    // The report's texts: asked for once the check page or the results are shown (so the
    // first load is only what the questions need), and again on "Try again".
    let load_texts = {
        let dispatch = state.dispatcher();
        Callback::from(move |()| {
            dispatch.dispatch(Action::Texts(Texts::Loading));
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                dispatch.dispatch(Action::Texts(match policy::load_report_texts().await {
                    Ok(_) => Texts::Ready,
                    Err(_) => Texts::Failed,
                }));
            });
        })
    };
    {
        let load_texts = load_texts.clone();
        let wanted = state.step >= step::CHECK && state.texts == Texts::Waiting;
        use_effect_with(wanted, move |wanted| {
            if *wanted {
                load_texts.emit(());
            }
        });
    }

    let lang = state.lang;
    let (answers, errors) = state.form.read(pack, default_year);
    let year = answers.year.unwrap_or(default_year);
    let assessment = assess(pack, &answers, year);
    let visible: Vec<FieldError> = if state.show_errors {
        errors
            .iter()
            .filter(|e| e.step == state.step)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    let ctx = Ctx {
        pack: policy::full_pack().map_or(props.pack, PackRef),
        lang,
        visible_errors: visible,
        dispatch: state.dispatcher(),
        go: {
            let dispatch = state.dispatcher();
            Callback::from(move |(step, field): (u8, Option<String>)| {
                *pending_focus.borrow_mut() = field;
                go(&dispatch, step);
            })
        },
    };
    let dispatch = state.dispatcher();
    let at = state.step;
    let step_has_errors = errors.iter().any(|e| e.step == at);

    let next = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if step_has_errors {
                dispatch.dispatch(Action::Failed);
            } else {
                go(&dispatch, at + 1);
            }
        })
    };
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
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
            go(&dispatch, step::ENTERPRISE);
            dispatch.dispatch(Action::Clear(default_year));
        })
    };
    let form = &state.form;
    let (title, body) = match at {
        step::ENTERPRISE => (strings::STEP_ENTERPRISE, enterprise(&ctx, form)),
        step::ITEMS => (strings::STEP_ITEMS, items(&ctx, form)),
        step::LOANS => (strings::STEP_LOANS, loans(&ctx, form)),
        step::LEVELS => (strings::STEP_LEVELS, levels(&ctx, form)),
        step::SITUATIONS => (strings::STEP_SITUATIONS, situations(&ctx, form)),
        step::CHECK => (strings::STEP_CHECK, check(&ctx, form)),
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
        Ok(a) => money(pack, a.total, lang),
        Err(_) => strings::ERR_ENGINE.get(lang).to_owned(),
    };

    html! {
        <div class={if large { "ipsc ipsc--large" } else { "ipsc" }} lang={lang.tag()}>
            <header class="ipsc-header">
                <p class="ipsc-title">
                    <span lang="zh-CN">{ strings::PRODUCT.zh }</span>
                    <span class="ipsc-title-en" lang="en">{ strings::PRODUCT.en }</span>
                </p>
                <p class="ipsc-tagline">{ pack.meta.tagline.get(lang) }</p>
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
                if at > step::ENTERPRISE && at <= step::CHECK {
                    <a class="ipsc-back" href={hash_of(at - 1)} onclick={ctx.link(at - 1, None)}>{ strings::BACK.get(lang) }</a>
                }
                if let Some(notice) = state.notice {
                    <div class="ipsc-notice" role="status">{ notice.get(lang) }</div>
                }
                if state.idle_warning {
                    <div class="ipsc-notice ipsc-notice--warning" role="alert">
                        <p>{ fill(strings::IDLE_WARNING.get(lang), &[("seconds", &props.idle_reset.map_or(0, warning_window).to_string())]) }</p>
                        <button type="button" class="ipsc-button">{ strings::KEEP_USING.get(lang) }</button>
                    </div>
                }
                if !ctx.visible_errors.is_empty() {
                    <div class="ipsc-error-summary" tabindex="-1" ref={summary} aria-labelledby="ipsc-error-summary-title">
                        <h2 class="ipsc-error-summary__title" id="ipsc-error-summary-title">{ strings::THERE_IS_A_PROBLEM.get(lang) }</h2>
                        <ul class="ipsc-error-summary__list">
                            { for ctx.visible_errors.iter().map(|e| {
                                let field = e.field.clone();
                                let onclick = Callback::from(move |ev: MouseEvent| { ev.prevent_default(); focus_id(&field); });
                                html! { <li><a href={format!("#{}", e.field)} {onclick}>{ e.message.get(lang) }</a></li> }
                            }) }
                        </ul>
                    </div>
                }
                if at <= step::QUESTIONS {
                    <p class="ipsc-caption">{ fill(strings::STEP_OF.get(lang), &[("n", &at.to_string()), ("total", &step::QUESTIONS.to_string())]) }</p>
                }
                <h1 class="ipsc-heading" tabindex="-1" ref={heading}>{ title.get(lang) }</h1>
                { body }
                if at <= step::QUESTIONS {
                    <button type="button" class="ipsc-button" onclick={next.clone()}>{ strings::CONTINUE.get(lang) }</button>
                    <aside class="ipsc-running" aria-labelledby="ipsc-running-title">
                        <h2 class="ipsc-running__title" id="ipsc-running-title">{ strings::RUNNING_ESTIMATE.get(lang) }</h2>
                        <p class="ipsc-running__amount" data-testid="running-total" aria-live="polite" aria-atomic="true">{ running }</p>
                        <p class="ipsc-hint">{ strings::RUNNING_ESTIMATE_HINT.get(lang) }</p>
                    </aside>
                }
                if at == step::CHECK {
                    <button type="button" class="ipsc-button" onclick={next}>{ strings::SEE_RESULTS.get(lang) }</button>
                }
            </main>
            <footer class="ipsc-footer">
                <p class="ipsc-disclaimer">{ pack.meta.disclaimer.get(lang) }</p>
                <p>{ fill(strings::POLICY_LINE.get(lang), &[("doc", &pack.meta.doc_number), ("title", pack.meta.title.get(lang))]) }</p>
                <p>{ strings::PRIVACY.get(lang) }{ if persist { strings::KEPT_HERE.get(lang) } else { "" } }</p>
                <button type="button" class="ipsc-button ipsc-button--warning" onclick={clear}>{ strings::CLEAR.get(lang) }</button>
            </footer>
        </div>
    }
}

fn setter(f: impl Fn(&mut Form, String) + 'static) -> Setter {
    Rc::new(f)
}

fn optional(ctx: &Ctx, label: Tr) -> String {
    format!("{}{}", label.get(ctx.lang), strings::OPTIONAL.get(ctx.lang))
}

fn enterprise(ctx: &Ctx, form: &Form) -> Html {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    let place = pack.meta.jurisdiction.get(lang);
    let key: Vec<(String, String)> = pack
        .industries
        .iter()
        .filter(|i| i.key)
        .map(|i| (i.id.clone(), i.label.get(lang).to_owned()))
        .collect();
    let others: Vec<(String, String)> = pack
        .industries
        .iter()
        .filter(|i| !i.key)
        .map(|i| (i.id.clone(), i.label.get(lang).to_owned()))
        .collect();
    let sme_options = [
        (YesNoUnsure::Yes, "yes", strings::YES),
        (YesNoUnsure::No, "no", strings::NO),
        (YesNoUnsure::Unsure, "unsure", strings::NOT_SURE),
    ]
    .into_iter()
    .map(|(v, suffix, label)| {
        (
            suffix.to_owned(),
            label.get(lang).to_owned(),
            form.tech_sme == Some(v),
            ctx.edit(move |f| f.tech_sme = Some(v)),
        )
    })
    .collect();
    html! {
        <>
            { ctx.yes_no("ipsc-registered", &fill(strings::Q_REGISTERED.get(lang), &[("place", place)]), None, form.registered, |f, v| f.registered = Some(v)) }
            if form.registered == Some(true) {
                <div class="ipsc-conditional">
                    { ctx.select(id::REGION, &optional(ctx, strings::Q_REGION), &form.region,
                        vec![(None, pack.regions.iter().map(|r| (r.id.clone(), r.label.get(lang).to_owned())).collect())],
                        setter(|f, v| f.region = v)) }
                </div>
            }
            { ctx.select(id::INDUSTRY, &optional(ctx, strings::Q_INDUSTRY), &form.industry,
                vec![(Some(strings::KEY_INDUSTRIES.get(lang).to_owned()), key), (Some(strings::OTHER_INDUSTRIES.get(lang).to_owned()), others)],
                setter(|f, v| f.industry = v)) }
            { ctx.radios("ipsc-tech-sme", strings::Q_TECH_SME.get(lang), Some(pack.tech_sme_guide.hint.get(lang)), sme_options, false) }
            if form.tech_sme == Some(YesNoUnsure::Unsure) {
                <div class="ipsc-conditional">
                    <p class="ipsc-hint">{ pack.tech_sme_guide.note.get(lang) }</p>
                    <p class="ipsc-hint">{ strings::SIZE_INTRO.get(lang) }</p>
                    { ctx.text(id::STAFF, &optional(ctx, strings::Q_STAFF), None, &form.staff, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count", setter(|f, v| f.staff = v)) }
                    { ctx.text(id::SALES, &optional(ctx, strings::Q_SALES), Some(strings::HINT_MONEY.get(lang)), &form.sales, "text", Some(Quantity::Yuan), "ipsc-input ipsc-input--money", setter(|f, v| f.sales = v)) }
                    { ctx.text(id::ASSETS, &optional(ctx, strings::Q_ASSETS), Some(strings::HINT_MONEY.get(lang)), &form.assets, "text", Some(Quantity::Yuan), "ipsc-input ipsc-input--money", setter(|f, v| f.assets = v)) }
                </div>
            }
            { ctx.yes_no("ipsc-abnormal", strings::Q_ABNORMAL.get(lang), None, form.abnormal, |f, v| f.abnormal = Some(v)) }
            { ctx.yes_no("ipsc-dishonest", strings::Q_DISHONEST.get(lang), None, form.dishonest, |f, v| f.dishonest = Some(v)) }
            { ctx.text(id::YEAR, strings::Q_YEAR.get(lang), Some(strings::HINT_YEAR.get(lang)), &form.year, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count", setter(|f, v| f.year = v)) }
        </>
    }
}

fn items(ctx: &Ctx, form: &Form) -> Html {
    let lang = ctx.lang;
    html! {
        { for ctx.pack.0.counts.iter().map(|q| {
            let qid = q.id.clone();
            let hint = format!("{} {}", q.hint.get(lang), strings::HINT_COUNT_ZERO.get(lang));
            let value = form.counts.get(&q.id).map_or("", String::as_str);
            ctx.text(&id::count(&q.id), q.label.get(lang), Some(&hint), value, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count",
                setter(move |f, v| { f.counts.insert(qid.clone(), v); }))
        }) }
    }
}

fn loans(ctx: &Ctx, form: &Form) -> Html {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    let last_quote = pack.lpr.last_confirmed.to_string();
    html! {
        <>
            { ctx.yes_no("ipsc-has-loans", strings::Q_HAS_LOANS.get(lang), None, form.has_loans, |f, v| {
                f.has_loans = Some(v);
                if v && f.loans.is_empty() { f.loans.push(LoanForm::default()); }
            }) }
            if form.has_loans == Some(true) {
                <div class="ipsc-conditional">
                    { for form.loans.iter().enumerate().map(|(i, loan)| {
                        let n = (i + 1).to_string();
                        html! {
                            <fieldset class="ipsc-fieldset ipsc-loan">
                                <legend class="ipsc-legend">{ fill(strings::LOAN_N.get(lang), &[("n", &n)]) }</legend>
                                { ctx.text(&id::loan(i, "principal"), strings::Q_PRINCIPAL.get(lang), Some(strings::HINT_MONEY.get(lang)), &loan.principal, "text", Some(Quantity::Yuan), "ipsc-input ipsc-input--money",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.principal = v })) }
                                { ctx.text(&id::loan(i, "start"), strings::Q_START.get(lang), None, &loan.start, "date", None, "ipsc-input ipsc-input--date",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.start = v })) }
                                { ctx.text(&id::loan(i, "term"), strings::Q_TERM.get(lang), None, &loan.term, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.term = v })) }
                                { ctx.text(&id::loan(i, "rate"), &optional(ctx, strings::Q_RATE), Some(strings::HINT_RATE.get(lang)), &loan.rate, "text", Some(Quantity::Percent), "ipsc-input ipsc-input--count",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.rate = v })) }
                                <button type="button" class="ipsc-button ipsc-button--secondary" onclick={ctx.edit(move |f| { if i < f.loans.len() { f.loans.remove(i); } })}>
                                    { fill(strings::REMOVE_LOAN.get(lang), &[("n", &n)]) }
                                </button>
                            </fieldset>
                        }
                    }) }
                    <button type="button" class="ipsc-button ipsc-button--secondary" onclick={ctx.edit(|f| f.loans.push(LoanForm::default()))}>
                        { strings::ADD_LOAN.get(lang) }
                    </button>
                    <details class="ipsc-details" open={!form.lpr_date.is_empty() || !form.lpr_rate.is_empty()}>
                        <summary class="ipsc-details__summary">{ strings::NEWER_LPR.get(lang) }</summary>
                        <p class="ipsc-hint">{ fill(strings::NEWER_LPR_HINT.get(lang), &[("date", &last_quote)]) }</p>
                        { ctx.text(id::LPR_DATE, strings::Q_LPR_DATE.get(lang), None, &form.lpr_date, "date", None, "ipsc-input ipsc-input--date", setter(|f, v| f.lpr_date = v)) }
                        { ctx.text(id::LPR_RATE, strings::Q_LPR_RATE.get(lang), None, &form.lpr_rate, "text", Some(Quantity::Percent), "ipsc-input ipsc-input--count", setter(|f, v| f.lpr_rate = v)) }
                    </details>
                </div>
            }
        </>
    }
}

fn levels(ctx: &Ctx, form: &Form) -> Html {
    let lang = ctx.lang;
    html! {
        { for ctx.pack.0.levels.iter().map(|q| {
            let options = q.options.iter().enumerate().map(|(i, o)| {
                let (qid, oid) = (q.id.clone(), o.id.clone());
                (i.to_string(), o.label.get(lang).to_owned(), form.levels.get(&q.id) == Some(&o.id), ctx.edit(move |f| { f.levels.insert(qid.clone(), oid.clone()); }))
            }).collect();
            ctx.radios(&format!("ipsc-level-{}", q.id), q.label.get(lang), Some(q.hint.get(lang)), options, false)
        }) }
    }
}

fn situations(ctx: &Ctx, form: &Form) -> Html {
    let lang = ctx.lang;
    html! {
        <div class="ipsc-field">
            <fieldset class="ipsc-fieldset" aria-describedby="ipsc-situations-hint">
                <legend class="ipsc-legend">{ strings::Q_SITUATIONS.get(lang) }</legend>
                <p class="ipsc-hint" id="ipsc-situations-hint">{ strings::HINT_SITUATIONS.get(lang) }</p>
                <div class="ipsc-checkboxes">
                    { for ctx.pack.0.situations.iter().map(|s| {
                        let id = format!("ipsc-situation-{}", s.id);
                        let sid = s.id.clone();
                        let onchange = ctx.edit(move |f| match f.situations.iter().position(|s| s == &sid) {
                            Some(i) => { f.situations.remove(i); }
                            None => f.situations.push(sid.clone()),
                        });
                        html! {
                            <div class="ipsc-choice">
                                <input class="ipsc-choice__input" type="checkbox" id={id.clone()} name="situations" value={s.id.clone()} checked={form.situations.contains(&s.id)} {onchange} />
                                <label class="ipsc-choice__label" for={id}>{ s.label.get(lang) }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

/// One answer on the check page: the question, the answer, and where to change it (the
/// step and the id of the field that takes focus).
pub struct AnswerRow {
    /// The question.
    pub question: String,
    /// The answer, in words.
    pub answer: String,
    /// The step that asks it.
    pub step: u8,
    /// The field to focus when the user chooses to change it.
    pub field: String,
}

/// The answers as rows, for the check page and the printed report.
pub fn answer_rows(ctx: &Ctx, form: &Form) -> Vec<AnswerRow> {
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
    let mut row = |question: &str, answer: String, step: u8, field: String| {
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
        step::ENTERPRISE,
        id::REGISTERED.into(),
    );
    if form.registered == Some(true) {
        let region = pack.regions.iter().find(|r| r.id == form.region);
        row(
            ask(strings::Q_REGION),
            region
                .map_or(not_answered, |r| r.label.get(lang))
                .to_owned(),
            step::ENTERPRISE,
            id::REGION.into(),
        );
    }
    let industry = pack.industries.iter().find(|r| r.id == form.industry);
    row(
        ask(strings::Q_INDUSTRY),
        industry
            .map_or(not_answered, |r| r.label.get(lang))
            .to_owned(),
        step::ENTERPRISE,
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
        step::ENTERPRISE,
        id::TECH_SME.into(),
    );
    if form.tech_sme == Some(YesNoUnsure::Unsure) {
        for (q, value, field) in [
            (strings::Q_STAFF, &form.staff, id::STAFF),
            (strings::Q_SALES, &form.sales, id::SALES),
            (strings::Q_ASSETS, &form.assets, id::ASSETS),
        ] {
            row(ask(q), text(value), step::ENTERPRISE, field.into());
        }
    }
    for (q, value, field) in [
        (strings::Q_ABNORMAL, form.abnormal, id::ABNORMAL),
        (strings::Q_DISHONEST, form.dishonest, id::DISHONEST),
    ] {
        row(
            ask(q),
            yes_no(value).to_owned(),
            step::ENTERPRISE,
            field.into(),
        );
    }
    row(
        ask(strings::Q_YEAR),
        text(&form.year),
        step::ENTERPRISE,
        id::YEAR.into(),
    );
    for q in &pack.counts {
        row(
            q.label.get(lang),
            text(form.counts.get(&q.id).map_or("", String::as_str)),
            step::ITEMS,
            id::count(&q.id),
        );
    }
    row(
        ask(strings::Q_HAS_LOANS),
        yes_no(form.has_loans).to_owned(),
        step::LOANS,
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
                step::LOANS,
                id::loan(i, "principal"),
            );
        }
        if !form.lpr_date.is_empty() || !form.lpr_rate.is_empty() {
            row(
                ask(strings::Q_LPR_RATE),
                format!("{} ({})", text(&form.lpr_rate), text(&form.lpr_date)),
                step::LOANS,
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
            step::LEVELS,
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
        step::SITUATIONS,
        format!("ipsc-situation-{first}"),
    );
    rows
}

/// The answers as a summary list; with change links on the check page, which open the
/// question's step with focus on its field.
pub fn answers_list(ctx: &Ctx, form: &Form, with_links: bool) -> Html {
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

fn check(ctx: &Ctx, form: &Form) -> Html {
    answers_list(ctx, form, true)
}
