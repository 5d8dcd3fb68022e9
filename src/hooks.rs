//! The journey's effects, each a named hook: following the browser's back and forward, a
//! kiosk's idle timers, keeping answers and preferences (and hearing of other tabs that
//! keep them), and focus after a move or a failed Continue.

use crate::browser::{focus, focus_id, location_hash, own_window, window};
use crate::form::Step;
use crate::live::LiveRef;
use crate::state::{hash_of, step_from_hash, Action, Shared, State};
use crate::storage;
use ipsc_engine::Lang;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// The dispatcher of the journey's state.
type Dispatch = UseReducerDispatcher<State>;

/// Moves to a step: a new history entry, so the browser's back and forward work. The move
/// is made at once (the `hashchange` that follows finds the step already there and changes
/// nothing), so the new step shows without waiting for the browser's event.
pub(crate) fn go(dispatch: &Dispatch, step: Step) {
    let hash = hash_of(step);
    if let Some(w) = own_window().filter(|_| location_hash() != hash) {
        let _ = w.location().set_hash(&hash);
    }
    dispatch.dispatch(Action::Go(step));
}

/// How long before the reset a kiosk warns: half the idle time, but at least 20 seconds
/// (WCAG 2.2.1: time to ask for more) and at most 30; never more than the idle time.
pub(crate) fn warning_window(idle_seconds: u32) -> u32 {
    (idle_seconds / 2).clamp(20, 30).min(idle_seconds)
}

/// What an effect's run leaves to undo when its key changes or the page goes (a listener,
/// a timer).
pub(crate) type Undo = Box<dyn FnOnce()>;

/// What an effect follows, reduced to two numbers: it runs again when they change.
pub(crate) type Key = (u64, u64);

/// Nothing to undo.
pub(crate) fn nothing() -> Undo {
    Box::new(|| ())
}

/// Runs `run` after the first render and after each render in which `key` changed, first
/// undoing what its last run left. Every effect of the journey is one of these (but the
/// kiosk's QR code's, which follows a link's text): Yew
/// compiles its effect machinery again for each effect's own types (its inputs, its run,
/// its undo), about 600 bytes of wasm each, 7.5 KB for the journey's twelve (measured by
/// function in the name section of a release build); with one key type and the run and
/// undo boxed, once.
#[hook]
pub(crate) fn use_on(key: Key, run: Box<dyn FnOnce() -> Undo>) {
    use_effect_with(key, move |_| {
        let undo = run();
        move || undo()
    });
}

/// Preferences as kept: `en|1`.
fn prefs_text(lang: Lang, large: bool) -> String {
    format!("{}|{}", lang.tag(), u8::from(large))
}

/// Follows the browser's back and forward (where the page's URL is the app's). The URL can
/// change between the first render, which read it, and this effect, which listens: Yew
/// yields to the browser during a long first render (a slow phone, a busy machine), and a
/// `hashchange` then finds no listener. So the step is also caught up once, as the
/// listener starts; a step the app already shows changes nothing.
#[hook]
pub(crate) fn use_history(dispatch: Dispatch) {
    use_on(
        (0, 0),
        Box::new(move || {
            let listener = own_window().map(|w| {
                let follow = move || {
                    if let Some(step) = step_from_hash(&location_hash()) {
                        dispatch.dispatch(Action::Go(step));
                    }
                };
                follow();
                gloo_events::EventListener::new(&w, "hashchange", move |_| follow())
            });
            Box::new(move || drop(listener))
        }),
    );
}

/// On a kiosk (`idle` seconds given): any touch, key or input starts the quiet time
/// again. Checked each second against the clock (a tick can come late, when the browser
/// slows the timers of a screen it thinks unseen, but the time cannot): in its last
/// seconds a warning counts down what is left (any touch keeps the answers); then the
/// next person gets a fresh start. The reducer leaves an untouched screen alone, and a
/// second that changes nothing renders nothing.
#[hook]
pub(crate) fn use_kiosk_idle(idle: Option<u32>, dispatch: Dispatch, default_year: i32) {
    let key = idle.map_or(0, |seconds| u64::from(seconds) + 1);
    use_on(
        (key, 0),
        Box::new(move || {
            let running = idle.zip(window()).map(|(seconds, w)| {
                let warn_after = seconds - warning_window(seconds);
                let since = Rc::new(Cell::new(js_sys::Date::now()));
                let tick = {
                    let (since, dispatch) = (since.clone(), dispatch.clone());
                    gloo_timers::callback::Interval::new(1000, move || {
                        let now = js_sys::Date::now();
                        let quiet = whole_seconds(now - since.get());
                        if quiet >= seconds {
                            since.set(now);
                            go(&dispatch, Step::Enterprise);
                            dispatch.dispatch(Action::Idle(default_year));
                        } else if quiet >= warn_after {
                            dispatch.dispatch(Action::IdleWarning(default_year, seconds - quiet));
                        }
                    })
                };
                let listeners = ["pointerdown", "keydown", "input"].map(|kind| {
                    let (since, dispatch) = (since.clone(), dispatch.clone());
                    gloo_events::EventListener::new(&w, kind, move |_| {
                        since.set(js_sys::Date::now());
                        dispatch.dispatch(Action::Active);
                    })
                });
                (tick, listeners)
            });
            Box::new(move || drop(running))
        }),
    );
}

/// Whole seconds in `milliseconds` of the clock, at least 0 (the clock may be set back)
/// and at most a day (the longest idle time is far less).
fn whole_seconds(milliseconds: f64) -> u32 {
    let seconds = (milliseconds / 1000.0).floor().clamp(0.0, 86_400.0);
    // In 0..=86400 after the clamp: nothing to truncate, no sign to lose.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = seconds as u32;
    whole
}

/// Keeps the answers as they change, where the page may keep anything (`live`'s
/// [`Live::keep`](crate::live::Live::keep) says where and what); text typed the short way
/// is kept by `live` itself, in the task after the keystroke's. Nothing is written while
/// another tab's newer answers wait for the person's choice (the page then allows no short
/// way), nor where the browser refused at start. The write of a change is made in the
/// change's own task, and cancels a write put off: that one could land after the storage
/// was cleared and bring cleared answers back (a test that clears and reloads found it).
#[hook]
pub(crate) fn use_saving(live: LiveRef, form: &Shared, paused: bool) {
    let (changes, _) = form.key();
    use_on(
        (changes, paused.into()),
        Box::new(move || {
            live.0.keep();
            nothing()
        }),
    );
}

/// Keeps the preferences (language, large text) as they change, where the page may keep
/// anything; a preference not kept costs nothing but a click. Back to Chinese in normal
/// text, nothing is kept: the next visit opens as a new visitor's would (and may be shown
/// the first step written into the page), not in the language left behind.
#[hook]
pub(crate) fn use_saving_prefs(persist: bool, lang: Lang, large: bool) {
    use_on(
        (u64::from(lang == Lang::En), large.into()),
        Box::new(move || {
            if persist {
                if lang != Lang::Zh || large {
                    storage::save_prefs(&prefs_text(lang, large));
                } else {
                    storage::forget_prefs();
                }
            }
            nothing()
        }),
    );
}

/// Hears of another tab or window of this page that changes or clears the kept answers
/// (the browser's `storage` event, which only other tabs receive).
#[hook]
pub(crate) fn use_other_tabs(persist: bool, dispatch: Dispatch) {
    use_on(
        (persist.into(), 0),
        Box::new(move || {
            let listener = window().filter(|_| persist).map(|w| {
                gloo_events::EventListener::new(&w, "storage", move |event| {
                    use wasm_bindgen::JsCast;
                    let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    match event.key() {
                        // `localStorage.clear()` names no key.
                        None => dispatch.dispatch(Action::Elsewhere(None)),
                        Some(key) if key == storage::STORAGE_KEY => {
                            dispatch.dispatch(Action::Elsewhere(event.new_value()));
                        }
                        Some(_) => {}
                    }
                })
            });
            Box::new(move || drop(listener))
        }),
    );
}

/// Focus: the new step's heading on each step change (not on the first render), or the
/// field a change link names; the error summary after each failed Continue. Returns where
/// a change link puts the field to focus.
#[hook]
pub(crate) fn use_focus(
    step: Step,
    attempts: u32,
    heading: NodeRef,
    summary: NodeRef,
) -> Rc<RefCell<Option<String>>> {
    let pending = use_mut_ref(|| None::<String>);
    let first = use_mut_ref(|| true);
    {
        let pending = pending.clone();
        use_on(
            (step.number().into(), 0),
            Box::new(move || {
                if !std::mem::replace(&mut *first.borrow_mut(), false) {
                    match pending.borrow_mut().take() {
                        Some(field) => focus_id(&field),
                        None => focus(&heading),
                    }
                }
                nothing()
            }),
        );
    }
    use_on(
        (attempts.into(), 0),
        Box::new(move || {
            if attempts > 0 {
                focus(&summary);
            }
            nothing()
        }),
    );
    pending
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_warning_gives_at_least_twenty_seconds_and_at_most_thirty() {
        for (idle, window) in [(180, 30), (60, 30), (50, 25), (40, 20), (30, 20), (10, 10)] {
            assert_eq!(super::warning_window(idle), window, "idle {idle}");
        }
        assert_eq!(super::whole_seconds(-5_000.0), 0, "a clock set back");
        assert_eq!(super::whole_seconds(29_999.0), 29);
        assert_eq!(super::whole_seconds(f64::NAN), 0);
    }
}
