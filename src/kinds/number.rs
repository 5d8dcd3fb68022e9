//! A count or a rate as people type it (`1,000`, `3.1%`), within the question's limits:
//! kept as typed.

use super::{Asks, FieldProps};
use crate::fields::TextInput;
use crate::questions::{Limits, Number, Value};
use crate::strings::Tr;
use ipsc_engine::number::{parse, NumberError, Quantity};
use rust_decimal::Decimal;
use yew::prelude::*;

/// A number read as `quantity`, within `limits`: the value, or the words that refuse it.
fn read_number(text: &str, quantity: Quantity, limits: Option<&Limits>) -> Result<Decimal, Tr> {
    within(parse(text, quantity), limits)
}

/// A number as the reader read it, within `limits`: the value, or the words that refuse it.
pub(super) fn within(
    read: Result<Decimal, NumberError>,
    limits: Option<&Limits>,
) -> Result<Decimal, Tr> {
    match (read, limits) {
        (Ok(n), Some(l)) if n < l.low || n > l.high => Err(l.error),
        (Ok(n), _) => Ok(n),
        (Err(_), Some(l)) if l.for_any_error => Err(l.error),
        (Err(e), _) => Err(super::number_error(e)),
    }
}

impl Asks for Number {
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        let n = read_number(text, self.quantity, self.limits)?;
        match self.quantity {
            Quantity::Count => i64::try_from(n)
                .map(Value::Whole)
                .map_err(|_| crate::strings::ERR_TOO_LARGE),
            _ => Ok(Value::Decimal(n)),
        }
    }

    fn input(&self, p: &FieldProps, redraw: &crate::live::Redraw) -> Html {
        p.text(
            &TextInput {
                value: &p.now(),
                kind: "text",
                mode: Some(if self.quantity == Quantity::Count {
                    "numeric"
                } else {
                    "decimal"
                }),
                width: "count",
                understood: None,
            },
            redraw,
        )
    }

    fn short(&self, text: &str) -> String {
        match self.quantity {
            Quantity::Percent => format!("{}%", text.trim_end_matches(['%', ' '])),
            _ => text.to_owned(),
        }
    }
}
