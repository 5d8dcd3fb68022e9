// The kiosk program (target/release/ipsc-kiosk, built by `./x kiosk`) with Debian's
// Chromium in a fresh profile, as support.mjs's start() gives nginx (its `browse`): the
// same shape, plus `outsideRequests` and `said`. Every request the page makes to anything but the
// program's own address on 127.0.0.1 is aborted and recorded there, so a test can fail
// on it even where the machine has a network.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { browse, WAIT } from './support.mjs';

export const PROGRAM = process.env.IPSC_KIOSK ?? 'target/release/ipsc-kiosk';

// Starts the program on a port the system picks and resolves with its origin once it has
// said where to open (its first line), or rejects with what it said instead.
export function runProgram(args = []) {
  const child = spawn(PROGRAM, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const said = [];
  child.stderr.on('data', (chunk) => said.push(String(chunk)));
  const origin = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${PROGRAM} said no address within ${WAIT} ms: ${said.join('')}`)), WAIT);
    createInterface({ input: child.stdout }).on('line', (line) => {
      said.push(line + '\n');
      const found = line.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (found) { clearTimeout(timer); ok(`http://${found[1]}`); }
    });
    child.on('error', (e) => { clearTimeout(timer); fail(e); });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`${PROGRAM} exited (${code}): ${said.join('')}`)); });
  });
  return { child, said, origin };
}

export async function startKiosk({ shareBase, idle } = {}) {
  const args = [];
  if (shareBase !== undefined) args.push('--share-base', shareBase);
  if (idle !== undefined) args.push('--idle', String(idle));
  const program = runProgram(args);
  const server = {
    origin: null,
    async close() {
      program.child.removeAllListeners('exit');
      program.child.kill();
    },
  };
  let kiosk;
  try {
    server.origin = await program.origin;
    kiosk = await browse(server);
  } catch (e) {
    // Left running, the program would keep the test process alive.
    await server.close();
    throw e;
  }
  const outsideRequests = [];
  await kiosk.context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    outsideRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return { ...kiosk, outsideRequests, said: program.said };
}
