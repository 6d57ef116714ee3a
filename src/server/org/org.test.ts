import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
let office: Client;
beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('kaohe');
});
afterAll(async () => { await t?.close(); });

describe('the demo district', () => {
  it('holds the real streets and towns of 海淀区 with their GB/T 2260 codes, and the other units', async () => {
    const all = (await office.get('/api/units?limit=500')).json();
    const streets = all.items.filter((u: { kind: string }) => u.kind === 'street' || u.kind === 'town');
    expect(streets.length).toBe(29);
    expect(streets.find((u: { name: string }) => u.name === '中关村街道').divisionCode).toBe('110108011');
    const kinds = (k: string) => all.items.filter((u: { kind: string }) => u.kind === k).length;
    expect(kinds('department')).toBe(25);
    expect(kinds('soe')).toBe(6);
    expect(kinds('park')).toBe(3);
    const categories = (await office.get('/api/categories')).json().map((c: { name: string }) => c.name);
    expect(categories).toEqual(expect.arrayContaining(['镇街', '部门', '国企']));
  });
});

describe('search by Chinese name or pinyin initials', () => {
  it('"zgc" finds 中关村街道 among units', async () => {
    const names = (await office.get('/api/units?q=zgc')).json().items.map((u: { name: string }) => u.name);
    expect(names).toContain('中关村街道');
    expect(names).not.toContain('学院路街道');
  });
  it('"hdq" finds 海淀区 among divisions, and "zgc" its street within it', async () => {
    const districts = (await office.get('/api/divisions?q=hdq')).json().map((d: { name: string }) => d.name);
    expect(districts).toContain('海淀区');
    const streets = (await office.get('/api/divisions?q=zgc&parent=110108')).json().map((d: { name: string }) => d.name);
    expect(streets).toEqual(['中关村街道']);
  });
  it('finds by a part of the Chinese name and by full pinyin', async () => {
    expect((await office.get(`/api/units?q=${encodeURIComponent('统计')}`)).json().items[0].name).toBe('区统计局');
    expect((await office.get('/api/units?q=tongji')).json().items.map((u: { name: string }) => u.name)).toContain('区统计局');
  });
  it('filters by kind and category', async () => {
    const category = (await office.get('/api/categories')).json().find((c: { name: string }) => c.name === '国企');
    const soes = (await office.get(`/api/units?categoryId=${category.id}`)).json();
    expect(soes.total).toBe(6);
    expect((await office.get('/api/units?kind=park')).json().total).toBe(3);
  });
});

describe('unit lifecycle', () => {
  it('creates, edits, deactivates and reactivates a unit; it is never deleted', async () => {
    const created = await office.post('/api/units', { code: 'LC-1', name: '区数据局', kind: 'department', districtCode: '110108' });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit.pinyinInitials).toBe('qsjj');
    const edited = (await office.patch(`/api/units/${unit.id}`, { name: '区大数据中心', version: unit.version })).json();
    expect(edited.version).toBe(unit.version + 1);
    expect((await office.get('/api/units?q=qdsj')).json().items.map((u: { id: string }) => u.id)).toContain(unit.id);
    const off = (await office.post(`/api/units/${unit.id}/deactivate`, { version: edited.version })).json();
    expect(off.active).toBe(false);
    expect((await office.get('/api/units?q=qdsj')).json().items).toHaveLength(0);
    expect((await office.get('/api/units?q=qdsj&active=false')).json().items).toHaveLength(1);
    expect((await office.request('DELETE', `/api/units/${unit.id}`)).statusCode).toBe(404);
    const on = (await office.post(`/api/units/${unit.id}/activate`, { version: off.version })).json();
    expect(on.active).toBe(true);
  });

  it('records every change in the unit\'s history, newest first, with before and after', async () => {
    const unit = (await office.get('/api/units?q=LC-1')).json().items[0];
    const history = (await office.get(`/api/audit/unit/${unit.id}`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['unit.activate', 'unit.deactivate', 'unit.update', 'unit.create']);
    const update = history[2];
    expect(update.actorName).toBe('李晓燕');
    expect(update.before.name).toBe('区数据局');
    expect(update.after.name).toBe('区大数据中心');
  });

  it('lists the newest changes across records for the administrator, filtered by type', async () => {
    const admin = await t.login('admin');
    const recent = (await admin.get('/api/audit?limit=3')).json();
    expect(recent.items).toHaveLength(3);
    expect(recent.items[0].seq).toBeGreaterThan(recent.items[1].seq);
    expect(recent.total).toBeGreaterThan(100);
    const unitsOnly = (await admin.get('/api/audit?entityType=unit&limit=200')).json();
    expect(unitsOnly.items.every((i: { entityType: string }) => i.entityType === 'unit')).toBe(true);
    expect((await admin.get('/api/audit?entityType=castle')).json().items).toEqual([]);
    expect((await admin.get('/api/audit?entityType=%3Cscript%3E')).statusCode).toBe(400);
    expect((await admin.get('/api/audit/castle/1')).statusCode).toBe(404);
  });

  it('assigns a street unit only a street of its own district', async () => {
    const res = await office.post('/api/units', { code: 'LC-2', name: '海淀街道（测试）', kind: 'street', districtCode: '110108', divisionCode: '110108012' });
    expect(res.statusCode).toBe(201);
    expect(res.json().divisionName).toBe('海淀街道');
  });
});

describe('accounts', () => {
  it('never stores or shows the password hash in the audit trail', async () => {
    const admin = await t.login('admin');
    const user = (await admin.post('/api/users', { username: 'audited', displayName: '审计', role: 'leader', password: 'Audit-pass-123' })).json();
    const history = (await admin.get(`/api/audit/user/${user.id}`)).json();
    expect(JSON.stringify(history)).not.toMatch(/argon2|passwordHash/);
  });

  it('a disabled user is logged out at once and cannot log in', async () => {
    const admin = await t.login('admin');
    const reviewer = await t.login('shenhe');
    const user = (await admin.get('/api/users')).json().find((u: { username: string }) => u.username === 'shenhe');
    expect((await admin.patch(`/api/users/${user.id}`, { active: false, version: user.version })).statusCode).toBe(200);
    expect((await reviewer.get('/api/units')).statusCode).toBe(401);
    await expect(t.login('shenhe')).rejects.toThrow(/401/);
  });

  it('an admin cannot lock themself out', async () => {
    const admin = await t.login('admin');
    const me = (await admin.get('/api/users')).json().find((u: { username: string }) => u.username === 'admin');
    expect((await admin.patch(`/api/users/${me.id}`, { active: false, version: me.version })).statusCode).toBe(422);
  });
});

describe('API documentation and health', () => {
  it('serves the OpenAPI document with the routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/units', '/api/auth/login', '/api/health']));
  });
  it('reports the database reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok' });
    expect(res.json().database).toMatch(/reachable/);
  });
});
