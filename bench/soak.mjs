// The kiosk soak (issue 12, item 4): N sessions in ONE page opened as a kiosk
// (`?mode=kiosk&idle=SECONDS`). Each session answers every step, sees the results with the
// report texts loaded, and ends as a kiosk's visitor does: "完成并清除" (Finish and clear),
// or with `--reset idle`, by waiting for the idle reset. Every `--every` sessions (and at
// 0, 1, 10 and 50), after HeapProfiler.collectGarbage: the JS heap used, DOM nodes and JS
// event listeners (Performance.getMetrics), and the wasm memory's size. The memory is
// found by a read-only hook added before the page's scripts, which keeps the memory export
// (whatever its name) of the first wasm instance the page makes, the app's (our loader,
// xtask/src/loader.rs `boot()`, keeps none and trunk's `TrunkApplicationStarted` event is
// gone with trunk's loader). With `--snapshots DIR`, heap snapshots after the first
// `--every` sessions and at the end.
//
//   node bench/soak.mjs [--sessions 500] [--every 100] [--idle 10] [--reset finish|idle]
//                       [--driver page|playwright] [--snapshots DIR]
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, report, log, option, answerEnterprise, next, fillLoan } from './common.mjs';

const SESSIONS = Number(option('sessions', 500));
const EVERY = Number(option('every', 100));
const RESET = option('reset', 'finish');
const IDLE = Number(option('idle', RESET === 'idle' ? 2 : 10));
const SNAPSHOTS = option('snapshots', null);
const DRIVER = option('driver', 'page');

// Before the page's scripts: the memory of the app's wasm instance, read-only.
function keepWasmMemory() {
  const keep = (result) => {
    // Found by its type: the release build gives the wasm's exports short names.
    const exports = (result.instance ?? result).exports ?? {};
    const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
    if (memory instanceof WebAssembly.Memory && !window.__ipscWasmMemory) window.__ipscWasmMemory = memory;
    return result;
  };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
}

const TOTAL = /^(202,000\.00 元|¥202,000\.00)$/;

// One session driven inside the page (one round trip a session, so 2,000 sessions take
// minutes, not an hour): the events a person's taps and typing make (click, input,
// change), each given its own task before the next, and each step waited for. Installed
// once as `window.__ipscSession`, so every session runs the same compiled function.
function install(reset) {
  const yieldTask = () => new Promise((ok) => { const c = new MessageChannel(); c.port1.onmessage = () => ok(); c.port2.postMessage(0); });
  const find = async (what, test) => {
    for (let i = 0; i < 20000; i++) {
      const found = test();
      if (found) return found;
      await yieldTask();
    }
    throw new Error(`never found ${what}`);
  };
  const el = (selector) => find(selector, () => document.querySelector(selector));
  const act = async (selector, how) => { how(await el(selector)); await yieldTask(); };
  const click = (selector) => act(selector, (e) => e.click());
  const type = (selector, value) => act(selector, (e) => { e.value = value; e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value })); });
  const pick = (selector, value) => act(selector, (e) => { e.value = value; e.dispatchEvent(new Event('change', { bubbles: true })); });
  const button = async (...names) => {
    const b = await find(names[0], () => [...document.querySelectorAll('button')].find((x) => names.includes(x.textContent.trim())));
    b.click();
    await yieldTask();
  };
  window.__ipscSession = async () => {
    await click('#ipsc-registered-yes');
    await pick('#ipsc-region', 'zengdu');
    await pick('#ipsc-industry', 'special-vehicles');
    await click('#ipsc-tech-sme-yes');
    await click('#ipsc-abnormal-no');
    await click('#ipsc-dishonest-no');
    await type('#ipsc-year', '2025');
    await button('继续', 'Continue');
    await type('#ipsc-count-domestic-invention-patents', '3');
    await type('#ipsc-count-pct-invention-patents', '1');
    await button('继续', 'Continue');
    await click('#ipsc-has-loans-yes');
    await type('#ipsc-loan-0-principal', '500万');
    await type('#ipsc-loan-0-start', '2025-01-01');
    await type('#ipsc-loan-0-term', '12');
    await type('#ipsc-loan-0-rate', '3.5');
    await button('继续', 'Continue');
    await click('#ipsc-level-protection-workstation-2');
    await button('继续', 'Continue');
    await click('#ipsc-situation-exports');
    await button('继续', 'Continue');
    await button('查看测算结果', 'See the estimate');
    await el('[data-texts="ready"]');
    const total = (await el('[data-testid=total]')).textContent.trim();
    if (reset === 'finish') await button('完成并清除', 'Finish and clear');
    const first = await find('the first step again', () => document.querySelector('#ipsc-registered-yes'));
    if (first.checked) throw new Error('the reset left an answer');
    return total;
  };
}

async function session(page) {
  const total = await page.evaluate(() => window.__ipscSession());
  if (!TOTAL.test(total)) throw new Error(`the results' total is ${total}`);
}

// The same session by Playwright's actions (`--driver playwright`): slower (about 1.5 s a
// session here), kept to check that the in-page driver finds what it finds.
async function playwrightSession(page) {
  await answerEnterprise(page);
  await next(page);
  await page.locator('#ipsc-count-domestic-invention-patents').fill('3');
  await page.locator('#ipsc-count-pct-invention-patents').fill('1');
  await next(page);
  await page.locator('#ipsc-has-loans-yes').check();
  await fillLoan(page, 0);
  await next(page);
  await page.locator('#ipsc-level-protection-workstation-2').check();
  await next(page);
  await page.locator('#ipsc-situation-exports').check();
  await next(page);
  await next(page, /^(查看测算结果|See the estimate)$/);
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  const total = await page.getByTestId('total').innerText();
  if (!TOTAL.test(total)) throw new Error(`the results' total is ${total}`);
  if (RESET === 'idle') {
    await page.locator('#ipsc-registered-yes').waitFor({ timeout: (IDLE + 10) * 1000 });
  } else {
    await page.getByRole('button', { name: /^(完成并清除|Finish and clear)$/ }).click();
    await page.locator('#ipsc-registered-yes').waitFor();
  }
  if (await page.locator('#ipsc-registered-yes').isChecked()) throw new Error('the reset left an answer');
}

const app = await start('dist');
try {
  await app.context.addInitScript(keepWasmMemory);
  const page = await app.page(`/?mode=kiosk&idle=${IDLE}`);
  await page.evaluate(install, RESET);
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const samples = [];
  const began = Date.now();
  async function sample(sessions) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const { wasm, history } = await page.evaluate(() => ({ wasm: window.__ipscWasmMemory?.buffer.byteLength ?? null, history: history.length }));
    const s = { sessions, heap: m.JSHeapUsedSize, nodes: m.Nodes, listeners: m.JSEventListeners, wasm, history, seconds: Math.round((Date.now() - began) / 1000) };
    samples.push(s);
    log(`soak ${sessions}/${SESSIONS}: heap ${(s.heap / 1024).toFixed(1)} KB, ${s.nodes} nodes, ${s.listeners} listeners, wasm ${wasm === null ? '?' : (wasm / 1048576).toFixed(2) + ' MB'}, history ${history}, ${s.seconds} s`);
  }
  async function snapshot(name) {
    if (!SNAPSHOTS) return;
    mkdirSync(SNAPSHOTS, { recursive: true });
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks = [];
    const take = (e) => chunks.push(e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
    writeFileSync(join(SNAPSHOTS, `${name}.heapsnapshot`), chunks.join(''));
  }
  const marks = new Set([1, 10, 50]);
  await sample(0);
  for (let n = 1; n <= SESSIONS; n++) {
    await (DRIVER === 'playwright' ? playwrightSession(page) : session(page));
    if (n % EVERY === 0 || marks.has(n) || n === SESSIONS) await sample(n);
    if (n === EVERY) await snapshot(`after-${n}`);
  }
  await snapshot(`after-${SESSIONS}`);
  // Growth after the first `EVERY` sessions: a least-squares slope over the samples from
  // there on, per session.
  const later = samples.filter((s) => s.sessions >= Math.min(EVERY, SESSIONS));
  const late = samples.filter((s) => s.sessions >= SESSIONS / 2);
  const slope = (key, over = later) => {
    const xs = over.map((s) => s.sessions);
    const ys = over.map((s) => s[key]);
    const n = xs.length;
    if (n < 2 || ys.some((y) => y === null)) return null;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    return sxy / sxx;
  };
  const first = later[0];
  const last = samples[samples.length - 1];
  report({
    sessions: SESSIONS,
    driver: DRIVER,
    reset: RESET,
    idle: IDLE,
    seconds: Math.round((Date.now() - began) / 1000),
    samples,
    from: first.sessions,
    // And over the second half alone, which says whether growth is slowing to nothing.
    growth: Object.fromEntries(['heap', 'nodes', 'listeners', 'wasm'].map((k) => [k, { perSession: slope(k), secondHalfPerSession: slope(k, late), change: last[k] - first[k] }])),
  });
} finally {
  await app.close();
}
