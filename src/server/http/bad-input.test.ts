// Hostile, malformed and half-finished input: always a 4xx in the one error shape, never a 500,
// and nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
let office: Client;
beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('kaohe');
});
afterAll(async () => { await t?.close(); });

const unitCount = async () => (await office.get('/api/units?active=all&limit=1')).json().total as number;

function expectError(res: { statusCode: number; json: () => { error?: { code?: string; message?: string } } }, status: number) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(typeof body.error?.code).toBe('string');
  expect(body.error?.message?.length).toBeGreaterThan(0);
}

const validUnit = { code: 'BAD-1', name: '测试单位', kind: 'department', districtCode: '110108' };

describe('bad input to POST /api/units', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const before = await unitCount();
    const res = await office.request('POST', '/api/units', '{"code": "X", "name": ', { 'content-type': 'application/json' });
    expectError(res, 400);
    expect(res.json().error.code).toBe('malformed_json');
    expect(await unitCount()).toBe(before);
  });

  it('an empty body → 400', async () => {
    expectError(await office.request('POST', '/api/units', '', { 'content-type': 'application/json' }), 400);
  });

  it('wrong types → 400 naming the field', async () => {
    const res = await office.post('/api/units', { ...validUnit, name: 42, kind: ['department'] });
    expectError(res, 400);
    const paths = (res.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toContain('body.name');
    expect(paths).toContain('body.kind');
  });

  it('missing fields → 400 naming each', async () => {
    const res = await office.post('/api/units', { name: '只有名字' });
    expectError(res, 400);
    expect(res.json().error.message).toMatch(/code/);
    expect(res.json().error.message).toMatch(/districtCode/);
  });

  it('unknown fields → 400 naming them (no silent mass assignment)', async () => {
    const res = await office.post('/api/units', { ...validUnit, active: false, id: '00000000-0000-0000-0000-000000000000' });
    expectError(res, 400);
    expect(res.json().error.message).toMatch(/id/);
  });

  it('a 10 MB body → 413 before it is parsed', async () => {
    const res = await office.request('POST', '/api/units', JSON.stringify({ ...validUnit, name: 'x'.repeat(10 * 1024 * 1024) }), { 'content-type': 'application/json' });
    expectError(res, 413);
  });

  it('a body that is not JSON → 415', async () => {
    expectError(await office.request('POST', '/api/units', 'code=1', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  });

  it("SQL in a name is stored as plain text: '; drop table units; --", async () => {
    const name = "单位'; DROP TABLE units; --";
    const res = await office.post('/api/units', { ...validUnit, code: 'SQL-1', name });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe(name);
    expect((await office.get(`/api/units/${res.json().id}`)).json().name).toBe(name);
    expect((await office.get(`/api/units?q=${encodeURIComponent("'; DROP")}`)).json().items).toHaveLength(1);
  });

  it('<script> in a name is stored and returned inert, as JSON text', async () => {
    const name = '<script>alert(1)</script>街道';
    const res = await office.post('/api/units', { ...validUnit, code: 'XSS-1', name });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().name).toBe(name);
  });

  it('LIKE wildcards in a search are literal', async () => {
    expect((await office.get('/api/units?q=%25')).json().items).toHaveLength(0);
    expect((await office.get('/api/units?q=_')).json().items).toHaveLength(0);
  });

  it('NUL characters are refused in bodies and URLs', async () => {
    expectError(await office.post('/api/units', { ...validUnit, code: 'NUL-1', name: 'a\u0000b' }), 400);
    expectError(await office.get('/api/units?q=a%00b'), 400);
  });

  it('a district code that is not a district → 422 naming the field', async () => {
    const res = await office.post('/api/units', { ...validUnit, code: 'DIV-1', districtCode: '110000' });
    expectError(res, 422);
    expect(res.json().error.details.field).toBe('districtCode');
  });

  it('a street of another district → 422', async () => {
    expectError(await office.post('/api/units', { ...validUnit, code: 'DIV-2', divisionCode: '110101001' }), 422);
  });

  it('an unknown category → 422', async () => {
    expectError(await office.post('/api/units', { ...validUnit, code: 'CAT-1', categoryId: '00000000-0000-4000-8000-000000000000' }), 422);
  });

  it('a duplicate code → 409', async () => {
    expectError(await office.post('/api/units', { ...validUnit, code: '110108011', name: '重复' }), 409);
  });
});

describe('bad input elsewhere', () => {
  it('query values out of range → 400', async () => {
    expectError(await office.get('/api/units?limit=100000'), 400);
    expectError(await office.get('/api/units?kind=castle'), 400);
    expectError(await office.get('/api/units?offset=-1'), 400);
  });

  it('ids that are not UUIDs → 400, unknown UUIDs → 404', async () => {
    expectError(await office.get('/api/units/1%20OR%201=1'), 400);
    expectError(await office.get('/api/units/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('an unknown route → 404 in the error shape', async () => {
    expectError(await office.get('/api/nothing-here'), 404);
  });

  it('a login with a 10 kB password → 400, not a slow hash', async () => {
    expectError(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kaohe', password: 'p'.repeat(10_000) } }), 400);
  });

  it('prototype pollution in JSON is refused', async () => {
    const res = await office.request('POST', '/api/categories', '{"code":"P1","name":"x","__proto__":{"admin":true}}', { 'content-type': 'application/json' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('a stale version → 409 and the edit is not applied', async () => {
    const unit = (await office.get('/api/units?q=zgc')).json().items[0];
    const first = await office.patch(`/api/units/${unit.id}`, { shortName: '中关村', version: unit.version });
    expect(first.statusCode).toBe(200);
    const second = await office.patch(`/api/units/${unit.id}`, { shortName: '覆盖', version: unit.version });
    expectError(second, 409);
    expect((await office.get(`/api/units/${unit.id}`)).json().shortName).toBe('中关村');
  });

  it('a contact with a bad e-mail and letters in the phone → 400 naming both', async () => {
    const unit = (await office.get('/api/units?q=zgc')).json().items[0];
    const res = await office.post(`/api/units/${unit.id}/contacts`, { name: '张三', email: 'not-an-email', phone: 'call me' });
    expectError(res, 400);
    expect(res.json().error.message).toMatch(/email/);
    expect(res.json().error.message).toMatch(/phone/);
  });

  it('a reporter account without a unit → 422', async () => {
    const admin = await t.login('admin');
    expectError(await admin.post('/api/users', { username: 'nounit', displayName: '无单位', role: 'unit_reporter', password: 'Long-enough-1' }), 422);
    expectError(await admin.post('/api/users', { username: 'short', displayName: '短密码', role: 'leader', password: 'short' }), 400);
  });
});
