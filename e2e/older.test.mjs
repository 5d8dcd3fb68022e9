// Older browsers: the shipped JavaScript parses as ES2020 (the page's fallback as ES5), and
// wherever the app cannot start (no WebAssembly, a wasm the browser refuses to compile, the
// wasm never arriving, a browser that cannot run the module loader at all) the page says
// so in both languages, with axe clean: never a blank page, standalone, on a kiosk, or
// embedded by script in a browser with modules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import AxeBuilder from '@axe-core/playwright';
import { start, otherSite, shot, outside, TEST, HOOK } from './support.mjs';

let app;
before(async () => { app = await start('dist'); }, HOOK);
after(async () => { await app.close(); }, HOOK);

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ZH = '本工具未能在此浏览器中启动';
const EN = 'This tool could not start in this browser';

// Ways a browser fails to start the app, each made in a fresh page before any script runs.
const FAILURES = {
  'WebAssembly is missing': async (page) => {
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
  },
  'the wasm does not compile': async (page) => {
    await page.addInitScript(() => {
      const refuse = () => Promise.reject(new WebAssembly.CompileError('refused by the test'));
      for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming']) {
        WebAssembly[name] = refuse;
      }
    });
  },
  'the wasm never arrives': async (page) => {
    await page.route('**/*.wasm', (route) => route.abort());
  },
};

// The message as a person reads it: both languages, each marked as its language.
async function saysItCannotStart(page, where) {
  const box = page.locator('.ipsc-unsupported');
  await box.waitFor();
  assert.equal(await box.count(), 1, `one message ${where}`);
  assert.match(await box.locator('p[lang="zh-CN"]').textContent(), new RegExp(ZH));
  assert.match(await box.locator('p[lang="en"]').textContent(), new RegExp(EN));
  for (const text of [await box.textContent()]) {
    assert.match(text, /Chrome/);
    assert.doesNotMatch(text, /https?:|随州|元/, 'no link and no policy fact');
  }
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  assert.deepEqual(axe.violations.map((v) => v.id), [], `axe ${where}`);
}

test('the shipped JavaScript parses as ES2020, and the page\'s fallback and frame.js (on a host\'s page) as ES5', TEST, () => {
  const scripts = readdirSync('dist', { recursive: true }).filter((name) => name.endsWith('.js'));
  assert.ok(['boot-', 'fallback-', 'qr-', 'snippets/'].every((start) => scripts.some((n) => n.startsWith(start))) && scripts.includes('embed.js') && scripts.includes('frame.js'), scripts.join(', '));
  for (const name of scripts) {
    const source = readFileSync(join('dist', name), 'utf8');
    const classic = name.startsWith('fallback-') || name === 'frame.js';
    const [ecmaVersion, sourceType] = classic ? [5, 'script'] : [2020, 'module'];
    assert.doesNotThrow(() => parse(source, { ecmaVersion, sourceType }), `${name} as ES${ecmaVersion}`);
  }
  // The check bites: top-level await (ES2022), as trunk's own loader had it, is refused.
  assert.throws(() => parse('await import("/a.js");', { ecmaVersion: 2020, sourceType: 'module' }));
});

for (const [failure, make] of Object.entries(FAILURES)) {
  test(`when ${failure}, the page says so in both languages`, TEST, async () => {
    // A Chinese reader on the page, an English one on a kiosk: each reads theirs first.
    for (const [path, lang, first] of [['/', 'zh-CN', 'zh-CN'], ['/?mode=kiosk', 'en-GB', 'en']]) {
      const page = await app.context.newPage();
      await page.addInitScript((tag) => Object.defineProperty(Navigator.prototype, 'language', { get: () => tag }), lang);
      await make(page);
      await page.goto(app.origin + path);
      await saysItCannotStart(page, `at ${path}`);
      assert.equal(await page.locator('.ipsc-unsupported p').first().getAttribute('lang'), first);
      assert.equal(await page.locator('.ipsc h1').count(), 0, 'no app beside the message');
      await shot(page, `older-${failure.replaceAll(' ', '-')}-${lang}`);
      await page.close();
    }
  });
}

test('on another site\'s page, embed.js says so too when WebAssembly is missing', TEST, async (t) => {
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${app.origin} 'wasm-unsafe-eval'`,
    `style-src 'self' ${app.origin}`,
    `connect-src 'self' ${app.origin}`,
  ].join('; ');
  const other = await otherSite(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>随州市人民政府</title></head>
<body><main><h1>政策解读</h1><script type="module" src="${app.origin}/embed.js"></script></main></body></html>`, policy);
  t.after(() => other.close());
  const from = app.requests.length;
  const page = await app.context.newPage();
  await FAILURES['WebAssembly is missing'](page);
  await page.goto(other.origin + '/article');
  const box = page.locator('#ipsc-root .ipsc-unsupported');
  await box.waitFor();
  const text = await box.textContent();
  assert.ok(text.includes(ZH) && text.includes(EN), text);
  assert.deepEqual(outside(app.requests.slice(from), [app.origin, other.origin]), []);
  await page.close();
});

// A browser with modules but without `import()` (Edge 18, Firefox 60 ESR) cannot parse
// the module loader, and one without modules never runs it; its file may also not come.
// Either way the module never runs, and the fallback says so once the page has loaded.
test('when the module loader cannot run, the fallback says so in both languages', TEST, async () => {
  for (const [why, answer] of [
    ['it does not parse', (route) => route.fulfill({ contentType: 'text/javascript', body: 'import(' })],
    ['its file never comes', (route) => route.abort()],
  ]) {
    const page = await app.context.newPage();
    await page.route('**/boot-*.js', answer);
    await page.goto(app.origin + '/');
    await saysItCannotStart(page, `when the loader ${why}`);
    await page.close();
  }
});
