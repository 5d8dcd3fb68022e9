//! What a kiosk adds to its results for the stranger in front of it: a QR code of the
//! share link, to take the estimate home. The QR encoder is a wasm module of its own
//! (crates/ipsc-qr), loaded only here, so it is never part of the first load.

use crate::strings;
use ipsc_engine::Lang;
use yew::prelude::*;

/// The QR module's file, beside the app's (`qr-HASH.js`), as `./x build` names it; a build
/// without it (the tests') shows that the code could not be made.
const QR_MODULE: Option<&str> = option_env!("IPSC_QR_MODULE");

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/modules.js")]
extern "C" {
    /// Loads the QR module `name` (once) from `base` (or beside the page) and draws `text`
    /// into `container` as an image named `label`, or writes `failed` there.
    #[wasm_bindgen(js_name = drawQr)]
    fn draw_qr(
        container: &web_sys::Element,
        name: &str,
        base: &str,
        text: &str,
        label: &str,
        failed: &str,
    );
}

/// The QR code of `link`, if there is one, with its caption. The code is drawn into its box
/// by the QR module (the box is the module's: nothing else renders into it), again when
/// the link or the language changes.
#[hook]
pub(crate) fn use_qr_code(link: Option<String>, lang: Lang) -> Html {
    let container = use_node_ref();
    {
        let container = container.clone();
        use_effect_with((link.clone(), lang), move |(link, lang)| {
            if let (Some(element), Some(link)) = (container.cast::<web_sys::Element>(), link) {
                let failed = strings::QR_FAILED.get(*lang);
                match QR_MODULE {
                    Some(module) => draw_qr(
                        &element,
                        module,
                        crate::settings::assets_base().unwrap_or_default(),
                        link,
                        strings::QR_LABEL.get(*lang),
                        failed,
                    ),
                    None => {
                        let _ = element.set_attribute("role", "status");
                        element.set_text_content(Some(failed));
                    }
                }
            }
        });
    }
    if link.is_none() {
        return Html::default();
    }
    html! {
        <figure class="ipsc-qr">
            <div class="ipsc-qr__box" ref={container} data-testid="qr-code"></div>
            // In both languages, the page's first: the next person at a public kiosk may
            // read either, and may not know the switch is there.
            <figcaption class="ipsc-hint">
                <span class="ipsc-qr__caption">{ strings::QR_CAPTION.get(lang) }</span>
                <span class="ipsc-qr__caption" lang={lang.other().tag()}>{ strings::QR_CAPTION.get(lang.other()) }</span>
            </figcaption>
        </figure>
    }
}
