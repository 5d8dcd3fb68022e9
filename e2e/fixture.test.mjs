// The app built with another pack: the fixture pack of an invented city
// (crates/ipsc-engine/tests/fixture-pack.toml), which shares no measure, amount or LPR with
// Suizhou's. One journey through its questionnaire, by labels and button names, to results
// whose amounts come from that pack alone: proof that a pack needs no code of its own.
// `./x test` builds the app with it into its own folder (IPSC_DIST, target/fixture-dist)
// and runs this file alone against it; the other end-to-end files test dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { start, outside, shot, TEST, HOOK } from './support.mjs';

const DIST = process.env.IPSC_DIST ?? 'target/fixture-dist';

let app;
before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `${DIST} holds no build: ./x test builds it (xtask/src/test.rs), or build one with ./x build --pack crates/ipsc-engine/tests/fixture-pack.toml and set IPSC_DIST=dist`);
  app = await start(DIST);
}, HOOK);
after(async () => { await app?.close(); }, HOOK);

// Worked from fixture-pack.toml (its cases.toml works the same numbers), for the year 2024:
// - utility-model: 4 utility models × 2,000 yuan = 8,000.00;
// - pledge: a 1,000,000 yuan loan from 2024-03-01 for 12 months has 10 months in 2024; the
//   1-year LPR at its start is 2.00% (from 2024-01-01), and the subsidy is 50% of it, under
//   the cap of 50,000: 1,000,000 × 2.00% × 50% × 10/12 = 8,333.33 (the fixture's case
//   "a 1,000,000 yuan loan from 2024-03-01 …");
// - station: a station recognised at county level (the least the pack pays for) gets
//   5,000.00 a year;
// - total: 8,000.00 + 8,333.33 + 5,000.00 = 21,333.33.
const EXPECTED = {
  total: '¥21,333.33',
  'utility-model': '¥8,000.00',
  pledge: '¥8,333.33',
  station: '¥5,000.00',
};

test('the fixture pack\'s app: a journey by labels to the amounts its pack gives', TEST, async () => {
  const page = await app.page('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  const group = (name) => page.getByRole('group', { name });
  const next = (name = 'Continue') => page.getByRole('button', { name, exact: true }).click();

  // The pack's own place in a fixed question's words.
  await group('Is the enterprise registered in Example City?').getByLabel('Yes', { exact: true }).check();
  await group(/registered \(入库\) as a technology-based SME/).getByLabel('No', { exact: true }).check();
  await group(/abnormal operations/).getByLabel('No', { exact: true }).check();
  await group(/seriously illegal and dishonest/).getByLabel('No', { exact: true }).check();
  await page.getByLabel('Assessment year', { exact: true }).fill('2024');
  await next();

  // The pack's count question.
  await page.getByLabel('Utility models').fill('4');
  await next();

  await group(/loans secured by a pledge/).getByLabel('Yes', { exact: true }).check();
  await page.getByLabel('Principal secured by the IP pledge (yuan)').fill('1000000');
  await page.getByLabel('Start date of the loan').fill('2024-03-01');
  await page.getByLabel('Term (months)').fill('12');
  await next();

  // The pack's level question and its options.
  await group('Service station').getByLabel('County', { exact: true }).check();
  await next();

  // Its situations ask nothing that changes an amount.
  await next();
  assert.equal(await page.locator('h1').innerText(), 'Check your answers');
  await next('See the estimate');
  assert.equal(await page.locator('h1').innerText(), 'Your estimate');
  // The report texts' file is the one the post-build hook split from the same pack: the
  // wasm accepts only the file its own build named, and the words are the fixture's.
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  assert.ok(await page.getByText('Test: apply to the Example City IP office.').count() > 0, 'the fixture\'s next steps');

  assert.equal(await page.getByTestId('total').innerText(), EXPECTED.total);
  for (const measure of ['utility-model', 'pledge', 'station']) {
    assert.equal(await page.getByTestId(`amount-${measure}`).innerText(), EXPECTED[measure], measure);
  }
  await shot(page, 'fixture-results');

  assert.deepEqual(outside(app.requests, [app.origin]), [], 'requests outside the page\'s origin');
  assert.deepEqual(app.problems, [], 'console errors or CSP violations');
  await page.close();
});
