// Smoke test: the release build loads in headless Chromium and shows a
// computed total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './support/server.mjs';
import { launch, newPage, DIST, screenshot } from './support/browser.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the built page computes a total', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  const total = page.locator('#total');
  await total.waitFor({ timeout: 15000 });
  assert.match(await total.innerText(), /^\d{1,3},\d{2}$/);
  await screenshot(page, 'smoke');
  assert.deepEqual(page.errors, []);
});
