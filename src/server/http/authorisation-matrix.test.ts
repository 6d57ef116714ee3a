// Every role against every route family, allowed or refused, asserted from one table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type RoleOrPublic } from '../../core/auth/roles.ts';
import { demoAccounts } from '../demo/demo-district.ts';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
const clients = {} as Record<RoleOrPublic, Client>;
let ownUnit: { id: string; version: number };
let otherUnit: { id: string; version: number };
let categoryId: string;
/** A category and an account made for the matrix, so editing them disturbs nothing else. */
let matrixCategory: string;
let matrixUser: string;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of roles) clients[role] = await t.login(demoAccounts.find((a) => a.role === role)!.username);
  clients.public = t.anonymous();
  const admin = clients.admin;
  const units = (await admin.get('/api/units?limit=500')).json().items as { id: string; name: string; version: number }[];
  ownUnit = units.find((u) => u.name === '中关村街道')!;
  otherUnit = units.find((u) => u.name === '学院路街道')!;
  categoryId = (await admin.get('/api/categories')).json()[0].id;
  matrixCategory = (await admin.post('/api/categories', { code: 'MXCAT', name: '矩阵类别' })).json().id;
  matrixUser = (await admin.post('/api/users', { username: 'matrix-target', displayName: '矩阵账号', role: 'leader', password: 'Matrix-pass-1' })).json().id;
});
const current = async (list: string, id: string) => ((await clients.admin.get(list)).json() as { id: string; version: number }[]).find((x) => x.id === id)!;
afterAll(async () => { await t?.close(); });

type Outcome = 'ok' | 'refused' | 'hidden' | 'login';
/** ok: 2xx · refused: 403 · hidden: 404 (a reporter may not even learn it exists) · login: 401 */
const statusOf: Record<Outcome, (s: number) => boolean> = {
  ok: (s) => s >= 200 && s < 300,
  refused: (s) => s === 403,
  hidden: (s) => s === 404,
  login: (s) => s === 401,
};

interface Family { name: string; call: (c: Client) => Promise<LightMyRequestResponse>; expect: Partial<Record<RoleOrPublic, Outcome>>; otherwise: Outcome }
const staff = (outcome: Outcome) => Object.fromEntries(roles.map((r) => [r, outcome])) as Record<RoleOrPublic, Outcome>;

const families: Family[] = [
  { name: 'GET /api/health', call: (c) => c.get('/api/health'), expect: { ...staff('ok'), public: 'ok' }, otherwise: 'ok' },
  { name: 'GET /api/auth/me', call: (c) => c.get('/api/auth/me'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/users', call: (c) => c.get('/api/users'), expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'POST /api/users', call: (c) => c.post('/api/users', { username: `m${++seq}`, displayName: '矩阵', role: 'leader', password: 'Matrix-pass-1' }), expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'PATCH /api/users/:id', call: async (c) => {
    const { version } = await current('/api/users', matrixUser);
    return c.patch(`/api/users/${matrixUser}`, { displayName: `矩阵账号${++seq}`, version });
  }, expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'POST /api/users/:id/reset-password', call: (c) => c.post(`/api/users/${matrixUser}/reset-password`, { password: `Matrix-reset-${++seq}` }), expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/units', call: (c) => c.get('/api/units'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/units/:own', call: (c) => c.get(`/api/units/${ownUnit.id}`), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/units/:other', call: (c) => c.get(`/api/units/${otherUnit.id}`), expect: { unit_reporter: 'hidden', public: 'login' }, otherwise: 'ok' },
  { name: 'POST /api/units', call: (c) => c.post('/api/units', { code: `MX${++seq}`, name: `矩阵单位${seq}`, kind: 'other', districtCode: '110108' }), expect: { admin: 'ok', assessment_office: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'PATCH /api/units/:other', call: async (c) => {
    const current = (await clients.admin.get(`/api/units/${otherUnit.id}`)).json();
    return c.patch(`/api/units/${otherUnit.id}`, { shortName: `学院路${++seq}`, version: current.version });
  }, expect: { admin: 'ok', assessment_office: 'ok', unit_reporter: 'refused', public: 'login' }, otherwise: 'refused' },
  { name: 'POST /api/units/:own/deactivate', call: async (c) => {
    const current = (await clients.admin.get(`/api/units/${ownUnit.id}`)).json();
    const res = await c.post(`/api/units/${ownUnit.id}/deactivate`, { version: current.version });
    if (res.statusCode === 200) await clients.admin.post(`/api/units/${ownUnit.id}/activate`, { version: current.version + 1 });
    return res;
  }, expect: { admin: 'ok', assessment_office: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/categories', call: (c) => c.get('/api/categories'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'POST /api/categories', call: (c) => c.post('/api/categories', { code: `C${++seq}`, name: '矩阵类别' }), expect: { admin: 'ok', assessment_office: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'PATCH /api/categories/:id', call: async (c) => {
    const { version } = await current('/api/categories', matrixCategory);
    return c.patch(`/api/categories/${matrixCategory}`, { description: `矩阵说明${++seq}`, version });
  }, expect: { admin: 'ok', assessment_office: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/units/:own/contacts', call: (c) => c.get(`/api/units/${ownUnit.id}/contacts`), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'POST /api/units/:own/contacts', call: (c) => c.post(`/api/units/${ownUnit.id}/contacts`, { name: '联系人' }), expect: { admin: 'ok', assessment_office: 'ok', unit_reporter: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'POST /api/units/:other/contacts', call: (c) => c.post(`/api/units/${otherUnit.id}/contacts`, { name: '联系人' }), expect: { admin: 'ok', assessment_office: 'ok', unit_reporter: 'hidden', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/divisions', call: (c) => c.get('/api/divisions?parent=110108'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/divisions/:code', call: (c) => c.get('/api/divisions/110108011'), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/audit/unit/:own', call: (c) => c.get(`/api/audit/unit/${ownUnit.id}`), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/audit/unit/:other', call: (c) => c.get(`/api/audit/unit/${otherUnit.id}`), expect: { unit_reporter: 'hidden', public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/audit/category/:id', call: (c) => c.get(`/api/audit/category/${categoryId}`), expect: { public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/audit', call: (c) => c.get('/api/audit?limit=5'), expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
  { name: 'GET /api/audit/verify', call: (c) => c.get('/api/audit/verify'), expect: { admin: 'ok', public: 'login' }, otherwise: 'refused' },
];

const everyone: RoleOrPublic[] = [...roles, 'public'];

describe.each(families)('$name', (family) => {
  it.each(everyone)('as %s', async (role) => {
    const expected = family.expect[role] ?? family.otherwise;
    const res = await family.call(clients[role]);
    expect(statusOf[expected](res.statusCode), `${role}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
    if (expected !== 'ok') expect(res.json().error.message.length).toBeGreaterThan(0);
  });
});

describe('a unit reporter through any route', () => {
  it('lists only its own unit, whatever it searches for', async () => {
    for (const q of ['', '?q=学院路', '?q=xyl', '?active=all&limit=500']) {
      const items = (await clients.unit_reporter.get(`/api/units${q}`)).json().items as { id: string }[];
      expect(items.every((u) => u.id === ownUnit.id)).toBe(true);
    }
  });
  it('cannot read the contacts of another unit', async () => {
    expect((await clients.unit_reporter.get(`/api/units/${otherUnit.id}/contacts`)).statusCode).toBe(404);
  });
  it('cannot edit a contact of another unit by its id', async () => {
    const contact = (await clients.admin.get(`/api/units/${otherUnit.id}/contacts`)).json()[0];
    const res = await clients.unit_reporter.patch(`/api/contacts/${contact.id}`, { name: '篡改', version: contact.version });
    expect(res.statusCode).toBe(404);
  });
});
