import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import type { DueItem, QueueItem, SubmissionView } from '../../core/scheme/collection.ts';
import { publishDemoScheme, unitId, year } from './assessment-test-kit.ts';

// The reporter's path (owe → enter → submit) and the reviewer's (queue → return → approve), with
// the permissions that keep each unit to its own data.
describe('data collection and review', () => {
  let t: TestApp;
  let kaohe: Client;
  let zgc: Client;
  let shenhe: Client;
  let lingdao: Client;
  let zgcId: string;
  let otherId: string;
  const at = (unit: string, period = 'Q1') => `/api/assessment/years/${year}/periods/${period}/units/${unit}`;
  beforeAll(async () => {
    t = await startTestApp();
    [kaohe, zgc, shenhe, lingdao] = await Promise.all([t.login('kaohe'), t.login('zgc'), t.login('shenhe'), t.login('lingdao')]);
    await publishDemoScheme(kaohe);
    zgcId = await unitId(t.database.db, '中关村街道');
    otherId = await unitId(t.database.db, '海淀街道');
  }, 120_000);
  afterAll(() => t.close());

  it('a reporter sees what their own unit owes per period, with deadlines', async () => {
    const due = (await zgc.get(`/api/assessment/years/${year}/due`)).json<DueItem[]>();
    expect(due.map((d) => [d.period, d.deadline, d.state])).toEqual([
      ['Q1', '2026-04-15', 'draft'], ['H1', '2026-07-15', 'draft'], ['Q1-3', '2026-10-15', 'draft'], ['Y', '2027-01-15', 'draft']]);
    // 15 indicators: one the raters score, one (ZJ07) computed from 12345 data.
    expect(due.every((d) => d.unitId === zgcId && d.due === 13)).toBe(true);
    expect((await zgc.get(`/api/assessment/years/${year}/due?unitId=${otherId}`)).statusCode).toBe(404);
    expect((await kaohe.get(`/api/assessment/years/${year}/due`)).json<DueItem[]>().length).toBe(63 * 4);
  });

  it('a unit cannot read or write another unit, and a leader changes nothing', async () => {
    expect((await zgc.get(at(otherId))).statusCode).toBe(404);
    expect((await zgc.post(`${at(otherId)}/values`, { version: 0, values: [] })).statusCode).toBe(404);
    expect((await lingdao.get(at(zgcId))).statusCode).toBe(200);
    expect((await lingdao.post(`${at(zgcId)}/values`, { version: 0, values: [{ indicatorCode: 'ZJ01', value: 1 }] })).statusCode).toBe(403);
  });

  let view: SubmissionView;
  it('checks every value and writes none when one is wrong', async () => {
    const res = await zgc.post(`${at(zgcId)}/values`, { version: 0, values: [{ indicatorCode: 'ZJ01', value: 6.5 }, { indicatorCode: 'ZJ09', value: 250 }, { indicatorCode: 'ZJ15', value: 90 }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems.map((p: { indicatorCode: string }) => p.indicatorCode)).toEqual(['ZJ09', 'ZJ15']);
    expect((await zgc.get(at(zgcId))).json<SubmissionView>().lines.find((l) => l.indicatorCode === 'ZJ01')!.value).toBeNull();
    expect((await zgc.post(`${at(zgcId)}/values`, { version: 0, values: [{ indicatorCode: 'ZJ01', value: 'six' }] })).statusCode).toBe(400);
  });

  it('saves a draft, refuses submission while values are missing, then submits late after the deadline', async () => {
    const first = await zgc.post(`${at(zgcId)}/values`, { version: 0, values: [{ indicatorCode: 'ZJ01', value: 6.5, note: '统计局快报' }] });
    expect(first.statusCode).toBe(200);
    view = first.json();
    expect(view).toMatchObject({ state: 'draft', version: 1 });
    const early = await zgc.post(`${at(zgcId)}/submit`, { version: view.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.missing).toHaveLength(12);
    const all = view.lines.map((l, i) => ({ indicatorCode: l.indicatorCode, value: l.indicatorCode === 'ZJ01' ? 6.5 : 50 + i }));
    view = (await zgc.post(`${at(zgcId)}/values`, { version: view.version, values: all })).json();
    expect((await zgc.post(`${at(zgcId)}/values`, { version: 1, values: all })).statusCode).toBe(409);
    const submitted = await zgc.post(`${at(zgcId)}/submit`, { version: view.version });
    expect(submitted.statusCode).toBe(200);
    view = submitted.json();
    // Q1's deadline (2026-04-15) is long past: the submission is flagged late.
    expect(view).toMatchObject({ state: 'submitted', late: true });
    expect((await zgc.post(`${at(zgcId)}/values`, { version: view.version, values: all })).statusCode).toBe(409);
  });

  it('a reporter cannot approve, not even their own unit', async () => {
    expect((await zgc.post(`/api/assessment/submissions/${view.id}/approve`, { version: view.version })).statusCode).toBe(403);
    expect((await lingdao.post(`/api/assessment/submissions/${view.id}/approve`, { version: view.version })).statusCode).toBe(403);
    expect((await zgc.get(`/api/assessment/years/${year}/queue`)).statusCode).toBe(403);
  });

  it('the reviewer returns with a comment; the unit corrects and resubmits; the reviewer approves', async () => {
    const queue = (await shenhe.get(`/api/assessment/years/${year}/queue?state=submitted`)).json<QueueItem[]>();
    expect(queue.map((q) => q.unitId)).toEqual([zgcId]);
    expect(queue[0]).toMatchObject({ late: true, missing: 0 });
    expect((await shenhe.post(`/api/assessment/submissions/${view.id}/return`, { version: view.version })).statusCode).toBe(400);
    const returned = await shenhe.post(`/api/assessment/submissions/${view.id}/return`, { version: view.version, comment: 'ZJ02 与财政局数据不一致' });
    expect(returned.json<SubmissionView>()).toMatchObject({ state: 'returned', returnedCount: 1, reviewComment: 'ZJ02 与财政局数据不一致' });
    const mine = (await zgc.get(at(zgcId))).json<SubmissionView>();
    expect(mine.reviewComment).toBe('ZJ02 与财政局数据不一致');
    const fixed = (await zgc.post(`${at(zgcId)}/values`, { version: mine.version, values: [{ indicatorCode: 'ZJ02', value: 98.2 }] })).json<SubmissionView>();
    const again = (await zgc.post(`${at(zgcId)}/submit`, { version: fixed.version })).json<SubmissionView>();
    expect(again.state).toBe('submitted');
    expect((await shenhe.post(`/api/assessment/submissions/${view.id}/approve`, { version: again.version - 1 })).statusCode).toBe(409);
    const approved = await shenhe.post(`/api/assessment/submissions/${view.id}/approve`, { version: again.version });
    expect(approved.json<SubmissionView>().state).toBe('approved');
    expect((await shenhe.post(`/api/assessment/submissions/${view.id}/approve`, { version: again.version + 1 })).statusCode).toBe(409);
  });

  it('the reviewer sees the change against the previous period', async () => {
    const h1 = at(zgcId, 'H1');
    const values = view.lines.map((l) => ({ indicatorCode: l.indicatorCode, value: l.indicatorCode === 'ZJ01' ? 7 : 60 }));
    const saved = (await zgc.post(`${h1}/values`, { version: 0, values })).json<SubmissionView>();
    await zgc.post(`${h1}/submit`, { version: saved.version });
    const detail = (await shenhe.get(`/api/assessment/submissions/${saved.id}`)).json<SubmissionView>();
    const zj01 = detail.lines.find((l) => l.indicatorCode === 'ZJ01')!;
    expect(zj01).toMatchObject({ value: 7, previous: 6.5, change: 0.5 });
  });

  it('writes an audit record for every change', async () => {
    const rows = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'assessment_submission' ORDER BY seq");
    expect(rows.map((r) => r.action)).toEqual(['submission.save', 'submission.save', 'submission.submit', 'submission.return', 'submission.save', 'submission.submit', 'submission.approve', 'submission.save', 'submission.submit']);
  });
});
