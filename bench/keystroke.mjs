// Keystroke → new running estimate in the DOM, under 4× CPU throttling (Emulation.
// setCPUThrottlingRate, each page for its own turn only): in a count field (step 2), in a
// money field (step 3, one loan),
// and in the same money field with 20 loans entered. Measured inside the page: the
// keydown's own timestamp (when the browser made the event, so time spent waiting for the
// main thread counts) to the MutationObserver callback that sees the running total's text
// change, both on performance.now()'s clock. Playwright only presses the keys and waits
// for each change before the next (a typist's pace, `--pause` ms apart), so its round
// trips are not in the figures. Each figure is also given from the moment the keydown
// reaches the page's first listener (`handled`), which leaves out the wait for the main
// thread.
//
// The baseline page (bench/baseline/) takes the same keys in the same minutes: key by key
// in turn with the app (which goes first takes turns), so that the app's own cost (its
// figure less the baseline's) is not the machine's speed changing between two halves of
// a run. With `--before DIR` (another build's dist/, of an earlier commit, whose page has
// the same fields), that build takes its turn too, in a browser of its own. The figures
// of dist/ stay where they were; the earlier build's are under `before`, and the
// baseline's of each of the three fields under `baseline`.
//
//   node bench/keystroke.mjs [--keys 200] [--pause 50] [--before DIR]
import { servers, start, throttle, report, log, option, spread, COUNT_FIELD, MONEY_FIELD, toCountField, toMoneyField, addLoans } from './common.mjs';

const KEYS = Number(option('keys', 200));
const PAUSE = Number(option('pause', 50));
const BEFORE = option('before', null);
const RATE = 4;


// In the page: from each keydown to the next change of the running total's text.
function probe() {
  const read = () => document.querySelector('[data-testid=running-total]')?.textContent;
  const state = { pending: null, handled: null, samples: [], fromHandler: [], last: read() };
  window.__ipscBench = state;
  document.addEventListener('keydown', (event) => { state.pending = event.timeStamp; state.handled = performance.now(); }, true);
  new MutationObserver(() => {
    const now = performance.now();
    const text = read();
    if (text === state.last) return;
    state.last = text;
    if (state.pending !== null) {
      state.samples.push(now - state.pending);
      state.fromHandler.push(now - state.handled);
      state.pending = null;
    }
  }).observe(document.body, { childList: true, characterData: true, subtree: true });
}

// Whole cycles of `keys`, at least `KEYS` presses, into the field `selector` of each
// page of `pages` ({ context, page, selector }), key by key: every page takes each key
// before the next. The figures, in the order of `pages`.
async function measure(pages, keys) {
  const presses = Math.ceil(KEYS / keys.length) * keys.length;
  const runs = [];
  for (const { context, page, selector } of pages) {
    await page.locator(selector).click();
    await page.evaluate(() => { window.__ipscBench.samples = []; window.__ipscBench.fromHandler = []; window.__ipscBench.pending = null; });
    const cdp = await throttle(context, page, 1);
    runs.push({ page, cdp, missed: 0 });
  }
  for (let i = 0; i < presses; i++) {
    for (let turn = 0; turn < runs.length; turn++) {
      const run = runs[(i + turn) % runs.length];
      const { page, cdp } = run;
      // Slowed for its own turn only: a page slowed while it waits for its turn still
      // takes the machine's time (the throttle's own pauses), and three pages slowed at
      // once on two cores stretched every page's slowest keys (p95 about 40 ms, from 17).
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
      await page.keyboard.press(keys[i % keys.length]);
      try {
        await page.waitForFunction((n) => window.__ipscBench.samples.length >= n, i + 1 - run.missed, { timeout: 5000 });
      } catch {
        run.missed += 1;
        await page.evaluate(() => { window.__ipscBench.pending = null; });
      }
      await page.waitForTimeout(PAUSE);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
  }
  const figures = [];
  for (const { page, cdp, missed } of runs) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
    const { samples, fromHandler } = await page.evaluate(() => window.__ipscBench);
    // Also from the moment the page's first keydown listener runs: without the time the
    // event waited for the main thread (which the throttling's pauses lengthen).
    figures.push({ ...spread(samples), missed, handled: spread(fromHandler) });
  }
  return figures;
}

// Takes each build's page ({ context, page }) the same step further: `step(page)`.
async function each(pages, step) {
  for (const { page } of pages) await step(page);
}

const run = await servers();
let earlier = null;
try {
  const { app, baseline } = run;
  // The baseline page holds both fields at once, and keeps its one page throughout.
  const plain = await baseline.context.newPage();
  await plain.goto(baseline.base);
  await plain.evaluate(probe);
  const base = (selector) => ({ context: baseline.context, page: plain, selector });

  // dist/ first, then the earlier build if there is one.
  if (BEFORE) earlier = await start(BEFORE);
  const pages = [];
  for (const build of [app, ...(earlier ? [earlier] : [])]) {
    const page = await build.page('/');
    await page.evaluate(probe);
    pages.push({ context: build.context, page });
  }
  const at = (selector) => [...pages.map((p) => ({ ...p, selector })), base(selector)];
  await each(pages, toCountField);
  log(`keystrokes: a count field (step 2), ${earlier ? 'both builds' : 'the app'} and the baseline page in turn`);
  const count = await measure(at(COUNT_FIELD.selector), COUNT_FIELD.keys);
  await each(pages, toMoneyField);
  log('keystrokes: a money field (step 3, one loan)');
  const money = await measure(at(MONEY_FIELD.selector), MONEY_FIELD.keys);
  await each(pages, (page) => addLoans(page, 20));
  const loans = await Promise.all(pages.map(({ page }) => page.locator('[id^=ipsc-loan-][id$=-principal]').count()));
  log(`keystrokes: the money field with ${loans.join(' and ')} loans`);
  const loans20 = await measure(at(MONEY_FIELD.selector), MONEY_FIELD.keys);
  const figures = (i) => ({ count: count[i], money: money[i], loans20: { ...loans20[i], loans: loans[i] } });
  const last = pages.length;
  report({
    rate: RATE,
    pause: PAUSE,
    ...figures(0),
    baseline: { count: count[last], money: money[last], loans20: loans20[last] },
    ...(earlier ? { before: { dir: BEFORE, ...figures(1) } } : {}),
  });
} finally {
  if (earlier) await earlier.close();
  await run.close();
}
