// The page paints the calculator before the wasm arrives (the default view
// prerendered into index.html by the build), never shows another view's
// numbers first, and keeps what was typed before the app was up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './support/server.mjs';
import { launch, newPage, DIST } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page whose wasm arrives only when `release()` is called. */
async function heldPage(options) {
  const page = await newPage(browser, options);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  return { page, release };
}

test('without JavaScript the page already shows the default unit with its numbers', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(server.url);
  assert.equal(await page.locator('#current-unit').innerText(), 'UBND tỉnh Đồng Tháp (H20)');
  assert.equal(await page.locator('#total').innerText(), '68,80');
  assert.match(await page.locator('#rank').innerText(), /1\/34/);
  await page.context().close();
});

test('before the wasm arrives: the real calculator, then the app takes over with no blank frame', async () => {
  const { page, release } = await heldPage();
  await page.addInitScript(() => {
    window.__seen = [];
    const look = () => {
      const t = document.getElementById('total');
      window.__seen.push(t ? t.textContent : '(none)');
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.goto(server.url);
  await page.locator('#prerendered #total').waitFor();
  assert.equal(await page.locator('#total').innerText(), '68,80');
  release();
  await new Calculator(page).ready();
  const seen = await page.evaluate(() => window.__seen);
  // From the first frame with the page's body on.
  assert.deepEqual([...new Set(seen.slice(seen.indexOf('68,80')))], ['68,80'], 'every frame showed the total');
  await page.context().close();
});

test("a link, saved work or an address asking for a unit never shows the default unit's numbers first", async () => {
  const link = await Calculator.linkTo(browser, server.url, 'lao cai');
  const cases = [
    ['a link to Lào Cai', link, null],
    ['?unit=H38', `${server.url}?unit=H38`, null],
    ['saved work on Lào Cai', server.url, link],
  ];
  for (const [name, url, saveFirst] of cases) {
    // No service worker: it would answer the held wasm request from its cache.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    if (saveFirst) {
      // Work saved in this browser: edited once, so the library keeps it.
      const page = await context.newPage();
      await page.goto(saveFirst);
      const calc = new Calculator(page);
      await calc.ready();
      await calc.setCount('2.1', 'dossiers_overdue', '0');
      await calc.persisted();
      await page.close();
    }
    const page = await context.newPage();
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.addInitScript(() => {
      window.__shown = [];
      const look = () => {
        const t = document.getElementById('total');
        if (t && t.offsetParent !== null) window.__shown.push(t.textContent);
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(url);
    await page.waitForTimeout(300);
    assert.match(await page.evaluate(() => getComputedStyle(document.body, '::before').content), /Đang mở/, name);
    release();
    await new Calculator(page).ready();
    await page.waitForTimeout(100);
    const shown = await page.evaluate(() => [...new Set(window.__shown)]);
    assert.ok(!shown.includes('68,80'), `${name}: the default's total was shown (${shown})`);
    assert.ok(shown.length > 0, `${name}: the app's total was shown`);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body, '::before').content), 'none', `${name}: the line is gone`);
    await context.close();
  }
});

test('what was typed before the app was up is kept, and counts', async () => {
  const { page, release } = await heldPage();
  await page.goto(server.url);
  const field = page.locator('#prerendered input#rate-2_1');
  await field.waitFor();
  const id = await field.getAttribute('id');
  await field.click();
  await field.fill('95');
  release();
  const calc = new Calculator(page);
  await calc.ready();
  await calc.settle();
  assert.equal(await page.locator(`#${id}`).inputValue(), '95');
  assert.equal(await page.evaluate(() => document.activeElement?.id), id, 'the focus stays in the field');
  assert.notEqual(await calc.total(), '68,80', 'the typed value counts');
  await page.context().close();
});
