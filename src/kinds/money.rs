//! An amount of money in yuan as people type it (`500万`, `5,000,000`): kept as typed,
//! and shown back under the field as understood, so `500万` is seen to mean ¥5,000,000.00.

use super::number::read_number;
use super::{Asks, FieldProps};
use crate::fields::{text_input, Described, TextInput};
use crate::questions::{Money, Value};
use crate::strings::{self, fill, Tr};
use ipsc_engine::explain::money;
use ipsc_engine::number::{parse, Quantity};
use rust_decimal::Decimal;
use yew::prelude::*;

impl Asks for Money {
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        read_number(text, Quantity::Yuan, self.limits).map(Value::Decimal)
    }

    fn understood(&self, text: &str) -> Option<Decimal> {
        parse(text, Quantity::Yuan).ok()
    }

    fn input(&self, p: &FieldProps) -> Html {
        let (label, hint) = p.words();
        let understood = p.understood.map(|amount| {
            fill(
                strings::UNDERSTOOD_AS.get(p.lang),
                &[("value", &money(p.pack.0, amount, p.lang))],
            )
        });
        text_input(
            &Described::new(&p.id, &label, hint.as_deref(), p.error.as_deref(), p.lang),
            &TextInput {
                value: &p.value,
                kind: "text",
                mode: Some("decimal"),
                class: "ipsc-input ipsc-input--money",
                understood,
            },
            p.set(super::typed_text),
        )
    }
}
