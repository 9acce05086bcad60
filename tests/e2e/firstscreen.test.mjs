// The official's first screen (issue 24): with Lào Cai chosen, the viewport
// shows the unit, its total, band, rank, the change, the six groups and
// where the points are lost; the headline what-if and a plan to rank 10 take
// a few steps from there; the page is short; axe-core finds nothing. In
// Vietnamese and English, at 1280 and 360 px. A step is a click, a key or a
// field typed; scrolling is not counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator, TargetsPanel } from './support/calculator.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const SIZES = [[1280, 900], [360, 740]];
const LANGS = ['vi', 'en'];
/** Height the page may have with nothing opened, by width. */
const TALLEST = { 1280: 4500, 360: 7000 };

async function laoCai(lang, [width, height]) {
  const calc = await Calculator.open(browser, server.url, { width, height });
  if (lang === 'en') await calc.setLanguage('en');
  await calc.chooseUnit('lao cai');
  await calc.settle();
  // The choice leaves the page where a user starts reading.
  await calc.page.evaluate(() => window.scrollTo(0, 0));
  return calc;
}

/** Whether the whole of `locator` is inside the viewport. */
async function inView(page, locator) {
  const box = await locator.boundingBox();
  const { w, h } = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= h && box.x + box.width <= w;
}

for (const lang of LANGS) {
  for (const size of SIZES) {
    const name = `${lang}, ${size[0]} px`;

    test(`the first screen answers "where do we lose points" (${name})`, async () => {
      const calc = await laoCai(lang, size);
      const page = calc.page;
      for (const selector of ['#current-unit', '#total', '#band', '#rank', '#delta', '#missing-title']) {
        assert.ok(await inView(page, page.locator(selector)), `${name}: ${selector} in view`);
      }
      const bars = page.locator('.bars li');
      assert.equal(await bars.count(), 6);
      for (let i = 0; i < 6; i++) assert.ok(await inView(page, bars.nth(i)), `${name}: group bar ${i + 1} in view`);
      // The three indicators that lose most, with no step taken.
      const lines = page.locator('#missing .m-list li');
      for (let i = 0; i < 3; i++) assert.ok(await inView(page, lines.nth(i)), `${name}: line ${i + 1} in view`);
      const first = await lines.nth(0).innerText();
      assert.match(first, /^1\.1 /, 'the largest loss first: 1.1 at 0 %');
      assert.match(first, lang === 'vi' ? /thiếu 6,00/ : /missing 6\.00/);
      assert.match(first, lang === 'vi' ? /Đủ điểm: 67,72 · Hạng 2\/34/ : /Full marks: 67\.72 · Rank 2\/34/);
      // Nothing opened: the page stays short.
      const tall = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(tall <= TALLEST[size[0]], `${name}: the page is ${tall} px tall (at most ${TALLEST[size[0]]})`);
      await page.screenshot({ path: path.join(ARTIFACTS, `first-screen-${lang}-${size[0]}.png`) });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });

    test(`3.3 from 31% to 50% in four steps from the first screen (${name})`, async () => {
      const calc = await laoCai(lang, size);
      const page = calc.page;
      const online = page.locator('#missing li', { hasText: /^ONLINE: 3\.1, 3\.2, 3\.3/ });
      // 1: the line's "3.3" opens 3.3 with its current rate focused.
      await online.locator('button.m-try', { hasText: /^3\.3$/ }).click();
      const current = await calc.currentRateField('3.3');
      await page.waitForFunction((id) => document.activeElement?.id === id, await current.getAttribute('id'));
      // 2: the current rate, typed (the total does not move).
      await page.keyboard.type('31');
      assert.equal(await calc.total(), lang === 'vi' ? '61,72' : '61.72');
      // 3 and 4: the rate to try.
      const tried = await calc.rateField('3.3');
      await tried.click();
      await page.keyboard.type('50');
      assert.equal(await calc.total(), lang === 'vi' ? '64,00' : '64.00');
      assert.equal(await calc.rank(), lang === 'vi' ? 'Hạng 11/34' : 'Rank 11/34');
      assert.equal(await calc.points('3.3'), lang === 'vi' ? '6,00' : '6.00');
      assert.ok(await (await calc.locate('row', '3.3')).locator('.ind-more').isVisible(), 'its details are open');
      await page.screenshot({ path: path.join(ARTIFACTS, `first-screen-3_3-${lang}-${size[0]}.png`) });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });

    test(`the plan to rank 10 in two steps from the first screen (${name})`, async () => {
      const calc = await laoCai(lang, size);
      const page = calc.page;
      await page.locator('#goal-kind-rank').click();
      await page.locator('#goal-rank').click();
      await page.keyboard.type('10');
      const targets = new TargetsPanel(calc);
      assert.match(await targets.result(), lang === 'vi' ? /Hạng (10|[1-9])\/34/ : /Rank (10|[1-9])\/34/);
      assert.ok((await targets.steps()).length > 0);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}

test('a trial on a line of the list opens that indicator in the scenario being edited', async () => {
  const calc = await laoCai('vi', SIZES[0]);
  const page = calc.page;
  await calc.addScenario('Thử 2.1');
  const line = page.locator('#missing li', { hasText: /^2\.1 / });
  // 2.1 is among the lines behind "see all".
  if (!(await line.isVisible())) await page.locator('#missing details.m-more summary').click();
  await line.locator('button.m-try').click();
  const field = await calc.rateField('2.1');
  await page.waitForFunction(() => document.activeElement?.id === 'rate-2_1');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('100');
  assert.equal(await calc.total(), '63,18', 'the line said: full marks give 63,18');
  assert.equal(await field.inputValue(), '100');
  assert.deepEqual(await calc.scenarioNames(), ['Kịch bản 1', 'Thử 2.1']);
  await page.context().close();
});

test('groups fold, and an indicator opens and closes from its line, by keyboard too', async () => {
  const calc = await laoCai('en', SIZES[0]);
  const page = calc.page;
  const toggle = page.locator(`#${await calc.id('row', '2.1')}-name`);
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await (await calc.field('2.1', 'dossiers_overdue')).isVisible());
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const fold = page.locator('#group-TDGQ-title');
  await fold.click();
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  assert.equal(await toggle.isVisible(), false);
  await fold.click();
  assert.ok(await toggle.isVisible());
  await page.context().close();
});

/** Opens every panel, menu and detail the page has. */
async function openEverything(calc) {
  const page = calc.page;
  if (await page.locator('#menu-button').isVisible()) await page.locator('#menu-button').click();
  await page.locator('#share-button').click();
  const closed = page.locator('.ind-toggle[aria-expanded="false"]');
  while (await closed.count() > 0) await closed.first().click();
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await calc.settle();
}

for (const lang of LANGS) {
  for (const size of SIZES) {
    test(`axe-core finds nothing, every panel open (${lang}, ${size[0]} px)`, async () => {
      const calc = await laoCai(lang, size);
      const page = calc.page;
      // A history with rows, so that its table and chart are there.
      await page.evaluate(() => document.getElementById('history')?.scrollIntoView());
      await openEverything(calc);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      assert.deepEqual(result, [], `${lang} ${size[0]} px`);
      await page.context().close();
    });
  }
}
