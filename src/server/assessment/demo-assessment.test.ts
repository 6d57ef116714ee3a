import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { loadDemoAssessment } from '../demo/demo-assessment.ts';
import type { SubmissionView } from '../../core/scheme/collection.ts';
import type { RoundSnapshot } from '../../core/scheme/round-snapshot.ts';

// The demo year loads through the services and leaves a living assessment behind.
describe('demo assessment year', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const started = performance.now();
    await loadDemoAssessment(t.database.db);
    console.log(`demo assessment year loaded in ${Math.round(performance.now() - started)} ms`);
  }, 180_000);
  afterAll(() => t.close());

  it('publishes three quarterly reviews and drafts the year', async () => {
    const leader = await t.login('lingdao');
    const results = (await leader.get('/api/assessment/years/2026/results')).json<{ round: string; status: string; id: string }[]>();
    expect(results.map((r) => `${r.round}:${r.status}`)).toEqual(['Q1:published', 'H1:published', 'Q1-3:published', 'YEAR:draft']);
    const verify = (await leader.get(`/api/assessment/results/${results[1]!.id}/verify`)).json<{ identical: boolean }>();
    expect(verify.identical).toBe(true);
    const zgc = await t.login('zgc');
    const mine = (await zgc.get('/api/assessment/years/2026/results')).json<{ round: string }[]>();
    expect(mine.map((r) => r.round)).toEqual(['Q1', 'H1', 'Q1-3']);
    const due = (await zgc.get('/api/assessment/years/2026/due')).json<{ period: string; state: string; late: boolean; filled: number; due: number }[]>();
    expect(due.map((d) => d.state)).toEqual(['approved', 'approved', 'approved', 'draft']);
    expect(due[3]!.filled).toBeGreaterThan(0);
    expect(due[3]!.filled).toBeLessThan(due[3]!.due);
  });

  it('computes 接诉即办综合得分 (ZJ07) of every street and town from the 12345 data of the quarters it publishes, reproducibly', async () => {
    const office = await t.login('kaohe');
    const results = (await office.get('/api/assessment/years/2026/results')).json<{ id: string; round: string; status: string; stale: boolean }[]>();
    expect(results.map((r) => r.stale)).toEqual([false, false, false, false]);
    const streets = await t.database.query<{ code: string }>("SELECT u.code FROM units u JOIN unit_categories c ON c.id = u.category_id WHERE c.code = 'ZJ' AND u.active");
    expect(streets).toHaveLength(29);
    const months = { Q1: 3, H1: 6, 'Q1-3': 9 } as Record<string, number>;
    for (const r of results.filter((x) => x.status === 'published')) {
      const snapshot = (await office.get(`/api/assessment/results/${r.id}/snapshot`)).json<RoundSnapshot>();
      const used = snapshot.requests![r.round]!;
      expect(used.months).toHaveLength(months[r.round]!);
      const zj = snapshot.runs.find((run) => run.categoryCode === 'ZJ')!;
      for (const { code } of streets) {
        // Every month of the quarter has a composite, and the engine ran on their mean.
        expect(Object.keys(used.units[code]!.composites)).toEqual(used.months);
        const value = used.units[code]!.value!;
        expect(value).toBeGreaterThan(40);
        expect(value).toBeLessThanOrEqual(100);
        expect(zj.input.periods[0]!.values![code]!.ZJ07).toBe(value);
      }
      // Streets differ: the indicator ranks them.
      expect(new Set(streets.map(({ code }) => used.units[code]!.value)).size).toBeGreaterThan(20);
      expect((await office.get(`/api/assessment/results/${r.id}/verify`)).json<{ identical: boolean }>().identical).toBe(true);
    }
    // The year's draft combines the published quarters as they were published.
    const year = results.find((r) => r.round === 'YEAR')!;
    const snapshot = (await office.get(`/api/assessment/results/${year.id}/snapshot`)).json<RoundSnapshot>();
    const q1 = (await office.get(`/api/assessment/results/${results[0]!.id}/snapshot`)).json<RoundSnapshot>();
    expect(snapshot.requests!.Q1).toEqual(q1.requests!.Q1);
    expect((await office.get(`/api/assessment/results/${year.id}/verify`)).json<{ identical: boolean }>().identical).toBe(true);
    // The unit sees the value it did not enter, and where it comes from.
    const zgc = await t.login('zgc');
    const zgcId = (await t.database.query<{ id: string }>("SELECT id FROM units WHERE name = '中关村街道'"))[0]!.id;
    const view = (await zgc.get(`/api/assessment/years/2026/periods/H1/units/${zgcId}`)).json<SubmissionView>();
    expect(view.lines.some((l) => l.indicatorCode === 'ZJ07')).toBe(false);
    expect(view.computed).toMatchObject([{ indicatorCode: 'ZJ07', frozen: true, months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'] }]);
    const h1 = (await office.get(`/api/assessment/results/${results[1]!.id}/snapshot`)).json<RoundSnapshot>();
    const zgcCode = (await t.database.query<{ code: string }>("SELECT code FROM units WHERE name = '中关村街道'"))[0]!.code;
    expect(view.computed[0]!.value).toBe(h1.requests!.H1!.units[zgcCode]!.value);
  });

  it('the statistics bureau’s reporter imports its indicators for every unit; published quarters are frozen', async () => {
    const tongji = await t.login('tongji');
    const template = await tongji.request('GET', '/api/assessment/years/2026/periods/Y/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheets = wb.worksheets.filter((s) => !s.name.startsWith('_'));
    expect(sheets.map((s) => [s.name, s.getRow(1).getCell(3).value, s.columnCount])).toEqual([['部门', 'BM01', 3]]);
    const type = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    const frozen = await tongji.request('POST', '/api/assessment/years/2026/periods/Q1/import', template.rawPayload, type);
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('一季度');
    expect((await (await t.login('zgc')).request('GET', '/api/assessment/years/2026/periods/Y/import-template.xlsx')).statusCode).toBe(403);
  });
});
