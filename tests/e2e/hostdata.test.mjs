// A host's current table (`?data=URL`): fetched from another origin (CORS),
// named with its source and date, ranked against, kept for the next visit
// offline; when the host cannot be reached, the kept copy, else the shipped
// table, each with a notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Five provinces in our CSV format, as a host would publish this month's figures.
const FIVE = [
  'code,name,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH',
  'X1,Tỉnh Một,80,15,18,10,8,15,14',
  'X2,Tỉnh Hai,75,14,17,10,8,14,12',
  'X3,Tỉnh Ba,70,13,16,9,7,13,12',
  'X4,Tỉnh Bốn,65.5,12,15,9,7,12,10.5',
  'X5,Tỉnh Năm,60,11,14,8,6,11,10',
].join('\n');

const open = (context, url) => Calculator.inContext(context, url);

test("the host's table ranks, is kept for offline, and a failed fetch says which table ranks instead", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vn766-data-'));
  fs.writeFileSync(path.join(dir, 'bang-thang-11.csv'), FIVE);
  const data = await serve(dir, { headers: { 'access-control-allow-origin': '*' } });
  // Another origin: "localhost" around 127.0.0.1.
  const host = data.url.replace('127.0.0.1', 'localhost');
  const url = `${server.url}?data=${encodeURIComponent(host + 'bang-thang-11.csv')}`;
  const context = await browser.newContext({ serviceWorkers: 'block' });
  let calc = await open(context, url);
  const hint = calc.page.locator('#unit-hint');
  await calc.page.waitForFunction(() => /Số liệu của localhost:\d+, ngày \d\d\/\d\d\/\d{4}/.test(document.getElementById('unit-hint')?.textContent ?? ''));
  // Đồng Tháp is not in the host's table: its figures stay, ranked among the five.
  assert.equal(await calc.total(), '68,80');
  assert.equal(await calc.rank(), 'Hạng 4/6');
  assert.deepEqual(calc.page.errors, []);
  await calc.page.close();

  // The host is gone: the copy kept from the visit ranks, and the page says so.
  await data.close();
  calc = await open(context, url);
  assert.match(await calc.page.locator('#notice').innerText({ timeout: 20000 }), /Không tải được số liệu mới từ localhost:\d+ \(.+\): đang dùng bản đã lưu lần trước\./);
  assert.match(await hint.innerText().catch(() => calc.page.locator('#unit-hint').innerText()), /Số liệu của localhost/);
  assert.equal(await calc.rank(), 'Hạng 4/6');
  await context.close();

  // A first visit with the host gone: the shipped table, and the page says so.
  const fresh = await browser.newContext({ serviceWorkers: 'block' });
  calc = await open(fresh, url);
  assert.match(await calc.page.locator('#notice').innerText({ timeout: 20000 }), /Không tải được số liệu từ localhost:\d+ \(.+\): đang dùng bảng tham chiếu có sẵn\./);
  assert.equal(await calc.rank(), 'Hạng 1/34');
  await fresh.close();
});
