// Dispatch rules through the API: listed most specific first, added and removed by the hotline
// centre and admin, each change audited; references checked with the field named; the
// dispatcher's suggestion follows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
let hotline: Client;
let admin: Client;
let zgc: Client;
let leader: Client;
const service: Record<string, string> = {};
const unit: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  [hotline, admin, zgc, leader] = await Promise.all([t.login('rexian'), t.login('admin'), t.login('zgc'), t.login('lingdao')]);
  for (const s of (await hotline.get('/api/request-services')).json() as { id: string; code: string }[]) service[s.code] = s.id;
  for (const u of (await hotline.get('/api/units?limit=500')).json().items as { id: string; name: string }[]) unit[u.name] = u.id;
});
afterAll(async () => { await t?.close(); });

interface Rule { id: string; serviceId: string | null; serviceName: string | null; divisionCode: string | null; divisionName: string | null; unitId: string; unitName: string; unitActive: boolean }
const rules = async (client: Client = hotline) => (await client.get('/api/dispatch-rules')).json() as Rule[];
const remove = (client: Client, id: string) => client.request('DELETE', `/api/dispatch-rules/${id}`);

/** Where the dispatcher's suggestion sends a new request of this category at this street. */
async function suggested(code: string, divisionCode: string): Promise<string | undefined> {
  const taken = await hotline.post('/api/requests', { serviceId: service[code], description: '测试派单规则的诉求内容', address: '测试地址', divisionCode, citizenName: '', citizenPhone: '' });
  expect(taken.statusCode, taken.body).toBe(201);
  return (await hotline.get(`/api/requests/${taken.json().id}/suggestions`)).json().rule?.unitName;
}

describe('dispatch rules', () => {
  it('lists the demo’s rule with names to read', async () => {
    expect(await rules()).toEqual([expect.objectContaining({ serviceName: '市政设施 › 供暖问题', divisionCode: '110108029', divisionName: '苏家坨地区', unitActive: true })]);
  });

  it('adds a rule, audited, and the suggestion follows it; removing it restores the default', async () => {
    expect(await suggested('CSGL-ZDJY', '110108011')).toBe('中关村街道');
    const res = await hotline.post('/api/dispatch-rules', { serviceId: service['CSGL-ZDJY'], divisionCode: '110108011', unitId: unit['区城市管理委员会'] });
    expect(res.statusCode, res.body).toBe(201);
    const rule = res.json() as Rule;
    expect(rule).toMatchObject({ serviceName: '城市管理 › 占道经营', divisionName: '中关村街道', unitName: '区城市管理委员会' });
    expect(await suggested('CSGL-ZDJY', '110108011')).toBe('区城市管理委员会');
    // Only there: elsewhere the street still answers.
    expect(await suggested('CSGL-ZDJY', '110108010')).toBe('学院路街道');

    const history = (await hotline.get(`/api/audit/dispatch_rule/${rule.id}`)).json() as { action: string; after: { unitId: string } }[];
    expect(history).toEqual([expect.objectContaining({ action: 'dispatch_rule.create', after: expect.objectContaining({ unitId: unit['区城市管理委员会'] }) })]);

    expect((await remove(hotline, rule.id)).statusCode).toBe(204);
    expect((await rules()).map((r) => r.id)).not.toContain(rule.id);
    expect(await suggested('CSGL-ZDJY', '110108011')).toBe('中关村街道');
    const after = (await hotline.get(`/api/audit/dispatch_rule/${rule.id}`)).json() as { action: string; before: unknown; after: unknown }[];
    // Newest first: the removal keeps the rule as it was.
    expect(after.map((h) => h.action)).toEqual(['dispatch_rule.delete', 'dispatch_rule.create']);
    expect(after[0]).toMatchObject({ before: expect.objectContaining({ id: rule.id }), after: null });
    expect((await remove(hotline, rule.id)).statusCode).toBe(404);
  });

  it('takes a category anywhere, or a street for any category; lists the most specific first', async () => {
    const anywhere = await admin.post('/api/dispatch-rules', { serviceId: service['CSGL-ZYRM'], unitId: unit['区城市管理委员会'] });
    expect(anywhere.statusCode, anywhere.body).toBe(201);
    const street = await admin.post('/api/dispatch-rules', { divisionCode: '110108012', unitId: unit['海淀街道'] });
    expect(street.statusCode, street.body).toBe(201);
    const list = await rules(admin);
    expect(list.map((r) => [r.serviceId !== null, r.divisionCode !== null])).toEqual([[true, true], [true, false], [false, true]]);
    expect(list[1]).toMatchObject({ divisionName: null, serviceName: '城市管理 › 噪音扰民' });
    expect(await suggested('CSGL-ZYRM', '110108010')).toBe('区城市管理委员会');
    for (const r of [anywhere, street]) expect((await remove(admin, r.json().id)).statusCode).toBe(204);
  });

  it('refuses a second rule for the same scope', async () => {
    const res = await hotline.post('/api/dispatch-rules', { serviceId: service['SZSS-GN'], divisionCode: '110108029', unitId: unit['区城市管理委员会'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('苏家坨');
    expect(await rules()).toHaveLength(1);
  });

  it('names the field of what does not exist', async () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    const cases: [object, number, string][] = [
      [{ serviceId: ghost, unitId: unit['海淀街道'] }, 422, 'serviceId'],
      [{ divisionCode: '110105001', unitId: unit['海淀街道'] }, 422, 'divisionCode'],
      [{ divisionCode: '110108012', unitId: ghost }, 422, 'unitId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await hotline.post('/api/dispatch-rules', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.details.field).toBe(field);
    }
    for (const [body, path] of [[{ unitId: unit['海淀街道'] }, 'body.serviceId'], [{ divisionCode: '12', unitId: unit['海淀街道'] }, 'body.divisionCode'], [{ serviceId: service['CSGL-ZYRM'], unitId: 'x' }, 'body.unitId']] as const) {
      const res = await hotline.post('/api/dispatch-rules', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // A deactivated unit answers nothing.
    const scratch = await admin.post('/api/units', { code: 'RULE-X', name: '规则测试单位', kind: 'other', districtCode: '110108' });
    expect(scratch.statusCode, scratch.body).toBe(201);
    expect((await admin.post(`/api/units/${scratch.json().id}/deactivate`, { version: scratch.json().version })).statusCode).toBe(200);
    const inactive = await hotline.post('/api/dispatch-rules', { serviceId: service['CSGL-ZYRM'], unitId: scratch.json().id });
    expect(inactive.statusCode).toBe(422);
    expect(inactive.json().error.details.field).toBe('unitId');
    expect(await rules()).toHaveLength(1);
  });

  it('is kept by the hotline centre and admin; officials read it; unit reporters do not see it', async () => {
    const body = { serviceId: service['CSGL-ZYRM'], unitId: unit['海淀街道'] };
    const [demoRule] = await rules();
    for (const client of [leader, zgc]) {
      expect((await client.post('/api/dispatch-rules', body)).statusCode).toBe(403);
      expect((await remove(client, demoRule!.id)).statusCode).toBe(403);
    }
    expect((await leader.get('/api/dispatch-rules')).statusCode).toBe(200);
    expect((await zgc.get('/api/dispatch-rules')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/dispatch-rules')).statusCode).toBe(401);
    expect(await rules()).toHaveLength(1);
  });
});
