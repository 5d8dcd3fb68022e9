//! What the page that shows the app asks of it, and the little the app tells that page
//! back. The settings come from the root element's `data-*` attributes or, where it has
//! none, the page URL's query (so a frame says `src="…/?mode=embedded&colour=%23b5121b"`
//! with no copy of the page). A setting that is malformed or that would break
//! accessibility is not used, and the console says why, for the webmaster.
//!
//! What goes back, only when the app is in a frame: its height (`resize-height`, so the
//! frame fits it with no scrollbar inside), and, only to the origin the host named, the
//! result's amounts (`result`). Never the answers.

use ipsc_engine::Lang;
use rust_decimal::Decimal;

/// How the app is hosted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// The app's own page: answers are kept in this browser.
    #[default]
    Standalone,
    /// In someone else's page (a frame or `embed.js`): nothing is kept.
    Embedded,
    /// A kiosk: nothing is kept, and it starts afresh when no one uses it.
    Kiosk,
}

/// How long a kiosk waits with no one using it before it starts afresh, unless told.
pub const KIOSK_IDLE_SECONDS: u32 = 180;

/// The smallest and largest text scale a host may ask for, in hundredths: never smaller
/// than the app's own size (already the smallest that reads well), at most twice it.
const SCALES: std::ops::RangeInclusive<u32> = 100..=200;

/// The lowest contrast a host's colour must have with the white text drawn on it (and
/// with the white page it is drawn on as text): WCAG 2.1 AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// The settings, each checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// How the app is hosted.
    pub mode: Mode,
    /// On a kiosk, the seconds with no one using it before it starts afresh.
    pub idle_seconds: u32,
    /// On a kiosk, the public address of the standalone page, for its share links and QR
    /// code (`data-share-base`, `?share=`). Used nowhere else: anywhere but a kiosk a
    /// share link opens the page it was made on, so no crafted address can send a
    /// visitor's answers elsewhere.
    pub share_base: Option<String>,
    /// The language to open in (`data-lang`, `?lang=`).
    pub lang: Option<Lang>,
    /// The host's main colour, `#rrggbb`, and a darker shade of it for hover.
    pub colour: Option<(String, String)>,
    /// The text scale, as CSS reads it (`1.25`).
    pub scale: Option<String>,
    /// The origin the host page named to receive the result (`data-host-origin`,
    /// `?host=`); none, none is sent.
    pub host_origin: Option<String>,
}

/// Reads the settings with `get(attribute, query key)`; returns them and, for each
/// setting not used, why (in English, for the webmaster's console).
pub fn read(get: impl Fn(&str, &str) -> Option<String>) -> (Settings, Vec<String>) {
    let mut refused = Vec::new();
    let mut refuse = |what: &str, value: &str, why: &str| {
        refused.push(format!(
            "IP Subsidy Self-Check: {what} \"{value}\" is not used: {why}"
        ));
    };
    let mode = match get("data-mode", "mode").as_deref() {
        None | Some("standalone") => Mode::Standalone,
        Some("kiosk") => Mode::Kiosk,
        Some("embedded") => Mode::Embedded,
        Some(other) => {
            // Keeping nothing is the safe reading of a mode not known.
            refuse(
                "the mode",
                other,
                "it must be standalone, embedded or kiosk; embedded is used",
            );
            Mode::Embedded
        }
    };
    let idle_seconds =
        get("data-idle-seconds", "idle").map_or(KIOSK_IDLE_SECONDS, |text| {
            match text.parse::<u32>() {
                Ok(seconds) if seconds > 0 => seconds,
                _ => {
                    refuse(
                        "the idle time",
                        &text,
                        "it must be a whole number of seconds",
                    );
                    KIOSK_IDLE_SECONDS
                }
            }
        });
    let share_base = get("data-share-base", "share").and_then(|url| {
        if mode != Mode::Kiosk {
            refuse("the share base", &url, "it is for kiosks only");
            return None;
        }
        let base = url.split('#').next().unwrap_or_default().to_owned();
        if is_web_address(&base) {
            Some(base)
        } else {
            refuse(
                "the share base",
                &url,
                "it must be an http or https address",
            );
            None
        }
    });
    let lang = get("data-lang", "lang").and_then(|tag| {
        let lang = Lang::from_tag(&tag);
        if lang.is_none() {
            refuse("the language", &tag, "it must be zh-CN or en");
        }
        lang
    });
    let colour = get("data-colour", "colour").and_then(|text| match rgb(&text) {
        None => {
            refuse("the colour", &text, "it must be written #rrggbb");
            None
        }
        Some(rgb) if !contrasts_with_white(rgb) => {
            refuse(
                "the colour",
                &text,
                "white text on it, or it on white, would have less than 4.5:1 contrast (WCAG 2.1 AA)",
            );
            None
        }
        Some([r, g, b]) => {
            // Hover: 70 % of each channel, darker still, so its contrast only grows.
            let dark = [r, g, b].map(|c| u8::try_from(u16::from(c) * 7 / 10).unwrap_or(c));
            Some((hex([r, g, b]), hex(dark)))
        }
    });
    let scale = get("data-scale", "scale").and_then(|text| {
        let within = hundredths(&text).filter(|h| SCALES.contains(h));
        if within.is_none() {
            refuse(
                "the text scale",
                &text,
                "it must be a number from 1 to 2 with at most two decimals, such as 1.25",
            );
        }
        within.map(|h| format!("{}.{:02}", h / 100, h % 100))
    });
    let host_origin = get("data-host-origin", "host").and_then(|text| {
        // `https://www.example.gov.cn/` is how many write an origin; the slash is no path.
        let origin = text.strip_suffix('/').unwrap_or(&text);
        if is_origin(origin) {
            Some(origin.to_owned())
        } else {
            refuse(
                "the host origin",
                &text,
                "it must be an origin such as https://www.example.gov.cn, with no path",
            );
            None
        }
    });
    let settings = Settings {
        mode,
        idle_seconds,
        share_base,
        lang,
        colour,
        scale,
        host_origin,
    };
    (settings, refused)
}

/// `1`, `1.2` or `1.25` in hundredths. (rust_decimal's reader would bring 3 KB of code
/// into the first load for this one setting.)
fn hundredths(text: &str) -> Option<u32> {
    let (whole, fraction) = match text.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (text, ""),
    };
    let digits = |s: &str, most: usize| s.len() <= most && s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole, 3) || !digits(fraction, 2) {
        return None;
    }
    let fraction = format!("{fraction:0<2}");
    Some(whole.parse::<u32>().ok()? * 100 + fraction.parse::<u32>().ok()?)
}

/// An http or https address with a host (and no user name), with nothing that is never
/// raw in an address: as the kiosk program's `--share-base` checks it (which also refuses
/// a `#` part, where this drops it).
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?']).next().unwrap_or_default();
        !host.is_empty()
            && !host.contains('@')
            && !r.contains(['"', '<', '>'])
            && !r.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// `scheme://host[:port]`, nothing after: what `postMessage` takes as a target origin.
fn is_origin(text: &str) -> bool {
    is_web_address(text) && {
        let (_, rest) = text.split_once("://").unwrap_or_default();
        !rest.contains(['/', '?', '#', '@'])
    }
}

/// `#rrggbb` as its three channels.
fn rgb(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Whether white on this colour (and this colour on white) meets [`MIN_CONTRAST`]. WCAG's
/// ratio is (1 + 0.05) / (L + 0.05) with L the colour's relative luminance, so the test
/// is L ≤ 1.05 / ratio − 0.05.
fn contrasts_with_white(rgb: [u8; 3]) -> bool {
    luminance(rgb) <= 1.05 / MIN_CONTRAST - 0.05
}

/// WCAG 2.1's relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let [r, g, b] = rgb.map(|c| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            pow((c + 0.055) / 1.055, 2.4)
        }
    });
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// The settings as read when the app mounted (see [`crate::mount`]).
static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();

/// The settings (with nothing said, before the app mounted, as in tests).
pub fn settings() -> &'static Settings {
    SETTINGS.get_or_init(|| read(|_, _| None).0)
}

/// Reads the settings of the app about to mount in `root` (its `data-*` attributes, or
/// where it has none the page URL's query, unless it is embedded by script, when the URL
/// is the host page's own and says nothing to the app), keeps them for the page's life,
/// says in the console which were not used and why, applies the host's looks and, in a
/// frame, starts telling the framing page the app's height.
pub(crate) fn install(root: Option<&web_sys::Element>) -> &'static Settings {
    let query = web_sys::window()
        .filter(|_| crate::assets_base().is_none())
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (settings, refused) = read(|attribute, key| {
        root.and_then(|r| r.get_attribute(attribute)).or_else(|| {
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        })
    });
    for why in &refused {
        web_sys::console::warn_1(&why.into());
    }
    let settings = SETTINGS.get_or_init(|| settings);
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
    let own_page = crate::assets_base().is_none();
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
    let origin = settings().host_origin.as_deref()?;
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

/// `x` to the power `y`: the browser's own, where there is one (Rust's would bring 2 KB of
/// code into the first load for one setting).
fn pow(x: f64, y: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::pow(x, y)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        x.powf(y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> (Settings, Vec<String>) {
        read(|_, key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn with_nothing_said_the_app_is_its_own_page() {
        let (s, refused) = settings(&[]);
        assert_eq!(s.mode, Mode::Standalone);
        assert_eq!(s.idle_seconds, KIOSK_IDLE_SECONDS);
        assert_eq!(
            (s.share_base, s.colour, s.scale, s.host_origin),
            (None, None, None, None)
        );
        assert!(refused.is_empty());
    }

    #[test]
    fn a_host_colour_is_used_only_with_enough_contrast() {
        // The app's own blue passes; a government red passes; a light yellow does not.
        let (s, refused) = settings(&[("colour", "#B5121B")]);
        assert_eq!(s.colour, Some(("#b5121b".into(), "#7e0c12".into())));
        assert!(refused.is_empty());
        assert!(contrasts_with_white([0x1d, 0x4f, 0x91]));
        let (s, refused) = settings(&[("colour", "#ffdd00")]);
        assert_eq!(s.colour, None);
        assert!(refused.concat().contains("4.5:1"), "{refused:?}");
        let (s, refused) = settings(&[("colour", "red")]);
        assert_eq!((s.colour, refused.len()), (None, 1));
        // At the edge: #767676 on white is 4.54:1, #777777 is 4.48:1.
        assert!(contrasts_with_white([0x76; 3]));
        assert!(!contrasts_with_white([0x77; 3]));
    }

    #[test]
    fn a_scale_from_one_to_two_is_used() {
        let scale = |text: &str| settings(&[("scale", text)]).0.scale;
        assert_eq!(scale("1.25").as_deref(), Some("1.25"));
        assert_eq!(scale("1.5").as_deref(), Some("1.50"));
        assert_eq!(scale("2").as_deref(), Some("2.00"));
        for bad in ["0.8", "2.5", "big", "1e1", "1.255", ".5", "1.", "-1", "+1"] {
            let (s, refused) = settings(&[("scale", bad)]);
            assert_eq!((s.scale, refused.len()), (None, 1), "{bad}");
        }
    }

    #[test]
    fn the_host_origin_must_be_an_origin() {
        let good = "https://www.example.gov.cn:8443";
        assert_eq!(
            settings(&[("host", good)]).0.host_origin.as_deref(),
            Some(good)
        );
        let slash = "https://www.example.gov.cn/";
        assert_eq!(
            settings(&[("host", slash)]).0.host_origin.as_deref(),
            Some("https://www.example.gov.cn")
        );
        for bad in [
            "*",
            "https://a.example/path",
            "javascript:alert(1)",
            "https://",
            "https://u@a.example",
        ] {
            let (s, refused) = settings(&[("host", bad)]);
            assert_eq!((s.host_origin, refused.len()), (None, 1), "{bad}");
        }
    }

    #[test]
    fn a_share_base_is_a_kiosks_web_address_without_a_fragment() {
        let (s, refused) = settings(&[("share", "https://example.gov.cn/ipsc/")]);
        assert_eq!(
            (s.share_base, refused.len()),
            (None, 1),
            "not on a page of its own"
        );
        let settings = |pairs: &[(&str, &str)]| settings(&[&[("mode", "kiosk")], pairs].concat());
        let (s, _) = settings(&[("share", "https://example.gov.cn/ipsc/#old")]);
        assert_eq!(
            s.share_base.as_deref(),
            Some("https://example.gov.cn/ipsc/")
        );
        let (s, _) = settings(&[("share", "HTTPS://Example.gov.cn/IPSC/?x=%221%22")]);
        assert_eq!(
            s.share_base.as_deref(),
            Some("HTTPS://Example.gov.cn/IPSC/?x=%221%22")
        );
        for bad in [
            "file:///etc/",
            "https://",
            "https://u@a.example/",
            "https://a.example/\"",
            "https://a.example/ x",
        ] {
            let (s, refused) = settings(&[("share", bad)]);
            assert_eq!((s.share_base, refused.len()), (None, 1), "{bad}");
        }
    }

    #[test]
    fn modes_and_languages() {
        assert_eq!(settings(&[("mode", "kiosk")]).0.mode, Mode::Kiosk);
        assert_eq!(settings(&[("mode", "embedded")]).0.mode, Mode::Embedded);
        let (s, refused) = settings(&[("mode", "kisok")]);
        assert_eq!(
            (s.mode, refused.len()),
            (Mode::Embedded, 1),
            "a typo keeps nothing"
        );
        assert_eq!(settings(&[("idle", "soon")]).1.len(), 1);
        assert_eq!(
            super::settings().idle_seconds,
            KIOSK_IDLE_SECONDS,
            "before mount"
        );
        assert_eq!(settings(&[("lang", "en")]).0.lang, Some(Lang::En));
        assert_eq!(settings(&[("lang", "fr")]).1.len(), 1);
        assert_eq!(
            settings(&[("idle", "0")]).0.idle_seconds,
            KIOSK_IDLE_SECONDS
        );
        assert_eq!(settings(&[("idle", "45")]).0.idle_seconds, 45);
    }
}
