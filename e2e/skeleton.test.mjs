// The walking skeleton end to end: the release build under a strict CSP, one answer, the
// exact amount from the engine and the pack, no request outside the page's origin, and
// zero axe violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { start, shot } from './support.mjs';

let app;
before(async () => { app = await start(); });
after(async () => { await app.close(); });

const field = (page) => page.getByLabel('当年获得国内授权的发明专利数量');

test('the page names the product in Chinese and English', async () => {
  const page = await app.page();
  assert.equal(await page.locator('h1 [lang="zh-CN"]').innerText(), '知识产权奖补自测');
  assert.equal(await page.locator('h1 [lang="en"]').innerText(), 'IP Subsidy Self-Check');
  await page.close();
});

test('three patents show exactly 30,000.00 yuan, with the formula', async () => {
  const page = await app.page();
  await field(page).fill('3');
  await assert.doesNotReject(page.getByTestId('amount').getByText('30,000.00 元', { exact: true }).waitFor());
  assert.equal(await page.getByTestId('formula').innerText(), '3 件 × 10,000.00 元 = 30,000.00 元');
  await shot(page, 'skeleton-zh-3-patents');
  await field(page).fill('１２件');
  await page.getByTestId('amount').getByText('120,000.00 元', { exact: true }).waitFor();
  await page.close();
});

test('a fraction is refused next to the field and in the summary, and kept as typed', async () => {
  const page = await app.page();
  await field(page).fill('2.5');
  await page.locator('.ipsc-error-message').first().waitFor();
  assert.equal(await page.locator('#ipsc-count-domestic-invention-patents-error').innerText(), '请输入整数，例如 3');
  assert.equal(await page.locator('.ipsc-error-summary a').innerText(), '请输入整数，例如 3');
  assert.equal(await field(page).inputValue(), '2.5');
  assert.equal(await page.getByTestId('amount').count(), 0);
  await shot(page, 'skeleton-zh-error');
  await page.close();
});

test('English shows the same amount in English words', async () => {
  const page = await app.page();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  const enField = page.getByLabel('Domestic invention patents granted in the year');
  await enField.fill('3');
  await page.getByTestId('amount').getByText('¥30,000.00', { exact: true }).waitFor();
  assert.equal(await page.locator('.ipsc').getAttribute('lang'), 'en');
  await shot(page, 'skeleton-en-3-patents');
  await page.close();
});

test('zero axe violations, in both languages, with an error shown', async () => {
  const page = await app.page();
  await field(page).fill('3');
  await page.locator('details.ipsc-clause summary').click();
  for (const lang of ['zh', 'en']) {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `axe (${lang})`);
    if (lang === 'zh') await page.getByRole('button', { name: 'Switch to English' }).click();
  }
  await page.getByLabel('Domestic invention patents granted in the year').fill('x');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), []);
  await page.close();
});

test('the page makes no request outside its own origin and logs no errors', async () => {
  const outside = app.requests.filter((url) => !url.startsWith(app.origin) && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
  assert.deepEqual(app.problems, [], 'console errors or CSP violations');
});
