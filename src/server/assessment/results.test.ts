import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import type { SubmissionView } from '../../core/scheme/collection.ts';
import { outcomeOfSnapshot, type RoundOutcome, type RoundSnapshot } from '../../core/scheme/round-snapshot.ts';
import { demoPdf } from '../demo/demo-assessment.ts';
import { fillPeriod, publishDemoScheme, unitId, year } from './assessment-test-kit.ts';

interface Summary { id: string; round: string; status: string; version: number; outcomeHash: string }
interface Detail extends Summary { categories: RoundOutcome['categories'] }

describe('computed and published results', () => {
  let t: TestApp;
  let kaohe: Client;
  let zgc: Client;
  let shenhe: Client;
  let lingdao: Client;
  const compute = (client: Client, round: string) => client.post(`/api/assessment/years/${year}/rounds/${round}/compute`);
  const units = (d: Detail) => d.categories.flatMap((c) => c.units);
  beforeAll(async () => {
    t = await startTestApp();
    [kaohe, zgc, shenhe, lingdao] = await Promise.all([t.login('kaohe'), t.login('zgc'), t.login('shenhe'), t.login('lingdao')]);
    await publishDemoScheme(kaohe);
    await fillPeriod(t.database.db, 'Q1', 0);
    await fillPeriod(t.database.db, 'H1', 1);
  }, 300_000);
  afterAll(() => t.close());

  let q1: Summary;
  it('the office computes a draft that no unit can see', async () => {
    expect((await compute(zgc, 'Q1')).statusCode).toBe(403);
    expect((await compute(kaohe, 'Q9')).statusCode).toBe(404);
    expect((await compute(kaohe, 'Q1-3')).statusCode).toBe(422);
    const res = await compute(kaohe, 'Q1');
    expect(res.statusCode).toBe(200);
    q1 = res.json();
    expect(q1.status).toBe('draft');
    expect((await zgc.get(`/api/assessment/results/${q1.id}`)).statusCode).toBe(404);
    expect((await zgc.get(`/api/assessment/years/${year}/results`)).json()).toEqual([]);
    expect((await lingdao.get(`/api/assessment/results/${q1.id}`)).statusCode).toBe(200);
  });

  it('ranks within each category and gives tiers by share', async () => {
    const d = (await kaohe.get(`/api/assessment/results/${q1.id}`)).json<Detail>();
    expect(d.categories.map((c) => [c.categoryCode, c.units.length])).toEqual([['ZJ', 29], ['BM', 28], ['GQ', 6]]);
    const zj = d.categories[0]!;
    expect(zj.units.map((u) => u.rank)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(zj.units.filter((u) => u.tier === '第一等次')).toHaveLength(9);
    expect(zj.parts.map((p) => p.name)).toEqual(['经济发展', '科技创新', '城市治理', '民生保障', '安全稳定', '党的建设']);
    const first = zj.units[0]!;
    expect(first.score).toBeGreaterThan(zj.units[28]!.score!);
    expect(first.interval!.p5).toBeLessThanOrEqual(first.interval!.p95!);
  });

  it('publishes a frozen result that recomputes bit for bit', async () => {
    expect((await zgc.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version })).statusCode).toBe(403);
    const res = await kaohe.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version });
    expect(res.json<Summary>().status).toBe('published');
    expect((await compute(kaohe, 'Q1')).statusCode).toBe(409);
    expect((await zgc.get(`/api/assessment/results/${q1.id}`)).statusCode).toBe(200);
    expect((await zgc.get(`/api/assessment/results/${q1.id}/verify`)).json()).toMatchObject({ identical: true });
    // Independently of the service: the stored snapshot alone gives the stored outcome exactly.
    const [row] = await t.database.query<{ snapshot: RoundSnapshot; outcome: RoundOutcome }>('SELECT snapshot, outcome FROM assessment_results WHERE id = $1', [q1.id]);
    expect(canonicalize(outcomeOfSnapshot(row!.snapshot))).toBe(canonicalize(row!.outcome));
  });

  it('detects a snapshot changed behind the application’s back', async () => {
    const other = await t.openAnother();
    await other.query(`UPDATE assessment_results SET snapshot = jsonb_set(snapshot, '{runs,0,input,periods,0,values,110108001,ZJ01}', '1.5') WHERE id = $1`, [q1.id]);
    const fresh = await kaohe.get(`/api/assessment/results/${q1.id}/verify`);
    expect(fresh.json()).toMatchObject({ identical: false });
  });

  it('bonus, penalty and veto entries need their own approval with evidence', async () => {
    const haidian = await unitId(t.database.db, '海淀街道');
    const sjq = await unitId(t.database.db, '四季青地区');
    expect((await zgc.post('/api/assessment/adjustments', { year, period: 'H1', unitId: haidian, kind: 'bonus', item: 'award', points: 1, reason: '自评加分' })).statusCode).toBe(403);
    expect((await kaohe.post('/api/assessment/adjustments', { year, period: 'H1', unitId: sjq, kind: 'veto', item: 'nonsense', points: 0, reason: '无此事项' })).statusCode).toBe(422);
    const penalty = (await kaohe.post('/api/assessment/adjustments', { year, period: 'H1', unitId: haidian, kind: 'penalty', item: 'supervision', points: 1.5, reason: '督办事项两次亮黄牌' })).json<{ id: string; version: number }>();
    const veto = (await kaohe.post('/api/assessment/adjustments', { year, period: 'H1', unitId: sjq, kind: 'veto', item: 'safety', points: 0, reason: '较大生产安全事故' })).json<{ id: string; version: number }>();
    expect((await kaohe.post(`/api/assessment/adjustments/${penalty.id}/decide`, { decision: 'approve', version: penalty.version })).statusCode).toBe(403);
    expect((await zgc.post(`/api/assessment/adjustments/${penalty.id}/decide`, { decision: 'approve', version: penalty.version })).statusCode).toBe(404);
    expect((await shenhe.post(`/api/assessment/adjustments/${penalty.id}/decide`, { decision: 'approve', version: penalty.version })).statusCode).toBe(422);
    for (const a of [penalty, veto]) {
      expect((await kaohe.request('POST', `/api/assessment/adjustments/${a.id}/evidence?fileName=${encodeURIComponent('通报.pdf')}`, demoPdf, { 'content-type': 'application/pdf' })).statusCode).toBe(201);
      expect((await shenhe.post(`/api/assessment/adjustments/${a.id}/decide`, { decision: 'approve', version: a.version })).statusCode).toBe(200);
    }
    const h1 = (await compute(kaohe, 'H1')).json<Summary>();
    const d = (await kaohe.get(`/api/assessment/results/${h1.id}`)).json<Detail>();
    const hd = units(d).find((u) => u.name === '海淀街道')!;
    expect(hd.penalty).toBe(1.5);
    expect(hd.score).toBeCloseTo(hd.baseScore! - 1.5, 12);
    const s = units(d).find((u) => u.name === '四季青地区')!;
    expect(s.vetoes).toEqual(['safety']);
    expect(s.tier).toBe('第三等次');
    // zgc sees neither the draft nor the engine's inputs
    expect((await zgc.get(`/api/assessment/results/${h1.id}`)).statusCode).toBe(404);
    expect((await zgc.get(`/api/assessment/results/${h1.id}/snapshot`)).statusCode).toBe(403);
    expect((await kaohe.post(`/api/assessment/results/${h1.id}/publish`, { version: h1.version })).statusCode).toBe(200);
  });

  it('a scorecard shows trend and explains the rank change; a reporter sees only their own', async () => {
    const list = (await zgc.get(`/api/assessment/years/${year}/results`)).json<Summary[]>();
    const h1 = list.find((r) => r.round === 'H1')!;
    expect((await zgc.get(`/api/assessment/results/${h1.id}/units/110108001`)).statusCode).toBe(404);
    const card = await lingdao.get(`/api/assessment/results/${h1.id}/units/110108001`);
    expect(card.statusCode).toBe(200);
    const body = card.json<{ unit: { unit: string }; trend: { round: string }[]; explanation: { drivers: unknown[] } | null; lines: unknown[] }>();
    expect(body.unit.unit).toBe('110108001');
    expect(body.trend.map((x) => x.round)).toEqual(['Q1', 'H1']);
    expect(body.explanation?.drivers.length).toBeGreaterThan(0);
    expect(body.lines).toHaveLength(15);
    const zgcCode = (await t.database.query<{ code: string }>("SELECT code FROM units WHERE name = '中关村街道'"))[0]!.code;
    expect((await zgc.get(`/api/assessment/results/${h1.id}/units/${zgcCode}`)).statusCode).toBe(200);
    expect((await lingdao.get(`/api/assessment/results/${h1.id}/lagging`)).json<unknown[]>().length).toBeGreaterThan(0);
  });

  it('the year combines the periods with their process weights', async () => {
    const year_ = (await compute(kaohe, 'YEAR')).json<Summary>();
    const d = (await kaohe.get(`/api/assessment/results/${year_.id}`)).json<Detail>();
    const list = (await kaohe.get(`/api/assessment/years/${year}/results`)).json<Summary[]>();
    const q = (await kaohe.get(`/api/assessment/results/${list.find((r) => r.round === 'Q1')!.id}`)).json<Detail>();
    const h = (await kaohe.get(`/api/assessment/results/${list.find((r) => r.round === 'H1')!.id}`)).json<Detail>();
    const u = units(d).find((x) => x.name === '学院路街道')!;
    const q1Base = units(q).find((x) => x.name === '学院路街道')!.baseScore!;
    const h1Base = units(h).find((x) => x.name === '学院路街道')!.baseScore!;
    expect(u.baseScore).toBeCloseTo((0.15 * q1Base + 0.25 * h1Base) / 0.4, 10);
    expect(d.categories[0]!.parts.map((p) => p.code)).toEqual(['Q1', 'H1']);
  });

  it('flags outliers for the reviewer by the engine’s rule', async () => {
    await fillPeriod(t.database.db, 'Q1-3', 2, { approve: false, change: (unit, code, v) => (unit === '110108001' && code === 'ZJ05' ? v * 40 : v) });
    const office = await t.login('kaohe');
    const wsId = await unitId(t.database.db, (await t.database.query<{ name: string }>("SELECT name FROM units WHERE code = '110108001'"))[0]!.name);
    const at = `/api/assessment/years/${year}/periods/Q1-3/units/${wsId}`;
    expect((await office.get(at)).json<SubmissionView>().state).toBe('submitted');
    const detail = (await shenhe.get(at)).json<SubmissionView>();
    expect(detail.lines.find((l) => l.indicatorCode === 'ZJ05')!.outlier).toBe('high');
    expect(detail.flags.outliers).toBeGreaterThan(0);
  });
});
