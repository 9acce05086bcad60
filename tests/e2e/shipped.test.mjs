// The shipped data directory (issue 23; data/directory, converted from
// public captures): with nothing named by the host, the app reads it on
// demand. A commune of Đắk Lắk found by its name without diacritics shows
// its published total, band and rank among Đắk Lắk's communes and its
// history of every shipped date; a what-if moves its rank among them; a
// reload offline keeps it all. The same for a province over the 15 dates of
// the provinces' series. In Vietnamese and English, at 1280 and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

const SHIPPED = path.resolve('data/directory');
const index = JSON.parse(fs.readFileSync(path.join(SHIPPED, 'index.json'), 'utf8'));
let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A scope's tables, oldest first, and the latest one's rows. */
function scope(filter) {
  const tables = index.tables.filter(filter);
  const [head, ...rows] = fs.readFileSync(path.join(SHIPPED, tables.at(-1).file), 'utf8').trim().split('\n');
  const h = head.split(',');
  const units = rows.map((r) => r.split(',')).map((c) => ({ code: c[h.indexOf('code')], total: Number(c[h.indexOf('total')]) }));
  return { dates: tables.map((t) => t.date), units };
}
const rankOf = (units, code) => 1 + units.filter((u) => u.total > units.find((x) => x.code === code).total).length;
const bandOf = (total, lang) => {
  const bands = [[90, 'Xuất sắc', 'Excellent'], [80, 'Tốt', 'Good'], [70, 'Khá', 'Fair'], [50, 'Trung bình', 'Average'], [0, 'Yếu', 'Weak']];
  const b = bands.find(([min]) => total >= min);
  return lang === 'vi' ? b[1] : b[2];
};
const WORDS = {
  vi: { n: (x) => x.toFixed(2).replace('.', ','), rank: (r, of) => `Hạng ${r}/${of}`, date: (d) => d.split('-').reverse().join('/'), since: /(điểm|giữ hạng).* so với \d\d\/\d\d\/2026$/, commune: 'xã, phường' },
  en: { n: (x) => x.toFixed(2), rank: (r, of) => `Rank ${r}/${of}`, date: (d) => d, since: /(points|rank).* since 2026-\d\d-\d\d$/, commune: 'commune' },
};
const rankNumber = (text) => Number(text.match(/(\d+)\//)[1]);

/** Types a unit's name without diacritics and chooses the option. */
async function choose(calc, typed, hasText, code) {
  const search = calc.page.locator('#unit-search');
  await search.click();
  await search.pressSequentially(typed, { delay: 10 });
  const option = calc.page.locator('#unit-list [role=option]', { hasText });
  await option.first().waitFor();
  const label = await option.first().innerText();
  await search.press('Enter');
  await calc.page.waitForFunction((c) => document.getElementById('current-unit')?.textContent.includes(c), code);
  return label;
}

/** The history's dates, once drawn. */
async function history(page) {
  await page.locator('#series-table').waitFor({ state: 'attached' });
  return page.locator('#series-table tbody th').allTextContents();
}

/** A fresh page at this size and language, `typed` chosen in the search. */
async function openUnit(lang, [width, height], typed, hasText, code) {
  const context = await browser.newContext({ viewport: { width, height } });
  const calc = await Calculator.inContext(context, server.url);
  if (lang === 'en') await calc.setLanguage('en');
  const label = await choose(calc, typed, hasText, code);
  return { context, calc, page: calc.page, label };
}

/** The unit shows its published total, band and rank among `units`, and
 * its history of every date; returns its rank. */
async function showsPublished(calc, lang, units, code, dates) {
  const w = WORDS[lang];
  const me = units.find((u) => u.code === code);
  const rank = rankOf(units, code);
  assert.equal(await calc.total(), w.n(me.total));
  assert.equal(await calc.band(), bandOf(me.total, lang));
  assert.equal(await calc.rank(), w.rank(rank, units.length));
  assert.deepEqual(await history(calc.page), dates.map(w.date));
  assert.equal(await calc.page.locator('#series svg circle').count(), dates.length, 'the chart draws every date');
  assert.match(await calc.page.locator('#since').innerText(), w.since);
  return rank;
}

async function offlineReload(context, calc, code) {
  await calc.persisted();
  await calc.page.evaluate(() => navigator.serviceWorker?.ready);
  await context.setOffline(true);
  await calc.page.reload();
  await calc.ready();
  await calc.page.waitForFunction((c) => document.getElementById('current-unit')?.textContent.includes(c), code);
}

for (const lang of ['vi', 'en']) {
  for (const [width, height] of [[1280, 900], [360, 740]]) {
    test(`a commune of Đắk Lắk from the shipped directory: rank among its communes, history, what-if, offline (${lang}, ${width} px)`, async () => {
      const w = WORDS[lang];
      const { dates, units } = scope((t) => t.scope === 'communes' && t.province === 'H15');
      assert.ok(dates.length >= 3, 'every shipped date of Đắk Lắk');
      const { context, calc, page, label } = await openUnit(lang, [width, height], 'ea kao', 'Ea Kao', 'H15.104');
      assert.equal(label, `UBND phường Ea Kao · ${w.commune} · UBND tỉnh Đắk Lắk`);
      const rank = await showsPublished(calc, lang, units, 'H15.104', dates);
      // A what-if: every dossier with an electronic result (4.1 at 100 %).
      await calc.setRate('4.1', '100');
      await calc.settle();
      const after = await calc.rank();
      assert.ok(rankNumber(after) < rank, `${after} moves up from ${rank}`);
      assert.match(after, new RegExp(`/${units.length}$`));
      await page.screenshot({ path: path.join(ARTIFACTS, `shipped-commune-${lang}-${width}.png`) });
      const total = await calc.total();
      await offlineReload(context, calc, 'H15.104');
      assert.equal(await calc.total(), total);
      assert.equal(await calc.rank(), after);
      assert.deepEqual(await history(page), dates.map(w.date));
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
      await context.close();
    });

    test(`a province over the shipped dates: its history from the provinces' series, what-if, offline (${lang}, ${width} px)`, async () => {
      const w = WORDS[lang];
      const { dates, units } = scope((t) => t.scope === 'provinces');
      assert.equal(dates.length, 15);
      const { context, calc, page } = await openUnit(lang, [width, height], 'lao cai', 'Lào Cai', 'H38');
      const rank = await showsPublished(calc, lang, units, 'H38', dates);
      await calc.setRate('2.1', '100');
      await calc.settle();
      const after = await calc.rank();
      assert.ok(rankNumber(after) < rank, `${after} moves up from ${rank}`);
      await page.screenshot({ path: path.join(ARTIFACTS, `shipped-province-${lang}-${width}.png`) });
      await offlineReload(context, calc, 'H38');
      assert.equal(await calc.rank(), after);
      assert.deepEqual(await history(page), dates.map(w.date));
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
      await context.close();
    });
  }
}
