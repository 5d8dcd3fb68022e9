// The build as deploy/'s nginx configuration serves it, at the site's root and in a folder
// (/tools/ipsc/) with no rebuilding: the journey reaches the results with nothing blocked;
// every response carries the policy and the other headers; the wasm comes precompressed
// with its type; hashed files are kept for a year and the others asked for each time; a
// missing file is a 404. (Every other end-to-end test runs against this nginx too, at the
// root: see support.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { start, nginx, nginxConf, otherSite, outside, shortJourney, shot, TEST, HOOK, ready } from './support.mjs';
import { csp, serve } from './server.mjs';

const FOLDER = '/tools/ipsc/';
const FRAMERS = "'self' http://127.0.0.1:*";

// The app at the root, with the browser, and a second nginx with the same files in a folder.
let app;
let folder;
before(async () => {
  app = await start('dist', { frameAncestors: FRAMERS });
  folder = await nginx('dist', { prefix: FOLDER, frameAncestors: FRAMERS });
}, HOOK);
after(async () => {
  await app?.close();
  await folder?.close();
}, HOOK);

const places = () => [['at the root', app.base], [`in ${FOLDER}`, folder.origin + FOLDER]];

// One GET, the body as sent (not decompressed).
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

// The app's files, as the build wrote them (not the gzip copies).
// Every file of the build, with its path inside dist/ (wasm-bindgen's snippets are in a folder).
const files = () => readdirSync('dist', { recursive: true }).filter((name) => !name.endsWith('.gz') && statSync(join('dist', name)).isFile());
// A file named after its content; wasm-bindgen's snippets are not (their folder's number
// is the crate's name and version), so they must be asked for each time.
const hashed = (name) => !name.startsWith('snippets/') && /-[0-9a-f]{8,}(_bg)?\.(js|css|wasm|bin)$/.test(name);
const TYPES = { html: 'text/html', js: 'application/javascript', css: 'text/css', wasm: 'application/wasm', bin: 'application/octet-stream' };

function hasTheHeaders(res, what) {
  assert.equal(res.headers['content-security-policy'], csp({ frameAncestors: FRAMERS }), `the policy on ${what}`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(res.headers['referrer-policy'], 'no-referrer', what);
  assert.equal(res.headers['access-control-allow-origin'], '*', what);
  assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', what);
  assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', what);
  assert.equal(res.headers['permissions-policy'], PERMISSIONS, what);
}

// The features the app never uses, denied (docs/WEBMASTER.md says why these).
const DENIED = ['accelerometer', 'camera', 'clipboard-read', 'display-capture', 'geolocation', 'gyroscope', 'hid', 'idle-detection', 'magnetometer', 'microphone', 'midi', 'payment', 'publickey-credentials-get', 'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking'];
const PERMISSIONS = DENIED.map((feature) => `${feature}=()`).join(', ');

// nginx names itself without its version (server_tokens off, in deploy/ipsc-location.conf).
function hidesTheVersion(res, what) {
  assert.equal(res.headers.server, 'nginx', what);
}

test('nginx reads the configuration without a warning, and refuses it without frame-ancestors', TEST, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsc-nginx-t-'));
  try {
    const check = (conf) => {
      writeFileSync(join(dir, 'nginx.conf'), conf);
      return spawnSync('nginx', ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    };
    const conf = nginxConf({ dir, port: 1, dist: 'dist', prefix: FOLDER, frameAncestors: FRAMERS });
    const good = check(conf);
    assert.equal(good.status, 0, good.stderr);
    assert.doesNotMatch(good.stderr, /\[(warn|emerg|alert|crit|error)\]/, good.stderr);
    const unset = check(conf.replace(/^\s*set \$ipsc_frame_ancestors .*$/m, ''));
    assert.notEqual(unset.status, 0);
    assert.match(unset.stderr, /unknown "ipsc_frame_ancestors" variable/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the build has a gzip copy of each text and wasm file, and it is that file', TEST, () => {
  const names = files();
  assert.ok(names.includes('embed.js') && names.some((n) => n.endsWith('.wasm')) && names.some((n) => n.startsWith('ipsc-texts-')), names.join(' '));
  for (const name of names) {
    assert.deepEqual(gunzipSync(readFileSync(join('dist', `${name}.gz`))), readFileSync(join('dist', name)), name);
  }
});

test('every response carries the policy, nosniff, no referrer, CORS, CORP, COOP, the permissions policy, no nginx version and its cache lifetime', TEST, async () => {
  for (const [where, base] of places()) {
    for (const name of ['', ...files()]) {
      const res = await get(base + name, { 'Accept-Encoding': 'gzip' });
      const what = `${name || 'the folder'} ${where}`;
      assert.equal(res.status, 200, what);
      hasTheHeaders(res, what);
      hidesTheVersion(res, what);
      const type = TYPES[name.split('.').pop()] ?? TYPES.html;
      assert.ok(res.headers['content-type'].startsWith(type), `${what}: ${res.headers['content-type']}`);
      const kept = hashed(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
      assert.equal(res.headers['cache-control'], kept, what);
      assert.equal(res.headers['content-encoding'], 'gzip', what);
      assert.equal(res.headers.vary, 'Accept-Encoding', what);
    }
    assert.ok(files().some((n) => n.startsWith('snippets/')), 'a snippet was checked: no-cache');
    const missing = await get(base + 'ipsc-app-0000000000000000.js');
    assert.equal(missing.status, 404, `a missing file ${where}`);
    hasTheHeaders(missing, `the 404 ${where}`);
    hidesTheVersion(missing, `the 404 ${where}`);
    assert.doesNotMatch(missing.body.toString(), /nginx\//, `the 404's page names no version ${where}`);
  }
  const bare = await get(folder.origin + FOLDER.slice(0, -1));
  assert.equal(bare.status, 301, 'the folder without its slash');
  assert.equal(new URL(bare.headers.location).pathname, FOLDER);
});

test('the wasm comes gzipped to a browser that accepts it, as itself to one that does not', TEST, async () => {
  const wasm = files().find((n) => n.endsWith('.wasm'));
  const raw = readFileSync(join('dist', wasm));
  for (const [where, base] of places()) {
    const zipped = await get(base + wasm, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(zipped.headers['content-type'], 'application/wasm', where);
    assert.equal(zipped.headers['content-encoding'], 'gzip', where);
    assert.ok(zipped.body.length < raw.length / 2, `${zipped.body.length} bytes of ${raw.length} ${where}`);
    assert.deepEqual(gunzipSync(zipped.body), raw);
    const plain = await get(base + wasm, { 'Accept-Encoding': 'identity' });
    assert.equal(plain.headers['content-type'], 'application/wasm', where);
    assert.equal(plain.headers['content-encoding'], undefined, where);
    assert.deepEqual(plain.body, raw);
  }
});

test('`./x serve`\'s Node server sends the policy nginx sends', TEST, async () => {
  const node = await serve('dist', 0, { frameAncestors: FRAMERS });
  try {
    const res = await get(`http://127.0.0.1:${node.address().port}/`);
    hasTheHeaders(res, 'the Node server\'s page');
    const policy = res.headers['content-security-policy'];
    for (const directive of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'", `frame-ancestors ${FRAMERS}`]) {
      assert.ok(policy.split('; ').includes(directive), `${directive} in ${policy}`);
    }
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
    assert.doesNotMatch(policy.replace(/; frame-ancestors .*$/, ''), /\*/, 'no wildcard but in frame-ancestors');
  } finally {
    node.closeAllConnections();
    node.close();
  }
});

// What the browser makes of the permissions policy and of COOP: every feature the header
// names is one Chromium knows (it warns of an unknown one on every page) and is denied to the
// page; a page of another site that opens the app in a window of its own keeps no hold on
// it, nor the app on the opener. Neither logs anything.
test('in the browser, each feature denied is one Chromium knows, and the app\'s page shares no window with the site that opened it', TEST, async (t) => {
  const from = { requests: app.requests.length, problems: app.problems.length };
  // Chromium says what it makes of a header as a warning, which `problems` does not keep.
  const said = [];
  const listen = (m) => { if (/Permissions-Policy|Cross-Origin|feature/i.test(m.text())) said.push(`${m.type()}: ${m.text()}`); };
  app.context.on('console', listen);
  t.after(() => app.context.off('console', listen));
  const page = await app.page();
  const policy = await page.evaluate((denied) => {
    const known = document.permissionsPolicy ?? document.featurePolicy;
    return known && { features: known.features(), allowed: denied.filter((f) => known.allowsFeature(f)) };
  }, DENIED);
  assert.ok(policy, 'the page has document.featurePolicy');
  assert.deepEqual(DENIED.filter((f) => !policy.features.includes(f)), [], 'features Chromium does not know');
  assert.deepEqual(policy.allowed, [], 'features the page may still use');
  await page.close();
  const other = await otherSite(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>随州市人民政府</title></head>
<body><main><h1>政策解读</h1></main></body></html>`, "default-src 'none'");
  t.after(() => other.close());
  const opener = await app.context.newPage();
  await opener.goto(other.origin + '/article');
  const [popup] = await Promise.all([
    app.context.waitForEvent('page'),
    opener.evaluate((url) => { window.opened = window.open(url); }, app.base),
  ]);
  await ready(popup);
  assert.equal(await popup.evaluate(() => window.opener), null, 'the app\'s page has no opener');
  await opener.waitForFunction(() => window.opened.closed, null, { timeout: 5000 }).catch(() => {
    assert.fail('the opening page still holds the app\'s window');
  });
  await popup.close();
  await opener.close();
  assert.deepEqual(outside(app.requests.slice(from.requests), [app.origin, other.origin]), []);
  assert.deepEqual(app.problems.slice(from.problems), [], 'console errors or policy violations');
  assert.deepEqual(said, [], 'console messages about the headers');
});

// The journey to the results, by the fields and the buttons' names, as journey.test.mjs goes.
for (const where of ['at the root', `in ${FOLDER}`]) {
  test(`${where}, the journey reaches the results with the report texts, under the policy, with no error`, TEST, async () => {
    const base = places().find(([w]) => w === where)[1];
    const from = { requests: app.requests.length, problems: app.problems.length };
    const page = await app.context.newPage();
    await page.goto(base);
    const heading = page.locator('h1');
    assert.equal(await heading.innerText(), '企业基本情况');
    await shortJourney(page);
    assert.equal(await heading.innerText(), '测算结果');
    assert.equal(await page.getByTestId('total').innerText(), '10,000.00 元');
    const share = await page.locator('#ipsc-share').inputValue();
    assert.ok(share.startsWith(base + '#a='), `the share link opens this page: ${share}`);
    await shot(page, `nginx-results-${where === 'at the root' ? 'root' : 'folder'}`);
    await page.evaluate(() => localStorage.clear());
    await page.close();
    const mine = app.requests.slice(from.requests);
    const origin = new URL(base).origin;
    assert.deepEqual(outside(mine, [origin]), [], 'requests outside the page\'s origin');
    assert.deepEqual(mine.filter((url) => !url.startsWith('data:') && !url.startsWith(base)), [], `every request under ${base}`);
    for (const pattern of [/\.css$/, /\/boot-[^/]+\.js$/, /_bg\.wasm$/, /\/ipsc-texts-[^/]+\.bin$/]) {
      assert.ok(mine.some((url) => pattern.test(new URL(url).pathname)), `${pattern} was requested: ${mine.join(' ')}`);
    }
    assert.deepEqual(app.problems.slice(from.problems), [], 'console errors or policy violations');
  });
}

// A site that takes the app from the folder, both ways in by script: frame.js and
// embed.js find the app's files beside themselves, wherever that is.
test(`in ${FOLDER}, frame.js and embed.js on another site find the app's files beside themselves`, TEST, async (t) => {
  const base = folder.origin + FOLDER;
  const other = await otherSite(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>随州市人民政府</title></head>
<body><main><h1>政策解读</h1><script src="${base}frame.js" async></script></main></body></html>`,
  `default-src 'none'; script-src ${folder.origin}; frame-src ${folder.origin}`);
  t.after(() => other.close());
  const from = { requests: app.requests.length, problems: app.problems.length };
  const page = await app.context.newPage();
  await page.goto(other.origin + '/framed');
  const frame = page.frameLocator('iframe');
  await frame.locator('h1').waitFor();
  assert.equal(await frame.locator('h1').innerText(), '企业基本情况');
  assert.ok((await page.locator('iframe').getAttribute('src')).startsWith(`${base}?mode=embedded`));
  await page.close();
  const embedded = await otherSite(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>随州市人民政府</title></head>
<body><main><h1>政策解读</h1><script type="module" src="${base}embed.js"></script></main></body></html>`,
  `default-src 'none'; script-src ${folder.origin} 'wasm-unsafe-eval'; style-src ${folder.origin}; connect-src ${folder.origin}`);
  t.after(() => embedded.close());
  const second = await app.context.newPage();
  await second.goto(embedded.origin + '/embedded');
  await second.locator('.ipsc h1').waitFor();
  assert.equal(await second.locator('.ipsc h1').innerText(), '企业基本情况');
  await second.close();
  const requests = app.requests.slice(from.requests);
  assert.ok(requests.some((url) => url.startsWith(base) && url.endsWith('.wasm')), 'the wasm came from the folder');
  assert.deepEqual(outside(requests, [folder.origin, other.origin, embedded.origin]), []);
  assert.deepEqual(app.problems.slice(from.problems), [], 'console errors or CSP violations');
});
