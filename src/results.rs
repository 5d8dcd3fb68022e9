//! The results: the total, each measure with its status, amount, formula, cap, clause
//! (whose words open in place), reasons and what would change them; the programmes, the
//! warnings, the assumptions, the policy's dates; and the buttons to print and download
//! and the share link (the file is written in `export`, the link in `storage`).

use crate::browser::today;
use crate::check::answers_list;
use crate::export;
use crate::form::{Form, Step};
use crate::settings;
use crate::state::{hash_of, Ctx, Texts};
use crate::storage;
use crate::strings::{self, fill};
use ipsc_engine::assess::{Assessment, EngineError, Line, Status};
use ipsc_engine::explain::{formula, money, what_if};
use ipsc_engine::{Answers, Lang, Pack};
use yew::prelude::*;

/// The tag's class: the status is always in words (the pack's), the colour only repeats it.
fn status_class(status: Status) -> &'static str {
    match status {
        Status::Eligible => "ipsc-tag ipsc-tag--eligible",
        Status::EligibleWithWarning => "ipsc-tag ipsc-tag--warning",
        Status::NotEligible => "ipsc-tag ipsc-tag--no",
        Status::NeedsInfo => "ipsc-tag ipsc-tag--info",
    }
}

/// A clause's own words, opened in place; both languages' words when English is shown.
fn clause_text(pack: &Pack, clause_id: &str, lang: Lang) -> Html {
    let Some(clause) = pack.clause(clause_id) else {
        return html! {};
    };
    html! {
        <details class="ipsc-details ipsc-clause">
            <summary class="ipsc-details__summary">{ fill(strings::SHOW_CLAUSE.get(lang), &[("clause", &clause.id)]) }</summary>
            <blockquote class="ipsc-clause__text" lang="zh-CN">{ &clause.text.zh }</blockquote>
            if lang == Lang::En {
                <blockquote class="ipsc-clause__text" lang="en">{ &clause.text.en }</blockquote>
                <p class="ipsc-hint">{ pack.meta.translation_note.en.as_str() }</p>
            }
        </details>
    }
}

fn list(items: Vec<String>) -> Html {
    html! { <ul class="ipsc-list">{ for items.into_iter().map(|i| html! { <li>{ i }</li> }) }</ul> }
}

/// How many items a list shows open; a longer one is folded under its heading, which says
/// how many it holds.
const OPEN_ITEMS: usize = 3;

/// A titled list, folded when long. Closed `<details>` do not print, so a folded list also
/// prints open.
fn folded(lang: Lang, title: strings::Tr, items: Vec<String>) -> Html {
    if items.len() <= OPEN_ITEMS {
        return html! { <><h3 class="ipsc-line__sub">{ title.get(lang) }</h3>{ list(items) }</> };
    }
    let heading = fill(
        strings::FOLDED.get(lang),
        &[("title", title.get(lang)), ("n", &items.len().to_string())],
    );
    html! {
        <>
            <details class="ipsc-details ipsc-fold">
                <summary class="ipsc-details__summary">{ heading }</summary>
                { list(items.clone()) }
            </details>
            <div class="ipsc-print-only">
                <h3 class="ipsc-line__sub">{ title.get(lang) }</h3>
                { list(items) }
            </div>
        </>
    }
}

/// Every money line in one table under the total: the measure (a link to its detail), its
/// status in words and its amount; then how many programmes matched.
fn summary(ctx: &Ctx, a: &Assessment) -> Html {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    html! {
        <section class="ipsc-section ipsc-overview" aria-labelledby="ipsc-overview-title">
            <h2 class="ipsc-section__title" id="ipsc-overview-title">{ strings::OVERVIEW.get(lang) }</h2>
            <table class="ipsc-table">
                <thead>
                    <tr>
                        <th scope="col">{ strings::COL_MEASURE.get(lang) }</th>
                        <th scope="col">{ strings::COL_STATUS.get(lang) }</th>
                        <th scope="col" class="ipsc-table__amount">{ strings::COL_AMOUNT.get(lang) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for a.lines.iter().filter_map(|line| pack.measure(&line.measure).map(|m| (line, m))).map(|(line, m)| {
                        let target = format!("ipsc-line-{}", m.id);
                        let onclick = {
                            let target = target.clone();
                            Callback::from(move |e: MouseEvent| {
                                // The page's fragment holds the step: move focus, not the URL.
                                e.prevent_default();
                                crate::browser::focus_id(&target);
                            })
                        };
                        html! {
                            <tr>
                                <th scope="row"><a href={format!("#{target}")} {onclick}>{ m.short_label.as_ref().unwrap_or(&m.label).get(lang) }</a></th>
                                <td><span class={status_class(line.status)}>{ pack.say(line.status, lang) }</span></td>
                                <td class="ipsc-table__amount">{ money(pack, line.amount, lang) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <p>{ if a.programmes.is_empty() {
                strings::NO_PROGRAMMES.get(lang).to_owned()
            } else {
                fill(strings::PROGRAMMES_MATCHED.get(lang), &[("n", &a.programmes.len().to_string())])
            } }</p>
        </section>
    }
}

/// One measure's line. Without the report texts (`ready` false) it shows only what needs
/// none of them: title, status, amount, formula and the clause it comes from.
fn line_view(ctx: &Ctx, line: &Line, ready: bool) -> Html {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    let Some(measure) = pack.measure(&line.measure) else {
        return html! {};
    };
    let tag = status_class(line.status);
    let title_id = format!("ipsc-line-{}", measure.id);
    let labelled = |ids: &[String], words: &[ipsc_engine::pack::Labelled]| -> Vec<String> {
        words
            .iter()
            .filter(|w| ids.contains(&w.id))
            .map(|w| w.text.get(lang).to_owned())
            .collect()
    };
    let (assumptions, caveats) = (
        labelled(&line.assumptions, &measure.assumptions),
        labelled(&line.caveats, &measure.caveats),
    );
    // What to do next, from the sources (the pack's words), for a line that gives money.
    let next_steps = measure
        .next_steps
        .as_ref()
        .map(|t| t.get(lang))
        .filter(|t| {
            ready
                && line.status.counts()
                && line.amount > rust_decimal::Decimal::ZERO
                && !t.is_empty()
        });
    let basis = if ready {
        format!(
            "{} {} “{}”",
            pack.meta.doc_number, measure.clause, measure.quote
        )
    } else {
        format!("{} {}", pack.meta.doc_number, measure.clause)
    };
    html! {
        <section class="ipsc-line" aria-labelledby={title_id.clone()} data-measure={measure.id.clone()}>
            <h2 class="ipsc-line__title" id={title_id} tabindex="-1">{ measure.label.get(lang) }</h2>
            <p class={tag}>{ pack.say(line.status, lang) }</p>
            <p class="ipsc-line__amount" data-testid={format!("amount-{}", measure.id)}>{ money(pack, line.amount, lang) }</p>
            if line.status.counts() {
                <h3 class="ipsc-line__sub">{ strings::FORMULA.get(lang) }</h3>
                { for formula(pack, line, lang).into_iter().map(|s| html! { <p class="ipsc-formula" data-testid="formula">{ s }</p> }) }
            }
            if ready && !line.reasons.is_empty() {
                <h3 class="ipsc-line__sub">{ strings::WHY_NOT.get(lang) }</h3>
                { list(line.reasons.iter().map(|r| pack.say_for(&line.measure, r.code, lang).to_owned()).collect()) }
            }
            if ready && !line.what_if.is_empty() {
                <h3 class="ipsc-line__sub">{ strings::WHAT_WOULD_CHANGE.get(lang) }</h3>
                { list(line.what_if.iter().map(|w| what_if(pack, w, lang)).collect()) }
            }
            if let Some(next) = next_steps {
                <h3 class="ipsc-line__sub">{ strings::NEXT_STEPS.get(lang) }</h3>
                <p>{ next }</p>
            }
            if ready && !line.warnings.is_empty() {
                <div class="ipsc-warning">
                    <p class="ipsc-warning__title"><span aria-hidden="true">{ "! " }</span>{ strings::WARNINGS.get(lang) }</p>
                    { list(line.warnings.iter().map(|w| pack.say_for(&line.measure, w.code, lang).to_owned()).collect()) }
                </div>
            }
            <p class="ipsc-basis">{ strings::labelled(lang, strings::BASIS.get(lang), &basis) }</p>
            if ready {
                { clause_text(pack, &measure.clause, lang) }
            }
            if ready && !assumptions.is_empty() {
                <h3 class="ipsc-line__sub">{ strings::ASSUMPTIONS.get(lang) }</h3>
                { list(assumptions) }
            }
            if ready && !caveats.is_empty() {
                { folded(lang, strings::CAVEATS, caveats) }
            }
        </section>
    }
}

/// The results page. Until the report's texts are in (`texts`), it shows everything
/// else and says why the clauses' words are missing; `retry` asks for them again.
pub fn results(
    ctx: &Ctx,
    form: &Form,
    answers: &Answers,
    assessment: &Result<Assessment, EngineError>,
    year: i32,
    texts: Texts,
    retry: &Callback<()>,
) -> Html {
    let (lang, pack) = (ctx.lang, ctx.pack.0);
    let a = match assessment {
        Ok(a) => a,
        Err(_) => {
            return html! {
                <div class="ipsc-error-summary">
                    <p>{ strings::ERR_ENGINE.get(lang) }</p>
                    <a href={hash_of(Step::Check)} onclick={ctx.link(Step::Check, None)}>{ strings::EDIT_ANSWERS.get(lang) }</a>
                </div>
            }
        }
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let kiosk = settings::get().mode == settings::Mode::Kiosk;
    let on_download = {
        let (answers, a) = (answers.clone(), a.clone());
        let pack = ctx.pack.0;
        Callback::from(move |_: MouseEvent| export::download(pack, &answers, &a))
    };
    let guide = &pack.tech_sme_guide;
    let within = |ok: Option<bool>| {
        ok.map(|ok| {
            if ok {
                strings::WITHIN.get(lang)
            } else {
                strings::OVER.get(lang)
            }
        })
    };
    let size_rows: Vec<String> = a
        .size_check
        .as_ref()
        .map(|s| {
            [
                (strings::Q_STAFF, s.staff, guide.max_staff.to_string()),
                (
                    strings::Q_SALES,
                    s.sales,
                    money(pack, guide.max_sales, lang),
                ),
                (
                    strings::Q_ASSETS,
                    s.assets,
                    money(pack, guide.max_assets, lang),
                ),
            ]
            .into_iter()
            .filter_map(|(label, ok, limit)| {
                within(ok).map(|w| {
                    strings::labelled(
                        lang,
                        label.get(lang),
                        &strings::bracketed(lang, w, &format!("≤ {limit}")),
                    )
                })
            })
            .collect()
        })
        .unwrap_or_default();
    // Closed <details> do not print, so the report carries each cited clause once.
    let mut cited: Vec<&str> = Vec::new();
    for id in a
        .lines
        .iter()
        .map(|l| l.clause.as_str())
        .chain(a.programmes.iter().map(|p| p.clause.as_str()))
    {
        if !cited.contains(&id) {
            cited.push(id);
        }
    }
    let mut caveats: Vec<String> = pack
        .caveats
        .iter()
        .map(|c| c.text.get(lang).to_owned())
        .collect();
    let retry = retry.reform(|_: MouseEvent| ());
    // Everything in the report texts' file shows only once it is in (see `policy`).
    let ready = texts == Texts::Ready;
    caveats.push(pack.meta.validity_note.get(lang).to_owned());
    let mut policy = vec![
        fill(
            strings::POLICY_LINE.get(lang),
            &[
                ("doc", &pack.meta.doc_number),
                ("title", pack.meta.title.get(lang)),
            ],
        ),
        strings::labelled(
            lang,
            strings::ISSUED.get(lang),
            &pack.meta.issue_date.to_string(),
        ),
        strings::labelled(
            lang,
            strings::REVIEWED.get(lang),
            &pack.meta.reviewed.to_string(),
        ),
        strings::labelled(
            lang,
            strings::LPR_CHECKED.get(lang),
            &pack.lpr.last_confirmed.to_string(),
        ),
    ];
    if ready {
        policy.push(pack.meta.source.get(lang).to_owned());
    }
    html! {
        <>
            <div class="ipsc-panel" data-testid="total-panel">
                <p class="ipsc-panel__label">{ strings::TOTAL.get(lang) }</p>
                <p class="ipsc-panel__amount" data-testid="total">{ money(pack, a.total, lang) }</p>
                <p class="ipsc-panel__year">{ fill(strings::FOR_YEAR.get(lang), &[("year", &year.to_string())]) }</p>
                <p class="ipsc-panel__disclaimer">{ pack.meta.disclaimer.get(lang) }</p>
            </div>
            { summary(ctx, a) }
            <div role="status" data-texts={match texts { Texts::Ready => "ready", Texts::Failed => "failed", _ => "loading" }}>
                if texts == Texts::Loading {
                    <p class="ipsc-notice">{ strings::TEXTS_LOADING.get(lang) }</p>
                }
                if texts == Texts::Failed {
                    <div class="ipsc-notice">
                        <p>{ strings::TEXTS_FAILED.get(lang) }</p>
                        <button type="button" class="ipsc-button ipsc-button--secondary" onclick={retry}>{ strings::RETRY.get(lang) }</button>
                    </div>
                }
            </div>
            if ready && !a.warnings.is_empty() {
                <div class="ipsc-warning" role="note">
                    <p class="ipsc-warning__title"><span aria-hidden="true">{ "! " }</span>{ strings::WARNINGS.get(lang) }</p>
                    { list(a.warnings.iter().map(|w| strings::bracketed(lang, pack.say(w.code, lang), &w.clause)).collect()) }
                </div>
            }
            { for a.lines.iter().map(|line| line_view(ctx, line, ready)) }
            if !size_rows.is_empty() {
                <section class="ipsc-section" aria-labelledby="ipsc-size-title">
                    <h2 class="ipsc-section__title" id="ipsc-size-title">{ strings::SIZE_CHECK.get(lang) }</h2>
                    { list(size_rows) }
                    <p class="ipsc-hint">{ guide.note.get(lang) }</p>
                </section>
            }
            if ready {
            <section class="ipsc-section" aria-labelledby="ipsc-programmes-title">
                <h2 class="ipsc-section__title" id="ipsc-programmes-title">{ strings::PROGRAMMES.get(lang) }</h2>
                if let Some(note) = &pack.programmes_note {
                    <p class="ipsc-hint" data-testid="programmes-note">{ note.get(lang) }</p>
                }
                if a.programmes.is_empty() {
                    <p>{ strings::NO_PROGRAMMES.get(lang) }</p>
                }
                <ul class="ipsc-list ipsc-programmes">
                    { for a.programmes.iter().filter_map(|m| pack.programmes.iter().find(|p| p.id == m.programme)).map(|p| html! {
                        <li>
                            <strong>{ p.label.get(lang) }</strong>{ strings::bracketed(lang, "", &p.clause) }
                            <p>{ p.summary.get(lang) }</p>
                            { clause_text(pack, &p.clause, lang) }
                        </li>
                    }) }
                </ul>
            </section>
            <section class="ipsc-section" aria-labelledby="ipsc-caveats-title">
                <h2 class="ipsc-section__title" id="ipsc-caveats-title">{ strings::CAVEATS.get(lang) }</h2>
                if caveats.len() > OPEN_ITEMS {
                    // The first few open, the rest folded (and printed open).
                    { list(caveats.iter().take(OPEN_ITEMS).cloned().collect()) }
                    <details class="ipsc-details ipsc-fold">
                        <summary class="ipsc-details__summary">{ fill(strings::SHOW_MORE.get(lang), &[("n", &(caveats.len() - OPEN_ITEMS).to_string())]) }</summary>
                        { list(caveats.iter().skip(OPEN_ITEMS).cloned().collect()) }
                    </details>
                    <div class="ipsc-print-only">{ list(caveats.iter().skip(OPEN_ITEMS).cloned().collect()) }</div>
                } else {
                    { list(caveats) }
                }
            </section>
            }
            <section class="ipsc-section" aria-labelledby="ipsc-policy-title">
                <h2 class="ipsc-section__title" id="ipsc-policy-title">{ strings::ABOUT_POLICY.get(lang) }</h2>
                { list(policy) }
            </section>
            if ready {
            <section class="ipsc-section ipsc-print-only" aria-labelledby="ipsc-cited-title">
                <h2 class="ipsc-section__title" id="ipsc-cited-title">{ strings::CITED_CLAUSES.get(lang) }</h2>
                { for cited.iter().filter_map(|id| pack.clause(id)).map(|clause| html! {
                    <div class="ipsc-cited">
                        <h3 class="ipsc-line__sub">{ &clause.id }</h3>
                        <blockquote class="ipsc-clause__text" lang="zh-CN">{ &clause.text.zh }</blockquote>
                        if lang == Lang::En {
                            <blockquote class="ipsc-clause__text" lang="en">{ &clause.text.en }</blockquote>
                        }
                    </div>
                }) }
                if lang == Lang::En {
                    <p class="ipsc-hint">{ pack.meta.translation_note.en.as_str() }</p>
                }
            </section>
            }
            <section class="ipsc-section ipsc-print-only" aria-labelledby="ipsc-answers-title">
                <h2 class="ipsc-section__title" id="ipsc-answers-title">{ strings::STEP_CHECK.get(lang) }</h2>
                { answers_list(ctx, form, false) }
                <p>{ strings::labelled(lang, strings::PRINTED_ON.get(lang), &today()) }</p>
            </section>
            <div class="ipsc-actions">
                <button type="button" class="ipsc-button" onclick={print}>{ strings::PRINT.get(lang) }</button>
                // Not on a kiosk: the file would stay in its browser's Downloads for the next
                // person. The QR code and the printout are what a kiosk gives to take away.
                if !kiosk {
                    <button type="button" class="ipsc-button ipsc-button--secondary" onclick={on_download}>{ strings::DOWNLOAD.get(lang) }</button>
                }
                <a class="ipsc-button ipsc-button--secondary" href={hash_of(Step::Check)} onclick={ctx.link(Step::Check, None)}>{ strings::EDIT_ANSWERS.get(lang) }</a>
            </div>
            if let Some(link) = (!kiosk).then(|| storage::share_link(pack, form)).flatten() {
            <div class="ipsc-field ipsc-share">
                <label class="ipsc-label" for="ipsc-share">{ strings::SHARE.get(lang) }</label>
                <p class="ipsc-hint" id="ipsc-share-hint">{ strings::SHARE_HINT.get(lang) }</p>
                <input class="ipsc-input" id="ipsc-share" type="text" readonly=true value={link} aria-describedby="ipsc-share-hint" />
            </div>
            }
        </>
    }
}
