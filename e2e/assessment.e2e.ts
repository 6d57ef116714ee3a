import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, launchBrowser, logIn, newPage, screenshot, unitIdByName } from './support/browser.ts';

// The assessment's three main paths on the demo year: a reporter fills in and submits, a reviewer
// returns and approves, a leader reads the dashboard and a unit's scorecard; the office tries a
// what-if and edits a draft scheme; the statistics bureau imports. Screenshots land in
// test-results/ for a person to look at.
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
    // 15 indicators: the raters score one, and 接诉即办综合得分 (ZJ07) is computed from 12345 data —
    // shown read-only below the form with the months it comes from, never an input.
    expect(n).toBe(13);
    expect(await page.getByTestId('value-ZJ07').count()).toBe(0);
    await page.getByTestId('computed-ZJ07').waitFor();
    expect(await page.getByTestId('computed-lines').getByTestId('computed-source').textContent()).toBe('根据12345接诉即办数据计算');
    expect(await page.getByTestId('computed-lines').textContent()).toContain('2026年1–12月各月综合得分的平均');
    expect(await page.getByTestId('computed-months').textContent()).toMatch(/^1月 \d+(\.\d+)? · 2月 /);
    expect(await page.getByTestId('computed-ZJ07').textContent()).toMatch(/^\d+(\.\d+)?$/);
    await page.getByTestId('computed-lines').scrollIntoViewIfNeeded();
    await screenshot(page, 'assessment-02b-reporter-computed');
    for (let i = 0; i < n; i++) {
      const input = inputs.nth(i);
      if ((await input.inputValue()) === '') await input.fill(String(80 + i));
    }
    await screenshot(page, 'assessment-02-reporter-entry', true);
    await page.getByTestId('submit').click();
    await page.getByTestId('state-submitted').waitFor();
    await context.close();
  });

  it('the office sees that the year’s draft no longer shows the data, and recomputes it', async () => {
    // An adjustment of the fourth quarter is approved after the demo computed the year's draft.
    const office = await newPage(browser);
    await logIn(office.page, 'kaohe');
    const unitId = await unitIdByName(office.page, '学院路街道');
    const proposed = await apiFromPage<{ id: string; version: number }>(office.page, 'POST', '/api/assessment/adjustments',
      { year: 2026, period: 'Y', unitId, kind: 'bonus', item: 'award', points: 1, reason: '四季度获评全市接诉即办先进集体' });
    expect(proposed.status).toBe(201);
    const attached = await office.page.evaluate(async (id) => {
      const me = await fetch('/api/auth/me').then((r) => r.json()) as { csrfToken: string };
      const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
      return (await fetch(`/api/assessment/adjustments/${id}/evidence?fileName=${encodeURIComponent('通报.pdf')}`, { method: 'POST', headers: { 'content-type': 'application/pdf', 'x-csrf-token': me.csrfToken }, body: pdf })).status;
    }, proposed.body.id);
    expect(attached).toBe(201);
    const reviewer = await newPage(browser);
    await logIn(reviewer.page, 'shenhe');
    expect((await apiFromPage(reviewer.page, 'POST', `/api/assessment/adjustments/${proposed.body.id}/decide`, { decision: 'approve', version: proposed.body.version })).status).toBe(200);
    await reviewer.context.close();

    const { context, page } = office;
    await page.goto('/assessment/results');
    await page.getByTestId('ranking-table').waitFor();
    await page.getByTestId('round-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2026年度综合考核（草稿，需重新计算）' }).click();
    await page.getByTestId('stale-alert').waitFor();
    expect(await page.getByTestId('stale-alert').textContent()).toContain('数据已变更，需重新计算');
    expect(await page.getByTestId('stale-alert').textContent()).toContain('加扣分事项审定通过');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'assessment-02c-stale-draft');
    await page.getByTestId('recompute').click();
    await page.getByText('已重新计算（草稿）').waitFor();
    await expect.poll(() => page.getByTestId('stale-alert').count()).toBe(0);
    expect(await page.getByTestId('publish').isDisabled()).toBe(false);
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
    // the reviewer sees the value computed from 12345 data beside the reported ones
    await page.getByTestId('computed-ZJ07').waitFor();
    expect(await page.getByTestId('computed-lines').textContent()).toContain('根据12345接诉即办数据计算');
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
    await expect.poll(() => page.getByTestId('what-if-summary').textContent()).toMatch(/(^|[^\d])0 个单位名次变化/);
    // the rank intervals of the uncertainty analysis follow by themselves
    await page.getByTestId('rank-interval').first().waitFor();
    const slider = page.getByTestId('weight-ZJ-JJ').locator('.ant-slider-rail');
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.98, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('what-if-summary').textContent()).not.toMatch(/(^|[^\d])0 个单位名次变化/);
    // an indicator's weight, inside its dimension
    await page.getByTestId('expand-ZJ-CS').click();
    const indicator = (await page.getByTestId('weight-ZJ07').locator('.ant-slider-rail').boundingBox())!;
    await page.mouse.click(indicator.x + indicator.width * 0.9, indicator.y + indicator.height / 2);
    await page.getByTestId('weight-ZJ07').locator('xpath=..').getByText('原 40').waitFor();
    await page.getByTestId('what-if-method').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^排名赋分$/ }).click();
    await page.getByTestId('rank-interval').first().waitFor();
    expect(await page.getByTestId('intervals-error').count()).toBe(0);
    await screenshot(page, 'assessment-08-what-if', true);
    await page.goto('/assessment/schemes');
    await page.getByRole('link', { name: /2026年度海淀区高质量发展综合考核方案/ }).click();
    await page.getByTestId('scheme-tree').getByText('地区生产总值增速').click();
    // a published scheme is read-only, and the menu shows where the page belongs
    await expect.poll(() => page.getByTestId('node-name').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe('考核方案');
    await screenshot(page, 'assessment-09-scheme-tree', true);
    await page.getByRole('menuitem', { name: '批量导入与加减分' }).click();
    await page.getByRole('cell', { name: '辖区发生较大生产安全事故', exact: true }).waitFor();
    await screenshot(page, 'assessment-10-import-adjustments', true);
    await context.close();
  });

  it('the office edits a scoring method’s parameters and the scheme’s settings in a draft, checked as it types', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'kaohe');
    await page.goto('/assessment/schemes');
    await page.getByRole('link', { name: /2026年度海淀区高质量发展综合考核方案/ }).click();
    await page.getByRole('button', { name: /复制为2027年方案/ }).click();
    await page.waitForURL(/\/assessment\/schemes\/[0-9a-f-]{36}$/);
    await page.getByTestId('save-scheme').waitFor();
    await page.getByTestId('scheme-tree').getByText('地区生产总值增速').click();
    await page.getByTestId('node-method-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^功效系数法$/ }).click();
    await page.getByTestId('node-method-unacceptable').fill('2');
    await page.getByTestId('node-method-satisfactory').fill('2');
    // equal values cannot score: the field says so, and so does the list above the tree
    await page.getByText('满意值与不允许值相同，无法计分：请把满意值设为更好的值').first().waitFor();
    await page.getByTestId('scheme-problems').waitFor();
    await page.getByTestId('node-method-satisfactory').fill('10');
    await page.getByTestId('node-method-base').fill('50');
    await expect.poll(() => page.getByTestId('scheme-problems').count()).toBe(0);
    await screenshot(page, 'assessment-11-scheme-method-parameters', true);
    // scheme-wide settings: the bonus cap
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-bonus-cap').fill('6');
    await screenshot(page, 'assessment-12-scheme-settings', true);
    await page.getByTestId('save-scheme').click();
    await page.getByText('已保存').waitFor();
    await page.reload();
    await page.getByTestId('scheme-tree').getByText('功效系数法 50+40（2→10）').waitFor();
    await page.getByTestId('tab-settings').click();
    await expect.poll(() => page.getByTestId('settings-bonus-cap').inputValue()).toBe('6');
    await context.close();
  });

  it('the statistics bureau finds its import in the menu and is told when a period is frozen', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'tongji');
    await page.getByRole('menuitem', { name: '统计数据批量导入' }).click();
    await page.getByTestId('import-upload').waitFor();
    await page.getByTestId('import-period').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '一季度' }).click();
    // the first quarter's result is published: refused before the file is read
    await page.locator('input[type=file]').setInputFiles({ name: '统计数据.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('not read') });
    await expect.poll(() => page.getByTestId('import-refused').textContent()).toContain('数据已冻结');
    await screenshot(page, 'assessment-13-statistics-import-frozen');
    await context.close();
  });
});
