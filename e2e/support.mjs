// Shared by the end-to-end tests: a server for dist/, Debian's Chromium in a fresh
// profile, a log of every request the page makes, and screenshots kept as artifacts.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';

export const ARTIFACTS = 'e2e/artifacts';

export async function start(dist = 'dist', options = {}) {
  const server = await serve(dist, 0, options);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'ipsc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
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
