// The request settings: the default time limits of each SLA class live in the database, are
// validated and audited, and reach the deadlines of requests dispatched after a change (those
// dispatched before keep theirs); each party changes its own part of the settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineOf, defaultLimits } from '../../core/requests/sla.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
let hotline: Client;
let admin: Client;
let office: Client;
let zgc: Client;
let serviceId: string;
let zgcUnitId: string;

beforeAll(async () => {
  t = await startTestApp();
  hotline = await t.login('rexian');
  admin = await t.login('admin');
  office = await t.login('kaohe');
  zgc = await t.login('zgc');
  const services = (await hotline.get('/api/request-services')).json() as { id: string; code: string }[];
  serviceId = services.find((s) => s.code === 'CSGL-ZDJY')!.id;
  const units = (await hotline.get('/api/units?limit=500')).json().items as { id: string; name: string }[];
  zgcUnitId = units.find((u) => u.name === '中关村街道')!.id;
});
afterAll(async () => { await t?.close(); });

const put = (client: Client, body: object) => client.request('PUT', '/api/request-settings', body);
const settings = async () => (await hotline.get('/api/request-settings')).json();

async function takeAndDispatch(): Promise<{ id: string; dispatchedAt: Date; responseDueAt: string; resolutionDueAt: string }> {
  const { id } = (await hotline.post('/api/requests', { serviceId, description: '路边流动摊贩占道经营', address: '海淀区中关村大街1号', divisionCode: '110108011' })).json();
  const res = await hotline.post(`/api/requests/${id}/events`, { event: 'dispatch', version: 1, unitId: zgcUnitId });
  expect(res.statusCode, res.body).toBe(200);
  const detail = res.json();
  const step = detail.timeline.find((s: { event: string }) => s.event === 'dispatch');
  return { id, dispatchedAt: new Date(step.at), responseDueAt: detail.responseDueAt, resolutionDueAt: detail.resolutionDueAt };
}

describe('default time limits of each class', () => {
  it('start as the built-in defaults and are what a category without limits of its own follows', async () => {
    expect((await settings()).classLimits).toEqual(defaultLimits);
    const zdjy = (await hotline.get('/api/request-services')).json().find((s: { id: string }) => s.id === serviceId);
    expect(zdjy).toMatchObject({ slaClass: 'general', ownResponseLimit: null, ownResolutionLimit: null, responseLimit: { amount: 24, unit: 'hours' }, resolutionLimit: { amount: 7, unit: 'days' } });
  });

  it('are validated: positive, at most 720 hours or 90 days, whole days, response within resolution, every class', async () => {
    const current = await settings();
    const general = (response: object, resolution: object) => ({ ...current, classLimits: { ...current.classLimits, general: { response, resolution } } });
    const bad = [
      general({ amount: 24, unit: 'hours' }, { amount: 0, unit: 'days' }),
      general({ amount: -1, unit: 'hours' }, { amount: 7, unit: 'days' }),
      general({ amount: 24, unit: 'hours' }, { amount: 91, unit: 'days' }),
      general({ amount: 721, unit: 'hours' }, { amount: 90, unit: 'days' }),
      general({ amount: 24, unit: 'hours' }, { amount: 1.5, unit: 'days' }),
      general({ amount: 24, unit: 'hours' }, { amount: 7, unit: 'weeks' }),
      general({ amount: 10, unit: 'days' }, { amount: 3, unit: 'days' }),
      { ...current, classLimits: { emergency: current.classLimits.emergency } },
    ];
    for (const body of bad) {
      const res = await put(hotline, body);
      expect(res.statusCode, JSON.stringify(body.classLimits)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await settings()).version).toBe(current.version);
  });

  it('are changed by the hotline centre, audited, and reach requests dispatched afterwards only', async () => {
    const before = await takeAndDispatch();
    expect(before.resolutionDueAt).toBe(deadlineOf(before.dispatchedAt, { amount: 7, unit: 'days' }).toISOString());

    const current = await settings();
    const classLimits = { ...current.classLimits, general: { response: { amount: 4, unit: 'hours' }, resolution: { amount: 3, unit: 'days' } } };
    const res = await put(hotline, { ...current, classLimits });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ classLimits, version: current.version + 1 });

    const [audit] = await t.database.query<{ action: string; actor_name: string; before: { classLimits: unknown }; after: { classLimits: typeof classLimits } }>(
      `SELECT action, actor_name, before, after FROM audit_log WHERE entity_type = 'request_settings' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toMatchObject({ action: 'request_settings.update', actor_name: '刘敏' });
    expect(audit!.after.classLimits.general).toEqual(classLimits.general);
    expect(audit!.before.classLimits).toEqual(defaultLimits);

    // The request dispatched before keeps its deadlines; a new one gets the new limits.
    const kept = (await hotline.get(`/api/requests/${before.id}`)).json();
    expect(kept).toMatchObject({ responseDueAt: before.responseDueAt, resolutionDueAt: before.resolutionDueAt });
    const after = await takeAndDispatch();
    expect(after.responseDueAt).toBe(new Date(after.dispatchedAt.getTime() + 4 * 3_600_000).toISOString());
    expect(after.resolutionDueAt).toBe(deadlineOf(after.dispatchedAt, { amount: 3, unit: 'days' }).toISOString());

    // The catalogue shows the limits in force.
    const zdjy = (await hotline.get('/api/request-services')).json().find((s: { id: string }) => s.id === serviceId);
    expect(zdjy).toMatchObject({ responseLimit: { amount: 4, unit: 'hours' }, resolutionLimit: { amount: 3, unit: 'days' }, ownResolutionLimit: null });
  });

  it('do not touch a category with limits of its own; clearing them makes it follow its class again', async () => {
    const created = await hotline.post('/api/request-services', { code: 'T-OWN', name: '自有时限类别', responsibleKind: 'street_town', slaClass: 'general', resolutionLimit: { amount: 10, unit: 'days' } });
    expect(created.statusCode, created.body).toBe(201);
    const own = created.json();
    expect(own).toMatchObject({ ownResponseLimit: null, responseLimit: { amount: 4, unit: 'hours' }, ownResolutionLimit: { amount: 10, unit: 'days' }, resolutionLimit: { amount: 10, unit: 'days' } });
    const tooSlow = await hotline.patch(`/api/request-services/${own.id}`, { responseLimit: { amount: 11, unit: 'days' }, version: own.version });
    expect(tooSlow.statusCode).toBe(422);
    const cleared = await hotline.patch(`/api/request-services/${own.id}`, { resolutionLimit: null, version: own.version });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ ownResolutionLimit: null, resolutionLimit: { amount: 3, unit: 'days' } });
  });
});

describe('who changes which settings', () => {
  it('leaves the weights to the assessment office and the time limits and duplicates to the hotline centre', async () => {
    const current = await settings();
    const slower = { ...current, classLimits: { ...current.classLimits, complex: { response: { amount: 48, unit: 'hours' }, resolution: { amount: 20, unit: 'days' } } } };
    expect((await put(hotline, { ...current, responseWeight: 20 })).statusCode).toBe(403);
    expect((await put(office, slower)).statusCode).toBe(403);
    expect((await put(office, { ...current, duplicateRadiusM: 300 })).statusCode).toBe(403);
    expect((await put(zgc, current)).statusCode).toBe(403);
    // Each may send the other's part back unchanged.
    const byOffice = await put(office, { ...current, responseWeight: 20 });
    expect(byOffice.statusCode, byOffice.body).toBe(200);
    const byHotline = await put(hotline, { ...byOffice.json(), ...{ classLimits: slower.classLimits, duplicateRadiusM: 300 } });
    expect(byHotline.statusCode, byHotline.body).toBe(200);
    expect(byHotline.json()).toMatchObject({ responseWeight: 20, duplicateRadiusM: 300, classLimits: { complex: { resolution: { amount: 20, unit: 'days' } } } });
    // Admin may change all; without classLimits the class limits stay as they are.
    const { classLimits: _omitted, ...withoutLimits } = byHotline.json();
    const byAdmin = await put(admin, { ...withoutLimits, resolutionWeight: 40 });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json().classLimits).toEqual(slower.classLimits);
    expect((await put(admin, { ...withoutLimits, resolutionWeight: 40 })).statusCode).toBe(409);
  });
});
