#!/usr/bin/env node
// Which objects grew between two V8 heap snapshots (`npm run load -- --heap-snapshots` writes them
// into bench/load/out/): node bench/load/heap-diff.mjs <first.heapsnapshot> <second.heapsnapshot> [top]
//
// Groups the nodes of each snapshot by type and constructor / name (strings, closures, arrays and
// the like by their type) and prints the groups whose count or retained self size grew most.
import { readFileSync } from 'node:fs';

const [a, b, topArg] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node bench/load/heap-diff.mjs <first.heapsnapshot> <second.heapsnapshot> [top]');
  process.exit(2);
}
const TOP = Number(topArg ?? 25);

function groups(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const width = fields.length;
  const out = new Map();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]];
    const size = snap.nodes[i + iSize];
    const key = type === 'object' || type === 'native' ? `${type} ${snap.strings[snap.nodes[i + iName]]}` : type;
    const g = out.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += size;
    total += size;
    out.set(key, g);
  }
  return { out, total };
}

const first = groups(a);
const second = groups(b);
const rows = [...new Set([...first.out.keys(), ...second.out.keys()])].map((key) => {
  const x = first.out.get(key) ?? { count: 0, bytes: 0 };
  const y = second.out.get(key) ?? { count: 0, bytes: 0 };
  return { key, count: y.count - x.count, bytes: y.bytes - x.bytes, countB: y.count, bytesB: y.bytes };
});
const mb = (n) => (n / 1_048_576).toFixed(2);
console.log(`self size of all nodes: ${mb(first.total)} → ${mb(second.total)} MB`);
console.log(`top ${TOP} by growth of self size (MB, count):`);
for (const r of rows.sort((p, q) => q.bytes - p.bytes).slice(0, TOP))
  console.log(
    `  ${r.key.slice(0, 60).padEnd(60)} ${mb(r.bytes).padStart(8)} MB (now ${mb(r.bytesB)})  ${String(r.count).padStart(8)} (now ${r.countB})`,
  );
