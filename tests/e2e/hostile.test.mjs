// Hostile input in the browser: markup in imported names, a 50 MB file,
// damaged links, absurd numbers. The page keeps working and says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openTables(calc) {
  const d = calc.page.locator('details.tables');
  if ((await d.getAttribute('open')) === null) await d.locator('summary').click();
}

test('names with HTML and script in an imported table render as text', async () => {
  const calc = await Calculator.open(browser, server.url);
  let dialogs = 0;
  calc.page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  await openTables(calc);
  await calc.page.locator('#table-paste').fill(`Mã\tTên đơn vị\tTổng điểm\nE1\t${evil}\t70\nE2\t<b onmouseover=alert(1)>Xã B</b>\t60\n`);
  await calc.page.locator('#table-preview-button').click();
  await calc.page.locator('#table-accept').click();
  await calc.page.locator('#unit-search').click();
  await calc.page.locator('#unit-search').pressSequentially('img');
  const option = calc.page.locator('#unit-list [role=option]').first();
  assert.match(await option.innerText(), /<img src=x onerror="window\.pwned=1"><script>window\.pwned=2<\/script>/);
  await calc.page.locator('#unit-search').press('Enter');
  assert.match(await calc.currentUnit(), /^<img src=x/);
  await calc.page.locator('#batch-run').click();
  await calc.page.locator('#batch-summary').waitFor();
  assert.equal(await calc.page.locator('#batch-table b, #batch-table img, main img, main script').count(), 0, 'no element made from a name');
  assert.equal(await calc.page.evaluate(() => window.pwned), undefined);
  assert.equal(dialogs, 0);
  assert.deepEqual(calc.page.errors, []);
});

test('a 50 MB file is refused with a message, and the page stays responsive', async () => {
  const big = path.join(ARTIFACTS, 'big-50mb.csv');
  if (!fs.existsSync(big) || fs.statSync(big).size < 50 * 1024 * 1024) {
    const line = 'H20,UBND tỉnh Đồng Tháp,PROVINCE,68.8\n';
    fs.writeFileSync(big, 'code,name,kind,total\n' + line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
  }
  const calc = await Calculator.open(browser, server.url);
  await openTables(calc);
  const t0 = Date.now();
  await calc.page.locator('#table-file').setInputFiles(big);
  assert.match(await calc.text('#table-error'), /^big-50mb\.csv: Tệp quá lớn: \d+ MB \(tối đa 20 MB\)$/);
  assert.ok(Date.now() - t0 < 5000, 'refused quickly');
  // Still responsive: an edit goes through.
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  assert.equal(await calc.groupScore('TDGQ'), '20,00');
  // The scenario file import refuses it too.
  await calc.page.locator('#import-json').setInputFiles(big);
  assert.match(await calc.text('#notice'), /Không nhập được tệp: tệp quá dài/);
});

test('truncated, oversized and forged links open the default view with a notice', async () => {
  const cases = [
    ['#s=2.eyJmb3JtYXQiOiJ2bjc2NiIsInZlcnNp', /bị cắt cụt hoặc bị sửa/],
    [`#s=2.${'A'.repeat(20000)}`, /quá dài/],
    // Valid base64 of JSON naming a method this app does not have.
    [`#s=2.${Buffer.from('{"format":"vn766","version":2,"lang":"vi","profile":"evil","table":"provinces-2026-10-10","scenarios":[{"name":"x"}]}').toString('base64url')}`,
      /dùng phương pháp tính không có ở đây \(“evil”\)/],
    [`#s=9.${Buffer.from('{}').toString('base64url')}`, /phiên bản mới hơn \(v9\)/],
    ['#s=<script>alert(1)</script>', /bị cắt cụt hoặc bị sửa/],
  ];
  for (const [hash, message] of cases) {
    const calc = await Calculator.open(browser, server.url + hash);
    assert.match(await calc.text('#notice'), message, hash.slice(0, 40));
    assert.equal(await calc.total(), '68,80');
    assert.deepEqual(calc.page.errors, []);
    await calc.page.context().close();
  }
});

test('absurd numbers get a message and nothing breaks', async () => {
  const calc = await Calculator.open(browser, server.url);
  const field = await calc.field('4.1', 'dossiers_e_result');
  const cases = [
    ['1e308', 'Không phải là số'],
    ['NaN', 'Không phải là số'],
    ['Infinity', 'Không phải là số'],
    ['100000000000000000000', 'Số quá lớn'],
    ['-5', 'Không được là số âm'],
    ['0x1F', 'Không phải là số'],
  ];
  for (const [text, message] of cases) {
    await calc.type(field, text);
    assert.equal(await calc.errorOf(await calc.field('4.1', 'dossiers_e_result')), message, text);
    assert.equal(await calc.total(), '—');
  }
  // -0 is zero; 10^12 dossiers is allowed but above its denominator.
  await calc.type(field, '-0');
  assert.equal(await calc.errorOf(await calc.field('4.1', 'dossiers_e_result')), '');
  await calc.type(field, '1000000000000');
  assert.match(await calc.errorOf(await calc.field('4.1', 'dossiers_e_result')), /Lớn hơn mẫu số/);
  // A huge denominator is fine: the rate is tiny.
  await calc.setCount('4.1', 'dossiers_total', '1000000000000');
  await calc.setCount('4.1', 'dossiers_e_result', '1');
  assert.equal(await calc.points('4.1'), '0,00');
  assert.doesNotMatch(await calc.page.locator('body').innerText(), /NaN|undefined|Infinity/);
  assert.deepEqual(calc.page.errors, []);
});
