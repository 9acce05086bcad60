// Page object for "Phiên làm việc đã lưu", the saved sessions: what a user
// sees in the list and does with it.

export class SavedSessions {
  constructor(calc) { this.calc = calc; this.page = calc.page; }

  async expand() {
    await this.calc.settle();
    if (!(await this.page.locator('#saved').evaluate((d) => d.open))) await this.page.locator('#saved-summary').click();
  }
  entries() { return this.page.locator('#saved .saved-entry'); }
  /** The saved sessions' names, the most recent first. */
  async names() { await this.expand(); return this.page.locator('#saved .saved-name').allInnerTexts(); }
  /** The name of the session this tab has open. */
  async openName() { await this.expand(); return this.page.locator('#saved .saved-entry.open .saved-name').innerText(); }
  async memory() { await this.calc.settle(); return this.page.locator('#saved-memory').textContent(); }
  async damaged() { await this.expand(); return this.page.locator('#saved .saved-damaged').allInnerTexts(); }
  async newSession() { await this.expand(); await this.page.locator('#saved-new').click(); await this.calc.settle(); }
  /** Opens the entry at `index` in the list (the most recent first). */
  async openAt(index) {
    await this.expand();
    const button = this.entries().nth(index).locator('.saved-open');
    if (await button.count()) await button.click();
    await this.calc.settle();
  }
  /** Every scenario name of every saved session, each opened in turn from the list. */
  async allPlans() {
    const plans = [];
    const n = await this.entries().count();
    for (let i = 0; i < n; i++) {
      await this.openAt(i);
      plans.push(...(await this.calc.scenarioNames()));
    }
    return plans;
  }
}
