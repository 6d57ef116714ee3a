import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { demoPdf } from '../demo/demo-assessment.ts';
import { demoValues } from '../demo/demo-assessment-data.ts';
import { importHistory } from '../requests/history-import.ts';
import { findService } from '../requests/intake-service.ts';
import { importValues } from './bulk-import.ts';
import { submitValuesRow } from './collection-service.ts';
import { decideSubmissionRow } from './review-service.ts';
import { content, contextOf, fillPeriod, publishDemoScheme, unitId, year } from './assessment-test-kit.ts';
import type { StaleReason } from './result-staleness.ts';

interface State { id: string; round: string; status: string; version: number; stale: boolean; staleReasons: StaleReason[]; schemeVersion: number }
interface Detail extends State { categories: { units: { name: string; penalty: number }[] }[] }

// A draft result says when what it was computed from has changed since — approved values, approved
// adjustments, the scheme, the 12345 data — until it is recomputed; a stale draft is not published.
describe('stale draft results', () => {
  let t: TestApp;
  let kaohe: Client;
  let shenhe: Client;
  let zgc: Client;
  let zgcId: string;
  const compute = async (round: string) => {
    const res = await kaohe.post(`/api/assessment/years/${year}/rounds/${round}/compute`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<State>();
  };
  const states = async () => Object.fromEntries((await kaohe.get(`/api/assessment/years/${year}/results`)).json<State[]>().map((r) => [r.round, r]));
  const detail = async (id: string) => (await kaohe.get(`/api/assessment/results/${id}`)).json<Detail>();
  const submissionOf = async (unit: string, period = 'Q1') => (await kaohe.get(`/api/assessment/years/${year}/periods/${period}/units/${unit}`)).json<{ id: string; version: number; state: string }>();

  beforeAll(async () => {
    t = await startTestApp();
    [kaohe, shenhe, zgc] = await Promise.all([t.login('kaohe'), t.login('shenhe'), t.login('zgc')]);
    await publishDemoScheme(kaohe);
    zgcId = await unitId(t.database.db, '中关村街道');
    // Everything of the first quarter submitted; all but 中关村街道 approved.
    await fillPeriod(t.database.db, 'Q1', 0, { approve: false });
    const queue = (await shenhe.get(`/api/assessment/years/${year}/queue?state=submitted`)).json<{ id: string; unitId: string; version: number }[]>();
    for (const s of queue.filter((x) => x.unitId !== zgcId)) expect((await shenhe.post(`/api/assessment/submissions/${s.id}/approve`, { version: s.version })).statusCode).toBe(200);
  }, 300_000);
  afterAll(() => t.close());

  it('a fresh draft is not stale; returning a submission no result holds changes nothing', async () => {
    const q1 = await compute('Q1');
    expect(q1).toMatchObject({ status: 'draft', stale: false, staleReasons: [] });
    await compute('YEAR');
    const s = await submissionOf(zgcId);
    expect((await shenhe.post(`/api/assessment/submissions/${s.id}/return`, { version: s.version, comment: '请核实' })).statusCode).toBe(200);
    const returned = await submissionOf(zgcId);
    expect((await zgc.post(`/api/assessment/years/${year}/periods/Q1/units/${zgcId}/submit`, { version: returned.version })).statusCode).toBe(200);
    const all = await states();
    expect([all.Q1!.stale, all.YEAR!.stale]).toEqual([false, false]);
    expect((await detail(q1.id)).stale).toBe(false);
  });

  it('an approval leaves the drafts of the period and the year stale; publishing one is refused; recomputing clears it', async () => {
    const s = await submissionOf(zgcId);
    expect((await shenhe.post(`/api/assessment/submissions/${s.id}/approve`, { version: s.version })).statusCode).toBe(200);
    const all = await states();
    expect(all.Q1).toMatchObject({ stale: true, staleReasons: [{ kind: 'data', action: 'submission.approve', changes: 1 }] });
    expect(all.YEAR!.stale).toBe(true);
    expect(all.Q1!.staleReasons[0]!.message).toContain('数据已变更');
    const q1 = await detail(all.Q1!.id);
    expect(q1.stale).toBe(true);
    const refused = await kaohe.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('数据已变更，需重新计算');
    expect(refused.json().error.details).toMatchObject({ stale: true, reasons: [{ kind: 'data' }] });
    expect((await compute('Q1')).stale).toBe(false);
    expect((await states()).Q1!.stale).toBe(false);
    // The year's draft stays stale until it is recomputed itself.
    expect((await states()).YEAR!.stale).toBe(true);
    expect((await compute('YEAR')).stale).toBe(false);
  });

  it('a bulk import that sends approved values back to review leaves the draft stale; importing the same values again does not', async () => {
    const office = await contextOf(t.database.db, 'kaohe');
    const hd = await unitId(t.database.db, '海淀街道');
    const hdCode = (await t.database.query<{ code: string }>("SELECT code FROM units WHERE name = '海淀街道'"))[0]!.code;
    const values = demoValues(content, 'ZJ', hdCode, 0).map((e) => (e.indicatorCode === 'ZJ01' ? { ...e, value: e.value + 1 } : e));
    expect(await importValues(t.database.db, office, year, 'Q1', new Map([[hd, values]]))).toMatchObject({ changed: 1, reopened: 1 });
    expect((await states()).Q1).toMatchObject({ stale: true, staleReasons: [{ kind: 'data', action: 'submission.import' }] });
    expect((await compute('Q1')).stale).toBe(false);
    expect(await importValues(t.database.db, office, year, 'Q1', new Map([[hd, values]]))).toMatchObject({ changed: 0, reopened: 0 });
    expect((await states()).Q1!.stale).toBe(false);
    // Approved again: part of the data again.
    const s = await submissionOf(hd);
    expect((await shenhe.post(`/api/assessment/submissions/${s.id}/approve`, { version: s.version })).statusCode).toBe(200);
    expect((await states()).Q1!.stale).toBe(true);
    expect((await compute('Q1')).stale).toBe(false);
  });

  it('approving and withdrawing an adjustment leave the draft stale; the recomputed draft has, then lacks, it', async () => {
    const hd = await unitId(t.database.db, '海淀街道');
    const penalty = (await kaohe.post('/api/assessment/adjustments', { year, period: 'Q1', unitId: hd, kind: 'penalty', item: 'supervision', points: 2, reason: '督办事项逾期未办结' })).json<{ id: string; version: number }>();
    // Proposing changes nothing a result holds.
    expect((await states()).Q1!.stale).toBe(false);
    expect((await kaohe.request('POST', `/api/assessment/adjustments/${penalty.id}/evidence?fileName=${encodeURIComponent('通报.pdf')}`, demoPdf, { 'content-type': 'application/pdf' })).statusCode).toBe(201);
    const approved = await shenhe.post(`/api/assessment/adjustments/${penalty.id}/decide`, { decision: 'approve', version: penalty.version });
    expect(approved.statusCode).toBe(200);
    expect((await states()).Q1).toMatchObject({ stale: true, staleReasons: [{ kind: 'data', action: 'adjustment.approve' }] });
    const with_ = await compute('Q1');
    expect((await detail(with_.id)).categories.flatMap((c) => c.units).find((u) => u.name === '海淀街道')!.penalty).toBe(2);
    // Only the office withdraws, with a reason.
    const a = approved.json<{ version: number }>();
    expect((await shenhe.post(`/api/assessment/adjustments/${penalty.id}/withdraw`, { version: a.version, comment: '误登记' })).statusCode).toBe(403);
    expect((await (await t.login('lingdao')).post(`/api/assessment/adjustments/${penalty.id}/withdraw`, { version: a.version, comment: '误登记' })).statusCode).toBe(403);
    // Another unit's entry: a reporter learns nothing of it.
    expect((await zgc.post(`/api/assessment/adjustments/${penalty.id}/withdraw`, { version: a.version, comment: '误登记' })).statusCode).toBe(404);
    expect((await kaohe.post(`/api/assessment/adjustments/${penalty.id}/withdraw`, { version: a.version })).statusCode).toBe(400);
    const withdrawn = await kaohe.post(`/api/assessment/adjustments/${penalty.id}/withdraw`, { version: a.version, comment: '督办事项已按期办结，系误登记' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ state: 'withdrawn', decisionComment: '督办事项已按期办结，系误登记' });
    expect((await kaohe.post(`/api/assessment/adjustments/${penalty.id}/withdraw`, { version: withdrawn.json<{ version: number }>().version, comment: '再次撤销' })).statusCode).toBe(409);
    expect((await states()).Q1).toMatchObject({ stale: true, staleReasons: [{ kind: 'data', action: 'adjustment.withdraw' }] });
    const without = await compute('Q1');
    expect((await detail(without.id)).categories.flatMap((c) => c.units).find((u) => u.name === '海淀街道')!.penalty).toBe(0);
  });

  it('12345 data that change a taking-part unit’s 接诉即办综合得分 leave the draft stale', async () => {
    const rexian = await contextOf(t.database.db, 'rexian');
    const service = (await findService(t.database.db, { code: 'CSGL-HJWS' }))!;
    // Five requests of February at 中关村街道, handled late and called back unsatisfied.
    const at = (day: number, hour: number) => new Date(Date.UTC(2026, 1, day, hour - 8));
    const [zgcUnit] = await t.database.query<{ code: string; division_code: string }>("SELECT code, division_code FROM units WHERE name = '中关村街道'");
    await importHistory(t.database.db, rexian, Array.from({ length: 5 }, (_, i) => ({
      service, description: '小区垃圾清运不及时', address: '', lat: null, lon: null, divisionCode: zgcUnit!.division_code, citizenName: '', citizenPhone: '', channel: 'phone',
      receivedAt: at(10 + i, 9), dispatch: { unitId: zgcId, at: at(10 + i, 10) }, accepted: at(13 + i, 10), reply: { at: at(27, 10), text: '已处理' },
      callback: { at: at(28, 10), resolved: false, satisfaction: 'unsatisfied' as const }, closed: at(28, 11),
    })), 'stale-test');
    const q1 = (await states()).Q1!;
    expect(q1).toMatchObject({ stale: true, staleReasons: [{ kind: 'requests', units: [zgcUnit!.code] }] });
    expect(q1.staleReasons[0]!.message).toContain('12345');
    expect((await compute('Q1')).stale).toBe(false);
  });

  it('a revised scheme leaves the draft stale', async () => {
    const schemes = (await kaohe.get('/api/assessment/schemes')).json<{ id: string; year: number; status: string; version: number }[]>();
    const current = schemes.find((s) => s.year === year && s.status === 'published')!;
    const draft = (await kaohe.post(`/api/assessment/schemes/${current.id}/revise`, { version: current.version, reason: '调整发布时间' })).json<{ id: string; version: number }>();
    expect((await kaohe.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).statusCode).toBe(200);
    expect((await states()).Q1).toMatchObject({ stale: true, staleReasons: [{ kind: 'scheme', schemeVersion: 2 }] });
    const q1 = await compute('Q1');
    expect(q1).toMatchObject({ stale: false, schemeVersion: 2 });
  });

  it('a fresh draft is published; its period is frozen for adjustments too; published results are never stale', async () => {
    const q1 = (await states()).Q1!;
    const published = await kaohe.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', stale: false });
    const hd = await unitId(t.database.db, '海淀街道');
    const bonus = (await kaohe.post('/api/assessment/adjustments', { year, period: 'Q1', unitId: hd, kind: 'bonus', item: 'award', points: 1, reason: '获评先进集体' })).json<{ id: string; version: number }>();
    expect((await kaohe.request('POST', `/api/assessment/adjustments/${bonus.id}/evidence?fileName=a.pdf`, demoPdf, { 'content-type': 'application/pdf' })).statusCode).toBe(201);
    const frozen = await shenhe.post(`/api/assessment/adjustments/${bonus.id}/decide`, { decision: 'approve', version: bonus.version });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('一季度');
    expect((await kaohe.post(`/api/assessment/adjustments/${bonus.id}/withdraw`, { version: bonus.version, comment: '本期已发布' })).statusCode).toBe(409);
    // Rejecting a pending entry changes nothing and stays possible.
    expect((await shenhe.post(`/api/assessment/adjustments/${bonus.id}/decide`, { decision: 'reject', version: bonus.version })).statusCode).toBe(200);
    expect((await states()).Q1).toMatchObject({ status: 'published', stale: false, staleReasons: [] });
  });

  it('a recomputation the engine refuses (one unit’s values in a period) is the caller’s 422, not a server error', async () => {
    const office = await contextOf(t.database.db, 'kaohe');
    const reviewer = await contextOf(t.database.db, 'shenhe');
    const hd = await unitId(t.database.db, '海淀街道');
    const hdCode = (await t.database.query<{ code: string }>("SELECT code FROM units WHERE name = '海淀街道'"))[0]!.code;
    await importValues(t.database.db, office, year, 'H1', new Map([[hd, demoValues(content, 'ZJ', hdCode, 1)]]));
    const s = await submitValuesRow(t.database.db, office, year, 'H1', hd, 1);
    await decideSubmissionRow(t.database.db, reviewer, s.id, 'approve', s.version);
    expect((await states()).YEAR!.stale).toBe(true);
    const refused = await kaohe.post(`/api/assessment/years/${year}/rounds/YEAR/compute`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('计算失败');
    expect((await states()).YEAR!.stale).toBe(true);
  });
});
