// Requests taken in together share one transaction and one audit statement; the audit chain
// must stay whole and each request must have its own record.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-trail.ts';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { findService, takeIn } from './intake-service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

it('keeps the audit chain whole when many requests are taken in at once', async () => {
  const db = t.database.db;
  const service = (await findService(db, { code: 'CSGL-HJWS' }))!;
  const taken = await Promise.all(Array.from({ length: 60 }, (_, n) => takeIn(db, { actorId: null, actorName: 'Open311', requestId: `r${n}` }, {
    service, description: `垃圾清运不及时${n}`, address: '', lat: null, lon: null, divisionCode: null, citizenName: '', citizenPhone: '', channel: 'open311',
  })));
  expect(new Set(taken.map((x) => x.request.id)).size).toBe(60);
  const records = await t.database.query<{ entity_id: string }>(`SELECT entity_id FROM audit_log WHERE action = 'request.receive' AND entity_id = ANY($1::text[])`, [taken.map((x) => x.request.id)]);
  expect(records).toHaveLength(60);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
});
