//! Any of several, or none, as checkboxes: kept as the choices ticked, in the order
//! ticked, each its own pair in a link.

use super::{Asks, Keys, Reader, View};
use crate::form::Form;
use crate::part::{CheckboxesProps, Draw, Part, QRef, Shows};
use crate::questions::{AnyOf, Choice, Question, Value};
use crate::state::Action;
use crate::strings;
use ipsc_engine::Lang;
use yew::prelude::*;

impl Asks for AnyOf<'_> {
    fn read(&self, q: &Question<'_>, r: &mut Reader<'_>) {
        let ticked = r.form.ticked(&q.key);
        let ids = self
            .0
            .iter()
            .filter(|c| ticked.contains(&c.value))
            .map(|c| c.value.clone())
            .collect();
        r.put(&q.answer, Value::Ids(ids));
    }

    fn show(&self, q: &'static Question<'static>, v: &View<'_>) -> Html {
        html! {
            <Part key={q.key.as_str()} draw={Draw(draw)} shows={Shows::Checkboxes(CheckboxesProps {
                q: QRef(q), ticked: v.form.ticked(&q.key).to_vec(), lang: v.lang,
                dispatch: v.dispatch.clone(),
            })} />
        }
    }

    fn rows(&self, q: &Question<'_>, form: &Form, lang: Lang, rows: &mut Vec<super::AnswerRow>) {
        let ticked = form.ticked(&q.key);
        let said: Vec<String> = self
            .0
            .iter()
            .filter(|c| ticked.contains(&c.value))
            .map(|c| c.label.get(lang))
            .collect();
        rows.push(super::AnswerRow {
            question: q.label.get(lang),
            answer: if said.is_empty() {
                strings::NONE_CHOSEN.get(lang).to_owned()
            } else {
                said.join(if lang == Lang::Zh { "；" } else { "; " })
            },
            step: q.step,
            field: q.first_field(),
        });
    }

    fn keys(&self, q: &Question<'_>, keys: &mut Keys) {
        keys.ticks.push((
            q.key.clone(),
            self.0.iter().map(|c| c.value.clone()).collect(),
        ));
    }

    fn first_field(&self, id: String) -> String {
        super::first_choice(&self.0, id)
    }

    fn choices(&self) -> Vec<&Choice<'_>> {
        self.0.iter().collect()
    }
}

/// Checkboxes: any of these, or none.
fn draw(shows: &Shows, _: &crate::live::Redraw) -> Html {
    let Shows::Checkboxes(p) = shows else {
        return Html::default();
    };
    let q = p.q.0;
    let lang = p.lang;
    let base = q.id();
    crate::probe::rendered(&base);
    let hint_id = format!("{base}-hint");
    let choices = q.choices();
    html! {
        <div class="ipsc-field">
            <fieldset class="ipsc-fieldset" aria-describedby={hint_id.clone()}>
                <legend class="ipsc-legend">{ q.label(lang) }</legend>
                if let Some(hint) = &q.hint { <p class="ipsc-hint" id={hint_id}>{ hint.get(lang) }</p> }
                <div class="ipsc-checkboxes">
                    { for choices.into_iter().map(|c| {
                        let id = format!("{base}-{}", c.suffix);
                        let (dispatch, key, value) = (p.dispatch.clone(), q.key.as_str(), c.value.as_str());
                        let onchange = Callback::from(move |_: Event| dispatch.dispatch(Action::Tick(key, value)));
                        html! {
                            <div class="ipsc-choice">
                                <input class="ipsc-choice__input" type="checkbox" id={id.clone()} name={base.clone()} value={c.value.clone()} checked={p.ticked.contains(&c.value)} {onchange} />
                                <label class="ipsc-choice__label" for={id}>{ c.label.get(lang) }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}
