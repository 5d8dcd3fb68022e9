// Cold start to a usable first question, under 4× CPU throttling: from navigation start
// (performance.now()'s zero) to the moment the first question's input is in the page,
// enabled, laid out and the element a click at its centre would reach (a script added
// before the page's own watches every change of the document). Each run in a fresh
// browser profile (no cache), the app and the baseline page (bench/baseline/) taking
// turns; the median of `--runs` each. After each run a real click on that input must
// check it, or the run counts as failed. With `--before DIR` (another build's dist/, of
// an earlier commit), that build takes its turn in each run too, after dist/.
//
//   node bench/coldstart.mjs [--runs 5] [--before DIR]
import { start, BASELINE, throttle, report, log, option, median } from './common.mjs';

const RUNS = Number(option('runs', 5));
const BEFORE = option('before', null);
const RATE = 4;

// In the page, before its own scripts: the first moment the first input accepts a click.
function watch() {
  const usable = () => {
    const input = document.querySelector('main input, main select, main textarea');
    if (!input || input.disabled) return null;
    const box = input.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const reaches = hit && (hit === input || input.contains(hit) || [...(input.labels ?? [])].some((l) => l.contains(hit)));
    return reaches ? input : null;
  };
  const seen = () => {
    if (window.__ipscUsable) return true;
    const input = usable();
    if (input) window.__ipscUsable = { at: performance.now(), id: input.id };
    return Boolean(input);
  };
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true, attributes: true });
}

async function once(dist, path) {
  const server = await start(dist);
  try {
    await server.context.addInitScript(watch);
    const page = await server.context.newPage();
    await throttle(server.context, page, RATE);
    await page.goto(server.base + path, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__ipscUsable, null, { timeout: 60_000 });
    const { at, id } = await page.evaluate(() => window.__ipscUsable);
    const input = page.locator(`#${id}`);
    await input.click();
    const accepted = (await input.getAttribute('type')) === 'radio' || (await input.getAttribute('type')) === 'checkbox'
      ? await input.isChecked()
      : await input.evaluate((e) => e === document.activeElement);
    if (!accepted) throw new Error(`#${id} did not take the click`);
    return { ms: at, id };
  } finally {
    await server.close();
  }
}

const app = [];
const baseline = [];
const before = [];
let first = '';
for (let run = 1; run <= RUNS; run++) {
  const plain = await once(BASELINE, '');
  baseline.push(plain.ms);
  const ours = await once('dist', '');
  app.push(ours.ms);
  first = ours.id;
  const earlier = BEFORE && await once(BEFORE, '');
  if (earlier) before.push(earlier.ms);
  log(`cold start ${run}/${RUNS}: app ${ours.ms.toFixed(0)} ms (#${ours.id}), ${earlier ? `before ${earlier.ms.toFixed(0)} ms, ` : ''}baseline ${plain.ms.toFixed(0)} ms`);
}
const r = (x) => Math.round(x);
const figures = (values) => ({ median: r(median(values)), all: values.map(r) });
report({
  rate: RATE,
  runs: RUNS,
  first,
  app: figures(app),
  baseline: figures(baseline),
  ...(BEFORE ? { before: { dir: BEFORE, ...figures(before) } } : {}),
});
