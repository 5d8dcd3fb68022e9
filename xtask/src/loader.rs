//! The app's loaders, which the post-build hook writes into the build: `boot-HASH.js` (a
//! module) and `fallback-HASH.js` (a classic script, ES5) for the app's own page,
//! `embed.js` for another site's page, and `frame.js` (ES5) for a site that frames it.
//!
//! The module parses as ES2020 (no top-level `await`), so it runs wherever the wasm's
//! WebAssembly 1.0 floor does (Chromium 80, Firefox 78, Safari 14.1). Wherever the app
//! cannot start, the page says so in both languages, with which browsers can run it:
//! the module catches what fails once it runs (no WebAssembly, a wasm the browser refuses,
//! a file that never comes) and asks the fallback to say so; the fallback also says so by
//! itself when the page has loaded and the module never ran (a browser without modules or
//! without `import()`, or the module's file missing). Never a blank box. `embed.js`, a
//! module on another site's page, carries the words itself. The words are here once.

/// What a browser that cannot start the app reads, in Chinese.
pub const UNSUPPORTED_ZH: &str = "本工具未能在此浏览器中启动。它需要支持 WebAssembly 的浏览器：Chrome 或 Edge 80 及以上版本、Firefox 78 及以上版本、Safari 14.1 及以上版本，或采用 Chromium 80 及以上内核的浏览器（双核浏览器请切换到“极速模式”）。如果您的浏览器符合要求，请刷新页面重试。本页没有向任何地方发送信息。";

/// What a browser that cannot start the app reads, in English.
pub const UNSUPPORTED_EN: &str = "This tool could not start in this browser. It needs a browser with WebAssembly: Chrome or Edge 80 or later, Firefox 78 or later, Safari 14.1 or later, or a browser built on Chromium 80 or later (in a dual-core browser, switch to its speed mode). If your browser is one of these, reload the page to try again. Nothing has been sent anywhere.";

/// A JavaScript string literal.
fn js(text: &str) -> String {
    // A JSON string is a JavaScript string literal; serde_json escapes what must be.
    serde_json::to_string(text).unwrap_or_default()
}

/// `function unsupported(root)`, written as ES5 so that every loader can carry it: writes
/// the message into `root` once, the reader's language first.
fn unsupported_function() -> String {
    format!(
        r#"function unsupported(root) {{
  if (!root || root.querySelector('.ipsc-unsupported')) return;
  var texts = [['zh-CN', {zh}], ['en', {en}]];
  if (/^en\b/i.test(navigator.language || navigator.userLanguage || '')) texts.reverse();
  var box = document.createElement('div');
  box.className = 'ipsc-unsupported';
  for (var i = 0; i < texts.length; i++) {{
    var p = document.createElement('p');
    p.setAttribute('lang', texts[i][0]);
    p.appendChild(document.createTextNode(texts[i][1]));
    box.appendChild(p);
  }}
  root.appendChild(box);
}}"#,
        zh = js(UNSUPPORTED_ZH),
        en = js(UNSUPPORTED_EN),
    )
}

/// The attribute the module sets on `<html>` as it starts, so that the fallback knows it
/// ran.
const RAN: &str = "data-ipsc-boot";

/// The loader of the app's own page: the wasm-bindgen module at `glue`, the wasm at `wasm`
/// (paths as trunk wrote them). On a failure it asks the fallback, which the page runs
/// before it, to say so. It adds the page's preloads, held in a `<template>`
/// (xtask/src/prerender.rs), as it starts the app: at once, or, where the fallback showed
/// the first step written into the page, once that step is painted.
pub fn boot(glue: &str, wasm: &str) -> String {
    format!(
        r#"// IP Subsidy Self-Check's loader (written by `cargo xtask post-build`; see xtask/src/loader.rs).
document.documentElement.setAttribute({ran}, '');
const unsupported = () => {{
  if (window.ipscUnsupported) window.ipscUnsupported();
}};
// The page's preloads, held in a template until now (xtask/src/prerender.rs).
const start = () => {{
  const preloads = document.getElementById({preloads});
  if (preloads) document.head.append(preloads.content.cloneNode(true));
  import({glue})
    .then((app) => app.default({{ module_or_path: {wasm} }}))
    .catch(unsupported);
}};
if (typeof WebAssembly !== 'object') {{
  unsupported();
}} else if (document.documentElement.classList.contains({pre_on})) {{
  // The first step written into the page is shown: it is painted first, then the app is
  // fetched and started, so that its paint shares the network and the main thread with
  // none of it. The browser says when it painted the largest text; one that cannot say
  // starts the app after the next frame, and none waits over a second.
  let started = false;
  const once = () => {{
    if (!started) {{
      started = true;
      setTimeout(start, 0);
    }}
  }};
  const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.includes('largest-contentful-paint')) {{
    new PerformanceObserver((list, observer) => {{
      observer.disconnect();
      once();
    }}).observe({{ type: 'largest-contentful-paint', buffered: true }});
  }} else {{
    requestAnimationFrame(once);
  }}
  setTimeout(once, 1000);
}} else {{
  start();
}}
"#,
        ran = js(RAN),
        pre_on = js(PRE_ON),
        preloads = js(crate::prerender::PRELOADS),
        glue = js(glue),
        wasm = js(wasm),
    )
}

/// A build's file as `embed.js` names it: its name beside `embed.js` and its integrity.
pub struct Asset {
    /// The file's name.
    pub name: String,
    /// Its subresource-integrity value.
    pub integrity: String,
}

/// `embed.js`, the one line another site adds to show the app in its own page:
/// `<script type="module" src="https://HOST/PATH/embed.js"></script>`. It names this
/// build's files with their integrity values, loads them from beside itself, and mounts
/// the app (in `#ipsc-root`, made before the script if the page has none) in embedded
/// mode, with `data-assets` telling the app where its files are.
pub fn embed(css: &Asset, glue: &Asset, wasm: &Asset) -> String {
    format!(
        r#"// IP Subsidy Self-Check in another site's page: see README.md, "Hosting it".
{unsupported}
const base = new URL('./', import.meta.url);
const at = (name) => new URL(name, base).href;
let root = document.getElementById('ipsc-root');
if (!root) {{
  root = document.createElement('div');
  root.id = 'ipsc-root';
  const me = [...document.querySelectorAll('script[src]')].find((s) => s.src === import.meta.url);
  if (me) me.before(root); else document.body.append(root);
}}
root.classList.add('ipsc-root');
if (!root.dataset.mode) root.dataset.mode = 'embedded';
root.dataset.assets = base.href;
const link = (rel, name, integrity) => document.head.append(Object.assign(document.createElement('link'), {{ rel, href: at(name), integrity, crossOrigin: 'anonymous' }}));
link('stylesheet', {css}, {css_sri});
link('modulepreload', {glue}, {glue_sri});
if (typeof WebAssembly !== 'object') {{
  unsupported(root);
}} else {{
  import(at({glue}))
    .then((app) => app.default({{ module_or_path: fetch(at({wasm}), {{ integrity: {wasm_sri}, credentials: 'omit' }}) }}))
    .catch(() => unsupported(root));
}}
"#,
        unsupported = unsupported_function(),
        css = js(&css.name),
        css_sri = js(&css.integrity),
        glue = js(&glue.name),
        glue_sri = js(&glue.integrity),
        wasm = js(&wasm.name),
        wasm_sri = js(&wasm.integrity),
    )
}

/// The class on `<html>` that shows the first step written into the page (styles/app.css).
const PRE_ON: &str = "ipsc-pre-on";

/// The page's fallback, a classic script run before the module (ES5, so that every
/// browser with JavaScript reads it).
///
/// First it shows the first step written into the page (src/prerender.rs), hidden until
/// then, but only to a visitor the app would open on that very screen, so that nobody
/// sees it swap for another: a browser with WebAssembly; no query (`?lang=en`, a frame's
/// settings) and no fragment but `#step=1` (a share link, another step); not in a frame;
/// no setting on the root (a kiosk, an embedding page); nothing stored (answers, or the
/// language and text size chosen before), in a browser that lets the page store; and a
/// clock in the year after the one the step was written with, the form's default year.
///
/// What a person answers in the written step before the app runs is kept: once the app's
/// mount has replaced the step with its own fields (the same ids), each answer that differs
/// from the written one is given to the app's field as the `change` or `input` event a
/// person makes, so it goes through the field's own reading, and focus goes back to the
/// field that had it. The written fields stay readable after the mount takes them out.
///
/// Then `window.ipscUnsupported()` takes the step out of the page (it cannot work there)
/// and writes the message once, and when the page has loaded without the module having
/// run, it does so by itself.
pub fn fallback() -> String {
    format!(
        r#"// IP Subsidy Self-Check: shows the first step written into the page where the app will open on it, and says so when the app cannot start (see xtask/src/loader.rs).
(function () {{
  {unsupported}
  var html = document.documentElement;
  var root = document.getElementById('ipsc-root');
  function fresh(written) {{
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(new Uint8Array([{floor}]))) return false;
    if (/[?&]({settings})(=|&|$)/.test(location.search)) return false;
    if (location.hash && location.hash !== '#step=1') return false;
    if (window.top !== window.self) return false;
    for (var i = 0; i < root.attributes.length; i++) {{
      if (/^data-/.test(root.attributes[i].name)) return false;
    }}
    try {{
      if (localStorage.getItem({answers}) !== null || localStorage.getItem({prefs}) !== null) return false;
      localStorage.setItem({probe}, '1');
      localStorage.removeItem({probe});
    }} catch (e) {{
      return false;
    }}
    return new Date().getFullYear() - 1 === Number(written.getAttribute('data-year'));
  }}
  function fire(field, kind) {{
    var event = document.createEvent('Event');
    event.initEvent(kind, true, true);
    field.dispatchEvent(event);
  }}
  function keep(written) {{
    var focused = null;
    written.addEventListener('focusin', function (event) {{
      focused = event.target.id || null;
    }});
    written.addEventListener('focusout', function () {{
      setTimeout(function () {{
        if (written.parentNode && !written.contains(document.activeElement)) focused = null;
      }}, 0);
    }});
    if (!window.MutationObserver) return;
    var watch = new MutationObserver(function () {{
      var fields = written.querySelectorAll('input, select');
      if (written.parentNode || !fields.length) return;
      for (var i = 0; i < fields.length; i++) {{
        if (!document.getElementById(fields[i].id)) return;
      }}
      watch.disconnect();
      for (i = 0; i < fields.length; i++) {{
        var was = fields[i];
        var field = document.getElementById(was.id);
        if (!field) continue;
        if (was.type === 'radio' || was.type === 'checkbox') {{
          if (was.checked !== was.defaultChecked) {{
            field.checked = was.checked;
            fire(field, 'change');
          }}
        }} else if (was.tagName === 'SELECT') {{
          var chosen = was.options[was.selectedIndex];
          if (chosen && !chosen.defaultSelected) {{
            field.value = was.value;
            fire(field, 'change');
          }}
        }} else if (was.value !== was.defaultValue) {{
          field.value = was.value;
          fire(field, 'input');
        }}
      }}
      var now = focused && document.getElementById(focused);
      if (now) now.focus({{ preventScroll: true }});
    }});
    watch.observe(root, {{ childList: true, subtree: true }});
  }}
  var written = root && root.querySelector('.ipsc-pre');
  if (written && fresh(written)) {{
    written.removeAttribute('hidden');
    html.className += ' {pre_on}';
    keep(written);
  }}
  function show() {{
    html.className = html.className.replace(' {pre_on}', '');
    if (written && written.parentNode) written.parentNode.removeChild(written);
    unsupported(root || document.body);
  }}
  window.ipscUnsupported = show;
  window.addEventListener('load', function () {{
    if (!html.hasAttribute({ran})) show();
  }});
}})();
"#,
        unsupported = unsupported_function(),
        ran = js(RAN),
        answers = js(STORED.0),
        prefs = js(STORED.1),
        pre_on = PRE_ON,
        probe = js(STORED.2),
        settings = SETTINGS_IN_QUERY.join("|"),
        floor = FLOOR_PROBE_WASM
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// The settings the app reads from the page's query (src/settings.rs; a test keeps the two
/// the same): with one of them, the app may open in another mode or language. Any other
/// query (a messaging app's `?from=…`) leaves the first screen as it is.
const SETTINGS_IN_QUERY: [&str; 7] = ["colour", "host", "idle", "lang", "mode", "scale", "share"];

/// The smallest wasm that uses what the app's wasm needs beyond WebAssembly 1.0 (sign
/// extension, `i32.extend8_s`; xtask/src/release.rs): a browser that does not validate it
/// cannot start the app, so it is not shown a step that would then give way to the message.
const FLOOR_PROBE_WASM: [u8; 28] = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // types: () -> i32
    0x03, 0x02, 0x01, 0x00, // one function of that type
    0x0a, 0x07, 0x01, 0x05, 0x00, // code: one body of 5 bytes, no locals:
    0x41, 0x00, 0xc0, 0x0b, // i32.const 0, i32.extend8_s, end
];

/// The keys under which the app stores answers and preferences, and the one it tries a
/// write with (src/storage.rs; a test keeps the two the same).
const STORED: (&str, &str, &str) = ("ipsc.answers", "ipsc.prefs", "ipsc.probe");

/// The product's name, the frame's title: as the app says it (`PRODUCT` in
/// src/strings.rs; a test keeps the two the same).
const PRODUCT: (&str, &str) = ("知识产权奖补自测", "IP Subsidy Self-Check");

/// The height a frame has until the app says its own, in CSS pixels: about the first
/// step's on a phone, so the page barely moves when the real height comes.
const FIRST_HEIGHT: u32 = 900;

/// `frame.js`, for a site that frames the app: `<script src="https://HOST/PATH/frame.js"
/// async></script>` where the frame should go, with `data-lang`, `data-colour`,
/// `data-scale`, `data-host-origin` and `data-title` as options. It puts a titled frame of
/// the app (`?mode=embedded` and the options) in the script's place and sets the frame's
/// height to what the app says it needs, believing only messages from its own frame
/// (`event.source`) and the app's origin (`event.origin`), so several frames on one page
/// each fit their own app. A classic script in ES5, so a host's older browser reads it.
pub fn frame() -> String {
    format!(
        r#"// IP Subsidy Self-Check in a frame that fits it: see docs/WEBMASTER.md (written by `cargo xtask post-build`).
(function () {{
  var script = document.currentScript;
  if (!script || !script.src || !window.URL) return;
  var app = new URL('./', script.src);
  var option = function (name) {{ return script.getAttribute('data-' + name); }};
  var lang = option('lang') === 'en' ? 'en' : 'zh-CN';
  var query = ['mode=embedded', 'lang=' + lang];
  var names = ['colour', 'scale', 'host-origin'];
  var keys = ['colour', 'scale', 'host'];
  for (var i = 0; i < names.length; i++) {{
    if (option(names[i])) query.push(keys[i] + '=' + encodeURIComponent(option(names[i])));
  }}
  var frame = document.createElement('iframe');
  frame.src = app.href + '?' + query.join('&');
  frame.title = option('title') || (lang === 'en' ? {en} : {zh});
  frame.setAttribute('lang', lang);
  frame.className = 'ipsc-frame';
  frame.style.display = 'block';
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.height = '{first}px';
  script.parentNode.insertBefore(frame, script);
  window.addEventListener('message', function (event) {{
    var data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== app.origin) return;
    if (!data || data.source !== 'ipsc' || data.kind !== 'resize-height') return;
    var height = Math.ceil(Number(data.value));
    if (height > 0 && height < 100000) frame.style.height = height + 'px';
  }});
}})();
"#,
        zh = js(PRODUCT.0),
        en = js(PRODUCT.1),
        first = FIRST_HEIGHT,
    )
}

/// The paths of the wasm-bindgen module and the wasm in trunk's inline loader
/// (`import init, * as bindings from '/x.js'; … init({ module_or_path: '/x_bg.wasm' })`).
pub fn trunk_paths(loader: &str) -> Option<(String, String)> {
    let quoted_after = |marker: &str| {
        let (_, rest) = loader.split_once(marker)?;
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let (path, _) = rest.strip_prefix(quote)?.split_once(quote)?;
        Some(path.to_owned())
    };
    Some((quoted_after(" from ")?, quoted_after("module_or_path:")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paths_come_from_trunks_loader() {
        let trunk = "import init, * as bindings from '/app-1.js';\nconst wasm = await init({ module_or_path: '/app-1_bg.wasm' });";
        assert_eq!(
            trunk_paths(trunk),
            Some(("/app-1.js".into(), "/app-1_bg.wasm".into()))
        );
        assert_eq!(trunk_paths("await init();"), None);
    }

    #[test]
    fn the_frame_is_titled_with_the_apps_own_name() {
        let strings = include_str!("../../src/strings.rs");
        let line = format!("PRODUCT = {}, {};", js(PRODUCT.0), js(PRODUCT.1));
        assert!(strings.contains(&line), "src/strings.rs has no `{line}`");
        assert!(frame().contains(&js(PRODUCT.0)) && frame().contains(&js(PRODUCT.1)));
    }

    #[test]
    fn the_fallback_looks_for_what_the_app_stores_and_styles_the_class_it_sets() {
        let storage = include_str!("../../src/storage.rs");
        for (name, key) in [
            ("STORAGE_KEY", STORED.0),
            ("PREFS_KEY", STORED.1),
            ("PROBE_KEY", STORED.2),
        ] {
            let line = format!("{name}: &str = {};", js(key));
            assert!(storage.contains(&line), "src/storage.rs has no `{line}`");
        }
        // The step is written hidden, with no stylesheet needed, for the fallback to show.
        let prerender = include_str!("../../src/prerender.rs");
        assert!(prerender.contains("CLASS: &str = \"ipsc-pre\";"));
        assert!(prerender.contains(r#"data-year="{year}" hidden>"#));
        assert!(
            fallback().contains(".ipsc-pre'") && fallback().contains("removeAttribute('hidden')")
        );
        assert!(fallback().contains(PRE_ON) && boot("/a.js", "/a_bg.wasm").contains(PRE_ON));
        // Every setting the app reads from the query keeps the step hidden.
        let settings = include_str!("../../src/settings.rs");
        let mut read: Vec<&str> = settings
            .split("get(\"data-")
            .skip(1)
            .filter_map(|rest| rest.split('"').nth(2))
            .collect();
        read.sort_unstable();
        read.dedup();
        assert_eq!(
            read, SETTINGS_IN_QUERY,
            "src/settings.rs reads other query keys"
        );
    }

    #[test]
    fn the_floor_probe_is_a_whole_module_that_needs_sign_extension() {
        let wasm = FLOOR_PROBE_WASM;
        // Each section's stated size is what follows it, up to the next section.
        let mut at = 8;
        let mut sections = Vec::new();
        while let (Some(&id), Some(&size)) = (wasm.get(at), wasm.get(at + 1)) {
            sections.push((id, usize::from(size)));
            at += 2 + usize::from(size);
        }
        assert_eq!(at, wasm.len(), "the sections end with the module");
        assert_eq!(sections, [(1, 5), (3, 2), (10, 7)]);
        assert_eq!(wasm.get(26), Some(&0xc0), "i32.extend8_s");
        // The fallback passes it to WebAssembly.validate as an array of its bytes.
        assert!(fallback().contains("validate(new Uint8Array([0,97,115,109,1,0,0,0,1,5,"));
    }

    #[test]
    fn every_loader_waits_for_nothing_at_its_top_and_says_both_languages() {
        let asset = |name: &str| Asset {
            name: name.into(),
            integrity: "sha384-x".into(),
        };
        for script in [
            boot("/a.js", "/a_bg.wasm"),
            embed(&asset("a.css"), &asset("a.js"), &asset("a_bg.wasm")),
            fallback(),
            frame(),
        ] {
            assert!(!script.contains("await"), "{script}");
        }
        // The words are in what says them: the page's fallback, and embed.js.
        for script in [
            embed(&asset("a.css"), &asset("a.js"), &asset("a_bg.wasm")),
            fallback(),
        ] {
            assert!(script.contains("本工具未能在此浏览器中启动"), "{script}");
            assert!(script.contains("This tool could not start"), "{script}");
        }
        // The module marks that it ran with the attribute the fallback looks for.
        assert!(boot("/a.js", "/a_bg.wasm").contains(RAN) && fallback().contains(RAN));
    }
}
