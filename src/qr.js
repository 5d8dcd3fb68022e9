// Draws a kiosk's QR code into `box` with the QR module (crates/ipsc-qr), which is loaded
// only when a code is first asked for, so its encoder is never part of the first load, and
// then kept for the next person. `name` is its file beside the app's; `base` where the
// app's files are ('' for beside the page: a relative import() would resolve against this
// file, so the URL is made whole). If it cannot be drawn, `failed` is shown instead.
let loaded = null;

// Never throws: whatever fails (a bad address, a file that never comes, a text too long
// for any code) ends in `failed`, announced as a status.
export function drawQr(box, name, base, text, label, failed) {
  const fail = () => {
    box.setAttribute('role', 'status');
    box.textContent = failed;
  };
  try {
    if (!loaded) {
      loaded = import(new URL(name, base || document.baseURI).href).then((qr) => qr.default().then(() => qr));
      loaded.catch(() => { loaded = null; });
    }
    loaded
      .then((qr) => qr.qr_svg(text, label))
      .then((svg) => {
        if (!svg) return fail();
        box.removeAttribute('role');
        box.innerHTML = svg;
      })
      .catch(fail);
  } catch {
    fail();
  }
}
