import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, fillLogin, launchBrowser, logIn, logOut, newPage, screenshot } from './support/browser.ts';

describe('accounts', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('an account created by the administrator must change its password at first login', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin');
    await page.goto('/users');
    await page.getByTestId('users-table').getByText('lingdao').waitFor();
    await page.getByRole('button', { name: '新建账号' }).click();
    await page.locator('#user_username').fill('e2e-zhaomin');
    await page.locator('#user_displayName').fill('赵敏');
    await chooseOption(page, 'user_role', '单位填报员');
    await chooseOption(page, 'user_unitId', '中关村街道', 'zgcjd');
    await page.locator('#user_password').fill('Initial-pass-2026');
    await screenshot(page, '17-user-create-drawer');
    await page.getByTestId('user-form-save').click();
    await page.getByText('已创建账号 e2e-zhaomin').waitFor();
    const row = page.getByTestId('users-table').locator('tr').filter({ hasText: 'e2e-zhaomin' });
    await row.getByText('待改密码').waitFor();
    await expect(row.textContent()).resolves.toContain('中关村街道');
    await screenshot(page, '18-users-list');
    await logOut(page);

    await page.goto('/login');
    await fillLogin(page, 'e2e-zhaomin', 'Initial-pass-2026');
    await page.waitForURL('**/password');
    await page.getByText('首次登录，请修改初始密码').waitFor();
    // Until the password is changed, no other page opens.
    await page.goto('/units');
    await page.waitForURL('**/password');
    await page.locator('#currentPassword').fill('Initial-pass-2026');
    await page.locator('#newPassword').fill('Zhaomin-own-2026');
    await page.locator('#repeat').fill('Zhaomin-own-2025');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    await screenshot(page, '19-forced-password-change');
    await page.locator('#repeat').fill('Zhaomin-own-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByTestId('home-role').textContent()).resolves.toContain('单位填报员');
    await page.getByText('所属单位：中关村街道').waitFor();
    await screenshot(page, '20-reporter-home');

    await logOut(page);
    await logIn(page, 'e2e-zhaomin', 'Zhaomin-own-2026');
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });

  it('the forced password change refuses a wrong current password on its field', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin');
    await page.goto('/password');
    await page.locator('#currentPassword').fill('not-my-password');
    await page.locator('#newPassword').fill('Another-pass-2026');
    await page.locator('#repeat').fill('Another-pass-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    const item = page.locator('.ant-form-item').filter({ has: page.locator('label[for="currentPassword"]') });
    await item.getByText('当前密码不正确').waitFor();
    await context.close();
  });
});
