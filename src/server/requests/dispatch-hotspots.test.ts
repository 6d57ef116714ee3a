// Dispatch suggestions (rules and similar past requests, with reasons) and hotspots over the demo
// district's two months of requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { monthOf } from '../../core/requests/sla.ts';

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
  });
  it('refuses a malformed month', async () => {
    expect((await hotline.get('/api/request-hotspots?month=2026-13')).statusCode).toBe(400);
  });
});
