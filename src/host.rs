//! What the app does in the page that shows it: at mount, reads the hosting settings
//! (`settings`) from the root element's `data-*` attributes or the page URL's query, says
//! in the console which were not used, and applies the host's colour and text scale.
//!
//! What goes back, only when the app is in a frame: its height (`resize-height`, so the
//! frame fits it with no scrollbar inside), and, only to the origin the host named, the
//! result's amounts (`result`). Never the answers.

use rust_decimal::Decimal;

use crate::settings::{self, Settings};

/// Reads the settings of the app about to mount in `root` (its `data-*` attributes, or
/// where it has none the page URL's query, unless it is embedded by script, when the URL
/// is the host page's own and says nothing to the app), keeps them for the page's life,
/// says in the console which were not used and why, applies the host's looks and, in a
/// frame, starts telling the framing page the app's height.
pub(crate) fn install(root: Option<&web_sys::Element>) -> &'static Settings {
    let assets = root.and_then(|r| r.get_attribute("data-assets"));
    let query = web_sys::window()
        .filter(|_| assets.is_none())
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (settings, refused) = settings::read(assets, |attribute, key| {
        root.and_then(|r| r.get_attribute(attribute)).or_else(|| {
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        })
    });
    for why in &refused {
        web_sys::console::warn_1(&why.into());
    }
    let settings = settings::keep(settings);
    apply_looks(
        settings,
        root.and_then(|r| wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(r)),
    );
    follow_height();
    settings
}

/// Applies the host's colour and text scale as the custom properties the style sheet
/// reads: the colour on the app's root element; the scale on the document's root, only
/// when the document is the app's own (in a frame or its own page), never on a host's page.
fn apply_looks(settings: &Settings, root: Option<&web_sys::HtmlElement>) {
    use wasm_bindgen::JsCast;
    if let (Some((colour, dark)), Some(root)) = (&settings.colour, root) {
        let style = root.style();
        let _ = style.set_property("--ipsc-accent", colour);
        let _ = style.set_property("--ipsc-accent-dark", dark);
    }
    let own_page = settings.assets.is_none();
    let html = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let (Some(scale), Some(html), true) = (&settings.scale, html, own_page) {
        let _ = html.style().set_property("--ipsc-scale", scale);
        let _ = html.class_list().add_1("ipsc-scaled");
    }
}

/// The page that frames the app, when the app is framed on its own page (not mounted by
/// `embed.js` in the host's page, which needs no message to fit).
fn framing_window() -> Option<web_sys::Window> {
    let window = crate::browser::own_window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// `{ source: "ipsc", kind, … }`, the shape of every message the app posts.
fn message(kind: &str, fields: &[(&str, wasm_bindgen::JsValue)]) -> js_sys::Object {
    let head = [("source", "ipsc".into()), ("kind", kind.into())];
    object(&[&head[..], fields].concat())
}

/// A plain object of these fields.
fn object(fields: &[(&str, wasm_bindgen::JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}

/// In a frame, posts the document's height to the framing page whenever it changes (a
/// step, an error summary, the results, large text, a new width): `{ source: "ipsc",
/// kind: "resize-height", value: <CSS px> }`. The height is no one's answer, so it goes
/// to whichever page frames the app (`frame.js` there checks that it came from its own
/// frame and the app's origin).
fn follow_height() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(parent) = framing_window() else {
        return;
    };
    let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let last = std::cell::Cell::new(0.0);
    let measured = html.clone();
    let post = Closure::<dyn Fn()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height > 0.0 && height != last.replace(height) {
            let _ =
                parent.post_message(&message("resize-height", &[("value", height.into())]), "*");
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&html);
        // The observer and its callback live as long as the page: one, made once.
        post.forget();
        std::mem::forget(observer);
    }
}

/// In a frame whose host named its origin: what posts this result to that origin only,
/// `{ source: "ipsc", kind: "result", v: 1, total, lines: [{ measure, status, amount }]
/// }`. Amounts are yuan as exact decimal text (`"300000.00"`), as the page shows them
/// without its separators (the lines are already rounded to the fen; rounding again, the
/// engine's way, only fixes the two decimals). Nothing else about the answers goes.
pub(crate) fn result(assessment: &ipsc_engine::Assessment) -> Option<impl FnOnce()> {
    let origin = settings::get().host_origin.as_deref()?;
    let parent = framing_window()?;
    let yuan = |amount: Decimal| format!("{:.2}", ipsc_engine::money::round_to_fen(amount)).into();
    let lines = js_sys::Array::new();
    for line in &assessment.lines {
        lines.push(&object(&[
            ("measure", line.measure.as_str().into()),
            ("status", line.status.code().into()),
            ("amount", yuan(line.amount)),
        ]));
    }
    let result = message(
        "result",
        &[
            ("v", 1.into()),
            ("total", yuan(assessment.total)),
            ("lines", lines.into()),
        ],
    );
    Some(move || {
        let _ = parent.post_message(&result, origin);
    })
}
