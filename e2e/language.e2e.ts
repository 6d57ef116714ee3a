import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './support/browser.ts';

describe('language', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('switches every label from Chinese to English and remembers the choice', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    await page.goto('/units');
    const menu = page.locator('.app-sider');
    await menu.getByText('单位管理').waitFor();
    await page.getByRole('columnheader', { name: '单位名称' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');

    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await menu.getByText('Units', { exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Unit name' }).waitFor();
    await expect(menu.textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('Assessment office');
    // Ant Design's own texts follow too: the pagination speaks English.
    await expect(page.locator('.ant-pagination').textContent()).resolves.toContain('in total');
    await screenshot(page, '05-units-english');

    await page.reload();
    await menu.getByText('Units', { exact: true }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('link', { name: '区民政局' }).click();
    await page.getByRole('tab', { name: 'Change history' }).click();
    await page.getByTestId('entity-history').getByText('Unit created').waitFor();
    await screenshot(page, '05b-unit-detail-english');
    await menu.getByText('Home', { exact: true }).click();
    await page.getByRole('heading', { name: 'Haidian District at a glance' }).waitFor();
    await page.getByTestId('home-by-kind').getByText('District department').waitFor();
    await screenshot(page, '05c-home-english');

    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await menu.getByText('单位管理').waitFor();
    await context.close();
  });

  it('shows the call-taker page and the citizen\'s page in English', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'rexian');
    await page.goto('/requests/new');
    await page.getByRole('heading', { name: '受理诉求' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Take a request' }).waitFor();
    await expect(page.locator('.page').textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, '05d-call-taker-english');

    // The citizen's page has no user menu: it keeps the choice, and offers the switch itself.
    await page.goto('/report');
    await page.getByRole('heading', { name: 'Haidian 12345 · Report a problem online' }).waitFor();
    await page.getByTestId('public-submit').getByText('Submit').waitFor();
    await expect(page.locator('#root').textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '海淀区 12345 · 网上反映诉求' }).waitFor();
    await context.close();
  });
});
