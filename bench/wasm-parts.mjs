// What each part of the app's wasm costs in code (issue 23, "room"): reads the release
// wasm as rustc wrote it, before wasm-bindgen and wasm-opt (its name section still names
// every function), and sums the code's bytes by the crate and module each function's
// (v0-mangled) name says it belongs to. Before wasm-opt, so inlining is not done yet: the
// figures say where code comes from, not what the shipped wasm weighs (`./x size` does).
// Run `./x build` first.
//
//   node bench/wasm-parts.mjs [--wasm target/wasm32-unknown-unknown/release/ipsc-app.wasm] [--top 40]
import { readFileSync } from 'node:fs';
import { option } from './common.mjs';

const WASM = option('wasm', 'target/wasm32-unknown-unknown/release/ipsc-app.wasm');
const TOP = Number(option('top', 40));

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

// Each defined function's code size, by its index, and the names the name section gives.
function functions(bytes) {
  let at = 8;
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    if (id === 2) {
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let length;
        [length, p] = leb(bytes, p); p += length; // module
        [length, p] = leb(bytes, p); p += length; // field
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); imported++; }
        else if (kind === 1) { p++; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) p += 2;
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        const [length, body] = leb(bytes, p);
        sizes.push(length + (body - p));
        p = body + length;
      }
    } else if (id === 0) {
      const [length, p] = leb(bytes, at);
      if (new TextDecoder().decode(bytes.subarray(p, p + length)) === 'name') {
        let q = p + length;
        while (q < end) {
          const sub = bytes[q++];
          let subSize;
          [subSize, q] = leb(bytes, q);
          if (sub === 1) {
            let [count, r] = leb(bytes, q);
            for (let i = 0; i < count; i++) {
              let index; let nameLength;
              [index, r] = leb(bytes, r);
              [nameLength, r] = leb(bytes, r);
              names.set(index, new TextDecoder().decode(bytes.subarray(r, r + nameLength)));
              r += nameLength;
            }
          }
          q += subSize;
        }
      }
    }
    at = end;
  }
  return sizes.map((size, i) => ({ size, name: names.get(i + imported) ?? '' }));
}

// The crate and, for the app and the engine, the module a v0 name's path starts with
// (`_RNv…NtCs…_8ipsc_app5kinds…` is ipsc_app::kinds); the first path in the name wins,
// which for a generic is the item, not its type arguments.
function part(name) {
  // wasm-bindgen runs these at build time and removes them: not in the shipped wasm.
  if (/describe|WasmDescribe/.test(name)) return '(wasm-bindgen descriptors, removed by wasm-bindgen)';
  const crate = /C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (!crate) return name.startsWith('_R') ? '(other Rust)' : '(not Rust)';
  const length = Number(crate[1]);
  const krate = crate[2].slice(0, length);
  if (krate !== 'ipsc_app' && krate !== 'ipsc_engine') return krate;
  const rest = crate[2].slice(length) + name.slice(crate.index + crate[0].length);
  const module = /^(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
  return module ? `${krate}::${module[2].slice(0, Number(module[1]))}` : krate;
}

const all = functions(readFileSync(WASM));
const total = all.reduce((sum, f) => sum + f.size, 0);
const parts = new Map();
for (const f of all) parts.set(part(f.name), (parts.get(part(f.name)) ?? 0) + f.size);
const rows = [...parts].sort((a, b) => b[1] - a[1]).slice(0, TOP);
console.log(`code in ${WASM}: ${(total / 1024).toFixed(1)} KB in ${all.length} functions (before wasm-opt)`);
for (const [name, size] of rows) console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${(100 * size / total).toFixed(1).padStart(5)} %  ${name}`);
console.log(JSON.stringify({ wasm: WASM, totalBytes: total, parts: Object.fromEntries(rows) }));
