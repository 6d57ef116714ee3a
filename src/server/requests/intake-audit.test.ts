// Requests taken in together share one transaction and one audit statement; the audit chain
// must stay whole and each request must have its own record.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { recordAudit, verifyAuditChain } from '../audit/audit-trail.ts';
import { auditLog, citizenRequests, requestSteps } from '../db/schema/index.ts';
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

it('answers and audits each request with the row exactly as the database holds it', async () => {
  const db = t.database.db;
  const service = (await findService(db, { code: 'CSGL-ZDJY' }))!;
  const [located, bare] = await Promise.all([
    takeIn(db, { actorId: null, actorName: 'Open311', requestId: 'rowA' }, {
      service, description: '早市占道经营，"引号"与\\反斜杠', address: '海淀区中关村大街1号', lat: 39.98312, lon: 116.31005, divisionCode: '110108010',
      citizenName: '张三', citizenPhone: '13800000000', channel: 'open311', attributes: { size: 'large', note: '含{花括号}与,逗号' }, mediaUrl: 'https://example.org/a.jpg', idempotencyKey: 'k-1',
    }),
    takeIn(db, { actorId: null, actorName: 'Open311', requestId: 'rowB' }, {
      service, description: '占道', address: '', lat: null, lon: null, divisionCode: null, citizenName: '', citizenPhone: '', channel: 'web',
    }),
  ]);
  for (const { request } of [located, bare]) {
    const [fromDb] = await db.select().from(citizenRequests).where(eq(citizenRequests.id, request.id));
    expect(request).toEqual(fromDb);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, request.id), eq(auditLog.action, 'request.receive')));
    expect(audit!.after).toEqual(JSON.parse(JSON.stringify(fromDb)));
    const steps = await db.select().from(requestSteps).where(eq(requestSteps.requestId, request.id));
    expect(steps).toMatchObject([{ event: 'receive', fromStatus: null, toStatus: 'received', actorName: 'Open311', note: request.channel }]);
  }
  expect(located.request.attributes).toEqual({ size: 'large', note: '含{花括号}与,逗号' });
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
});

it('keeps the chain whole when other writers append between batches, and refuses a second request with the same idempotency key', async () => {
  const db = t.database.db;
  const service = (await findService(db, { code: 'CSGL-HJWS' }))!;
  const base = { service, description: '垃圾桶满溢', address: '', lat: null, lon: null, divisionCode: null, citizenName: '', citizenPhone: '', channel: 'open311' };
  const who = { actorId: null, actorName: 'Open311', requestId: 'moved' };
  await takeIn(db, who, base);
  // Another writer moves the chain's end: the next batch must follow it, not the end it knew.
  await db.transaction((tx) => recordAudit(tx, { actorId: null, actorName: 'test', action: 'test.other', entityType: 'test', entityId: 'x', before: null, after: { n: 1 }, requestId: 'other' }));
  const after = await takeIn(db, who, base);
  const [record] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, after.request.id), eq(auditLog.action, 'request.receive')));
  expect(record).toBeDefined();
  // Two at once with one idempotency key of one client: one request, both answered with it.
  const apiKeyId = randomUUID();
  const twins = await Promise.all([1, 2].map(() => takeIn(db, who, { ...base, apiKeyId, idempotencyKey: 'same-key' })));
  expect(twins[0]!.request.id).toBe(twins[1]!.request.id);
  expect(twins.filter((x) => x.created)).toHaveLength(1);
  expect(await db.select().from(citizenRequests).where(eq(citizenRequests.idempotencyKey, 'same-key'))).toHaveLength(1);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
});
