// Memory: the page's heap (wasm linear memory and the JavaScript heap after
// a garbage collection) after 1 000 edits, and after loading and dropping
// ten large tables, does not keep growing. Prints the figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './support/server.mjs';
import { launch, DIST } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';
import { writeLargeTable } from './support/tables.mjs';

let server, browser;
before(async () => {
  server = await serve(DIST);
  browser = await launch(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
});
after(async () => { await browser?.close(); await server?.close(); });

const mb = (b) => `${(b / 1048576).toFixed(2)} MB`;

/** wasm memory and JS heap (after gc), in bytes. */
async function heap(page) {
  return page.evaluate(async () => {
    const js = document.querySelector('script[data-vn766-boot]').dataset.js;
    const m = await import(new URL(js, location.href).href);
    const exports = await m.default();
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 50));
    globalThis.gc?.();
    return { wasm: exports.memory.buffer.byteLength, js: performance.memory.usedJSHeapSize };
  });
}

test('1 000 edits: the heap settles', async () => {
  const calc = await Calculator.open(browser, server.url);
  const marks = [];
  const field = await calc.id('count', '2.1', 'dossiers_overdue');
  for (let round = 0; round <= 4; round++) {
    if (round > 0) {
      await calc.page.evaluate(async ([round, field]) => {
        const input = document.getElementById(field);
        for (let i = 0; i < 250; i++) {
          input.value = String(1000 + ((round * 250 + i) % 40) * 997);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          if (i % 25 === 0) await new Promise((r) => requestAnimationFrame(r));
        }
      }, [round, field]);
      await calc.persisted();
    }
    marks.push(await heap(calc.page));
  }
  console.log(`  after 0/250/500/750/1000 edits: wasm ${marks.map((m) => mb(m.wasm)).join(' / ')}; JS heap ${marks.map((m) => mb(m.js)).join(' / ')}`);
  // From 500 to 1 000 edits: no growth of wasm memory, JS heap within 1 MB.
  assert.ok(marks[4].wasm <= marks[2].wasm, 'wasm memory grows with edits');
  assert.ok(marks[4].js - marks[2].js < 1048576, 'the JS heap grows with edits');
  // The last edit (9 973 overdue of 405 424) is what the page shows.
  assert.equal(await calc.points('2.1'), '19,51');
});

test('ten large tables loaded and dropped: the heap settles', async () => {
  const file = writeLargeTable('memory-5000.csv', { prefix: 'M' });
  const calc = await Calculator.open(browser, server.url);
  await calc.page.locator('details.tables summary').click();
  const marks = [await heap(calc.page)];
  for (let i = 0; i < 10; i++) {
    await calc.page.locator('#table-file').setInputFiles(file);
    await calc.page.locator('#table-accept').click();
    await calc.page.locator('#batch-run').click();
    await calc.page.locator('#batch-summary').waitFor();
    await calc.page.locator('.imported button').first().click();
    await calc.page.waitForFunction(() => !document.querySelector('.imported'));
    await calc.persisted();
    marks.push(await heap(calc.page));
  }
  console.log(`  after 0..10 tables of 5 000 units loaded, scored and dropped: wasm ${marks.map((m) => mb(m.wasm)).join(' / ')}`);
  console.log(`  JS heap ${marks.map((m) => mb(m.js)).join(' / ')}`);
  assert.ok(marks[10].wasm <= marks[3].wasm * 1.1, `wasm memory keeps growing: ${mb(marks[3].wasm)} → ${mb(marks[10].wasm)}`);
  assert.ok(marks[10].js - marks[3].js < 2 * 1048576, 'the JS heap keeps growing');
  assert.deepEqual(calc.page.errors, []);
});
