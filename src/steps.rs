//! The questionnaire's steps, one view each: the fields of a step, with what the user typed
//! and how each field changes the form.

use crate::fields::Setter;
use crate::form::{id, Form, LoanForm};
use crate::state::Ctx;
use crate::strings::{self, fill, Tr};
use ipsc_engine::number::Quantity;
use ipsc_engine::YesNoUnsure;
use std::rc::Rc;
use yew::prelude::*;

fn setter(f: impl Fn(&mut Form, String) + 'static) -> Setter {
    Rc::new(f)
}

/// A field's label marked optional.
pub(crate) fn optional(ctx: &Ctx, label: Tr) -> String {
    format!("{}{}", label.get(ctx.lang), strings::OPTIONAL.get(ctx.lang))
}

/// Step 1: the enterprise.
pub(crate) fn enterprise(ctx: &Ctx, form: &Form) -> Html {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    let place = pack.meta.jurisdiction.get(lang);
    let key: Vec<(String, String)> = pack
        .industries
        .iter()
        .filter(|i| i.key)
        .map(|i| (i.id.clone(), i.label.get(lang).to_owned()))
        .collect();
    let others: Vec<(String, String)> = pack
        .industries
        .iter()
        .filter(|i| !i.key)
        .map(|i| (i.id.clone(), i.label.get(lang).to_owned()))
        .collect();
    let sme_options = [
        (YesNoUnsure::Yes, "yes", strings::YES),
        (YesNoUnsure::No, "no", strings::NO),
        (YesNoUnsure::Unsure, "unsure", strings::NOT_SURE),
    ]
    .into_iter()
    .map(|(v, suffix, label)| {
        (
            suffix.to_owned(),
            label.get(lang).to_owned(),
            form.tech_sme == Some(v),
            ctx.edit(move |f| f.tech_sme = Some(v)),
        )
    })
    .collect();
    html! {
        <>
            { ctx.yes_no("ipsc-registered", &fill(strings::Q_REGISTERED.get(lang), &[("place", place)]), None, form.registered, |f, v| f.registered = Some(v)) }
            if form.registered == Some(true) {
                <div class="ipsc-conditional">
                    { ctx.select(id::REGION, &optional(ctx, strings::Q_REGION), &form.region,
                        vec![(None, pack.regions.iter().map(|r| (r.id.clone(), r.label.get(lang).to_owned())).collect())],
                        setter(|f, v| f.region = v)) }
                </div>
            }
            { ctx.select(id::INDUSTRY, &optional(ctx, strings::Q_INDUSTRY), &form.industry,
                vec![(Some(strings::KEY_INDUSTRIES.get(lang).to_owned()), key), (Some(strings::OTHER_INDUSTRIES.get(lang).to_owned()), others)],
                setter(|f, v| f.industry = v)) }
            { ctx.radios("ipsc-tech-sme", strings::Q_TECH_SME.get(lang), Some(pack.tech_sme_guide.hint.get(lang)), sme_options, false) }
            if form.tech_sme == Some(YesNoUnsure::Unsure) {
                <div class="ipsc-conditional">
                    <p class="ipsc-hint">{ pack.tech_sme_guide.note.get(lang) }</p>
                    <p class="ipsc-hint">{ strings::SIZE_INTRO.get(lang) }</p>
                    { ctx.text(id::STAFF, &optional(ctx, strings::Q_STAFF), None, &form.staff, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count", setter(|f, v| f.staff = v)) }
                    { ctx.text(id::SALES, &optional(ctx, strings::Q_SALES), Some(strings::HINT_MONEY.get(lang)), &form.sales, "text", Some(Quantity::Yuan), "ipsc-input ipsc-input--money", setter(|f, v| f.sales = v)) }
                    { ctx.text(id::ASSETS, &optional(ctx, strings::Q_ASSETS), Some(strings::HINT_MONEY.get(lang)), &form.assets, "text", Some(Quantity::Yuan), "ipsc-input ipsc-input--money", setter(|f, v| f.assets = v)) }
                </div>
            }
            { ctx.yes_no("ipsc-abnormal", strings::Q_ABNORMAL.get(lang), None, form.abnormal, |f, v| f.abnormal = Some(v)) }
            { ctx.yes_no("ipsc-dishonest", strings::Q_DISHONEST.get(lang), None, form.dishonest, |f, v| f.dishonest = Some(v)) }
            { ctx.text(id::YEAR, strings::Q_YEAR.get(lang), Some(strings::HINT_YEAR.get(lang)), &form.year, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count", setter(|f, v| f.year = v)) }
        </>
    }
}

/// Step 2: items granted in the year (one field per count question of the pack).
pub(crate) fn items(ctx: &Ctx, form: &Form) -> Html {
    let lang = ctx.lang;
    html! {
        { for ctx.pack.0.counts.iter().map(|q| {
            let qid = q.id.clone();
            let hint = format!("{} {}", q.hint.get(lang), strings::HINT_COUNT_ZERO.get(lang));
            let value = form.counts.get(&q.id).map_or("", String::as_str);
            ctx.text(&id::count(&q.id), q.label.get(lang), Some(&hint), value, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count",
                setter(move |f, v| { f.counts.insert(qid.clone(), v); }))
        }) }
    }
}

/// Step 3: IP-pledge loans, and a newer LPR.
pub(crate) fn loans(ctx: &Ctx, form: &Form) -> Html {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    let last_quote = pack.lpr.last_confirmed.to_string();
    html! {
        <>
            { ctx.yes_no("ipsc-has-loans", strings::Q_HAS_LOANS.get(lang), None, form.has_loans, |f, v| {
                f.has_loans = Some(v);
                if v && f.loans.is_empty() { f.loans.push(LoanForm::default()); }
            }) }
            if form.has_loans == Some(true) {
                <div class="ipsc-conditional">
                    { for form.loans.iter().enumerate().map(|(i, loan)| {
                        let n = (i + 1).to_string();
                        html! {
                            <fieldset class="ipsc-fieldset ipsc-loan">
                                <legend class="ipsc-legend">{ fill(strings::LOAN_N.get(lang), &[("n", &n)]) }</legend>
                                { ctx.text(&id::loan(i, "principal"), strings::Q_PRINCIPAL.get(lang), Some(strings::HINT_MONEY.get(lang)), &loan.principal, "text", Some(Quantity::Yuan), "ipsc-input ipsc-input--money",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.principal = v })) }
                                { ctx.text(&id::loan(i, "start"), strings::Q_START.get(lang), None, &loan.start, "date", None, "ipsc-input ipsc-input--date",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.start = v })) }
                                { ctx.text(&id::loan(i, "term"), strings::Q_TERM.get(lang), None, &loan.term, "text", Some(Quantity::Count), "ipsc-input ipsc-input--count",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.term = v })) }
                                { ctx.text(&id::loan(i, "rate"), &optional(ctx, strings::Q_RATE), Some(strings::HINT_RATE.get(lang)), &loan.rate, "text", Some(Quantity::Percent), "ipsc-input ipsc-input--count",
                                    setter(move |f, v| if let Some(l) = f.loans.get_mut(i) { l.rate = v })) }
                                <button type="button" class="ipsc-button ipsc-button--secondary" onclick={ctx.edit(move |f| { if i < f.loans.len() { f.loans.remove(i); } })}>
                                    { fill(strings::REMOVE_LOAN.get(lang), &[("n", &n)]) }
                                </button>
                            </fieldset>
                        }
                    }) }
                    <button type="button" class="ipsc-button ipsc-button--secondary" onclick={ctx.edit(|f| f.loans.push(LoanForm::default()))}>
                        { strings::ADD_LOAN.get(lang) }
                    </button>
                    <details class="ipsc-details" open={!form.lpr_date.is_empty() || !form.lpr_rate.is_empty()}>
                        <summary class="ipsc-details__summary">{ strings::NEWER_LPR.get(lang) }</summary>
                        <p class="ipsc-hint">{ fill(strings::NEWER_LPR_HINT.get(lang), &[("date", &last_quote)]) }</p>
                        { ctx.text(id::LPR_DATE, strings::Q_LPR_DATE.get(lang), None, &form.lpr_date, "date", None, "ipsc-input ipsc-input--date", setter(|f, v| f.lpr_date = v)) }
                        { ctx.text(id::LPR_RATE, strings::Q_LPR_RATE.get(lang), None, &form.lpr_rate, "text", Some(Quantity::Percent), "ipsc-input ipsc-input--count", setter(|f, v| f.lpr_rate = v)) }
                    </details>
                </div>
            }
        </>
    }
}

/// Step 4: recognised facilities (one question per level question of the pack).
pub(crate) fn levels(ctx: &Ctx, form: &Form) -> Html {
    let lang = ctx.lang;
    html! {
        { for ctx.pack.0.levels.iter().map(|q| {
            let options = q.options.iter().enumerate().map(|(i, o)| {
                let (qid, oid) = (q.id.clone(), o.id.clone());
                (i.to_string(), o.label.get(lang).to_owned(), form.levels.get(&q.id) == Some(&o.id), ctx.edit(move |f| { f.levels.insert(qid.clone(), oid.clone()); }))
            }).collect();
            ctx.radios(&format!("ipsc-level-{}", q.id), q.label.get(lang), Some(q.hint.get(lang)), options, false)
        }) }
    }
}

/// Step 5: other situations (the pack's list).
pub(crate) fn situations(ctx: &Ctx, form: &Form) -> Html {
    let lang = ctx.lang;
    html! {
        <div class="ipsc-field">
            <fieldset class="ipsc-fieldset" aria-describedby="ipsc-situations-hint">
                <legend class="ipsc-legend">{ strings::Q_SITUATIONS.get(lang) }</legend>
                <p class="ipsc-hint" id="ipsc-situations-hint">{ strings::HINT_SITUATIONS.get(lang) }</p>
                <div class="ipsc-checkboxes">
                    { for ctx.pack.0.situations.iter().map(|s| {
                        let id = format!("ipsc-situation-{}", s.id);
                        let sid = s.id.clone();
                        let onchange = ctx.edit(move |f| match f.situations.iter().position(|s| s == &sid) {
                            Some(i) => { f.situations.remove(i); }
                            None => f.situations.push(sid.clone()),
                        });
                        html! {
                            <div class="ipsc-choice">
                                <input class="ipsc-choice__input" type="checkbox" id={id.clone()} name="situations" value={s.id.clone()} checked={form.situations.contains(&s.id)} {onchange} />
                                <label class="ipsc-choice__label" for={id}>{ s.label.get(lang) }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}
