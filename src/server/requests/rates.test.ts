// The three rates through the services and the API, on a month worked out by hand (see
// docs/requests.md, "Worked example"): the rollup kept by each step equals a rebuild from the raw
// records, weights come from the database, and streets are ranked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../auth/actor.ts';
import type { Satisfaction } from '../../core/requests/rates.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { findService, takeIn } from './intake-service.ts';
import { applyEvent } from './lifecycle-service.ts';
import { rebuildMonthlyStats } from './rates-service.ts';

let t: TestApp;
let kaohe: Client;
const units: Record<string, string> = {};
const base = { username: '', displayName: '测试', unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' };
const hotline: ActionContext = { actor: { ...base, id: '00000000-0000-4000-8000-000000000001', role: 'hotline_centre', unitId: null }, requestId: 'test' };
const reporterOf = (unitId: string): ActionContext => ({ actor: { ...base, id: '00000000-0000-4000-8000-000000000002', role: 'unit_reporter', unitId }, requestId: 'test' });
/** Beijing wall-clock time in March 2032. */
const bj = (day: number, hour: number) => new Date(Date.UTC(2032, 2, day, hour - 8));
const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3_600_000);

interface Story { unit: string; day: number; acceptAfterHours: number; callback?: { resolved: boolean; satisfaction: Satisfaction } }

async function live(story: Story): Promise<void> {
  const db = t.database.db;
  const service = (await findService(db, { code: 'CSGL-HJWS' }))!;
  const at = bj(story.day, 10);
  const { request } = await takeIn(db, { actorId: null, actorName: 't', requestId: 't' }, {
    service, description: '垃圾桶满溢无人清运', address: '', lat: null, lon: null, divisionCode: null, citizenName: '', citizenPhone: '', channel: 'phone',
  }, at);
  const unit = reporterOf(units[story.unit]!);
  await applyEvent(db, hotline, request.id, { event: 'dispatch', version: 1, unitId: units[story.unit]! }, at);
  await applyEvent(db, unit, request.id, { event: 'accept', version: 2 }, hours(at, story.acceptAfterHours));
  if (!story.callback) return;
  await applyEvent(db, unit, request.id, { event: 'reply', version: 3, reply: '已清运' }, hours(at, 40));
  await applyEvent(db, hotline, request.id, { event: 'callback', version: 4, ...story.callback }, hours(at, 50));
}

beforeAll(async () => {
  t = await startTestApp();
  kaohe = await t.login('kaohe');
  for (const u of await t.database.query<{ id: string; name: string }>(`SELECT id, name FROM units WHERE name IN ('中关村街道', '学院路街道')`)) units[u.name] = u.id;
  // 中关村: 4 dispatches, one answered after 30 h (limit 24 h); 3 callbacks: satisfied, basically, unresolved.
  await live({ unit: '中关村街道', day: 2, acceptAfterHours: 1, callback: { resolved: true, satisfaction: 'satisfied' } });
  await live({ unit: '中关村街道', day: 3, acceptAfterHours: 2, callback: { resolved: true, satisfaction: 'basically_satisfied' } });
  await live({ unit: '中关村街道', day: 4, acceptAfterHours: 30, callback: { resolved: false, satisfaction: 'unsatisfied' } });
  await live({ unit: '中关村街道', day: 5, acceptAfterHours: 3 });
  // 学院路: 2 dispatches in time, both resolved and satisfied.
  await live({ unit: '学院路街道', day: 6, acceptAfterHours: 1, callback: { resolved: true, satisfaction: 'satisfied' } });
  await live({ unit: '学院路街道', day: 7, acceptAfterHours: 1, callback: { resolved: true, satisfaction: 'satisfied' } });
});
afterAll(async () => { await t?.close(); });

interface Row { name: string; rank: number | null; dispatched: number; respondedInTime: number; callbacks: number; resolved: number; rates: { responseRate: number; resolutionRate: number; satisfactionRate: number; composite: number } }
const ranking = async () => (await kaohe.get('/api/request-rates?month=2032-03&group=street_town')).json() as { rows: Row[] };

describe('three rates of March 2032', () => {
  it('match the hand-worked example with the default weights 10/45/45 and credit 0.8', async () => {
    const { rows } = await ranking();
    const zgc = rows.find((r) => r.name === '中关村街道')!;
    const xyl = rows.find((r) => r.name === '学院路街道')!;
    expect(zgc).toMatchObject({ dispatched: 4, respondedInTime: 3, callbacks: 3, resolved: 2 });
    expect(zgc.rates.responseRate).toBe(0.75);
    expect(zgc.rates.resolutionRate).toBeCloseTo(2 / 3, 12);
    expect(zgc.rates.satisfactionRate).toBeCloseTo(0.6, 12);
    // 0.75×10 + (2/3)×45 + 0.6×45 = 7.5 + 30 + 27 = 64.5
    expect(zgc.rates.composite).toBeCloseTo(64.5, 10);
    expect(xyl.rates.composite).toBeCloseTo(100, 10);
    expect(rows.slice(0, 2).map((r) => [r.name, r.rank])).toEqual([['学院路街道', 1], ['中关村街道', 2]]);
    // Streets with nothing this month are listed, unranked, after the ranked ones.
    expect(rows.slice(2).every((r) => r.rank === null)).toBe(true);
  });
  it('equal a rebuild of the month from the raw dispatches and callbacks', async () => {
    const before = await ranking();
    await rebuildMonthlyStats(t.database.db, '2032-03');
    expect(await ranking()).toEqual(before);
  });
  it('take their weights from the database; only the assessment office and admin change them', async () => {
    const settings = (await kaohe.get('/api/request-settings')).json();
    const zgc = await t.login('zgc');
    expect((await zgc.request('PUT', '/api/request-settings', { ...settings, responseWeight: 0 })).statusCode).toBe(403);
    const zero = await kaohe.request('PUT', '/api/request-settings', { ...settings, responseWeight: 0, resolutionWeight: 0, satisfactionWeight: 0 });
    expect(zero.statusCode).toBe(422);
    const changed = await kaohe.request('PUT', '/api/request-settings', { ...settings, responseWeight: 0, resolutionWeight: 50, satisfactionWeight: 50, basicallySatisfiedCredit: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await kaohe.request('PUT', '/api/request-settings', settings)).statusCode).toBe(409);
    // (2/3)×50 + ((1 + 1)/3)×50 = 66.67
    expect((await ranking()).rows.find((r) => r.name === '中关村街道')!.rates.composite).toBeCloseTo(200 / 3, 10);
    const indicator = (await kaohe.get('/api/request-rates/indicator?month=2032-03&group=street_town')).json();
    expect(indicator.map((i: { unitName: string; value: number }) => [i.unitName, Math.round(i.value * 100) / 100])).toEqual([['学院路街道', 100], ['中关村街道', 66.67]]);
  });
});
