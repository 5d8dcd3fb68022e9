//! The first step written into the page at build time (native only, with Yew's `ssr`).
//!
//! [`first_step`] renders the journey's first step from the same components the app
//! mounts, as a new visitor finds it; `ipsc-prerender`, run by the post-build hook, puts it
//! into `index.html`, so the first question can be read, and answered, before the wasm
//! arrives. Its buttons are disabled and a status line says they work in a moment. The
//! page's fallback script shows it only where the app will open on the same screen
//! (xtask/src/loader.rs); elsewhere it stays hidden. What a person answers in it before the
//! app runs, that script gives to the app's own fields once they show.

/// The class of the element that holds the written step (the fallback script looks for it).
pub const CLASS: &str = "ipsc-pre";

/// The first step as a new visitor finds it in `lang`, with `year` as the default year,
/// wrapped in the element the page's script shows or leaves hidden (`hidden`, so that it
/// stays hidden with no script and no stylesheet).
pub fn first_step(pack: &'static ipsc_engine::Pack, lang: ipsc_engine::Lang, year: i32) -> String {
    use crate::app::{Journey, JourneyProps, Written};
    let props = JourneyProps {
        pack: crate::state::PackRef(pack),
        persist: true,
        idle_reset: None,
        written: Some(Written { lang, year }),
    };
    // Not hydratable: the app mounts afresh, so no comments marking components' bounds.
    let html = futures::executor::block_on(
        yew::LocalServerRenderer::<Journey>::with_props(props)
            .hydratable(false)
            .render(),
    );
    format!(r#"<div class="{CLASS}" data-year="{year}" hidden>{html}</div>"#)
}
