import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, launchBrowser, logIn, newPage, screenshot, unitIdByName } from './support/browser.ts';

describe('citizen requests', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('takes a call with the keyboard only: category by pinyin initials, Ctrl+Enter, dispatch with a digit', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'rexian');
    // An earlier call about the same place, taken without coordinates: the new one repeats it.
    const services = await apiFromPage<{ id: string; code: string }[]>(page, 'GET', '/api/request-services');
    const earlier = await apiFromPage<{ id: string; code: string }>(page, 'POST', '/api/requests', {
      serviceId: services.body.find((s) => s.code === 'CSGL-ZDJY')!.id, description: '中关村大街27号门前有人摆摊', address: '中关村大街27号', divisionCode: '110108011',
    });
    expect(earlier.status).toBe(201);
    await page.goto('/requests/new');
    // The category field has the focus: type its pinyin initials and take the first match.
    await page.getByTestId('intake-service').locator('input').waitFor();
    // The field takes the focus once the catalogue has loaded.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="intake-service"]') !== null)).toBe(true);
    await page.keyboard.type('zdjy');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().getByText('城市管理 › 占道经营').waitFor();
    // Enter chooses the category and moves on to the description.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-description');
    await page.keyboard.type('中关村大街27号门前有流动摊贩占道经营，影响行人通行');
    await page.keyboard.press('Tab');
    await page.keyboard.type('海淀区中关村大街27号');
    await page.keyboard.press('Tab');
    await page.keyboard.type('zgc');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().getByText('中关村街道').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-name');
    await page.keyboard.type('王秀兰');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13812345678');
    await screenshot(page, 'requests-01-call-taker-form');
    await page.keyboard.press('Control+Enter');
    const code = (await page.getByTestId('intake-code').textContent())!.trim();
    expect(code).toMatch(/^HD\d{6}[2-9A-Z]{8}$/);
    // Same category, same street, same address: the call-taker is told which request it repeats.
    await page.getByTestId('intake-duplicate').getByText(earlier.body.code).waitFor();
    await page.getByTestId('intake-suggestions').getByText('中关村街道').first().waitFor();
    await screenshot(page, 'requests-02-dispatch-suggestions');
    await page.keyboard.press('1');
    await page.getByText('已派至中关村街道').waitFor();
    const found = await apiFromPage<{ items: { code: string; status: string; leadUnitName: string }[] }>(page, 'GET', `/api/requests?q=${code}`);
    expect(found.body.items[0]).toMatchObject({ code, status: 'dispatched', leadUnitName: '中关村街道' });
    await context.close();
  });

  it('lets a citizen file a request and follow it by its tracking code, anonymised', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/report');
    await page.getByTestId('public-service').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '噪音扰民' }).click();
    await page.getByTestId('public-description').fill('学院路小区楼下夜间施工噪音扰民，请回电13912345678');
    await page.getByTestId('public-address').fill('海淀区学院路30号');
    await page.getByTestId('public-submit').click();
    const code = (await page.getByTestId('public-code').textContent())!.trim();
    await screenshot(page, 'requests-03-public-filed');
    await page.getByRole('button', { name: '查看进度' }).click();
    await page.waitForURL(`**/track/${code}`);
    await page.getByTestId('track-status').getByText('已受理').waitFor();
    const card = await page.getByTestId('track-card').textContent();
    expect(card).toContain('[电话已隐藏]');
    expect(card).not.toContain('13912345678');
    await screenshot(page, 'requests-04-public-tracking');
    await page.goto('/track/HD000000ZZZZZZZZ');
    await page.getByText('没有找到该查询码对应的诉求').waitFor();
    await context.close();
  });

  it('shows the hotline dashboard with the ranking, the monthly theme and the map', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'rexian');
    await page.goto('/requests/dashboard');
    // It opens on the last complete month.
    const now = new Date(Date.now() + 8 * 3_600_000);
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    await page.getByTestId('dashboard-month').getByText(lastMonth, { exact: true }).waitFor();
    await page.getByTestId('ranking-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('monthly-theme').waitFor();
    expect(await page.getByTestId('monthly-theme').textContent()).toMatch(/每月一题建议|本期无每月一题建议/);
    // The map draws a bubble for each street with requests, labelled with its name, and the located requests.
    const map = page.getByTestId('request-map-chart');
    await map.locator('svg').waitFor();
    expect(Number(await map.getAttribute('data-bubbles'))).toBeGreaterThan(20);
    expect(Number(await map.getAttribute('data-points'))).toBeGreaterThan(50);
    // Labels that would overlap are left out (zooming in shows them): most streets are named.
    const streets = (await apiFromPage<{ areas: { name: string }[] }>(page, 'GET', `/api/request-hotspots?month=${lastMonth}`)).body.areas.map((a) => a.name.replace(/(街道|地区|镇|乡)$/, ''));
    const labels = await map.locator('svg text').allTextContents();
    expect(streets.filter((s) => labels.includes(s)).length).toBeGreaterThan(streets.length * 0.7);
    for (const street of ['苏家坨', '香山', '西三旗']) expect(labels).toContain(street);
    // Drawn symbols: the faint requests and the bubbles are paths in the SVG, far more than the sketch's cells.
    expect(await map.locator('svg path').count()).toBeGreaterThan(29 + 50);
    // A bubble answers with its counts.
    await map.scrollIntoViewIfNeeded();
    const label = (await map.locator('svg text', { hasText: /^香山$/ }).boundingBox())!;
    await page.mouse.move(label.x - 6, label.y + label.height / 2, { steps: 4 });
    await map.getByText(/本期诉求：\d+/).first().waitFor();
    await screenshot(page, 'requests-05-dashboard', true);
    // The month in progress can be chosen, and says it is.
    await page.getByTestId('dashboard-month').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '本月，进行中' }).click();
    await page.getByTestId('dashboard-partial').waitFor();
    await context.close();
  });

  it('shows deadline warnings where people work: the unit its own, the hotline by unit', async () => {
    const hotline = await newPage(browser);
    await logIn(hotline.page, 'rexian');
    const byUnit = await apiFromPage<{ unitName: string; overdue: number; dueSoon: number }[]>(hotline.page, 'GET', '/api/request-warnings/by-unit');
    expect(byUnit.body.length).toBeGreaterThan(0);
    await hotline.page.goto('/requests');
    const overview = hotline.page.getByTestId('request-warnings');
    await overview.getByText('各单位临期/超期预警').waitFor();
    await overview.getByText(`${byUnit.body.length} 个单位`, { exact: false }).waitFor();
    await overview.getByText('各单位临期/超期预警').click();
    await hotline.page.getByTestId('warnings-by-unit').getByText(byUnit.body[0]!.unitName).first().waitFor();
    // Each unit opens onto its list.
    await hotline.page.getByTestId('warnings-by-unit').locator('.ant-table-row-expand-icon').first().click();
    await hotline.page.getByTestId('warnings-list').locator('a[href^="/requests/"]').first().waitFor();
    await screenshot(hotline.page, 'requests-07-warnings-by-unit', true);
    await hotline.context.close();

    const { context, page } = await newPage(browser);
    await logIn(page, 'zgc');
    const mine = await apiFromPage<{ code: string; unitName: string }[]>(page, 'GET', '/api/request-warnings/live');
    expect(mine.body.every((w) => w.unitName === '中关村街道')).toBe(true);
    await page.goto('/requests');
    const panel = page.getByTestId('request-warnings');
    await panel.getByText('临期/超期预警').waitFor();
    if (mine.body.length > 0) {
      await panel.getByRole('link', { name: mine.body[0]!.code }).waitFor();
      expect(await panel.getByTestId('warnings-list').locator('tbody tr.ant-table-row').count()).toBe(Math.min(8, mine.body.length));
    } else {
      await panel.getByText('暂无临期或超期的诉求').waitFor();
    }
    await screenshot(page, 'requests-08-unit-warnings', true);
    await context.close();
  });

  it('lets the unit accept and reply to its request on the detail page', async () => {
    // The hotline takes and dispatches a request to 中关村街道 through the API.
    const hotline = await newPage(browser);
    await logIn(hotline.page, 'rexian');
    const services = await apiFromPage<{ id: string; code: string }[]>(hotline.page, 'GET', '/api/request-services');
    const taken = await apiFromPage<{ id: string; code: string }>(hotline.page, 'POST', '/api/requests', {
      serviceId: services.body.find((s) => s.code === 'CSGL-HJWS')!.id, description: '知春路小区垃圾桶满溢三天无人清运', address: '海淀区知春路56号', divisionCode: '110108011',
      citizenName: '赵桂英', citizenPhone: '13600001111',
    });
    const unitId = await unitIdByName(hotline.page, '中关村街道');
    expect((await apiFromPage(hotline.page, 'POST', `/api/requests/${taken.body.id}/events`, { event: 'dispatch', version: 1, unitId })).status).toBe(200);
    await hotline.context.close();

    const { context, page } = await newPage(browser);
    await logIn(page, 'zgc');
    await page.goto(`/requests?q=${taken.body.code}`);
    await page.getByTestId('requests-table').getByRole('link', { name: taken.body.code }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await page.getByTestId('request-actions').getByRole('button', { name: /签\s*收/ }).click();
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('request-status').getByText('已签收').waitFor();
    await page.getByTestId('request-actions').getByRole('button', { name: /答\s*复/ }).click();
    await page.locator('.ant-modal textarea').fill('已到现场劝离摊贩，并安排城管队员每日巡查。');
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('request-status').getByText('已答复').waitFor();
    await screenshot(page, 'requests-06-unit-replied', true);
    await context.close();
  });
});
