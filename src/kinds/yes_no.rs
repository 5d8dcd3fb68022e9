//! Yes or no, side by side: kept as `1` or `0`; choosing the answer that reveals a group
//! (loans) starts its first item.

use super::{Asks, FieldProps};
use crate::fields::{radios, Described};
use crate::questions::{Choice, Kind, Value, YesNo};
use crate::state::Action;
use crate::strings::{self, Tr};
use ipsc_engine::Lang;
use yew::prelude::*;

/// The two answers: what is kept, the end of the input's id, and the words.
const ANSWERS: [(&str, &str, Tr); 2] = [("1", "yes", strings::YES), ("0", "no", strings::NO)];

impl Asks for YesNo {
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        match text {
            "1" => Ok(Value::Flag(true)),
            "0" => Ok(Value::Flag(false)),
            _ => Err(strings::ERR_NOT_A_CHOICE),
        }
    }

    fn input(&self, p: &FieldProps, _: &crate::live::Redraw) -> Html {
        let q = p.q.0;
        let (legend, hint) = p.words();
        // The group this answer reveals, if any: answering so starts its first item.
        let opens = |value: &str| {
            q.reveals
                .as_ref()
                .filter(|r| r.when == value)
                .and_then(|r| {
                    r.questions
                        .iter()
                        .find(|c| matches!(c.kind, Kind::Group(_)))
                })
                .map(|group| group.key.as_str())
        };
        let options = ANSWERS
            .iter()
            .map(|(kept, suffix, words)| {
                let (dispatch, at, kept) = (p.dispatch.clone(), p.at, *kept);
                let group = opens(kept);
                let choose = Callback::from(move |_: Event| {
                    dispatch.dispatch(Action::Set(at, kept.to_owned()));
                    if let Some(group) = group {
                        dispatch.dispatch(Action::Open(group));
                    }
                });
                (
                    *suffix,
                    words.get(p.lang).to_owned(),
                    kept == p.value.as_str(),
                    choose,
                )
            })
            .collect();
        radios(
            &Described::new(&p.id, &legend, hint.as_deref(), p.error.as_deref(), p.lang),
            options,
            true,
        )
    }

    fn said(&self, value: &str, lang: Lang) -> String {
        ANSWERS
            .iter()
            .find(|(kept, ..)| *kept == value)
            .map_or_else(
                || super::typed(lang, value),
                |(.., words)| words.get(lang).to_owned(),
            )
    }

    fn first_field(&self, id: String) -> String {
        format!("{id}-yes")
    }

    fn choices(&self) -> Vec<&Choice<'_>> {
        Vec::new()
    }
}
