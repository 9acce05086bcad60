// Test data: a large reference table made from the shipped one.
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from './browser.mjs';

/** Writes `units` rows of the shipped 34-province table, repeated, with
 * codes `${prefix}0`, `${prefix}1`, … to artifacts/<name>; returns the path. */
export function writeLargeTable(name, { units = 5000, prefix = 'U' } = {}) {
  const shipped = fs.readFileSync('data/provinces-2026-10-10.csv', 'utf8').trim().split('\n');
  const rows = [shipped[0]];
  for (let i = 0; i < units; i++) {
    const cells = shipped[1 + (i % 34)].split(',');
    cells[0] = `${prefix}${i}`;
    rows.push(cells.join(','));
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, rows.join('\n'));
  return file;
}
