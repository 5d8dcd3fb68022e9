//! One of several, as radios: kept as the choice's value.

use super::{Asks, FieldProps};
use crate::fields::{radios, Described};
use crate::questions::{Choice, OneOf, Value};
use crate::state::Action;
use crate::strings::Tr;
use ipsc_engine::Lang;
use yew::prelude::*;

impl Asks for OneOf<'_> {
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        super::chosen(&self.choices(), text)
    }

    fn input(&self, p: &FieldProps, _: &crate::live::Redraw) -> Html {
        let (legend, hint) = p.words();
        let options = self
            .0
            .iter()
            .map(|c| {
                let (dispatch, at, kept) = (p.dispatch.clone(), p.at, c.value.clone());
                let checked = c.value == p.value.as_str();
                let choose = Callback::from(move |_: Event| {
                    dispatch.dispatch(Action::Set(at, kept.clone()))
                });
                (c.suffix.as_str(), c.label.get(p.lang), checked, choose)
            })
            .collect();
        radios(
            &Described::new(&p.id, &legend, hint.as_deref(), p.error.as_deref(), p.lang),
            options,
            false,
        )
    }

    fn said(&self, value: &str, lang: Lang) -> String {
        super::chosen_words(&self.choices(), value, lang)
    }

    fn first_field(&self, id: String) -> String {
        super::first_choice(&self.0, id)
    }

    fn choices(&self) -> Vec<&Choice<'_>> {
        self.0.iter().collect()
    }
}
