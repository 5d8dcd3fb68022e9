//! Questions folded away until opened (a newer LPR), opened while any is answered;
//! answered together or not at all, and checked as a whole (newer than the pack's table).
//! Their answers are kept with the form's own.

use super::{record, Asks, Exported, Keys, Reader, View};
use crate::form::Form;
use crate::questions::{Fold, Question};
use ipsc_engine::{Answers, Lang};
use yew::prelude::*;

impl Asks for Fold<'_> {
    fn read(&self, q: &Question<'_>, r: &mut Reader<'_>) {
        let opened = (self.record.open)(&mut r.reading.answers);
        let mut answered = 0;
        for child in &self.questions {
            if let Some(value) = r.typed(child, r.form.get(&child.key), &|| child.first_field()) {
                answered += 1;
                r.put(&child.answer, value);
            }
        }
        let mut complete = answered == self.questions.len();
        let first = self.questions.first().map(Question::first_field);
        if complete {
            if let (Some(words), Some(first)) = (
                self.check
                    .and_then(|check| check(r.pack, &r.reading.answers)),
                first,
            ) {
                r.error(first, q.step, words.into(), true);
                complete = false;
            }
        } else if answered > 0 {
            // One given and another left empty (a wrong one has its own error).
            for child in &self.questions {
                if r.form.get(&child.key).trim().is_empty() {
                    r.error(
                        child.first_field(),
                        child.step,
                        self.incomplete.into(),
                        true,
                    );
                }
            }
        }
        if opened {
            (self.record.close)(&mut r.reading.answers, complete);
        }
    }

    fn show(&self, q: &'static Question<'static>, v: &View<'_>) -> Html {
        let Some(fold) = fold_of(q) else {
            return Html::default();
        };
        let lang = v.lang;
        let open = fold
            .questions
            .iter()
            .any(|c| !v.form.get(&c.key).is_empty());
        html! {
            <details key={q.key.as_str()} class="ipsc-details" {open}>
                <summary key="summary" class="ipsc-details__summary">{ fold.summary.get(lang) }</summary>
                <p key="hint" class="ipsc-hint">{ fold.hint.get(lang) }</p>
                { for fold.questions.iter().map(|c| html! { <key={c.key.as_str()}>{ v.question(c) }</> }) }
            </details>
        }
    }

    fn rows(&self, _: &Question<'_>, form: &Form, lang: Lang, rows: &mut Vec<super::AnswerRow>) {
        if self.questions.iter().any(|c| !form.get(&c.key).is_empty()) {
            for c in &self.questions {
                super::rows_of(lang, form, c, rows);
            }
        }
    }

    fn keys(&self, _: &Question<'_>, _: &mut Keys) {}

    fn exported(&self, _: &Question<'_>, a: &Answers, out: &mut Vec<Exported>) {
        if (self.record.len)(a) > 0 {
            out.push(Exported::Records {
                path: self.record.path,
                list: self.record.list,
                records: vec![record(&self.questions, a, 0)],
            });
        }
    }

    fn held(&self) -> &[Question<'_>] {
        &self.questions
    }
}

/// The fold a question is (its kind's data).
fn fold_of(q: &'static Question<'static>) -> Option<&'static Fold<'static>> {
    match &q.kind {
        crate::questions::Kind::Fold(fold) => Some(fold),
        _ => None,
    }
}
