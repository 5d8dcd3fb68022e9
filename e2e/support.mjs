// Shared by the end-to-end tests: Debian's nginx serving dist/ with deploy/'s
// configuration (or e2e/server.mjs, with IPSC_E2E_SERVER=node), Debian's Chromium in a fresh
// profile, a log of every request the page makes, and screenshots kept as artifacts.
// Every wait is bounded: Playwright's waits give up after WAIT ms (a page load after
// LOAD ms), and each test after TEST ms, so a missing element fails the test instead of
// hanging the suite.
import assert from 'node:assert/strict';
import { before, after, beforeEach, afterEach } from 'node:test';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

export const ARTIFACTS = 'e2e/artifacts';
export const WAIT = 15_000;
export const LOAD = 30_000;
/// The options of a test (node:test), and of the hooks that start and stop the browser.
export const TEST = { timeout: 120_000 };
export const HOOK = { timeout: 60_000 };

const DEPLOY = fileURLToPath(new URL('../deploy/', import.meta.url));

// A port no one listens on now.
export async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

// The http { } around deploy/'s two files, as docs/WEBMASTER.md has a site do it, on a
// loopback port, unprivileged: pid, logs and temporary files in `dir`. `dist` is served at
// `prefix`; `frameAncestors` is the one value the deploy files leave to the site.
export function nginxConf({ dir, port, dist, prefix = '/', frameAncestors = "'self'" }) {
  const root = resolve(dist) + '/';
  const q = (value) => JSON.stringify(value);
  // As root, nginx's workers would run as nobody, who may not read dist/ (under /root, say).
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  return `${user}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${DEPLOY}ipsc-http.conf;
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
        location ${prefix} {
            alias ${root};
            set $ipsc_frame_ancestors ${q(frameAncestors)};
            include ${DEPLOY}ipsc-location.conf;
        }${prefix === '/' ? '' : `
        location = ${prefix.replace(/\/$/, '')} {
            return 301 ${prefix};
        }`}
    }
}
`;
}

// Debian's nginx serving `dist` with deploy/'s configuration; resolves once it answers.
export async function nginx(dist, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ipsc-nginx-'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(join(dir, 'nginx.conf'), nginxConf({ ...options, dir, port, dist }));
    const child = spawn('nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (d) => { said += d; });
    const exited = new Promise((ok) => child.once('exit', ok));
    const origin = `http://127.0.0.1:${port}`;
    const up = await Promise.race([
      exited.then(() => false),
      (async () => {
        for (let i = 0; i < 200; i++) {
          try { await fetch(origin + '/'); return true; } catch { await new Promise((ok) => setTimeout(ok, 10)); }
        }
        return false;
      })(),
    ]);
    if (up) {
      return {
        origin,
        dir,
        async close() {
          child.kill('SIGQUIT');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await exited;
    if (attempt === 3) {
      let log = '';
      try { log = readFileSync(join(dir, 'error.log'), 'utf8'); } catch { /* none */ }
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start: ${said}${log}`);
    }
  }
}

// A server for `dist` (nginx, unless IPSC_E2E_SERVER=node) and a browser. Options:
// `frameAncestors` (which sites may frame the page), `prefix` (the path the app is served
// at, nginx only, e.g. '/tools/ipsc/'). `page(path)` opens `path` under the prefix.
export async function start(dist = 'dist', options = {}) {
  const prefix = options.prefix ?? '/';
  let server;
  if (process.env.IPSC_E2E_SERVER === 'node') {
    assert.equal(prefix, '/', 'the Node server serves dist/ at the root only');
    const node = await serve(dist, 0, options);
    server = {
      origin: `http://127.0.0.1:${node.address().port}`,
      close: async () => { node.closeAllConnections(); node.close(); },
    };
  } else {
    server = await nginx(dist, { ...options, prefix });
  }
  try {
    return await browse(server, server.origin + prefix);
  } catch (e) {
    // Left running, the server would keep the test process alive.
    await server.close();
    throw e;
  }
}

// Debian's Chromium in a fresh profile for a started `server` ({ origin, close() }), with
// a log of every request the pages make and of every console error; `page(path)` opens
// `path` under `base` and waits for the app to run (`ready`). Closing it closes the server too.
export async function browse(server, base = server.origin + '/') {
  const { origin } = server;
  const profile = mkdtempSync(join(tmpdir(), 'ipsc-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
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
    base,
    context,
    requests,
    problems,
    async page(path = '/') {
      const page = await context.newPage();
      await page.goto(base + path.replace(/^\//, ''));
      await ready(page);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Waits until the app runs in `page`: its first heading is there and the first step
// written into the page (src/prerender.rs), which the app's mount replaces, is gone. A test
// that means to answer the written step before the app runs does not wait for this.
export async function ready(page) {
  await page.locator('h1').waitFor();
  await page.waitForFunction(() => !document.querySelector('.ipsc-pre'));
}

// Another site: one page, on another origin, under its own content security policy.
// `html` may be a function of the site's origin, for a page that names itself.
export async function otherSite(html, policy) {
  let origin;
  const server = createServer((req, res) => {
    const body = typeof html === 'function' ? html(origin) : html;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => { server.closeAllConnections(); server.close(); } };
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

// The shortest journey to the results, by the fields and the buttons' names: a registered
// tech SME, in good standing, with `patents` domestic invention patents (10,000 yuan
// each), no PCT patent, no loan, no recognition. `target` is a page or a frame's locator;
// resolves once the report's texts are in.
export async function shortJourney(target, { lang = 'zh', patents = 1 } = {}) {
  const next = lang === 'zh' ? '继续' : 'Continue';
  await target.locator('#ipsc-registered-yes').check();
  await target.locator('#ipsc-tech-sme-yes').check();
  await target.locator('#ipsc-abnormal-no').check();
  await target.locator('#ipsc-dishonest-no').check();
  await target.getByRole('button', { name: next }).click();
  await target.locator('#ipsc-count-domestic-invention-patents').fill(String(patents));
  await target.locator('#ipsc-count-pct-invention-patents').fill('0');
  await target.getByRole('button', { name: next }).click();
  await target.locator('#ipsc-has-loans-no').check();
  await target.getByRole('button', { name: next }).click();
  await target.locator('#ipsc-level-protection-workstation-0').check();
  await target.getByRole('button', { name: next }).click();
  await target.getByRole('button', { name: next }).click();
  await target.getByRole('button', { name: lang === 'zh' ? '查看测算结果' : 'See the estimate' }).click();
  await target.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
}

// The journey's first step, every question answered (Zengdu, a special-vehicle maker, a
// tech SME in good standing, the year 2025), so that every later answer counts.
export async function answerFirstStep(page) {
  await page.locator('#ipsc-registered-yes').check();
  await page.locator('#ipsc-region').selectOption('zengdu');
  await page.locator('#ipsc-industry').selectOption('special-vehicles');
  await page.locator('#ipsc-tech-sme-yes').check();
  await page.locator('#ipsc-abnormal-no').check();
  await page.locator('#ipsc-dishonest-no').check();
  await page.locator('#ipsc-year').fill('2025');
}

// For a file whose tests use the app's own page: starts the app (nginx) and the browser
// before its first test; after each test, on its own (filtered or in any order), fails it
// on a request outside the page's origin or a console error, and, with `seen`, when no
// request of the test was seen at all. Returns the started app (filled in before the
// first test), whose `mark` is where the current test's requests and errors begin.
export function onTheApp({ seen = false } = {}) {
  const app = { mark: { requests: 0, problems: 0 } };
  before(async () => { Object.assign(app, await start('dist')); }, HOOK);
  after(async () => { await app.close?.(); }, HOOK);
  beforeEach(() => { app.mark = { requests: app.requests.length, problems: app.problems.length }; });
  afterEach(() => {
    const { mark } = app;
    const requests = app.requests.slice(mark.requests);
    if (seen) assert.ok(requests.length > 0, 'the test\'s requests were seen');
    assert.deepEqual(outside(requests, [app.origin]), [], 'requests outside the page\'s origin');
    assert.deepEqual(app.problems.slice(mark.problems), [], 'console errors or CSP violations');
  });
  return app;
}

// WCAG 2.1 A and AA, and axe's best practices.
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// Fails, naming `where` and each rule's elements, if axe finds a violation on `page`.
export async function noAxeViolations(page, where) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `axe on ${where}`);
}

// For a file whose tests put the app on other sites: starts the app (nginx, letting any
// loopback site frame it) and the browser before its first test; after each test, fails
// it on a request to anything but the app and the sites it opened (each test pushes
// their origins onto `sites.origins`) or on a console error. Returns `sites`, whose `app`
// is the started app and `mark` where the current test's requests and errors begin.
export function onOtherSites() {
  const sites = { app: null, origins: [], mark: { requests: 0, problems: 0 } };
  before(async () => { sites.app = await start('dist', { frameAncestors: "'self' http://127.0.0.1:*" }); }, HOOK);
  after(async () => { await sites.app?.close(); }, HOOK);
  beforeEach(() => {
    sites.mark = { requests: sites.app.requests.length, problems: sites.app.problems.length };
    sites.origins.length = 0;
  });
  afterEach(() => {
    const requests = sites.app.requests.slice(sites.mark.requests);
    assert.ok(requests.length > 0, 'the test\'s requests were seen');
    assert.deepEqual(outside(requests, [sites.app.origin, ...sites.origins]), [], 'requests outside the app\'s and the sites\' origins');
    assert.deepEqual(sites.app.problems.slice(sites.mark.problems), [], 'console errors or CSP violations');
  });
  return sites;
}
