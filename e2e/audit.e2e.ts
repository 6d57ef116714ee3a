import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot, unitIdByName } from './support/browser.ts';

describe('audit trail', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('the administrator verifies the hash chain and reads the history of a record', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin');
    const id = await unitIdByName(page, '中关村街道');
    await page.locator('.app-sider').getByText('审计日志').click();
    await page.waitForURL('**/audit');
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-result');
    await result.getByText('审计链完整').waitFor();
    await expect(result.textContent()).resolves.toMatch(/已校验 [\d,]+ 条记录/);
    await page.getByPlaceholder('实体 ID').fill(id);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const history = page.getByTestId('entity-history');
    await history.getByText('新建单位').waitFor();
    // Stored ids and codes are shown by name.
    await history.locator('.change-after').getByText('镇街').waitFor();
    await history.locator('.change-after').getByText('海淀区').waitFor();
    await screenshot(page, '21-audit-verified');
    await context.close();
  });
});
