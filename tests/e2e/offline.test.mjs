// Share, embed and offline: an iframe on another site under a sub-path that
// follows its height; the app after one visit with the server gone; the
// single file from disk; the app under a strict Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, newPage, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator, appId } from './support/calculator.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

test('embedded under a sub-path of another site, the frame follows its height', async () => {
  const app = await serve(DIST, { prefix: '/cong-tinh/chiso766/' });
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vn766-host-'));
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng tỉnh</title><link rel="icon" href="data:,"></head>
<body><h1>Cổng thông tin tỉnh</h1>
<iframe id="vn766" src="${app.url}?embed=1&lang=vi&unit=H38" title="Máy tính chỉ số 766" style="width:100%;border:0" height="300"></iframe>
<script>
window.heights = [];
window.addEventListener('message', function (e) {
  if (e.origin !== '${new URL(app.url).origin}' || !e.data || e.data.type !== 'vn766:height') return;
  window.heights.push(e.data.height);
  document.getElementById('vn766').style.height = Math.ceil(e.data.height) + 'px';
});
</script></body></html>`);
  const host = await serve(hostDir);
  try {
    const page = await newPage(browser, { width: 1024, height: 800 });
    await page.goto(host.url);
    const frame = page.frameLocator('#vn766');
    await frame.locator('#total').waitFor();
    assert.equal(await frame.locator('#current-unit').innerText(), 'UBND tỉnh Lào Cai (H38)');
    assert.equal(await frame.locator('.page-head').count(), 0, 'no page chrome when embedded');
    const height = () => page.evaluate(() => document.getElementById('vn766').getBoundingClientRect().height);
    await page.waitForFunction(() => window.heights.length > 0);
    const before = await height();
    assert.ok(before > 1000, `the frame grew to its content: ${before}px`);
    // Give ONLINE as a whole: its indicators close, the page inside
    // shrinks, and the frame with it.
    const app = page.frames().find((f) => f.url().includes('embed=1'));
    await frame.locator(`#${await appId(app, 'given-mode', 'ONLINE')}`).check();
    await page.waitForFunction((h) => document.getElementById('vn766').getBoundingClientRect().height < h - 100, before);
    const after = await height();
    const inner = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    assert.ok(Math.abs(after - inner) <= 2, `frame ${after}px follows the page inside ${inner}px`);
    // The share link made inside the frame points to the canonical address.
    await frame.locator('#share-button').click();
    const link = await frame.locator('#share-link').inputValue();
    assert.match(link, /^https:\/\/chiso766\.example\.vn\/#s=3\./);
    assert.match(await frame.locator('#embed-code').inputValue(), /^<iframe id="vn766" src="https:\/\/chiso766\.example\.vn\/\?embed=1&lang=vi#s=3\./);
    await page.screenshot({ path: path.join(ARTIFACTS, 'embed.png'), fullPage: false });
    assert.deepEqual(page.errors, []);
  } finally {
    await host.close();
    await app.close();
  }
});

test('after one visit the app works with the server gone, exports a workbook, and says when it was updated', async () => {
  const server = await serve(DIST);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.url);
  const calc = new Calculator(page);
  await calc.ready();
  // A first visit: the quick start ran beside the app.
  await page.locator('html[data-quick="ready"]').waitFor({ state: 'attached' });
  // The service worker has installed and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await calc.ready();
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller));
  assert.equal(await page.evaluate(() => document.documentElement.dataset.quick ?? null), null, 'no quick start when the files are on the device');
  const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('vn766-')));
  assert.equal(cached.length, 1);
  await server.close();
  // Offline: a fresh load of the page, and the calculator computes.
  await page.goto(server.url.replace(/\/$/, '/?from=offline'));
  await calc.ready();
  assert.equal(await calc.total(), '68,80');
  await calc.chooseUnit('lao cai');
  assert.equal(await calc.total(), '61,72');
  // The workbook module's worker, never loaded online, comes from the cache.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.locator('#export-xlsx').click()]);
  assert.equal(download.suggestedFilename(), 'vn766-H38.xlsx');
  // A visit after a new version says so once.
  await page.evaluate(() => localStorage.setItem('vn766.version', 'an-older-build'));
  await page.reload();
  await calc.ready();
  assert.match(await calc.text('#notice'), /^Ứng dụng vừa được cập nhật lên phiên bản mới\.\s+Đóng$/);
  await context.close();
});

test('the single file works opened from disk', async () => {
  const file = path.resolve('dist-single/vn766.html');
  assert.ok(fs.existsSync(file), 'make single-file writes dist-single/vn766.html');
  const page = await newPage(browser);
  await page.goto(`file://${file}`);
  const calc = new Calculator(page);
  await calc.ready();
  assert.equal(await calc.total(), '68,80');
  await calc.chooseUnit('quang ninh');
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  assert.equal(await calc.groupScore('TDGQ'), '20,00');
  // It carries the shipped data directory: a commune of Đắk Lắk, its
  // history of every shipped date.
  await calc.chooseUnit('ea kao');
  await page.waitForFunction(() => document.getElementById('current-unit')?.textContent.includes('H15.104'));
  assert.equal(await calc.total(), '71,04');
  await page.locator('#series-table').waitFor({ state: 'attached' });
  assert.equal(await page.locator('#series svg circle').count(), 3);
  assert.deepEqual(page.errors, []);
});

test('under a strict Content-Security-Policy there are no violations', async () => {
  const server = await serve(DIST, { headers: { 'content-security-policy': CSP } });
  try {
    const page = await newPage(browser, { acceptDownloads: true });
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(server.url);
    const calc = new Calculator(page);
    await calc.ready();
    await calc.chooseUnit('lao cai');
    await calc.setCount('2.1', 'dossiers_overdue', '0');
    await page.locator('#history-example').click();
    await page.locator('#batch-run').click();
    await page.locator('#share-button').click();
    // The workbook module in its worker, under the same policy.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.locator('#export-xlsx').click()]);
    assert.equal(download.suggestedFilename(), 'vn766-H38.xlsx');
    await calc.settle();
    assert.equal(await calc.band(), 'Trung bình');
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(page.errors, []);
  } finally {
    await server.close();
  }
});
