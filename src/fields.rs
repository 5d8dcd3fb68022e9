//! Form fields in the GOV.UK pattern: label, hint, the error in words beside the field,
//! the user's text kept as typed, and for money the value as understood. Markup only:
//! each kind of question (`kinds`) says what goes in and what a change does.
//!
//! A state that styles an element (an error, an inline group, a field's width) is a `data-`
//! attribute beside a fixed class, never a class chosen at run time: yew builds a `class`
//! that is not a literal into its `Classes` set (an `IndexSet` with its hashing), and that
//! machinery alone was about 1.5 KB gzip of the first load (`./x size`).

use crate::strings;
use ipsc_engine::Lang;
use yew::prelude::*;

/// What every field shows around its input: its id (or its inputs' start), its label or
/// legend, its hint, and its error in the language shown.
pub struct Described<'a> {
    id: &'a str,
    label: &'a str,
    hint: Option<&'a str>,
    error: Option<&'a str>,
    lang: Lang,
}

impl<'a> Described<'a> {
    /// A field's words.
    pub fn new(
        id: &'a str,
        label: &'a str,
        hint: Option<&'a str>,
        error: Option<&'a str>,
        lang: Lang,
    ) -> Self {
        Described {
            id,
            label,
            hint,
            error,
            lang,
        }
    }

    /// The ids that describe the field: its hint and its error (at `error_of`), where shown.
    fn described_by(&self, error_of: &str) -> Option<String> {
        let ids: Vec<String> = [
            self.hint.map(|_| format!("{}-hint", self.id)),
            self.error.map(|_| format!("{error_of}-error")),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn hint_line(&self) -> Html {
        match self.hint {
            Some(hint) => {
                html! { <p class="ipsc-hint" id={format!("{}-hint", self.id)}>{ hint }</p> }
            }
            None => Html::default(),
        }
    }

    fn error_line(&self, id: &str) -> Html {
        match self.error {
            Some(message) => html! {
                <p class="ipsc-error-message" id={format!("{id}-error")}>
                    <span class="ipsc-visually-hidden">{ strings::ERROR_PREFIX.get(self.lang) }</span>{ message }
                </p>
            },
            None => Html::default(),
        }
    }

    /// `data-invalid` on the field's wrapper while it shows an error (the red rule beside it).
    fn invalid(&self) -> Option<&'static str> {
        self.error.map(|_| "true")
    }
}

/// A text input's own settings.
pub struct TextInput<'a> {
    /// What is kept, as typed.
    pub value: &'a str,
    /// The input's type (`text`, `date`).
    pub kind: &'static str,
    /// The keyboard a phone shows (`numeric`, `decimal`).
    pub mode: Option<&'static str>,
    /// The input's width (`data-width`: `count`, `money` or `date`; see the module's note).
    pub width: &'static str,
    /// The value as understood, said under the field.
    pub understood: Option<String>,
}

/// A text input.
pub fn text_input(d: &Described<'_>, input: &TextInput<'_>, oninput: Callback<InputEvent>) -> Html {
    let id = d.id.to_owned();
    html! {
        <div class="ipsc-field" data-invalid={d.invalid()}>
            <label class="ipsc-label" for={id.clone()}>{ d.label }</label>
            { d.hint_line() }
            { d.error_line(&id) }
            <input class="ipsc-input" data-width={input.width} id={id.clone()} name={id.clone()} type={input.kind}
                inputmode={input.mode} autocomplete="off" spellcheck="false"
                value={input.value.to_owned()} {oninput}
                aria-describedby={d.described_by(&id)}
                aria-invalid={d.error.map(|_| "true")} />
            if let Some(understood) = &input.understood { <p class="ipsc-understood" aria-live="polite">{ understood }</p> }
        </div>
    }
}

/// A group of radios. `options` are (id suffix, label, checked, what choosing it does).
pub fn radios(
    d: &Described<'_>,
    options: Vec<(&str, String, bool, Callback<Event>)>,
    inline: bool,
) -> Html {
    let base = d.id;
    let first = options
        .first()
        .map(|o| format!("{base}-{}", o.0))
        .unwrap_or_default();
    html! {
        <div class="ipsc-field" data-invalid={d.invalid()}>
            <fieldset class="ipsc-fieldset" aria-describedby={d.described_by(&first)}>
                <legend class="ipsc-legend">{ d.label }</legend>
                { d.hint_line() }
                { d.error_line(&first) }
                <div class="ipsc-radios" data-inline={inline.then_some("true")}>
                    { for options.into_iter().map(|(suffix, label, checked, onchange)| {
                        let id = format!("{base}-{suffix}");
                        html! {
                            <div class="ipsc-choice">
                                <input class="ipsc-choice__input" type="radio" id={id.clone()} name={base.to_owned()} value={suffix.to_owned()} {checked} {onchange} />
                                <label class="ipsc-choice__label" for={id}>{ label }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

/// Options of a select, in groups: (group label, (value, label) pairs).
pub type OptionGroups = Vec<(Option<String>, Vec<(String, String)>)>;

/// A select; an empty choice leads.
pub fn select(
    d: &Described<'_>,
    value: &str,
    groups: OptionGroups,
    onchange: Callback<Event>,
) -> Html {
    let id = d.id.to_owned();
    let option = |(value_id, text): (String, String)| {
        let selected = value_id == value;
        html! { <option value={value_id} {selected}>{ text }</option> }
    };
    html! {
        <div class="ipsc-field" data-invalid={d.invalid()}>
            <label class="ipsc-label" for={id.clone()}>{ d.label }</label>
            { d.error_line(&id) }
            <select class="ipsc-select" id={id.clone()} name={id.clone()} {onchange}
                aria-describedby={d.described_by(&id)} aria-invalid={d.error.map(|_| "true")}>
                <option value="" selected={value.is_empty()}>{ strings::CHOOSE.get(d.lang) }</option>
                { for groups.into_iter().map(|(group, options)| match group {
                    Some(group) => html! { <optgroup label={group}>{ for options.into_iter().map(option) }</optgroup> },
                    None => html! { { for options.into_iter().map(option) } },
                }) }
            </select>
        </div>
    }
}
