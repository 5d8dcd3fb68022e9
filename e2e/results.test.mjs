// The results a person reads first: under the total, every money line in one table (the
// measure, its status in words, its amount), on one screen of a phone and of a desktop, in
// both languages, printed too, with axe clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { start, shot, TEST, HOOK, ready } from './support.mjs';

let app;
before(async () => { app = await start('dist'); }, HOOK);
after(async () => { await app.close(); }, HOOK);

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// A share link, as the app writes them (src/storage.rs): every money line eligible.
const fnv = (text) => {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
};
const BODY = 'v=2&p=suizhou-2024-15&year=2025&registered=1&tech-sme=yes&abnormal=0&dishonest=0'
  + '&count.domestic-invention-patents=3&count.pct-invention-patents=1&has-loans=1'
  + '&level.protection-workstation=city&situation=exports'
  + '&loan.principal=500%E4%B8%87&loan.start=2025-03-01&loan.term=12&loan.rate=';
const LINK = `/#a=${BODY}&sum=${fnv(BODY)}`;

async function results(width, height, lang) {
  const page = await app.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(app.origin + LINK);
  await ready(page);
  // The language is kept in the browser between pages: switch only if it is not the one.
  const other = page.getByRole('button', { name: lang === 'en' ? 'Switch to English' : '切换到中文' });
  if (await other.count()) await other.click();
  await page.getByRole('button', { name: lang === 'en' ? 'See the estimate' : '查看测算结果' }).click();
  await page.getByTestId('total').waitFor();
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  return page;
}

for (const [width, height] of [[390, 844], [1280, 800]]) {
  for (const lang of ['zh', 'en']) {
    test(`at ${width}×${height} in ${lang}, the first screen holds the total and every money line`, TEST, async () => {
      const page = await results(width, height, lang);
      const rows = page.locator('table tbody tr');
      const lines = await page.locator('[data-testid^="amount-"]').count();
      assert.ok(lines >= 4, `${lines} lines`);
      assert.equal(await rows.count(), lines, 'one row per money line');
      for (const seen of [page.getByTestId('total'), rows.last()]) {
        const box = await seen.boundingBox();
        assert.ok(box && box.y + box.height <= height, `on the first screen: ${JSON.stringify(box)}`);
      }
      // Each row says what its line says: the status in words and the amount.
      for (let i = 0; i < lines; i++) {
        const row = rows.nth(i);
        const target = (await row.locator('a').getAttribute('href')).slice(1);
        const line = page.locator(`section:has(> h2#${target})`);
        assert.equal(await row.locator('td').first().textContent(), await line.locator('.ipsc-tag').first().textContent());
        assert.equal(await row.locator('td').last().textContent(), await line.locator('[data-testid^="amount-"]').textContent());
      }
      // A row's link takes the reader to the line, and leaves the URL's step alone.
      const first = rows.first().locator('a');
      const target = (await first.getAttribute('href')).slice(1);
      await first.click();
      assert.equal(await page.evaluate(() => document.activeElement.id), target);
      assert.equal(new URL(page.url()).hash, '#results');
      const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
      assert.deepEqual(axe.violations.map((v) => v.id), []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `results-first-screen-${width}-${lang}`);
      await page.close();
    });
  }
}

test('the overview prints, with each line\'s detail and what to do next', TEST, async () => {
  const page = await results(1280, 800, 'zh');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('table').isVisible(), 'the overview prints');
  assert.ok(await page.getByRole('heading', { name: '下一步' }).first().isVisible(), 'what to do next prints');
  await page.close();
});
