// Headless Chromium (Debian's package) driven by playwright-core, with helpers the tests share.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const demoPassword = 'Demo-2026-haidian';
export const screenshotDir = resolve(import.meta.dirname, '..', '..', 'test-results');

export const baseUrl = (): string => inject('baseUrl');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile: no cookies, no saved language, a desktop-sized window. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(), viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Saves a full-page screenshot as test-results/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await animationsDone(page);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/** Waits for opening drawers, fading notifications and switching tabs to come to rest. */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 2_000))]);
  });
}

/** Logs in through the form and waits until the app shell shows the user's name. */
export async function logIn(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await fillLogin(page, username, password);
  await page.getByTestId('user-menu').waitFor();
}

export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type="submit"]').click();
}

export async function logOut(page: Page): Promise<void> {
  await overlaysGone(page);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Log out/ }).click();
  await page.waitForURL('**/login');
}

/**
 * Calls the API with the page's own session, as the web app would: for arranging data a test
 * needs and for provoking refusals the interface does not offer.
 */
export async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(async ({ method, path, body }) => {
    const me = await fetch('/api/auth/me').then((r) => r.json()) as { csrfToken?: string };
    const response = await fetch(path, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }, { method, path, body });
}

/**
 * Picks an option of the Ant Design select whose input has id `field` ("<form>_<name>"), typing
 * `search` first when the list is searched on the server.
 */
export async function chooseOption(page: Page, field: string, option: string, search?: string): Promise<void> {
  const item = page.locator('.ant-form-item').filter({ has: page.locator(`label[for="${field}"]`) });
  // The choice must show in the field before the test goes on; a click lost to a dropdown that
  // closes or re-filters under the pointer would otherwise surface much later as a form that
  // never submits. Such a click is tried again, up to three times.
  for (let attempt = 1; ; attempt++) {
    await item.locator('.ant-select').click();
    if (search) await item.locator('input').fill(search);
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
    try {
      await expect.poll(() => item.locator('.ant-select').textContent(), { timeout: 3_000 }).toContain(option);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** The id of a unit found by a search, through the page's session. */
export async function unitIdByName(page: Page, name: string): Promise<string> {
  const found = await apiFromPage<{ items: { id: string; name: string }[] }>(page, 'GET', `/api/units?q=${encodeURIComponent(name)}&active=all`);
  const unit = found.body.items.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit named ${name}`);
  return unit.id;
}

/** Waits until drawers and dialogs have finished closing, so their masks no longer catch clicks. */
export async function overlaysGone(page: Page): Promise<void> {
  await page.locator('.ant-drawer-title:visible, .ant-modal-title:visible').first().waitFor({ state: 'hidden' });
}
