//! An amount of money in yuan as people type it (`500万`, `5,000,000`): kept as typed,
//! and shown back under the field as understood, so `500万` is seen to mean ¥5,000,000.00.

use super::number::within;
use super::{Asks, FieldProps};
use crate::fields::TextInput;
use crate::questions::{Money, Value};
use crate::strings::{self, fill, Tr};
use ipsc_engine::explain::money;
use ipsc_engine::number::{parse, Quantity};
use rust_decimal::Decimal;
use yew::prelude::*;

impl Asks for Money {
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        self.read_text(text).0
    }

    fn read_text(&self, text: &str) -> (Result<Value, Tr>, Option<Decimal>) {
        let read = parse(text, Quantity::Yuan);
        let understood = read.as_ref().ok().copied();
        (within(read, self.limits).map(Value::Decimal), understood)
    }

    fn input(&self, p: &FieldProps, redraw: &crate::live::Redraw) -> Html {
        let understood = p.live.0.understood(&p.id).map(|amount| {
            fill(
                strings::UNDERSTOOD_AS.get(p.lang),
                &[("value", &money(p.pack.0, amount, p.lang))],
            )
        });
        p.text(
            &TextInput {
                value: &p.now(),
                kind: "text",
                mode: Some("decimal"),
                width: "money",
                understood,
            },
            redraw,
        )
    }
}
