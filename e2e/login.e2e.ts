import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLogin, launchBrowser, logIn, logOut, newPage, screenshot } from './support/browser.ts';

describe('login', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('sends an anonymous visitor to the login page and back to where they wanted to go', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/categories');
    await page.waitForURL('**/login?next=%2Fcategories');
    await page.getByRole('heading', { name: '用户登录' }).waitFor();
    await screenshot(page, '01-login-page');
    await fillLogin(page, 'kaohe', 'Demo-2026-haidian');
    await page.waitForURL('**/categories');
    await page.getByTestId('categories-table').getByText('镇街', { exact: true }).waitFor();
    await context.close();
  });

  it('logs in the administrator, shows the district at a glance, and logs out', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('home-role').textContent()).resolves.toContain('系统管理员');
    await page.getByTestId('home-by-kind').getByText('区级部门').waitFor();
    await expect(page.getByRole('menuitem', { name: '账号管理' }).isVisible()).resolves.toBe(true);
    await screenshot(page, '02-home-admin');
    await logOut(page);
    await page.goto('/');
    await page.waitForURL('**/login');
    await context.close();
  });

  it('says clearly when the password is wrong, and when attempts are throttled', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await fillLogin(page, 'no-such-user', 'wrong-password-1');
    const error = page.getByTestId('login-error');
    await error.getByText('用户名或密码错误').waitFor();
    await screenshot(page, '03-login-wrong-password');
    // The account is throttled after five failures; the sixth attempt is refused with 429.
    for (let attempt = 2; attempt <= 6; attempt++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await fillLogin(page, 'no-such-user', `wrong-password-${attempt}`);
      expect((await answered).status()).toBe(attempt < 6 ? 401 : 429);
    }
    await error.getByText(/尝试次数过多，请 \d+ (秒|分钟)后再试/).waitFor();
    await expect(error.textContent()).resolves.toContain('登录失败次数过多');
    await screenshot(page, '04-login-throttled');
    await context.close();
  });
});
