//! A date, `YYYY-MM-DD` (the browser's date input), within the engine's years: kept as
//! the input gives it.

use super::{Asks, FieldProps};
use crate::fields::TextInput;
use crate::questions::{DateField, Value};
use crate::strings::{self, Tr};
use ipsc_engine::assess::YEARS;
use ipsc_engine::Date;
use yew::prelude::*;

impl Asks for DateField {
    fn parse(&self, text: &str) -> Result<Value, Tr> {
        match Date::parse(text) {
            Ok(date) if YEARS.contains(&date.year()) => Ok(Value::Date(date)),
            _ => Err(strings::ERR_DATE),
        }
    }

    fn input(&self, p: &FieldProps, redraw: &crate::live::Redraw) -> Html {
        p.text(
            &TextInput {
                value: &p.now(),
                kind: "date",
                mode: None,
                width: "date",
                understood: None,
            },
            redraw,
        )
    }
}
