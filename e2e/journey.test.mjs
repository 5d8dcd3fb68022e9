// The app as people use it: every
// step in Chinese and in English, each validation error, the share link, reload and
// clear, the keyboard alone, the print view, the browser's back button, axe on every
// step, and the amounts checked against the `ipsc` command for the same answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { onTheApp, noAxeViolations, answerFirstStep, shot, present, tabTo, outside, TEST, ready } from './support.mjs';

const app = onTheApp({ seen: true });

async function fresh(path = '/') {
  const page = await app.page(path);
  await page.evaluate(() => localStorage.clear());
  await page.goto(app.origin + '/#step=1');
  await page.reload();
  await ready(page);
  return page;
}

const next = (page, name = /^(继续|Continue)$/) => page.getByRole('button', { name }).click();
const heading = (page) => page.locator('h1').innerText();

async function completeJourney(page, { lang }) {
  const zh = lang === 'zh';
  await answerFirstStep(page);
  await noAxeViolations(page, `step 1 (${lang})`);
  await shot(page, `journey-${lang}-1-enterprise`);
  await next(page);
  assert.equal(await heading(page), zh ? '测算年度内获得的授权' : 'Grants in the assessment year');
  await page.locator('#ipsc-count-domestic-invention-patents').fill('3');
  await page.locator('#ipsc-count-pct-invention-patents').fill('1');
  assert.equal(await page.getByTestId('running-total').innerText(), zh ? '130,000.00 元' : '¥130,000.00');
  await noAxeViolations(page, `step 2 (${lang})`);
  await shot(page, `journey-${lang}-2-grants`);
  await next(page);
  await page.locator('#ipsc-has-loans-yes').check();
  await page.locator('#ipsc-loan-0-principal').fill('500万');
  assert.equal(await page.locator('.ipsc-understood').innerText(), zh ? '即 5,000,000.00 元' : 'That is ¥5,000,000.00');
  await page.locator('#ipsc-loan-0-start').fill('2025-01-01');
  await page.locator('#ipsc-loan-0-term').fill('12');
  await page.locator('#ipsc-loan-0-rate').fill('3.5');
  await noAxeViolations(page, `step 3 (${lang})`);
  await shot(page, `journey-${lang}-3-loans`);
  await next(page);
  await page.locator('#ipsc-level-protection-workstation-2').check();
  await noAxeViolations(page, `step 4 (${lang})`);
  await shot(page, `journey-${lang}-4-recognition`);
  await next(page);
  await page.locator('#ipsc-situation-exports').check();
  await noAxeViolations(page, `step 5 (${lang})`);
  await shot(page, `journey-${lang}-5-situations`);
  await next(page);
  assert.equal(await heading(page), zh ? '检查您的答案' : 'Check your answers');
  await noAxeViolations(page, `check (${lang})`);
  await shot(page, `journey-${lang}-6-check`);
  await next(page, zh ? '查看测算结果' : 'See the estimate');
  assert.equal(await heading(page), zh ? '测算结果' : 'Your estimate');
  // The clauses' words and the other report texts come in a file of their own.
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
}

// The first step's four questions, answered so that the enterprise qualifies.
async function answerEnterprise(page) {
  await page.locator('#ipsc-registered-yes').check();
  await page.locator('#ipsc-tech-sme-yes').check();
  await page.locator('#ipsc-abnormal-no').check();
  await page.locator('#ipsc-dishonest-no').check();
}

// The journey's lines, in the pack's order, as `ipsc assess` and the download write them.
const JOURNEY_LINES = [
  ['domestic-invention-patent', '30000.00'],
  ['pct-invention-patent', '100000.00'],
  ['ip-pledge-interest', '62000.00'],
  ['protection-workstation', '10000.00'],
];

test('a whole journey in Chinese gives the exact amounts, and the ipsc command agrees', { timeout: 300_000 }, async () => {
  const page = await fresh();
  await completeJourney(page, { lang: 'zh' });
  assert.equal(await page.getByTestId('total').innerText(), '202,000.00 元');
  assert.equal(await page.getByTestId('amount-domestic-invention-patent').innerText(), '30,000.00 元');
  assert.equal(await page.getByTestId('amount-pct-invention-patent').innerText(), '100,000.00 元');
  assert.equal(await page.getByTestId('amount-ip-pledge-interest').innerText(), '62,000.00 元');
  assert.equal(await page.getByTestId('amount-protection-workstation').innerText(), '10,000.00 元');
  const pledge = page.locator('[data-measure="ip-pledge-interest"]');
  assert.match(await pledge.innerText(), /5,000,000\.00 元 × 3\.10%（2024-10-21起执行的1年期LPR）× 40% × 12\/12 = 62,000\.00 元/);
  await pledge.getByText('查看原文 一(三)').click();
  assert.match(await pledge.locator('blockquote').innerText(), /给予银行间贷款市场报价利率40%的贴息补助/);
  await noAxeViolations(page, 'results (zh)');
  await shot(page, 'journey-zh-7-results');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载答案和结果（JSON）' }).click()]);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.assessment.total, '202000.00', 'the download\'s total');
  assert.deepEqual(exported.assessment.lines.map((l) => [l.measure, l.amount]), JOURNEY_LINES, 'the download\'s lines');
  // The command may have to build first: bounded, so a stuck build fails the test.
  const fromCli = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'ipsc-cli', '--', 'assess', 'policies/suizhou-2024-15/pack.toml', file, '--format', 'json'], { encoding: 'utf8', timeout: 240_000 }));
  assert.equal(fromCli.total, '202000.00');
  assert.deepEqual(fromCli.lines.map((l) => [l.measure, l.amount]), JOURNEY_LINES, 'the command\'s lines');
  assert.deepEqual(fromCli.lines.map((l) => l.status), exported.assessment.lines.map((l) => l.status), 'each line\'s status, downloaded and from the command');
  const shown = {};
  for (const line of fromCli.lines) shown[line.measure] = (await page.getByTestId(`amount-${line.measure}`).innerText()).replace(/[ 元,]/g, '');
  assert.equal(Object.keys(shown).length, JOURNEY_LINES.length, 'every line was compared');
  assert.deepEqual(shown, Object.fromEntries(fromCli.lines.map((l) => [l.measure, l.amount])));
  await page.close();
});

test('a whole journey in English on a phone-sized window, with axe on every step', TEST, async () => {
  const page = await fresh();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await completeJourney(page, { lang: 'en' });
  assert.equal(await page.getByTestId('total').innerText(), '¥202,000.00');
  assert.equal(await page.getByTestId('amount-ip-pledge-interest').innerText(), '¥62,000.00');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
  await noAxeViolations(page, 'results (en, phone)');
  await shot(page, 'journey-en-7-results-phone');
  await page.close();
});

test('a journey in English that is not eligible says why and what would change it', TEST, async () => {
  const page = await fresh();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  assert.equal(await heading(page), 'About the enterprise');
  assert.equal(await page.locator('.ipsc-caption').innerText(), 'Step 1 of 5');
  await page.locator('#ipsc-registered-no').check();
  await page.locator('#ipsc-tech-sme-unsure').check();
  await page.locator('#ipsc-staff').fill('120');
  await page.locator('#ipsc-sales').fill('8000万');
  await page.locator('#ipsc-abnormal-yes').check();
  await page.locator('#ipsc-dishonest-no').check();
  await page.locator('#ipsc-year').fill('2025');
  await noAxeViolations(page, 'step 1, not sure (en)');
  await shot(page, 'journey-en-1-not-sure');
  await next(page);
  await page.locator('#ipsc-count-domestic-invention-patents').fill('3');
  await page.locator('#ipsc-count-pct-invention-patents').fill('0');
  await next(page);
  await page.locator('#ipsc-has-loans-no').check();
  await next(page);
  await page.locator('#ipsc-level-protection-workstation-0').check();
  await next(page);
  await next(page);
  await next(page, 'See the estimate');
  assert.equal(await page.getByTestId('total').innerText(), '¥0.00');
  const patents = page.locator('[data-measure="domestic-invention-patent"]');
  assert.match(await patents.innerText(), /Not eligible/);
  assert.match(await patents.innerText(), /The enterprise is not registered in Suizhou/);
  assert.match(await patents.innerText(), /If the enterprise were registered in Suizhou, this line would be ¥30,000\.00\./);
  assert.match(await page.locator('main').innerText(), /Your size against the technology-based SME limits/);
  await noAxeViolations(page, 'results (en)');
  await shot(page, 'journey-en-7-results-not-eligible');
  await page.close();
});

test('each validation error shows in the summary and beside its field, and keeps what was typed', TEST, async () => {
  const page = await fresh();
  await next(page);
  const summary = page.locator('.ipsc-error-summary');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.className), 'ipsc-error-summary', 'the summary takes focus');
  assert.deepEqual(await summary.locator('a').allInnerTexts(), [
    '请选择企业是否在本地注册登记', '请选择是否已登记为科技型中小企业；不确定请选“不确定”', '请选择企业是否被列入经营异常名录', '请选择企业是否被列入严重违法失信名单',
  ]);
  await summary.locator('a').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ipsc-registered-yes', 'a summary link focuses its field');
  assert.equal(await heading(page), '企业基本情况', 'and does not leave the step');
  await page.locator('#ipsc-year').fill('1999');
  await shot(page, 'journey-zh-errors-step-1');
  await page.locator('#ipsc-registered-yes').check();
  await page.locator('#ipsc-tech-sme-no').check();
  await page.locator('#ipsc-abnormal-no').check();
  await page.locator('#ipsc-dishonest-no').check();
  await next(page);
  assert.equal(await page.locator('#ipsc-year-error').textContent(), '错误：请输入2000年至2100年之间的年份，例如 2025');
  await page.locator('#ipsc-year').fill('2025');
  await next(page);
  await page.locator('#ipsc-count-domestic-invention-patents').fill('2.5');
  await page.locator('#ipsc-count-pct-invention-patents').fill('-1');
  await next(page);
  assert.equal(await page.locator('#ipsc-count-domestic-invention-patents-error').textContent(), '错误：请输入整数，例如 3');
  assert.equal(await page.locator('#ipsc-count-pct-invention-patents-error').textContent(), '错误：不能为负数，也不要加正负号');
  assert.equal(await page.locator('#ipsc-count-domestic-invention-patents').inputValue(), '2.5');
  await noAxeViolations(page, 'step 2 with errors');
  await page.locator('#ipsc-count-domestic-invention-patents').fill('2');
  await page.locator('#ipsc-count-pct-invention-patents').fill('0');
  await next(page);
  await page.locator('#ipsc-has-loans-yes').check();
  await page.locator('#ipsc-loan-0-principal').fill('1.234');
  await page.locator('#ipsc-loan-0-start').fill('2025-01-01');
  await page.locator('#ipsc-loan-0-term').fill('0');
  await next(page);
  assert.equal(await page.locator('#ipsc-loan-0-principal-error').textContent(), '错误：小数位数过多：金额最多两位（到分），利率最多四位');
  assert.equal(await page.locator('#ipsc-loan-0-term-error').textContent(), '错误：请输入 1 至 360 之间的整月数');
  await shot(page, 'journey-zh-errors-step-3');
  await page.close();
});

test('the share link carries the answers to a fresh browser, and a damaged one starts afresh', TEST, async () => {
  const page = await fresh();
  await completeJourney(page, { lang: 'zh' });
  const link = await page.locator('#ipsc-share').inputValue();
  assert.ok(link.startsWith(app.origin + '/#a='), link);
  await page.evaluate(() => localStorage.clear());
  const other = await app.context.newPage();
  await other.goto(link);
  await ready(other);
  assert.equal(await heading(other), '检查您的答案');
  await next(other, '查看测算结果');
  assert.equal(await other.getByTestId('total').innerText(), '202,000.00 元');
  await other.goto(link.slice(0, -6) + 'AAAAAA');
  await other.reload();
  await ready(other);
  assert.equal(await heading(other), '企业基本情况');
  assert.equal(await other.locator('.ipsc-notice').innerText(), '这个分享链接已损坏或无法识别，已为您重新开始。');
  await other.close();
  await page.close();
});

test('a reload keeps the answers and the step; clear my answers removes them all', TEST, async () => {
  const page = await fresh();
  await page.locator('#ipsc-registered-yes').check();
  await page.locator('#ipsc-tech-sme-yes').check();
  await page.locator('#ipsc-abnormal-no').check();
  await page.locator('#ipsc-dishonest-no').check();
  await next(page);
  await page.locator('#ipsc-count-domestic-invention-patents').fill('7');
  await page.reload();
  await ready(page);
  assert.equal(await heading(page), '测算年度内获得的授权');
  assert.equal(await page.locator('#ipsc-count-domestic-invention-patents').inputValue(), '7');
  await page.getByRole('button', { name: '清除我的答案' }).click();
  assert.equal(await heading(page), '企业基本情况');
  assert.equal(await page.locator('.ipsc-notice').innerText(), '已清除您的答案。');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing is left in the browser');
  assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), false);
  await page.close();
});

test('a change link on the check page opens its step with focus on the field', TEST, async () => {
  const page = await fresh();
  await completeJourney(page, { lang: 'zh' });
  // Links move through the URL fragment, so the step follows the browser's hashchange.
  const shows = (text) => page.waitForFunction((t) => document.querySelector('h1')?.innerText === t, text);
  await page.getByRole('link', { name: '修改答案' }).click();
  await shows('检查您的答案');
  await page.getByRole('link', { name: '修改 当年获得国内授权的发明专利数量' }).click();
  await shows('测算年度内获得的授权');
  await page.waitForFunction(() => document.activeElement?.id === 'ipsc-count-domestic-invention-patents');
  await page.goBack();
  await shows('检查您的答案');
  await page.getByRole('link', { name: '修改 企业是否被列入经营异常名录？' }).click();
  await shows('企业基本情况');
  await page.waitForFunction(() => document.activeElement?.id === 'ipsc-abnormal-yes');
  await page.close();
});

test('when the report texts cannot be loaded, the results say so and can try again', TEST, async () => {
  const page = await fresh();
  await page.route('**/ipsc-texts-*.bin', (route) => route.abort());
  await answerEnterprise(page);
  await next(page);
  await page.locator('#ipsc-count-domestic-invention-patents').fill('3');
  await page.locator('#ipsc-count-pct-invention-patents').fill('0');
  await next(page);
  await page.locator('#ipsc-has-loans-no').check();
  await next(page);
  await page.locator('#ipsc-level-protection-workstation-2').check();
  await page.goto(app.origin + '/#results');
  await page.locator('[data-texts="failed"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('total').innerText(), '40,000.00 元', 'the amounts still show');
  assert.equal(await page.getByTestId('amount-domestic-invention-patent').innerText(), '30,000.00 元');
  assert.equal(await page.getByTestId('amount-protection-workstation').innerText(), '10,000.00 元');
  const patents = page.locator('[data-measure="domestic-invention-patent"]');
  assert.deepEqual(await patents.getByTestId('formula').allInnerTexts(), ['3 件 × 10,000.00 元 = 30,000.00 元'], 'and so does the formula');
  await present(patents, 'the patents\' line');
  assert.equal(await patents.locator('blockquote').count(), 0, 'without the texts, no clause words');
  assert.match(await page.locator('[data-texts]').innerText(), /条款原文、假设和说明未能载入。金额和计算过程不受影响。/);
  await noAxeViolations(page, 'results without their texts');
  await page.unroute('**/ipsc-texts-*.bin');
  await page.getByRole('button', { name: '重新载入' }).click();
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('total').innerText(), '40,000.00 元', 'the amounts are unchanged');
  await patents.getByText('查看原文 一(一)').click();
  assert.match(await patents.locator('blockquote').innerText(), /（一）培育壮大知识产权密集型产业。[^]*对国内授权发明专利每件奖励1万元/, 'the clause has its words');
  await page.close();
  // The one console error this test causes on purpose.
  const i = app.problems.indexOf('Failed to load resource: net::ERR_FAILED');
  assert.ok(i >= 0, 'the blocked request was seen');
  app.problems.splice(i, 1);
});

test('the results\' own rules come with the results, not in the first load, and the results are never drawn without them', TEST, async () => {
  const from = app.requests.length;
  const page = await fresh();
  const sheets = () => app.requests.slice(from).filter((url) => /^\/ipsc-report-[0-9a-f]{8}\.css$/.test(new URL(url).pathname));
  assert.deepEqual(sheets(), [], 'the first step asks for no results stylesheet');
  await page.route('**/ipsc-report-*.css', (route) => route.abort());
  await answerEnterprise(page);
  await page.goto(app.origin + '/#results');
  await page.getByText('测算结果未能载入。请检查网络连接，返回上一步后再试。').waitFor();
  assert.equal(await page.getByTestId('total').count(), 0, 'no results drawn without their rules');
  await page.unroute('**/ipsc-report-*.css');
  await page.goto(app.origin + '/#check');
  await next(page, '查看测算结果');
  await page.getByTestId('total').waitFor();
  assert.ok(sheets().length >= 1, 'the stylesheet was asked for');
  const panel = page.locator('.ipsc-panel');
  assert.equal(await panel.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(29, 79, 145)', 'the total\'s panel has its colour');
  await noAxeViolations(page, 'results with their own rules');
  await page.close();
  // The one console error this test causes on purpose.
  const i = app.problems.indexOf('Failed to load resource: net::ERR_FAILED');
  assert.ok(i >= 0, 'the blocked request was seen');
  app.problems.splice(i, 1);
});

test('on a kiosk the last person\'s answers go after a warning when no one is there, and nothing is kept', TEST, async () => {
  // Idle for 30 s, the least a kiosk program allows: the warning gives the last 20 (never
  // less: WCAG 2.2.1), which leaves the countdown, axe and the click time to run on a
  // busy machine before the reset.
  const page = await app.page('/?mode=kiosk&idle=30');
  await page.evaluate(() => localStorage.clear());
  await page.locator('#ipsc-registered-yes').check();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  assert.equal(await heading(page), 'About the enterprise');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'a kiosk keeps nothing in the browser');
  const warning = page.getByRole('alert');
  await warning.waitFor({ timeout: 15000 });
  await present(warning, 'the warning');
  assert.match(await warning.innerText(), /the answers will be cleared in 20 seconds/);
  // On screen the seconds count down; what a screen reader was told does not change.
  const countdown = page.getByTestId('idle-countdown');
  const seconds = async () => Number((await countdown.innerText()).match(/in (\d+) seconds/)[1]);
  const shown = await seconds();
  await page.waitForFunction((n) => !document.querySelector('[data-testid=idle-countdown]').innerText.includes(`in ${n} seconds`), shown);
  assert.equal(await seconds(), shown - 1, 'one second less');
  assert.equal(await countdown.getAttribute('role'), 'timer', 'a timer: read when asked, never by itself');
  assert.match(await warning.innerText(), /the answers will be cleared in 20 seconds/, 'announced once, as it came');
  await noAxeViolations(page, 'the kiosk warning');
  await page.getByRole('button', { name: 'Continue using' }).click();
  await warning.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), true, 'a touch keeps the answers');
  const notice = page.locator('.ipsc-notice[role=status]');
  await notice.waitFor({ timeout: 45000 });
  assert.equal(await notice.innerText(), '由于一段时间无人操作，上一位使用者的答案已清除。');
  assert.equal(await heading(page), '企业基本情况', 'back to Chinese and the first step');
  assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), false);
  await page.close();
});

test('in a frame (?mode=embedded) nothing is kept in the browser', TEST, async () => {
  const page = await app.page('/?mode=embedded');
  await page.evaluate(() => localStorage.clear());
  await page.locator('#ipsc-registered-yes').check();
  await page.getByRole('button', { name: '大字模式' }).click();
  assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), true, 'the answer was given');
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#ipsc-registered-yes').isChecked(), false);
  await page.close();
});

test('the keyboard alone completes a step, and the browser back button returns to it', TEST, async () => {
  const page = await fresh();
  await page.locator('#ipsc-registered-yes').focus();
  await page.keyboard.press('Space');
  for (const id of ['ipsc-tech-sme-yes', 'ipsc-abnormal-no', 'ipsc-dishonest-no']) {
    const first = id.replace(/-(no|yes)$/, '-yes');
    await tabTo(page, `#${first}`, (want) => document.activeElement.id === want, first);
    if (id.endsWith('-no')) await page.keyboard.press('ArrowRight');
    else await page.keyboard.press('Space');
    assert.equal(await page.locator(`#${id}`).isChecked(), true, `the keyboard chose #${id}`);
  }
  await tabTo(page, 'the 继续 button', () => document.activeElement.textContent === '继续');
  await page.keyboard.press('Enter');
  assert.equal(await heading(page), '测算年度内获得的授权');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus is on the new step heading');
  await page.goBack();
  assert.equal(await heading(page), '企业基本情况');
  assert.equal(await page.locator('#ipsc-dishonest-no').isChecked(), true, 'going back keeps every answer');
  await page.goForward();
  assert.equal(await heading(page), '测算年度内获得的授权');
  await page.close();
});

test('the print view is a clean report: answers, lines, clauses, disclaimer and date', TEST, async () => {
  const page = await fresh();
  await completeJourney(page, { lang: 'zh' });
  await present(page.locator('.ipsc-actions'), 'the buttons');
  await present(page.locator('.ipsc-print-only'), 'the print-only sections');
  assert.equal(await page.locator('.ipsc-actions').isVisible(), true, 'the buttons show on screen');
  assert.equal(await page.locator('.ipsc-print-only').first().isVisible(), false, 'the print-only sections are not on screen');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.ipsc-actions').isVisible(), false, 'no buttons on paper');
  assert.equal(await page.locator('.ipsc-print-only').first().isVisible(), true, 'the print-only sections show on paper');
  const printed = await page.locator('.ipsc-print-only').allInnerTexts();
  assert.ok(printed.length > 0, 'the print-only sections were read');
  assert.match(printed.join('\n'), /生成日期：\d{4}-\d{2}-\d{2}/);
  assert.match(printed.join('\n'), /（三）促进知识产权高效运用。/, 'the cited clauses are printed in their own words');
  assert.match(await page.locator('main').innerText(), /测算结果仅供参考，以主管部门审核为准。/);
  await shot(page, 'journey-zh-8-print');
  await page.emulateMedia({ media: 'screen' });
  await page.close();
});

test('the journey requests nothing outside its origin and logs no errors', TEST, async () => {
  // A journey of its own, so this holds when the file or this test runs alone.
  const page = await fresh();
  await answerEnterprise(page);
  await page.goto(app.origin + '/#results');
  await page.locator('[data-texts="ready"]').waitFor({ state: 'attached' });
  const patents = page.locator('[data-measure="domestic-invention-patent"]');
  await patents.getByText('查看原文 一(一)').click();
  assert.match(await patents.locator('blockquote').innerText(), /对国内授权发明专利每件奖励1万元/);
  await page.close();
  const mine = app.requests.slice(app.mark.requests);
  for (const [what, pattern] of [['the page', /^\/$/], ['the wasm', /^\/[^/]+\.wasm$/], ['the report texts', /^\/ipsc-texts-[^/]+\.bin$/]]) {
    assert.ok(mine.some((url) => url.startsWith(app.origin) && pattern.test(new URL(url).pathname)), `${what} was requested: ${mine.join(' ')}`);
  }
  // And everything the file's tests asked for so far.
  assert.deepEqual(outside(app.requests, [app.origin]), []);
  assert.deepEqual(app.problems, [], 'console errors or CSP violations');
});
