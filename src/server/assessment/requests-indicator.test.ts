// Indicators with data source `requests` are filled from the 12345 hotline's monthly composites,
// through the API, on numbers worked out by hand: the mean of a unit's composites over the months
// of the period (months without one do not count), missing when there is none, shown to the unit
// and the reviewer and never entered, kept in the snapshot, and frozen once published.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../auth/actor.ts';
import type { Satisfaction } from '../../core/requests/rates.ts';
import type { SubmissionView } from '../../core/scheme/collection.ts';
import type { RoundSnapshot } from '../../core/scheme/round-snapshot.ts';
import type { SchemeContentInput } from '../../core/scheme/scheme.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { findService, takeIn } from '../requests/intake-service.ts';
import { applyEvent } from '../requests/lifecycle-service.ts';

const year = 2032;
const content: SchemeContentInput = {
  periods: [
    // 15 April: January–March; 15 July: January–June.
    { code: 'Q1', label: '一季度', deadline: '2032-04-15', weight: 0.4 },
    { code: 'H1', label: '上半年', deadline: '2032-07-15', weight: 0.6 },
  ],
  missingValue: 'worst',
  categories: [{
    categoryCode: 'ZJ', name: '镇街', nodes: [
      { code: 'CS', name: '城市治理', parent: null, kind: 'dimension', weight: 1 },
      { code: 'A01', name: '背街小巷环境整治完成率', parent: 'CS', kind: 'indicator', weight: 50, direction: 1, unitOfMeasure: '%', target: 100, dataSource: 'unit', min: 0, max: 200 },
      { code: 'R01', name: '接诉即办综合得分', parent: 'CS', kind: 'indicator', weight: 50, direction: 1, unitOfMeasure: '分', target: 90, dataSource: 'requests', min: 0, max: 100 },
    ],
  }],
};

let t: TestApp;
let kaohe: Client;
let shenhe: Client;
let zgc: Client;
const units: Record<string, { id: string; code: string }> = {};
const base = { username: '', displayName: '测试', unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' };
const hotline: ActionContext = { actor: { ...base, id: '00000000-0000-4000-8000-000000000001', role: 'hotline_centre', unitId: null }, requestId: 'test' };
const reporterOf = (unitId: string): ActionContext => ({ actor: { ...base, id: '00000000-0000-4000-8000-000000000002', role: 'unit_reporter', unitId }, requestId: 'test' });
/** Beijing wall-clock time in 2032. */
const bj = (month: number, day: number, hour: number) => new Date(Date.UTC(year, month - 1, day, hour - 8));
const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3_600_000);

interface Story { unit: string; month: number; day: number; acceptAfterHours: number; callback?: { resolved: boolean; satisfaction: Satisfaction } }

/** A general request (respond within 24 h) taken, dispatched, answered and called back through the services, all in one month. */
async function live(story: Story): Promise<void> {
  const db = t.database.db;
  const service = (await findService(db, { code: 'CSGL-HJWS' }))!;
  const at = bj(story.month, story.day, 10);
  const unitId = units[story.unit]!.id;
  const { request } = await takeIn(db, { actorId: null, actorName: 't', requestId: 't' }, {
    service, description: '垃圾桶满溢无人清运', address: '', lat: null, lon: null, divisionCode: null, citizenName: '', citizenPhone: '', channel: 'phone',
  }, at);
  await applyEvent(db, hotline, request.id, { event: 'dispatch', version: 1, unitId }, at);
  await applyEvent(db, reporterOf(unitId), request.id, { event: 'accept', version: 2 }, hours(at, story.acceptAfterHours));
  if (!story.callback) return;
  await applyEvent(db, reporterOf(unitId), request.id, { event: 'reply', version: 3, reply: '已清运' }, hours(at, 40));
  await applyEvent(db, hotline, request.id, { event: 'callback', version: 4, ...story.callback }, hours(at, 50));
}

const at = (period: string, unit: string) => `/api/assessment/years/${year}/periods/${period}/units/${units[unit]!.id}`;

/** The office enters A01 for the unit, the unit's report is submitted, and the reviewer approves it. */
async function approved(period: string, unit: string, a01: number): Promise<void> {
  const saved = await kaohe.post(`${at(period, unit)}/values`, { version: 0, values: [{ indicatorCode: 'A01', value: a01 }] });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = (await kaohe.post(`${at(period, unit)}/submit`, { version: saved.json<SubmissionView>().version })).json<SubmissionView>();
  const done = await shenhe.post(`/api/assessment/submissions/${submitted.id}/approve`, { version: submitted.version });
  expect(done.statusCode, done.body).toBe(200);
}

const r01 = (view: SubmissionView) => view.computed.find((l) => l.indicatorCode === 'R01')!;

beforeAll(async () => {
  t = await startTestApp();
  [kaohe, shenhe, zgc] = await Promise.all([t.login('kaohe'), t.login('shenhe'), t.login('zgc')]);
  for (const u of await t.database.query<{ id: string; code: string; name: string }>(`SELECT id, code, name FROM units WHERE name IN ('中关村街道', '学院路街道', '海淀街道')`)) units[u.name] = u;
  // 中关村街道 — January: 2 dispatches answered in time, no callback → only the response rate: composite 100.
  await live({ unit: '中关村街道', month: 1, day: 5, acceptAfterHours: 1 });
  await live({ unit: '中关村街道', month: 1, day: 6, acceptAfterHours: 2 });
  // February: nothing. March: docs/requests.md's worked example → 0.75×10 + (2/3)×45 + 0.6×45 = 64.5.
  await live({ unit: '中关村街道', month: 3, day: 2, acceptAfterHours: 1, callback: { resolved: true, satisfaction: 'satisfied' } });
  await live({ unit: '中关村街道', month: 3, day: 3, acceptAfterHours: 2, callback: { resolved: true, satisfaction: 'basically_satisfied' } });
  await live({ unit: '中关村街道', month: 3, day: 4, acceptAfterHours: 30, callback: { resolved: false, satisfaction: 'unsatisfied' } });
  await live({ unit: '中关村街道', month: 3, day: 5, acceptAfterHours: 3 });
  // April: answered after 30 h (0 %), resolved and satisfied → (0×10 + 45 + 45) / 100 = 90.
  await live({ unit: '中关村街道', month: 4, day: 3, acceptAfterHours: 30, callback: { resolved: true, satisfaction: 'satisfied' } });
  // 学院路街道 — March: 2 in time, resolved and satisfied → 100. June: in time, resolved, basically satisfied → 10 + 45 + 0.8×45 = 91.
  await live({ unit: '学院路街道', month: 3, day: 6, acceptAfterHours: 1, callback: { resolved: true, satisfaction: 'satisfied' } });
  await live({ unit: '学院路街道', month: 3, day: 7, acceptAfterHours: 1, callback: { resolved: true, satisfaction: 'satisfied' } });
  await live({ unit: '学院路街道', month: 6, day: 3, acceptAfterHours: 1, callback: { resolved: true, satisfaction: 'basically_satisfied' } });
  // 海淀街道: no request in 2032.

  const draft = await kaohe.post('/api/assessment/schemes', { year, name: `${year}年度接诉即办指标测试方案`, content });
  expect(draft.statusCode, draft.body).toBe(201);
  const s = draft.json<{ id: string; version: number }>();
  expect((await kaohe.post(`/api/assessment/schemes/${s.id}/publish`, { version: s.version })).statusCode).toBe(200);
});
afterAll(async () => { await t?.close(); });

interface Summary { id: string; version: number }
const snapshotOf = async (id: string) => (await kaohe.get(`/api/assessment/results/${id}/snapshot`)).json<RoundSnapshot>();
const inputValues = (snapshot: RoundSnapshot, period: string, runs = snapshot.runs) => runs[0]!.input.periods.find((p) => p.period === period)!.values!;

describe('indicators computed from 12345 data', () => {
  let q1: Summary;

  it('shows the unit the mean of its monthly composites, read-only, and refuses a value for it', async () => {
    const view = (await zgc.get(at('Q1', '中关村街道'))).json<SubmissionView>();
    expect(view.lines.map((l) => l.indicatorCode)).toEqual(['A01']);
    const line = r01(view);
    expect(line).toMatchObject({ source: 'requests', sourceLabel: '根据12345接诉即办数据计算 (computed from 12345 data)', frozen: false, previous: null, months: ['2032-01', '2032-02', '2032-03'] });
    expect(Object.keys(line.composites)).toEqual(['2032-01', '2032-03']);
    expect(line.composites['2032-01']).toBe(100);
    expect(line.composites['2032-03']).toBeCloseTo(64.5, 10);
    // (100 + 64.5) / 2: February has no composite and does not count.
    expect(line.value).toBeCloseTo(82.25, 10);
    // H1: (100 + 64.5 + 90) / 3, beside Q1's value.
    const h1 = r01((await zgc.get(at('H1', '中关村街道'))).json<SubmissionView>());
    expect(h1.months).toHaveLength(6);
    expect(h1.value).toBeCloseTo(254.5 / 3, 10);
    expect(h1.previous).toBeCloseTo(82.25, 10);
    expect(h1.change).toBeCloseTo(254.5 / 3 - 82.25, 10);

    const refused = await zgc.post(`${at('Q1', '中关村街道')}/values`, { version: 0, values: [{ indicatorCode: 'A01', value: 90 }, { indicatorCode: 'R01', value: 100 }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.problems).toEqual([{ indicatorCode: 'R01', message: expect.stringContaining('12345') }]);
    // Nor does the office import it: not in the bulk template.
    const template = await kaohe.get(`/api/assessment/years/${year}/periods/Q1/import-template.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('镇街')!.getRow(1).values).toEqual([undefined, '单位代码', '单位名称', 'A01']);
  });

  it('shows the reviewer the same, and no value where no month has a composite', async () => {
    await approved('Q1', '中关村街道', 90);
    await approved('Q1', '学院路街道', 95);
    await approved('Q1', '海淀街道', 80);
    const [xyl] = (await shenhe.get(`/api/assessment/years/${year}/queue?period=Q1&state=approved`)).json<{ id: string; unitName: string }[]>().filter((q) => q.unitName === '学院路街道');
    const detail = (await shenhe.get(`/api/assessment/submissions/${xyl!.id}`)).json<SubmissionView>();
    expect(r01(detail)).toMatchObject({ value: 100, composites: { '2032-03': 100 } });
    expect(r01((await shenhe.get(at('Q1', '海淀街道'))).json<SubmissionView>())).toMatchObject({ value: null, composites: {} });
  });

  it('computes the period with them and keeps what it used in the snapshot', async () => {
    const res = await kaohe.post(`/api/assessment/years/${year}/rounds/Q1/compute`);
    expect(res.statusCode, res.body).toBe(200);
    q1 = res.json<Summary>();
    const snapshot = await snapshotOf(q1.id);
    const values = inputValues(snapshot, 'Q1');
    const [zc, xy, hd] = ['中关村街道', '学院路街道', '海淀街道'].map((n) => units[n]!.code);
    expect(values[zc!]!.R01).toBeCloseTo(82.25, 10);
    expect(values[xy!]!.R01).toBe(100);
    // 海淀街道 has none: missing, and the scheme says `worst` — the category's worst value, 中关村's.
    expect(values[hd!]!.R01).toBe(values[zc!]!.R01);
    // Units without an approved report have no value of their own either: worst, like their A01.
    expect(Object.values(values).filter((v) => v.A01 === 80 && v.R01 === values[zc!]!.R01)).toHaveLength(Object.keys(values).length - 2);
    const record = snapshot.requests!.Q1!;
    expect(record.months).toEqual(['2032-01', '2032-02', '2032-03']);
    expect(record.settings).toEqual({ responseWeight: 10, resolutionWeight: 45, satisfactionWeight: 45, basicallySatisfiedCredit: 0.8 });
    expect(record.units[zc!]!.value).toBe(values[zc!]!.R01);
    expect(record.units[hd!]).toEqual({ value: null, composites: {} });
    expect((await kaohe.get(`/api/assessment/results/${q1.id}/verify`)).json()).toMatchObject({ identical: true });
    const published = await kaohe.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version });
    expect(published.statusCode).toBe(200);
  });

  it('keeps a published period’s values when the hotline data or the weights change', async () => {
    const settings = (await kaohe.get('/api/request-settings')).json<Record<string, unknown>>();
    const put = await kaohe.request('PUT', '/api/request-settings', { ...settings, responseWeight: 0, resolutionWeight: 50, satisfactionWeight: 50, basicallySatisfiedCredit: 1 });
    expect(put.statusCode, put.body).toBe(200);
    // What the requests module now publishes for March: (2/3)×50 + (2/3)×50 = 66.67 for 中关村.
    const march = (await kaohe.get('/api/request-rates/indicator?month=2032-03&group=street_town')).json<{ unitName: string; value: number | null }[]>();
    expect(march.find((r) => r.unitName === '中关村街道')!.value).toBeCloseTo(200 / 3, 10);

    // Q1 is published: still (100 + 64.5) / 2.
    const q1View = r01((await zgc.get(at('Q1', '中关村街道'))).json<SubmissionView>());
    expect(q1View.frozen).toBe(true);
    expect(q1View.value).toBeCloseTo(82.25, 10);
    // H1 is open: January has no composite any more (only its response rate, now weighted 0);
    // March 66.67, April (50 + 50) / 100 = 100 → (200/3 + 100) / 2.
    const h1 = r01((await zgc.get(at('H1', '中关村街道'))).json<SubmissionView>());
    expect(h1.frozen).toBe(false);
    expect(Object.keys(h1.composites)).toEqual(['2032-03', '2032-04']);
    expect(h1.value).toBeCloseTo((200 / 3 + 100) / 2, 10);
    expect(h1.previous).toBeCloseTo(82.25, 10);

    // The year combines the published Q1 exactly as it was published, and H1 as it is now.
    for (const [unit, a01] of [['中关村街道', 92], ['学院路街道', 96], ['海淀街道', 85]] as const) await approved('H1', unit, a01);
    const yearResult = await kaohe.post(`/api/assessment/years/${year}/rounds/YEAR/compute`);
    expect(yearResult.statusCode, yearResult.body).toBe(200);
    const snapshot = await snapshotOf(yearResult.json<Summary>().id);
    const publishedQ1 = await snapshotOf(q1.id);
    expect(snapshot.periodRuns!.Q1).toEqual(publishedQ1.runs);
    expect(snapshot.requests!.Q1).toEqual(publishedQ1.requests!.Q1);
    const h1Values = inputValues(snapshot, 'H1', snapshot.periodRuns!.H1);
    expect(h1Values[units['中关村街道']!.code]!.R01).toBeCloseTo((200 / 3 + 100) / 2, 10);
    // 学院路: March 100, June (50 + 50) / 100 = 100.
    expect(h1Values[units['学院路街道']!.code]!.R01).toBe(100);
    expect(snapshot.requests!.H1!.settings).toEqual({ responseWeight: 0, resolutionWeight: 50, satisfactionWeight: 50, basicallySatisfiedCredit: 1 });
    expect((await kaohe.get(`/api/assessment/results/${q1.id}/verify`)).json()).toMatchObject({ identical: true });
  });
});
