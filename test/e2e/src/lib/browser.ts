/*
 * Debian's Chromium driven by playwright-core (no browser download).
 * Playwright gives every launch a fresh, empty profile directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { resultsDir } from './portal';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type BrowserSession = {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  screenshot(name: string): Promise<string>;
  /** Opens the portal and enters as a guest (the embedded default's sign-in). */
  signInAsGuest(baseUrl: string, shot?: string): Promise<void>;
  close(): Promise<void>;
};

export async function openBrowser(): Promise<BrowserSession> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}; scripts/test.sh installs it ` +
        `(apt-get install chromium), or set CHROMIUM_PATH`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  fs.mkdirSync(resultsDir, { recursive: true });
  const screenshot = async (name: string) => {
    const file = path.join(resultsDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
  return {
    browser,
    context,
    page,
    screenshot,
    async signInAsGuest(baseUrl: string, shot?: string) {
      await page.goto(baseUrl);
      const enter = page.getByRole('button', { name: /enter/i });
      await enter.waitFor({ timeout: 60_000 });
      if (shot) {
        await screenshot(shot);
      }
      await enter.click();
      await enter.waitFor({ state: 'detached' });
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
