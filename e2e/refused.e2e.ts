import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, launchBrowser, logIn, newPage, screenshot, unitIdByName } from './support/browser.ts';

describe('refused actions', () => {
  let browser: Browser;
  let otherUnitId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    otherUnitId = await unitIdByName(page, '区财政局');
    await context.close();
  });
  afterAll(async () => { await browser?.close(); });

  it('a unit reporter sees only their own unit; another unit is "not found or not permitted"', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'zgc');
    await expect(page.getByTestId('home-role').textContent()).resolves.toContain('单位填报员');
    const menu = page.locator('.app-sider');
    await menu.getByText('本单位', { exact: true }).waitFor();
    await expect(menu.getByText('单位管理').count()).resolves.toBe(0);
    await page.goto('/units');
    await page.getByTestId('unit-basics').getByText('中关村街道').first().waitFor();
    expect(page.url()).toMatch(/\/units\/[0-9a-f-]{36}$/);

    await page.goto(`/units/${otherUnitId}`);
    await page.getByText('单位不存在，或您无权查看该单位。').waitFor();
    await expect(page.getByTestId('load-failed-message').textContent()).resolves.toContain('单位不存在');
    await expect(page.getByText('区财政局').count()).resolves.toBe(0);
    await screenshot(page, '13-reporter-other-unit');
    await context.close();
  });

  it('the assessment office is refused the audit chain check, with the server\'s reason', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    await expect(page.locator('.app-sider').getByText('审计日志').count()).resolves.toBe(0);
    await page.goto('/audit');
    await page.getByTestId('audit-verify').click();
    const notice = page.locator('.ant-notification-notice');
    await notice.getByText('没有权限', { exact: true }).waitFor();
    await expect(notice.textContent()).resolves.toContain('只有系统管理员可以校验审计链');
    await screenshot(page, '14-refused-audit-verify');
    await context.close();
  });

  it('a leader reads everything, is offered no edits, and is refused account management', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'lingdao');
    await page.locator('.app-header').getByText('只读').waitFor();
    await page.goto('/units');
    await page.getByTestId('units-table').getByText('区财政局').waitFor();
    await expect(page.getByRole('button', { name: '新建单位' }).count()).resolves.toBe(0);
    await expect(page.getByTestId('units-table').getByRole('button', { name: /编\s*辑/ }).count()).resolves.toBe(0);
    await screenshot(page, '15-leader-units-read-only');

    // The server refuses what the interface does not offer.
    const refused = await apiFromPage<{ error: { code: string; message: string } }>(page, 'POST', '/api/units', {
      code: 'LEADER-1', name: '领导建的单位', kind: 'other', districtCode: '110108',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('没有权限');

    await page.goto('/users');
    await page.getByText('只有系统管理员可以管理账号').waitFor();
    await expect(page.locator('.ant-result-title').textContent()).resolves.toBe('没有权限');
    await screenshot(page, '16-leader-users-refused');
    await context.close();
  });
});
