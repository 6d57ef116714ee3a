// The request API end to end: intake, the lifecycle through its routes, privacy for each reader,
// the public form and tracking page, the export, and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { applyEvent } from './lifecycle-service.ts';

let t: TestApp;
let hotline: Client;
let zgc: Client;
let leader: Client;
let serviceId: string;
let zgcUnitId: string;
let otherUnitId: string;

beforeAll(async () => {
  t = await startTestApp();
  hotline = await t.login('rexian');
  zgc = await t.login('zgc');
  leader = await t.login('lingdao');
  const services = (await hotline.get('/api/request-services')).json() as { id: string; code: string }[];
  serviceId = services.find((s) => s.code === 'CSGL-ZDJY')!.id;
  const units = (await hotline.get('/api/units?limit=500')).json().items as { id: string; name: string }[];
  zgcUnitId = units.find((u) => u.name === '中关村街道')!.id;
  otherUnitId = units.find((u) => u.name === '学院路街道')!.id;
});
afterAll(async () => { await t?.close(); });

const newRequest = (over: object = {}) => ({
  serviceId: undefined as unknown as string, description: '中关村大街路边有流动摊贩占道经营，请回电13812345678', address: '海淀区中关村大街27号',
  lat: 39.9832, lon: 116.3162, citizenName: '王秀兰', citizenPhone: '13812345678', ...over,
});

async function take(over: object = {}): Promise<{ id: string; code: string; duplicateOf: string | null; duplicateOfCode: string | null }> {
  const res = await hotline.post('/api/requests', { ...newRequest(), serviceId, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function step(client: Client, id: string, body: object) {
  const current = (await hotline.get(`/api/requests/${id}`)).json();
  return client.post(`/api/requests/${id}/events`, { version: current.version, ...body });
}

describe('intake', () => {
  it('takes a request, finds its street from the coordinates, and keeps the citizen', async () => {
    const { id, code } = await take();
    expect(code).toMatch(/^HD\d{6}[2-9A-Z]{8}$/);
    const detail = (await hotline.get(`/api/requests/${id}`)).json();
    expect(detail).toMatchObject({ status: 'received', divisionName: '中关村街道', citizenName: '王秀兰', citizenPhone: '13812345678', actions: ['dispatch'] });
    expect(detail.timeline[0]).toMatchObject({ event: 'receive', toStatus: 'received' });
  });
  it('flags a second request of the same category nearby as a likely duplicate', async () => {
    const first = await take({ lat: 39.9001, lon: 116.2001, divisionCode: '110108003' });
    const second = await take({ lat: 39.9005, lon: 116.2003, divisionCode: '110108003' });
    expect(second.duplicateOf).toBe(first.id);
    const detail = (await hotline.get(`/api/requests/${first.id}`)).json();
    expect(detail.duplicates.map((d: { code: string }) => d.code)).toEqual([second.code]);
  });
  it('flags a phone request at the same address in the same street, without coordinates, and tells the call-taker the first one’s code', async () => {
    const call = { lat: null, lon: null, divisionCode: '110108011', address: '海淀区知春路甲18号', description: '知春路甲18号门口有人摆摊卖水果，占用人行道' };
    const first = await take(call);
    expect(first.duplicateOf).toBeNull();
    const second = await take({ ...call, address: '北京市海淀区 知春路甲１８号', description: '知春路18号那边又有摊贩占道' });
    expect(second).toMatchObject({ duplicateOf: first.id, duplicateOfCode: first.code });
    expect((await hotline.get(`/api/requests/${second.id}`)).json().duplicateOf).toBe(first.code);
    expect((await hotline.get(`/api/requests/${first.id}`)).json().duplicates).toEqual([{ code: second.code, distanceM: null }]);
    // The same place said more fully is still the same place.
    expect((await take({ ...call, address: '知春路甲18号东门' })).duplicateOfCode).toBe(first.code);
  });
  it('does not flag another house number, another street or another category', async () => {
    const call = { lat: null, lon: null, divisionCode: '110108011', address: '海淀区海淀黄庄路5号' };
    const first = await take(call);
    expect((await take({ ...call, address: '海淀区海淀黄庄路7号' })).duplicateOf).toBeNull();
    expect((await take({ ...call, divisionCode: '110108012' })).duplicateOf).toBeNull();
    const services = (await hotline.get('/api/request-services')).json() as { id: string; code: string }[];
    expect((await take({ ...call, serviceId: services.find((s) => s.code === 'CSGL-HJWS')!.id })).duplicateOf).toBeNull();
    // The road alone is not the house on it.
    expect((await take({ ...call, address: '海淀黄庄路' })).duplicateOf).toBeNull();
    expect((await take(call)).duplicateOfCode).toBe(first.code);
  });
  it('flags a filing on the public web form at the same address, with or without the street', async () => {
    const anyone = t.anonymous();
    const file = async (over: object) => {
      const res = await anyone.post('/api/public/requests', { serviceCode: 'CSGL-ZDJY', description: '小区门口长期有人占道卖菜', address: '海淀区苏州街3号', ...over });
      expect(res.statusCode, res.body).toBe(201);
      return (await hotline.get(`/api/requests?q=${res.json().code}`)).json().items[0] as { id: string; code: string; divisionName: string | null };
    };
    const first = await file({ divisionCode: '110108012' });
    expect(first.divisionName).toBe('海淀街道');
    const again = await file({ divisionCode: '110108012', address: '苏州街3号' });
    expect((await hotline.get(`/api/requests/${again.id}`)).json().duplicateOf).toBe(first.code);
    // No street given: only the very same address counts.
    const noStreet = await file({});
    expect((await hotline.get(`/api/requests/${noStreet.id}`)).json().duplicateOf).toBe(first.code);
    const outside = await anyone.post('/api/public/requests', { serviceCode: 'CSGL-ZDJY', description: '占道', address: 'x', divisionCode: '110105001' });
    expect(outside.statusCode).toBe(422);
    expect((await anyone.get('/api/public/request-areas')).json()).toContainEqual({ code: '110108012', name: '海淀街道' });
  });
  it('refuses bad input with 400 naming the field, never 500', async () => {
    for (const bad of [{ lat: 91 }, { lon: -181 }, { description: 'x'.repeat(4_001) }, { lat: 39.9, lon: null }, { serviceId: 'nope' }]) {
      const res = await hotline.post('/api/requests', { ...newRequest(), serviceId, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const unknown = await hotline.post('/api/requests', { ...newRequest(), serviceId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    const outside = await hotline.post('/api/requests', { ...newRequest(), serviceId, divisionCode: '110105001' });
    expect(outside.statusCode).toBe(422);
  });
  it('is the hotline centre’s job only', async () => {
    expect((await zgc.post('/api/requests', { ...newRequest(), serviceId })).statusCode).toBe(403);
    expect((await leader.post('/api/requests', { ...newRequest(), serviceId })).statusCode).toBe(403);
    expect((await t.anonymous().post('/api/requests', { ...newRequest(), serviceId })).statusCode).toBe(401);
  });
});

describe('lifecycle through the API', () => {
  it('goes received → dispatched → accepted → in progress → replied → called back → closed, audited', async () => {
    const { id } = await take();
    expect((await step(hotline, id, { event: 'dispatch', unitId: zgcUnitId })).statusCode).toBe(200);
    // The unit sees it now, with the citizen, and may accept or return it.
    const seen = (await zgc.get(`/api/requests/${id}`)).json();
    expect(seen).toMatchObject({ status: 'dispatched', citizenPhone: '13812345678', actions: ['accept', 'return'] });
    expect((await step(zgc, id, { event: 'accept' })).json().status).toBe('accepted');
    expect((await step(zgc, id, { event: 'start' })).json().status).toBe('in_progress');
    expect((await step(zgc, id, { event: 'reply', reply: '已清理摊贩并加强巡查' })).json().status).toBe('replied');
    expect((await step(hotline, id, { event: 'callback', resolved: true, satisfaction: 'satisfied' })).json().status).toBe('called_back');
    const closed = (await step(hotline, id, { event: 'close' })).json();
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((s: { event: string }) => s.event)).toEqual(['receive', 'dispatch', 'accept', 'start', 'reply', 'callback', 'close']);
    const audit = await t.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_type = 'request' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['request.receive', 'request.dispatch', 'request.accept', 'request.start', 'request.reply', 'request.callback', 'request.close']);
  });
  it('lets a unit return a request with a reason, back to the dispatcher, and the unit keeps reading it, masked', async () => {
    const { id } = await take();
    await step(hotline, id, { event: 'dispatch', unitId: zgcUnitId });
    const returned = await step(zgc, id, { event: 'return', reason: '不属于本街道辖区' });
    expect(returned.json()).toMatchObject({ status: 'returned', leadUnitId: null });
    expect((await step(hotline, id, { event: 'dispatch', unitId: otherUnitId })).json().leadUnitName).toBe('学院路街道');
    // 中关村 was dispatched to once: it still reads the request, now masked, and can act no more.
    const now = (await zgc.get(`/api/requests/${id}`)).json();
    expect(now).toMatchObject({ citizenPhone: '138****5678', actions: [] });
  });
  it('refuses steps out of order (409), by the wrong party (403), on stale versions (409)', async () => {
    const { id } = await take();
    const early = await step(hotline, id, { event: 'close' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invalid_transition');
    await step(hotline, id, { event: 'dispatch', unitId: zgcUnitId });
    expect((await step(hotline, id, { event: 'accept' })).statusCode).toBe(403);
    expect((await step(leader, id, { event: 'accept' })).statusCode).toBe(403);
    const stale = await zgc.post(`/api/requests/${id}/events`, { event: 'accept', version: 1 });
    expect(stale.statusCode).toBe(409);
  });
  it('needs approval for an extension, and moves the deadline only when approved', async () => {
    const { id } = await take();
    await step(hotline, id, { event: 'dispatch', unitId: zgcUnitId });
    await step(zgc, id, { event: 'accept' });
    const before = (await hotline.get(`/api/requests/${id}`)).json();
    const asked = (await step(zgc, id, { event: 'request_extension', amount: 5, unit: 'days', reason: '需协调产权单位' })).json();
    expect(asked.resolutionDueAt).toBe(before.resolutionDueAt);
    expect((await step(zgc, id, { event: 'request_extension', amount: 1, unit: 'days', reason: '再次申请' })).statusCode).toBe(409);
    expect((await step(zgc, id, { event: 'approve_extension', extensionId: asked.extensions[0].id })).statusCode).toBe(403);
    const approved = (await step(hotline, id, { event: 'approve_extension', extensionId: asked.extensions[0].id })).json();
    expect(Date.parse(approved.resolutionDueAt) - Date.parse(before.resolutionDueAt)).toBe(5 * 86_400_000);
    expect(approved.extensions[0].status).toBe('approved');
  });
  it('reopens when the citizen says it is not resolved; the leading unit handles it again', async () => {
    const { id } = await take();
    await step(hotline, id, { event: 'dispatch', unitId: zgcUnitId });
    await step(zgc, id, { event: 'accept' });
    await step(zgc, id, { event: 'reply', reply: '已处理' });
    await step(hotline, id, { event: 'callback', resolved: false, satisfaction: 'unsatisfied' });
    const reopened = (await step(hotline, id, { event: 'reopen', reason: '市民称摊贩仍在' })).json();
    expect(reopened.status).toBe('reopened');
    expect((await zgc.get(`/api/requests/${id}`)).json().actions).toEqual(['start', 'reply', 'request_extension', 'add_co_handler']);
  });
  it('adds co-handlers, who read the request with the citizen but cannot act as the lead', async () => {
    const { id } = await take();
    await step(hotline, id, { event: 'dispatch', unitId: otherUnitId });
    expect((await zgc.get(`/api/requests/${id}`)).statusCode).toBe(404);
    // 学院路街道 has no demo account: act for its reporter through the service, as its route would.
    const xyl = { id: crypto.randomUUID(), username: 'xyl', displayName: '学院路填报员', role: 'unit_reporter' as const, unitId: otherUnitId, unitName: '学院路街道', mustChangePassword: false, sessionId: '', csrfToken: '' };
    const current = (await hotline.get(`/api/requests/${id}`)).json();
    await applyEvent(t.database.db, { actor: xyl, requestId: 'test' }, id, { event: 'accept', version: current.version });
    expect((await step(hotline, id, { event: 'add_co_handler', unitId: zgcUnitId })).statusCode).toBe(200);
    expect((await step(hotline, id, { event: 'add_co_handler', unitId: zgcUnitId })).statusCode).toBe(409);
    const seen = (await zgc.get(`/api/requests/${id}`)).json();
    expect(seen).toMatchObject({ citizenPhone: '13812345678', actions: [], coHandlers: [{ unitName: '中关村街道' }] });
    expect((await step(zgc, id, { event: 'reply', reply: '协办单位抢答' })).statusCode).toBe(403);
    expect((await zgc.get('/api/requests?limit=500')).json().items.some((r: { id: string }) => r.id === id)).toBe(true);
  });
});
