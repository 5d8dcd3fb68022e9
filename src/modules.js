// The wasm modules loaded on demand, so that neither is part of the first load: the report
// module (crates/ipsc-report: the results page, which no one needs before the check page)
// and a kiosk's QR module (crates/ipsc-qr). Each is loaded the first time it is asked for
// and then kept. `name` is its file beside the app's; `base` where the app's files are (''
// for beside the page: a relative import() would resolve against this file, so the URL is
// made whole). One file for both, so the page preloads one snippet, not two. The report
// module's stylesheet (the same name, `.css`: the results' rules, which the first load does
// not carry) is loaded with it, and the module counts as loaded only once both are in, so
// the results are never drawn unstyled.
const loaded = new Map();

// Adds the stylesheet at `href` to the page; resolves once it applies, rejects (and takes
// it out again) if it cannot be had. Fetched with CORS, as embed.js fetches app.css: on a
// host's page its rules are then readable to the page (a checker such as axe would
// otherwise copy them into a <style>, which a strict policy refuses).
function addStyle(href) {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.crossOrigin = 'anonymous';
    link.href = href;
    link.onload = resolve;
    link.onerror = () => { link.remove(); reject(new Error(href)); };
    document.head.appendChild(link);
  });
}

// What `start` gives, asked for once under `key` and then kept; a failure is forgotten, so
// the next ask tries again.
function once(key, start) {
  if (!loaded.has(key)) {
    const ready = start();
    loaded.set(key, ready);
    ready.catch(() => { loaded.delete(key); });
  }
  return loaded.get(key);
}

// The module `name`, initialised (and its stylesheet applied, if `styled`), as a promise;
// null if its address cannot be made. Never throws.
function load(name, base, styled) {
  try {
    const url = (file) => new URL(file, base || document.baseURI).href;
    const module = once(name, () => import(url(name)).then((m) => m.default().then(() => m)));
    if (!styled) return module;
    const style = url(name.replace(/\.js$/, '.css'));
    return Promise.all([module, once(style, () => addStyle(style))]).then(([m]) => m);
  } catch {
    return null;
  }
}

// Shows `failed` in `box`, announced as a status.
function fail(box, failed) {
  box.setAttribute('role', 'status');
  box.textContent = failed;
}

// Starts loading the report module ahead of the results (from the check page). A failure
// here is not shown (the results ask again, and say so if it fails again).
export function preloadReport(name, base) {
  const ready = load(name, base, true);
  if (ready) ready.catch(() => {});
}

// Draws the results from `input` into `box` with the report module; says `loading` until it
// is in. Never throws: whatever fails ends in `failed`.
export function showReport(box, name, base, input, loading, failed) {
  const ready = load(name, base, true);
  if (!ready) return fail(box, failed);
  if (!box.firstChild) {
    box.setAttribute('role', 'status');
    box.textContent = loading;
  }
  ready
    .then((m) => {
      if (box.getAttribute('role') === 'status') {
        box.removeAttribute('role');
        box.textContent = '';
      }
      m.mount(box, input);
    })
    .catch(() => fail(box, failed));
}

// Draws a kiosk's QR code of `text` into `box` as an image named `label`. Never throws:
// whatever fails (a bad address, a file that never comes, a text too long for any code)
// ends in `failed`.
export function drawQr(box, name, base, text, label, failed) {
  const ready = load(name, base);
  if (!ready) return fail(box, failed);
  ready
    .then((qr) => qr.qr_svg(text, label))
    .then((svg) => {
      if (!svg) return fail(box, failed);
      box.removeAttribute('role');
      box.innerHTML = svg;
    })
    .catch(() => fail(box, failed));
}
