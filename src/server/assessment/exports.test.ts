import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { chineseDate, score2 } from './result-notice.ts';
import { fillPeriod, publishDemoScheme, year } from './assessment-test-kit.ts';

// Exports: rankings as Excel, the notice of results and a unit's scorecard as Word documents.
describe('exports of results', () => {
  let t: TestApp;
  let kaohe: Client;
  let zgc: Client;
  let resultId: string;
  beforeAll(async () => {
    t = await startTestApp();
    [kaohe, zgc] = await Promise.all([t.login('kaohe'), t.login('zgc')]);
    await publishDemoScheme(kaohe);
    await fillPeriod(t.database.db, 'Q1', 0);
    const r = (await kaohe.post(`/api/assessment/years/${year}/rounds/Q1/compute`)).json<{ id: string; version: number }>();
    await kaohe.post(`/api/assessment/results/${r.id}/publish`, { version: r.version });
    resultId = r.id;
  }, 300_000);
  afterAll(() => t.close());

  it('rankings export to Excel in rank order per category, full precision in the cells', async () => {
    const res = await zgc.request('GET', `/api/assessment/results/${resultId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['镇街', '部门', '国企', '说明']);
    const sheet = wb.getWorksheet('镇街')!;
    expect(sheet.getRow(1).values).toContain('综合得分');
    expect(sheet.rowCount).toBe(30);
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    const detail = (await zgc.get(`/api/assessment/results/${resultId}`)).json<{ categories: { units: { score: number }[] }[] }>();
    expect(sheet.getRow(2).getCell(3).value).toBe(detail.categories[0]!.units[0]!.score);
  });

  it('the notice and the scorecard are Word documents with the official wording', async () => {
    const notice = await zgc.request('GET', `/api/assessment/results/${resultId}/notice.docx`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toContain('wordprocessingml');
    expect(notice.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xml = await documentXml(notice.rawPayload);
    expect(xml).toContain('关于2026年一季度季季评结果的通报');
    expect(xml).toContain('海考办发〔2026〕1号');
    const code = (await t.database.query<{ code: string }>("SELECT code FROM units WHERE name = '中关村街道'"))[0]!.code;
    const card = await zgc.request('GET', `/api/assessment/results/${resultId}/units/${code}/scorecard.docx`);
    expect(card.statusCode).toBe(200);
    expect(await documentXml(card.rawPayload)).toContain('中关村街道2026年一季度季季评考核成绩单');
    expect((await zgc.request('GET', `/api/assessment/results/${resultId}/units/110108001/scorecard.docx`)).statusCode).toBe(404);
  });

  it('formats scores and dates for display only', () => {
    expect(score2(89.995)).toBe('90.00');
    expect(score2(-1.005)).toBe('-1.00');
    expect(score2(null)).toBe('—');
    expect(chineseDate('2026-03-31T16:30:00Z')).toBe('2026年4月1日');
  });
});

async function documentXml(docx: Buffer): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(docx);
  return zip.file('word/document.xml')!.async('string');
}
