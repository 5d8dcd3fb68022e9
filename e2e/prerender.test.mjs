// The first step written into the page (issue 23, src/prerender.rs): readable before the
// wasm arrives, with buttons that wait and say so; what a person answers in it before the
// app runs is kept, with focus where it was; shown only where the app opens on that very
// screen, so no one sees it swap for another; never where the app cannot run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onTheApp, noAxeViolations, shot, TEST } from './support.mjs';

const app = onTheApp();


// A page of the app's origin whose wasm is held back until `release()`; storage is set to
// `stored` (nothing by default) first, on a blank page of the same origin.
async function held(stored = {}) {
  await store(stored);
  return heldPage();
}

// The app's origin's storage holds `stored` and nothing else.
async function store(stored) {
  const blank = await app.context.newPage();
  await blank.route(app.origin + '/blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await blank.goto(app.origin + '/blank');
  await blank.evaluate((items) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
  }, stored);
  await blank.close();
}

// A new page whose wasm is held back until `release()`.
async function heldPage() {
  const page = await app.context.newPage();
  let release;
  const gate = new Promise((ok) => { release = ok; });
  await page.route('**/ipsc-app-*_bg.wasm', async (route) => { await gate; await route.continue(); });
  return { page, release };
}

// Opens `path` and waits for the page's own scripts to have decided (the module marks
// that it ran), not for the wasm.
async function open(page, path) {
  await page.goto(app.origin + path, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-ipsc-boot'));
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);

test('the first question is there before the wasm; answers given then are kept, with focus', TEST, async () => {
  const { page, release } = await held();
  await open(page, '/');
  const written = page.locator('.ipsc-pre');
  assert.ok(await written.isVisible(), 'the written step is shown');
  assert.equal(await page.locator('h1').innerText(), '企业基本情况');
  // No dead controls: every button waits, and a status line says why.
  for (const name of ['Switch to English', '大字模式', '继续', '清除我的答案']) {
    assert.ok(await page.getByRole('button', { name, exact: true }).isDisabled(), `${name} waits`);
  }
  assert.equal(await page.getByRole('status').filter({ hasText: '正在加载' }).innerText(), '正在加载，稍候即可使用按钮继续。已选的答案会保留。');
  await noAxeViolations(page, 'the written step');
  await shot(page, 'prerender-before-the-wasm');

  await page.getByRole('group', { name: /企业是否在.+注册登记/ }).getByLabel('是', { exact: true }).check();
  await page.getByLabel('测算年度', { exact: true }).fill('2024');
  const industry = page.getByLabel('所属行业（可选）');
  await industry.selectOption('special-vehicles');
  await industry.focus();
  assert.equal(await activeId(page), 'ipsc-industry');
  assert.ok(await written.isVisible(), 'still the written step: the wasm is held');

  release();
  await written.waitFor({ state: 'detached' });
  // The app's own fields hold the answers, and the revealed question shows.
  await page.getByLabel('注册地所在区域').waitFor();
  assert.ok(await page.locator('#ipsc-registered-yes').isChecked());
  assert.equal(await page.getByLabel('测算年度', { exact: true }).inputValue(), '2024');
  assert.equal(await industry.inputValue(), 'special-vehicles');
  assert.equal(await activeId(page), 'ipsc-industry', 'focus stays on the field it was on');
  assert.ok(await page.getByRole('button', { name: '继续' }).isEnabled());
  assert.equal(await page.getByRole('status').filter({ hasText: '正在加载' }).count(), 0);
  // The app kept them: the next visit opens on them, not on the written step.
  const stored = await page.evaluate(() => localStorage.getItem('ipsc.answers'));
  assert.ok(stored, 'the answers are stored');
  await page.close();

  const again = await held({ 'ipsc.answers': stored });
  await open(again.page, '/');
  assert.equal(await again.page.locator('.ipsc-pre').isVisible(), false, 'stored answers: not the blank written step');
  again.release();
  await again.page.locator('.ipsc-pre').waitFor({ state: 'detached' });
  assert.equal(await again.page.getByLabel('测算年度', { exact: true }).inputValue(), '2024');
  await again.page.close();
});

// Every way in that opens on another screen, or in another language or size: the written
// step stays hidden until the app shows its own.
for (const [way, path, stored, heading] of [
  ['?lang=en', '/?lang=en', {}, 'About the enterprise'],
  ['a stored English', '/', { 'ipsc.prefs': 'en|0' }, 'About the enterprise'],
  ['a stored large text', '/', { 'ipsc.prefs': 'zh-CN|1' }, '企业基本情况'],
  ['#step=2', '/#step=2', {}, null],
  ['#check', '/#check', {}, null],
  ['an embedding page\'s settings', '/?mode=embedded', {}, '企业基本情况'],
  ['a share link', '/#a=2.damaged', {}, '企业基本情况'],
  ['a kiosk\'s root', '/kiosk', {}, '企业基本情况'],
]) {
  test(`with ${way}, the written step is never shown`, TEST, async () => {
    const { page, release } = await held(stored);
    // The kiosk program serves the same page with its settings on the root (src/settings.rs).
    await page.route(app.origin + '/kiosk', async (route) => {
      const response = await route.fetch({ url: app.origin + '/' });
      const body = (await response.text()).replace(/<div ([^>]*id="?ipsc-root)/, '<div data-mode="kiosk" data-idle-seconds="120" $1');
      assert.ok(body.includes('data-mode="kiosk"'), 'the kiosk\'s settings are on the root');
      await route.fulfill({ response, body });
    });
    await open(page, path);
    assert.equal(await page.locator('.ipsc-pre').isVisible(), false);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('ipsc-pre-on')), false);
    release();
    await page.locator('.ipsc-pre').waitFor({ state: 'detached' });
    const h1 = await page.locator('h1').innerText();
    if (heading) assert.equal(h1, heading);
    else assert.notEqual(h1, '企业基本情况');
    await page.close();
  });
}

test('a query the app does not read (a messaging app\'s ?from=) leaves the written step shown', TEST, async () => {
  const { page, release } = await held();
  await open(page, '/?from=timeline');
  assert.ok(await page.locator('.ipsc-pre').isVisible());
  release();
  await page.locator('.ipsc-pre').waitFor({ state: 'detached' });
  assert.equal(await page.locator('h1').innerText(), '企业基本情况');
  await page.close();
});

test('back in Chinese, the language chosen before is not kept, and the next visit is shown the written step', TEST, async () => {
  const { page, release } = await held();
  await open(page, '/');
  release();
  await page.locator('.ipsc-pre').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.locator('h1', { hasText: 'About the enterprise' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('ipsc.prefs')), 'en|0');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.locator('h1', { hasText: '企业基本情况' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('ipsc.prefs')), null);
  await page.close();

  // The next visit, with what this one left stored.
  const { page: next, release: letGo } = await heldPage();
  await open(next, '/');
  assert.ok(await next.locator('.ipsc-pre').isVisible(), 'a new visitor\'s first screen');
  assert.equal(await next.locator('h1').innerText(), '企业基本情况');
  letGo();
  await next.locator('.ipsc-pre').waitFor({ state: 'detached' });
  assert.equal(await next.locator('h1').innerText(), '企业基本情况');
  await next.close();
});

test('without JavaScript, the page says it needs it and shows no written step', TEST, async () => {
  const page = await app.context.newPage();
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(app.origin + '/');
  assert.equal(await page.locator('.ipsc-pre').isVisible(), false);
  assert.equal(await page.locator('.ipsc-noscript').innerText(), '本工具需要启用 JavaScript。This tool needs JavaScript.');
  await page.close();
});
