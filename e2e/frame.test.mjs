// The app framed by another site with frame.js: the frame fits the app at every step with
// no scrollbar inside, believes only its own frame, takes the site's colour and text scale
// only where they keep the app readable, and tells the site the result only when the site
// named its own origin. The site is another origin under its own strict policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { onOtherSites, otherSite, shortJourney, shot, outside, TEST } from './support.mjs';

const sites = onOtherSites();
const { origins } = sites;

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// A site's article with `body` where the frame goes, allowing frame.js and the frame as
// docs/WEBMASTER.md says, and nothing else (but the other `frames` a test puts there).
// `named(origin)`, if given, makes the body from the site's own origin.
async function site(t, body, { frames = [], named = null } = {}) {
  const policy = ["default-src 'none'", `script-src ${sites.app.origin}`, `frame-src ${[sites.app.origin, ...frames].join(' ')}`].join('; ');
  const page = (inside) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>随州市人民政府</title></head>
<body><main><h1>政策解读</h1><p>文章正文。</p>${inside}<p>文章结束。</p></main></body></html>`;
  const other = await otherSite(named ? (origin) => page(named(origin)) : page(body), policy);
  origins.push(other.origin);
  t.after(() => other.close());
  return other;
}

const frameJs = (attributes = '') => `<script src="${sites.app.base}frame.js" async ${attributes}></script>`;

// Opens the site, records every message its window receives (Playwright's script is not
// the site's, so the site's policy does not stop it), and waits for the frames' apps.
async function open(other, frames = 1) {
  const page = await sites.app.context.newPage();
  await page.addInitScript(() => {
    window.received = [];
    window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
  });
  await page.goto(other.origin + '/article');
  await assertFrames(page, frames);
  return page;
}

async function assertFrames(page, count) {
  await page.locator('iframe').nth(count - 1).waitFor();
  assert.equal(await page.locator('iframe').count(), count);
  for (let i = 0; i < count; i++) await page.frameLocator('iframe').nth(i).locator('h1').waitFor();
}

// The frame's height on the site and its document's height inside, once they agree (the
// app's message takes a moment); fails if they never do.
async function fitted(page, i = 0) {
  const outer = page.locator('iframe').nth(i);
  const inner = page.frameLocator('iframe').nth(i).locator('html');
  let heights;
  for (let tries = 0; tries < 100; tries++) {
    heights = {
      frame: await outer.evaluate((f) => f.getBoundingClientRect().height),
      document: await inner.evaluate((h) => Math.ceil(h.getBoundingClientRect().height)),
      scrolls: await inner.evaluate((h) => h.scrollHeight > window.innerHeight),
    };
    if (Math.abs(heights.frame - heights.document) <= 1 && !heights.scrolls) return heights.frame;
    await page.waitForTimeout(50);
  }
  assert.fail(`the frame never fitted its document: ${JSON.stringify(heights)}`);
}

test('frame.js puts a titled frame where it stands, which grows at the results and shrinks back, never scrolling inside', TEST, async (t) => {
  const other = await site(t, frameJs());
  const page = await open(other);
  const iframe = page.locator('main > iframe');
  assert.equal(await iframe.getAttribute('title'), '知识产权奖补自测');
  assert.equal(await iframe.getAttribute('lang'), 'zh-CN');
  assert.equal(await page.evaluate(() => document.querySelector('main iframe').nextElementSibling.tagName), 'SCRIPT', 'the frame is where the script is');
  const first = await fitted(page);
  const frame = page.frameLocator('iframe');
  // An error summary makes the step taller; the frame follows.
  await frame.getByRole('button', { name: '继续' }).click();
  await frame.locator('.ipsc-error-summary').waitFor();
  const withErrors = await fitted(page);
  assert.ok(withErrors > first, `taller with the error summary: ${first} -> ${withErrors}`);
  await shortJourney(frame);
  assert.equal(await frame.getByTestId('total').innerText(), '10,000.00 元');
  const results = await fitted(page);
  assert.ok(results > withErrors, `taller at the results: ${withErrors} -> ${results}`);
  await shot(page, 'frame-results');
  // Large text, then a narrower window: the frame follows both.
  await frame.getByRole('button', { name: '大字模式' }).click();
  const large = await fitted(page);
  assert.ok(large > results, `taller in large text: ${results} -> ${large}`);
  await page.setViewportSize({ width: 420, height: 800 });
  const narrow = await fitted(page);
  assert.ok(narrow > large, `taller when narrower: ${large} -> ${narrow}`);
  // Back to the first step: the frame shrinks back.
  await frame.getByRole('button', { name: '清除我的答案' }).click();
  await frame.locator('h1', { hasText: '企业基本情况' }).waitFor();
  const again = await fitted(page);
  assert.ok(again < narrow, `shorter again at the first step: ${narrow} -> ${again}`);
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  assert.deepEqual(axe.violations.map((v) => v.id), [], 'axe on the site with the frame');
  await page.close();
});

test('two frames on one page each fit their own app, in their own language', TEST, async (t) => {
  const other = await site(t, frameJs() + '<p>第二个：</p>' + frameJs('data-lang="en"'));
  const page = await open(other, 2);
  assert.equal(await page.locator('iframe').nth(1).getAttribute('title'), 'IP Subsidy Self-Check');
  assert.equal(await page.locator('iframe').nth(1).getAttribute('lang'), 'en');
  const english = page.frameLocator('iframe').nth(1);
  assert.equal(await english.locator('h1').innerText(), 'About the enterprise');
  await shortJourney(english, { lang: 'en' });
  const [chinese, results] = [await fitted(page, 0), await fitted(page, 1)];
  assert.ok(results > chinese + 200, `the frame at its results is the taller: ${chinese} and ${results}`);
  await page.close();
});

test('frame.js believes no resize message but its own frame\'s, from the app\'s origin', TEST, async (t) => {
  // A third site in a frame of its own on the page posts a forged height to the page.
  const forger = await otherSite(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forger</title></head>
<body><script>parent.postMessage({ source: 'ipsc', kind: 'resize-height', value: 77 }, '*');</script></body></html>`, "default-src 'none'; script-src 'unsafe-inline'");
  t.after(() => forger.close());
  origins.push(forger.origin);
  const other = await site(t, frameJs(), { frames: [forger.origin] });
  const page = await open(other);
  const height = await fitted(page);
  // The page itself, and the third site's frame, say 77 px: the frame stays as it is.
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'forger';
    document.body.append(frame);
    window.postMessage({ source: 'ipsc', kind: 'resize-height', value: 77 }, '*');
  }, forger.origin + '/forge');
  await page.waitForFunction(() => window.received.filter((m) => m.data?.value === 77).length === 2, null, { timeout: 5000 }).catch(async () => {
    assert.fail(`the forged messages did not both come: ${JSON.stringify(await page.evaluate(() => window.received.map((m) => [m.origin, m.data?.kind, m.data?.value])))}`);
  });
  await page.waitForTimeout(200);
  assert.equal(await page.locator('main > iframe').evaluate((f) => f.getBoundingClientRect().height), height, 'forged heights are ignored');
  await page.close();
});

test('the result goes to the site only when it named its origin, with the amounts the page shows', TEST, async (t) => {
  for (const named of [true, false]) {
    const other = await site(t, '', { named: (origin) => frameJs(named ? `data-host-origin="${origin}"` : '') });
    const page = await open(other);
    const frame = page.frameLocator('iframe');
    await shortJourney(frame);
    await fitted(page);
    if (!named) {
      // The resize messages came; a result never did.
      const kinds = await page.evaluate(() => window.received.map((m) => m.data?.kind));
      assert.ok(kinds.includes('resize-height'), `messages seen: ${kinds}`);
      assert.ok(!kinds.includes('result'), 'no result message unless the site asks');
      await page.close();
      continue;
    }
    // Shown as 10,000.00 元; sent as exact yuan, with every line's status.
    await page.waitForFunction(() => window.received.some((m) => m.data?.kind === 'result'));
    const messages = await page.evaluate(() => window.received.filter((m) => m.data?.kind === 'result'));
    assert.equal(messages.length, 1, 'one result for one results page');
    const [message] = messages;
    assert.equal(message.origin, sites.app.origin);
    assert.deepEqual(Object.keys(message.data).sort(), ['kind', 'lines', 'source', 'total', 'v'], 'nothing but the amounts');
    assert.equal(message.data.source, 'ipsc');
    assert.equal(message.data.v, 1);
    assert.equal(message.data.total, '10000.00');
    const yuan = (text) => text.replace(/[,\s元]/g, '');
    assert.equal(yuan(await frame.getByTestId('total').innerText()), message.data.total);
    assert.equal(message.data.lines.length, await frame.locator('[data-testid^="amount-"]').count(), 'every line shown is sent');
    for (const line of message.data.lines) {
      assert.deepEqual(Object.keys(line).sort(), ['amount', 'measure', 'status']);
      assert.equal(yuan(await frame.getByTestId(`amount-${line.measure}`).innerText()), line.amount, line.measure);
      assert.match(line.status, /^[a-z-]+$/);
    }
    await page.close();
  }
});

test('the site\'s colour and text scale apply where they keep the app readable, and axe stays clean', TEST, async (t) => {
  const other = await site(t, frameJs('data-colour="#b5121b" data-scale="1.25"') + frameJs('data-colour="#ffdd00"'));
  const warnings = [];
  const page = await sites.app.context.newPage();
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(other.origin + '/article');
  await assertFrames(page, 2);
  const [red, yellow] = [page.frameLocator('iframe').nth(0), page.frameLocator('iframe').nth(1)];
  const background = (frame) => frame.getByRole('button', { name: '继续' }).evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await background(red), 'rgb(181, 18, 27)', 'the site\'s red is the main colour');
  assert.equal(await background(yellow), 'rgb(29, 79, 145)', 'a yellow white text cannot be read on is not used');
  assert.ok(warnings.some((w) => w.includes('#ffdd00') && w.includes('4.5:1')), `the console says why: ${warnings.join(' | ')}`);
  assert.equal(await red.locator('html').evaluate((h) => getComputedStyle(h).fontSize), '20px', 'the text scale: 16px × 1.25');
  assert.equal(await yellow.locator('html').evaluate((h) => getComputedStyle(h).fontSize), '16px');
  await fitted(page, 0);
  for (const i of [0, 1]) {
    const axe = await new AxeBuilder({ page }).include(`iframe:nth-of-type(${i + 1})`).withTags(WCAG).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], `axe in frame ${i + 1}`);
  }
  await shot(page, 'frame-colours');
  // The results in the site's red, in large text on top of the site's scale, in a 320 px
  // wide window (WCAG's reflow width): readable, and nothing scrolls sideways.
  await shortJourney(red);
  await red.getByRole('button', { name: '大字模式' }).click();
  await page.setViewportSize({ width: 320, height: 800 });
  await fitted(page, 0);
  const results = await new AxeBuilder({ page }).include('iframe:nth-of-type(1)').withTags(WCAG).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], 'axe on the results in the site\'s red, large, at 320 px');
  const wide = await red.locator('html').evaluate((h) => [h.scrollWidth, h.clientWidth]);
  assert.ok(wide[0] <= wide[1], `nothing scrolls sideways: ${wide}`);
  await shot(page, 'frame-colours-results-320');
  await page.close();
});
