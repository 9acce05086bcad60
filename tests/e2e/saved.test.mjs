// Never losing the user's work (issue #13): several tabs, a colleague's
// link, a full or blocked storage, another site's frame, a crash, old and
// damaged data. Each test reopens the app and finds the named work in the
// list of saved sessions, as a user would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, newPage, DIST } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';
import { SavedSessions } from './support/saved.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A new tab of `context` with the app loaded. */
const tab = (context, url = server.url) => Calculator.inContext(context, url);

const sorted = (a) => [...a].sort();

test('two tabs, each with its own plan: both kept, whichever tab closes first', async () => {
  for (const order of [[0, 1], [1, 0]]) {
    const context = await browser.newContext();
    const tabs = [await tab(context), await tab(context)];
    await tabs[0].addScenario('Tab one plan');
    await tabs[1].addScenario('Tab two plan');
    for (const t of tabs) await t.persisted();
    for (const i of order) await tabs[i].page.close();
    const again = await tab(context);
    const plans = await new SavedSessions(again).allPlans();
    assert.ok(plans.includes('Tab one plan') && plans.includes('Tab two plan'), `closing order ${order}: ${plans}`);
    await context.close();
  }
});

test('two tabs on the same saved session: the second follows the first, nothing is overwritten', async () => {
  for (const order of [[0, 1], [1, 0]]) {
    const context = await browser.newContext();
    const first = await tab(context);
    await first.chooseUnit('lao cai');
    await first.persisted();
    await first.page.close();
    const tabs = [await tab(context), await tab(context)];
    assert.equal(await new SavedSessions(tabs[1]).openName(), await new SavedSessions(tabs[0]).openName());
    await tabs[0].addScenario('Tab one plan');
    await tabs[0].persisted();
    // The other tab shows the change and says why.
    await tabs[1].page.locator('#notice', { hasText: 'vừa được sửa ở một tab khác' }).waitFor();
    assert.ok((await tabs[1].scenarioNames()).includes('Tab one plan'));
    await tabs[1].addScenario('Tab two plan');
    await tabs[1].persisted();
    for (const i of order) await tabs[i].page.close();
    const again = await tab(context);
    const plans = await new SavedSessions(again).allPlans();
    assert.ok(plans.includes('Tab one plan') && plans.includes('Tab two plan'), `closing order ${order}: ${plans}`);
    assert.deepEqual(again.page.errors, []);
    await context.close();
  }
});

test("a colleague's link opens beside my saved work and changes nothing of it", async () => {
  // The colleague's link, made in another browser.
  const colleague = await Calculator.open(browser, server.url);
  await colleague.chooseUnit('lao cai');
  await colleague.addScenario('Colleague plan');
  const link = await colleague.url();
  await colleague.page.context().close();

  const context = await browser.newContext();
  const mine = await tab(context);
  await mine.addScenario('My own plan');
  await mine.persisted();
  await mine.page.close();
  const reader = await tab(context, link);
  assert.match(await reader.text('#notice'), /Công việc của bạn \(1 phiên\) vẫn nguyên trong “Phiên làm việc đã lưu”/);
  assert.ok((await reader.scenarioNames()).includes('Colleague plan'));
  assert.equal(await reader.currentUnit(), 'UBND tỉnh Lào Cai (H38)');
  await reader.page.close();
  // Reopened: my own work, and the link (only read) stored nothing.
  let again = await tab(context);
  assert.ok((await again.scenarioNames()).includes('My own plan'));
  assert.deepEqual(await new SavedSessions(again).allPlans(), ['Kịch bản 1', 'My own plan']);
  await again.page.close();
  // Edited, the link's session is saved as a session of its own.
  const editor = await tab(context, link);
  await editor.setCount('2.1', 'dossiers_overdue', '0');
  await editor.persisted();
  assert.match(await editor.text('#notice'), /đã được lưu thành phiên mới “UBND tỉnh Lào Cai”/);
  await editor.page.close();
  again = await tab(context);
  const plans = await new SavedSessions(again).allPlans();
  assert.ok(plans.includes('My own plan') && plans.includes('Colleague plan'), String(plans));
  await context.close();
});

test('a full storage: the tab works on, says so once, offers a file, and the saved work is intact', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const calc = await tab(context);
  await calc.addScenario('My own plan');
  await calc.persisted();
  // Fill this site's storage to the browser's real quota.
  const filled = await calc.page.evaluate(() => {
    let i = 0;
    for (let size = 1 << 20; size >= 8; size >>= 1) {
      try { for (;;) localStorage.setItem(`filler.${i++}`, 'x'.repeat(size)); } catch { /* full at this size */ }
    }
    return i;
  });
  assert.ok(filled > 0);
  await calc.addScenario('Plan made once the storage was full');
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  await calc.persisted();
  assert.match(await calc.text('#notice'), /Không lưu được vào trình duyệt \(bộ nhớ của trình duyệt đã đầy\)/);
  assert.equal(await calc.groupScore('TDGQ'), '20,00', 'the tab works on');
  // The work as a file, with the edit the browser could not keep.
  const [download] = await Promise.all([calc.page.waitForEvent('download'), calc.page.locator('#notice-save-file').click()]);
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(file.scenarios.map((s) => s.name), ['Kịch bản 1', 'My own plan', 'Plan made once the storage was full']);
  assert.match(JSON.stringify(file), /"dossiers_overdue":"0"/);
  // Said once: the next refused save is quiet.
  await calc.page.locator('#notice-dismiss').click();
  await calc.addScenario('Another plan the browser cannot keep');
  await calc.persisted();
  assert.equal(await calc.page.locator('#notice').count(), 0);
  // Storage freed: what was saved before is intact and opens.
  await calc.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await calc.page.close();
  const again = await tab(context);
  assert.deepEqual(await again.scenarioNames(), ['Kịch bản 1', 'My own plan']);
  await context.close();
});

test("inside another site's page the app works and says whether it will remember", async () => {
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vn766-host-'));
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng tỉnh</title><link rel="icon" href="data:,"></head>
<body><h1>Cổng thông tin tỉnh</h1><iframe id="vn766" src="${server.url}" title="Máy tính chỉ số 766" style="width:100%;height:1600px;border:0"></iframe></body></html>`);
  const host = await serve(hostDir);
  // Another origin of the same site (another port), then another site
  // ("localhost" around 127.0.0.1), whose frames this browser may refuse storage.
  const hosts = [host.url, host.url.replace('127.0.0.1', 'localhost')];
  try {
    for (const hostUrl of hosts) {
      const page = await newPage(browser);
      await page.goto(hostUrl);
      const appFrame = () => page.frames().find((f) => f.url().startsWith(server.url));
      const calc = new Calculator(appFrame());
      await calc.ready();
      const allowed = await appFrame().evaluate(() => { try { return localStorage.length >= 0; } catch { return false; } });
      const memory = await appFrame().locator('#saved-memory').textContent();
      assert.match(memory, allowed ? /công việc được lưu trong trình duyệt này, có thể riêng cho trang đó/ : /Trình duyệt không cho lưu/,
        `${hostUrl}: storage ${allowed ? 'allowed' : 'refused'}`);
      await calc.setCount('2.1', 'dossiers_overdue', '0');
      assert.equal(await calc.groupScore('TDGQ'), '20,00', 'the calculator works in the frame');
      await calc.addScenario('Embedded plan');
      await calc.persisted();
      await page.reload();
      const again = new Calculator(appFrame());
      await again.ready();
      // What it said holds: remembered when it said so, else a fresh view.
      assert.equal((await again.scenarioNames()).includes('Embedded plan'), allowed, hostUrl);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  } finally {
    await host.close();
  }
});

test('a crash offers the work as a file before anything else', async () => {
  const calc = await Calculator.open(browser, server.url, { acceptDownloads: true });
  await calc.addScenario('My own plan');
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  await calc.settle();
  await calc.page.evaluate(() => { try { globalThis.__vn766.crash_for_test(); } catch { /* the wasm trap */ } });
  const banner = calc.page.locator('#fatal');
  assert.match(await banner.innerText(), /Ứng dụng gặp lỗi và đã dừng/);
  assert.equal(await banner.locator('a, button').first().getAttribute('id'), 'fatal-download', 'the download comes first');
  const [download] = await Promise.all([calc.page.waitForEvent('download'), calc.page.locator('#fatal-download').click()]);
  assert.match(download.suggestedFilename(), /^vn766-H20\.json$/);
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(file.scenarios.map((s) => s.name), ['Kịch bản 1', 'My own plan']);
  assert.match(JSON.stringify(file), /"dossiers_overdue":"0"/);
  await calc.page.context().close();
});

test('a damaged entry is skipped with a notice and the others still open', async () => {
  const context = await browser.newContext();
  const calc = await tab(context);
  await calc.addScenario('Plan A');
  await calc.persisted();
  const saved = new SavedSessions(calc);
  await saved.newSession();
  await calc.chooseUnit('lao cai');
  await calc.addScenario('Plan B');
  await calc.persisted();
  await calc.page.evaluate(() => localStorage.setItem('vn766.s.zz-9', '{"id":"zz-9","name":"Hỏng'));
  await calc.page.close();
  const again = await tab(context);
  assert.match(await again.text('#notice'), /Đã bỏ qua phiên đã lưu “vn766\.s\.zz-9”: dữ liệu bị hỏng/);
  const list = new SavedSessions(again);
  assert.equal((await list.names()).length, 2);
  assert.equal((await list.damaged()).length, 1);
  assert.deepEqual(sorted(await list.allPlans()), sorted(['Kịch bản 1', 'Plan A', 'Kịch bản 1', 'Plan B']));
  await context.close();
});

test('sessions saved by the earlier releases open and join the list', async () => {
  // As the first release (version 1) and the last one (version 2) stored their one session.
  const stored = [
    '{"v":1,"l":"vi","p":"portal-2026","t":"provinces-2026-10-10","u":"H38","c":{"dossiers_overdue":"0"},"rm":["4.6"],"gm":["ONLINE","TTTT"]}',
    '{"format":"vn766","version":2,"lang":"vi","profile":"portal-2026","table":"provinces-2026-10-10","unit":"H38","selected":0,"scenarios":[{"name":"Kế hoạch cũ","counts":{"dossiers_overdue":"0"},"given":{},"given_mode":["ONLINE","TTTT"]}]}',
  ];
  for (const text of stored) {
    const context = await browser.newContext();
    const calc = await tab(context);
    await calc.page.evaluate((t) => localStorage.setItem('vn766.session', t), text);
    await calc.page.close();
    const again = await tab(context);
    assert.equal(await again.currentUnit(), 'UBND tỉnh Lào Cai (H38)');
    assert.equal(await (await again.field('2.1', 'dossiers_overdue')).inputValue(), '0');
    assert.match((await new SavedSessions(again).names())[0], /^UBND tỉnh Lào Cai · \d\d\/\d\d\/\d{4}$/);
    assert.equal(await again.page.evaluate(() => localStorage.getItem('vn766.session')), null, 'moved, not copied');
    await context.close();
  }
});

test('a new session is named after its unit until renamed; the list renames, duplicates and deletes (after a confirmation)', async () => {
  const context = await browser.newContext();
  const calc = await tab(context);
  await calc.addScenario('Plan A');
  await calc.persisted();
  const list = new SavedSessions(calc);
  assert.equal(await list.openName(), 'UBND tỉnh Đồng Tháp', 'a new session is named after its unit');
  await calc.chooseUnit('lao cai');
  assert.equal(await list.openName(), 'UBND tỉnh Lào Cai', 'the name the app made follows the unit at once');
  await calc.persisted();
  assert.deepEqual(await list.names(), ['UBND tỉnh Lào Cai'], 'and is saved so');
  await calc.addScenario('Plan A');
  await calc.persisted();
  await list.entries().first().locator('.saved-rename-button').click();
  await calc.type(calc.page.locator('#saved-name'), 'Kế hoạch quý 4');
  await calc.page.locator('#saved-name').press('Enter');
  assert.deepEqual(await list.names(), ['Kế hoạch quý 4']);
  await list.entries().first().locator('.saved-duplicate').click();
  assert.deepEqual(sorted(await list.names()), sorted(['Kế hoạch quý 4', 'Kế hoạch quý 4 (bản sao)']));
  const copy = list.entries().filter({ hasText: 'bản sao' });
  await copy.locator('.saved-delete').click();
  assert.equal((await list.names()).length, 2, 'nothing deleted before the confirmation');
  await copy.locator('.saved-delete-confirm').click();
  assert.deepEqual(await list.names(), ['Kế hoạch quý 4']);
  assert.deepEqual(await calc.scenarioNames(), ['Kịch bản 1', 'Plan A'], 'the open session is untouched');
  await calc.chooseUnit('ha noi');
  await calc.persisted();
  assert.deepEqual(await list.names(), ['Kế hoạch quý 4'], 'a name the user gave stays');
  await context.close();
});
