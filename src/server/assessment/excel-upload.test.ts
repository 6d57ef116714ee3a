import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import type { SubmissionView } from '../../core/scheme/collection.ts';
import { demoPdf } from '../demo/demo-assessment.ts';
import { publishDemoScheme, unitId, year } from './assessment-test-kit.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Excel round trip and every kind of bad upload; evidence files checked by size and content.
describe('Excel templates, uploads and evidence', () => {
  let t: TestApp;
  let kaohe: Client;
  let zgc: Client;
  let zgcId: string;
  const at = (period = 'Q1') => `/api/assessment/years/${year}/periods/${period}/units/${zgcId}`;
  const upload = (client: Client, body: Buffer, type = xlsx, period = 'Q1') => client.request('POST', `${at(period)}/upload`, body, { 'content-type': type });

  async function template(period = 'Q1'): Promise<ExcelJS.Workbook> {
    const res = await zgc.request('GET', `${at(period)}/template.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  const saved = async () => (await zgc.get(at())).json<SubmissionView>();

  beforeAll(async () => {
    t = await startTestApp();
    [kaohe, zgc] = await Promise.all([t.login('kaohe'), t.login('zgc')]);
    await publishDemoScheme(kaohe);
    zgcId = await unitId(t.database.db, '中关村街道');
  }, 120_000);
  afterAll(() => t.close());

  it('the template lists the unit’s indicators; filled in, it uploads back', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('填报')!;
    expect(sheet.getRow(1).getCell(8).value).toBe('本期填报值');
    expect(sheet.getRow(2).getCell(2).value).toBe('ZJ01');
    // The 13 indicators the unit reports (not the raters', not ZJ07 computed from 12345 data).
    expect(sheet.rowCount).toBe(14);
    for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(8).value = r === 3 ? '98.5' : 40 + r;
    const res = await upload(zgc, await bytes(wb));
    expect(res.statusCode).toBe(200);
    const view = res.json<SubmissionView>();
    expect(view.lines.find((l) => l.indicatorCode === 'ZJ02')!.value).toBe(98.5);
    expect(view.lines.every((l) => l.value !== null)).toBe(true);
    // downloaded again, the template carries the saved values
    expect((await template()).getWorksheet('填报')!.getRow(2).getCell(8).value).toBe(42);
  });

  it('a wrong value anywhere names sheet, row and column and imports nothing', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('填报')!;
    sheet.getRow(2).getCell(8).value = 7.7;
    sheet.getRow(5).getCell(8).value = '约三成';
    sheet.getRow(10).getCell(8).value = 999;
    const res = await upload(zgc, await bytes(wb));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors).toEqual([
      expect.objectContaining({ sheet: '填报', row: 5, column: 'H' }),
      expect.objectContaining({ sheet: '填报', row: 10, column: 'H' }),
    ]);
    expect(res.json().error.message).toContain('第 5 行 H 列');
    expect((await saved()).lines[0]!.value).toBe(42);
  });

  it('refuses formulas', async () => {
    const wb = await template();
    wb.getWorksheet('填报')!.getRow(2).getCell(8).value = { formula: 'F2*1.1', result: 6.6 } as ExcelJS.CellFormulaValue;
    const res = await upload(zgc, await bytes(wb));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors[0]).toMatchObject({ row: 2, column: 'H' });
    expect(res.json().error.details.errors[0].message).toContain('公式');
  });

  it('refuses merged cells', async () => {
    const wb = await template();
    wb.getWorksheet('填报')!.mergeCells('H2:H3');
    const res = await upload(zgc, await bytes(wb));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('合并单元格');
  });

  it('refuses a template of another period, another unit, or not ours at all', async () => {
    expect((await upload(zgc, await bytes(await template('H1')))).json().error.message).toContain('不是本次填报的模板');
    const other = await kaohe.request('GET', `/api/assessment/years/${year}/periods/Q1/units/${await unitId(t.database.db, '海淀街道')}/template.xlsx`);
    expect((await upload(zgc, other.rawPayload)).statusCode).toBe(422);
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('填报').addRow(['序号', '指标代码']);
    const res = await upload(zgc, await bytes(plain));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('不是本系统下载的模板');
  });

  it('refuses a 50,000-row sheet', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('填报')!;
    for (let r = 0; r < 50_000; r++) sheet.addRow([r]);
    const res = await upload(zgc, await bytes(wb));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('超过');
  }, 60_000);

  it('refuses files that are not Excel', async () => {
    expect((await upload(zgc, demoPdf)).statusCode).toBe(415);
    expect((await upload(zgc, Buffer.from('序号,指标代码\n1,ZJ01\n'), 'text/csv')).statusCode).toBe(415);
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect((await upload(zgc, broken)).statusCode).toBe(422);
  });

  it('accepts evidence of the declared type and refuses the rest', async () => {
    const view = await saved();
    const url = (name: string) => `/api/assessment/submissions/${view.id}/evidence?indicatorCode=ZJ01&fileName=${encodeURIComponent(name)}`;
    const ok = await zgc.request('POST', url('统计快报.pdf'), demoPdf, { 'content-type': 'application/pdf' });
    expect(ok.statusCode).toBe(201);
    expect((await zgc.request('POST', url('photo.png'), demoPdf, { 'content-type': 'image/png' })).statusCode).toBe(415);
    expect((await zgc.request('POST', url('run.exe'), Buffer.from('MZ\x90\x00'), { 'content-type': 'application/octet-stream' })).statusCode).toBe(415);
    const big = Buffer.concat([demoPdf, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await zgc.request('POST', url('big.pdf'), big, { 'content-type': 'application/pdf' })).statusCode).toBe(413);
    const file = await zgc.request('GET', `/api/assessment/evidence/${ok.json().id}`);
    expect(file.rawPayload.equals(demoPdf)).toBe(true);
    const other = await t.login('shenhe');
    expect((await other.request('GET', `/api/assessment/evidence/${ok.json().id}`)).statusCode).toBe(200);
    expect((await saved()).lines[0]!.evidence.map((e) => e.fileName)).toEqual(['统计快报.pdf']);
  });

  it('the office bulk-imports every unit with progress; one bad cell imports nothing', async () => {
    const res = await kaohe.request('GET', `/api/assessment/years/${year}/periods/H1/import-template.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name).filter((n) => !n.startsWith('_'))).toEqual(['镇街', '部门', '国企']);
    for (const sheet of wb.worksheets.filter((s) => !s.name.startsWith('_'))) {
      for (let r = 3; r <= sheet.rowCount; r++) for (let c = 3; c <= sheet.columnCount; c++) sheet.getRow(r).getCell(c).value = 50 + r;
    }
    const run = async (book: ExcelJS.Workbook) => {
      const started = await kaohe.request('POST', `/api/assessment/years/${year}/periods/H1/import`, await bytes(book), { 'content-type': xlsx });
      expect(started.statusCode).toBe(202);
      for (;;) {
        const job = (await kaohe.get(`/api/assessment/imports/${started.json().id}`)).json<{ status: string; message: string; errors: unknown[] }>();
        if (job.status !== 'running') return job;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    wb.getWorksheet('部门')!.getRow(4).getCell(3).value = 'n/a';
    const failed = await run(wb);
    expect(failed.status).toBe('failed');
    expect(failed.errors[0]).toMatchObject({ sheet: '部门', row: 4, column: 'C' });
    expect((await zgc.get(at('H1'))).json<SubmissionView>().lines[0]!.value).toBeNull();
    wb.getWorksheet('部门')!.getRow(4).getCell(3).value = 99;
    const done = await run(wb);
    expect(done).toMatchObject({ status: 'done' });
    const streets = wb.getWorksheet('镇街')!;
    let zgcRow = 0;
    streets.eachRow((row, r) => { if (row.getCell(2).value === '中关村街道') zgcRow = r; });
    expect((await zgc.get(at('H1'))).json<SubmissionView>().lines[0]!.value).toBe(50 + zgcRow);
    expect((await zgc.request('POST', `/api/assessment/years/${year}/periods/H1/import`, await bytes(wb), { 'content-type': xlsx })).statusCode).toBe(403);
  });
});
