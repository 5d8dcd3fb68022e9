//! The questionnaire's steps: each step shows its questions from the question table
//! ([`crate::questions`]), each as its kind shows it (`kinds`), keyed by its key, so that
//! a question that appears, goes or changes never replaces another.

use crate::kinds::View;
use crate::questions::{questionnaire, Step};
use yew::prelude::*;

/// The questions a step asks.
pub(crate) fn step(view: &View<'_>, step: Step) -> Html {
    html! {
        { for questionnaire(view.pack.0)
            .iter()
            .filter(|q| q.step == step)
            .map(|q| html! { <key={q.key.as_str()}>{ view.question(q) }</> }) }
    }
}
