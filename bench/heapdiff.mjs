// What grew between two heap snapshots (as `node bench/soak.mjs --snapshots DIR` writes
// them): objects counted and their self size summed by type and name, the largest growths
// first. For finding what a kiosk keeps of each session.
//
//   node bench/heapdiff.mjs BEFORE.heapsnapshot AFTER.heapsnapshot [--top 25]
import { readFileSync } from 'node:fs';
import { option } from './common.mjs';

const TOP = Number(option('top', 25));

function summary(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const meta = snap.snapshot.meta;
  const fields = meta.node_fields;
  const types = meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const groups = new Map();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]];
    let name = snap.strings[snap.nodes[i + nameAt]];
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = `"${name.slice(0, 60)}"`;
    const key = `${type}: ${name}`;
    const g = groups.get(key) ?? { count: 0, size: 0 };
    g.count += 1;
    g.size += snap.nodes[i + sizeAt];
    groups.set(key, g);
  }
  return groups;
}

const [before, after] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const a = summary(before);
const b = summary(after);
const rows = [];
for (const key of new Set([...a.keys(), ...b.keys()])) {
  const x = a.get(key) ?? { count: 0, size: 0 };
  const y = b.get(key) ?? { count: 0, size: 0 };
  if (y.count !== x.count || y.size !== x.size) rows.push({ key, count: y.count - x.count, size: y.size - x.size });
}
rows.sort((p, q) => Math.abs(q.size) - Math.abs(p.size));
const total = rows.reduce((s, r) => s + r.size, 0);
console.log(`self size grew ${total} bytes in all`);
for (const r of rows.slice(0, TOP)) console.log(`${String(r.size).padStart(9)} B ${String(r.count).padStart(7)}  ${r.key}`);
