// The headline question on a real unit: "if our online-submission rate goes
// from 31% to 50%, how many points is that, and what rank?". ONLINE and TTTT
// start from their published scores, split: the user gives 3.3's current
// value (the total stays), then a value to try (the total, band and rank
// move), in Vietnamese and English, on a desktop and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator, TargetsPanel } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const WORDS = {
  vi: {
    unit: 'UBND tỉnh Lào Cai (H38)',
    rank: (n) => `Hạng ${n}/34`,
    restAll: 'Phần còn lại (3.1, 3.2, 3.3), theo điểm công bố: 8,44',
    rest: 'Phần còn lại (3.1, 3.2), theo điểm công bố: 4,72',
    restC: /^Phần còn lại \(TTTT\.C\), theo điểm công bố: 0,43$/,
    n: (s) => s,
    delta: '+2,28 điểm, ↑12 hạng so với số liệu gốc',
    current: 'hiện tại 3,72',
    online: /trực tuyến/,
  },
  en: {
    unit: 'UBND tỉnh Lào Cai (H38)',
    rank: (n) => `Rank ${n}/34`,
    restAll: 'The rest (3.1, 3.2, 3.3), from the published score: 8.44',
    rest: 'The rest (3.1, 3.2), from the published score: 4.72',
    restC: /^The rest \(TTTT\.C\), from the published score: 0\.43$/,
    n: (s) => s.replace(',', '.'),
    delta: '+2.28 points, ↑12 places vs the published figures',
    current: 'current 3.72',
    online: /online/i,
  },
};

for (const [lang, width] of [['vi', 1280], ['en', 360], ['vi', 360], ['en', 1280]]) {
  const w = WORDS[lang];
  test(`3.3 from 31% to 50% on Lào Cai, then more payments and a plan (${lang}, ${width} px)`, async () => {
    const calc = await Calculator.open(browser, server.url, { width, height: 900 });
    if (lang === 'en') await calc.setLanguage('en');
    await calc.chooseUnit('lao cai');
    assert.equal(await calc.currentUnit(), w.unit);
    assert.equal(await calc.total(), w.n('61,72'));
    assert.equal(await calc.rank(), w.rank(23));
    // ONLINE: nothing in the table, so all three indicators are the rest of
    // the published 8,44; nothing is missing and nothing shows "—".
    assert.equal(await calc.remainder('ONLINE'), w.restAll);
    assert.equal(await calc.groupScore('ONLINE'), w.n('8,44'));
    assert.match(await calc.remainder('TTTT'), w.restC);

    // Step 1: today's rate. It joins the published figures: the total stays.
    await calc.setRateMode('3.3', true);
    await calc.setCurrentRate('3.3', w.n('31'));
    assert.equal(await calc.total(), w.n('61,72'));
    assert.equal(await calc.rank(), w.rank(23));
    assert.equal(await calc.remainder('ONLINE'), w.rest);
    assert.equal(await calc.points('3.3'), w.n('3,72'));
    // Step 2: the rate to try. Total, band and rank move at once.
    await calc.setRate('3.3', w.n('50'));
    assert.equal(await calc.points('3.3'), w.n('6,00'));
    assert.equal(await calc.currentPoints('3.3'), `(${w.current})`);
    assert.equal(await calc.groupScore('ONLINE'), w.n('10,72'));
    assert.equal(await calc.total(), w.n('64,00'));
    assert.equal(await calc.rank(), w.rank(11));
    assert.equal(await calc.delta(), w.delta);
    assert.equal(await calc.remainder('ONLINE'), w.rest, 'the rest stays what the published score leaves');
    await calc.screenshot(path.join(ARTIFACTS, `online-${lang}-${width}.png`));

    // More dossiers paid online: TTTT's A from the table's own counts.
    await calc.setCount('TTTT.A', 'dossiers_paid_online', '200000');
    assert.equal(await calc.total(), w.n('64,73'));
    assert.equal(await calc.rank(), w.rank(10));

    // Five points more: the planner may use the computed ONLINE and TTTT
    // indicators (the rest stays fixed) and picks them where cheapest.
    await calc.setRate('3.3', w.n('31'));
    assert.equal(await calc.total(), w.n('62,45'));
    const targets = new TargetsPanel(calc);
    await targets.goalPoints(w.n('67,45'));
    const steps = await targets.steps();
    assert.ok(steps.some((s) => s.includes('3.3') || w.online.test(s)), steps.join('\n'));
    await targets.apply();
    assert.ok(Number(w.n(await calc.total()).replace(',', '.')) >= 67.45, await calc.total());
    assert.notEqual(await calc.total(), '—');
    assert.deepEqual(calc.page.errors, []);
  });
}

test('a new value without the current one says what to do, and counts work the same way', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.chooseUnit('lao cai');
  // Typing only a value to try never silently shows "no change".
  await calc.setCount('3.3', 'dossiers_channel_online', '5000');
  await calc.setCount('3.3', 'dossiers_channel_total', '10000');
  assert.equal(await calc.total(), '61,72');
  const row33 = await calc.locate('row', '3.3');
  assert.match(await row33.locator('> .error').innerText(), /nhập giá trị hiện tại trước/);
  // With the current counts, the tried ones count.
  await calc.setCurrentCount('3.3', 'dossiers_channel_online', '3100');
  await calc.setCurrentCount('3.3', 'dossiers_channel_total', '10000');
  await calc.settle();
  assert.equal(await row33.locator('> .error').count(), 0);
  assert.equal(await calc.total(), '64,00');
  // A current value the published score cannot hold says so, next to the rest.
  await calc.setCurrentCount('TTTT.C', 'fee_procedures_with_dossiers', '318');
  assert.match(await calc.remainder('TTTT'), /^Chênh lệch với điểm nhóm \(theo điểm công bố\): −1,57\n.*không khớp với điểm nhóm$/);
  // Reopening the link keeps the current values and the values tried.
  const fresh = await Calculator.open(browser, await calc.url());
  assert.equal(await fresh.total(), await calc.total());
  assert.equal(await (await fresh.currentField('3.3', 'dossiers_channel_online')).inputValue(), '3100');
  assert.deepEqual(calc.page.errors, []);
});
