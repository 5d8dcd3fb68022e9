//! A keystroke's short way: typed text (a number, an amount, a date) changes the form in
//! place, and only its own field redraws, with the running estimate where its words
//! change; the page (`Journey`) does not, whose render of every question and every loan was
//! most of a keystroke's cost (`bench/keyprofile.mjs`). The page allows it only while
//! nothing else it shows can change with the text: on a step of questions, with no errors
//! shown, no notice or announcement that a change clears, no other tab's answers waiting;
//! and only for a question that reveals none. Otherwise, and for every other change, a
//! keystroke is an [`Action::Set`], and the page renders. (A fold's `open`, which follows
//! whether its questions hold text, catches up at the page's next render.)
//!
//! The reading and the assessment are computed here, once per state of the form, and
//! shared by whatever shows them (the page, a field's amount as understood, the estimate).

use crate::form::{Form, Reading, Step};
use crate::state::{Action, At, Dispatch, Shared, Stamp};
use crate::strings;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use ipsc_engine::explain::money;
use ipsc_engine::{assess, Assessment, EngineError, Lang, Pack};
use rust_decimal::Decimal;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::functional::UseForceUpdateHandle;
use yew::AttrValue;

/// Redraws the part of the page that holds it.
pub type Redraw = UseForceUpdateHandle;

/// The reading of one state of the form, and the assessment of its answers.
pub type Computed = (Reading, Result<Assessment, EngineError>);

/// What a computation was made of: a state of the form, and the year a fresh one starts
/// with.
type Computing = (Stamp, i32);

/// Writes the answers where the browser keeps them; false if it refused.
pub type Write = fn(&'static Pack, &Form) -> bool;

/// What the short way needs, one for the page's life.
pub struct Live {
    pack: &'static Pack,
    /// The year a fresh form starts with (it moves on at New Year on a kiosk left running).
    default_year: Cell<i32>,
    dispatch: Dispatch,
    write: Write,
    /// The form shown, as the page last rendered it.
    form: RefCell<Shared>,
    /// Whether typed text may take the short way now.
    quick: Cell<bool>,
    /// Whether the answers are kept as they change (see `hooks::use_saving`).
    keeps: Cell<bool>,
    /// The language shown.
    lang: Cell<Lang>,
    /// The last state of the form computed, and what it gave.
    computed: RefCell<Option<(Computing, Rc<Computed>)>>,
    /// The running estimate's part, and the words it shows.
    running: RefCell<Option<(Redraw, AttrValue)>>,
    /// What the running estimate says, for one computation in one language: asked by the
    /// keystroke that may change it, then by the page and the estimate's part that draw it.
    said: RefCell<Option<(Computing, Lang, AttrValue)>>,
    /// The answers' write after typed text, put off to a task of its own.
    later: RefCell<Option<Timeout>>,
    /// Makes that write at once if the page goes away first (`pagehide`); heard from the
    /// first write put off.
    leaving: RefCell<Option<EventListener>>,
}

impl Live {
    /// For the page's life.
    pub fn new(pack: &'static Pack, dispatch: Dispatch, write: Write) -> Self {
        Live {
            pack,
            default_year: Cell::new(0),
            dispatch,
            write,
            form: RefCell::new(Shared::default()),
            quick: Cell::new(false),
            keeps: Cell::new(false),
            lang: Cell::new(Lang::Zh),
            computed: RefCell::new(None),
            running: RefCell::new(None),
            said: RefCell::new(None),
            later: RefCell::new(None),
            leaving: RefCell::new(None),
        }
    }

    /// What the page shows now, at each of its renders: the form and the year a fresh one
    /// starts with, whether the short way is open, whether answers are kept, the language.
    pub fn show(&self, form: &Shared, default_year: i32, quick: bool, keeps: bool, lang: Lang) {
        *self.form.borrow_mut() = form.clone();
        self.default_year.set(default_year);
        self.quick.set(quick);
        self.keeps.set(keeps);
        self.lang.set(lang);
    }

    /// The reading and the assessment of the form as it is now, computed once per state.
    pub fn computed(&self) -> Rc<Computed> {
        let shared = self.form.borrow();
        let default_year = self.default_year.get();
        let stamp = (shared.stamp(), default_year);
        if let Some((at, computed)) = &*self.computed.borrow() {
            if *at == stamp {
                return computed.clone();
            }
        }
        let reading = shared.borrow().reading(self.pack, default_year);
        let year = reading.answers.year.unwrap_or(default_year);
        let assessment = assess(self.pack, &reading.answers, year);
        let computed = Rc::new((reading, assessment));
        *self.computed.borrow_mut() = Some((stamp, computed.clone()));
        computed
    }

    /// What the running estimate says: the total, or why there is none. No estimate from
    /// an answer that a step would refuse.
    pub fn said(&self) -> AttrValue {
        let computed = self.computed();
        let of = (self.form.borrow().stamp(), self.default_year.get());
        let lang = self.lang.get();
        if let Some((at, in_lang, said)) = &*self.said.borrow() {
            if *at == of && *in_lang == lang {
                return said.clone();
            }
        }
        let said = match &computed.1 {
            _ if computed.0.errors.iter().any(|e| e.refused) => {
                AttrValue::Static(strings::RUNNING_WITHHELD.get(lang))
            }
            Ok(a) => AttrValue::from(money(self.pack, a.total, lang)),
            Err(_) => AttrValue::Static(strings::ERR_ENGINE.get(lang)),
        };
        *self.said.borrow_mut() = Some((of, lang, said.clone()));
        said
    }

    /// Which form is shown, and how much text has been typed into it the short way
    /// ([`Shared::typing`]).
    pub fn typing(&self) -> (u64, u64) {
        self.form.borrow().typing()
    }

    /// Whether Continue on `at` must fail: an error of its step, or on the check page any
    /// refused answer. Asked when the button is pressed, of the form as it is then.
    pub fn stops(&self, at: Step) -> bool {
        let computed = self.computed();
        let mut errors = computed.0.errors.iter();
        if at == Step::Check {
            errors.any(|e| e.refused)
        } else {
            errors.any(|e| e.step == at)
        }
    }

    /// What is kept at `at`, as it is now.
    pub fn value(&self, at: At) -> String {
        at.read(&self.form.borrow().borrow()).to_owned()
    }

    /// The amount typed in the field `id`, as understood.
    pub fn understood(&self, id: &str) -> Option<Decimal> {
        let computed = self.computed();
        let found = computed.0.understood.iter().find(|(field, _)| field == id);
        found.map(|(_, amount)| *amount)
    }

    /// The running estimate's part drew `said`; `redraw` draws it again.
    pub fn running(&self, redraw: &Redraw, said: &AttrValue) {
        *self.running.borrow_mut() = Some((redraw.clone(), said.clone()));
    }

    /// Makes a write put off after typed text now (the page is going away).
    pub fn flush(&self) {
        if self.later.borrow().is_some() {
            self.keep();
        }
    }

    /// Keeps the answers, where they are kept and something is answered ("clear" leaves
    /// nothing behind); a write the browser refuses is said ([`Action::NotKept`]). A write
    /// put off after typed text is made now or never: this one writes the form as it is, or
    /// there is nothing to write (a cleared form, another tab's answers waiting), and the
    /// older write must not land after it.
    pub fn keep(&self) {
        drop(self.later.borrow_mut().take());
        let refused = {
            let shared = self.form.borrow();
            let form = shared.borrow();
            self.keeps.get() && !form.is_untouched() && !(self.write)(self.pack, &form)
        };
        if refused {
            self.dispatch.dispatch(Action::NotKept);
        }
    }
}

/// The page's [`Live`], compared by address (there is one).
#[derive(Clone)]
pub struct LiveRef(pub Rc<Live>);

impl LiveRef {
    /// Text typed at `at` in the field that `redraw` redraws: the short way where it is
    /// open and the question reveals none (`quick`), else an [`Action::Set`]. The answers'
    /// write (a third of a keystroke's script, `bench/keyprofile.mjs`) waits for a task of
    /// its own, so the estimate shows first; the next keystroke's replaces it, and the page
    /// going away makes it at once ([`Live::flush`]).
    pub fn type_in(&self, at: At, text: String, quick: bool, redraw: &Redraw) {
        let live = &self.0;
        if !(quick && live.quick.get()) {
            live.dispatch.dispatch(Action::Set(at, text));
            return;
        }
        live.form.borrow().type_in(at, text);
        redraw.force_update();
        let running = live.running.borrow().clone();
        if let Some((running, shown)) = running {
            if live.said() != shown {
                running.force_update();
            }
        }
        if live.keeps.get() {
            let write = |live: std::rc::Weak<Live>| {
                move || {
                    if let Some(live) = live.upgrade() {
                        live.flush();
                    }
                }
            };
            let later = Timeout::new(0, write(Rc::downgrade(live)));
            *live.later.borrow_mut() = Some(later);
            let mut leaving = live.leaving.borrow_mut();
            if leaving.is_none() {
                let now = write(Rc::downgrade(live));
                *leaving =
                    web_sys::window().map(|w| EventListener::new(&w, "pagehide", move |_| now()));
            }
        }
    }
}

impl PartialEq for LiveRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
