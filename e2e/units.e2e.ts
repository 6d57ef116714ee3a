import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, chooseOption, launchBrowser, logIn, newPage, screenshot, unitIdByName } from './support/browser.ts';

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('unit-search').locator('input');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL(`**/units?q=${encodeURIComponent(text)}`);
}

const rows = (page: Page) => page.getByTestId('units-table').locator('tbody tr.ant-table-row');

describe('units', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('finds a street by its pinyin initials', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    await page.goto('/units');
    await search(page, 'zgc');
    await rows(page).filter({ hasText: '中关村街道' }).waitFor();
    for (const text of await rows(page).allTextContents()) expect(text).toContain('中关村');
    await screenshot(page, '06-units-search-zgc');
    await context.close();
  });

  it('creates a unit in a drawer, finds it by pinyin initials, edits it and shows the change history', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    await page.goto('/units');
    await page.getByRole('button', { name: '新建单位' }).click();
    await page.locator('.ant-drawer-title').getByText('新建单位').waitFor();
    await page.locator('#unit_code').fill('E2E-XH01');
    await page.locator('#unit_name').fill('星火科技创新园');
    await chooseOption(page, 'unit_kind', '园区');
    await chooseOption(page, 'unit_divisionCode', '中关村街道', '中关村');
    await chooseOption(page, 'unit_categoryId', '部门');
    await screenshot(page, '07-unit-create-drawer');
    await page.getByTestId('unit-form-save').click();
    await page.getByText('已新建“星火科技创新园”').waitFor();

    await search(page, 'xhkjcxy');
    await rows(page).first().getByText('星火科技创新园').waitFor();
    await expect(rows(page).count()).resolves.toBe(1);
    await expect(rows(page).first().textContent()).resolves.toContain('中关村街道');
    await screenshot(page, '08-units-found-by-pinyin');

    await rows(page).first().getByRole('link', { name: '星火科技创新园' }).click();
    await page.waitForURL(/\/units\/[0-9a-f-]{36}$/);
    await page.getByTestId('unit-basics').getByText('E2E-XH01').waitFor();
    await page.locator('.page-header-extra').getByRole('button', { name: /编\s*辑/ }).click();
    await page.locator('#unit_shortName').fill('星火园');
    await page.getByTestId('unit-form-save').click();
    await page.getByText('已保存').waitFor();
    await page.getByRole('tab', { name: '变更记录' }).click();
    const history = page.getByTestId('entity-history');
    await history.getByText('修改单位').waitFor();
    await expect(history.textContent()).resolves.toContain('新建单位');
    const change = history.locator('.change-list li').filter({ hasText: '简称' }).first();
    await expect(change.locator('.change-after').textContent()).resolves.toBe('星火园');
    await screenshot(page, '09-unit-history');
    await context.close();
  });

  it('puts the server\'s refusal of a duplicate code on the code field', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin');
    await page.goto('/units');
    await page.getByRole('button', { name: '新建单位' }).click();
    await page.locator('#unit_code').fill('BM001');
    await page.locator('#unit_name').fill('重复代码的单位');
    await chooseOption(page, 'unit_kind', '其他');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST');
    await page.getByTestId('unit-form-save').click();
    expect((await answered).status()).toBe(409);
    const codeItem = page.locator('.ant-form-item').filter({ has: page.locator('label[for="unit_code"]') });
    await codeItem.locator('.ant-form-item-explain-error').getByText('单位代码 BM001 已存在').waitFor();
    await screenshot(page, '10-unit-duplicate-code');
    await context.close();
  });

  it('deactivates a unit only after confirmation, and reactivates it', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin');
    const id = await unitIdByName(page, '区体育局');
    await page.goto(`/units/${id}`);
    const basics = page.getByTestId('unit-basics');
    await basics.getByText('启用').waitFor();
    await page.locator('.page-header-extra').getByRole('button', { name: /停\s*用/ }).click();
    await page.locator('.ant-popconfirm').getByText(/历史记录保留/).waitFor();
    await screenshot(page, '11-unit-deactivate-confirm');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await basics.getByText('停用').waitFor();
    await page.locator('.page-header-extra').getByRole('button', { name: /启\s*用/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await basics.getByText('启用').waitFor();
    await page.getByRole('tab', { name: '变更记录' }).click();
    await page.getByTestId('entity-history').getByText('停用单位').waitFor();
    await context.close();
  });

  it('says when someone else changed the unit meanwhile, and reloads it', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    const id = await unitIdByName(page, '区民政局');
    await page.goto(`/units/${id}`);
    await page.getByTestId('unit-basics').getByText('区民政局').waitFor();
    await page.locator('.page-header-extra').getByRole('button', { name: /编\s*辑/ }).click();
    await page.locator('#unit_shortName').waitFor();
    // Another official saves first.
    const current = await apiFromPage<{ version: number }>(page, 'GET', `/api/units/${id}`);
    const other = await apiFromPage(page, 'PATCH', `/api/units/${id}`, { shortName: '民政', version: current.body.version });
    expect(other.status).toBe(200);
    await page.locator('#unit_shortName').fill('民政局（旧版本）');
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/units/${id}`) && r.request().method() === 'PATCH');
    await page.getByTestId('unit-form-save').click();
    expect((await answered).status()).toBe(409);
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.locator('.ant-modal-confirm-title').getByText('数据已被他人修改').waitFor();
    await expect(dialog.textContent()).resolves.toContain('已被他人修改，请刷新后重试');
    await screenshot(page, '12-unit-conflict');
    await dialog.getByRole('button', { name: '重新加载' }).click();
    await page.getByTestId('unit-basics').getByText('民政', { exact: true }).waitFor();
    await context.close();
  });
});
