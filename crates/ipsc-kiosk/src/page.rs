//! The kiosk's own copy of the app's page: the root element told, by attributes the app
//! already reads, that it runs on a kiosk, so that the browser can open the plain address.

/// The attributes for `#ipsc-root`: the kiosk mode, its idle time and, when there is one,
/// the share base (escaped: it comes from the command line).
pub fn root_attributes(idle: u32, share_base: Option<&str>) -> String {
    let mut attributes = format!(r#" data-mode="kiosk" data-idle-seconds="{idle}""#);
    if let Some(base) = share_base {
        attributes.push_str(&format!(r#" data-share-base="{}""#, escape(base)));
    }
    attributes
}

/// The page with `attributes` added to its one `<div>` whose id is `ipsc-root`. They go
/// first in the tag: where the page already carries one of them, HTML keeps the first, so
/// the program's settings win. Fails, in words for the operator, on a page with no such
/// element or more than one.
pub fn with_root_attributes(html: &str, attributes: &str) -> Result<String, String> {
    let mut roots = html
        .match_indices("<div")
        .map(|(at, _)| at)
        .filter(|&at| html.get(at..).is_some_and(is_root_tag));
    let (Some(at), None) = (roots.next(), roots.next()) else {
        return Err(
            "the built-in index.html must have exactly one <div id=\"ipsc-root\">; \
                    rebuild the program from a release build of the app (./x kiosk)"
                .into(),
        );
    };
    let (before, after) = html
        .split_at_checked(at + "<div".len())
        .ok_or("cannot split")?;
    Ok(format!("{before}{attributes}{after}"))
}

/// Whether `tag` (from `<div` on) is a div start tag with `id` `ipsc-root`, quoted or not
/// (trunk's minifier drops the quotes).
fn is_root_tag(tag: &str) -> bool {
    let Some(rest) = tag.strip_prefix("<div") else {
        return false;
    };
    if !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return false;
    }
    let attributes = rest.split('>').next().unwrap_or_default();
    attributes
        .split_ascii_whitespace()
        .map(|a| a.trim_end_matches('/'))
        .any(|a| matches!(a, "id=ipsc-root" | "id=\"ipsc-root\"" | "id='ipsc-root'"))
}

/// Text made safe inside a double-quoted HTML attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.
mod tests {
    use super::*;

    #[test]
    fn the_root_gets_the_kiosk_mode_and_idle_time_quoted_or_minified() {
        let attributes = root_attributes(120, None);
        for page in [
            r#"<body><div id="ipsc-root" class="ipsc-root"><noscript>x</noscript></div>"#,
            "<body><div class=ipsc-root id=ipsc-root><noscript>x</noscript></div>",
            "<body><div\nid='ipsc-root'></div>",
        ] {
            let out = with_root_attributes(page, &attributes).unwrap();
            assert!(
                out.contains(r#"<div data-mode="kiosk" data-idle-seconds="120" "#)
                    || out.contains("<div data-mode=\"kiosk\" data-idle-seconds=\"120\"\n"),
                "{out}"
            );
            assert!(!out.contains("data-share-base"), "{out}");
            assert_eq!(out.matches("data-mode").count(), 1);
        }
    }

    #[test]
    fn the_share_base_is_escaped() {
        let attributes = root_attributes(180, Some(r#"https://example.gov.cn/?a="1"&b=<i>'"#));
        assert_eq!(
            attributes,
            r#" data-mode="kiosk" data-idle-seconds="180" data-share-base="https://example.gov.cn/?a=&quot;1&quot;&amp;b=&lt;i&gt;&#39;""#
        );
    }

    #[test]
    fn the_programs_settings_come_first_so_they_win_over_the_pages() {
        let page = r#"<div id="ipsc-root" data-mode="standalone"></div>"#;
        let out = with_root_attributes(page, &root_attributes(60, None)).unwrap();
        assert!(
            out.starts_with(r#"<div data-mode="kiosk" data-idle-seconds="60" id="ipsc-root""#),
            "{out}"
        );
    }

    #[test]
    fn a_page_without_exactly_one_root_is_refused() {
        for page in [
            "<div id=other></div>",
            "<div data-id=ipsc-root></div>",
            "<divider id=ipsc-root></divider>",
            r#"<div class="id=ipsc-root"></div>"#,
            "<div id=ipsc-root></div><div id=ipsc-root></div>",
            "",
        ] {
            let error = with_root_attributes(page, " x").unwrap_err();
            assert!(error.contains("exactly one"), "{page}: {error}");
        }
    }
}
