//! The page's parts that re-render on their own: each question's field, the checkboxes,
//! each item of a group (a loan), the running estimate, the error summary and the footer.
//! Each is a [`Part`], re-rendered only when what it shows ([`Shows`], compared whole)
//! changes, or when it redraws itself ([`Redraw`]: a field that took typed text the short way,
//! the estimate that changed with it; see `live`); the module that makes a part draws it
//! ([`Draw`]).
//!
//! Why one component type for all of them: Yew compiles its component machinery again
//! for every component type (its state, runners and props wrapper), about 2.5 KB of wasm
//! each, measured; six types cost the first load 2.4 KB gzip more than one.

use crate::form::{FieldError, Item, Step};
use crate::live::{LiveRef, Redraw};
use crate::questions::Question;
use crate::state::{At, Dispatch, Keeping, PackRef};
use ipsc_engine::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A question of the table, compared by address (the table is built once per pack).
#[derive(Clone, Copy, Debug)]
pub struct QRef(pub &'static Question<'static>);

impl PartialEq for QRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// Where a link from the check page puts the field to focus once its step shows; the same
/// cell on every render.
#[derive(Clone, Debug)]
pub struct Pending(pub Rc<RefCell<Option<String>>>);

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A question of one answer: everything its field shows. A text input's text and amount as
/// understood are drawn as they are now (`live`), which text typed the short way changes
/// without new properties.
#[derive(PartialEq)]
pub struct FieldProps {
    /// The question.
    pub q: QRef,
    /// Its input's id, or the start of its inputs' ids.
    pub id: AttrValue,
    /// Where its answer goes.
    pub at: At,
    /// What is kept: as typed, or the chosen value (a text input draws the text as it is
    /// now; this says when the field must redraw for a change made elsewhere, and with it
    /// the amount as understood, which follows from the text).
    pub value: AttrValue,
    /// The error shown beside it, in the language shown.
    pub error: Option<AttrValue>,
    /// The language.
    pub lang: Lang,
    /// The pack.
    pub pack: PackRef,
    /// Changes the state; the same on every render.
    pub dispatch: Dispatch,
    /// The short way for typed text.
    pub live: LiveRef,
    /// Which form, and how much text was typed into it the short way, when the page
    /// rendered (`Shared::typing`): a field redrawn the short way since then shows what its
    /// other properties do not say, so the page's next render must redraw it even where
    /// they come back the same (a cleared form with the year it had).
    pub typing: (u64, u64),
}

/// A question of several answers: its checkboxes.
#[derive(PartialEq)]
pub struct CheckboxesProps {
    /// The question.
    pub q: QRef,
    /// The choices ticked.
    pub ticked: Vec<String>,
    /// The language.
    pub lang: Lang,
    /// Changes the state.
    pub dispatch: Dispatch,
}

/// One item of a group (a loan).
#[derive(PartialEq)]
pub struct ItemProps {
    /// The group's question.
    pub q: QRef,
    /// Where the item is in the group (its fields' ids and its heading say it).
    pub index: usize,
    /// The item.
    pub item: Item,
    /// The errors shown for its fields.
    pub errors: Vec<FieldError>,
    /// The language.
    pub lang: Lang,
    /// The pack.
    pub pack: PackRef,
    /// Changes the state.
    pub dispatch: Dispatch,
    /// The short way for its fields' typed text. (Its fields' own properties say what they
    /// are drawn from, [`FieldProps::typing`]; its item's answers say when it redraws.)
    pub live: LiveRef,
}

/// The running estimate.
#[derive(PartialEq)]
pub struct RunningProps {
    /// The language.
    pub lang: Lang,
    /// What it says: the total, or why there is none (drawn as it is now, from `live`,
    /// which text typed the short way changes without new properties).
    pub said: AttrValue,
    /// Where the estimate is.
    pub live: LiveRef,
    /// What it is drawn from (see [`FieldProps::typing`]).
    pub typing: (u64, u64),
}

/// The error summary.
#[derive(PartialEq)]
pub struct ErrorSummaryProps {
    /// The errors shown.
    pub errors: Vec<FieldError>,
    /// Where the person is.
    pub at: Step,
    /// The language.
    pub lang: Lang,
    /// Where a link to another step puts the field to focus.
    pub pending: Pending,
    /// The summary, which takes focus after a failed Continue.
    pub node: NodeRef,
    /// Changes the state.
    pub dispatch: Dispatch,
}

/// The footer.
#[derive(PartialEq)]
pub struct FooterProps {
    /// The pack (its disclaimer and title).
    pub pack: PackRef,
    /// The language.
    pub lang: Lang,
    /// Whether the page keeps answers in the browser (the standalone page).
    pub persist: bool,
    /// Whether the browser keeps them.
    pub keeping: Keeping,
    /// On a kiosk: whether its results show (which end with their own Finish button).
    pub kiosk: Option<bool>,
    /// The year a fresh form starts with.
    pub default_year: i32,
    /// Written into the page before the app runs: its button cannot work yet.
    pub waiting: bool,
    /// Changes the state.
    pub dispatch: Dispatch,
}

/// What a part shows.
#[derive(PartialEq)]
pub enum Shows {
    /// A question of one answer.
    Field(FieldProps),
    /// A question of several answers.
    Checkboxes(CheckboxesProps),
    /// An item of a group.
    Item(ItemProps),
    /// The running estimate.
    Running(RunningProps),
    /// The error summary.
    Summary(ErrorSummaryProps),
    /// The footer.
    Footer(FooterProps),
}

/// How a part is drawn: by the module that made it, which always draws what it shows the
/// same way. Two draws count as equal: whether a part re-renders is a question of what it
/// shows alone (and a function's address is no identity to compare).
#[derive(Clone, Copy)]
pub struct Draw(pub fn(&Shows, &Redraw) -> Html);

impl PartialEq for Draw {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A part's properties.
#[derive(Properties, PartialEq)]
pub struct PartProps {
    /// What it shows.
    pub shows: Shows,
    /// How it is drawn.
    pub draw: Draw,
}

/// A part of the page that re-renders only when what it shows changes, or when it redraws
/// itself.
#[function_component]
pub fn Part(p: &PartProps) -> Html {
    let redraw = use_force_update();
    (p.draw.0)(&p.shows, &redraw)
}
