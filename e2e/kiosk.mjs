// The kiosk program (target/release/ipsc-kiosk, built by `./x kiosk`) with Debian's
// Chromium in a fresh profile, as support.mjs's start() gives the Node server: the same
// shape, plus `outsideRequests`. Every request the page makes to anything but the
// program's own address on 127.0.0.1 is aborted and recorded there, so a test can fail
// on it even where the machine has a network.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { ARTIFACTS, WAIT, LOAD } from './support.mjs';

export const PROGRAM = process.env.IPSC_KIOSK ?? 'target/release/ipsc-kiosk';

// Starts the program on a port the system picks and resolves with its origin once it has
// said where to open (its first line), or rejects with what it said instead.
export function runProgram(args = []) {
  const child = spawn(PROGRAM, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const said = [];
  child.stderr.on('data', (chunk) => said.push(String(chunk)));
  const origin = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${PROGRAM} said no address within ${WAIT} ms: ${said.join('')}`)), WAIT);
    createInterface({ input: child.stdout }).on('line', (line) => {
      said.push(line + '\n');
      const found = line.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (found) { clearTimeout(timer); ok(`http://${found[1]}`); }
    });
    child.on('error', (e) => { clearTimeout(timer); fail(e); });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`${PROGRAM} exited (${code}): ${said.join('')}`)); });
  });
  return { child, said, origin };
}

export async function startKiosk({ shareBase, idle } = {}) {
  const args = [];
  if (shareBase !== undefined) args.push('--share-base', shareBase);
  if (idle !== undefined) args.push('--idle', String(idle));
  const program = runProgram(args);
  const profile = mkdtempSync(join(tmpdir(), 'ipsc-kiosk-chromium-'));
  let origin, context;
  try {
    origin = await program.origin;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
  } catch (e) {
    // Left running, the program would keep the test process alive.
    program.child.kill();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  context.setDefaultTimeout(WAIT);
  context.setDefaultNavigationTimeout(LOAD);
  const requests = [];
  const problems = [];
  const outsideRequests = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  context.on('weberror', (e) => problems.push(String(e.error())));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    outsideRequests.push(url);
    return route.abort('blockedbyclient');
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    origin,
    context,
    requests,
    problems,
    outsideRequests,
    said: program.said,
    async page(path = '/') {
      const page = await context.newPage();
      await page.goto(origin + path);
      await page.locator('h1').waitFor();
      return page;
    },
    async close() {
      await context.close();
      program.child.removeAllListeners('exit');
      program.child.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
