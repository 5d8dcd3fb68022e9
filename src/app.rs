//! The app's root component. For now the walking skeleton: the product's name, one
//! question (the pack's first count question), and the amount the engine computes for it.

use crate::policy::default_pack;
use crate::strings::{self, Tr};
use ipsc_engine::number::{parse_count, NumberError};
use ipsc_engine::pack::Rule;
use ipsc_engine::{assess, explain, Answers, Lang, Pack};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The words for a number the reader refused.
pub fn number_error(error: NumberError) -> Tr {
    match error {
        NumberError::Empty => strings::ERR_EMPTY,
        NumberError::NotANumber => strings::ERR_NOT_A_NUMBER,
        NumberError::Exponent => strings::ERR_EXPONENT,
        NumberError::Sign => strings::ERR_SIGN,
        NumberError::NotWhole => strings::ERR_NOT_WHOLE,
        NumberError::TooManyDecimals { .. } => strings::ERR_TOO_MANY_DECIMALS,
        NumberError::BadGrouping => strings::ERR_BAD_GROUPING,
        NumberError::TooLarge => strings::ERR_TOO_LARGE,
    }
}

/// The year before this one: the last full year, the default assessment year.
fn last_full_year() -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        // getFullYear is a small whole number; the cast cannot lose anything real.
        #[allow(clippy::cast_possible_truncation)]
        let year = js_sys::Date::new_0().get_full_year() as i32;
        year - 1
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        2025
    }
}

/// The root component.
#[function_component]
pub fn App() -> Html {
    let lang = use_state(Lang::default);
    match default_pack() {
        Ok(pack) => {
            html! { <Skeleton lang={*lang} on_lang={Callback::from(move |l| lang.set(l))} pack={PackRef(pack)} /> }
        }
        Err(_) => {
            html! { <div class="ipsc" role="alert"><p class="ipsc-error-message">{ strings::ERR_PACK.get(*lang) }</p></div> }
        }
    }
}

/// The built-in pack, compared by address (it is never copied).
#[derive(Clone, Copy)]
pub struct PackRef(pub &'static Pack);

impl PartialEq for PackRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// The skeleton's properties.
#[derive(Properties, PartialEq)]
pub struct SkeletonProps {
    /// The language shown.
    pub lang: Lang,
    /// Asks to switch language.
    pub on_lang: Callback<Lang>,
    /// The policy pack.
    pub pack: PackRef,
}

/// One question and its amount.
#[function_component]
pub fn Skeleton(props: &SkeletonProps) -> Html {
    let SkeletonProps {
        lang,
        pack: PackRef(pack),
        ..
    } = props;
    let lang = *lang;
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
    let switch = {
        let on_lang = props.on_lang.clone();
        Callback::from(move |_| on_lang.emit(other))
    };
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
                        <p class="ipsc-basis">{ format!("{}：{} {} · {}", strings::BASIS.get(lang), pack.meta.doc_number, clause.id, measure.label.get(lang)) }</p>
                        <details class="ipsc-clause">
                            <summary class="ipsc-clause__summary">{ strings::SHOW_CLAUSE.get(lang) }{ format!(" {}", clause.id) }</summary>
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
                <p>{ format!("{}：{} 《{}》 · {} {} · {} {}", strings::POLICY.get(lang), pack.meta.doc_number, pack.meta.title.zh, strings::ISSUED.get(lang), pack.meta.issue_date, strings::REVIEWED.get(lang), pack.meta.reviewed) }</p>
                <p>{ strings::PRIVACY.get(lang) }</p>
            </footer>
        </div>
    }
}
