// The app in the engines beside Chromium: Firefox ESR (geckodriver) and WebKit (WebKitGTK's
// MiniBrowser, under Xvfb), one browser per run, against nginx with deploy/'s
// configuration (the strict policy). Written once for every engine (e2e/webdriver.mjs);
// `./x test` runs it per engine: `IPSC_ENGINE=firefox GECKODRIVER=PATH` and
// `IPSC_ENGINE=webkit SAFARIDRIVER=/usr/bin/WebKitWebDriver` under `xvfb-run -a`. The
// Chromium suite (e2e/*.test.mjs, Playwright) goes further in Chromium; this one covers
// what an engine could break: the money journeys in both languages, the error summary,
// focus, a frame on another site, the kiosk's resets, a share link in a fresh browser,
// the page that says the app cannot start, and axe. Any console error, uncaught
// exception, policy violation or request off the allowed origins fails the test.
import { test as nodeTest, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { nginx, otherSite, outside } from './support.mjs';
import { launch, testBuild, ENGINE, Key } from './webdriver.mjs';

const TEST = { timeout: 90_000 };
const HOOK = { timeout: 60_000 };
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

let build;
let app;
let browser;
// The origins this test's pages may ask anything of: the app's, and the sites it opens.
const allowed = [];
let mark;

before(async () => {
  build = testBuild('dist');
  app = await nginx(build.dir, { frameAncestors: "'self' http://127.0.0.1:*" });
  browser = await launch({ origins: [app.origin] });
  console.log(`# engine: ${await browser.version()}`);
}, HOOK);
after(async () => {
  await browser?.close();
  await app?.close();
  build?.remove();
}, HOOK);
beforeEach(() => {
  allowed.splice(0, allowed.length, app.origin);
  mark = browser.mark();
});
afterEach(async () => {
  await browser.harvest();
  const { requests, problems } = browser.since(mark);
  assert.ok(requests.length > 0, 'the test\'s requests were seen');
  assert.deepEqual(outside(requests, allowed), [], 'requests off the allowed origins');
  assert.deepEqual(problems, [], 'console errors, uncaught exceptions or policy violations');
});

// A test whose browser died under it runs once more in a new browser, and says so: an
// engine's web process can crash on its own (WebKitGTK under Xvfb once did, in CI, at a
// kiosk's reset, and every later test failed on the dead session until the run timed
// out). A test that fails in a live browser fails; so does the second run.
function test(name, options, body) {
  nodeTest(name, options, async (t) => {
    try {
      await body(t);
    } catch (e) {
      if (await browser.alive()) throw e;
      t.diagnostic(`${ENGINE}'s session died (${e.message}); its driver said, last:\n${browser.said()}`);
      await browser.close();
      browser = await launch({ origins: [app.origin] });
      mark = browser.mark();
      await body(t);
    }
  });
}

const ZH = (lang) => lang === 'zh';
const NEXT = { zh: '继续', en: 'Continue' };
const SEE = { zh: '查看测算结果', en: 'See the estimate' };
const yuan = (lang, amount) => (ZH(lang) ? `${amount} 元` : `¥${amount}`);

// The app at `path` with nothing kept from an earlier test.
async function clean(path, b = browser) {
  await b.open(app.origin + path);
  await b.run(() => { localStorage.clear(); sessionStorage.clear(); history.replaceState(null, '', location.pathname + location.search); });
  await b.driver.navigate().refresh();
  await b.ready();
}

// The app's first step with nothing kept from an earlier test, in `lang`.
async function fresh(lang = 'zh', path = '/', b = browser) {
  await clean(path, b);
  if (!ZH(lang)) await b.press('Switch to English');
  assert.equal(await b.heading(), ZH(lang) ? '企业基本情况' : 'About the enterprise');
}

async function noAxeViolations(where, tags = WCAG) {
  assert.deepEqual(await browser.axe(tags), [], `axe on ${where}`);
}

async function answerEnterprise(b = browser) {
  await b.choose('ipsc-registered-yes');
  await b.choose('ipsc-tech-sme-yes');
  await b.choose('ipsc-abnormal-no');
  await b.choose('ipsc-dishonest-no');
}

// Step 1 to the results: `patents` domestic and `pct` PCT patents, a loan if `loan`, the
// workstation's `level` (its radio's index), the exports situation if `exports`.
async function journey(lang, { enterprise = answerEnterprise, patents = '1', pct = '0', loan = false, level = 0, exports = false, onStep1 }, b = browser) {
  await enterprise(b);
  if (onStep1) await onStep1();
  await b.press(NEXT[lang]);
  await b.find('#ipsc-count-domestic-invention-patents');
  await b.fill('ipsc-count-domestic-invention-patents', patents);
  await b.fill('ipsc-count-pct-invention-patents', pct);
  await b.press(NEXT[lang]);
  if (loan) {
    await b.choose('ipsc-has-loans-yes');
    await b.fill('ipsc-loan-0-principal', '500万');
    assert.equal(await b.text('.ipsc-understood'), ZH(lang) ? '即 5,000,000.00 元' : 'That is ¥5,000,000.00');
    await b.fill('ipsc-loan-0-start', '2025-01-01');
    await b.fill('ipsc-loan-0-term', '12');
    await b.fill('ipsc-loan-0-rate', '3.5');
  } else {
    await b.choose('ipsc-has-loans-no');
  }
  await b.press(NEXT[lang]);
  await b.choose(`ipsc-level-protection-workstation-${level}`);
  await b.press(NEXT[lang]);
  if (exports) await b.choose('ipsc-situation-exports');
  await b.press(NEXT[lang]);
  await b.until(async () => (await b.heading()) === (ZH(lang) ? '检查您的答案' : 'Check your answers'), 'the check page');
  await b.press(SEE[lang]);
  await b.find('[data-texts="ready"]');
  assert.equal(await b.heading(), ZH(lang) ? '测算结果' : 'Your estimate');
}

const amount = (measure) => browser.text(`[data-testid="amount-${measure}"]`);
const total = (b = browser) => b.text('[data-testid="total"]');

// The whole first step (Zengdu, a special-vehicle maker, the year 2025).
async function answerFirstStep(b) {
  await answerEnterprise(b);
  await b.select('ipsc-region', 'zengdu');
  await b.select('ipsc-industry', 'special-vehicles');
  await b.fill('ipsc-year', '2025');
}

test('the checks bite: a console error and a request off the origin in the page are seen', TEST, async () => {
  await fresh('zh');
  await browser.run(() => {
    console.error('probe');
    fetch('http://192.0.2.1/probe').catch(() => {});
  });
  const probe = (line) => line.includes('probe');
  await browser.until(async () => {
    await browser.harvest();
    const { problems } = browser.since(mark);
    return problems.some((p) => p.includes('console.error') && probe(p)) && problems.some((p) => p.includes('CSP violation') && p.includes('192.0.2.1'));
  }, 'the probe\'s console error and policy violation to be recorded');
  // Seen: now forgotten (after a moment for Firefox's BiDi copies of the same lines), so
  // that the test's own checks hold for the rest.
  await new Promise((ok) => setTimeout(ok, 300));
  for (const [list, from] of [[browser.problems, mark.problems], [browser.requests, mark.requests]]) {
    const kept = list.filter((line, i) => i < from || !probe(line));
    list.splice(0, list.length, ...kept);
  }
});

for (const lang of ['zh', 'en']) {
  test(`the whole journey in ${lang} gives 202,000.00, with axe on step 1 and the results`, TEST, async () => {
    await fresh(lang);
    await journey(lang, {
      enterprise: answerFirstStep, patents: '3', pct: '1', loan: true, level: 2, exports: true,
      onStep1: () => noAxeViolations(`step 1 (${lang})`),
    });
    assert.equal(await total(), yuan(lang, '202,000.00'));
    assert.equal(await amount('domestic-invention-patent'), yuan(lang, '30,000.00'));
    assert.equal(await amount('pct-invention-patent'), yuan(lang, '100,000.00'));
    assert.equal(await amount('ip-pledge-interest'), yuan(lang, '62,000.00'));
    assert.equal(await amount('protection-workstation'), yuan(lang, '10,000.00'));
    await noAxeViolations(`the results (${lang})`);
  });

  test(`the whole journey in ${lang} in a narrow window gives 202,000.00 and never scrolls sideways`, TEST, async () => {
    // The narrowest window every engine here allows (MiniBrowser's and Firefox's floor is
    // about 450 px; Chromium's suite checks 390).
    await browser.resize(480, 900);
    try {
      await fresh(lang);
      await journey(lang, { enterprise: answerFirstStep, patents: '3', pct: '1', loan: true, level: 2, exports: true });
      assert.equal(await total(), yuan(lang, '202,000.00'));
      const overflow = await browser.run(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px too wide)`);
    } finally {
      await browser.resize(1280, 900);
    }
  });

  test(`a journey in ${lang} that is not eligible gives 0.00 and says why and what would change it`, TEST, async () => {
    await fresh(lang);
    await journey(lang, {
      enterprise: async (b) => {
        await b.choose('ipsc-registered-no');
        await b.choose('ipsc-tech-sme-unsure');
        await b.fill('ipsc-staff', '120');
        await b.fill('ipsc-sales', '8000万');
        await b.choose('ipsc-abnormal-yes');
        await b.choose('ipsc-dishonest-no');
        await b.fill('ipsc-year', '2025');
      },
      patents: '3',
    });
    assert.equal(await total(), yuan(lang, '0.00'));
    const line = await browser.text('[data-measure="domestic-invention-patent"]');
    assert.match(line, ZH(lang) ? /不符合条件/ : /Not eligible/);
    assert.match(line, ZH(lang) ? /企业未在随州市注册登记/ : /The enterprise is not registered in Suizhou/);
    assert.match(line, ZH(lang) ? /30,000\.00 元/ : /If the enterprise were registered in Suizhou, this line would be ¥30,000\.00\./);
  });

  test(`a journey in ${lang} with three patents and a workstation gives 40,000.00, and a clause opens in its own words`, TEST, async () => {
    await fresh(lang);
    await journey(lang, { patents: '3', level: 2 });
    assert.equal(await total(), yuan(lang, '40,000.00'));
    assert.equal(await amount('domestic-invention-patent'), yuan(lang, '30,000.00'));
    assert.equal(await amount('protection-workstation'), yuan(lang, '10,000.00'));
    const formula = await browser.text('[data-measure="domestic-invention-patent"] [data-testid="formula"]');
    if (ZH(lang)) assert.equal(formula, '3 件 × 10,000.00 元 = 30,000.00 元');
    else assert.match(formula, /^3 .*¥10,000\.00 = ¥30,000\.00$/);
    const open = await browser.until(async () => {
      for (const s of await browser.driver.findElements({ css: '[data-measure="domestic-invention-patent"] summary' })) {
        if (/一\(一\)/.test(await s.getText())) return s;
      }
      return null;
    }, 'the clause\'s disclosure');
    await open.click();
    assert.match(await browser.text('[data-measure="domestic-invention-patent"] blockquote'), /对国内授权发明专利每件奖励1万元/);
  });
}

test('an error summary takes focus, names each missing answer, and its links focus their fields', TEST, async () => {
  await fresh('zh');
  await browser.press('继续');
  await browser.find('.ipsc-error-summary');
  await browser.until(async () => (await browser.run(() => document.activeElement.className)) === 'ipsc-error-summary', 'the summary to take focus');
  const links = await browser.driver.findElements({ css: '.ipsc-error-summary a' });
  assert.deepEqual(await Promise.all(links.map((a) => a.getText())), [
    '请选择企业是否在本地注册登记', '请选择是否已登记为科技型中小企业；不确定请选“不确定”', '请选择企业是否被列入经营异常名录', '请选择企业是否被列入严重违法失信名单',
  ]);
  assert.equal(await browser.run(() => document.getElementById('ipsc-registered-yes-error').textContent), '错误：请选择企业是否在本地注册登记');
  await links[2].click();
  await browser.until(async () => (await browser.focused()) === 'ipsc-abnormal-yes', 'a summary link to focus its field');
  assert.equal(await browser.heading(), '企业基本情况', 'and not to leave the step');
  await browser.fill('ipsc-year', '1999');
  await answerEnterprise();
  await browser.press('继续');
  await browser.until(async () => (await browser.run(() => document.getElementById('ipsc-year-error')?.textContent)) === '错误：请输入2000年至2100年之间的年份，例如 2025', 'the year\'s error');
});

test('choosing 是 that reveals a question leaves focus on the choice', TEST, async () => {
  await fresh('zh');
  // As a keyboard user: focus on 是, then Space.
  await browser.run(() => document.getElementById('ipsc-registered-yes').focus());
  await browser.driver.actions().sendKeys(Key.SPACE).perform();
  await browser.find('#ipsc-region');
  assert.ok(await (await browser.find('#ipsc-registered-yes')).isSelected(), 'Space chose 是');
  assert.equal(await browser.focused(), 'ipsc-registered-yes', 'focus stays on 是');
});

test('frame.js on another site makes a frame that fits the app as it grows', TEST, async (t) => {
  const policy = ["default-src 'none'", `script-src ${app.origin}`, `frame-src ${app.origin}`, 'img-src data:'].join('; ');
  const site = await otherSite(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>随州市人民政府</title><link rel="icon" href="data:,">
<script src="${app.origin}/ipsc-test-recorder.js"></script></head>
<body><main><h1>政策解读</h1><p>文章正文。</p><script src="${app.origin}/frame.js" async></script><p>文章结束。</p></main></body></html>`, policy);
  t.after(() => site.close());
  allowed.push(site.origin);
  // Tall enough for the whole frame: geckodriver does not scroll the site's page to an
  // element inside a frame of another origin before it clicks it, and the click lands
  // nowhere (a driver's limit: a person scrolls).
  await browser.resize(1280, 3000);
  t.after(() => browser.resize(1280, 900));
  await browser.open(`${site.origin}/article`);
  const iframe = await browser.find('main > iframe');
  assert.equal(await iframe.getAttribute('title'), '知识产权奖补自测');
  // The frame's height on the site and its document's inside, once they agree.
  const fitted = async () => {
    let heights;
    return browser.until(async () => {
      await browser.driver.switchTo().defaultContent();
      const frameHeight = await browser.run(() => document.querySelector('main > iframe').getBoundingClientRect().height);
      await browser.driver.switchTo().frame(await browser.find('main > iframe'));
      heights = await browser.run(() => ({
        document: Math.ceil(document.documentElement.getBoundingClientRect().height),
        scrolls: document.documentElement.scrollHeight > window.innerHeight,
      }));
      heights.frame = frameHeight;
      return Math.abs(heights.frame - heights.document) <= 1 && !heights.scrolls && heights.frame;
    }, `the frame to fit its document (${JSON.stringify(heights)})`);
  };
  const first = await fitted();
  // Inside the frame now.
  assert.equal(await browser.heading(), '企业基本情况');
  await browser.press('继续');
  await browser.find('.ipsc-error-summary');
  const withErrors = await fitted();
  assert.ok(withErrors > first, `taller with the error summary: ${first} -> ${withErrors}`);
  await journey('zh', {});
  assert.equal(await total(), '10,000.00 元');
  const results = await fitted();
  assert.ok(results > withErrors, `taller at the results: ${withErrors} -> ${results}`);
  await browser.driver.switchTo().defaultContent();
});

test('a kiosk warns, then starts afresh when no one is there, keeping nothing', TEST, async () => {
  await clean('/?mode=kiosk&idle=8');
  await browser.choose('ipsc-registered-yes');
  // The announcement is visually hidden (the countdown shows on screen): its text, as a
  // screen reader gets it. WebKit's driver reads no text of a 1 px element.
  await browser.until(async () => /答案将在 \d+ 秒后清除/.test(await browser.run(() => document.querySelector('[role="alert"]')?.textContent)), 'the warning');
  await browser.until(async () => (await browser.text('.ipsc-notice[role="status"]')) === '由于一段时间无人操作，上一位使用者的答案已清除。', 'the reset', 20_000);
  assert.equal(await browser.heading(), '企业基本情况');
  assert.equal(await (await browser.find('#ipsc-registered-yes')).isSelected(), false, 'the last answers are gone');
  assert.equal(await browser.run(() => localStorage.length + sessionStorage.length), 0);
});

test('a kiosk\'s Finish and clear leaves nothing for the next person', TEST, async () => {
  await clean('/?mode=kiosk&idle=600');
  await journey('zh', {});
  assert.equal(await total(), '10,000.00 元');
  await browser.press('完成并清除');
  await browser.until(async () => (await browser.heading()) === '企业基本情况', 'the first step');
  await browser.until(async () => (await browser.focused()) === 'H1', 'focus on the heading');
  assert.equal(await browser.text('.ipsc-notice[role="status"]'), '上一位使用者的答案已清除，可以开始新的测算。');
  assert.equal(await (await browser.find('#ipsc-registered-yes')).isSelected(), false);
  assert.equal(await (await browser.find('#ipsc-year')).getAttribute('value'), '2025', 'the year is the default again');
  assert.equal(await browser.run(() => localStorage.length + sessionStorage.length), 0);
});

test('a share link opens the same estimate in a fresh browser', TEST, async () => {
  await fresh('zh');
  await journey('zh', { patents: '2', level: 1 });
  const shown = await total();
  const link = await (await browser.find('#ipsc-share')).getAttribute('value');
  assert.ok(link.startsWith(`${app.origin}/#a=`), link);
  const other = await launch({ origins: [app.origin] });
  try {
    await other.open(link);
    assert.equal(await other.heading(), '检查您的答案');
    await other.press('查看测算结果');
    await other.find('[data-texts="ready"]');
    assert.equal(await total(other), shown);
    await other.harvest();
    assert.deepEqual(outside(other.requests, [app.origin]), [], 'the fresh browser\'s requests');
    assert.deepEqual(other.problems, [], 'the fresh browser\'s console errors or policy violations');
  } finally {
    await other.close();
  }
});

test('where the engine refuses the wasm, the page says so in both languages, with axe clean', TEST, async () => {
  await browser.open(`${app.origin}/refused/`, '.ipsc-unsupported');
  const zh = await browser.text('.ipsc-unsupported p[lang="zh-CN"]');
  const en = await browser.text('.ipsc-unsupported p[lang="en"]');
  assert.match(zh, /本工具未能在此浏览器中启动/);
  assert.match(en, /This tool could not start in this browser/);
  assert.match(en, /Firefox 78 or later, Safari 14\.1 or later/);
  assert.equal((await browser.driver.findElements({ css: '.ipsc h1' })).length, 0, 'no app beside the message');
  // A message, not a page with landmarks: WCAG's rules, as the Chromium suite checks it.
  await noAxeViolations('the page that says the app cannot start', WCAG.filter((tag) => tag !== 'best-practice'));
});

console.log(`# engine under test: ${ENGINE}`);
