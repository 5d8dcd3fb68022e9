// Shared by the benchmarks (run by `./x bench`, xtask/src/bench.rs): each script prints
// its progress on stderr and ONE line of JSON, its figures, on stdout, which the xtask
// reads into its table. Servers and browsers come from e2e/support.mjs (Debian's nginx
// with deploy/'s configuration, Debian's Chromium in a fresh profile).
import { fileURLToPath } from 'node:url';
import { start, answerFirstStep } from '../e2e/support.mjs';

export { start, nginx } from '../e2e/support.mjs';

/// A page served beside the app by the same nginx configuration, doing the least a page
/// can do for the same gestures: the baseline each timing is compared with in the same
/// run, since the machine is shared and its speed changes from minute to minute.
export const BASELINE = fileURLToPath(new URL('./baseline/', import.meta.url));

export const log = (...words) => console.error('bench:', ...words);

/// Prints the figures for the xtask: the last line of stdout, JSON.
export function report(figures) {
  process.stdout.write(JSON.stringify(figures) + '\n');
}

/// The value at quantile `q` (0..1) of `values`, by the nearest rank.
export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values) => quantile(values, 0.5);

/// p50, p95 and max of `values`, rounded to 0.1, and how many there were.
export function spread(values) {
  const r = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return { n: values.length, p50: r(quantile(values, 0.5)), p95: r(quantile(values, 0.95)), max: r(quantile(values, 1)) };
}

/// Slows the page's CPU `rate` times, as the DevTools protocol does for Lighthouse.
export async function throttle(context, page, rate) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/// A server for `dist` and another for the baseline page, and one browser.
export async function servers(dist = 'dist') {
  const app = await start(dist);
  const baseline = await start(BASELINE);
  return {
    app,
    baseline,
    async close() {
      await app.close();
      await baseline.close();
    },
  };
}

/// Reads `--name value` from the command line.
export function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

// The journey's first step as e2e/journey.test.mjs answers it, so that the enterprise
// qualifies and every later answer moves the running estimate.
export { answerFirstStep as answerEnterprise } from '../e2e/support.mjs';

export const next = (page, name = /^(继续|Continue)$/) => page.getByRole('button', { name }).click();

/// Waits for the step whose heading is `title` (a RegExp or string).
export async function atStep(page, title) {
  await page.locator('h1', { hasText: title }).waitFor();
}

/// Fills loan `i`'s fields (the loan must be on the page).
export async function fillLoan(page, i, principal = '500万') {
  await page.locator(`#ipsc-loan-${i}-principal`).fill(principal);
  await page.locator(`#ipsc-loan-${i}-start`).fill('2025-01-01');
  await page.locator(`#ipsc-loan-${i}-term`).fill('12');
  await page.locator(`#ipsc-loan-${i}-rate`).fill('3.5');
}

/// The fields the keystroke figures type into, each with a cycle of keys that leaves it
/// empty again and changes the running estimate at every key (bench/keystroke.mjs,
/// bench/keyprofile.mjs).
export const COUNT_FIELD = { selector: '#ipsc-count-domestic-invention-patents', keys: ['1', '2', '3', 'Backspace', 'Backspace', 'Backspace'] };
export const MONEY_FIELD = { selector: '#ipsc-loan-0-principal', keys: ['5', '0', '0', '0', 'Backspace', 'Backspace', 'Backspace', 'Backspace'] };

/// From a new visitor's first step to step 2, where the count field is.
export async function toCountField(page) {
  await answerFirstStep(page);
  await next(page);
  await page.locator('#ipsc-count-pct-invention-patents').fill('0');
}

/// From the count field's step to step 3, with one loan whose principal is left empty.
export async function toMoneyField(page) {
  await page.locator(COUNT_FIELD.selector).fill('3');
  await next(page);
  await page.locator('#ipsc-has-loans-yes').check();
  await fillLoan(page, 0, '');
}

/// Adds loans after the first, each filled in, until there are `count`.
export async function addLoans(page, count) {
  const add = page.getByRole('button', { name: /^(再添加一笔贷款|Add another loan)$/ });
  for (let i = 1; i < count; i++) {
    await add.click();
    await fillLoan(page, i, '1000');
  }
}
