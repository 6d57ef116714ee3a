import { and, asc, count, desc, eq, gt } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { lockAuditChain } from '../db/locks.ts';
import { auditLog } from '../db/schema/index.ts';
import type { HistoryEntry, RecentChange, VerifyResult } from '../../core/audit/schemas.ts';
import { auditHash, genesisHash, type AuditContent } from './audit-hash.ts';

/** What a service tells the trail; the trail adds the number and the time. */
export type AuditEntry = Omit<AuditContent, 'seq' | 'at'>;

/** JSON as jsonb will give it back: Dates become ISO strings, undefined fields disappear. */
function asStoredJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends one record to the chain inside the caller's transaction, so the record exists exactly
 * when the change it describes does.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await lockAuditChain(tx);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog)
    .orderBy(desc(auditLog.seq)).limit(1);
  const content: AuditContent = {
    ...entry,
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    before: asStoredJson(entry.before),
    after: asStoredJson(entry.after),
  };
  const prevHash = last?.hash ?? genesisHash;
  await tx.insert(auditLog).values({ ...content, prevHash, hash: auditHash(prevHash, content) });
}

/**
 * Appends several records at once, in order, inside the caller's transaction: one lock, one read
 * of the chain's end and an insert per 500 rows, however many records (bulk operations).
 */
export async function recordAudits(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await lockAuditChain(tx);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog)
    .orderBy(desc(auditLog.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? genesisHash;
  const at = new Date();
  const rows = entries.map((entry) => {
    const content: AuditContent = { ...entry, seq: ++seq, at, before: asStoredJson(entry.before), after: asStoredJson(entry.after) };
    const row = { ...content, prevHash, hash: auditHash(prevHash, content) };
    prevHash = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditLog).values(rows.slice(i, i + 500));
}

/**
 * Walks the whole chain in order. An edited row no longer matches its own hash; a deleted row
 * leaves a gap in seq or a prev_hash that names a row that is gone; an inserted row either
 * repeats a seq neighbour's link or breaks the next row's prev_hash.
 */
export async function verifyAuditChain(db: Db, batchSize = 5_000): Promise<VerifyResult> {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, afterSeq))
      .orderBy(asc(auditLog.seq)).limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const recomputed = auditHash(row.prevHash, row);
      if (row.seq !== expectedSeq) {
        return { ok: false, rowsChecked: checked, firstBreak: row.seq > expectedSeq
          ? { seq: expectedSeq, problem: 'deleted', detail: `rows ${expectedSeq}–${row.seq - 1} are missing` }
          : { seq: row.seq, problem: 'inserted', detail: `seq ${row.seq} appears out of order` } };
      }
      if (recomputed !== row.hash) {
        return { ok: false, rowsChecked: checked, firstBreak: { seq: row.seq, problem: 'edited', detail: 'content does not match its hash' } };
      }
      if (row.prevHash !== prevHash) {
        // The row is self-consistent but links to a row that is not its predecessor: it was
        // written in behind the application's back (or its predecessor was replaced).
        return { ok: false, rowsChecked: checked, firstBreak: { seq: row.seq, problem: 'inserted', detail: 'does not link to the previous row' } };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
      afterSeq = row.seq;
    }
  }
  return { ok: true, rowsChecked: checked };
}

export async function entityHistory(db: Db, entityType: string, entityId: string): Promise<HistoryEntry[]> {
  const rows = await db.select().from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.seq)).limit(500);
  return rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actorName: r.actorName, action: r.action, before: r.before, after: r.after }));
}

/** The newest changes across all entities, optionally of one type. */
export async function recentChanges(db: Db, options: { entityType?: string | undefined; limit: number; offset: number }): Promise<{ items: RecentChange[]; total: number }> {
  const where = options.entityType ? eq(auditLog.entityType, options.entityType) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select({ seq: auditLog.seq, at: auditLog.at, actorName: auditLog.actorName, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId })
      .from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(options.limit).offset(options.offset),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total: total?.n ?? 0 };
}
