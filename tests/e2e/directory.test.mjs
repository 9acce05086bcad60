// A host's data directory (issue 23): `?data=…/index.json` names a
// directory that `vn766-fetch` wrote (tests/fixtures/directory: Phú Thọ's
// agencies and communes replayed on two dates). A commune is found by its
// name without diacritics, shows its published total, band and rank among
// the province's communes, its history from every date, a what-if moves its
// rank among them, and a reload offline keeps it all. In Vietnamese and
// English, at 1280 and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

const FIXTURE = path.resolve('tests/fixtures/directory');
let server, data, browser;
before(async () => {
  server = await serve(DIST);
  data = await serve(FIXTURE, { headers: { 'access-control-allow-origin': '*' } });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); await data?.close(); });

/** The communes' published totals of the latest date, from the table file. */
function communes() {
  const index = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'index.json'), 'utf8'));
  const latest = index.tables.filter((t) => t.scope === 'communes').at(-1);
  const [head, ...rows] = fs.readFileSync(path.join(FIXTURE, latest.file), 'utf8').trim().split('\n');
  const h = head.split(',');
  return rows.map((r) => r.split(',')).map((c) => ({ code: c[h.indexOf('code')], total: Number(c[h.indexOf('total')]) }));
}

const WORDS = {
  vi: { n: (x) => x.toFixed(2).replace('.', ','), rank: (r, of) => `Hạng ${r}/${of}`, since: /^0,00 điểm, giữ hạng so với 09\/10\/2026$/, kind: 'xã, phường', dates: ['09/10/2026', '10/10/2026'] },
  en: { n: (x) => x.toFixed(2), rank: (r, of) => `Rank ${r}/${of}`, since: /^0\.00 points, same rank since 2026-10-09$/, kind: 'commune', dates: ['2026-10-09', '2026-10-10'] },
};

for (const lang of ['vi', 'en']) {
  for (const [width, height] of [[1280, 900], [360, 740]]) {
    test(`a commune of the directory, its rank among its communes, its history, a what-if, offline (${lang}, ${width} px)`, async () => {
      const w = WORDS[lang];
      const context = await browser.newContext({ viewport: { width, height } });
      const url = `${server.url}?data=${encodeURIComponent(data.url.replace('127.0.0.1', 'localhost') + 'index.json')}`;
      const calc = await Calculator.inContext(context, url);
      const page = calc.page;
      if (lang === 'en') await calc.setLanguage('en');
      // Typed without diacritics: "viet tri" finds "UBND Phường Việt Trì".
      const search = page.locator('#unit-search');
      await search.click();
      await search.pressSequentially('viet tri', { delay: 10 });
      const option = page.locator('#unit-list [role=option]', { hasText: 'Việt Trì' });
      await option.waitFor();
      assert.match(await option.innerText(), new RegExp(`UBND Phường Việt Trì · ${w.kind} · UBND tỉnh Phú Thọ`));
      await search.press('Enter');
      await page.waitForFunction(() => document.getElementById('current-unit')?.textContent.includes('H44.100'));
      // Its published total, and its rank among the province's communes.
      const all = communes();
      const me = all.find((c) => c.code === 'H44.100');
      const rank = 1 + all.filter((c) => c.total > me.total).length;
      assert.equal(await calc.total(), w.n(me.total));
      assert.equal(await calc.rank(), w.rank(rank, all.length));
      assert.match(await page.locator('#unit-hint').innerText(), lang === 'vi' ? /Xã, phường của UBND tỉnh Phú Thọ · năm 2026 · 10\/10\/2026/ : /Communes of UBND tỉnh Phú Thọ · year 2026 · 2026-10-10/);
      // Its history: every date of the directory, and the change since the previous one.
      await page.locator('#series-table').waitFor({ state: 'attached' });
      const periods = await page.locator('#series-table tbody th').allTextContents();
      assert.deepEqual(periods, w.dates);
      assert.match(await page.locator('#since').innerText(), w.since);
      assert.ok(await page.locator('#series svg circle').count() === 2, 'the chart draws both dates');
      // A what-if moves its rank among the communes: complaints handled
      // on time and to satisfaction.
      assert.equal(rank, 3);
      await calc.setRate('5.2', '100');
      await calc.setRate('5.3', '100');
      await calc.settle();
      const after = await calc.rank();
      assert.equal(after, w.rank(1, 3));
      await page.screenshot({ path: path.join(ARTIFACTS, `directory-${lang}-${width}.png`), fullPage: false });
      await calc.persisted();
      // Offline, a reload: the unit, its figures, its history.
      const total = await calc.total();
      await page.evaluate(() => navigator.serviceWorker?.ready);
      await context.setOffline(true);
      await page.reload();
      await calc.ready();
      await page.waitForFunction(() => document.getElementById('current-unit')?.textContent.includes('H44.100'));
      assert.equal(await calc.total(), total);
      assert.equal(await calc.rank(), after);
      await page.locator('#series-table').waitFor({ state: 'attached' });
      assert.deepEqual(await page.locator('#series-table tbody th').allTextContents(), w.dates);
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
      await context.close();
    });
  }
}

test('a directory of a newer format is refused with a clear message, and the shipped table ranks', async () => {
  const dir = fs.mkdtempSync(path.join(ARTIFACTS, 'newer-'));
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ format: 'vn766-data', version: 99, updated: 'x', tables: [] }));
  const newer = await serve(dir, { headers: { 'access-control-allow-origin': '*' } });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const calc = await Calculator.inContext(context, `${server.url}?data=${encodeURIComponent(newer.url + 'index.json')}`);
  assert.match(await calc.page.locator('#notice').innerText({ timeout: 20000 }), /mới hơn phiên bản ứng dụng/);
  assert.equal(await calc.rank(), 'Hạng 1/34');
  await context.close();
  await newer.close();
});
