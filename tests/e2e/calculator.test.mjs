// The calculator end to end, in the release build, as a user drives it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Lào Cai with the ONLINE group computed from inputs: current counts that
 * add up to its published 8,44 (the total stays), then 90% of procedures
 * online and 80% of services used tried. */
async function laoCaiOnline(calc) {
  await calc.chooseUnit('lao cai');
  assert.equal(await calc.currentUnit(), 'UBND tỉnh Lào Cai (H38)');
  assert.equal(await calc.total(), '61,72');
  assert.equal(await calc.rank(), 'Hạng 23/34');
  for (const [ind, q, now, tried] of [
    ['3.1', 'procedures_total', '1000', '1000'],
    ['3.1', 'procedures_online_full', '300', '600'],
    ['3.1', 'procedures_online_partial', '100', '300'],
    ['3.2', 'online_services', '500', '500'],
    ['3.2', 'online_services_with_dossiers', '180', '400'],
    ['3.3', 'dossiers_channel_total', '280591', '280591'],
    ['3.3', 'dossiers_channel_online', '140296', '140296'],
  ]) {
    await calc.setCurrentCount(ind, q, now);
    assert.equal(await calc.total(), '61,72', 'a current value never moves the total');
  }
  // 40% → 1,00, 36% → 1,44, 50% → 6: the published 8,44 is fully explained.
  assert.equal(await (await calc.locate('rest', 'ONLINE')).count(), 0);
  for (const [ind, q, now, tried] of [
    ['3.1', 'procedures_online_full', '300', '600'],
    ['3.1', 'procedures_online_partial', '100', '300'],
    ['3.2', 'online_services_with_dossiers', '180', '400'],
  ]) {
    await calc.setCount(ind, q, tried);
  }
}

test('choose a province by typing, change the online inputs, read points, total and rank', async () => {
  const calc = await Calculator.open(browser, server.url);
  await laoCaiOnline(calc);
  // 50,00% × 100% sync ÷ 50% → 6; 90% ≥ 80% → 2; 80% × 4 = 3,20: ONLINE 11,20.
  assert.equal(await calc.points('3.3'), '6,00');
  assert.equal(await calc.rate('3.3'), '50,00%');
  assert.equal(await calc.points('3.1'), '2,00');
  assert.equal(await calc.points('3.2'), '3,20');
  assert.equal(await calc.groupScore('ONLINE'), '11,20');
  // 61,72 − 8,44 + 11,20 = 64,48: between 64,74 (9th) and 64,09.
  assert.equal(await calc.total(), '64,48');
  assert.equal(await calc.rank(), 'Hạng 10/34');
  assert.equal(await calc.delta(), '+2,76 điểm, ↑13 hạng so với số liệu gốc');
  assert.equal(await calc.band(), 'Trung bình');
  // A smaller share lowers 3.3 on the next keystroke.
  await calc.setCount('3.3', 'dossiers_channel_online', '28059');
  assert.equal(await calc.rate('3.3'), '10,00%');
  assert.equal(await calc.points('3.3'), '1,20');
  assert.deepEqual(calc.page.errors, []);
});

test('bad input gets a message next to the field and breaks nothing else', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.chooseUnit('lao cai');
  const field = await calc.field('4.1', 'dossiers_e_result');
  await calc.type(field, 'abc');
  await calc.settle();
  assert.equal(await field.inputValue(), 'abc', 'what was typed is kept');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await calc.errorOf(await calc.field('4.1', 'dossiers_e_result')), 'Không phải là số');
  assert.equal(await calc.points('4.1'), '—');
  assert.equal(await calc.groupScore('MDSH'), '—');
  assert.equal(await calc.total(), '—');
  assert.equal(await calc.issues(), '1 ô cần sửa\nĐến ô đầu tiên');
  // The other groups and indicators still compute.
  assert.equal(await calc.groupScore('TDGQ'), '18,54');
  assert.equal(await calc.points('4.2'), '0,78', 'as published for Lào Cai');
  // A numerator above its denominator.
  await calc.setCount('1.1', 'procedures_announced_on_time', '999');
  assert.equal(await calc.errorOf(await calc.field('1.1', 'procedures_announced_on_time')), 'Lớn hơn mẫu số “TTHC phải công bố”');
  assert.equal(await calc.issues(), '2 ô cần sửa\nĐến ô đầu tiên');
  // Fixing both brings the total back.
  await calc.page.locator('#issues button').click();
  assert.equal(await calc.page.evaluate(() => document.activeElement.id), await calc.id('count', '1.1', 'procedures_announced_on_time'));
  await calc.page.locator(`#${await calc.id('count', '1.1', 'procedures_announced_on_time')} ~ .reset`).click();
  await field.fill('');
  await field.pressSequentially('200000');
  assert.equal(await calc.errorOf(await calc.field('4.1', 'dossiers_e_result')), '');
  assert.notEqual(await calc.total(), '—');
  assert.deepEqual(calc.page.errors, []);
});

test('a copied link reproduces the view in a fresh page, language and profile included', async () => {
  const calc = await Calculator.open(browser, server.url);
  await laoCaiOnline(calc);
  await calc.page.locator('#profile').selectOption('document');
  await calc.setLanguage('en');
  const total = await calc.total();
  const link = await calc.url();
  assert.match(link, /#s=3\./);
  const fresh = await Calculator.open(browser, link);
  assert.equal(await fresh.total(), total);
  assert.equal(await fresh.rank(), await calc.rank());
  assert.equal(await fresh.page.locator('#profile').inputValue(), 'document');
  assert.equal(await fresh.text('.page-head h1'), '766 index calculator');
  assert.equal(await (await fresh.field('3.3', 'dossiers_channel_online')).count(), 0, 'document profile has no 3.3');
  assert.deepEqual(fresh.page.errors, []);
});

test('languages: labels and number formats', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.chooseUnit('ha noi');
  assert.equal(await calc.total(), '55,23');
  assert.equal(await calc.text('.summary .metric.total .label'), 'TỔNG ĐIỂM');
  assert.equal(await calc.page.getAttribute('html', 'lang'), 'vi');
  await calc.setLanguage('en');
  assert.equal(await calc.total(), '55.23');
  assert.equal(await calc.text('.summary .metric.total .label'), 'TOTAL');
  assert.equal(await calc.rank(), 'Rank 34/34');
  assert.equal(await calc.band(), 'Average');
  assert.equal(await calc.rate('2.1'), '74.04%');
  await calc.settle();
  assert.equal(await calc.page.getAttribute('html', 'lang'), 'en');
  assert.match(await (await calc.locate('row', '2.1')).locator('h3').innerText(), /Dossiers handled early or on time/);
  await calc.setLanguage('vi');
  assert.equal(await calc.rate('2.1'), '74,04%');
  assert.match(await (await calc.locate('row', '2.1')).locator('h3').innerText(), /Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn/);
});

test('rates step with the keyboard, and the last session comes back', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.chooseUnit('dong thap');
  await calc.setRateMode('4.2', true);
  const rate = await calc.rateField('4.2');
  await calc.settle();
  assert.equal(await rate.inputValue(), '23,8227');
  await rate.focus();
  await rate.press('ArrowUp');
  await rate.press('PageUp');
  await calc.settle();
  assert.equal(await rate.inputValue(), '24,9227');
  await rate.press('PageDown');
  await rate.press('PageDown');
  await calc.settle();
  assert.equal(await rate.inputValue(), '22,9227');
  assert.equal(await calc.points('4.2'), '0,92');
  // Reload without the link: the session is restored from storage.
  await calc.persisted();
  const context = calc.page.context();
  const again = await context.newPage();
  await again.goto(server.url);
  const restored = new Calculator(again);
  await restored.ready();
  assert.equal(await (await restored.rateField('4.2')).inputValue(), '22,9227');
  // A damaged session of the earlier release is left as it is, with a
  // notice, and the saved work still opens.
  await restored.persisted();
  await again.evaluate(() => localStorage.setItem('vn766.session', '{"v":1,"l":'));
  await again.goto(server.url);
  await restored.ready();
  assert.match(await restored.text('#notice'), /Không chuyển được phiên làm việc do phiên bản trước lưu: dữ liệu bị hỏng/);
  assert.equal(await (await restored.rateField('4.2')).inputValue(), '22,9227');
  assert.equal(await again.evaluate(() => localStorage.getItem('vn766.session')), '{"v":1,"l":', 'the old data is kept');
});

test('a forged link opens the default view with a notice', async () => {
  const calc = await Calculator.open(browser, server.url + '#s=1.eyJ2IjoxLCJsIjoidmki');
  assert.match(await calc.text('#notice'), /Không mở được liên kết: liên kết bị cắt cụt hoặc bị sửa/);
  assert.equal(await calc.total(), '68,80');
});

test('screenshots at desktop and phone widths', async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const [width, height, name] of [[1280, 900, 'desktop'], [360, 740, 'phone']]) {
    const calc = await Calculator.open(browser, server.url, { width, height });
    await calc.chooseUnit('lao cai');
    await calc.setCount('4.1', 'dossiers_e_result', 'abc');
    await calc.screenshot(path.join(ARTIFACTS, `calculator-${name}-vi.png`));
    await calc.setLanguage('en');
    await calc.screenshot(path.join(ARTIFACTS, `calculator-${name}-en.png`));
    // Nothing is wider than the viewport.
    const overflow = await calc.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the window`);
  }
});

test('keyboard only: pick a unit, switch a group, step a rate', async () => {
  const calc = await Calculator.open(browser, server.url);
  const page = calc.page;
  await page.locator('#unit-search').focus();
  await page.keyboard.type('hue');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  assert.equal(await calc.currentUnit(), 'UBND Thành phố Huế (H57)');
  const givenMode = await calc.locate('given-mode', 'ONLINE');
  await givenMode.focus();
  await page.keyboard.press('Space');
  await calc.settle();
  assert.equal(await givenMode.isChecked(), true);
  assert.equal(await (await calc.locate('given', 'ONLINE')).inputValue(), '8,75', 'prefilled with the group score');
  assert.equal(await calc.total(), '64,09');
  await page.keyboard.press('Space');
  assert.equal(await givenMode.isChecked(), false);
  assert.equal(await calc.total(), '64,09');
  // Tab order follows the page: language, profile, the file tools, the
  // unit, the summary, then where the points are lost.
  // With the shipped data directory, the reference table's date comes
  // after the unit (once the directory's index has arrived).
  await page.locator('#directory-date').waitFor();
  await page.locator('.lang-switch button[lang=vi]').focus();
  const order = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el.id || el.getAttribute('aria-label') || el.innerText.trim();
    }));
  }
  assert.deepEqual(order.slice(0, 10), ['English', 'profile', 'export-json', 'import-json', 'export-xlsx', 'export-csv', 'print-report', 'share-button', 'Nhập số liệu từ đầu', 'unit-search']);
  assert.deepEqual(order.slice(10), ['directory-date', 'CKMB', 'TDGQ', 'ONLINE'], 'then the date, and the groups of the summary');
});

test('text meets AA contrast against its background', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.setCount('4.1', 'dossiers_e_result', 'x');
  const failures = await calc.page.evaluate(() => {
    const rgb = (s) => s.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = getComputedStyle(e).backgroundColor;
        const v = rgb(c);
        if (v.length < 4 || v[3] > 0) return v.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    const selectors = ['h1', '.subtitle', 'label', '.desc', '.hint', '.formula', '.note', '.badge', '.band-chip',
      '.link', '.error', '.metric .label', '.version', '.rate-line', '.bar-value', '.group-code', '.ind-id', '.max', 'button', '.issues'];
    for (const sel of selectors) {
      for (const el of document.querySelectorAll(sel)) {
        if (!el.textContent.trim() || el.offsetParent === null) continue;
        const fg = rgb(getComputedStyle(el).color).slice(0, 3);
        const [a, b] = [lum(fg), lum(background(el))].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < 4.5) out.push(`${sel} "${el.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}:1`);
      }
    }
    return [...new Set(out)];
  });
  assert.deepEqual(failures, []);
});

test('without storage the app works and says it will not remember', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  const calc = new Calculator(page);
  await calc.ready();
  assert.match(await calc.text('#notice'), /Trình duyệt không cho lưu dữ liệu/);
  await calc.setCount('2.1', 'dossiers_overdue', '0');
  assert.equal(await calc.groupScore('TDGQ'), '20,00');
  await calc.page.locator('#notice-dismiss').click();
  await calc.persisted();
  assert.equal(await page.locator('#notice').count(), 0, 'the notice stays closed');
  assert.match(await calc.url(), /#s=3\./, 'the address still carries the view');
  assert.deepEqual(errors, []);
});
