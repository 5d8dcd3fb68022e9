//! Form fields in the GOV.UK pattern: label, hint, the error in words beside the field,
//! the user's text kept as typed, and for money the value as understood.

use crate::form::{FieldError, Form};
use crate::state::{Action, Ctx, State};
use crate::strings::{self, fill};
use ipsc_engine::explain::money;
use ipsc_engine::number::{parse, Quantity};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Sets a text field of the form.
pub type Setter = Rc<dyn Fn(&mut Form, String)>;

/// Options of a select, in groups: (group label, (value, label) pairs).
pub type OptionGroups = Vec<(Option<String>, Vec<(String, String)>)>;

/// The ids that describe a field: its hint and its error, where shown.
fn described_by(hint_id: &str, has_hint: bool, error_of: &str, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [
        has_hint.then(|| hint_id.to_owned()),
        has_error.then(|| format!("{error_of}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Puts what a field now holds into the form, through the reducer.
fn set_text(dispatch: &UseReducerDispatcher<State>, set: &Setter, text: String) {
    let set = set.clone();
    dispatch.dispatch(Action::Edit(Rc::new(move |f: &mut Form| {
        set(f, text.clone())
    })));
}

impl Ctx {
    /// The error shown for a field, if errors are shown and it has one.
    pub fn error_for(&self, field: &str) -> Option<&FieldError> {
        self.visible_errors.iter().find(|e| e.field == field)
    }

    /// A callback that edits the form.
    pub fn edit<E>(&self, f: impl Fn(&mut Form) + 'static) -> Callback<E> {
        let dispatch = self.dispatch.clone();
        let f: Rc<dyn Fn(&mut Form)> = Rc::new(f);
        Callback::from(move |_| dispatch.dispatch(Action::Edit(f.clone())))
    }

    fn error_line(&self, id: &str, error: Option<&FieldError>) -> Html {
        match error {
            Some(e) => html! {
                <p class="ipsc-error-message" id={format!("{id}-error")}>
                    <span class="ipsc-visually-hidden">{ strings::ERROR_PREFIX.get(self.lang) }</span>{ e.message.get(self.lang) }
                </p>
            },
            None => html! {},
        }
    }

    /// A text input. `quantity` adds the value as understood under money and rate fields;
    /// `class` is the input's whole class (`ipsc-input ipsc-input--money`).
    #[allow(clippy::too_many_arguments)] // Reason: one call per field reads best with everything in view.
    pub fn text(
        &self,
        id: &str,
        label: &str,
        hint: Option<&str>,
        value: &str,
        input_type: &'static str,
        quantity: Option<Quantity>,
        class: &'static str,
        set: Setter,
    ) -> Html {
        let error = self.error_for(id);
        let hint_id = format!("{id}-hint");
        let described = described_by(&hint_id, hint.is_some(), id, error.is_some());
        let understood = match quantity {
            Some(Quantity::Yuan) if !value.trim().is_empty() => {
                parse(value, Quantity::Yuan).ok().map(|v| {
                    fill(
                        strings::UNDERSTOOD_AS.get(self.lang),
                        &[("value", &money(self.pack.0, v, self.lang))],
                    )
                })
            }
            _ => None,
        };
        let dispatch = self.dispatch.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            set_text(
                &dispatch,
                &set,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            )
        });
        let mode = match quantity {
            Some(Quantity::Count) => "numeric",
            Some(_) => "decimal",
            None => "text",
        };
        html! {
            <div class={if error.is_some() { "ipsc-field ipsc-field--error" } else { "ipsc-field" }}>
                <label class="ipsc-label" for={id.to_owned()}>{ label }</label>
                if let Some(hint) = hint { <p class="ipsc-hint" id={hint_id}>{ hint }</p> }
                { self.error_line(id, error) }
                <input {class} id={id.to_owned()} name={id.to_owned()} type={input_type}
                    inputmode={if input_type == "text" { Some(mode) } else { None }} autocomplete="off" spellcheck="false"
                    value={value.to_owned()} {oninput}
                    aria-describedby={described}
                    aria-invalid={error.map(|_| "true")} />
                if let Some(understood) = understood { <p class="ipsc-understood" aria-live="polite">{ understood }</p> }
            </div>
        }
    }

    /// A group of radios. `options` are (id suffix, label, checked, what choosing it does).
    pub fn radios(
        &self,
        base: &str,
        legend: &str,
        hint: Option<&str>,
        options: Vec<(String, String, bool, Callback<Event>)>,
        inline: bool,
    ) -> Html {
        let first = options
            .first()
            .map(|o| format!("{base}-{}", o.0))
            .unwrap_or_default();
        let error = self.error_for(&first);
        let hint_id = format!("{base}-hint");
        let described = described_by(&hint_id, hint.is_some(), &first, error.is_some());
        html! {
            <div class={if error.is_some() { "ipsc-field ipsc-field--error" } else { "ipsc-field" }}>
                <fieldset class="ipsc-fieldset" aria-describedby={described}>
                    <legend class="ipsc-legend">{ legend }</legend>
                    if let Some(hint) = hint { <p class="ipsc-hint" id={hint_id}>{ hint }</p> }
                    { self.error_line(&first, error) }
                    <div class={if inline { "ipsc-radios ipsc-radios--inline" } else { "ipsc-radios" }}>
                        { for options.into_iter().map(|(suffix, label, checked, onchange)| {
                            let id = format!("{base}-{suffix}");
                            html! {
                                <div class="ipsc-choice">
                                    <input class="ipsc-choice__input" type="radio" id={id.clone()} name={base.to_owned()} value={suffix} {checked} {onchange} />
                                    <label class="ipsc-choice__label" for={id}>{ label }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
            </div>
        }
    }

    /// A select. `groups` are (group label, options of (id, label)); an empty choice leads.
    pub fn select(
        &self,
        id: &str,
        label: &str,
        value: &str,
        groups: OptionGroups,
        set: Setter,
    ) -> Html {
        let dispatch = self.dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            set_text(
                &dispatch,
                &set,
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            )
        });
        let option = |(value_id, text): (String, String)| {
            let selected = value_id == value;
            html! { <option value={value_id} {selected}>{ text }</option> }
        };
        html! {
            <div class="ipsc-field">
                <label class="ipsc-label" for={id.to_owned()}>{ label }</label>
                <select class="ipsc-select" id={id.to_owned()} name={id.to_owned()} {onchange}>
                    <option value="" selected={value.is_empty()}>{ strings::CHOOSE.get(self.lang) }</option>
                    { for groups.into_iter().map(|(group, options)| match group {
                        Some(group) => html! { <optgroup label={group}>{ for options.into_iter().map(option) }</optgroup> },
                        None => html! { { for options.into_iter().map(option) } },
                    }) }
                </select>
            </div>
        }
    }
}
