// Speed as the user feels it: from an input event to the updated summary in
// the DOM, over 100 edits, measured in the page with the Performance API.
// Prints the figures; asserts only that every edit reached the DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './support/server.mjs';
import { launch, DIST } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('input event to updated DOM, 100 edits', async () => {
  const calc = await Calculator.open(browser, server.url);
  // Steps large enough that every edit changes the total.
  const result = await calc.timeEdits({ edits: 100, step: 397 });
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
  };
  console.log(`  input event → updated DOM (${result.toDom.length} edits): ${stats(result.toDom)}`);
  console.log(`  input event → next animation frame: ${stats(result.toFrame)}`);
  assert.equal(result.reached, 100);
  // The last edit: 1000 + 99 × 397 = 40 303 overdue dossiers of 405 424.
  assert.equal(await calc.points('2.1'), '18,01');
});
