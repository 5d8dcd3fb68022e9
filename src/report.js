// Shows the results with the report module (crates/ipsc-report: the results page, which
// no one needs before the check page), loaded the first time it is asked for and then
// kept. `name` is its file beside the app's; `base` where the app's files are ('' for
// beside the page: a relative import() would resolve against this file, so the URL is
// made whole). `input` is what the results are drawn from. If the module cannot be
// loaded, `failed` is shown instead, as a status; `loading` until it is in.
let loaded = null;

// Starts loading the module ahead of the results (from the check page); never throws.
export function preloadReport(name, base) {
  try {
    if (!loaded) {
      loaded = import(new URL(name, base || document.baseURI).href).then((m) => m.default().then(() => m));
      loaded.catch(() => { loaded = null; });
    }
  } catch {
    loaded = null;
  }
  return loaded;
}

// Never throws: whatever fails ends in `failed`, announced as a status.
export function showReport(box, name, base, input, loading, failed) {
  const fail = () => {
    box.setAttribute('role', 'status');
    box.textContent = failed;
  };
  const ready = preloadReport(name, base);
  if (!ready) return fail();
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
    .catch(fail);
}
