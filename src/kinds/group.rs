//! A repeated group (loans): the same questions again for each item the person adds, each
//! item its own component named by its id, so adding or removing one leaves the others'
//! fields in place. Its items are kept as `loan.principal=…` pairs, one run per item.

use super::{record, AnswerRow, Asks, Exported, Keys, Reader, View};
use crate::form::{get, FieldError, Form, MAX_ITEMS};
use crate::part::{Draw, ItemProps, Part, QRef, Shows};
use crate::questions::{item_field, Group, Need, Question};
use crate::state::{Action, At};
use crate::strings::fill;
use ipsc_engine::{Answers, Lang};
use yew::prelude::*;

impl Asks for Group<'_> {
    fn read(&self, q: &Question<'_>, r: &mut Reader<'_>) {
        let items = r.form.items(&q.key);
        for (i, item) in items.iter().enumerate() {
            r.within = Some((self.words.heading, i + 1));
            let opened = (self.record.open)(&mut r.reading.answers);
            let mut complete = true;
            for child in &self.questions {
                let field = || item_field(&q.key, i, &child.key);
                match r.typed(child, get(&item.values, &child.key), &field) {
                    Some(value) => r.put(&child.answer, value),
                    None => complete &= !matches!(child.need, Need::Required(_)),
                }
            }
            if opened {
                (self.record.close)(&mut r.reading.answers, complete);
            }
        }
        r.within = None;
        if items.is_empty() {
            // At the question that asked for items: there is no item to point at.
            let field = r.revealed_by.unwrap_or(q).first_field();
            r.error(field, q.step, self.words.none.into(), false);
        }
    }

    fn show(&self, q: &'static Question<'static>, v: &View<'_>) -> Html {
        let Some(group) = group_of(q) else {
            return Html::default();
        };
        let key = q.key.as_str();
        let items = v.form.items(key);
        let first = group.questions.first().map_or("", |c| c.key.as_str());
        let add = {
            let (dispatch, words) = (v.dispatch.clone(), group.words);
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Add(key, first, words)))
        };
        let loans = items.iter().enumerate().map(|(index, item)| {
            let prefix = format!("ipsc-{key}-{index}-");
            let errors: Vec<FieldError> = v
                .errors
                .iter()
                .filter(|e| e.field.starts_with(&prefix))
                .cloned()
                .collect();
            html! {
                <Part key={item.id} draw={Draw(draw)} shows={Shows::Item(ItemProps {
                    q: QRef(q), index, item: item.clone(), errors, lang: v.lang,
                    pack: v.pack, dispatch: v.dispatch.clone(), live: v.live.clone(),
                })} />
            }
        });
        // Up to the most a link may carry, so every form the page makes can be shared. One
        // list of keyed children (the button too), so an item added or removed moves no
        // other item's fields.
        let add = (items.len() < MAX_ITEMS).then(|| {
            html! {
                <button key="add" type="button" id={format!("ipsc-{key}-add")} class="ipsc-button ipsc-button--secondary" onclick={add}>
                    { group.words.add.get(v.lang) }
                </button>
            }
        });
        html! { <>{ for loans.chain(add) }</> }
    }

    fn rows(&self, q: &Question<'_>, form: &Form, lang: Lang, rows: &mut Vec<AnswerRow>) {
        for (i, item) in form.items(&q.key).iter().enumerate() {
            let answers: Vec<(&str, String)> = self
                .questions
                .iter()
                .map(|c| {
                    (
                        c.key.as_str(),
                        super::typed(lang, get(&item.values, &c.key)),
                    )
                })
                .collect();
            let mut line = fill(
                self.words.summary.get(lang),
                &answers
                    .iter()
                    .map(|(k, v)| (*k, v.as_str()))
                    .collect::<Vec<_>>(),
            );
            // Optional answers are added only when given.
            for c in self
                .questions
                .iter()
                .filter(|c| !matches!(c.need, Need::Required(_)))
            {
                let given = get(&item.values, &c.key).trim();
                if !given.is_empty() {
                    line.push_str(&fill(
                        self.words.summary_more.get(lang),
                        &[(c.key.as_str(), &c.kind.asks().short(given))],
                    ));
                }
            }
            rows.push(AnswerRow {
                question: fill(self.words.heading.get(lang), &[("n", &(i + 1).to_string())]),
                answer: line,
                step: q.step,
                field: self
                    .questions
                    .first()
                    .map_or_else(String::new, |c| item_field(&q.key, i, &c.key)),
            });
        }
    }

    fn keys(&self, q: &Question<'_>, keys: &mut Keys) {
        keys.groups.push((
            q.key.clone(),
            self.questions.iter().map(|c| c.key.clone()).collect(),
        ));
    }

    fn exported(&self, _: &Question<'_>, a: &Answers, out: &mut Vec<Exported>) {
        let len = (self.record.len)(a);
        if len > 0 {
            out.push(Exported::Records {
                path: self.record.path,
                list: self.record.list,
                records: (0..len).map(|n| record(&self.questions, a, n)).collect(),
            });
        }
    }
}

/// The group a question is (its kind's data), for the item component.
fn group_of(q: &'static Question<'static>) -> Option<&'static Group<'static>> {
    match &q.kind {
        crate::questions::Kind::Group(group) => Some(group),
        _ => None,
    }
}

/// One item (a loan): its questions in a fieldset, with a button that removes it.
fn draw(shows: &Shows, _: &crate::live::Redraw) -> Html {
    let Shows::Item(p) = shows else {
        return Html::default();
    };
    let q = p.q.0;
    let Some(group) = group_of(q) else {
        return Html::default();
    };
    let key = q.key.as_str();
    let n = (p.index + 1).to_string();
    crate::probe::rendered(&format!("ipsc-{key}-{}", p.item.id));
    let view = View {
        form: &Form::default(),
        errors: &p.errors,
        lang: p.lang,
        pack: p.pack,
        dispatch: &p.dispatch,
        live: &p.live,
    };
    let first = group.questions.first().map_or("", |c| c.key.as_str());
    let remove = {
        let (dispatch, id, words) = (p.dispatch.clone(), p.item.id, group.words);
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Remove(key, id, first, words))
        })
    };
    html! {
        <fieldset class="ipsc-fieldset ipsc-loan">
            <legend class="ipsc-legend">{ fill(group.words.heading.get(p.lang), &[("n", &n)]) }</legend>
            { for group.questions.iter().map(|child| {
                let at = At::Item(key, p.item.id, child.key.as_str());
                view.field(child, item_field(key, p.index, &child.key), at, get(&p.item.values, &child.key))
            }) }
            <button type="button" class="ipsc-button ipsc-button--secondary" onclick={remove}>
                { fill(group.words.remove.get(p.lang), &[("n", &n)]) }
            </button>
        </fieldset>
    }
}
