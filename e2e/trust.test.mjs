// Never a wrong estimate without a word, nothing lost without a word: links whose answers
// no step would accept, the browser's Forward button past a refused answer, storage that
// throws or fills, two tabs, report texts that come garbled or not at all, and a pasted
// megabyte. Each test here failed on the build before these guards (issue 19).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTheApp, start, shortJourney, present, TEST, ready } from './support.mjs';

const app = onTheApp();

const heading = (page) => page.locator('h1').innerText();
const next = (page, name = /^(继续|Continue)$/) => page.getByRole('button', { name }).click();
const CHECK = '检查您的答案';

// A share link's fragment as the app writes one: form-encoded pairs, then FNV-1a of them.
function fnv1a32(text) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
function fragment(pairs) {
  const body = new URLSearchParams([['v', '2'], ['p', 'suizhou-2024-15'], ...pairs]).toString();
  return `#a=${body}&sum=${fnv1a32(body)}`;
}

// Every question of the first four steps answered, with two loans.
const GOOD = [
  ['year', '2025'], ['registered', '1'], ['tech-sme', 'yes'], ['abnormal', '0'], ['dishonest', '0'],
  ['count.domestic-invention-patents', '3'], ['count.pct-invention-patents', '1'], ['has-loans', '1'],
  ['level.protection-workstation', 'city'],
  ['loan.principal', '500万'], ['loan.start', '2025-01-01'], ['loan.term', '12'], ['loan.rate', '3.5'],
  ['loan.principal', '100万'], ['loan.start', '2025-03-01'], ['loan.term', '6'], ['loan.rate', ''],
];
const swap = (key, value, nth = 0) => {
  let seen = -1;
  return GOOD.map(([k, v]) => (k === key && ++seen === nth ? [k, value] : [k, v]));
};

// The results of the shortest journey, then back to its second step (the grants').
async function backAtGrants() {
  const page = await fresh();
  await shortJourney(page, { patents: 1 });
  for (let i = 0; i < 5; i++) await page.goBack();
  assert.equal(await heading(page), '测算年度内获得的授权');
  return page;
}

async function fresh() {
  const page = await app.page('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
  return page;
}

test('a link with every answer acceptable opens on the check page and gives its estimate', TEST, async () => {
  const page = await app.page('/' + fragment(GOOD));
  assert.equal(await heading(page), CHECK);
  assert.equal(await page.locator('.ipsc-error-summary').count(), 0, 'nothing to fix');
  await next(page, '查看测算结果');
  assert.equal(await heading(page), '测算结果');
  assert.equal(await page.getByTestId('total').innerText(), '208,200.00 元');
  await page.close();
});

// Each value no step takes, the field that asks it, and the step's heading.
const REFUSED = [
  ['count.domestic-invention-patents', 'abc', 'ipsc-count-domestic-invention-patents', '测算年度内获得的授权'],
  ['count.domestic-invention-patents', '-5', 'ipsc-count-domestic-invention-patents', '测算年度内获得的授权'],
  ['count.domestic-invention-patents', '2000000', 'ipsc-count-domestic-invention-patents', '测算年度内获得的授权'],
  ['count.domestic-invention-patents', '1e3', 'ipsc-count-domestic-invention-patents', '测算年度内获得的授权'],
  ['loan.principal', '0', 'ipsc-loan-0-principal', '知识产权质押贷款'],
  ['loan.principal', '-500', 'ipsc-loan-0-principal', '知识产权质押贷款'],
  ['loan.term', '9999', 'ipsc-loan-0-term', '知识产权质押贷款'],
  ['loan.start', '2025-02-30', 'ipsc-loan-0-start', '知识产权质押贷款'],
  ['level.protection-workstation', 'planet', 'ipsc-level-protection-workstation-0', '认定情况'],
  ['registered', '2', 'ipsc-registered-yes', '企业基本情况'],
  ['year', '1999', 'ipsc-year', '企业基本情况'],
];

test('a link with an answer no step takes shows no estimate: the check page names it, in the field\'s own words, with a link to change it', TEST, async () => {
  for (const [key, value, field, step] of REFUSED) {
    const what = `${key}=${value}`;
    const page = await app.page('/' + fragment(swap(key, value)));
    assert.equal(await heading(page), CHECK, what);
    const summary = page.locator('.ipsc-error-summary');
    await present(summary, `the error summary (${what})`);
    assert.match(await summary.innerText(), /以下回答无法采用/, what);
    const link = summary.locator(`a[href="#${field}"]`);
    await present(link, `the link to ${field} (${what})`);
    const said = await link.innerText();
    // Asked for by the button, by a typed #results, and by the browser's history: never shown.
    await next(page, '查看测算结果');
    assert.equal(await heading(page), CHECK, `${what}: the button`);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('ipsc-error-summary')), true, `${what}: focus on the summary`);
    await page.evaluate(() => { location.hash = '#results'; });
    await page.waitForFunction(() => location.hash === '#check');
    assert.equal(await heading(page), CHECK, `${what}: #results`);
    assert.equal(await page.getByTestId('total').count(), 0, `${what}: no total`);
    // The link opens the field's step with focus on it and the same words beside it.
    await summary.locator(`a[href="#${field}"]`).click();
    assert.equal(await heading(page), step, what);
    await page.waitForFunction((id) => document.activeElement?.id === id, field);
    const beside = (await page.locator(`[id="${field}-error"]`).innerText()).trim().replace(/^(错误：|Error: )/, '').trim();
    assert.ok(said.endsWith(beside), `${what}: "${said}" says "${beside}"`);
    // (A date field cannot hold a date that does not exist: the browser shows it empty.)
    if (!['registered', 'level.protection-workstation', 'loan.start'].includes(key)) {
      assert.equal(await page.locator(`[id="${field}"]`).inputValue(), value, `${what}: kept as it came`);
    }
    await page.close();
  }
});

test('a link that answers one question twice says so when it opens, and is not read', TEST, async () => {
  const twice = [...GOOD.slice(0, 6), ['count.domestic-invention-patents', '30'], ...GOOD.slice(6)];
  const page = await app.page('/' + fragment(twice));
  assert.equal(await page.locator('.ipsc-notice[role=status]').innerText(), '这个分享链接中同一个问题有不止一个答案，无法确定采用哪一个，已为您重新开始。');
  assert.equal(await heading(page), '企业基本情况');
  assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), false);
  await page.close();
});

test('the browser\'s Forward button past an answer typed wrong reaches no estimate', TEST, async () => {
  const page = await fresh();
  await shortJourney(page, { patents: 3 });
  assert.equal(await page.getByTestId('total').innerText(), '30,000.00 元');
  for (let i = 0; i < 5; i++) await page.goBack();
  assert.equal(await heading(page), '测算年度内获得的授权');
  await page.locator('#ipsc-count-domestic-invention-patents').fill('３O');
  assert.equal(await page.getByTestId('running-total').innerText(), '有回答需要修改，修改后再显示估算', 'no running estimate either');
  for (let i = 0; i < 5; i++) await page.goForward();
  await page.waitForFunction(() => location.hash === '#check');
  assert.equal(await heading(page), CHECK);
  assert.equal(await page.getByTestId('total').count(), 0, 'no total');
  const link = page.locator('.ipsc-error-summary a[href="#ipsc-count-domestic-invention-patents"]');
  assert.equal(await link.innerText(), '请输入数字，例如 3');
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'ipsc-count-domestic-invention-patents');
  assert.equal(await page.locator('#ipsc-count-domestic-invention-patents').inputValue(), '３O', 'what was typed is kept');
  await page.locator('#ipsc-count-domestic-invention-patents').fill('2');
  await page.evaluate(() => { location.hash = '#results'; });
  await page.getByTestId('total').waitFor();
  assert.equal(await page.getByTestId('total').innerText(), '20,000.00 元');
  await page.close();
});

// A browser whose storage refuses every write (some private modes, locked-down offices).
const REFUSING = () => {
  Storage.prototype.setItem = function () { throw new DOMException('refused', 'SecurityError'); };
};
// One whose storage fills after `room` writes.
const FILLING = (room) => {
  const setItem = Storage.prototype.setItem;
  let left = room;
  Storage.prototype.setItem = function (...args) {
    if (left-- <= 0) throw new DOMException('full', 'QuotaExceededError');
    return setItem.apply(this, args);
  };
};

test('where the browser keeps nothing, the page never says it does', TEST, async () => {
  const page = await app.context.newPage();
  await page.addInitScript(REFUSING);
  await page.goto(app.base);
  await ready(page);
  const footer = page.locator('footer');
  assert.match(await footer.innerText(), /此浏览器不允许本页保存答案：刷新或关闭页面后，答案会丢失。如需保留，请在测算结果页复制分享链接。/);
  assert.doesNotMatch(await footer.innerText(), /刷新页面不会丢失/);
  await page.getByRole('button', { name: 'English' }).click();
  assert.match(await footer.innerText(), /This browser does not let the page keep your answers/);
  await page.close();
});

test('when the browser stops keeping answers mid-journey, the page says so at once', TEST, async () => {
  const page = await app.context.newPage();
  await (await fresh()).close();
  await page.addInitScript(FILLING, 2); // the start's probe, then one save
  await page.goto(app.base);
  await ready(page);
  assert.match(await page.locator('footer').innerText(), /刷新页面不会丢失/, 'kept, so far');
  await page.locator('#ipsc-registered-yes').check();
  await page.locator('#ipsc-tech-sme-yes').check();
  const alert = page.locator('.ipsc-notice--warning[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /浏览器已不再保存本页的答案（存储空间已满或已被关闭）：最近的修改没有保存，刷新页面会丢失。/);
  assert.doesNotMatch(await page.locator('footer').innerText(), /刷新页面不会丢失/);
  await page.close();
});

test('typed text is kept in the task after the keystroke, at once if the page goes away first, and a refused write is said', TEST, async () => {
  const page = await fresh();
  await page.locator('#ipsc-tech-sme-unsure').check();
  const staff = page.locator('#ipsc-staff');
  await staff.waitFor();
  // One task: the keystroke, then the page going away before any timer can run.
  const [during, leaving] = await page.evaluate(() => {
    const field = document.querySelector('#ipsc-staff');
    field.value = '12';
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const during = localStorage.getItem('ipsc.answers');
    window.dispatchEvent(new Event('pagehide'));
    return [during, localStorage.getItem('ipsc.answers')];
  });
  assert.match(during, /tech-sme=unsure/);
  assert.doesNotMatch(during, /staff=12/, 'not written in the keystroke\'s own task');
  assert.match(leaving, /staff=12/, 'written at once as the page goes away');
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#ipsc-staff').inputValue(), '12', 'back after a reload');
  // A write put off that the browser refuses is said, as any other.
  await page.evaluate(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.locator('#ipsc-staff').fill('13');
  const alert = page.locator('.ipsc-notice--warning[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /浏览器已不再保存本页的答案/);
  await page.close();
});

test('two tabs: a change or a clear in one is offered to the other, never overwritten or undone by it', TEST, async () => {
  const one = await fresh();
  await one.locator('#ipsc-registered-yes').check();
  const two = await app.page('/');
  assert.equal(await two.locator('#ipsc-registered-yes').isChecked(), true, 'the second tab opens with the kept answers');
  await two.locator('#ipsc-tech-sme-no').check();
  const offer = one.locator('.ipsc-notice--warning[role=alert]');
  await offer.waitFor();
  assert.match(await offer.innerText(), /另一个标签页或窗口更改了保存的答案。在您选择之前，本页不会保存自己的答案。/);
  const kept = () => one.evaluate(() => localStorage.getItem('ipsc.answers'));
  const theirs = await kept();
  await one.locator('#ipsc-abnormal-no').check();
  assert.equal(await kept(), theirs, 'the first tab wrote nothing over the newer answers');
  await one.getByRole('button', { name: '改用另一个标签页的答案' }).click();
  await offer.waitFor({ state: 'detached' });
  assert.equal(await one.locator('#ipsc-tech-sme-no').isChecked(), true, 'the other tab\'s answers, taken');
  assert.equal(await one.locator('#ipsc-abnormal-no').isChecked(), false);
  // A clear in the second tab is not undone by the next answer in the first.
  await two.getByRole('button', { name: '清除我的答案' }).click();
  await offer.waitFor();
  assert.match(await offer.innerText(), /另一个标签页或窗口清除了保存的答案。/);
  await one.locator('#ipsc-dishonest-no').check();
  assert.equal(await kept(), null, 'still cleared');
  await one.getByRole('button', { name: '保留并保存本页的答案' }).click();
  await offer.waitFor({ state: 'detached' });
  await one.waitForFunction(() => (localStorage.getItem('ipsc.answers') ?? '').includes('dishonest=0'));
  // And the other way: clear here too.
  await two.reload();
  await ready(two);
  await two.getByRole('button', { name: '清除我的答案' }).click();
  await offer.waitFor();
  await one.getByRole('button', { name: '在本页也清除' }).click();
  assert.equal(await one.locator('.ipsc-notice[role=status]').innerText(), '已清除您的答案。');
  assert.equal(await one.locator('#ipsc-registered-yes').isChecked(), false);
  assert.equal(await kept(), null);
  await one.close();
  await two.close();
});

test('report texts that come garbled are fetched again past the cache, and Try again really asks again', TEST, async () => {
  // A copy of the build whose texts file is wrong, served by nginx with its year-long cache.
  const dir = mkdtempSync(join(tmpdir(), 'ipsc-garbled-'));
  cpSync('dist', dir, { recursive: true });
  const name = readdirSync(dir).find((f) => /^ipsc-texts-[0-9a-f]{8}\.bin$/.test(f));
  assert.ok(name, 'the texts file is in dist/');
  const good = readFileSync(join(dir, name));
  const goodGz = readFileSync(join(dir, `${name}.gz`));
  writeFileSync(join(dir, name), Buffer.from('<html>502 Bad Gateway</html>'));
  rmSync(join(dir, `${name}.gz`));
  const other = await start(dir);
  try {
    const page = await other.page('/' + fragment(GOOD));
    await next(page, '查看测算结果');
    await page.locator('[data-texts="failed"]').waitFor({ state: 'attached' });
    const asked = other.requests.filter((u) => u.endsWith(name)).length;
    assert.equal(asked, 2, 'a wrong answer is asked for once more, past the cache');
    assert.equal(await page.getByTestId('total').innerText(), '208,200.00 元', 'the amounts show without the texts');
    // The server mends its file; the browser's cache still holds the bad one for a year.
    writeFileSync(join(dir, name), good);
    writeFileSync(join(dir, `${name}.gz`), goodGz);
    await page.getByRole('button', { name: '重新载入' }).click();
    await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
    await page.close();
    assert.deepEqual(other.problems, [], 'console errors');
  } finally {
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('report texts that never come are given up on in bounded time, with a retry', TEST, async () => {
  const page = await app.context.newPage();
  let held = 0;
  await page.route('**/ipsc-texts-*.bin', () => { held++; }); // never answered
  await page.goto(app.base + fragment(GOOD));
  await ready(page);
  await next(page, '查看测算结果');
  await page.locator('[data-texts="loading"]').waitFor({ state: 'attached' });
  const began = Date.now();
  await page.locator('[data-texts="failed"]').waitFor({ state: 'attached', timeout: 25_000 });
  const waited = Date.now() - began;
  assert.ok(waited < 20_000, `gave up after ${waited} ms`);
  assert.equal(held, 1);
  assert.equal(await page.getByTestId('total').innerText(), '208,200.00 元');
  await page.unroute('**/ipsc-texts-*.bin');
  await page.getByRole('button', { name: '重新载入' }).click();
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  await page.close();
});

test('a megabyte pasted into a count is refused, kept short, and the check page and link stay small', TEST, async () => {
  const page = await backAtGrants();
  const field = page.locator('#ipsc-count-pct-invention-patents');
  await field.fill('1'.repeat(1_000_000));
  await next(page);
  const error = page.locator('#ipsc-count-pct-invention-patents-error');
  assert.match(await error.innerText(), /内容过长：最多 40 个字符/);
  const began = Date.now();
  await page.evaluate(() => { location.hash = '#check'; });
  await page.waitForFunction(() => document.querySelector('h1')?.innerText === '检查您的答案');
  assert.ok(Date.now() - began < 5_000, 'the check page came at once');
  const row = page.locator('.ipsc-summary__row', { hasText: '经PCT途径' });
  const value = await row.locator('.ipsc-summary__value').innerText();
  assert.ok(value.length <= 100, `the check page shows ${value.length} characters`);
  const saved = await page.evaluate(() => localStorage.getItem('ipsc.answers'));
  assert.ok(saved.length < 2_000, `kept ${saved.length} characters`);
  await page.close();
});

test('invisible and direction marks in a pasted number are dropped, so what shows is what counts', TEST, async () => {
  const page = await backAtGrants();
  const field = page.locator('#ipsc-count-domestic-invention-patents');
  await field.fill('\u200b2\u200e\u202e');
  await page.waitForFunction(() => document.querySelector('#ipsc-count-domestic-invention-patents').value === '2');
  assert.equal(await page.getByTestId('running-total').innerText(), '20,000.00 元');
  await page.close();
});
