// One way to drive Firefox and WebKit (and, for a check by hand, Chromium): a thin layer
// over selenium-webdriver, so that e2e/engines.mjs writes each test once. It starts the
// engine's own WebDriver server (geckodriver, WebKitWebDriver, chromedriver) on a loopback
// port and connects to it: nothing is downloaded, no browser is looked for anywhere but
// Debian's paths.
//
// What fails a test, in every engine alike: a console error, an uncaught exception or
// unhandled rejection, a resource that fails to load, a content security policy
// violation, and a request off the allowed origins. Debian's WebKitWebDriver has no BiDi,
// so the layer learns these from inside each page: the test copy of the build
// (`testBuild`) loads `e2e/recorder.js`, a same-origin file (the strict policy allows no
// inline script), first in `<head>`; it records them, and the resources the page fetched
// (Resource Timing), into a global that `harvest()` reads from the page and its frames
// before each navigation and at each test's end. Under `default-src 'none'` the browser
// refuses any request off the page's origin and reports it as a violation, so both
// channels see one. Firefox adds BiDi's own console log and network events.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import webdriver from 'selenium-webdriver';
import http from 'selenium-webdriver/http/index.js';
import { freePort } from './support.mjs';

const { By, Key, WebDriver, Capabilities } = webdriver;
export { Key };

export const WAIT = 15_000;
const RECORDER = new URL('./recorder.js', import.meta.url);
const AXE = new URL('../node_modules/axe-core/axe.min.js', import.meta.url);

// Each engine: its driver (from the variable wasm-bindgen-test-runner also reads), how to
// start it on a port, and the capabilities of a session.
const ENGINES = {
  firefox: {
    name: 'Firefox',
    driver: () => process.env.GECKODRIVER,
    variable: 'GECKODRIVER',
    args: async (port) => ['--host', '127.0.0.1', '--port', String(port), '--websocket-port', String(await freePort()), '--log', 'error'],
    capabilities: () => ({
      browserName: 'firefox',
      webSocketUrl: true,
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false, 'network.connectivity-service.enabled': false, 'network.captive-portal-service.enabled': false },
      },
    }),
    bidi: true,
  },
  webkit: {
    name: 'WebKit',
    driver: () => process.env.SAFARIDRIVER ?? '/usr/bin/WebKitWebDriver',
    variable: 'SAFARIDRIVER',
    args: async (port) => [`--port=${port}`],
    capabilities: () => ({
      'webkitgtk:browserOptions': {
        binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    }),
    bidi: false,
  },
  chromium: {
    name: 'Chromium',
    driver: () => process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver',
    variable: 'CHROMEDRIVER',
    args: async (port) => [`--port=${port}`],
    capabilities: () => ({
      browserName: 'chrome',
      webSocketUrl: true,
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      },
    }),
    bidi: true,
  },
};

export const ENGINE = process.env.IPSC_ENGINE ?? 'firefox';

// A copy of `dist` for these tests: its index.html loads the recorder first (and has no
// gzip copy, which nginx would send instead), and `refused/` holds the same build with a
// wasm no engine will compile. Returns the folder; `remove()` deletes it.
export function testBuild(dist = 'dist') {
  const dir = mkdtempSync(join(tmpdir(), 'ipsc-engines-'));
  const withRecorder = (folder) => {
    const page = join(folder, 'index.html');
    const html = readFileSync(page, 'utf8');
    const charset = /<meta charset=[^>]*>/;
    assert.match(html, charset);
    writeFileSync(page, html.replace(charset, (tag) => `${tag}<script src="./ipsc-test-recorder.js"></script>`));
    rmSync(`${page}.gz`, { force: true });
    writeFileSync(join(folder, 'ipsc-test-recorder.js'), readFileSync(RECORDER));
  };
  cpSync(dist, dir, { recursive: true });
  const refused = join(dir, 'refused');
  cpSync(dist, refused, { recursive: true });
  const wasm = readdirSync(refused).filter((name) => name.startsWith('ipsc-app-') && name.endsWith('_bg.wasm'));
  assert.equal(wasm.length, 1, `one app wasm in the build: ${wasm}`);
  // A module of a WebAssembly version no engine knows, which every engine refuses to
  // compile; the page's preload names it with its own integrity value, so that the only
  // failure is the engine's refusal.
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const page = join(refused, 'index.html');
  const before = readFileSync(join(refused, wasm[0]));
  const refusedBytes = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]);
  const html = readFileSync(page, 'utf8');
  assert.ok(html.includes(sri(before)), 'the page names the wasm\'s integrity');
  writeFileSync(page, html.replace(sri(before), sri(refusedBytes)));
  writeFileSync(join(refused, wasm[0]), refusedBytes);
  rmSync(join(refused, `${wasm[0]}.gz`), { force: true });
  withRecorder(dir);
  withRecorder(refused);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Starts the engine's driver on a free loopback port; resolves once it answers.
async function startDriver(engine) {
  const path = engine.driver();
  assert.ok(path, `${engine.variable} names the driver (./x setup installs it; ./x test sets it)`);
  const port = await freePort();
  const child = spawn(path, await engine.args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stdout.on('data', (d) => { said += d; });
  child.stderr.on('data', (d) => { said += d; });
  const exited = new Promise((ok) => child.once('exit', ok));
  child.once('error', (e) => { said += String(e); });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return { url, child, exited, said: () => said };
    } catch { /* not yet */ }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${path} did not start: ${said}`);
}

// A browser of `ENGINE` in a fresh profile. `origins` lists the origins its pages may
// request (the app's; a test adds the sites it opens).
export async function launch({ origins = [] } = {}) {
  const engine = ENGINES[ENGINE];
  assert.ok(engine, `IPSC_ENGINE is one of ${Object.keys(ENGINES)}`);
  const server = await startDriver(engine);
  let driver;
  try {
    driver = await WebDriver.createSession(new http.Executor(new http.HttpClient(server.url)), new Capabilities(engine.capabilities()));
    await driver.getSession();
  } catch (e) {
    server.child.kill();
    await server.exited;
    throw new Error(`no ${engine.name} session: ${e.message}\n${server.said()}`);
  }
  const browser = new Browser(driver, engine, server, origins);
  try {
    await driver.manage().setTimeouts({ script: 60_000, pageLoad: 30_000, implicit: 0 });
    await driver.manage().window().setRect({ width: 1280, height: 900 });
    if (engine.bidi) await browser.listen();
  } catch (e) {
    await browser.close();
    throw e;
  }
  return browser;
}

export class Browser {
  constructor(driver, engine, server, origins) {
    this.driver = driver;
    this.engine = engine;
    this.server = server;
    this.origins = origins;
    this.problems = [];
    this.requests = [];
    // The address of each document (`page`, `frame N`) when last harvested.
    this.hrefs = {};
  }

  // Firefox's BiDi: the console's errors, uncaught exceptions, and every request.
  async listen() {
    const bidi = await this.driver.getBidi();
    await bidi.subscribe(['log.entryAdded', 'network.beforeRequestSent']);
    bidi.on('log.entryAdded', (entry) => {
      if (entry.level === 'error') this.problems.push(`${entry.type === 'javascript' ? 'uncaught' : 'console.error'} (BiDi): ${entry.text}`);
    });
    bidi.on('network.beforeRequestSent', (event) => this.requests.push(event.request.url));
    this.bidi = bidi;
  }

  // The engine's name and version, as its session says.
  async version() {
    const caps = await this.driver.getCapabilities();
    return `${caps.get('browserName')} ${caps.get('browserVersion')}`;
  }

  // What the recorder saw in the current page and each of its frames since the last
  // harvest, added to `problems` and `requests`.
  async harvest() {
    const read = () => this.driver.executeScript(`
      const seen = window.__ipscSeen;
      const entries = performance.getEntriesByType('resource').map((e) => e.name);
      performance.clearResourceTimings();
      return { href: location.href, problems: seen ? seen.problems.splice(0) : null, requests: entries };`);
    const take = (got, where) => {
      if (!got || got.href === 'about:blank') return;
      // The document's own address, once: where the app went, if it moved itself.
      if (this.hrefs[where] !== got.href) got.requests.unshift(got.href);
      this.hrefs[where] = got.href;
      // Pages that are not the app's (another site's article) have no recorder.
      if (got.problems === null && this.recorded(got.href)) this.problems.push(`${where}: the recorder did not run in ${got.href}`);
      for (const p of got.problems ?? []) this.problems.push(`${where} (${got.href}): ${p}`);
      this.requests.push(...got.requests);
    };
    await this.driver.switchTo().defaultContent();
    take(await read(), 'page');
    const frames = await this.driver.findElements(By.css('iframe'));
    for (let i = 0; i < frames.length; i++) {
      await this.driver.switchTo().frame(frames[i]);
      take(await read(), `frame ${i + 1}`);
      await this.driver.switchTo().defaultContent();
    }
  }

  // Whether a page at `href` should carry the recorder: the app's own pages.
  recorded(href) {
    return this.origins.length > 0 && new URL(href).origin === this.origins[0];
  }

  // Requests and problems since `mark` ({ requests, problems } lengths).
  since(mark) {
    return { requests: this.requests.slice(mark.requests), problems: this.problems.slice(mark.problems) };
  }

  mark() {
    return { requests: this.requests.length, problems: this.problems.length };
  }

  // Opens `url` (after harvesting the page it leaves) and waits for `wait`: by default,
  // for the app to run (`ready`).
  async open(url, wait = 'h1') {
    await this.harvest();
    await this.driver.get(url);
    this.hrefs.page = url;
    this.requests.push(url);
    if (wait === 'h1') await this.ready();
    else if (wait) await this.find(wait);
  }

  // Waits until the app runs: its first heading is there and the first step written into
  // the page (src/prerender.rs), which the app's mount replaces, is gone.
  async ready() {
    await this.find('h1');
    await this.until(async () => (await this.driver.findElements(By.css('.ipsc-pre'))).length === 0, 'the app to replace the first step written into the page');
  }

  // The first element for `css`, once there (within `timeout`).
  async find(css, timeout = WAIT) {
    return this.until(async () => (await this.driver.findElements(By.css(css)))[0], `an element for ${css}`, timeout);
  }

  // Polls `probe` until it returns something truthy; fails naming `what`.
  async until(probe, what, timeout = WAIT) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const got = await probe();
        if (got) return got;
        last = undefined;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) {
        // What the page showed instead (its heading and any error), or the last error's
        // name where its message is empty, as WebKit's can be.
        const why = last ? `${last.name}: ${last.message}` : await this.showing();
        assert.fail(`${this.engine.name}: waited ${timeout} ms for ${what} (${why})`);
      }
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  // Runs `fn` (a function, serialized) in the page with `args`.
  async run(fn, ...args) {
    return this.driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args);
  }

  async text(css) {
    return (await this.find(css)).getText();
  }

  async heading() {
    return this.text('h1');
  }

  // Chooses a radio button or checkbox by its id, as a pointer would.
  async choose(id) {
    const input = await this.find(`#${id}`);
    await input.click();
    // Found again: the app may redraw the group (a question revealed).
    await this.until(async () => (await this.find(`#${id}`)).isSelected(), `#${id} to be chosen`);
  }

  // Types `text` into the field with id `id`, replacing what is there. (Not a chord of
  // Control+A: geckodriver drops what is typed after it.)
  async fill(id, text) {
    const field = await this.find(`#${id}`);
    await field.clear();
    await field.sendKeys(text);
    if (await field.getAttribute('type') === 'date' && (await field.getAttribute('value')) !== text) {
      // WebKitWebDriver types into a date field's segments out of order (2025-01-01 reads
      // 0001-12-01): set the value as the engine's date picker does, with its input event.
      await this.run((el, value) => {
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, field, text);
    }
    await this.until(async () => (await (await this.find(`#${id}`)).getAttribute('value')) === text, `#${id} to read ${text}`);
  }

  async select(id, value) {
    await (await this.find(`#${id} option[value="${value}"]`)).click();
  }

  // Clicks the button whose text (or label) is `name`.
  async press(name) {
    const button = await this.until(async () => {
      for (const b of await this.driver.findElements(By.css('button'))) {
        if ((await b.getText()).trim() === name || (await b.getAttribute('aria-label')) === name) return b;
      }
      return null;
    }, `a button named ${name}`);
    await button.click();
  }

  // The id (or tag) of the element with focus.
  async focused() {
    return this.run(() => document.activeElement?.id || document.activeElement?.tagName);
  }

  async resize(width, height) {
    await this.driver.manage().window().setRect({ width, height });
  }

  // axe-core (its source injected into the page) with `tags`: the violations, as
  // "rule: targets" lines.
  async axe(tags) {
    const has = await this.run(() => typeof window.axe === 'object');
    if (!has) await this.driver.executeScript(readFileSync(AXE, 'utf8'));
    return this.driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      window.axe.run(document, { runOnly: { type: 'tag', values: arguments[0] } })
        .then((r) => done(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '))))
        .catch((e) => done(['axe failed: ' + e]));`, tags);
  }

  // The page's heading, error summary and focus, in a line; what failed where it cannot.
  async showing() {
    try {
      return await this.driver.executeScript(`
        const text = (css) => document.querySelector(css)?.textContent.replace(/\\s+/g, ' ').trim();
        return 'the page shows h1 ' + JSON.stringify(text('h1')) + ', errors ' + JSON.stringify(text('.ipsc-error-summary'))
          + ', focus on ' + (document.activeElement?.id || document.activeElement?.tagName);`);
    } catch (e) {
      return `the page answers nothing: ${e.name}: ${e.message}`;
    }
  }

  // Whether the session still runs a script in the page within 5 s: false where the
  // engine's web process died under it (its commands fail, with no message in WebKit).
  async alive() {
    const late = new Promise((ok) => setTimeout(() => ok(false), 5_000));
    const ran = this.driver.executeScript('return 1').then((one) => one === 1, () => false);
    return Promise.race([ran, late]);
  }

  // The last of what the driver (and the browser it started) wrote, for a failure's note.
  said(chars = 2_000) {
    return this.server.said().slice(-chars);
  }

  async close() {
    try {
      await this.driver.quit();
    } catch { /* gone already */ }
    this.server.child.kill();
    await this.server.exited;
  }
}
