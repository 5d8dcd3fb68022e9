// The app on another site's page, both ways README.md gives: one line of script, and a
// frame. The other site is another origin with its own strict content security policy
// that allows only what the instructions say; the app must work, keep nothing in the
// browser, and leave the other page's URL alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { onOtherSites, otherSite, shortJourney, shot, outside, TEST } from './support.mjs';

const sites = onOtherSites();
const { origins } = sites;

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function site(body, extra = '') {
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${sites.app.origin} 'wasm-unsafe-eval'`,
    `style-src 'self' ${sites.app.origin}`,
    `connect-src 'self' ${sites.app.origin}`,
    extra,
  ].filter(Boolean).join('; ');
  const other = await otherSite(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>随州市人民政府</title></head>
<body><main><h1>政策解读</h1><p>文章正文。</p>${body}<p>文章结束。</p></main></body></html>`, policy);
  origins.push(other.origin);
  return other;
}

const embedJs = () => `<script type="module" src="${sites.app.origin}/embed.js"></script>`;

// Another site's article with the one line of script, open in a new page, the app's first
// heading shown; the site closes when the test ends.
async function embeddedByScript(t) {
  const other = await site(embedJs());
  t.after(() => other.close());
  const page = await sites.app.context.newPage();
  await page.goto(other.origin + '/article');
  const heading = page.locator('.ipsc h1');
  await heading.waitFor();
  return { other, page, heading };
}

test('one line of script shows the app in another site\'s page, which keeps its own URL', TEST, async (t) => {
  const { other, page, heading } = await embeddedByScript(t);
  assert.equal(await heading.innerText(), '企业基本情况');
  assert.equal(await page.locator('main > #ipsc-root').count(), 1, 'mounted where the script is');
  await page.locator('#ipsc-registered-yes').check();
  await page.locator('#ipsc-tech-sme-yes').check();
  await page.locator('#ipsc-abnormal-no').check();
  await page.locator('#ipsc-dishonest-no').check();
  await page.getByRole('button', { name: '继续' }).click();
  assert.equal(await heading.innerText(), '测算年度内获得的授权');
  await page.locator('#ipsc-count-domestic-invention-patents').fill('2');
  await page.locator('#ipsc-count-pct-invention-patents').fill('0');
  await page.getByRole('button', { name: '继续' }).click();
  await page.locator('#ipsc-has-loans-no').check();
  await page.getByRole('button', { name: '继续' }).click();
  await page.locator('#ipsc-level-protection-workstation-0').check();
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByRole('button', { name: '继续' }).click();
  assert.equal(await heading.innerText(), '检查您的答案');
  await page.getByRole('link', { name: '修改 当年获得国内授权的发明专利数量' }).click();
  assert.equal(await heading.innerText(), '测算年度内获得的授权', 'links move within the app');
  await page.waitForFunction(() => document.activeElement?.id === 'ipsc-count-domestic-invention-patents');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '继续' }).click();
  await page.getByRole('button', { name: '查看测算结果' }).click();
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('total').innerText(), '20,000.00 元');
  assert.equal(new URL(page.url()).hash, '', 'the other page\'s URL is left alone');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing is kept in the browser');
  const share = await page.locator('#ipsc-share').inputValue();
  assert.ok(share.startsWith(sites.app.origin + '/#a='), `a share link opens the app's own page: ${share}`);
  const results = await new AxeBuilder({ page }).include('#ipsc-root').withTags(WCAG).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), []);
  await shot(page, 'embed-script-results');
  await page.close();
});

test('a frame shows the app in another site\'s page', TEST, async (t) => {
  // The snippet docs/WEBMASTER.md gives for a site that allows no script, as it is.
  const other = await site(`<iframe src="${sites.app.origin}/?mode=embedded" title="知识产权奖补自测" width="100%" height="1400"></iframe>`, `frame-src ${sites.app.origin}`);
  t.after(() => other.close());
  const page = await sites.app.context.newPage();
  await page.goto(other.origin + '/article');
  const frame = page.frameLocator('iframe');
  await frame.locator('h1').waitFor();
  assert.equal(await frame.locator('h1').innerText(), '企业基本情况');
  await frame.locator('#ipsc-registered-yes').check();
  assert.equal(await frame.locator('#ipsc-registered-yes').isChecked(), true);
  await shot(page, 'embed-frame');
  await page.close();
});

test('embedded, the app asks nothing of any origin but its own and the page\'s, and logs no errors', TEST, async (t) => {
  // A journey of its own to the results, so this holds when it runs alone.
  const { other, page } = await embeddedByScript(t);
  await shortJourney(page);
  assert.equal(await page.getByTestId('total').innerText(), '10,000.00 元');
  await page.close();
  const mine = sites.app.requests.slice(sites.mark.requests);
  for (const [what, origin, pattern] of [
    ['the other site\'s page', other.origin, /^\/article$/],
    ['embed.js', sites.app.origin, /^\/embed\.js$/],
    ['the wasm', sites.app.origin, /^\/[^/]+\.wasm$/],
    ['the report texts', sites.app.origin, /^\/ipsc-texts-[^/]+\.bin$/],
  ]) {
    assert.ok(mine.some((url) => url.startsWith(origin + '/') && pattern.test(new URL(url).pathname)), `${what} was requested: ${mine.join(' ')}`);
  }
  assert.deepEqual(outside(mine, [sites.app.origin, other.origin]), []);
  // And everything the file's tests asked for so far.
  assert.deepEqual(sites.app.requests.filter((url) => !url.startsWith('http://127.0.0.1:') && !url.startsWith('data:')), []);
  assert.deepEqual(sites.app.problems, [], 'console errors or CSP violations');
});
