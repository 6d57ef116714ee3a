import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit-trail.ts';
import { auditHash } from './audit-hash.ts';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import type { Database } from '../db/client.ts';

let t: TestApp;
let intruder: Database;
beforeAll(async () => {
  t = await startTestApp();
  intruder = await t.openAnother();
});
afterAll(async () => { await t?.close(); });

/** Someone with direct database access, going around the application. */
async function behindTheBack(sqlText: string): Promise<void> {
  await intruder.execScript(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${sqlText}; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
}

describe('the audit trail', () => {
  it('is intact after the demo load and many changes', async () => {
    const result = await verifyAuditChain(t.database.db);
    expect(result.ok).toBe(true);
    expect(result.rowsChecked).toBeGreaterThan(130);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the database', async () => {
    await expect(intruder.execScript("UPDATE audit_log SET actor_name = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(intruder.execScript('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(intruder.execScript('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('names a self-consistent row inserted at the end with a forged link', async () => {
    const [last] = await intruder.query<{ last: string; hash: string }>('SELECT seq::text AS last, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const [earlier] = await intruder.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 5');
    const forged = { seq: Number(last!.last) + 1, at: new Date(), actorId: null, actorName: '伪造', action: 'unit.update', entityType: 'unit', entityId: 'x', before: null, after: { name: '伪造' }, requestId: '' };
    const hash = auditHash(earlier!.hash, forged);
    await intruder.query(
      'INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id, prev_hash, hash) VALUES ($1, $2, NULL, $3, $4, $5, $6, NULL, $7, $8, $9, $10)',
      [forged.seq, forged.at.toISOString(), forged.actorName, forged.action, forged.entityType, forged.entityId, JSON.stringify(forged.after), '', earlier!.hash, hash],
    );
    const result = await verifyAuditChain(t.database.db);
    expect(result.firstBreak).toMatchObject({ seq: forged.seq, problem: 'inserted' });
  });

  it('names a row edited directly in the database', async () => {
    await behindTheBack(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"改过的名字"') WHERE seq = 20`);
    const result = await verifyAuditChain(t.database.db, 7);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ seq: 20, problem: 'edited' });
    expect(result.rowsChecked).toBe(19);
  });

  it('names a row deleted directly in the database (the earliest break is named first)', async () => {
    await behindTheBack('DELETE FROM audit_log WHERE seq = 10');
    const result = await verifyAuditChain(t.database.db);
    expect(result.firstBreak).toMatchObject({ seq: 10, problem: 'deleted' });
  });
});
