// Shared by the end-to-end tests: a server for dist/, Debian's Chromium in a fresh
// profile, a log of every request the page makes, and screenshots kept as artifacts.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';

export const ARTIFACTS = 'e2e/artifacts';

export async function start(dist = 'dist') {
  const server = await serve(dist);
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

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
