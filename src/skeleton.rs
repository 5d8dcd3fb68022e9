//! The walking skeleton: the product's name, one question (the pack's first count
//! question) and the amount the engine computes for it. The default page until the full
//! journey (feature `journey`) fits the first-load budget.

use crate::app::last_full_year;
use crate::form::number_error;
use crate::state::PackRef;
use crate::strings;
use ipsc_engine::number::parse_count;
use ipsc_engine::pack::Rule;
use ipsc_engine::{assess, explain, Answers, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The skeleton's properties.
#[derive(Properties, PartialEq)]
pub struct SkeletonProps {
    /// The policy pack.
    pub pack: PackRef,
}

/// One question and its amount.
#[function_component]
pub fn Skeleton(props: &SkeletonProps) -> Html {
    let PackRef(pack) = props.pack;
    let lang_state = use_state(Lang::default);
    let lang = *lang_state;
    let text = use_state(String::new);
    let Some(question) = pack.counts.first() else {
        return html! { <p class="ipsc-error-message">{ strings::ERR_PACK.get(lang) }</p> };
    };
    let field_id = format!("ipsc-count-{}", question.id);
    let hint_id = format!("{field_id}-hint");
    let error_id = format!("{field_id}-error");
    let parsed = if text.trim().is_empty() {
        None
    } else {
        Some(parse_count(&text))
    };
    let error = match parsed {
        Some(Err(e)) => Some(number_error(e).get(lang)),
        _ => None,
    };
    let estimate = match parsed {
        Some(Ok(count)) => {
            let mut answers = Answers {
                version: ipsc_engine::ANSWERS_VERSION,
                registered_locally: Some(true),
                ..Answers::default()
            };
            answers.counts.insert(question.id.clone(), count);
            Some(assess(pack, &answers, last_full_year()))
        }
        _ => None,
    };
    let measure = pack
        .measures
        .iter()
        .find(|m| matches!(&m.rule, Rule::PerItem { count, .. } if count == &question.id));
    let clause = measure.and_then(|m| pack.clause(&m.clause));
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let switch = Callback::from(move |_| lang_state.set(other));
    let described_by = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let result = match (&estimate, measure) {
        (Some(Ok(assessment)), Some(measure)) => assessment.lines.iter().find(|l| l.measure == measure.id).map(|line| {
            html! {
                <>
                    <p class="ipsc-amount" data-testid="amount">{ explain::money(pack, line.amount, lang) }</p>
                    { for explain::formula(pack, line, lang).into_iter().map(|step| html! { <p class="ipsc-formula" data-testid="formula">{ step }</p> }) }
                </>
            }
        }),
        (Some(Err(_)), _) => Some(html! { <p class="ipsc-error-message">{ strings::ERR_ENGINE.get(lang) }</p> }),
        _ => None,
    };
    html! {
        <div class="ipsc" lang={lang.tag()}>
            <header class="ipsc-header">
                <h1 class="ipsc-title">
                    <span lang="zh-CN">{ strings::PRODUCT.zh }</span>
                    <span class="ipsc-title-en" lang="en">{ strings::PRODUCT.en }</span>
                </h1>
                <p class="ipsc-tagline">{ strings::TAGLINE.get(lang) }</p>
                <button type="button" class="ipsc-button ipsc-button--secondary" lang={other.tag()} aria-label={strings::SWITCH_LANGUAGE_LABEL.get(lang)} onclick={switch}>
                    { strings::SWITCH_LANGUAGE.get(lang) }
                </button>
            </header>
            <main class="ipsc-main">
                if let Some(message) = error {
                    <div class="ipsc-error-summary" aria-labelledby="ipsc-error-summary-title">
                        <h2 class="ipsc-error-summary__title" id="ipsc-error-summary-title">{ strings::THERE_IS_A_PROBLEM.get(lang) }</h2>
                        <ul class="ipsc-error-summary__list"><li><a href={format!("#{field_id}")}>{ message }</a></li></ul>
                    </div>
                }
                <div class={classes!("ipsc-field", error.is_some().then_some("ipsc-field--error"))}>
                    <label class="ipsc-label" for={field_id.clone()}>{ question.label.get(lang) }</label>
                    <p class="ipsc-hint" id={hint_id}>{ question.hint.get(lang) }</p>
                    if let Some(message) = error {
                        <p class="ipsc-error-message" id={error_id}>{ message }</p>
                    }
                    <input class="ipsc-input ipsc-input--count" id={field_id} name={question.id.clone()} type="text" inputmode="numeric"
                        autocomplete="off" spellcheck="false" value={(*text).clone()} oninput={oninput}
                        aria-describedby={described_by} aria-invalid={error.is_some().to_string()} />
                </div>
                <p class="ipsc-assumption">{ strings::ASSUMES_LOCAL.get(lang) }</p>
                <section class="ipsc-estimate" aria-labelledby="ipsc-estimate-title">
                    <h2 class="ipsc-estimate__title" id="ipsc-estimate-title">{ strings::ESTIMATE.get(lang) }</h2>
                    <div class="ipsc-live" aria-live="polite" aria-atomic="true">{ for result }</div>
                    if let (Some(measure), Some(clause)) = (measure, clause) {
                        <p class="ipsc-basis">{ strings::labelled(lang, strings::BASIS.get(lang), &format!("{} {} · {}", pack.meta.doc_number, clause.id, measure.label.get(lang))) }</p>
                        <details class="ipsc-clause">
                            <summary class="ipsc-clause__summary">{ strings::fill(strings::SHOW_CLAUSE.get(lang), &[("clause", &clause.id)]) }</summary>
                            <blockquote class="ipsc-clause__text" lang="zh-CN">{ &clause.text.zh }</blockquote>
                            if lang == Lang::En {
                                <blockquote class="ipsc-clause__text" lang="en">{ &clause.text.en }</blockquote>
                                <p class="ipsc-hint">{ pack.meta.translation_note.en.as_str() }</p>
                            }
                        </details>
                    }
                </section>
            </main>
            <footer class="ipsc-footer">
                <p class="ipsc-disclaimer">{ pack.meta.disclaimer.get(lang) }</p>
                <p>{ format!("{} · {} {} · {} {}", strings::fill(strings::POLICY_LINE.get(lang), &[("doc", &pack.meta.doc_number), ("title", pack.meta.title.get(lang))]), strings::ISSUED.get(lang), pack.meta.issue_date, strings::REVIEWED.get(lang), pack.meta.reviewed) }</p>
                <p>{ strings::PRIVACY.get(lang) }</p>
            </footer>
        </div>
    }
}
