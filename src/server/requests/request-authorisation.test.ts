// Who may do what with requests, every role against every route family, and what of the
// citizen each of them sees — in the API, the public tracking page and the CSV export.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type RoleOrPublic } from '../../core/auth/roles.ts';
import { demoAccounts } from '../demo/demo-district.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
const clients = {} as Record<RoleOrPublic, Client>;
let serviceId: string;
let ownUnit: string;
let otherUnit: string;
let ownRequest: { id: string; code: string };
let otherRequest: { id: string; code: string };
/** A catalogue entry made for the matrix, so editing it disturbs nothing else. */
let matrixService: string;
let n = 0;

const filing = () => ({ serviceId, description: `环境卫生问题${++n}，联系电话13987654321`, address: '海淀区知春路1号', divisionCode: '110108011', citizenName: '李桂英', citizenPhone: '13987654321' });

beforeAll(async () => {
  t = await startTestApp();
  for (const role of roles) clients[role] = await t.login(demoAccounts.find((a) => a.role === role)!.username);
  clients.public = t.anonymous();
  const hotline = clients.hotline_centre;
  serviceId = (await hotline.get('/api/request-services')).json().find((s: { code: string }) => s.code === 'CSGL-HJWS').id;
  const units = (await hotline.get('/api/units?limit=500')).json().items as { id: string; name: string }[];
  ownUnit = units.find((u) => u.name === '中关村街道')!.id;
  otherUnit = units.find((u) => u.name === '学院路街道')!.id;
  ownRequest = (await hotline.post('/api/requests', filing())).json();
  otherRequest = (await hotline.post('/api/requests', filing())).json();
  await hotline.post(`/api/requests/${ownRequest.id}/events`, { event: 'dispatch', version: 1, unitId: ownUnit });
  await hotline.post(`/api/requests/${otherRequest.id}/events`, { event: 'dispatch', version: 1, unitId: otherUnit });
  matrixService = (await hotline.post('/api/request-services', { code: 'T-MATRIX', name: '矩阵类别', responsibleKind: 'street_town', slaClass: 'general' })).json().id;
});
afterAll(async () => { await t?.close(); });

type Outcome = 'ok' | 'refused' | 'hidden' | 'login';
const statusOf: Record<Outcome, (s: number) => boolean> = {
  ok: (s) => s >= 200 && s < 300, refused: (s) => s === 403, hidden: (s) => s === 404, login: (s) => s === 401,
};
interface Family { name: string; call: (c: Client) => Promise<LightMyRequestResponse>; expect: Partial<Record<RoleOrPublic, Outcome>>; otherwise: Outcome }
const everyoneOk = { public: 'ok' as const };

const families: Family[] = [
  { name: 'GET /api/requests', call: (c) => c.get('/api/requests'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/requests/export.csv', call: (c) => c.get('/api/requests/export.csv'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'POST /api/requests', call: (c) => c.post('/api/requests', filing()), expect: { hotline_centre: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/requests/:own', call: (c) => c.get(`/api/requests/${ownRequest.id}`), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/requests/:other', call: (c) => c.get(`/api/requests/${otherRequest.id}`), expect: { unit_reporter: 'hidden', public: 'login' }, otherwise: 'ok' },
  { name: 'POST /api/requests/:new/events dispatch', call: async (c) => {
    const created = (await clients.hotline_centre.post('/api/requests', filing())).json();
    return c.post(`/api/requests/${created.id}/events`, { event: 'dispatch', version: 1, unitId: ownUnit });
  }, expect: { hotline_centre: 'ok', unit_reporter: 'hidden', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/requests/:own/suggestions', call: (c) => c.get(`/api/requests/${ownRequest.id}/suggestions`), expect: { hotline_centre: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/units/:own/overdue-requests', call: (c) => c.get(`/api/units/${ownUnit}/overdue-requests`), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/units/:other/overdue-requests', call: (c) => c.get(`/api/units/${otherUnit}/overdue-requests`), expect: { unit_reporter: 'hidden', public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/request-warnings', call: (c) => c.get('/api/request-warnings'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/request-warnings/live', call: (c) => c.get('/api/request-warnings/live'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/request-warnings/by-unit', call: (c) => c.get('/api/request-warnings/by-unit'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/request-services', call: (c) => c.get('/api/request-services'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'POST /api/request-services', call: (c) => c.post('/api/request-services', { code: `T-${++n}`, name: '测试类别', responsibleKind: 'street_town', slaClass: 'general' }), expect: { admin: 'ok', hotline_centre: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'PATCH /api/request-services/:id', call: async (c) => {
    const { version } = ((await clients.admin.get('/api/request-services')).json() as { id: string; version: number }[]).find((s) => s.id === matrixService)!;
    return c.patch(`/api/request-services/${matrixService}`, { description: `矩阵说明${++n}`, version });
  }, expect: { admin: 'ok', hotline_centre: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/request-settings', call: (c) => c.get('/api/request-settings'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'PUT /api/request-settings', call: async (c) => {
    const current = (await clients.admin.get('/api/request-settings')).json();
    return c.request('PUT', '/api/request-settings', current);
  }, expect: { admin: 'ok', assessment_office: 'ok', hotline_centre: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/request-rates', call: (c) => c.get('/api/request-rates?group=department'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/request-rates/indicator', call: (c) => c.get('/api/request-rates/indicator?group=street_town'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/request-hotspots', call: (c) => c.get('/api/request-hotspots'), expect: { unit_reporter: 'refused', public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/open311-keys', call: (c) => c.get('/api/open311-keys'), expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'POST /api/open311-keys', call: (c) => c.post('/api/open311-keys', { name: '矩阵' }), expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'POST /api/open311-keys/:id/revoke', call: async (c) => {
    const { id } = (await clients.admin.post('/api/open311-keys', { name: '待吊销' })).json();
    return c.post(`/api/open311-keys/${id}/revoke`);
  }, expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/audit/request/:own', call: (c) => c.get(`/api/audit/request/${ownRequest.id}`), expect: { hotline_centre: 'ok', unit_reporter: 'ok', public: 'login' }, otherwise: 'hidden' },
  { name: 'GET /api/audit/request/:other', call: (c) => c.get(`/api/audit/request/${otherRequest.id}`), expect: { hotline_centre: 'ok', public: 'login' }, otherwise: 'hidden' },
  { name: 'GET /api/public/request-services', call: (c) => c.get('/api/public/request-services'), expect: everyoneOk, otherwise: 'ok' },
  { name: 'GET /api/public/request-areas', call: (c) => c.get('/api/public/request-areas'), expect: everyoneOk, otherwise: 'ok' },
  { name: 'POST /api/public/requests', call: (c) => c.post('/api/public/requests', { serviceCode: 'CSGL-HJWS', description: '楼下垃圾没人清运', address: '知春路' }), expect: everyoneOk, otherwise: 'ok' },
  { name: 'GET /api/public/requests/:code', call: (c) => c.get(`/api/public/requests/${ownRequest.code}`), expect: everyoneOk, otherwise: 'ok' },
];

describe.each(families)('$name', (family) => {
  it.each([...roles, 'public'] as RoleOrPublic[])('as %s', async (role) => {
    const expected = family.expect[role] ?? family.otherwise;
    const res = await family.call(clients[role]);
    expect(statusOf[expected](res.statusCode), `${role}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
  });
});

describe('privacy of the citizen', () => {
  const seen = async (role: RoleOrPublic, id = ownRequest.id) => (await clients[role].get(`/api/requests/${id}`)).json();
  it('shows name and phone to the hotline and the handling unit only; masked to other officials', async () => {
    for (const role of ['hotline_centre', 'unit_reporter'] as const) expect(await seen(role)).toMatchObject({ citizenName: '李桂英', citizenPhone: '13987654321' });
    for (const role of ['admin', 'assessment_office', 'supervision_office', 'reviewer', 'leader'] as const) {
      const masked = await seen(role);
      expect(masked).toMatchObject({ citizenName: '李**', citizenPhone: '139****4321' });
      expect(masked.description).toContain('[电话已隐藏]');
    }
    expect((await seen('hotline_centre')).description).toContain('13987654321');
  });
  it('shows the public neither, and blanks the phone number written into the text', async () => {
    const res = await clients.public.get(`/api/public/requests/${ownRequest.code.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('13987654321');
    expect(res.body).not.toContain('李');
    expect(res.json()).toMatchObject({ code: ownRequest.code, status: 'dispatched', unitName: '中关村街道' });
    expect(res.json().description).toContain('[电话已隐藏]');
    expect((await clients.public.get('/api/public/requests/HD000000ZZZZZZZZ')).statusCode).toBe(404);
  });
  it('applies the same rules to the CSV export', async () => {
    const asHotline = (await clients.hotline_centre.get('/api/requests/export.csv')).body;
    const asLeader = (await clients.leader.get('/api/requests/export.csv')).body;
    const asUnit = (await clients.unit_reporter.get('/api/requests/export.csv')).body;
    expect(asHotline.startsWith('\uFEFF编号,状态')).toBe(true);
    expect(asHotline).toContain('13987654321');
    expect(asLeader).not.toMatch(/1[3-9]\d{9}(?!\d)/);
    expect(asLeader).toContain('139****4321');
    expect(asUnit).toContain(ownRequest.code);
    expect(asUnit).not.toContain(otherRequest.code);
  });
  it('gives the public form a tracking code and refuses bad input with 4xx', async () => {
    const res = await clients.public.post('/api/public/requests', { serviceCode: 'CSGL-HJWS', description: '小区垃圾站脏乱', address: '学院路', lat: 40.003, lon: 116.353, citizenName: '张三', citizenPhone: '13800000000' });
    expect(res.statusCode).toBe(201);
    const tracked = (await clients.public.get(`/api/public/requests/${res.json().code}`)).json();
    expect(tracked.steps).toEqual([{ at: expect.any(String), label: '已受理' }]);
    for (const bad of [{ lat: 100, lon: 116 }, { description: '长'.repeat(4_001) }, { serviceCode: 'NOPE' }, { lat: 40 }]) {
      const r = await clients.public.post('/api/public/requests', { serviceCode: 'CSGL-HJWS', description: '小区垃圾站脏乱', ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
  });
});
