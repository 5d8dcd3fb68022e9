//! The results page as a component of its own, [`Report`], drawn from the answers as a
//! share link carries them. Everyone who finishes needs it, no one before the check page:
//! in a release build it is a module of its own (`crates/ipsc-report`, built as
//! `ipsc-report-HASH.js` and `_bg.wasm` beside the app), which the check page starts
//! loading, so the first load carries no results view (17.6 KB gzip, measured). The
//! module keeps the report's texts, and fetches them as the app did. A build without the
//! module (the tests') draws the same component in place.
//!
//! What crosses from the app to the module is one line of form-encoded text ([`Input`]):
//! the language, the default year, how the app is hosted, and the answers as a link holds
//! them. What comes back is a move to a step, as an `ipsc-go` event on the box the results
//! are drawn in (a link to the check page; `#check`, then a field's id after a space).

use crate::form::Step;
use crate::policy::{default_pack, full_pack, load_report_texts};
use crate::results::results;
use crate::settings::{self, Mode};
use crate::state::{hash_of, step_from_hash, Ctx, PackRef, Texts};
use crate::storage;
use crate::strings;
use ipsc_engine::{assess, Lang};
use yew::prelude::*;

/// The report module's file beside the app's (`ipsc-report-HASH.js`), as `./x build` names
/// it; a build without it (the tests') draws the results in place.
const REPORT_MODULE: Option<&str> = option_env!("IPSC_REPORT_MODULE");

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/modules.js")]
extern "C" {
    /// Starts loading the report module `name` (once) from `base` (or beside the page).
    #[wasm_bindgen(js_name = preloadReport)]
    fn preload_report(name: &str, base: &str);

    /// Draws the results from `input` into `container` with the report module, loading it
    /// first if need be; says `loading` meanwhile, and `failed` if it cannot be loaded.
    #[wasm_bindgen(js_name = showReport)]
    fn show_report(
        container: &web_sys::Element,
        name: &str,
        base: &str,
        input: &str,
        loading: &str,
        failed: &str,
    );
}

/// What the results are drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The answers, as a share link holds them ([`storage::encode`]).
    pub form: AttrValue,
    /// The language.
    pub lang: Lang,
    /// The year a form without one is assessed for.
    pub default_year: i32,
}

impl Input {
    /// As the module reads it: the host's settings that the results use go with it, since
    /// the module has none of its own.
    fn encode(&self) -> String {
        let s = settings::get();
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("lang", self.lang.tag())
            .append_pair("year", &self.default_year.to_string())
            .append_pair("kiosk", if s.mode == Mode::Kiosk { "1" } else { "0" });
        if let Some(base) = &s.share_base {
            out.append_pair("share", base);
        }
        if let Some(assets) = &s.assets {
            out.append_pair("assets", assets);
        }
        out.append_pair("form", &self.form);
        out.finish()
    }

    /// Reads what [`Input::encode`] wrote, keeping the settings it carries as the module's
    /// own; `None` for anything else.
    fn decode(text: &str) -> Option<Input> {
        let (mut lang, mut year, mut form) = (None, None, None);
        let mut kept = settings::read(None, |_, _| None).0;
        for (key, value) in form_urlencoded::parse(text.as_bytes()) {
            match &*key {
                "lang" => lang = Lang::from_tag(&value),
                "year" => year = value.parse().ok(),
                "kiosk" if value == "1" => kept.mode = Mode::Kiosk,
                "share" => kept.share_base = Some(value.into_owned()),
                "assets" => kept.assets = Some(value.into_owned()),
                "form" => form = Some(AttrValue::from(value.into_owned())),
                _ => {}
            }
        }
        settings::keep(kept);
        Some(Input {
            form: form?,
            lang: lang?,
            default_year: year?,
        })
    }
}

/// The results' properties.
#[derive(Properties, PartialEq)]
pub struct ReportProps {
    /// What they are drawn from.
    pub input: Input,
    /// Moves to a step (a link to the check page), focusing this field if one is named.
    pub go: Callback<(Step, Option<String>)>,
}

/// The results: the answers read and assessed, with the report's texts once they are in.
#[function_component]
pub fn Report(p: &ReportProps) -> Html {
    let texts = use_state_eq(|| {
        if full_pack().is_some() {
            Texts::Ready
        } else {
            Texts::Loading
        }
    });
    // Asked for once, as the results first show; "Try again" goes past the browser's cache.
    let load = {
        let texts = texts.setter();
        Callback::from(move |fresh: bool| {
            texts.set(Texts::Loading);
            let texts = texts.clone();
            wasm_bindgen_futures::spawn_local(async move {
                texts.set(match load_report_texts(fresh).await {
                    Ok(_) => Texts::Ready,
                    Err(_) => Texts::Failed,
                });
            });
        })
    };
    {
        let load = load.clone();
        use_effect_with((), move |()| {
            if full_pack().is_none() {
                load.emit(false);
            }
        });
    }
    let Ok(pack) = default_pack() else {
        return html! { <p class="ipsc-error-message">{ strings::ERR_PACK.get(p.input.lang) }</p> };
    };
    let Input {
        form,
        lang,
        default_year,
    } = &p.input;
    let form = storage::decode(pack, form).unwrap_or_default();
    let reading = form.reading(pack, *default_year);
    let year = reading.answers.year.unwrap_or(*default_year);
    let assessment = assess(pack, &reading.answers, year);
    let ctx = Ctx {
        pack: full_pack().map_or(PackRef(pack), PackRef),
        lang: *lang,
        go: p.go.clone(),
    };
    results(
        &ctx,
        &form,
        &reading.answers,
        &assessment,
        year,
        *texts,
        &load.reform(|()| true),
    )
}

/// Starts loading the report module, where there is one, so the results show at once.
pub(crate) fn preload() {
    if let Some(module) = REPORT_MODULE {
        preload_report(module, settings::assets_base().unwrap_or_default());
    }
}

/// The results where the app shows them: drawn by the report module, or in place. In
/// place (a build without the module: the wasm-bindgen tests, a bare `trunk build`) the
/// results' own stylesheet, which comes with the module, is not loaded and they show
/// unstyled; `./x build` and `./x serve` always build the module.
pub(crate) fn show(props: ReportProps) -> Html {
    match REPORT_MODULE {
        Some(_) => html! { <Remote ..props /> },
        None => html! { <Report ..props /> },
    }
}

/// The box the report module draws the results into (the module's alone: nothing else
/// renders into it), again when what they are drawn from changes.
#[function_component]
fn Remote(p: &ReportProps) -> Html {
    let container = use_node_ref();
    {
        let container = container.clone();
        let lang = p.input.lang;
        use_effect_with(p.input.clone(), move |input| {
            if let (Some(element), Some(module)) =
                (container.cast::<web_sys::Element>(), REPORT_MODULE)
            {
                show_report(
                    &element,
                    module,
                    settings::assets_base().unwrap_or_default(),
                    &input.encode(),
                    strings::TEXTS_LOADING.get(lang),
                    strings::REPORT_FAILED.get(lang),
                );
            }
        });
    }
    {
        let (container, go) = (container.clone(), p.go.clone());
        use_effect_with((), move |()| {
            let listener = container.cast::<web_sys::Element>().map(|element| {
                gloo_events::EventListener::new(&element, GO_EVENT, move |event| {
                    use wasm_bindgen::JsCast;
                    let detail = event
                        .dyn_ref::<web_sys::CustomEvent>()
                        .and_then(|e| e.detail().as_string());
                    if let Some(to) = detail.as_deref().and_then(read_move) {
                        go.emit(to);
                    }
                })
            });
            move || drop(listener)
        });
    }
    html! { <div class="ipsc-report" ref={container}></div> }
}

/// The event by which the report module asks the app to move to a step.
const GO_EVENT: &str = "ipsc-go";

/// A move as the event carries it: the step's fragment, then a field's id after a space.
fn write_move(step: Step, field: Option<&str>) -> String {
    match field {
        Some(field) => format!("{} {field}", hash_of(step)),
        None => hash_of(step),
    }
}

/// A move from what [`write_move`] wrote.
fn read_move(text: &str) -> Option<(Step, Option<String>)> {
    let (hash, field) = match text.split_once(' ') {
        Some((hash, field)) => (hash, Some(field.to_owned())),
        None => (text, None),
    };
    Some((step_from_hash(hash)?, field))
}

thread_local! {
    /// The results the module draws, and the box they are in.
    static DRAWN: std::cell::RefCell<Option<(web_sys::Element, yew::AppHandle<Report>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The report module's entry: draws the results from `input` into `container`, or, if
/// they are drawn there already, draws them again from the new input.
pub fn mount(container: web_sys::Element, input: &str) {
    let Some(input) = Input::decode(input) else {
        return;
    };
    let go = {
        let container = container.clone();
        Callback::from(move |(step, field): (Step, Option<String>)| {
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&write_move(step, field.as_deref()).into());
            init.set_bubbles(false);
            if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(GO_EVENT, &init) {
                let _ = container.dispatch_event(&event);
            }
        })
    };
    let props = ReportProps { input, go };
    DRAWN.with(|drawn| {
        let mut drawn = drawn.borrow_mut();
        match drawn.as_mut() {
            Some((at, handle)) if *at == container => handle.update(props),
            _ => {
                if let Some((_, old)) = drawn.take() {
                    old.destroy();
                }
                let handle =
                    yew::Renderer::<Report>::with_root_and_props(container.clone(), props).render();
                *drawn = Some((container, handle));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_crosses_as_it_was_made() {
        for (step, field) in [
            (Step::Check, None),
            (Step::Check, Some("ipsc-year".to_owned())),
            (Step::Loans, Some("ipsc-loan-0-principal".to_owned())),
        ] {
            assert_eq!(
                read_move(&write_move(step, field.as_deref())),
                Some((step, field))
            );
        }
        assert_eq!(read_move("#nowhere"), None);
    }
}
