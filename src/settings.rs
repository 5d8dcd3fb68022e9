//! The hosting settings, each checked: how the app is hosted, where its files are, a
//! kiosk's idle time and share base, the language, the host's colour and text scale, and
//! the origin that may hear the result. They come from the root element's `data-*`
//! attributes or, where it has none, the page URL's query (so a frame says
//! `src="…/?mode=embedded&colour=%23b5121b"` with no copy of the page). A setting that is
//! malformed or that would break accessibility is not used, and the reading says why, for
//! the webmaster's console.
//!
//! Pure: the reading takes a getter and touches no page, so it runs and is tested
//! natively. `host` reads the page with it at mount and keeps the result here.

use ipsc_engine::Lang;

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
    /// Where the app's own files are, when a host page loaded it with `embed.js`, which
    /// sets the root element's `data-assets` (never read from a URL). Then the page's URL
    /// is the host's: the app reads no setting from its query, keeps its step in memory,
    /// never touches the host's URL, and fetches its files from here.
    pub assets: Option<String>,
}

/// Reads the settings: `assets` as the root element's `data-assets` gives it, the others
/// with `get(attribute, query key)`; returns them and, for each setting not used, why (in
/// English, for the webmaster's console).
pub fn read(
    assets: Option<String>,
    get: impl Fn(&str, &str) -> Option<String>,
) -> (Settings, Vec<String>) {
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
        assets,
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

/// The settings as read when the app mounted (by `host`, at `mount`).
static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();

/// The settings the app mounted with (all unsaid before it mounted, as in tests).
pub fn get() -> &'static Settings {
    SETTINGS.get_or_init(|| read(None, |_, _| None).0)
}

/// Keeps the settings read at mount for the page's life, and gives them back; the first
/// kept (or read by [`get`]) stay.
pub(crate) fn keep(settings: Settings) -> &'static Settings {
    SETTINGS.get_or_init(|| settings)
}

/// The base URL of the app's own files when embedded by script ([`Settings::assets`]).
pub fn assets_base() -> Option<&'static str> {
    get().assets.as_deref()
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
        read(None, |_, key| {
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
            super::get().idle_seconds,
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

    #[test]
    fn where_the_files_are_is_said_by_the_root_element_alone() {
        // As `embed.js` writes it; nothing else of the settings changes with it.
        let base = "https://apps.example.gov.cn/ipsc/";
        let (s, refused) = read(Some(base.into()), |_, _| None);
        assert_eq!(s.assets.as_deref(), Some(base));
        assert_eq!(
            (s.mode, refused.len()),
            (Mode::Standalone, 0),
            "embed.js also says the mode"
        );
        // The reading never asks the page for it: a query's `?assets=` cannot send the
        // app's requests elsewhere.
        let (s, _) = read(None, |attribute, key| {
            assert_ne!(attribute, "data-assets");
            (key == "assets").then(|| "https://evil.example/".to_owned())
        });
        assert_eq!(s.assets, None);
        assert_eq!(assets_base(), None, "before mount");
    }

    #[test]
    fn a_colour_is_read_only_as_rrggbb_and_its_hover_is_darker() {
        for bad in ["#fff", "1d4f91", "#1d4f9g", "#1d4f911", "#１２３４５６", ""] {
            assert_eq!(rgb(bad), None, "{bad}");
        }
        assert_eq!(rgb("#1D4f91"), Some([0x1d, 0x4f, 0x91]));
        assert_eq!(hex([0, 0x0a, 0xff]), "#000aff");
        // Black and white are the ends of the luminance scale.
        assert!(luminance([0; 3]).abs() < 1e-9);
        assert!((luminance([0xff; 3]) - 1.0).abs() < 1e-9);
        // Every grey with enough contrast gives a hover with more.
        for c in 0..=0x76u8 {
            let colour = hex([c; 3]);
            let dark = settings(&[("colour", &colour)])
                .0
                .colour
                .and_then(|(_, dark)| rgb(&dark));
            assert!(
                dark.is_some_and(|d| luminance(d) <= luminance([c; 3]) && contrasts_with_white(d)),
                "{colour}"
            );
        }
    }

    #[test]
    fn a_refusal_names_the_setting_and_what_was_given() {
        let (_, refused) = settings(&[("idle", "-5"), ("lang", "fr"), ("host", "*")]);
        let [idle, lang, host] = refused.as_slice() else {
            panic!("three refusals: {refused:?}");
        };
        assert!(idle.contains("idle time \"-5\""), "{idle}");
        assert!(lang.contains("language \"fr\""), "{lang}");
        assert!(host.contains("host origin \"*\""), "{host}");
        assert!(refused
            .iter()
            .all(|r| r.starts_with("IP Subsidy Self-Check: ")));
    }

    #[test]
    fn the_edges_of_the_other_settings() {
        assert_eq!(settings(&[("idle", "99999999999")]).1.len(), 1, "too long");
        assert_eq!(settings(&[("lang", "zh-CN")]).0.lang, Some(Lang::Zh));
        let scale = |text: &str| settings(&[("scale", text)]).0.scale;
        assert_eq!(scale("1").as_deref(), Some("1.00"));
        assert_eq!(scale("1.00").as_deref(), Some("1.00"));
        assert_eq!(scale("100"), None, "a percentage is not a scale");
        for bad in ["https://a.example?x=1", "https://a.example#top"] {
            assert_eq!(settings(&[("host", bad)]).0.host_origin, None, "{bad}");
        }
        let (s, _) = settings(&[("host", "http://192.0.2.1:8080/")]);
        assert_eq!(s.host_origin.as_deref(), Some("http://192.0.2.1:8080"));
        assert!(is_web_address("http://192.0.2.1:8080/ipsc/"));
        assert!(!is_web_address("https:// a.example/"));
    }
}
