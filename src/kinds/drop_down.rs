//! One of several, from a drop-down whose choices may come in groups: kept as the
//! choice's value.

use super::{Asks, FieldProps};
use crate::fields::{select, Described};
use crate::questions::{Choice, DropDown, Value};
use crate::strings::Tr;
use ipsc_engine::Lang;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

impl Asks for DropDown<'_> {
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        super::chosen(&self.choices(), text)
    }

    fn input(&self, p: &FieldProps, _: &crate::live::Redraw) -> Html {
        let (label, _) = p.words();
        let groups = self
            .0
            .iter()
            .map(|(heading, choices)| {
                (
                    heading.map(|h| h.get(p.lang).to_owned()),
                    choices
                        .iter()
                        .map(|c| (c.value.clone(), c.label.get(p.lang)))
                        .collect(),
                )
            })
            .collect();
        let onchange = p.set(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
        select(
            &Described::new(&p.id, &label, None, p.error.as_deref(), p.lang),
            &p.value,
            groups,
            onchange,
        )
    }

    fn said(&self, value: &str, lang: Lang) -> String {
        super::chosen_words(&self.choices(), value, lang)
    }

    fn choices(&self) -> Vec<&Choice<'_>> {
        self.0.iter().flat_map(|(_, c)| c).collect()
    }
}
