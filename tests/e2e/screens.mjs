// `make screens`: screenshots of the built page to look at, in Vietnamese and
// English, at 1280 and 360 px: the first screen (the viewport) and the whole
// page, with Lào Cai chosen. Prints each file and the page's height.
//
//   node tests/e2e/screens.mjs [unit search text, default "lao cai"]
import path from 'node:path';
import { launch, ARTIFACTS, DIST } from './support/browser.mjs';
import { serve } from './support/server.mjs';
import { Calculator } from './support/calculator.mjs';

const typed = process.argv[2] ?? 'lao cai';
const server = await serve(DIST, { port: 0 });
const browser = await launch();
try {
  for (const lang of ['vi', 'en']) {
    for (const [width, height] of [[1280, 900], [360, 740]]) {
      const calc = await Calculator.open(browser, server.url, { width, height });
      if (lang === 'en') await calc.setLanguage('en');
      await calc.chooseUnit(typed);
      await calc.settle();
      const name = `screen-${lang}-${width}`;
      await calc.page.screenshot({ path: path.join(ARTIFACTS, `${name}-first.png`) });
      await calc.page.screenshot({ path: path.join(ARTIFACTS, `${name}-page.png`), fullPage: true });
      const tall = await calc.page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`${name}: page ${tall} px tall; ${ARTIFACTS}/${name}-first.png, -page.png; errors: ${calc.page.errors.length}`);
      await calc.page.context().close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
