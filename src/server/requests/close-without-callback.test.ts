// "Callback required" decides whether the hotline may close a request once the unit has replied.
// A close without a callback counts in no rate: resolution and satisfaction count callbacks only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../../core/requests/sla.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { rebuildMonthlyStats } from './rates-service.ts';

let t: TestApp;
let hotline: Client;
let zgc: Client;
let noCallbackService: string;
let callbackService: string;
let zgcUnitId: string;

beforeAll(async () => {
  t = await startTestApp();
  hotline = await t.login('rexian');
  zgc = await t.login('zgc');
  const services = (await hotline.get('/api/request-services')).json() as { id: string; code: string }[];
  callbackService = services.find((s) => s.code === 'CSGL-ZDJY')!.id;
  const created = await hotline.post('/api/request-services', { code: 'T-NOCB', name: '咨询建议', responsibleKind: 'street_town', slaClass: 'general', callbackRequired: false });
  expect(created.statusCode, created.body).toBe(201);
  noCallbackService = created.json().id;
  const units = (await hotline.get('/api/units?limit=500')).json().items as { id: string; name: string }[];
  zgcUnitId = units.find((u) => u.name === '中关村街道')!.id;
});
afterAll(async () => { await t?.close(); });

async function step(client: Client, id: string, body: object) {
  const current = (await hotline.get(`/api/requests/${id}`)).json();
  return client.post(`/api/requests/${id}/events`, { version: current.version, ...body });
}

/** A request of the category, dispatched to 中关村街道, accepted and replied to. */
async function replied(serviceId: string): Promise<string> {
  const { id } = (await hotline.post('/api/requests', { serviceId, description: '建议在中关村大街增设公共座椅', address: '海淀区中关村大街', divisionCode: '110108011' })).json();
  expect((await step(hotline, id, { event: 'dispatch', unitId: zgcUnitId })).statusCode).toBe(200);
  expect((await step(zgc, id, { event: 'accept' })).statusCode).toBe(200);
  expect((await step(zgc, id, { event: 'reply', reply: '已转交规划部门研究' })).json().status).toBe('replied');
  return id;
}

const month = () => monthOf(new Date());
async function stats() {
  const [row] = await t.database.query<{ dispatched: number; responded_in_time: number; callbacks: number; resolved: number; satisfied: number; basically_satisfied: number }>(
    'SELECT dispatched, responded_in_time, callbacks, resolved, satisfied, basically_satisfied FROM request_monthly_stats WHERE month = $1 AND unit_id = $2', [month(), zgcUnitId]);
  return row;
}

describe('closing without a callback', () => {
  it('lets the hotline close a replied request of a category that needs no callback, audited, counting in no rate', async () => {
    const id = await replied(noCallbackService);
    const seen = (await hotline.get(`/api/requests/${id}`)).json();
    expect(seen).toMatchObject({ callbackRequired: false, actions: ['callback', 'close'] });
    expect((await zgc.get(`/api/requests/${id}`)).json().actions).toEqual([]);
    expect((await step(zgc, id, { event: 'close' })).statusCode).toBe(403);

    const before = await stats();
    const closed = await step(hotline, id, { event: 'close' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', callbacks: [] });
    expect(closed.json().timeline.at(-1)).toMatchObject({ event: 'close', fromStatus: 'replied', toStatus: 'closed', note: '本类别无需回访' });
    const audit = await t.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_type = 'request' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['request.receive', 'request.dispatch', 'request.accept', 'request.reply', 'request.close']);

    // Nothing moves in the rollup, and a rebuild from the raw records agrees.
    expect(await stats()).toEqual(before);
    await rebuildMonthlyStats(t.database.db, month());
    expect(await stats()).toEqual(before);
    // The public tracking page and Open311 see it closed.
    const { code } = closed.json();
    expect((await t.anonymous().get(`/api/public/requests/${code}`)).json().status).toBe('closed');
    // It may be reopened like any closed request.
    expect((await step(hotline, id, { event: 'reopen', reason: '市民希望再次跟进' })).json().status).toBe('reopened');
  });

  it('still allows a callback on such a category, which then counts as any callback does', async () => {
    const id = await replied(noCallbackService);
    const before = await stats();
    expect((await step(hotline, id, { event: 'callback', resolved: true, satisfaction: 'basically_satisfied' })).json().status).toBe('called_back');
    expect((await step(hotline, id, { event: 'close' })).json().status).toBe('closed');
    const after = await stats();
    expect(after).toEqual({ ...before, callbacks: before!.callbacks + 1, resolved: before!.resolved + 1, basically_satisfied: before!.basically_satisfied + 1 });
  });

  it('refuses to close a replied request of a category that requires a callback (409), and offers no such button', async () => {
    const id = await replied(callbackService);
    expect((await hotline.get(`/api/requests/${id}`)).json()).toMatchObject({ callbackRequired: true, actions: ['callback'] });
    const refused = await step(hotline, id, { event: 'close' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'invalid_transition' });
    expect(refused.json().error.message).toContain('回访');
  });

  it('follows the flag as the catalogue changes: switching it off opens the close button', async () => {
    const id = await replied(callbackService);
    const service = (await hotline.get('/api/request-services')).json().find((s: { id: string }) => s.id === callbackService);
    expect((await hotline.patch(`/api/request-services/${callbackService}`, { callbackRequired: false, version: service.version })).statusCode).toBe(200);
    expect((await hotline.get(`/api/requests/${id}`)).json().actions).toEqual(['callback', 'close']);
    expect((await step(hotline, id, { event: 'close' })).json().status).toBe('closed');
  });
});
