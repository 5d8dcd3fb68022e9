// Draws a kiosk's QR code into `box` with the QR module (crates/ipsc-qr), which is loaded
// only when a code is first asked for, so its encoder is never part of the first load, and
// then kept for the next person. `name` is its file beside the app's; `base` where the
// app's files are ('' for beside the page: a relative import() would resolve against this
// file, so the URL is made whole). If it cannot be drawn, `failed` is shown instead.
let loaded = null;

export function drawQr(box, name, base, text, label, failed) {
  if (!loaded) {
    loaded = import(new URL(name, base || document.baseURI).href).then((qr) => qr.default().then(() => qr));
    loaded.catch(() => { loaded = null; });
  }
  loaded
    .then((qr) => qr.qr_svg(text, label))
    .catch(() => '')
    .then((svg) => {
      if (svg) {
        box.innerHTML = svg;
      } else {
        box.textContent = failed;
        box.setAttribute('role', 'status');
      }
    });
}
