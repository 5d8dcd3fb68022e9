// Shared by the end-to-end tests: a server for dist/, Debian's Chromium in a fresh
// profile, a log of every request the page makes, and screenshots kept as artifacts.
// Every wait is bounded: Playwright's waits give up after WAIT ms (a page load after
// LOAD ms), and each test after TEST ms, so a missing element fails the test instead of
// hanging the suite.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';

export const ARTIFACTS = 'e2e/artifacts';
export const WAIT = 15_000;
export const LOAD = 30_000;
/// The options of a test (node:test), and of the hooks that start and stop the browser.
export const TEST = { timeout: 120_000 };
export const HOOK = { timeout: 60_000 };

export async function start(dist = 'dist', options = {}) {
  const server = await serve(dist, 0, options);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'ipsc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  context.setDefaultTimeout(WAIT);
  context.setDefaultNavigationTimeout(LOAD);
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  context.on('weberror', (e) => problems.push(String(e.error())));
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    origin,
    context,
    requests,
    problems,
    async page(path = '/') {
      const page = await context.newPage();
      await page.goto(origin + path);
      await page.locator('h1').waitFor();
      return page;
    },
    async close() {
      await context.close();
      server.closeAllConnections();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Another site: one page, on another origin, under its own content security policy.
export async function otherSite(html, policy) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy }).end(html);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => { server.closeAllConnections(); server.close(); } };
}

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// Asserts that a locator finds something, before a test says it is hidden or absent: a
// check that passes when nothing is there proves nothing.
export async function present(locator, what) {
  assert.ok((await locator.count()) > 0, `expected ${what} on the page, found none`);
}

// Presses Tab until `isIt` (run in the page) holds, at most `max` times; fails naming
// `what` if focus never gets there.
export async function tabTo(page, what, isIt, arg, max = 40) {
  for (let presses = 0; ; presses++) {
    if (await page.evaluate(isIt, arg)) return;
    if (presses === max) break;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  assert.fail(`${max} presses of Tab did not reach ${what}; focus is on ${at}`);
}

// The requests of `urls` whose origin is none of `origins` (data: and blob: URLs are the
// page's own).
export function outside(urls, origins) {
  return urls.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && !origins.includes(new URL(url).origin));
}
