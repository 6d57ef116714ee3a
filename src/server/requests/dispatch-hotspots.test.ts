// Dispatch suggestions (rules and similar past requests, with reasons) and hotspots over the demo
// district's two months of requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { monthOf } from '../../core/requests/sla.ts';
import { findService } from './intake-service.ts';
import { importHistory, type HistoricalRequest } from './history-import.ts';
import { hotspots } from './hotspot-service.ts';

let t: TestApp;
let hotline: Client;
let services: { id: string; code: string }[];

beforeAll(async () => {
  t = await startTestApp();
  hotline = await t.login('rexian');
  services = (await hotline.get('/api/request-services')).json();
});
afterAll(async () => { await t?.close(); });

const take = async (code: string, body: object) => (await hotline.post('/api/requests', { serviceId: services.find((s) => s.code === code)!.id, address: '', ...body })).json();

describe('dispatch suggestions', () => {
  it('names the street a street matter lies in, and units that handled similar requests, with reasons', async () => {
    const { id } = await take('CSGL-ZYRM', { description: '学院路附近工地夜间施工噪音扰民', lat: 40.0031, lon: 116.3532 });
    const s = (await hotline.get(`/api/requests/${id}/suggestions`)).json();
    expect(s.rule).toMatchObject({ unitName: '学院路街道' });
    expect(s.rule.reason).toContain('属地');
    expect(s.similar.length).toBeGreaterThan(0);
    expect(s.similar[0].reason).toMatch(/相似诉求/);
    expect(s.similar[0].evidence[0].sharedWords.length).toBeGreaterThan(0);
  });
  it('sends a department matter to its department, and follows an explicit rule first', async () => {
    const water = await take('SZSS-GS', { description: '小区突然停水', divisionCode: '110108011' });
    expect((await hotline.get(`/api/requests/${water.id}/suggestions`)).json().rule.unitName).toBe('区水务局');
    const heating = await take('SZSS-GN', { description: '暖气不热', divisionCode: '110108029' });
    expect((await hotline.get(`/api/requests/${heating.id}/suggestions`)).json().rule).toMatchObject({ unitName: '苏家坨地区', reason: expect.stringContaining('派单规则') });
  });
});

describe('hotspots', () => {
  it('shows trends by category and place, rising clusters, a monthly theme with evidence, and map points', async () => {
    // The demo's wave spans the last 20 days: the month of ten days ago always holds half of it or more.
    const h = (await hotline.get(`/api/request-hotspots?month=${monthOf(new Date(Date.now() - 10 * 86_400_000))}`)).json();
    expect(h.total).toBeGreaterThan(50);
    expect(h.categoryTrends[0]).toMatchObject({ name: expect.any(String), count: expect.any(Number), previous: expect.any(Number) });
    expect(h.placeTrends.length).toBeGreaterThan(10);
    // The demo has a wave of noise complaints at 学院路 this month.
    expect(h.rising.some((c: { serviceName: string; divisionName: string }) => c.serviceName === '噪音扰民' && c.divisionName === '学院路街道')).toBe(true);
    expect(h.theme.title).toContain('每月一题');
    expect(h.theme.evidence.length).toBeGreaterThan(0);
    expect(h.points.length).toBeGreaterThan(50);
    expect(h.points[0]).toMatchObject({ lat: expect.any(Number), lon: expect.any(Number) });
    // Every street and town at its centre, with its requests and those still open.
    expect(h.areas.length).toBe(29);
    expect(h.areas.find((a: { name: string }) => a.name === '学院路街道')).toMatchObject({ lat: 40.003, lon: 116.353, count: expect.any(Number), open: expect.any(Number) });
    expect(h.areas.reduce((n: number, a: { count: number }) => n + a.count, 0)).toBe(h.total - h.unlocated);
  });
  it('has nothing for a month not yet begun: no theme, and the reason', async () => {
    const h = (await hotline.get('/api/request-hotspots?month=2099-01')).json();
    expect(h).toMatchObject({ total: 0, theme: null, rising: [], themeNote: expect.stringContaining('没有既多又上升') });
  });
  it('refuses a malformed month', async () => {
    expect((await hotline.get('/api/request-hotspots?month=2026-13')).statusCode).toBe(400);
  });
});

describe('hotspots on hand-made data: rising against the comparable period, and the theme', () => {
  /** Beijing wall-clock time in 2032. */
  const bj = (month: number, day: number, hour = 10) => new Date(Date.UTC(2032, month - 1, day, hour - 8));
  const spread = (n: number, month: number, fromDay: number, toDay: number) =>
    Array.from({ length: n }, (_, i) => bj(month, fromDay + Math.floor((i * (toDay - fromDay + 1)) / n), 8 + (i % 10)));

  beforeAll(async () => {
    const db = t.database.db;
    const [rexian] = await t.database.query<{ id: string }>(`SELECT id FROM users WHERE username = 'rexian'`);
    const ctx = { actor: { id: rexian!.id, username: 'rexian', displayName: '刘敏', role: 'hotline_centre' as const, unitId: null, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' }, requestId: 'test' };
    const service = async (code: string) => (await findService(db, { code }))!;
    const [noise, parking, stalls] = [await service('CSGL-ZYRM'), await service('CSGL-TCGL'), await service('CSGL-ZDJY')];
    const made = (svc: typeof noise, divisionCode: string, at: Date[], description: string): HistoricalRequest[] => at.map((receivedAt) => ({
      service: svc, description, address: '', lat: null, lon: null, divisionCode, citizenName: '', citizenPhone: '', channel: 'phone', receivedAt,
    }));
    await importHistory(db, ctx, [
      // February: a wave of noise at 学院路 — 12 in the first five days, 90 in the month.
      ...made(noise, '110108010', [...spread(12, 2, 1, 5), ...spread(78, 2, 6, 29)], '夜间施工噪音扰民'),
      ...made(parking, '110108012', spread(2, 2, 1, 5), '小区门口乱停车'),
      ...made(stalls, '110108011', spread(8, 2, 1, 5), '路边摊贩占道经营'),
      // March 1–5: noise falls back (10 against 12), parking at 海淀街道 jumps (14 against 2).
      ...made(noise, '110108010', spread(10, 3, 1, 5), '夜间施工噪音扰民'),
      ...made(parking, '110108012', spread(14, 3, 1, 5), '消防通道被乱停车辆占用'),
      ...made(stalls, '110108011', spread(9, 3, 1, 5), '路边摊贩占道经营'),
    ], 'hotspot-test');
  });

  it('on the 6th compares the first five days with February’s first five, not with all of February', async () => {
    const h = await hotspots(t.database.db, '2032-03', bj(3, 6, 0));
    expect(h).toMatchObject({ complete: false, total: 33, previousTotal: 22 });
    expect(h.periods.current.days).toBeCloseTo(5, 12);
    const noise = h.categoryTrends.find((c) => c.name === '噪音扰民')!;
    expect(noise).toMatchObject({ count: 10, previous: 12 });
    expect(noise.growth).toBeCloseTo(-1 / 6, 12);
    expect(h.rising.map((c) => `${c.serviceName}@${c.divisionName}`)).toEqual(['停车管理@海淀街道']);
    expect(h.rising[0]).toMatchObject({ count: 14, previous: 2, growth: 6 });
    expect(h.rising[0]!.topWords).toContain('消防通道');
    expect(h.theme).toMatchObject({ title: '3月每月一题建议：停车管理', serviceName: '停车管理' });
    expect(h.theme!.evidence).toEqual([
      '本期 14 件，上月同期 2 件，环比 +600.0%',
      '占本期全部诉求 42.4%，居各类别第 1 位',
      expect.stringMatching(/^海淀街道集中 14 件（上月同期 2 件），关键词：.*消防通道/),
    ]);
    // Requests with a street but no coordinates are on the map, at their street's centre.
    expect(h.areas.find((a) => a.name === '海淀街道')).toMatchObject({ count: 14, open: 14 });
    expect(h.points).toEqual([]);
  });

  it('once March is over compares it with the whole of February, per day; the noise that fell is never the theme', async () => {
    const h = await hotspots(t.database.db, '2032-03', bj(4, 10));
    expect(h).toMatchObject({ complete: true, total: 33, previousTotal: 100 });
    expect(h.periods.previous.days).toBe(29);
    const noise = h.categoryTrends.find((c) => c.name === '噪音扰民')!;
    expect(noise).toMatchObject({ count: 10, previous: 90 });
    expect(noise.growth!).toBeLessThan(-0.88);
    expect(h.rising.every((c) => c.serviceName !== '噪音扰民')).toBe(true);
    expect(h.theme!.serviceName).toBe('停车管理');
    // And February itself: noise was new and large then, parking and stalls too few to matter.
    const feb = await hotspots(t.database.db, '2032-02', bj(4, 10));
    expect(feb.theme!.serviceName).toBe('噪音扰民');
    expect(feb.theme!.evidence[0]).toBe('本期 90 件，上月同期 0 件（新出现）');
  });
});
