// The wasm modules loaded on demand, so that neither is part of the first load: the report
// module (crates/ipsc-report: the results page, which no one needs before the check page)
// and a kiosk's QR module (crates/ipsc-qr). Each is loaded the first time it is asked for
// and then kept. `name` is its file beside the app's; `base` where the app's files are (''
// for beside the page: a relative import() would resolve against this file, so the URL is
// made whole). One file for both, so the page preloads one snippet, not two.
const loaded = new Map();

// The module `name`, initialised, as a promise; null if its address cannot be made. A
// failed load is forgotten, so the next ask tries again. Never throws.
function load(name, base) {
  try {
    if (!loaded.has(name)) {
      const ready = import(new URL(name, base || document.baseURI).href).then((m) => m.default().then(() => m));
      loaded.set(name, ready);
      ready.catch(() => { loaded.delete(name); });
    }
    return loaded.get(name);
  } catch {
    return null;
  }
}

// Shows `failed` in `box`, announced as a status.
function fail(box, failed) {
  box.setAttribute('role', 'status');
  box.textContent = failed;
}

// Starts loading the report module ahead of the results (from the check page).
export function preloadReport(name, base) {
  return load(name, base);
}

// Draws the results from `input` into `box` with the report module; says `loading` until it
// is in. Never throws: whatever fails ends in `failed`.
export function showReport(box, name, base, input, loading, failed) {
  const ready = load(name, base);
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
