// Targets end to end: a province asks for rank 5, applies the plan, and the
// calculator shows the rank reached.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './support/server.mjs';
import { launch, DIST, ARTIFACTS } from './support/browser.mjs';
import { Calculator, TargetsPanel } from './support/calculator.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('ask for rank 5, apply the plan, and the calculator shows rank ≤ 5', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.chooseUnit('lao cai');
  assert.equal(await calc.rank(), 'Hạng 23/34');
  const targets = new TargetsPanel(calc);
  await targets.goalRank(5);
  const steps = await targets.steps();
  assert.ok(steps.length >= 1, 'a plan has steps');
  for (const s of steps) assert.match(s, /^(Tăng|Giảm) .+: \+\d+,\d\d điểm$/);
  assert.match(await targets.result(), /^Kết quả: \d+,\d\d\/100 \(\+\d+,\d\d điểm\) · .+ · Hạng [1-5]\/34$/);
  await calc.screenshot(path.join(ARTIFACTS, 'targets-plan.png'));
  await targets.apply();
  const rank = Number((await calc.rank()).match(/Hạng (\d+)\/34/)[1]);
  assert.ok(rank <= 5, `rank after applying: ${rank}`);
  assert.match(await targets.status(), /Đã đạt mục tiêu: Hạng 5/);
  assert.deepEqual(calc.page.errors, []);
});

test('locks, an unreachable goal, and English', async () => {
  const calc = await Calculator.open(browser, server.url);
  await calc.chooseUnit('ha noi');
  const targets = new TargetsPanel(calc);
  await targets.goalPoints('70');
  const before = await targets.steps();
  assert.ok(before.some((s) => s.includes('PAKN')), before.join('\n'));
  // Complaints may not change: the plan finds another way.
  await targets.lock('5.2');
  await targets.lock('5.3');
  const after = await targets.steps();
  assert.ok(!after.some((s) => s.includes('PAKN')), after.join('\n'));
  const levers = await targets.leverRows();
  assert.ok(levers.length > 5);
  // Out of reach with what may change: say so and show the best reachable.
  await targets.goalPoints('99');
  assert.match(await targets.status(), /Không đạt được mục tiêu với những gì được phép thay đổi\. Cao nhất có thể: \d+,\d\d/);
  await calc.setLanguage('en');
  assert.match(await targets.status(), /The goal is out of reach with what may change\. The best reachable: \d+\.\d\d/);
  await targets.goalBand('fair');
  assert.match(await targets.status(), /To reach Band Fair \(70\.00 points\):/);
  // The goal is part of the link.
  const fresh = await Calculator.open(browser, await calc.url());
  assert.match(await new TargetsPanel(fresh).status(), /To reach Band Fair/);
  assert.deepEqual(calc.page.errors, []);
});
