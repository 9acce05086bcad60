// The quick start: before the app's module has arrived, an edit in the
// prerendered page is scored by the small quick module (src/quick.rs) and
// the page shows the new figures; the app then takes over what was typed
// and shows the same figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './support/server.mjs';
import { launch, newPage, DIST } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page whose app module (not the quick one) arrives only when
 * `release()` is called. */
async function appHeld(url = server.url) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // The total of every frame.
  await page.addInitScript(() => {
    window.__totals = [];
    const look = () => {
      window.__totals.push(document.getElementById('total')?.textContent ?? '(none)');
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/vn766-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(url);
  return { page, release };
}

/** Every figure the quick start writes, by element: texts, bar widths and
 * whether a field is marked as not a value. */
function figures(page) {
  return page.evaluate(() => {
    const out = {};
    const key = (el) => el.id || `${el.closest('[id]')?.id} ${el.getAttribute('class')}`;
    for (const el of document.querySelectorAll('#total, #band, #rank, #delta, #next-rank, output[id^="score-"], output.points, output[id^="rate-out-"], .bars .bar-value')) {
      out[key(el)] = el.textContent.trim();
    }
    document.querySelectorAll('.bars li, .group-score, .ind-points').forEach((el) => {
      const fill = el.querySelector('.bar-fill');
      if (fill) out[`${el.closest('[id]').id} bar`] = fill.getAttribute('width');
    });
    return out;
  });
}

// 2.1's rate, on its line (the counts are in its details, closed).
const overdue = (page) => page.locator('#prerendered input#rate-2_1');

test('before the app arrives an edit changes the figures, and the app then shows the same', async () => {
  const { page, release } = await appHeld();
  await page.locator('html[data-quick="ready"]').waitFor();
  assert.equal(await page.locator('#total').innerText(), '68,80');
  const id = await overdue(page).getAttribute('id');
  await overdue(page).fill('95');
  await page.waitForFunction(() => document.getElementById('total').textContent !== '68,80');
  const quick = await figures(page);
  assert.ok(Object.keys(quick).length > 80, `the total, band, rank, groups, points, rates and bars (${Object.keys(quick).length})`);
  assert.notEqual(quick['total'], '68,80');
  assert.match(quick['delta'], /^[+−]\d+,\d\d điểm/, 'the change against the published figures');
  assert.ok(await page.locator('#prerendered').isVisible(), 'still the prerendered page: the app has not arrived');
  release();
  const calc = new Calculator(page);
  await calc.ready();
  await calc.settle();
  assert.equal(await page.locator(`#${id}`).inputValue(), '95', 'the app took over what was typed');
  assert.deepEqual(await figures(page), quick);
  const totals = await page.evaluate(() => window.__totals);
  const after = totals.slice(totals.indexOf(quick['total']));
  assert.deepEqual([...new Set(after)], [quick['total']], 'from the quick answer on, every frame showed it (no frame of the prerendered figures)');
  assert.deepEqual(page.errors, []);
  // Saved as any edit: the tab opens it again.
  await calc.persisted();
  await page.reload();
  await calc.ready();
  assert.equal(await calc.total(), quick['total']);
  assert.equal(await (await calc.rateField('2.1')).inputValue(), '95');
  await page.context().close();
});

test('before the app arrives an entry that is not a number is marked, and the app then says why', async () => {
  const { page, release } = await appHeld();
  await page.locator('html[data-quick="ready"]').waitFor();
  await overdue(page).fill('12a');
  await page.waitForFunction(() => document.querySelector('#prerendered input#rate-2_1').getAttribute('aria-invalid') === 'true');
  release();
  const calc = new Calculator(page);
  await calc.ready();
  const field = await calc.rateField('2.1');
  assert.equal(await field.inputValue(), '12a', 'the text is kept');
  assert.match(await calc.errorOf(field), /số/i);
  await page.context().close();
});

test('for a link to another view the quick start stays out (the page waits for the app)', async () => {
  const link = await Calculator.linkTo(browser, server.url, 'lao cai');
  const { page, release } = await appHeld(link);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.quick ?? null), null);
  release();
  const calc = new Calculator(page);
  await calc.ready();
  assert.equal(await calc.total(), '61,72');
  await page.context().close();
});
