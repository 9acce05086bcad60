// Debian's Chromium, headless, driven by playwright-core (which never
// downloads a browser of its own).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const ARTIFACTS = process.env.ARTIFACTS ?? path.resolve('artifacts');
export const DIST = path.resolve(process.env.DIST ?? 'dist');

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch(extraArgs = []) {
  // playwright-core starts Chromium with a fresh temporary --user-data-dir.
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...ARGS, ...extraArgs] });
}

/** A new page that records console errors and page errors. */
export async function newPage(browser, { width = 1280, height = 900, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
