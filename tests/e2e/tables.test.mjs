// Reference tables end to end: paste a table, rank against it, batch-score
// and export; import the portal's JSON and pick a commune; 5 000 units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';
import { writeLargeTable } from './support/tables.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const FIVE = [
  'Mã\tTên đơn vị\tTổng điểm\tCKMB\tTDGQ\tDVCTT\tTTTT\tMĐHL\tSố hóa',
  'X1\tTỉnh Một\t80\t15\t18\t10\t8\t15\t14',
  'X2\tTỉnh Hai\t75\t14\t17\t10\t8\t14\t12',
  'X3\tTỉnh Ba\t70\t13\t16\t9\t7\t13\t12',
  'X4\tTỉnh Bốn\t65,5\t12\t15\t9\t7\t12\t10,5',
  'X5\tTỉnh Năm\t60\t11\t14\t8\t6\t11\t10',
].join('\n');

async function openTables(calc) {
  const d = calc.page.locator('details.tables');
  if ((await d.getAttribute('open')) === null) await d.locator('summary').click();
}

test('paste five units, rank against them, batch-score and export', async () => {
  const calc = await Calculator.open(browser, server.url, { acceptDownloads: true });
  await openTables(calc);
  await calc.page.locator('#table-paste').fill(FIVE);
  await calc.page.locator('#table-preview-button').click();
  assert.match(await calc.text('#table-preview'), /^Bảng dán từ bảng tính: 5 đơn vị\n/);
  await calc.type(calc.page.locator('#table-name'), 'Năm tỉnh thử');
  await calc.page.locator('#table-accept').click();
  assert.equal(await calc.page.locator('#table-select').inputValue(), 'user-1');
  // Đồng Tháp is not in that table: its figures stay, ranked among the five.
  assert.equal(await calc.total(), '68,80');
  assert.equal(await calc.rank(), 'Hạng 4/6');
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  assert.equal(await calc.rank(), 'Hạng 3/6');
  // Batch scoring of the pasted table.
  await calc.page.locator('#batch-run').click();
  assert.match(await calc.text('#batch-summary'), /^Đã chấm 5 đơn vị trong \d+ ms\. 0 đơn vị có điểm tính khác điểm công bố\.$/);
  const rows = await calc.page.locator('#batch-table tbody tr').allInnerTexts();
  assert.equal(rows.length, 5);
  assert.match(rows[0], /^X1\s+Tỉnh Một\s+15,00\s+18,00\s+10,00\s+8,00\s+15,00\s+14,00\s+80,00\s+80,00\s+0,00\s+Tốt\s+1$/);
  await calc.page.locator('#batch-filter').fill('bon');
  assert.equal((await calc.page.locator('#batch-table tbody tr').allInnerTexts()).length, 1);
  const [download] = await Promise.all([calc.page.waitForEvent('download'), calc.page.locator('#batch-csv').click()]);
  const csv = path.join(ARTIFACTS, 'batch.csv');
  await download.saveAs(csv);
  const text = fs.readFileSync(csv, 'utf8');
  // Vietnamese: ";" and decimal commas, as Excel reads them under Vietnamese settings.
  assert.match(text, /^\uFEFFcode;name;kind;CKMB;TDGQ;ONLINE;TTTT;MDHL;MDSH;total;published;difference;band;rank\r\n/);
  assert.match(text, /\r\nX1;Tỉnh Một;;15,00;18,00;10,00;8,00;15,00;14,00;80,00;80,00;0,00;Tốt;1\r\n/);
  assert.equal(text.trim().split('\r\n').length, 6);
  // The imported table is still there after a reload.
  await calc.persisted();
  await calc.page.goto(server.url);
  await calc.ready();
  await openTables(calc);
  assert.match(await calc.text('.imported'), /Năm tỉnh thử \(5 đơn vị\)/);
  await calc.screenshot(path.join(ARTIFACTS, 'tables.png'));
  assert.deepEqual(calc.page.errors, []);
});

test('import the portal JSON of a province and pick a commune', async () => {
  const calc = await Calculator.open(browser, server.url);
  await openTables(calc);
  await calc.page.locator('#table-file').setInputFiles('tests/fixtures/import/mixed-kinds.json');
  assert.match(await calc.text('#table-preview'), /Số liệu chi tiết của Cổng \(JSON\): 6 đơn vị \(AGENCY, COMMUNE\)/);
  await calc.page.locator('#table-accept').click();
  await calc.chooseUnit('tan hoi');
  assert.equal(await calc.currentUnit(), 'Xã Tân Hội (mẫu) (H20.X03)');
  // Ranked among the three communes only.
  assert.match(await calc.rank(), /^Hạng [1-3]\/3$/);
  // A bad file changes nothing and says why.
  await calc.page.locator('#table-file').setInputFiles('tests/fixtures/import/truncated.json');
  assert.match(await calc.text('#table-error'), /JSON/);
  assert.match(await calc.rank(), /^Hạng [1-3]\/3$/);
  assert.deepEqual(calc.page.errors, []);
});

test('5 000 units scored and shown with the page still responding', async () => {
  const file = writeLargeTable('units-5000.csv');
  const calc = await Calculator.open(browser, server.url);
  await openTables(calc);
  await calc.page.locator('#table-file').setInputFiles(file);
  assert.match(await calc.text('#table-preview'), /: 5\.000 đơn vị/);
  await calc.page.locator('#table-accept').click();
  // Watch the frames while scoring: the longest gap between two frames.
  await calc.page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await calc.page.locator('#batch-run').click();
  const summary = await calc.page.locator('#batch-summary').innerText({ timeout: 30000 });
  const wall = Date.now() - t0;
  const gaps = await calc.page.evaluate(() => { window.__stop = true; return window.__gaps; });
  const ms = Number(summary.match(/trong ([\d.]+) ms/)[1].replace('.', ''));
  console.log(`  batch of 5 000 units: ${ms} ms scoring in the page (wall ${wall} ms incl. rendering); longest frame gap ${Math.max(...gaps).toFixed(0)} ms`);
  assert.match(summary, /^Đã chấm 5\.000 đơn vị/);
  assert.equal((await calc.page.locator('#batch-table tbody tr').allInnerTexts()).length, 50, 'one page of 50 rows');
  assert.match(await calc.text('#batch-page'), /Trang 1\/100 · 5000 đơn vị/);
});
