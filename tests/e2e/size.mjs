// Prints the release bundle's sizes, raw and gzipped, and fails above the
// budget. Usage: node tests/e2e/size.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// Hard limit, the first screen's wasm + JS gzipped together: what the build
// weighs now (405 KB with issue 13's saved sessions) and a little room, so
// that growth is a decision. The goal is 250 KB (issue 14), not met yet.
const BUDGET = 410 * 1024;
const GOAL = 250 * 1024;
const dir = process.argv[2] ?? 'dist';
const files = fs.readdirSync(dir).filter((f) => /\.(wasm|js)$/.test(f) && !f.startsWith('.'));
let raw = 0, gz = 0;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const f of files.sort()) {
  const body = fs.readFileSync(path.join(dir, f));
  const g = zlib.gzipSync(body, { level: 9 }).length;
  raw += body.length; gz += g;
  console.log(`  ${f.padEnd(40)} ${kb(body.length).padStart(10)} raw ${kb(g).padStart(10)} gzipped`);
}
console.log(`  ${'wasm + JS'.padEnd(40)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzipped (budget ${kb(BUDGET)}, goal ${kb(GOAL)})`);
if (gz > BUDGET) {
  console.error(`size: ${kb(gz)} gzipped is above the ${kb(BUDGET)} budget`);
  process.exit(1);
}
