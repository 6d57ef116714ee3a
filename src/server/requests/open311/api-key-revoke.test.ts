// Revoking an Open311 client key: admin only, audited without the key, refused twice, and the key
// stops working at once in the process that revoked it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test-support/test-app.ts';

let t: TestApp;
let admin: Client;
let hotline: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  hotline = await t.login('rexian');
});
afterAll(async () => { await t?.close(); });

const file = (apiKey: string) => t.app.inject({
  method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ api_key: apiKey, service_code: 'CSGL-HJWS', address_string: '海淀区知春路1号', description: '垃圾桶满溢无人清运' }).toString(),
});

describe('POST /api/open311-keys/:id/revoke', () => {
  it('revokes a key for good: refused by Open311 from then on, listed as revoked, audited without the key', async () => {
    const created = (await admin.post('/api/open311-keys', { name: '街道App' })).json() as { id: string; key: string; prefix: string };
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect((await file(created.key)).statusCode).toBe(201);

    expect((await hotline.post(`/api/open311-keys/${created.id}/revoke`)).statusCode).toBe(403);
    const revoked = await admin.post(`/api/open311-keys/${created.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: created.id, name: '街道App', active: false, revokedAt: expect.any(String) });

    const refused = await file(created.key);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual([{ code: 403, description: 'api_key is not valid' }]);

    const listed = (await admin.get('/api/open311-keys')).json().find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ active: false, revokedAt: revoked.json().revokedAt });

    const audit = await t.database.query<{ action: string; before: { active: boolean; keyHash: string }; after: { active: boolean; keyHash: string } }>(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'open311_key' AND entity_id = $1 ORDER BY seq`, [created.id]);
    expect(audit.map((a) => a.action)).toEqual(['open311_key.create', 'open311_key.revoke']);
    expect(audit[1]).toMatchObject({ before: { active: true, keyHash: '(hidden)' }, after: { active: false, keyHash: '(hidden)' } });
    expect(JSON.stringify(audit)).not.toContain(created.key);
  });

  it('answers 409 for a key already revoked and 404 for an unknown one; other keys keep working', async () => {
    const kept = (await admin.post('/api/open311-keys', { name: '保留的客户端' })).json();
    const gone = (await admin.post('/api/open311-keys', { name: '停用的客户端' })).json();
    expect((await admin.post(`/api/open311-keys/${gone.id}/revoke`)).statusCode).toBe(200);
    const again = await admin.post(`/api/open311-keys/${gone.id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect((await admin.post('/api/open311-keys/00000000-0000-4000-8000-000000000000/revoke')).statusCode).toBe(404);
    expect((await admin.post('/api/open311-keys/not-a-uuid/revoke')).statusCode).toBe(400);
    expect((await file(kept.key)).statusCode).toBe(201);
  });
});
