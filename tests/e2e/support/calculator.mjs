// Page object for the calculator: what a user can do and read on the page,
// so that tests speak in those terms and not in selectors.
import { newPage } from './browser.mjs';

/** An element's id as the running app gives it, in a page or a frame: the
 * app's own `dom_id` (exported by its module, which the boot script shares
 * as `__vn766`), so the rule is written once. */
export async function appId(pageOrFrame, kind, ...args) {
  const id = await pageOrFrame.evaluate(([kind, args]) => globalThis.__vn766.dom_id(kind, args), [kind, args]);
  if (!id) throw new Error(`no element id for ${kind}(${args.join(', ')})`);
  return id;
}

export class Calculator {
  constructor(page) { this.page = page; }

  static async open(browser, url, options) {
    const page = await newPage(browser, options);
    await page.goto(url);
    const calc = new Calculator(page);
    await calc.ready();
    return calc;
  }

  /** A link to the view of a unit (`typed` as into the unit picker), made
   * in a page of its own. */
  static async linkTo(browser, url, typed) {
    const calc = await Calculator.open(browser, url);
    await calc.chooseUnit(typed);
    const link = await calc.url();
    await calc.page.context().close();
    return link;
  }

  /** A new tab of an existing browser context (shared storage, as a user's
   * second tab) with the app loaded from `url`. */
  static async inContext(context, url) {
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(String(e)));
    await page.goto(url);
    const calc = new Calculator(page);
    await calc.ready();
    return calc;
  }

  /** The app is up (not only its prerendered page): its module answers and
   * the prerendered view is gone. */
  async ready() {
    await this.page.waitForFunction(() => globalThis.__vn766 && !document.getElementById('prerendered'), null, { timeout: 20000 });
    await this.page.locator('#total').waitFor({ timeout: 20000 });
  }

  /** An element's id, as the app gives it (see `appId`). */
  id(kind, ...args) { return appId(this.page, kind, ...args); }
  /** The element of that kind: `locate('rest', 'ONLINE')`. */
  async locate(kind, ...args) { return this.page.locator(`#${await this.id(kind, ...args)}`); }

  // --- reading -------------------------------------------------------------
  /** Lets the app finish rendering the last input (two animation frames). */
  async settle() {
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  async text(selector) { await this.settle(); return this.page.locator(selector).innerText(); }
  total() { return this.text('#total'); }
  band() { return this.text('#band'); }
  rank() { return this.text('#rank'); }
  delta() { return this.text('#delta'); }
  issues() { return this.text('#issues'); }
  currentUnit() { return this.text('#current-unit'); }
  async points(indicator) { return this.text(`#${await this.id('points', indicator)}`); }
  async rate(indicator) { return this.text(`#${await this.id('rate-out', indicator)}`); }
  async groupScore(group) { return this.text(`#${await this.id('group-score', group)}`); }
  /** Waits until the app has written the address and storage (it writes
   * once typing pauses, and marks the page meanwhile). */
  async persisted() {
    await this.settle();
    await this.page.locator('html:not([data-saving])').waitFor({ state: 'attached' });
  }
  async url() { await this.persisted(); return this.page.url(); }

  /** Times `edits` edits of 2.1's overdue dossiers (start, start + step, …),
   * each from the input event to the updated total in the DOM, and to the
   * next animation frame; counts the edits that changed the total. */
  async timeEdits({ edits, start = 1000, step = 997 }) {
    const field = await this.id('count', '2.1', 'dossiers_overdue');
    return this.page.evaluate(async ({ edits, start, step, field }) => {
      const input = document.getElementById(field);
      const total = document.getElementById('total');
      const toDom = [], toFrame = [];
      let reached = 0;
      for (let i = 0; i < edits; i++) {
        const before = total.textContent;
        const t0 = performance.now();
        input.value = String(start + i * step);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        if (total.textContent === before) {
          // Not yet rendered: wait for the summary to change.
          await new Promise((resolve) => {
            const obs = new MutationObserver(() => { obs.disconnect(); resolve(); });
            obs.observe(total, { childList: true, characterData: true, subtree: true });
            setTimeout(() => { obs.disconnect(); resolve(); }, 1000);
          });
        }
        toDom.push(performance.now() - t0);
        if (total.textContent !== before) reached++;
        // And to the next frame (style, layout, paint scheduled).
        await new Promise((r) => requestAnimationFrame(() => r()));
        toFrame.push(performance.now() - t0);
      }
      return { toDom, toFrame, reached };
    }, { edits, start, step, field });
  }

  /** Opens an indicator's details (its counts, mode, slider, how computed)
   * as a user would, by its name on its line. */
  async openRow(indicator) {
    const toggle = this.page.locator(`#${await this.id('row', indicator)}-name`);
    if ((await toggle.count()) === 0) return; // no such indicator in this method
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  /** A count's field: in the indicator's details, opened first. */
  async field(indicator, quantity) { await this.openRow(indicator); return this.locate('count', indicator, quantity); }
  rateField(indicator) { return this.locate('rate', indicator); }
  /** The field of a count's or a rate's current value ("hiện tại"), for an
   * indicator the reference table does not hold. */
  async currentField(indicator, quantity) { await this.openRow(indicator); return this.locate('current-count', indicator, quantity); }
  currentRateField(indicator) { return this.locate('current-rate', indicator); }
  /** The line that says what is left of a group's published score. */
  async remainder(group) { return this.text(`#${await this.id('rest', group)}`); }
  async currentPoints(indicator) { return this.text(`#${await this.id('current-points', indicator)}`); }
  /** The message under a field (its `-error` element). */
  async errorOf(field) { return this.text(`#${await field.getAttribute('id')}-error`); }

  // --- doing ---------------------------------------------------------------
  /** Types in the unit search as a user would and picks the first match. */
  async chooseUnit(typed) {
    const search = this.page.locator('#unit-search');
    await search.click();
    await search.pressSequentially(typed, { delay: 10 });
    await this.page.locator('#unit-list [role=option]').first().waitFor();
    await search.press('Enter');
  }

  async type(locator, text) {
    await locator.click();
    await locator.fill('');
    await locator.pressSequentially(text, { delay: 5 });
  }

  async setCount(indicator, quantity, text) { await this.type(await this.field(indicator, quantity), text); }
  async setCurrentCount(indicator, quantity, text) { await this.type(await this.currentField(indicator, quantity), text); }
  async setRate(indicator, text) { await this.type(await this.rateField(indicator), text); }
  async setCurrentRate(indicator, text) { await this.type(await this.currentRateField(indicator), text); }

  async setGivenMode(group, on) {
    const box = await this.locate('given-mode', group);
    if ((await box.isChecked()) !== on) await box.click();
  }

  async setRateMode(indicator, on) {
    const label = on ? /^(Tỷ lệ|Rate)$/ : /^(Số lượng|Counts)$/;
    await this.openRow(indicator);
    await (await this.locate('row', indicator)).locator('.mode button', { hasText: label }).click();
  }

  /** A new scenario, named as a user would name it. */
  async addScenario(name) {
    await this.page.locator('#scenario-new').click();
    await this.type(this.page.locator('#scenario-name'), name);
  }
  scenarioNames() { return this.page.locator('.scenario-tabs .scenario').allInnerTexts(); }

  async setLanguage(code) {
    await this.page.locator(`.lang-switch button[lang=${code}]`).click();
  }

  async screenshot(path) { await this.page.screenshot({ path, fullPage: true }); }
}

/** The targets panel. */
export class TargetsPanel {
  constructor(calc) { this.calc = calc; this.page = calc.page; }
  async goalRank(n) {
    await this.page.locator('#goal-kind-rank').check();
    await this.calc.type(this.page.locator('#goal-rank'), String(n));
  }
  async goalPoints(text) {
    await this.page.locator('#goal-kind-points').check();
    await this.calc.type(this.page.locator('#goal-points'), text);
  }
  async goalBand(id) {
    await this.page.locator('#goal-kind-band').check();
    await this.page.locator('#goal-band').selectOption(id);
  }
  /** Waits for the planner (it runs once typing pauses). */
  async planned() {
    await this.calc.settle();
    await this.page.locator('.plan-status:not([data-stale])').waitFor();
  }
  async steps() { await this.planned(); return this.page.locator('#plan .steps li').allInnerTexts(); }
  async result() { await this.planned(); return this.calc.text('#plan-result'); }
  async status() { await this.planned(); return this.calc.text('.plan-status'); }
  async apply() { await this.planned(); await this.page.locator('#apply-plan').click(); }
  async lock(owner) { await this.openLevers(); await (await this.calc.locate('lock', owner)).check(); }
  async openLevers() {
    const d = this.page.locator('details.levers');
    if ((await d.getAttribute('open')) === null) await d.locator('summary').click();
  }
  async leverRows() { await this.planned(); return this.page.locator('details.levers tbody tr').allInnerTexts(); }
}
