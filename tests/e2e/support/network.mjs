// First paint and first what-if on an emulated slow connection: Chromium's
// network emulation through CDP with DevTools' presets (front_end/core/sdk/
// NetworkManager.ts, as puppeteer's PredefinedNetworkConditions mirrors
// them), each load in a fresh context (empty cache, storage and service
// workers). Used by `make bench`.

const MBIT = (1000 * 1000) / 8;
/** Latency in ms, throughput in bytes per second. */
export const PRESETS = {
  'Fast 3G': { latency: 150 * 3.75, downloadThroughput: 1.6 * MBIT * 0.9, uploadThroughput: 0.75 * MBIT * 0.9 },
  'Fast 4G': { latency: 60 * 2.75, downloadThroughput: 9 * MBIT * 0.9, uploadThroughput: 1.5 * MBIT * 0.9 },
};

/** The page's network under `preset` (DevTools' emulation through CDP);
 * returns a function giving the bytes transferred so far. */
async function throttle(context, page, preset) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const conditions = PRESETS[preset];
  try {
    await cdp.send('Network.emulateNetworkConditionsByRule', { matchedNetworkConditions: [{ urlPattern: '', ...conditions }] });
  } catch {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  }
  return () => bytes;
}

/** One fresh load of `url` under `preset`: first contentful paint; the
 * first what-if (from navigation start, an input on `fieldId` every 25 ms
 * until the total changes: when a user's edit first works, by the quick
 * start or the app); and when the app itself is up (all of the page works).
 * Without `fieldId`, no edit: first paint and the app only. */
export async function slowLoad(browser, url, preset, fieldId) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript((fieldId) => {
    const marks = (window.__load = { edit: null, app: null, n: 0, field: fieldId });
    const tick = () => {
      if (marks.app === null && window.__vn766) marks.app = performance.now();
      const input = fieldId && marks.edit === null && document.getElementById(fieldId);
      const total = document.getElementById('total');
      if (input && total && total.textContent.trim()) {
        const before = total.textContent;
        const t0 = performance.now();
        input.value = String(1000 + 997 * (marks.n++ % 50));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => {
          const now = document.getElementById('total');
          if (marks.edit === null && now && now.isConnected && now.textContent !== before) marks.edit = t0;
        }, 0);
      }
      if (marks.app === null || (fieldId && marks.edit === null)) setTimeout(tick, 25);
    };
    tick();
  }, fieldId);
  const transferred = await throttle(context, page, preset);
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  await page.waitForFunction(() => (window.__load.edit !== null || !window.__load.field) && window.__load.app !== null, null, { timeout: 120000, polling: 50 });
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  const { edit, app } = await page.evaluate(() => window.__load);
  await context.close();
  return { fcp, edit, app, bytes: transferred() };
}

/** The median of `runs` fresh loads. */
export async function slowLoads(browser, url, preset, fieldId, runs = 3) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await slowLoad(browser, url, preset, fieldId));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const of = (k) => median(all.map((r) => r[k]));
  return { fcp: of('fcp'), edit: of('edit'), app: of('app'), bytes: of('bytes') };
}

/** One fresh load of `url` under `preset` in which a user looks up their
 * own unit: as soon as the search box is there, `typed` is typed into it,
 * and Enter once its option is offered. Returns, from navigation start,
 * when the option was offered (`offered`) and when the unit's published
 * total was shown (`shown`: `#current-unit` names `code` and `#total`
 * reads `total`), and the bytes transferred. */
export async function unitLoad(browser, url, preset, typed, code, total) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const transferred = await throttle(context, page, preset);
  await page.goto(url, { waitUntil: 'commit', timeout: 120000 });
  const search = page.locator('#unit-search');
  await search.waitFor({ state: 'visible', timeout: 120000 });
  await search.click();
  await search.pressSequentially(typed, { delay: 5 });
  await page.locator('#unit-list [role=option]').first().waitFor({ timeout: 120000 });
  const offered = await page.evaluate(() => performance.now());
  await search.press('Enter');
  await page.waitForFunction(([code, total]) => document.getElementById('current-unit')?.textContent.includes(code)
    && document.getElementById('total')?.textContent.trim() === total, [code, total], { timeout: 120000, polling: 'raf' });
  const shown = await page.evaluate(() => performance.now());
  await context.close();
  return { offered, shown, bytes: transferred() };
}

/** The median of `runs` fresh [`unitLoad`]s. */
export async function unitLoads(browser, url, preset, typed, code, total, runs = 3) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await unitLoad(browser, url, preset, typed, code, total));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  return { offered: median(all.map((r) => r.offered)), shown: median(all.map((r) => r.shown)), bytes: median(all.map((r) => r.bytes)) };
}
