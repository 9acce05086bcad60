// Excel workbooks, end to end: exported and read back in the test as
// numbers, imported through the file inputs, and the workbook module
// fetched only when first needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';
import { readXlsx } from './support/xlsx.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function download(calc, selector, name) {
  const [d] = await Promise.all([calc.page.waitForEvent('download', { timeout: 30000 }), calc.page.locator(selector).click()]);
  const file = path.join(ARTIFACTS, name);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename(), book: readXlsx(fs.readFileSync(file)) };
}

test('the results as a workbook: numbers as numbers, two decimals, sheets in the language; the module loads on first use', async () => {
  const calc = await Calculator.open(browser, server.url, { acceptDownloads: true });
  const requested = [];
  calc.page.on('request', (r) => requested.push(r.url()));
  await calc.chooseUnit('lao cai');
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  assert.ok(!requested.some((u) => /sheets/.test(u)), 'the workbook module is not fetched before it is needed');
  const { suggested, book } = await download(calc, '#export-xlsx', 'results.xlsx');
  assert.equal(suggested, 'vn766-H38.xlsx');
  assert.ok(requested.some((u) => /sheets_bg\.wasm$/.test(u)), 'fetched on first use');
  assert.deepEqual(book.names, ['So sánh', 'Điểm từng chỉ tiêu']);
  const cells = book.sheets[0];
  assert.equal(cells.get('A1').value, 'Chỉ số 766: so sánh số liệu gốc và các kịch bản');
  assert.match(cells.get('A2').value, /^Đơn vị: UBND tỉnh Lào Cai · /);
  assert.deepEqual(['A4', 'B4', 'C4'].map((r) => cells.get(r).value), ['Mục', 'Số liệu gốc', 'Kịch bản 1']);
  const totalRow = [...cells].find(([, c]) => c.value === 'Tổng điểm')[0].slice(1);
  assert.deepEqual(cells.get(`B${totalRow}`), { value: '61.72', number: true });
  assert.deepEqual(cells.get(`C${totalRow}`), { value: '63.18', number: true });
  assert.match(book.styles, /formatCode="0\.00"/, 'shown with two decimals (11,46 under Vietnamese settings)');
  assert.match(book.sheetXml(0), /<pane [^>]*state="frozen"/);
  // In English, the sheets are named in English.
  await calc.setLanguage('en');
  const en = await download(calc, '#export-xlsx', 'results-en.xlsx');
  assert.deepEqual(en.book.names, ['Comparison', 'Indicator points']);
  assert.deepEqual(calc.page.errors, []);
  await calc.page.context().close();
});

test('a batch exported as a workbook imports back as a table; a workbook with several sheets offers the choice', async () => {
  const calc = await Calculator.open(browser, server.url, { acceptDownloads: true });
  await calc.page.locator('#batch-run').click();
  await calc.page.locator('#batch-summary').waitFor();
  const { file, book } = await download(calc, '#batch-xlsx', 'batch.xlsx');
  assert.deepEqual(book.names, ['Chấm điểm cả bảng']);
  const h20 = [...book.sheets[0]].find(([, c]) => c.value === 'H20')[0].slice(1);
  assert.deepEqual(book.sheets[0].get(`J${h20}`), { value: '68.8', number: true });
  // Imported as a reference table: title rows passed over, 34 units.
  await calc.page.locator('details.tables summary').click();
  await calc.page.locator('#table-file').setInputFiles(file);
  assert.match(await calc.page.locator('#table-preview').innerText({ timeout: 30000 }), /^Trang tính của tệp Excel: 34 đơn vị/);
  await calc.page.locator('#table-cancel').click();
  // A report workbook made by LibreOffice, two sheets: the first read, the other offered.
  await calc.page.locator('#table-file').setInputFiles(path.resolve('tests/fixtures/workbooks/merged.xlsx'));
  assert.match(await calc.page.locator('#table-preview').innerText({ timeout: 30000 }), /Trang tính của tệp Excel: 2 đơn vị/);
  assert.equal(await calc.page.locator('#table-sheet option').count(), 2);
  assert.deepEqual(calc.page.errors, []);
  await calc.page.context().close();
});

test('a damaged workbook is said to be damaged, and the next one reads: the stopped module is replaced', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.page.locator('details.tables summary').click();
  // Files found by the fuzz target `workbook`: one makes the reader panic,
  // the other ask for petabytes; either stops the module's instance.
  for (const name of ['damaged.xls', 'huge.xls']) {
    await calc.page.locator('#table-file').setInputFiles(path.resolve(`tests/fixtures/workbooks/${name}`));
    assert.match(await calc.page.locator('#table-error').innerText({ timeout: 30000 }),
      new RegExp(`^${name.replace(".", "\\.")}: Không tạo hoặc đọc được tệp Excel: tệp bị hỏng hoặc không phải bảng tính đọc được`), name);
    await calc.page.locator('#table-file').setInputFiles(path.resolve('tests/fixtures/workbooks/merged.xlsx'));
    assert.match(await calc.page.locator('#table-preview').innerText({ timeout: 30000 }), /Trang tính của tệp Excel: 2 đơn vị/, `after ${name}`);
    await calc.page.locator('#table-cancel').click();
  }
  assert.equal(await calc.page.evaluate(() => globalThis.__vn766Sheets.workers()), 3, 'a fresh worker after each stop');
  assert.equal(await calc.total(), '68,80', 'the calculator was never touched');
  assert.deepEqual(calc.page.errors, []);
  await calc.page.context().close();
});

test('a workbook that keeps the reader busy for seconds does not freeze the page', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.page.locator('details.tables summary').click();
  // Another fuzzed .xls: calamine works on it for seconds, then stops.
  await calc.page.locator('#table-file').setInputFiles(path.resolve('tests/fixtures/workbooks/slow.xls'));
  await calc.chooseUnit('lao cai');
  assert.equal(await calc.total(), '61,72', 'the calculator answers meanwhile');
  assert.equal(await calc.page.locator('#table-error').count(), 0, 'while the file is still being read');
  assert.match(await calc.page.locator('#table-error').innerText({ timeout: 70000 }), /tệp bị hỏng/);
  assert.deepEqual(calc.page.errors, []);
  await calc.page.context().close();
});

test('a history exported as a workbook imports back', async () => {
  const calc = await Calculator.open(browser, server.url, { acceptDownloads: true });
  await calc.page.locator('#history-example').click();
  await calc.settle();
  const before = await calc.page.locator('#history-table tbody tr').allInnerTexts();
  const { file, book } = await download(calc, '#history-xlsx', 'history.xlsx');
  assert.deepEqual(book.names, ['Lịch sử']);
  await calc.page.locator('#history-clear').click();
  await calc.page.locator('#history-import').setInputFiles(file);
  await calc.page.waitForFunction((n) => document.querySelectorAll('#history-table tbody tr').length === n, before.length);
  assert.deepEqual(await calc.page.locator('#history-table tbody tr').allInnerTexts(), before);
  assert.deepEqual(calc.page.errors, []);
  await calc.page.context().close();
});

test('the single file exports a workbook too, opened from disk', async () => {
  const { newPage } = await import('./support/browser.mjs');
  const page = await newPage(browser, { acceptDownloads: true });
  await page.goto(`file://${path.resolve('dist-single/vn766.html')}`);
  const calc = new Calculator(page);
  await calc.ready();
  const { book } = await download(calc, '#export-xlsx', 'single-file.xlsx');
  assert.deepEqual(book.names, ['So sánh', 'Điểm từng chỉ tiêu']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
