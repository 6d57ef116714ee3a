import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { loadDemoAssessment } from '../demo/demo-assessment.ts';

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
