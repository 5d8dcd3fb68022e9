// Serves a built dist/ on 127.0.0.1 the way a strict host would (the tests use nginx with
// deploy/'s configuration; this is `./x serve`'s): a content security policy
// that allows only the page's own files (no inline script or style, no eval; wasm needs
// 'wasm-unsafe-eval'), no network elsewhere, and nosniff. The files may be read from other
// origins (Access-Control-Allow-Origin), as embed.js on another site needs; which sites may
// frame the page is `frameAncestors`. Every header deploy/ipsc-location.conf gives nginx
// is sent here too. Used by `cargo xtask serve` and by the end-to-end tests, so the tests
// see what users see.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The policy is deploy/ipsc-location.conf's, read from there so that the two servers can
// never disagree: the `add_header Content-Security-Policy` line, with its one variable,
// which sites may frame the page, filled in.
const NGINX_LOCATION = fileURLToPath(new URL('../deploy/ipsc-location.conf', import.meta.url));

export function csp({ frameAncestors = "'self'" } = {}) {
  const conf = readFileSync(NGINX_LOCATION, 'utf8');
  const found = conf.match(/^add_header Content-Security-Policy "([^"]+)" always;$/m);
  if (!found || !found[1].endsWith('frame-ancestors $ipsc_frame_ancestors')) {
    throw new Error(`${NGINX_LOCATION}: no Content-Security-Policy ending in frame-ancestors $ipsc_frame_ancestors`);
  }
  return found[1].replace('$ipsc_frame_ancestors', frameAncestors);
}

// Every other header of the same file, as nginx sends it: each `add_header NAME VALUE
// always;` line but Cache-Control (nginx's depends on the file's name; this server's is
// always no-cache), the policy's variable filled in as csp() does. A new header in
// deploy/ reaches `./x serve` with no change here.
export function deployHeaders(options = {}) {
  const conf = readFileSync(NGINX_LOCATION, 'utf8');
  const headers = {};
  for (const [, name, quoted, bare] of conf.matchAll(/^add_header (\S+) (?:"([^"]*)"|(\S+)) always;$/gm)) {
    if (name === 'Cache-Control') continue;
    const value = name === 'Content-Security-Policy' ? csp(options) : quoted ?? bare;
    if (value.includes('$')) throw new Error(`${NGINX_LOCATION}: ${name} has a variable this server cannot fill in`);
    headers[name] = value;
  }
  return headers;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function serve(dist, port = 0, options = {}) {
  const root = resolve(dist);
  const sent = deployHeaders(options);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...sent,
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...sent }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dist = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await serve(dist, Number(port));
  console.log(`Serving ${dist}/ at http://127.0.0.1:${server.address().port}/ (Ctrl+C to stop)`);
}
