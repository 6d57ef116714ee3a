// Monthly indicators and per-indicator deadlines, through the API (and the services where a test
// needs a fixed "now"): months beside the scheme's periods, a monthly submission's lifecycle and
// permissions, its Excel template, deadlines per indicator and per submission, late values flagged
// for review, a period computed from the approved months (mean, sum, last; missing months left
// out), months frozen by a published period, and the fields through Excel export and copy.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueItem, QueueItem, SubmissionView } from '../../core/scheme/collection.ts';
import type { RoundSnapshot } from '../../core/scheme/round-snapshot.ts';
import type { SchemeContentInput } from '../../core/scheme/scheme.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { contextOf } from './assessment-test-kit.ts';
import { saveValuesRow, submitValuesRow } from './collection-service.ts';
import { decideSubmissionRow } from './review-service.ts';

const year = 2025;
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const content: SchemeContentInput = {
  periods: [
    // 15 April: January–March; 15 July: January–June.
    { code: 'Q1', label: '一季度', deadline: '2025-04-15', weight: 0.4 },
    { code: 'H1', label: '上半年', deadline: '2025-07-15', weight: 0.6 },
  ],
  monthlyDueDay: 10,
  missingValue: 'exclude',
  categories: [{
    categoryCode: 'ZJ', name: '镇街', nodes: [
      { code: 'D', name: '城市治理', parent: null, kind: 'dimension', weight: 1 },
      { code: 'A01', name: '背街小巷整治完成率', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '%', dataSource: 'unit', frequency: 'quarterly', dueDay: 20, min: 0, max: 100, description: '按季末台账' },
      { code: 'MA', name: '月度垃圾分类准确率', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '%', frequency: 'monthly', min: 0, max: 100 },
      { code: 'MS', name: '月度新增就业人数', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '人', frequency: 'monthly', aggregate: 'sum', dueDay: 5, min: 0 },
      { code: 'ML', name: '月末在建项目数', parent: 'D', kind: 'indicator', weight: 1, unitOfMeasure: '个', frequency: 'monthly', aggregate: 'last', min: 0 },
    ],
  }],
};

let t: TestApp;
let kaohe: Client;
let shenhe: Client;
let zgc: Client;
let lingdao: Client;
let schemeId: string;
const units: Record<string, { id: string; code: string }> = {};
const at = (period: string, unit = '中关村街道') => `/api/assessment/years/${year}/periods/${period}/units/${units[unit]!.id}`;
const beijing = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/** Enters, submits (at `on`) and approves a unit's values for a collection period through the services. */
async function approvedAt(period: string, unit: string, values: Record<string, number | null>, on = beijing('2025-06-01'), approve = true): Promise<string> {
  const db = t.database.db;
  const office = await contextOf(db, 'kaohe');
  const saved = await saveValuesRow(db, office, year, period, units[unit]!.id, 0, Object.entries(values).map(([indicatorCode, value]) => ({ indicatorCode, value })));
  const submitted = await submitValuesRow(db, office, year, period, units[unit]!.id, saved.version, on);
  if (approve) await decideSubmissionRow(db, await contextOf(db, 'shenhe'), submitted.id, 'approve', submitted.version);
  return submitted.id;
}

beforeAll(async () => {
  t = await startTestApp();
  [kaohe, shenhe, zgc, lingdao] = await Promise.all([t.login('kaohe'), t.login('shenhe'), t.login('zgc'), t.login('lingdao')]);
  for (const u of await t.database.query<{ id: string; code: string; name: string }>(`SELECT id, code, name FROM units WHERE name IN ('中关村街道', '学院路街道', '海淀街道', '北太平庄街道')`)) units[u.name] = u;
  const draft = await kaohe.post('/api/assessment/schemes', { year, name: `${year}年度月度指标测试方案`, content });
  expect(draft.statusCode, draft.body).toBe(201);
  const s = draft.json<{ id: string; version: number }>();
  schemeId = s.id;
  expect((await kaohe.post(`/api/assessment/schemes/${s.id}/publish`, { version: s.version })).statusCode).toBe(200);
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('the scheme’s monthly fields', () => {
  it('refuses bad input with bilingual messages naming the field', async () => {
    const bad = (change: (c: typeof content) => void) => { const c = structuredClone(content); change(c); return kaohe.post('/api/assessment/schemes', { year: 2031, name: '坏方案', content: c }); };
    const range = await bad((c) => { c.categories[0]!.nodes[1]!.dueDay = 31; });
    expect(range.statusCode).toBe(400);
    expect(range.body).toContain('截止日应为 1 到 28 之间的整数 (a due day is a whole number from 1 to 28)');
    expect((await bad((c) => { c.monthlyDueDay = 0; })).statusCode).toBe(400);
    const aggregate = await bad((c) => { c.categories[0]!.nodes[1]!.aggregate = 'sum'; });
    expect(aggregate.statusCode).toBe(422);
    expect(aggregate.json().error.details.problems).toEqual([{ path: 'categories[0].nodes[1].aggregate', message: expect.stringContaining('(an aggregation applies to monthly indicators only)') }]);
    const clash = await bad((c) => { c.periods[0]!.code = 'M03'; });
    expect(clash.json().error.details.problems[0]).toMatchObject({ path: 'periods[0].code', message: expect.stringContaining('M01–M12') });
  });

  it('keeps due days, aggregations and the monthly due day through Excel and when copied to a new year', async () => {
    const published = (await kaohe.get(`/api/assessment/schemes/${schemeId}`)).json<{ content: SchemeContentInput }>().content;
    const exported = await kaohe.request('GET', `/api/assessment/schemes/${schemeId}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('ZJ 镇街')!;
    expect((sheet.getRow(1).values as unknown[]).slice(11)).toEqual(['频次', '最小值', '最大值', '月度汇总', '截止日', '说明']);
    const back = await kaohe.request('POST', '/api/assessment/schemes/import.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': xlsx });
    expect(back.statusCode, back.body).toBe(201);
    const imported = back.json<{ id: string; version: number; content: SchemeContentInput }>();
    expect(imported.content).toEqual(published);
    expect(imported.content.monthlyDueDay).toBe(10);
    expect(imported.content.categories[0]!.nodes.find((n) => n.code === 'MS')).toMatchObject({ frequency: 'monthly', aggregate: 'sum', dueDay: 5 });
    // A workbook exported before these columns (columns found by heading) still reads.
    sheet.spliceColumns(14, 2);
    const meta = wb.getWorksheet('_template')!;
    for (let r = 2; r <= meta.rowCount; r++) if (meta.getCell(r, 1).value === 'year') meta.getCell(r, 2).value = '2031';
    const old = await kaohe.request('POST', '/api/assessment/schemes/import.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': xlsx });
    expect(old.statusCode, old.body).toBe(201);
    const oldNodes = old.json<{ content: SchemeContentInput }>().content.categories[0]!.nodes;
    expect(oldNodes.find((n) => n.code === 'MS')).toEqual({ ...published.categories[0]!.nodes.find((n) => n.code === 'MS'), aggregate: undefined, dueDay: undefined });
    expect(oldNodes.find((n) => n.code === 'A01')!.description).toBe(published.categories[0]!.nodes.find((n) => n.code === 'A01')!.description);

    const copy = await kaohe.post(`/api/assessment/schemes/${schemeId}/copy`, { year: 2030 });
    expect(copy.statusCode, copy.body).toBe(201);
    const copied = copy.json<{ content: SchemeContentInput }>().content;
    expect(copied.monthlyDueDay).toBe(10);
    expect(copied.categories[0]!.nodes.map((n) => [n.code, n.frequency, n.aggregate, n.dueDay])).toEqual([
      ['D', undefined, undefined, undefined], ['A01', 'quarterly', undefined, 20], ['MA', 'monthly', undefined, undefined], ['MS', 'monthly', 'sum', 5], ['ML', 'monthly', 'last', undefined]]);
  });
});

describe('monthly submissions', () => {
  it('the due list has the months beside the periods, each with its submission deadline', async () => {
    const due = (await zgc.get(`/api/assessment/years/${year}/due`)).json<DueItem[]>();
    expect(due.map((d) => [d.period, d.label, d.kind, d.deadline, d.due])).toEqual([
      ['M01', '1月', 'month', '2025-02-10', 3], ['M02', '2月', 'month', '2025-03-10', 3], ['M03', '3月', 'month', '2025-04-10', 3],
      // Q1 owes only A01, due the 20th after March
      ['Q1', '一季度', 'period', '2025-04-20', 1],
      ['M04', '4月', 'month', '2025-05-10', 3], ['M05', '5月', 'month', '2025-06-10', 3], ['M06', '6月', 'month', '2025-07-10', 3],
      ['H1', '上半年', 'period', '2025-07-20', 1],
      ...['07', '08', '09', '10', '11'].map((m, i) => [`M${m}`, `${i + 7}月`, 'month', `2025-${String(i + 8).padStart(2, '0')}-10`, 3]),
      ['M12', '12月', 'month', '2026-01-10', 3],
    ]);
    // 2025 is over: everything not submitted is overdue
    expect(due.every((d) => d.overdue && d.unitId === units['中关村街道']!.id)).toBe(true);
    expect((await zgc.get(`/api/assessment/years/${year}/due?unitId=${units['海淀街道']!.id}`)).statusCode).toBe(404);
  });

  it('a month holds only the monthly indicators, each with its deadline; a period no longer lists them', async () => {
    const view = (await zgc.get(at('M03'))).json<SubmissionView>();
    expect(view).toMatchObject({ period: 'M03', periodLabel: '3月', kind: 'month', deadline: '2025-04-10', state: 'draft', computed: [] });
    expect(view.lines.map((l) => [l.indicatorCode, l.deadline, l.late])).toEqual([['MA', '2025-04-10', false], ['MS', '2025-04-05', false], ['ML', '2025-04-10', false]]);
    const q1 = (await zgc.get(at('Q1'))).json<SubmissionView>();
    expect(q1.lines.map((l) => [l.indicatorCode, l.deadline])).toEqual([['A01', '2025-04-20']]);
    expect((await zgc.get(at('M13'))).statusCode).toBe(404);
    expect((await zgc.get(`/api/assessment/years/${year}/periods/Q3/units/${units['中关村街道']!.id}`)).statusCode).toBe(404);
  });

  it('goes from draft to submitted to returned to approved, and keeps each unit to its own', async () => {
    // wrong cells: a quarterly indicator in a month, a value out of range; nothing is written
    const bad = await zgc.post(`${at('M01')}/values`, { version: 0, values: [{ indicatorCode: 'MA', value: 90 }, { indicatorCode: 'A01', value: 50 }, { indicatorCode: 'MS', value: -1 }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.problems.map((p: { indicatorCode: string }) => p.indicatorCode)).toEqual(['A01', 'MS']);
    // and no monthly indicator in a period
    expect((await zgc.post(`${at('Q1')}/values`, { version: 0, values: [{ indicatorCode: 'MA', value: 90 }] })).statusCode).toBe(422);

    expect((await zgc.get(at('M01', '海淀街道'))).statusCode).toBe(404);
    expect((await zgc.post(`${at('M01', '海淀街道')}/values`, { version: 0, values: [{ indicatorCode: 'MA', value: 1 }] })).statusCode).toBe(404);
    expect((await lingdao.post(`${at('M01')}/values`, { version: 0, values: [{ indicatorCode: 'MA', value: 1 }] })).statusCode).toBe(403);

    let view = (await zgc.post(`${at('M01')}/values`, { version: 0, values: [{ indicatorCode: 'MA', value: 90 }, { indicatorCode: 'MS', value: 12 }] })).json<SubmissionView>();
    const early = await zgc.post(`${at('M01')}/submit`, { version: view.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.missing).toEqual(['ML']);
    view = (await zgc.post(`${at('M01')}/values`, { version: view.version, values: [{ indicatorCode: 'ML', value: 3 }] })).json<SubmissionView>();
    view = (await zgc.post(`${at('M01')}/submit`, { version: view.version })).json<SubmissionView>();
    expect(view).toMatchObject({ state: 'submitted', late: true });
    expect((await zgc.post(`${at('M01')}/values`, { version: view.version, values: [{ indicatorCode: 'ML', value: 4 }] })).statusCode).toBe(409);
    expect((await zgc.post(`/api/assessment/submissions/${view.id}/approve`, { version: view.version })).statusCode).toBe(403);

    const queue = (await shenhe.get(`/api/assessment/years/${year}/queue?state=submitted`)).json<QueueItem[]>();
    expect(queue.map((q) => [q.period, q.periodLabel, q.missing])).toEqual([['M01', '1月', 0]]);
    const returned = await shenhe.post(`/api/assessment/submissions/${view.id}/return`, { version: view.version, comment: '就业人数与人社局口径不一致' });
    expect(returned.json<SubmissionView>()).toMatchObject({ state: 'returned', returnedCount: 1 });
    view = (await zgc.post(`${at('M01')}/values`, { version: returned.json<SubmissionView>().version, values: [{ indicatorCode: 'MS', value: 10 }] })).json<SubmissionView>();
    view = (await zgc.post(`${at('M01')}/submit`, { version: view.version })).json<SubmissionView>();
    const approved = await shenhe.post(`/api/assessment/submissions/${view.id}/approve`, { version: view.version });
    expect(approved.json<SubmissionView>()).toMatchObject({ state: 'approved' });
    expect(approved.json<SubmissionView>().lines.map((l) => l.value)).toEqual([90, 10, 3]);
    const due = (await zgc.get(`/api/assessment/years/${year}/due`)).json<DueItem[]>().find((d) => d.period === 'M01')!;
    expect(due).toMatchObject({ state: 'approved', overdue: false, late: true, filled: 3, due: 3 });
  });

  it('has its Excel template, which uploads back; another month’s template is refused', async () => {
    const res = await zgc.request('GET', `${at('M02')}/template.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('填报')!;
    expect(sheet.getRow(1).getCell(10).value).toBe('截止日期');
    expect([2, 3, 4].map((r) => [sheet.getRow(r).getCell(2).value, sheet.getRow(r).getCell(10).value])).toEqual([['MA', '2025-03-10'], ['MS', '2025-03-05'], ['ML', '2025-03-10']]);
    expect(sheet.rowCount).toBe(4);
    sheet.getRow(2).getCell(8).value = 88;
    sheet.getRow(3).getCell(8).value = 7;
    sheet.getRow(4).getCell(8).value = 5;
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const wrong = await zgc.request('POST', `${at('M03')}/upload`, body, { 'content-type': xlsx });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toContain('不是本次填报的模板');
    const uploaded = await zgc.request('POST', `${at('M02')}/upload`, body, { 'content-type': xlsx });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json<SubmissionView>().lines.map((l) => l.value)).toEqual([88, 7, 5]);
    // a row of a quarterly indicator in a month's template names its cell
    sheet.getRow(4).getCell(2).value = 'A01';
    const misplaced = await zgc.request('POST', `${at('M02')}/upload`, Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': xlsx });
    expect(misplaced.statusCode).toBe(422);
    expect(misplaced.json().error.details.errors).toEqual([expect.objectContaining({ sheet: '填报', row: 4, column: 'B' })]);
  });
});

describe('bulk import of a month', () => {
  it('the template of a month has the monthly indicators; a period refuses their columns', async () => {
    // The import page offers the months beside the periods, in order of deadline.
    const offered = (await kaohe.get('/api/assessment/import-access')).json().periods[year] as { code: string; kind: string }[];
    expect(offered.filter((p) => p.kind === 'month').map((p) => p.code)).toEqual(['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12']);
    expect(offered.findIndex((p) => p.code === 'M03')).toBeLessThan(offered.findIndex((p) => p.code === 'Q1'));
    const template = await kaohe.request('GET', `/api/assessment/years/${year}/periods/M06/import-template.xlsx`);
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('镇街')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '单位代码', '单位名称', 'MA', 'MS', 'ML']);
    // the same columns into H1 are refused, each naming its column
    const meta = wb.getWorksheet('_template')!;
    for (let r = 2; r <= meta.rowCount; r++) if (meta.getCell(r, 1).value === 'period') meta.getCell(r, 2).value = 'H1';
    const started = await kaohe.request('POST', `/api/assessment/years/${year}/periods/H1/import`, Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': xlsx });
    expect(started.statusCode).toBe(202);
    let job = started.json<{ id: string; status: string; errors: { row: number; column: string; message: string }[] }>();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await kaohe.get(`/api/assessment/imports/${job.id}`)).json();
    }
    expect(job.status).toBe('failed');
    expect(job.errors.map((e) => [e.row, e.column])).toEqual([[1, 'C'], [1, 'D'], [1, 'E']]);
    expect(job.errors[0]!.message).toContain('(a monthly indicator: import it into its month)');
  });
});

describe('deadlines per indicator', () => {
  it('review flags each value handed in after its own indicator’s deadline; an unchanged value keeps its time', async () => {
    const db = t.database.db;
    const reporter = await contextOf(db, 'zgc');
    const reviewer = await contextOf(db, 'shenhe');
    const unit = units['中关村街道']!.id;
    // March: MS is due 5 April, MA and ML 10 April; submitted on 7 April: on time as a whole, MS late.
    const saved = await saveValuesRow(db, reporter, year, 'M03', unit, 0, [{ indicatorCode: 'MA', value: 91 }, { indicatorCode: 'MS', value: 9 }, { indicatorCode: 'ML', value: 6 }]);
    let s = await submitValuesRow(db, reporter, year, 'M03', unit, saved.version, beijing('2025-04-07'));
    expect(s.late).toBe(false);
    let view = (await shenhe.get(`/api/assessment/submissions/${s.id}`)).json<SubmissionView>();
    expect(view.lines.map((l) => [l.indicatorCode, l.late])).toEqual([['MA', false], ['MS', true], ['ML', false]]);
    expect(view.flags).toMatchObject({ late: false, lateValues: 1 });
    // Returned; the form saves every value again, only MA changed; resubmitted on 12 April.
    s = await decideSubmissionRow(db, reviewer, s.id, 'return', s.version, '准确率请复核');
    const again = await saveValuesRow(db, reporter, year, 'M03', unit, s.version, [{ indicatorCode: 'MA', value: 92 }, { indicatorCode: 'MS', value: 9 }, { indicatorCode: 'ML', value: 6 }]);
    // before resubmission the changed value is not handed in yet
    expect((await shenhe.get(`/api/assessment/submissions/${s.id}`)).json<SubmissionView>().lines.map((l) => l.late)).toEqual([false, true, false]);
    s = await submitValuesRow(db, reporter, year, 'M03', unit, again.version, beijing('2025-04-12'));
    view = (await shenhe.get(`/api/assessment/submissions/${s.id}`)).json<SubmissionView>();
    expect(view.lines.map((l) => [l.indicatorCode, l.late])).toEqual([['MA', true], ['MS', true], ['ML', false]]);
    // the submission's first submission was on time
    expect(view.flags).toMatchObject({ late: false, lateValues: 2 });
    await decideSubmissionRow(db, reviewer, s.id, 'approve', s.version);
  });

  it('a period’s submission is late after the latest of its indicators’ deadlines', async () => {
    const db = t.database.db;
    const office = await contextOf(db, 'kaohe');
    // Q1 owes A01, due 20 April: on 18 April it is on time though the period's deadline (15 April) has passed.
    const saved = await saveValuesRow(db, office, year, 'Q1', units['学院路街道']!.id, 0, [{ indicatorCode: 'A01', value: 80 }]);
    const s = await submitValuesRow(db, office, year, 'Q1', units['学院路街道']!.id, saved.version, beijing('2025-04-18'));
    expect(s.late).toBe(false);
    const view = (await shenhe.get(`/api/assessment/submissions/${s.id}`)).json<SubmissionView>();
    expect(view).toMatchObject({ deadline: '2025-04-20', flags: { late: false, lateValues: 0 } });
    await decideSubmissionRow(db, await contextOf(db, 'shenhe'), s.id, 'approve', s.version);
  });
});

describe('a period computed from the approved months', () => {
  let q1: { id: string; version: number };
  const snapshotOf = async (id: string) => (await kaohe.get(`/api/assessment/results/${id}/snapshot`)).json<RoundSnapshot>();

  it('takes the mean, the sum and the latest of the approved months the period covers', async () => {
    // 中关村: M01 (90, 10, 3) and M03 (92, 9, 6) approved; M02 (88, 7, 5) only entered: it does not count.
    await approvedAt('Q1', '中关村街道', { A01: 70 });
    // 学院路: January and February approved, March submitted but not approved; April belongs to H1.
    await approvedAt('M01', '学院路街道', { MA: 80, MS: 4, ML: 1 });
    await approvedAt('M02', '学院路街道', { MA: 70, MS: 6, ML: 2 });
    await approvedAt('M03', '学院路街道', { MA: 10, MS: 100, ML: 100 }, undefined, false);
    await approvedAt('M04', '学院路街道', { MA: 100, MS: 50, ML: 9 });
    // 海淀: only monthly values, no Q1 report: it takes no part (its category owes A01 in Q1).
    await approvedAt('M01', '海淀街道', { MA: 60, MS: 1, ML: 1 });
    const res = await kaohe.post(`/api/assessment/years/${year}/rounds/Q1/compute`);
    expect(res.statusCode, res.body).toBe(200);
    q1 = res.json();
    const snapshot = await snapshotOf(q1.id);
    const values = snapshot.runs[0]!.input.periods[0]!.values!;
    expect(values[units['中关村街道']!.code]).toEqual({ A01: 70, MA: 91, MS: 19, ML: 6 });
    expect(values[units['学院路街道']!.code]).toEqual({ A01: 80, MA: 75, MS: 10, ML: 2 });
    expect(values[units['海淀街道']!.code] ?? {}).toEqual({});
    expect((await kaohe.get(`/api/assessment/results/${q1.id}/verify`)).json()).toMatchObject({ identical: true });
  });

  it('H1 covers January to June', async () => {
    await approvedAt('H1', '学院路街道', { A01: 85 });
    await approvedAt('H1', '中关村街道', { A01: 75 });
    const res = await kaohe.post(`/api/assessment/years/${year}/rounds/H1/compute`);
    expect(res.statusCode, res.body).toBe(200);
    const values = (await snapshotOf(res.json<{ id: string }>().id)).runs[0]!.input.periods[0]!.values!;
    // January, February, April (March is not approved): mean (80 + 70 + 100) / 3, sum 4 + 6 + 50, last: April's 9
    expect(values[units['学院路街道']!.code]).toEqual({ A01: 85, MA: 250 / 3, MS: 60, ML: 9 });
    expect(values[units['中关村街道']!.code]).toEqual({ A01: 75, MA: 91, MS: 19, ML: 6 });
  });

  it('freezes the months a published period covers, and only those', async () => {
    expect((await kaohe.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version })).statusCode).toBe(200);
    // March is frozen: neither approved nor returned, nor entered for anyone
    const [march] = (await shenhe.get(`/api/assessment/years/${year}/queue?period=M03&state=submitted`)).json<QueueItem[]>();
    const refused = await shenhe.post(`/api/assessment/submissions/${march!.id}/approve`, { version: march!.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('一季度（Q1）');
    expect(refused.json().error.details).toMatchObject({ period: 'M03' });
    const entry = await kaohe.post(`${at('M02', '北太平庄街道')}/values`, { version: 0, values: [{ indicatorCode: 'MA', value: 50 }] });
    expect(entry.statusCode).toBe(409);
    expect(entry.json().error.message).toContain('(month M02 is covered by the published result of Q1; its data are frozen)');
    // 中关村's February draft cannot be submitted any more
    const feb = (await zgc.get(at('M02'))).json<SubmissionView>();
    expect((await zgc.post(`${at('M02')}/submit`, { version: feb.version })).statusCode).toBe(409);
    // May is open
    expect((await zgc.post(`${at('M05')}/values`, { version: 0, values: [{ indicatorCode: 'MA', value: 93 }] })).statusCode).toBe(200);
  });
});
