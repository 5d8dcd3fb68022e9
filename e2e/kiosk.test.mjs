// The offline kiosk: the app served by the ipsc-kiosk program (not the Node server), as a
// kiosk's Chromium sees it. Every file of the build comes with its type and the strict
// policy, nothing outside the build is served, the plain address opens in kiosk mode, and
// the whole journey reaches the results with the clauses' words, with no request leaving
// the program's address. `./x test` also runs this file in a network namespace with no
// network (`unshare -n`), where any such request could not succeed anyway.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { csp } from './server.mjs';
import { start, answerFirstStep, shot, outside, ARTIFACTS, TEST, HOOK } from './support.mjs';
import { startKiosk } from './kiosk.mjs';

// With a `&`, which the program must write into the page as `&amp;`.
const SHARE_BASE = 'https://example.gov.cn/ipsc/?from=kiosk&x=%22y%22';
let kiosk;
before(async () => { kiosk = await startKiosk({ shareBase: SHARE_BASE, idle: 120 }); }, HOOK);
after(async () => { await kiosk?.close(); }, HOOK);

// One request with the path sent exactly as written: fetch() and URL would resolve `..`
// and `%2e%2e` before the program ever saw them.
function raw(path, method = 'GET') {
  const { hostname, port } = new URL(kiosk.origin);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer for ${path}`)));
    req.on('error', fail);
    req.end();
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

test('every file of the build is served with its type and the strict policy, and nothing else is', TEST, async () => {
  const files = readdirSync('dist', { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.gz'))
    .map((e) => join(e.parentPath ?? e.path, e.name).slice('dist/'.length));
  assert.ok(files.some((f) => f.endsWith('.wasm')) && files.includes('index.html'), `dist/ holds a build: ${files}`);
  for (const file of files) {
    const got = await raw(`/${file}`);
    assert.equal(got.status, 200, file);
    assert.equal(got.headers['content-type'], TYPES[extname(file)] ?? 'application/octet-stream', file);
    assert.equal(got.headers['content-security-policy'], csp(), file);
    assert.equal(got.headers['x-content-type-options'], 'nosniff', file);
    assert.equal(got.headers['referrer-policy'], 'no-referrer', file);
    if (file !== 'index.html') assert.ok(got.body.equals(readFileSync(join('dist', file))), `${file}'s bytes`);
  }
  const head = await raw('/', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0, 'HEAD has no body');
  for (const path of ['/../Cargo.toml', '/..%2fCargo.toml', '/%2e%2e/Cargo.toml', '/%2E%2E%2FCargo.toml', '/..\\Cargo.toml',
    '//etc/passwd', '/etc/passwd', '/dist/index.html', '/e2e/server.mjs', '/index.html/', '/%69ndex.html', '/index.html.gz']) {
    assert.equal((await raw(path)).status, 404, path);
  }
  assert.equal((await raw('/', 'POST')).status, 405);
});

test('the plain address opens in kiosk mode and the whole journey reaches the clauses\' words with no request leaving the program', { timeout: 180_000 }, async () => {
  const page = await kiosk.page('/');
  const root = page.locator('#ipsc-root');
  assert.equal(await root.getAttribute('data-mode'), 'kiosk');
  assert.equal(await root.getAttribute('data-idle-seconds'), '120');
  assert.equal(await root.getAttribute('data-share-base'), SHARE_BASE, 'the share base, escaped by the program, reads back exactly');
  assert.equal(new URL(page.url()).search, '', 'nothing in the address says kiosk');

  const next = (name = /^(继续|Continue)$/) => page.getByRole('button', { name }).click();
  await answerFirstStep(page);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'a kiosk keeps nothing in the browser');
  await next();
  await page.locator('#ipsc-count-domestic-invention-patents').fill('3');
  await page.locator('#ipsc-count-pct-invention-patents').fill('1');
  await next();
  await page.locator('#ipsc-has-loans-yes').check();
  await page.locator('#ipsc-loan-0-principal').fill('500万');
  await page.locator('#ipsc-loan-0-start').fill('2025-01-01');
  await page.locator('#ipsc-loan-0-term').fill('12');
  await page.locator('#ipsc-loan-0-rate').fill('3.5');
  await next();
  await page.locator('#ipsc-level-protection-workstation-2').check();
  await next();
  await page.locator('#ipsc-situation-exports').check();
  await next();
  await next('查看测算结果');
  assert.equal(await page.locator('h1').innerText(), '测算结果');
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('total').innerText(), '202,000.00 元');
  const pledge = page.locator('[data-measure="ip-pledge-interest"]');
  await pledge.getByText('查看原文 一(三)').click();
  assert.match(await pledge.locator('blockquote').innerText(), /给予银行间贷款市场报价利率40%的贴息补助/);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'still nothing kept at the results');
  await shot(page, 'kiosk-program-results');

  assert.ok(kiosk.requests.some((url) => /ipsc-texts-.*\.bin$/.test(url)), 'the report texts came from the program');
  assert.deepEqual(kiosk.outsideRequests, [], 'requests to anything but the program');
  assert.deepEqual(outside(kiosk.requests, [kiosk.origin]), [], 'requests outside the program\'s origin');
  assert.deepEqual(kiosk.problems, [], 'console errors or CSP violations');
  await page.close();
});

test('a kiosk started with a short idle time warns, then starts afresh, at the plain address', TEST, async () => {
  const short = await startKiosk({ idle: 30 });
  try {
    assert.ok(short.said.some((line) => line.includes('share base: none')), `the program said there is no QR code: ${short.said.join('')}`);
    const page = await short.page('/');
    await page.locator('#ipsc-registered-yes').check();
    const warning = page.getByRole('alert');
    await warning.waitFor({ timeout: 20_000 });
    assert.match(await warning.innerText(), /答案将在 20 秒后清除/, 'twenty seconds to stay');
    const notice = page.locator('.ipsc-notice[role=status]');
    await notice.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), false, 'the last answers are gone');
    assert.deepEqual(short.outsideRequests, []);
    assert.deepEqual(short.problems, []);
    // The guard itself: a request elsewhere (a documentation address, RFC 5737) is
    // stopped and recorded, so the empty lists above mean something.
    await page.goto('http://192.0.2.1/').catch(() => {});
    assert.deepEqual(short.outsideRequests, ['http://192.0.2.1/']);
    await page.close();
  } finally {
    await short.close();
  }
});

// The amounts a results page shows: the total and each line's, by measure.
async function amounts(page) {
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  const lines = await page.locator('[data-testid^="amount-"]').evaluateAll((els) => els.map((e) => [e.dataset.testid, e.innerText]));
  return { total: await page.getByTestId('total').innerText(), lines };
}

test('a kiosk shows a QR code of the share link, which opens the same estimate on the public page; Finish and clear leaves nothing', { timeout: 180_000 }, async () => {
  // The public page (nginx, on loopback) that the kiosk's links and codes open.
  const web = await start('dist');
  const kiosk2 = await startKiosk({ shareBase: web.base, idle: 300 });
  try {
    assert.ok(kiosk2.said.some((line) => line.includes(web.base)), `the program said its share base: ${kiosk2.said.join('')}`);
    const page = await kiosk2.page('/');
    await page.locator('#ipsc-registered-yes').check();
    await page.locator('#ipsc-tech-sme-yes').check();
    await page.locator('#ipsc-abnormal-no').check();
    await page.locator('#ipsc-dishonest-no').check();
    await page.locator('#ipsc-year').fill('2025');
    await page.getByRole('button', { name: '继续' }).click();
    await page.locator('#ipsc-count-domestic-invention-patents').fill('2');
    await page.locator('#ipsc-count-pct-invention-patents').fill('1');
    await page.getByRole('button', { name: '继续' }).click();
    await page.locator('#ipsc-has-loans-yes').check();
    await page.locator('#ipsc-loan-0-principal').fill('300万');
    await page.locator('#ipsc-loan-0-start').fill('2025-03-01');
    await page.locator('#ipsc-loan-0-term').fill('12');
    await page.locator('#ipsc-loan-0-rate').fill('3.1');
    await page.getByRole('button', { name: '继续' }).click();
    await page.locator('#ipsc-level-protection-workstation-1').check();
    for (const name of ['继续', '继续', '查看测算结果']) await page.getByRole('button', { name }).click();
    const shown = await amounts(page);
    const code = page.getByRole('img', { name: '这份测算的二维码' });
    await code.waitFor();
    // Captioned in both languages, the page's first.
    assert.match(await page.locator('.ipsc-qr figcaption').innerText(), /^用手机扫描二维码[^]*Scan the QR code with a phone/);
    assert.equal(await page.locator('.ipsc-qr figcaption [lang="en"]').count(), 1);
    assert.ok(kiosk2.requests.some((url) => /\/qr-[0-9a-f]{8}_bg\.wasm$/.test(url)), 'the QR module came from the program, when asked');
    // Nothing else to carry away on a kiosk: no download (it would stay in the kiosk's
    // Downloads), no link to copy (of use to no one), no second clear button.
    for (const name of ['下载答案和结果（JSON）', '清除我的答案']) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, name);
    }
    assert.equal(await page.locator('#ipsc-share').count(), 0, 'no share link box');
    // A phone reads the code on the screen: Debian's zbarimg reads a screenshot of it.
    const png = join(ARTIFACTS, 'kiosk-qr.png');
    await code.screenshot({ path: png });
    const scanned = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
    assert.ok(scanned.startsWith(`${web.base}#a=v=2&p=`), `the code is a share link to the public page: ${scanned}`);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], 'axe on a kiosk\'s results with its code');
    await shot(page, 'kiosk-qr-results');

    // In English the code is named and captioned in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('img', { name: 'QR code of this estimate' }).waitFor();
    assert.match(await page.locator('.ipsc-qr figcaption').innerText(), /^Scan the QR code with a phone[^]*用手机扫描二维码/);
    await page.getByRole('button', { name: '切换到中文' }).click();

    // The phone: a fresh browser on the public page, opening what it scanned.
    const phone = await web.context.newPage();
    await phone.goto(scanned);
    await phone.getByRole('button', { name: '查看测算结果' }).click();
    assert.deepEqual(await amounts(phone), shown, 'the same amounts on the phone');
    await phone.close();

    // The next person finds nothing of this one.
    const requestsBefore = kiosk2.requests.length;
    assert.equal(await page.getByRole('button', { name: '完成并清除' }).count(), 1, 'one Finish and clear');
    await page.getByRole('button', { name: '完成并清除' }).click();
    assert.equal(await page.locator('h1').innerText(), '企业基本情况');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 });
    assert.equal(await page.locator('.ipsc-notice[role=status]').innerText(), '上一位使用者的答案已清除，可以开始新的测算。');
    assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), false);
    assert.equal(await page.locator('#ipsc-year').inputValue(), '2025', 'the year is the default again');
    assert.equal(await page.getByRole('img', { name: '这份测算的二维码' }).count(), 0);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    await page.getByRole('button', { name: '继续' }).click();
    await page.locator('.ipsc-error-summary').waitFor();
    assert.equal(kiosk2.requests.length, requestsBefore, 'clearing asks nothing of the program');
    assert.deepEqual(kiosk2.outsideRequests, []);
    assert.deepEqual(kiosk2.problems, []);
    await page.close();
  } finally {
    await kiosk2.close();
    await web.close();
  }
});
