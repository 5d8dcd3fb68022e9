// The kiosk program (`ipsc-kiosk`, issue 12): the time to serve the whole first load on
// the loopback, and its memory. The first load is what a browser fetches for the page:
// index.html, then every file it names and the module and wasm the loader names, in
// parallel, gzip accepted. `--rounds` rounds (the first, cold, apart; the median of the
// rest), the same rounds from nginx with deploy/'s configuration in the same run as the
// baseline. Memory from /proc/PID/status: VmRSS when it answers, and VmRSS and VmHWM
// (its peak) after the rounds. Without target/release/ipsc-kiosk it says it was not built.
//
//   node bench/kiosk.mjs [--rounds 30] [--binary target/release/ipsc-kiosk]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { freePort } from '../e2e/support.mjs';
import { nginx, report, log, option, median } from './common.mjs';

const BINARY = option('binary', 'target/release/ipsc-kiosk');
const ROUNDS = Number(option('rounds', 30));

// The URLs a browser fetches for the page at `url`, the page first.
async function firstLoad(url) {
  const page = await fetch(url);
  const html = await page.text();
  const base = page.url;
  const named = [...html.matchAll(/(?:src|href)="?([^"\s>]+)"?/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:') && !u.startsWith('#'));
  const urls = new Set(named.map((u) => new URL(u, base).href));
  for (const script of [...urls].filter((u) => /\/boot-[^/]*\.js$/.test(u))) {
    const body = await (await fetch(script)).text();
    for (const m of body.matchAll(/["']([^"']+\.(?:js|wasm))["']/g)) urls.add(new URL(m[1], base).href);
  }
  return [base, ...urls];
}

// One round: the page, then the rest in parallel; every body read to its end.
async function round(urls) {
  const began = performance.now();
  let bytes = 0;
  const get = async (u) => {
    const response = await fetch(u, { headers: { 'accept-encoding': 'gzip' } });
    if (!response.ok) throw new Error(`${u}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    // As sent (gzip where the server has it), when the server says; else as read.
    bytes += Number(response.headers.get('content-length') ?? body.byteLength);
  };
  await get(urls[0]);
  await Promise.all(urls.slice(1).map(get));
  return { ms: performance.now() - began, bytes };
}

async function rounds(url) {
  const urls = await firstLoad(url);
  const times = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await round(urls);
    times.push(r.ms);
    bytes = r.bytes;
  }
  const r1 = (x) => Math.round(x * 100) / 100;
  return { files: urls.length, bytes, coldMs: r1(times[0]), medianMs: r1(median(times.slice(1))) };
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

if (!existsSync(BINARY)) {
  report({ built: false, binary: BINARY });
} else {
  const port = await freePort();
  const child = spawn(BINARY, ['--port', String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((ok) => child.once('exit', ok));
  try {
    const origin = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 500 && !up; i++) {
      try { await fetch(origin + '/'); up = true; } catch { await new Promise((ok) => setTimeout(ok, 10)); }
    }
    if (!up) throw new Error(`${BINARY} --port ${port} did not answer`);
    const atStart = memory(child.pid);
    const kiosk = await rounds(origin + '/');
    const after = memory(child.pid);
    log(`kiosk: ${kiosk.files} files, ${kiosk.bytes} bytes, cold ${kiosk.coldMs} ms, median ${kiosk.medianMs} ms; RSS ${atStart.rssKb} → ${after.rssKb} KB, peak ${after.hwmKb} KB`);
    const server = await nginx('dist');
    let baseline;
    try {
      baseline = await rounds(server.origin + '/');
    } finally {
      await server.close();
    }
    log(`kiosk: nginx, the same rounds: cold ${baseline.coldMs} ms, median ${baseline.medianMs} ms`);
    report({ built: true, binary: BINARY, rounds: ROUNDS, ...kiosk, rssStartKb: atStart.rssKb, rssKb: after.rssKb, hwmKb: after.hwmKb, nginx: baseline });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
