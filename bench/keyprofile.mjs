// Where a keystroke's script time goes: a DevTools CPU profile (sampled every 50 µs) of
// `--keys` keys under 4× CPU throttling, typed into a count field (step 2), a money field
// (step 3, one loan) or that money field with 20 loans (`--field count|money|loans`), and
// the functions that took the most time per key, by their own time and with what they
// call. Not a figure with a target: it says what to cut. The wasm's functions are named
// only in a build that kept their names:
//
//   IPSC_WASM_NAMES=1 ./x build && mv dist /tmp/dist-names && ./x build
//   node bench/keyprofile.mjs --dist /tmp/dist-names [--field money] [--keys 240] [--top 40]
//
// Prints the two lists as text (not JSON: `./x bench` does not run it).
import { start } from '../e2e/support.mjs';
import { option, throttle, COUNT_FIELD, MONEY_FIELD, toCountField, toMoneyField, addLoans } from './common.mjs';

const DIST = option('dist', 'dist');
const FIELD = option('field', 'count');
const KEYS = Number(option('keys', 240));
const TOP = Number(option('top', 40));
const RATE = 4;

// The same fields and key cycles as bench/keystroke.mjs.
const FIELDS = { count: COUNT_FIELD, money: MONEY_FIELD, loans: MONEY_FIELD };
if (!FIELDS[FIELD]) throw new Error(`--field is count, money or loans, not ${FIELD}`);

// A profile's time per function: its own (`self`) and with all it calls (`total`), in ms,
// counting a function once per sample however deep it recurs. Idle time is left out.
function times(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`.trim();
  const self = new Map();
  const total = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = name(nodes.get(id));
    if (leaf === '(idle)') return;
    add(self, leaf, ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const key = name(nodes.get(at));
      if (!seen.has(key)) {
        seen.add(key);
        add(total, key, ms);
      }
    }
  });
  return { self, total };
}

const list = (map) => [...map]
  .sort((a, b) => b[1] - a[1])
  .slice(0, TOP)
  .map(([what, ms]) => `${(ms / KEYS).toFixed(3).padStart(8)} ms  ${what}`)
  .join('\n');

const app = await start(DIST);
try {
  const page = await app.page('/');
  await toCountField(page);
  if (FIELD !== 'count') await toMoneyField(page);
  if (FIELD === 'loans') await addLoans(page, 20);
  const { selector, keys } = FIELDS[FIELD];
  await page.locator(selector).click();
  const cdp = await throttle(app.context, page, RATE);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(keys[i % keys.length]);
    await page.waitForTimeout(30);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const { self, total } = times(profile);
  console.log(`${KEYS} keys into ${selector} (${FIELD}), ${RATE}× CPU throttle; time per key, throttled`);
  console.log(`\nby own time:\n${list(self)}`);
  console.log(`\nwith what each calls:\n${list(total)}`);
} finally {
  await app.close();
}
