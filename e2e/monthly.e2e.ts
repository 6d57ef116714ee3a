import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, launchBrowser, logIn, newPage, screenshot } from './support/browser.ts';

// Monthly indicators in the browser, on a 2025 scheme made for the test (the demo's 2026 has none):
// the office sees a monthly indicator's period value rule and due day in the scheme editor; a
// reporter finds the months in what they owe, fills in March with each indicator's deadline shown
// and submits; the reviewer sees the values handed in after their own deadlines flagged.
const year = 2025;
const name = '2025年度月度指标演示方案';
const content = {
  periods: [
    { code: 'Q1', label: '一季度', deadline: '2025-04-15', weight: 0.4 },
    { code: 'H1', label: '上半年', deadline: '2025-07-15', weight: 0.6 },
  ],
  monthlyDueDay: 10,
  categories: [{
    categoryCode: 'ZJ', name: '镇街', nodes: [
      { code: 'D', name: '城市治理', parent: null, kind: 'dimension', weight: 1 },
      { code: 'A01', name: '背街小巷整治完成率', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '%', frequency: 'quarterly', dueDay: 20, min: 0, max: 100 },
      { code: 'MA', name: '垃圾分类准确率', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '%', frequency: 'monthly', min: 0, max: 100 },
      { code: 'MS', name: '新增就业人数', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '人', frequency: 'monthly', aggregate: 'sum', dueDay: 5, min: 0 },
      { code: 'ML', name: '月末在建项目数', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '个', frequency: 'monthly', aggregate: 'last', min: 0 },
    ],
  }],
};

describe('monthly indicators', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('the office sets a monthly indicator’s period value and due day', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    const created = await apiFromPage<{ id: string; version: number }>(page, 'POST', '/api/assessment/schemes', { year, name, content });
    expect(created.status).toBe(201);
    expect((await apiFromPage(page, 'POST', `/api/assessment/schemes/${created.body.id}/publish`, { version: created.body.version })).status).toBe(200);
    await page.goto(`/assessment/schemes/${created.body.id}`);
    await page.getByTestId('scheme-tree').getByText('新增就业人数').click();
    await expect.poll(() => page.getByTestId('node-due-day').inputValue()).toBe('5');
    await expect.poll(() => page.getByTestId('node-aggregate').textContent()).toContain('各月合计');
    await screenshot(page, 'monthly-01-scheme-node', true);
    await context.close();
  });

  it('a reporter fills in a month, each indicator with its deadline, and the reviewer sees late values', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'zgc');
    await page.goto('/assessment/due');
    await page.locator('.ant-page-header, .page').locator('.ant-select').last().click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2025年度' }).click();
    await page.getByTestId('open-M03').waitFor();
    await screenshot(page, 'monthly-02-due', true);
    await page.getByTestId('open-M03').click();
    await page.getByTestId('monthly-report').waitFor();
    expect(await page.locator('input[data-testid^="value-"]').count()).toBe(3);
    await expect.poll(() => page.getByTestId('deadline-MS').textContent()).toContain('2025年4月5日');
    await page.getByTestId('value-MA').fill('92');
    await page.getByTestId('value-MS').fill('8');
    await page.getByTestId('value-ML').fill('6');
    await screenshot(page, 'monthly-03-entry', true);
    await page.getByTestId('submit').click();
    await page.getByTestId('state-submitted').waitFor();
    await context.close();

    const reviewer = await newPage(browser);
    await logIn(reviewer.page, 'shenhe');
    const queue = await apiFromPage<{ id: string; period: string }[]>(reviewer.page, 'GET', `/api/assessment/years/${year}/queue?state=submitted`);
    const march = queue.body.find((q) => q.period === 'M03')!;
    await reviewer.page.goto(`/assessment/review/${march.id}`);
    await reviewer.page.getByTestId('flags').waitFor();
    // 2025 is over: all three values came after their own deadlines
    await expect.poll(() => reviewer.page.getByTestId('late-value').count()).toBe(3);
    await screenshot(reviewer.page, 'monthly-04-review', true);
    await reviewer.context.close();
  });
});
