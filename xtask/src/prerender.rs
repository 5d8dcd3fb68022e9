//! The first step written into the built page (src/prerender.rs in the app): the post-build
//! hook renders it natively with `ipsc-prerender` for this build's pack and puts it inside
//! the page's `#ipsc-root`, where the fallback script shows it only to a visitor the app
//! would open on that very screen (xtask/src/loader.rs).

use crate::cmd::Result;
use std::path::Path;

/// Renders the first step (native, with the pack `IPSC_PACK` names, as the wasm was built)
/// with last year as its default year, and writes it into `staging`'s `index.html`.
pub fn write_into(staging: &Path) -> Result {
    let year = last_full_year(std::time::SystemTime::now())?;
    // Not the wasm's standard library built from source: this build is native.
    let removed: Vec<String> = crate::release::BUILD_STD
        .iter()
        .map(|(key, _)| (*key).to_owned())
        .collect();
    let step = crate::cmd::output(
        "cargo",
        &[
            "run",
            "--quiet",
            "--locked",
            "-p",
            "ipsc-app",
            "--bin",
            "ipsc-prerender",
            "--",
            &year.to_string(),
        ],
        &removed,
    )?;
    let path = staging.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let page = with_inert_preloads(&with_step(&html, step.trim())?);
    std::fs::write(&path, page).map_err(|e| e.to_string())?;
    println!(
        "xtask: wrote the first step into index.html ({} bytes, year {year})",
        step.len()
    );
    Ok(())
}

/// `html` with `step` just before its one `<noscript>`, the root's own words for a browser
/// without JavaScript, so first inside `#ipsc-root` (index.html).
fn with_step(html: &str, step: &str) -> Result<String> {
    let mut found = html.match_indices("<noscript>").map(|(at, _)| at);
    let (Some(at), None) = (found.next(), found.next()) else {
        return Err("index.html must have exactly one <noscript>, in #ipsc-root".into());
    };
    Ok(format!("{}{step}{}", &html[..at], &html[at..]))
}

/// The id of the `<template>` that holds the page's preloads (boot-HASH.js adds them).
pub const PRELOADS: &str = "ipsc-preload";

/// `html` with trunk's preloads of the app's JS and wasm (`rel=preload`, `rel=modulepreload`)
/// moved, as they are, into `<template id="ipsc-preload">`, where they fetch nothing: the
/// loader adds them when it starts the app, at once, or once the first step written into
/// the page is painted, so that its first paint shares the network with none of them.
/// (Lighthouse times a paint by every request that began before it.)
fn with_inert_preloads(html: &str) -> String {
    let mut rest = html;
    let mut kept = String::new();
    let mut links = String::new();
    let mut at = None;
    while let Some(open) = rest.find("<link") {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..=open + close];
        kept.push_str(&rest[..open]);
        let preload = [
            "rel=preload",
            "rel=\"preload\"",
            "rel=modulepreload",
            "rel=\"modulepreload\"",
        ]
        .iter()
        .any(|rel| tag.contains(rel));
        if preload {
            at.get_or_insert(kept.len());
            links.push_str(tag);
        } else {
            kept.push_str(tag);
        }
        rest = &rest[open + close + 1..];
    }
    kept.push_str(rest);
    if let Some(at) = at {
        kept.insert_str(
            at,
            &format!(r#"<template id="{PRELOADS}">{links}</template>"#),
        );
    }
    kept
}

/// The calendar year before the one `now` falls in (UTC), the default year a fresh form
/// starts with; the page's script shows the step only where the browser's own clock
/// agrees.
fn last_full_year(now: std::time::SystemTime) -> Result<i64> {
    let seconds = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| "the clock is before 1970")?
        .as_secs();
    let days = i64::try_from(seconds / 86_400).map_err(|e| e.to_string())?;
    Ok(civil_year(days) - 1)
}

/// The proleptic Gregorian year of the day `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, reduced to the year).
fn civil_year(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March … 11 = February
    let year = year_of_era + era * 400;
    if month_index >= 10 {
        year + 1
    } else {
        year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_turns_at_midnight_on_the_first_of_january() {
        // 1970-01-01, 2024-02-29 (19 782), 2024-12-31 (20 088), 2025-01-01 (20 089),
        // 2000-03-01 (11 017), 1969-12-31 (-1).
        for (days, year) in [
            (0, 1970),
            (19_782, 2024),
            (20_088, 2024),
            (20_089, 2025),
            (11_017, 2000),
            (-1, 1969),
        ] {
            assert_eq!(civil_year(days), year, "day {days}");
        }
        let new_year_2027 = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_798_761_600);
        assert_eq!(last_full_year(new_year_2027), Ok(2026));
        assert_eq!(
            last_full_year(new_year_2027 - std::time::Duration::from_secs(1)),
            Ok(2025)
        );
    }

    #[test]
    fn the_preloads_wait_in_a_template_and_nothing_else_moves() {
        let page = r#"<head><link href=data:, rel=icon><link href=a.css rel=stylesheet><link crossorigin href=./a.js integrity=sha384-x rel=modulepreload><link as=fetch href="./a_bg.wasm" rel="preload"></head>"#;
        assert_eq!(
            with_inert_preloads(page),
            r#"<head><link href=data:, rel=icon><link href=a.css rel=stylesheet><template id="ipsc-preload"><link crossorigin href=./a.js integrity=sha384-x rel=modulepreload><link as=fetch href="./a_bg.wasm" rel="preload"></template></head>"#
        );
        let none = "<head><link href=a.css rel=stylesheet></head>";
        assert_eq!(with_inert_preloads(none), none);
    }

    #[test]
    fn the_step_goes_before_the_roots_noscript() -> Result {
        let page = "<body><div class=ipsc-root id=ipsc-root><noscript>x</noscript></div>";
        assert_eq!(
            with_step(page, "<div class=ipsc-pre></div>")?,
            "<body><div class=ipsc-root id=ipsc-root><div class=ipsc-pre></div><noscript>x</noscript></div>"
        );
        assert!(with_step("<body><div id=ipsc-root></div>", "x").is_err());
        assert!(with_step("<noscript>a</noscript><noscript>b</noscript>", "x").is_err());
        Ok(())
    }
}
