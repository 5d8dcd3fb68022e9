// Focus stays where the person is (issue 21, WCAG 2.4.3): choosing an answer that reveals
// or hides a question leaves focus on the choice; adding a loan moves focus to its first
// field, removing one to the loan that took its place (else the one before, else the
// button that adds one), and a screen reader is told. In both languages, by pointer and
// by keyboard, each checked on `document.activeElement`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onTheApp, TEST, ready } from './support.mjs';

const app = onTheApp();

const WORDS = {
  zh: {
    switchTo: null, yes: '是', no: '否', registered: /企业是否在.+注册登记/, region: '注册地所在区域',
    loans: /知识产权质押取得的贷款/, add: '再添加一笔贷款', remove: (n) => `删除贷款 ${n}`,
    added: (n) => `已添加贷款 ${n}`, removed: (n) => `已删除贷款 ${n}`,
  },
  en: {
    switchTo: 'English', yes: 'Yes', no: 'No', registered: /Is the enterprise registered in/, region: 'Where in the city it is registered',
    loans: /loans secured by a pledge/, add: 'Add another loan', remove: (n) => `Remove loan ${n}`,
    added: (n) => `Loan ${n} added`, removed: (n) => `Loan ${n} removed`,
  },
};

// A fresh start in `lang` at `hash`: the tests share one browser, whose storage keeps the
// answers and the language of the test before.
async function open(lang, hash = '') {
  const page = await app.page(hash);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
  if (lang === 'en') {
    await page.getByRole('button', { name: /English/ }).click();
    await page.locator('.ipsc[lang="en"]').waitFor();
  }
  return page;
}

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
const said = (page) => page.locator('p.ipsc-visually-hidden[aria-live="polite"]').innerText();

// Chooses a radio as a person would: a click on its label, or Space with focus on it.
async function choose(page, radio, how) {
  if (how === 'pointer') {
    await radio.click();
  } else {
    await radio.focus();
    await page.keyboard.press('Space');
  }
}

for (const lang of ['zh', 'en']) {
  const w = WORDS[lang];
  for (const how of ['pointer', 'keyboard']) {
    test(`${lang}, by ${how}: an answer that reveals or hides a question leaves focus on the choice`, TEST, async () => {
      const page = await open(lang);
      const group = page.getByRole('group', { name: w.registered });
      const yes = group.getByRole('radio', { name: w.yes, exact: true });
      await choose(page, yes, how);
      await page.getByLabel(w.region).waitFor();
      assert.equal(await focused(page), 'ipsc-registered-yes');
      assert.ok(await yes.isChecked());
      // Hidden again: by the other radio (the keyboard's arrow moves to it and chooses it).
      const no = group.getByRole('radio', { name: w.no, exact: true });
      if (how === 'pointer') await no.click(); else await page.keyboard.press('ArrowRight');
      await page.getByLabel(w.region).waitFor({ state: 'detached' });
      assert.equal(await focused(page), 'ipsc-registered-no');
      assert.ok(await no.isChecked());
      await page.close();
    });

    test(`${lang}, by ${how}: adding a loan focuses its first field, removing one focuses its neighbour, and each is said`, TEST, async () => {
      const page = await open(lang, '#step=3');
      const press = async (name) => {
        const button = page.getByRole('button', { name, exact: true });
        if (how === 'pointer') await button.click();
        else { await button.focus(); await page.keyboard.press('Enter'); }
      };
      await choose(page, page.getByRole('group', { name: w.loans }).getByRole('radio', { name: w.yes, exact: true }), how);
      await page.locator('#ipsc-loan-0-principal').waitFor();
      assert.equal(await focused(page), 'ipsc-has-loans-yes', 'the first loan appears; focus stays on the choice');
      await page.locator('#ipsc-loan-0-principal').fill('500万');
      await press(w.add);
      await page.locator('#ipsc-loan-1-principal').waitFor();
      assert.equal(await focused(page), 'ipsc-loan-1-principal');
      assert.equal(await said(page), w.added(2));
      await page.locator('#ipsc-loan-1-principal').fill('100万');
      // Removing loan 1: loan 2 takes its place, with what was typed in it, and focus.
      await press(w.remove(1));
      await page.locator('#ipsc-loan-1-principal').waitFor({ state: 'detached' });
      assert.equal(await focused(page), 'ipsc-loan-0-principal');
      assert.equal(await page.locator('#ipsc-loan-0-principal').inputValue(), '100万');
      assert.equal(await said(page), w.removed(1));
      // The last one removed: focus on the button that adds one.
      await press(w.remove(1));
      await page.locator('#ipsc-loan-0-principal').waitFor({ state: 'detached' });
      assert.equal(await focused(page), 'ipsc-loan-add');
      await page.close();
    });
  }
}
