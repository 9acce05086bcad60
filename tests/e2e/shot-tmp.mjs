import { serve } from './support/server.mjs';
import { launch, DIST } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';
const server = await serve(DIST);
const browser = await launch();
for (const [w, h] of [[360, 740], [1280, 900]]) {
  const calc = await Calculator.open(browser, server.url, { width: w, height: h });
  await calc.chooseUnit('lao cai');
  await calc.settle();
  await calc.page.locator('#series-table').waitFor({ state: 'attached' });
  await calc.page.evaluate(() => window.scrollTo(0, 0));
  await calc.page.screenshot({ path: `/tmp/lc-${w}.png` });
  const hs = await calc.page.evaluate(() => [...document.querySelectorAll('.work > *, .history, .history figure, #missing, .summary, .unit-picker')].map((e) => `${e.className || e.id}:${Math.round(e.getBoundingClientRect().height)}`));
  console.log(w, await calc.page.evaluate(() => document.documentElement.scrollHeight), hs.join(' '));
  await calc.page.context().close();
}
await browser.close(); await server.close();
