import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './support/browser.ts';

// The assessment's three main paths on the demo year: a reporter fills in and submits, a reviewer
// returns and approves, a leader reads the dashboard and a unit's scorecard; the office tries a
// what-if. Screenshots land in test-results/ for a person to look at.
describe('assessment', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  async function chartsDrawn(page: Page, count: number) {
    await page.waitForFunction((n) => document.querySelectorAll('canvas').length >= n, count);
    await page.waitForTimeout(800);
  }

  it('a reporter sees what is owed, fills in the fourth quarter and submits it', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'zgc');
    await page.getByRole('menuitem', { name: '我的填报' }).click();
    await page.getByTestId('due-alert').waitFor();
    await screenshot(page, 'assessment-01-reporter-due');
    await page.getByTestId('open-Y').click();
    await page.getByTestId('value-ZJ01').waitFor();
    const inputs = page.locator('input[data-testid^="value-"]');
    const n = await inputs.count();
    expect(n).toBe(14);
    for (let i = 0; i < n; i++) {
      const input = inputs.nth(i);
      if ((await input.inputValue()) === '') await input.fill(String(80 + i));
    }
    await screenshot(page, 'assessment-02-reporter-entry', true);
    await page.getByTestId('submit').click();
    await page.getByTestId('state-submitted').waitFor();
    await context.close();
  });

  it('a reviewer returns one submission with a comment and approves another', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'shenhe');
    await page.getByRole('menuitem', { name: '数据审核' }).click();
    await page.getByTestId('queue-unit').first().waitFor();
    await screenshot(page, 'assessment-03-review-queue');
    const units = page.getByTestId('queue-unit');
    const zgc = units.filter({ hasText: '中关村街道' });
    await zgc.click();
    await page.getByTestId('flags').waitFor();
    await screenshot(page, 'assessment-04-review-detail', true);
    await page.getByTestId('return').click();
    await page.getByTestId('return-comment-input').fill('ZJ03 固定资产投资增速与统计局快报不一致，请核实');
    await page.getByTestId('confirm-return').click();
    await page.waitForURL('**/assessment/review');
    await units.first().waitFor();
    await expect.poll(async () => (await units.allTextContents()).includes('中关村街道')).toBe(false);
    await units.first().click();
    await page.getByTestId('approve').click();
    await page.waitForURL('**/assessment/review');
    await context.close();
    // the reporter sees the comment
    const reporter = await newPage(browser);
    await logIn(reporter.page, 'zgc');
    await reporter.page.goto('/assessment/due');
    await reporter.page.getByText('ZJ03 固定资产投资增速与统计局快报不一致，请核实').waitFor();
    await reporter.context.close();
  });

  it('a leader reads the rankings with tiers, intervals, distribution and a scorecard', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'lingdao');
    await page.getByRole('menuitem', { name: '考核结果' }).click();
    await page.getByTestId('ranking-table').waitFor();
    await chartsDrawn(page, 3);
    await screenshot(page, 'assessment-05-leader-dashboard', true);
    await page.getByTestId('result-unit').nth(2).click();
    await page.getByTestId('card-score').waitFor();
    await chartsDrawn(page, 2);
    await screenshot(page, 'assessment-06-scorecard', true);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'assessment-07-scorecard-print', true);
    await context.close();
  });

  it('the office moves a weight and sees ranks change in the browser', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    await page.goto('/assessment/results');
    await page.getByTestId('ranking-table').waitFor();
    await page.getByRole('button', { name: '权重模拟' }).click();
    await page.getByTestId('what-if-summary').waitFor();
    await expect.poll(() => page.getByTestId('what-if-summary').textContent()).toContain('0 个单位名次变化');
    const slider = page.getByTestId('weight-ZJ-JJ').locator('.ant-slider-rail');
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.98, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('what-if-summary').textContent()).not.toContain('0 个单位名次变化');
    await page.getByTestId('run-intervals').click();
    await screenshot(page, 'assessment-08-what-if', true);
    await page.goto('/assessment/schemes');
    await page.getByRole('link', { name: /2026年度海淀区高质量发展综合考核方案/ }).click();
    await page.getByTestId('scheme-tree').getByText('地区生产总值增速').click();
    await screenshot(page, 'assessment-09-scheme-tree', true);
    await page.getByRole('menuitem', { name: '批量导入与加减分' }).click();
    await page.getByRole('cell', { name: '辖区发生较大生产安全事故', exact: true }).waitFor();
    await screenshot(page, 'assessment-10-import-adjustments', true);
    await context.close();
  });
});
