//! The app's state and the actions that change it (Yew's reducer pattern).

use crate::form::{Form, Step};
use crate::questions::{item_field, ItemWords};
use crate::strings::{self, Tr};
use ipsc_engine::{Lang, Pack, Text};
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Changes the state; the same on every render, so a component that holds it re-renders
/// only when what it shows changes.
pub type Dispatch = UseReducerDispatcher<State>;

/// Where an answer goes: a question's key, or a question's key in one item of a group
/// (`loan`, the item's id, `principal`). The keys are the question table's, which lives as
/// long as the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// A question of the form.
    Answer(&'static str),
    /// A question of an item: the group's key, the item's id, the question's key.
    Item(&'static str, u32, &'static str),
}

impl At {
    /// What is kept there.
    pub fn read(self, form: &Form) -> &str {
        match self {
            At::Answer(key) => form.get(key),
            At::Item(group, id, key) => form
                .items(group)
                .iter()
                .find(|item| item.id == id)
                .map_or("", |item| crate::form::get(&item.values, key)),
        }
    }

    /// Puts `value` there.
    pub fn put(self, form: &mut Form, value: String) {
        match self {
            At::Answer(key) => form.set(key, value),
            At::Item(group, id, key) => form.set_in(group, id, key, value),
        }
    }
}

/// The form, changed in place: a keystroke sets one answer and never copies the form. Its
/// version tells a changed form from the same one, for what is computed from it once per
/// change and for the effects that keep it; text typed the short way (`live`) is counted
/// inside, where every holder sees it ([`Shared::stamp`]).
#[derive(Clone, Debug)]
pub struct Shared {
    form: Rc<RefCell<Form>>,
    typed: Rc<Cell<u64>>,
    /// Which form of the page's life this is (each new one, such as a cleared form, counts).
    generation: u64,
    version: u64,
}

/// One state of a form: which form, its version, and the text typed into it the short way.
pub type Stamp = (u64, u64, u64);

thread_local! {
    /// The forms made so far.
    static GENERATIONS: Cell<u64> = const { Cell::new(0) };
}

impl Shared {
    /// A form of its own.
    pub fn new(form: Form) -> Shared {
        let generation = GENERATIONS.with(|n| {
            n.set(n.get().wrapping_add(1));
            n.get()
        });
        Shared {
            form: Rc::new(RefCell::new(form)),
            typed: Rc::default(),
            generation,
            version: 0,
        }
    }

    /// The form as it is now.
    pub fn borrow(&self) -> Ref<'_, Form> {
        self.form.borrow()
    }

    /// This state of the form, text typed the short way included.
    pub fn stamp(&self) -> Stamp {
        (self.generation, self.version, self.typed.get())
    }

    /// This state of the form as an effect's key (`hooks::use_on`): which form and its
    /// version, then the text typed into it the short way.
    pub fn key(&self) -> (u64, u64) {
        (self.generation << 32 ^ self.version, self.typed.get())
    }

    /// Which form, and how much text has been typed into it the short way: what a part
    /// that shows typed text is drawn from (`part::FieldProps::typing`).
    pub fn typing(&self) -> (u64, u64) {
        (self.generation, self.typed.get())
    }

    /// Changes the form in place; the next version.
    fn change<T>(&mut self, edit: impl FnOnce(&mut Form) -> T) -> T {
        self.version += 1;
        edit(&mut self.form.borrow_mut())
    }

    /// Text typed the short way (`live`): set in place, and counted where every holder of
    /// this form sees it.
    pub fn type_in(&self, at: At, text: String) {
        at.put(&mut self.form.borrow_mut(), text);
        self.typed.set(self.typed.get().wrapping_add(1));
    }
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new(Form::default())
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.form, &other.form) && self.version == other.version
    }
}

impl PartialEq<Form> for Shared {
    fn eq(&self, other: &Form) -> bool {
        *self.form.borrow() == *other
    }
}

/// The built-in pack, compared by address (it is never copied).
#[derive(Clone, Copy)]
pub struct PackRef(pub &'static Pack);

impl PartialEq for PackRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// Where the report's texts are (see [`crate::policy`]): they load once the results are
/// shown (`report`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Texts {
    /// On their way.
    Loading,
    /// In the pack.
    Ready,
    /// The request failed; the results show without them, and say so.
    Failed,
}

/// Whether the browser keeps the answers (the standalone page only asks it to).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Keeping {
    /// It does, as far as the page knows.
    #[default]
    Yes,
    /// It refused at start (storage off, or every write refused): nothing is kept.
    Refused,
    /// A write failed later (full, or switched off meanwhile): the latest answers are not
    /// kept.
    Stopped,
}

/// Everything the app shows follows from this.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// What the user typed.
    pub form: Shared,
    /// The step shown (1 to 5, then check and results).
    pub step: Step,
    /// The language.
    pub lang: Lang,
    /// The language a new visitor finds (the host's `lang` setting, else Chinese): where a
    /// kiosk goes back to for the next person.
    pub home_lang: Lang,
    /// Large text (适老化).
    pub large: bool,
    /// Whether the current step's errors are shown (after a Continue that failed).
    pub show_errors: bool,
    /// Counts failed Continues, so that each one moves focus to the error summary.
    pub attempts: u32,
    /// A message to show once (answers cleared, a bad link).
    pub notice: Option<Tr>,
    /// On a kiosk, while it warns that the answers will soon be cleared: the seconds left.
    pub idle_left: Option<u32>,
    /// Whether the browser keeps the answers.
    pub keeping: Keeping,
    /// The answers another tab kept since this one last did (`Some(None)`: it cleared
    /// them): until the person chooses, this tab keeps nothing, so that it never writes
    /// older answers over newer ones or brings back answers cleared elsewhere.
    pub elsewhere: Option<Option<String>>,
    /// Where focus goes once the change shows (an item added or removed), counted so the
    /// same field can be asked for twice.
    pub focus: Option<(u32, String)>,
    /// What a screen reader is told of a change it cannot see (an item added or removed).
    pub said: Option<Text>,
}

impl Default for State {
    fn default() -> Self {
        State {
            form: Shared::default(),
            step: Step::Enterprise,
            lang: Lang::Zh,
            home_lang: Lang::Zh,
            large: false,
            show_errors: false,
            attempts: 0,
            notice: None,
            idle_left: None,
            keeping: Keeping::Yes,
            elsewhere: None,
            focus: None,
            said: None,
        }
    }
}

/// What can happen.
pub enum Action {
    /// The user typed or chose an answer.
    Set(At, String),
    /// The user ticked or unticked a choice of a question of several answers.
    Tick(&'static str, &'static str),
    /// An answer revealed a group (`loan`): it starts with one item, unless it has some.
    Open(&'static str),
    /// The user added an item to a group; focus goes to its first question's field.
    Add(&'static str, &'static str, &'static ItemWords),
    /// The user removed an item from a group, by its id; focus goes to the item that took
    /// its place, else the one before, else the button that adds one.
    Remove(&'static str, u32, &'static str, &'static ItemWords),
    /// Go to a step (from the URL).
    Go(Step),
    /// Continue failed: show this step's errors.
    Failed,
    /// Show this step's errors (arriving from the check page's list of refused answers).
    ShowErrors,
    /// The results were asked for while an answer is refused: the check page instead.
    Withhold,
    /// The browser refused to keep the answers.
    NotKept,
    /// Another tab kept these answers (or, `None`, cleared them).
    Elsewhere(Option<String>),
    /// The person chose another tab's answers.
    Take(Form),
    /// The person chose to keep this tab's answers (which are then kept over the other's).
    KeepMine,
    /// Switch language.
    Lang(Lang),
    /// Switch large text.
    Large(bool),
    /// Forget every answer; the year goes back to this default.
    Clear(i32),
    /// On a kiosk, no one has used the screen for a while: warn that it will start afresh
    /// in this many seconds, unless it is already fresh.
    IdleWarning(i32, u32),
    /// On a kiosk, someone touched the screen or a key: no more warning.
    Active,
    /// On a kiosk, no one has used the screen for a while: start afresh for the next
    /// person (answers, step, language and text size), unless it is already fresh.
    Idle(i32),
    /// On a kiosk, the person is done: start afresh for the next one at once.
    Finish(i32),
}

impl State {
    /// Asks for focus on this field once the change shows.
    fn move_focus(&mut self, field: String) {
        let n = self.focus.as_ref().map_or(0, |(n, _)| n.wrapping_add(1));
        self.focus = Some((n, field));
    }

    /// A fresh start with a notice.
    fn restart(&self, default_year: i32, notice: Tr) -> State {
        State {
            form: Shared::new(Form::new(default_year)),
            notice: Some(notice),
            keeping: self.keeping,
            lang: self.home_lang,
            home_lang: self.home_lang,
            ..State::default()
        }
    }

    /// Whether the screen is as a new visitor finds it: no answer, the first step, the
    /// home language and the default text size.
    fn is_fresh(&self, default_year: i32) -> bool {
        self.step == Step::Enterprise
            && self.lang == self.home_lang
            && !self.large
            && self.form == Form::new(default_year)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Set(at, value) => {
                next.form.change(|form| at.put(form, value));
                next.notice = None;
                next.said = None;
            }
            Action::Tick(key, choice) => {
                next.form.change(|form| form.toggle(key, choice));
                next.notice = None;
            }
            Action::Open(group) => {
                if !self.form.borrow().items(group).is_empty() {
                    return self;
                }
                next.form.change(|form| form.add(group));
            }
            Action::Add(group, first, words) => {
                let Some(at) = next.form.change(|form| form.add(group)) else {
                    return self;
                };
                next.move_focus(item_field(group, at, first));
                next.said = Some(strings::fill_both(
                    words.added,
                    &[("n", &(at + 1).to_string())],
                ));
            }
            Action::Remove(group, id, first, words) => {
                let Some(at) = next.form.change(|form| form.remove(group, id)) else {
                    return self;
                };
                let left = next.form.borrow().items(group).len();
                let field = match left.checked_sub(1) {
                    Some(last) => item_field(group, at.min(last), first),
                    None => format!("ipsc-{group}-add"),
                };
                next.move_focus(field);
                next.said = Some(strings::fill_both(
                    words.removed,
                    &[("n", &(at + 1).to_string())],
                ));
            }
            Action::Go(step) => {
                if step == next.step {
                    return self;
                }
                next.show_errors = false;
                next.notice = None;
                next.step = step;
            }
            Action::Failed => {
                next.show_errors = true;
                next.attempts += 1;
            }
            Action::ShowErrors => next.show_errors = true,
            Action::Withhold => {
                if self.step != Step::Results {
                    return self;
                }
                next.step = Step::Check;
            }
            Action::NotKept => {
                if self.keeping != Keeping::Yes {
                    return self;
                }
                next.keeping = Keeping::Stopped;
            }
            Action::Elsewhere(kept) => next.elsewhere = Some(kept),
            Action::Take(form) => {
                next.form = Shared::new(form);
                next.elsewhere = None;
                next.notice = None;
            }
            Action::KeepMine => next.elsewhere = None,
            Action::Lang(lang) => next.lang = lang,
            Action::Large(large) => next.large = large,
            Action::Clear(default_year) => {
                next = State {
                    lang: self.lang,
                    large: self.large,
                    ..self.restart(default_year, crate::strings::CLEARED)
                };
            }
            Action::IdleWarning(default_year, left) => {
                if self.idle_left == Some(left) || self.is_fresh(default_year) {
                    return self;
                }
                next.idle_left = Some(left);
            }
            Action::Active => {
                if self.idle_left.is_none() {
                    return self;
                }
                next.idle_left = None;
            }
            Action::Idle(default_year) => {
                if self.is_fresh(default_year) {
                    return self;
                }
                next = self.restart(default_year, crate::strings::IDLE_CLEARED);
            }
            Action::Finish(default_year) => {
                next = self.restart(default_year, crate::strings::FINISHED);
            }
        }
        Rc::new(next)
    }
}

/// What the check page and the results need: the pack, the language, and a way to a step.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    /// The pack.
    pub pack: PackRef,
    /// The language.
    pub lang: Lang,
    /// Moves to a step, focusing this field (else the heading) once it shows.
    pub go: Callback<(Step, Option<String>)>,
}

impl Ctx {
    /// What a link to a step does: moves there itself (the link's `href` is for reading
    /// and for a new tab), so it works the same when the page's URL is not the app's.
    pub fn link(&self, step: Step, field: Option<String>) -> Callback<MouseEvent> {
        let go = self.go.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            go.emit((step, field.clone()));
        })
    }
}

/// The step in a URL fragment: `#step=2`, `#check`, `#results`; `None` for any other
/// fragment (an in-page link must not move the user to step 1).
pub fn step_from_hash(hash: &str) -> Option<Step> {
    match hash {
        "" | "#" => Some(Step::Enterprise),
        "#check" => Some(Step::Check),
        "#results" => Some(Step::Results),
        _ => hash
            .strip_prefix("#step=")
            .and_then(|n| n.parse().ok())
            .and_then(Step::question),
    }
}

/// The URL fragment of a step.
pub fn hash_of(step: Step) -> String {
    match step {
        Step::Check => "#check".into(),
        Step::Results => "#results".into(),
        question => format!("#step={}", question.number()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_fragments_round_trip() {
        for step in Step::ALL {
            assert_eq!(step_from_hash(&hash_of(step)), Some(step));
        }
        assert_eq!(hash_of(Step::Items), "#step=2");
        assert_eq!(step_from_hash("#step=99"), None);
        assert_eq!(step_from_hash("#step=6"), None, "the check page is #check");
        assert_eq!(step_from_hash("#ipsc-year"), None);
        assert_eq!(step_from_hash(""), Some(Step::Enterprise));
    }

    fn fresh() -> Rc<State> {
        Rc::new(State {
            form: Shared::new(Form::new(2025)),
            ..State::default()
        })
    }

    #[test]
    fn an_idle_kiosk_starts_afresh_for_the_next_person() {
        let used = fresh()
            .reduce(Action::Set(At::Answer("registered"), "1".into()))
            .reduce(Action::Lang(Lang::En))
            .reduce(Action::Large(true))
            .reduce(Action::Go(Step::Loans));
        let next = used.clone().reduce(Action::Idle(2025));
        assert_eq!(next.form, Form::new(2025));
        assert_eq!(
            (next.step, next.lang, next.large),
            (Step::Enterprise, Lang::Zh, false)
        );
        assert_eq!(next.notice, Some(crate::strings::IDLE_CLEARED));
        let finished = used.reduce(Action::Finish(2025));
        assert_eq!(finished.form, Form::new(2025));
        assert_eq!(
            (finished.step, finished.lang, finished.large),
            (Step::Enterprise, Lang::Zh, false)
        );
        assert_eq!(finished.notice, Some(crate::strings::FINISHED));
    }

    #[test]
    fn a_kiosk_in_english_goes_back_to_english_and_is_fresh_there() {
        let english = Rc::new(State {
            form: Shared::new(Form::new(2025)),
            lang: Lang::En,
            home_lang: Lang::En,
            ..State::default()
        });
        let untouched = english.clone().reduce(Action::IdleWarning(2025, 5));
        assert!(
            Rc::ptr_eq(&english, &untouched),
            "fresh in its home language"
        );
        let used = english
            .reduce(Action::Lang(Lang::Zh))
            .reduce(Action::Set(At::Answer("registered"), "1".into()));
        for next in [
            used.clone().reduce(Action::Idle(2025)),
            used.reduce(Action::Finish(2025)),
        ] {
            assert_eq!((next.lang, next.home_lang), (Lang::En, Lang::En));
            assert_eq!(next.form, Form::new(2025));
        }
    }

    #[test]
    fn an_untouched_screen_is_left_alone() {
        let untouched = fresh();
        let next = untouched.clone().reduce(Action::IdleWarning(2025, 5));
        assert!(
            Rc::ptr_eq(&untouched, &next),
            "no warning on an empty screen"
        );
        let next = untouched.clone().reduce(Action::Idle(2025));
        assert!(
            Rc::ptr_eq(&untouched, &next),
            "no notice on an empty screen"
        );
    }

    #[test]
    fn the_warning_comes_before_the_reset_and_any_touch_takes_it_away() {
        let used = fresh().reduce(Action::Set(At::Answer("dishonest"), "0".into()));
        let warned = used.reduce(Action::IdleWarning(2025, 5));
        assert_eq!(warned.idle_left, Some(5));
        let counted = warned.clone().reduce(Action::IdleWarning(2025, 4));
        assert_eq!(counted.idle_left, Some(4), "the seconds count down");
        let same = counted.clone().reduce(Action::IdleWarning(2025, 4));
        assert!(
            Rc::ptr_eq(&counted, &same),
            "no new render for the same second"
        );
        assert_eq!(
            warned.form.borrow().get("dishonest"),
            "0",
            "nothing is cleared yet"
        );
        let back = warned.reduce(Action::Active);
        assert_eq!(back.idle_left, None);
        assert_eq!(back.form.borrow().get("dishonest"), "0");
        let reset = back
            .reduce(Action::IdleWarning(2025, 5))
            .reduce(Action::Idle(2025));
        assert_eq!(reset.idle_left, None);
        assert_eq!(reset.form, Form::new(2025));
    }
    #[test]
    fn results_asked_for_with_a_refused_answer_become_the_check_page() {
        let at_results = fresh().reduce(Action::Go(Step::Results));
        assert_eq!(
            at_results.clone().reduce(Action::Withhold).step,
            Step::Check
        );
        let elsewhere = fresh().reduce(Action::Go(Step::Loans));
        assert!(
            Rc::ptr_eq(&elsewhere, &elsewhere.clone().reduce(Action::Withhold)),
            "only the results are withheld"
        );
    }

    #[test]
    fn a_refused_write_is_said_once_and_a_reset_does_not_forget_it() {
        let stopped = fresh().reduce(Action::NotKept);
        assert_eq!(stopped.keeping, Keeping::Stopped);
        assert!(Rc::ptr_eq(
            &stopped,
            &stopped.clone().reduce(Action::NotKept)
        ));
        assert_eq!(
            stopped.reduce(Action::Clear(2025)).keeping,
            Keeping::Stopped
        );
    }

    #[test]
    fn another_tabs_answers_wait_for_a_choice() {
        let mine = fresh().reduce(Action::Set(At::Answer("registered"), "1".into()));
        let told = mine.reduce(Action::Elsewhere(Some("v=2".into())));
        assert_eq!(told.elsewhere, Some(Some("v=2".into())));
        let kept = told.clone().reduce(Action::KeepMine);
        assert_eq!(
            (kept.elsewhere.clone(), kept.form.borrow().get("registered")),
            (None, "1")
        );
        let theirs = Form::answered(&[("registered", "0")]);
        let taken = told.reduce(Action::Take(theirs.clone()));
        assert_eq!(
            (taken.elsewhere.clone(), taken.form.borrow().clone()),
            (None, theirs)
        );
        let cleared = taken
            .reduce(Action::Elsewhere(None))
            .reduce(Action::Clear(2025));
        assert_eq!(
            (cleared.elsewhere.clone(), cleared.form.borrow().clone()),
            (None, Form::new(2025))
        );
    }
}
