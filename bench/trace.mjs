// A cold start's main-thread tasks over 50 ms, and what each does (issue 23, "a quiet
// start"): a fresh profile, 4× CPU throttling, nginx with deploy/'s configuration; a
// DevTools trace from navigation until the first question takes a click and 2 s more (for
// work that comes after it). Each long task is listed with its start, its length and the
// three longest things inside it (script by URL, wasm compilation, parsing, style, layout,
// paint). With `--before DIR` an earlier build is traced the same way, after this one.
//
//   node bench/trace.mjs [--runs 3] [--before DIR]
import { chromium } from 'playwright-core';
import { nginx, report, log, option, median } from './common.mjs';

const RUNS = Number(option('runs', 3));
const BEFORE = option('before', null);
const RATE = 4;
const LONG_MS = 50;
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.wasm',
  'blink.user_timing',
  'loading',
].join(',');

// What a trace event is, said for people.
function what(e) {
  const d = e.args?.data ?? {};
  const file = (url) => (url ? url.split('/').pop().replace(/-[0-9a-f]{8,}/, '-HASH') : '');
  switch (e.name) {
    case 'EvaluateScript': return `evaluate ${file(d.url)}`;
    case 'v8.compile': case 'v8.compileModule': return `compile ${file(d.url ?? e.args?.fileName)}`;
    case 'FunctionCall': return `script ${file(d.url)}${d.functionName ? ` ${d.functionName}` : ''}`;
    case 'ParseHTML': return 'parse HTML';
    case 'ParseAuthorStyleSheet': return 'parse CSS';
    case 'UpdateLayoutTree': case 'RecalculateStyles': return 'style';
    case 'Layout': return 'layout';
    case 'Paint': case 'PaintImage': case 'CompositeLayers': return 'paint';
    case 'EventDispatch': return `event ${d.type ?? ''}`;
    case 'TimerFire': return 'timer';
    case 'FireAnimationFrame': return 'animation frame';
    case 'RunMicrotasks': case 'V8.RunMicrotasks': return 'microtasks';
    case 'GCEvent': case 'MinorGC': case 'MajorGC': case 'V8.GCScavenger': case 'V8.GC_MARK_COMPACTOR': return 'garbage collection';
    default:
      if (e.name.startsWith('wasm.') || e.name.startsWith('v8.wasm')) return e.name.replace('v8.wasm.', 'wasm ');
      return null;
  }
}

async function once(dist) {
  const server = await nginx(dist);
  // A fresh browser each time: nothing cached.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    await browser.startTracing(page, { categories: CATEGORIES.split(',') });
    const t0 = Date.now();
    await page.goto(server.origin + '/', { waitUntil: 'commit' });
    await page.locator('#ipsc-registered-yes').waitFor();
    const usableMs = Date.now() - t0;
    await page.waitForTimeout(2000);
    const trace = JSON.parse((await browser.stopTracing()).toString());
    return { usableMs, ...longTasks(trace.traceEvents) };
  } finally {
    await browser.close();
    await server.close();
  }
}

// The renderer's main thread: the thread named CrRendererMain of the process that ran the
// page's scripts.
function longTasks(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'EvaluateScript'));
  if (!main) throw new Error('no renderer main thread in the trace');
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const start = Math.min(...on.filter((e) => e.name === 'RunTask').map((e) => e.ts));
  const tasks = on.filter((e) => e.name === 'RunTask' && e.dur / 1000 > LONG_MS);
  const list = tasks.map((task) => {
    const inside = on.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const byWhat = new Map();
    for (const e of inside) {
      const w = what(e);
      if (!w) continue;
      // Nested events of one kind count once, at their outermost.
      const outer = inside.some((o) => o !== e && what(o) === w && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur);
      if (!outer) byWhat.set(w, (byWhat.get(w) ?? 0) + e.dur / 1000);
    }
    const top = [...byWhat].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([w, ms]) => `${w} ${ms.toFixed(0)} ms`);
    return { at: Math.round((task.ts - start) / 1000), ms: Math.round(task.dur / 1000), does: top.join('; ') };
  });
  const total = list.reduce((sum, t) => sum + t.ms, 0);
  return { tasks: list, blocking: list.reduce((sum, t) => sum + Math.max(0, t.ms - LONG_MS), 0), total };
}

const runs = { app: [], before: [] };
for (let run = 1; run <= RUNS; run++) {
  runs.app.push(await once('dist'));
  if (BEFORE) runs.before.push(await once(BEFORE));
  log(`trace ${run}/${RUNS}: app ${runs.app.at(-1).tasks.length} long tasks, ${runs.app.at(-1).blocking} ms over 50${BEFORE ? `; before ${runs.before.at(-1).tasks.length}, ${runs.before.at(-1).blocking} ms` : ''}`);
}
// The run with the median time over 50 ms stands for the build.
const middle = (list) => list.slice().sort((a, b) => a.blocking - b.blocking)[Math.floor(list.length / 2)];
report({
  rate: RATE,
  runs: RUNS,
  app: { blocking: runs.app.map((r) => r.blocking), usable: median(runs.app.map((r) => r.usableMs)), median: middle(runs.app) },
  ...(BEFORE ? { before: { dir: BEFORE, blocking: runs.before.map((r) => r.blocking), usable: median(runs.before.map((r) => r.usableMs)), median: middle(runs.before) } } : {}),
});
