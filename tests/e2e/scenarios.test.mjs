// Scenarios, files, history and the printed report, end to end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function twoScenarios(calc) {
  await calc.chooseUnit('lao cai');
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  await calc.page.locator('#scenario-new').click();
  await calc.setCount('5.2', 'petitions_overdue', '0');
  await calc.type(calc.page.locator('#scenario-name'), 'Phương án B');
}

test('two scenarios compared, exported, cleared, imported: the same comparison', async () => {
  const calc = await Calculator.open(browser, server.url, { acceptDownloads: true });
  await twoScenarios(calc);
  const table = () => calc.text('#comparison');
  const before = await table();
  assert.match(before, /Số liệu gốc\s+Kịch bản 1\s+Phương án B/);
  assert.match(before, /Tổng điểm\s+61,72\s+63,18 \(\+1,46\)\s+67,96 \(\+6,24\)/);
  assert.match(before, /Thứ hạng\s+23\/34\s+17\/34 \(↑6\)\s+2\/34 \(↑21\)/);
  // Export all scenarios.
  const [download] = await Promise.all([calc.page.waitForEvent('download'), calc.page.locator('#export-json').click()]);
  assert.equal(download.suggestedFilename(), 'vn766-H38.json');
  const file = path.join(ARTIFACTS, 'scenarios.json');
  await download.saveAs(file);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(json.format, 'vn766');
  assert.equal(json.version, 3);
  assert.equal(json.scenarios.length, 2);
  // Results as CSV, UTF-8 with a byte-order mark.
  const [csv] = await Promise.all([calc.page.waitForEvent('download'), calc.page.locator('#export-csv').click()]);
  const csvPath = path.join(ARTIFACTS, 'results.csv');
  await csv.saveAs(csvPath);
  const bytes = fs.readFileSync(csvPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  // In Vietnamese: ";" between fields and decimal commas (Excel under Vietnamese settings).
  assert.match(bytes.toString('utf8'), /^\uFEFFMục;Số liệu gốc;Kịch bản 1;Phương án B\r\n/);
  assert.match(bytes.toString('utf8'), /\r\nTổng điểm;61,72;63,18;67,96\r\n/);
  // Clear, then a bad file changes nothing.
  await calc.page.getByText('Nhập số liệu từ đầu').click();
  assert.doesNotMatch(await table(), /Phương án B/);
  const cleared = await table();
  const bad = path.join(ARTIFACTS, 'bad.json');
  fs.writeFileSync(bad, '{"format":"vn766","version":2,"lang":"vi","profile":"portal-2026","table":"nowhere","scenarios":[]}');
  await calc.page.locator('#import-json').setInputFiles(bad);
  assert.match(await calc.text('#notice'), /Không nhập được tệp: tệp dùng bảng tham chiếu không có ở đây \(“nowhere”\)\. Dữ liệu hiện tại không thay đổi\./);
  assert.equal(await table(), cleared);
  // The exported file brings everything back.
  await calc.page.locator('#import-json').setInputFiles(file);
  await calc.page.locator('#notice', { hasText: 'Đã nhập 2 kịch bản' }).waitFor({ timeout: 5000 }).catch(async (e) => { console.log('NOTICE', await calc.page.locator('#notice').innerText().catch(() => 'none'), calc.page.errors); throw e; });
  assert.equal(await table(), before);
  assert.equal(await calc.total(), '67,96');
  assert.deepEqual(calc.page.errors, []);
});

test('the printed report is one A4 page with the total', async () => {
  const calc = await Calculator.open(browser, server.url);
  await twoScenarios(calc);
  await calc.page.locator('#goal-kind-rank').check();
  await calc.type(calc.page.locator('#goal-rank'), '5');
  // Printing shows what is on screen at once.
  await calc.page.emulateMedia({ media: 'print' });
  await calc.page.waitForFunction(() => document.getElementById('report-total')?.textContent === '67,96/100');
  const pdf = path.join(ARTIFACTS, 'report.pdf');
  await calc.page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = execFileSync('pdfinfo', [pdf]).toString();
  assert.match(info, /Pages:\s+1\n/);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /Báo cáo chỉ số 766/);
  assert.match(text, /UBND tỉnh Lào Cai/);
  assert.match(text, /67,96\/100/);
  assert.match(text, /Phương án B/);
  assert.doesNotMatch(text, /Áp dụng kế hoạch|Nhập số liệu từ đầu/, 'no buttons or inputs on paper');
  execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', pdf, path.join(ARTIFACTS, 'report')]);
  assert.ok(fs.existsSync(path.join(ARTIFACTS, 'report.png')));
});

test('history: the example, its check, hover values, and a CSV import', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.page.locator('#history-example').click();
  const rows = await calc.settle().then(() => calc.page.locator('#history-table tbody tr').allInnerTexts());
  assert.equal(rows.length, 7);
  assert.match(rows[0], /^2024-01\s+66,13\s+Trung bình\s+31\/63/);
  assert.match(rows[6], /2024-07\s+82,88\s+Tốt\s+8\/63\s+Tổng các nhóm 82,10 ≠ 82,88/);
  await calc.page.locator('#history > .chart circle').nth(3).focus();
  await calc.settle();
  assert.equal(await calc.page.locator('#history > .chart .chart-value').textContent(), '2024-04: 75,35');
  await calc.page.locator('#history > .chart circle').nth(6).hover();
  await calc.settle();
  assert.equal(await calc.page.locator('#history > .chart .chart-value').textContent(), '2024-07: 82,88');
  const good = path.join(ARTIFACTS, 'history.csv');
  fs.writeFileSync(good, 'Kỳ;Tổng điểm;Hạng;Trên\n2026-Q1;58,2;20;34\n2026-Q2;61,7;14;34\n');
  await calc.page.locator('#history-import').setInputFiles(good);
  await calc.page.waitForFunction(() => document.querySelectorAll('#history-table tbody tr').length === 2);
  assert.match(await calc.text('#history-table tbody tr:first-child'), /^2026-Q1\s+58,20\s+Trung bình\s+20\/34/);
  const bad = path.join(ARTIFACTS, 'history-bad.csv');
  fs.writeFileSync(bad, 'period,total\n2026-Q1,abc\n');
  await calc.page.locator('#history-import').setInputFiles(bad);
  assert.equal(await calc.text('#history-import-error'), 'dòng 2, cột total: Không phải là số');
  assert.equal((await calc.page.locator('#history-table tbody tr').allInnerTexts()).length, 2, 'the history is untouched');
  await calc.screenshot(path.join(ARTIFACTS, 'history.png'));
});
