//! The QR code of a share link, drawn as an SVG image. Built as a wasm module of its own
//! (`./x build` writes it as `qr-HASH.js` and `qr-HASH_bg.wasm`), which the app loads only
//! when a kiosk shows its results: the encoder is never part of anyone's first load.

use qrcodegen::{QrCode, QrCodeEcc};
use wasm_bindgen::prelude::*;

/// The quiet zone around the code, in modules, as the QR standard asks for.
const BORDER: i32 = 4;

/// CSS pixels a module: a longer link (more loans) makes a larger code, not a denser one,
/// so a phone's camera reads it as easily.
const MODULE_PX: i32 = 4;

/// A QR code drawn as an SVG path: `size` modules square, quiet zone included, with the
/// dark modules as `path` in a `0 0 size size` view box.
#[derive(Debug, PartialEq, Eq)]
pub struct Drawing {
    /// Width and height in modules, the quiet zone included.
    pub size: i32,
    /// The dark modules, each row's runs as one rectangle.
    pub path: String,
}

/// The code of `text`, or `None` if it is too long for any QR code. Error correction is
/// the lowest that fits (raised when it costs no extra size): a code on a screen is not
/// scuffed like a printed one, and fewer modules scan more easily from a distance.
pub fn draw(text: &str) -> Option<Drawing> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let modules = code.size();
    let mut path = String::new();
    for y in 0..modules {
        let mut x = 0;
        while x < modules {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < modules && code.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            path.push_str(&format!(
                "M{},{}h{run}v1h-{run}z",
                start + BORDER,
                y + BORDER
            ));
        }
    }
    Some(Drawing {
        size: modules + 2 * BORDER,
        path,
    })
}

/// For the app: the code of `text` as an `<svg>` element named `label` (an image to a
/// screen reader), light modules white and dark ones black whatever the page's colours,
/// `MODULE_PX` CSS pixels a module (the style sheet shrinks it to a narrow column); an
/// empty string if the text is too long for any QR code.
#[wasm_bindgen]
pub fn qr_svg(text: &str, label: &str) -> String {
    draw(text).map_or_else(String::new, |d| {
        let label = label
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        format!(
            r##"<svg class="ipsc-qr__code" width="{px}" height="{px}" viewBox="0 0 {size} {size}" role="img" aria-label="{label}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##,
            size = d.size,
            px = d.size * MODULE_PX,
            path = d.path
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_draws_every_dark_module_once_inside_the_quiet_zone() {
        let link = "https://example.gov.cn/ipsc/#a=v%3D2%26p%3Dsuizhou-2024-15%26sum%3D1a2b3c4d";
        let drawing = draw(link).unwrap_or_else(|| panic!("a short link fits"));
        let code = QrCode::encode_text(link, QrCodeEcc::Low).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(drawing.size, code.size() + 2 * BORDER);
        // Each run is `M x,y h n v1 h-n z`: the runs' lengths add up to the dark modules.
        let dark = (0..code.size())
            .flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .count();
        let drawn: usize = drawing
            .path
            .split('M')
            .skip(1)
            .map(|run| {
                let (at, rest) = run.split_once('h').unwrap_or_else(|| panic!("{run}"));
                let (x, y) = at.split_once(',').unwrap_or_else(|| panic!("{at}"));
                let x: i32 = x.parse().unwrap_or_else(|e| panic!("{e}"));
                let y: i32 = y.parse().unwrap_or_else(|e| panic!("{e}"));
                assert!(x >= BORDER && y >= BORDER && y < drawing.size - BORDER);
                let n: usize = rest
                    .split_once('v')
                    .and_then(|(n, _)| n.parse().ok())
                    .unwrap_or_else(|| panic!("{rest}"));
                n
            })
            .sum();
        assert_eq!(drawn, dark);
        let svg = qr_svg(link, "A \"code\" & <more>");
        assert!(svg.contains(&format!(r#"d="{}""#, drawing.path)), "{svg}");
        assert!(
            svg.contains(r#"aria-label="A &quot;code&quot; &amp; &lt;more>""#),
            "{svg}"
        );
    }

    #[test]
    fn a_text_too_long_for_any_code_draws_nothing() {
        let text = "x".repeat(8000);
        assert_eq!(draw(&text), None);
        assert_eq!(qr_svg(&text, "label"), "");
    }
}
