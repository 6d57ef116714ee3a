import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { isoOrNull, jsonOrNull, rowsOf, unnestInsert, type UnnestColumn } from '../db/unnest.ts';
import { auditLog } from '../db/schema/index.ts';
import type { HistoryEntry, RecentChange, VerifyResult } from '../../core/audit/schemas.ts';
import { auditHash, genesisHash, type AuditContent } from './audit-hash.ts';

/** What a service tells the trail; the trail adds the number and the time. */
export type AuditEntry = Omit<AuditContent, 'seq' | 'at'>;

/** JSON as jsonb will give it back: Dates become ISO strings, undefined fields disappear. */
function asStoredJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

/** The end of the chain: the last record's number and hash (0 and the genesis hash when empty). */
export interface ChainHead { seq: number; hash: string }

/** A head as the database gives it back (seq is bigint, so it may arrive as text). */
export const chainHeadOf = (row: { seq: string | number | null; hash: string | null } | undefined): ChainHead =>
  ({ seq: Number(row?.seq ?? 0), hash: row?.hash ?? genesisHash });

/** The head, read under the chain's lock (held until the transaction ends). */
async function lockedChainHead(tx: Tx): Promise<ChainHead> {
  // audit_chain_head() takes the lock and then reads (migration 0009): one round trip, not two.
  return chainHeadOf(rowsOf<{ seq: string | null; hash: string | null }>(await tx.execute(sql`SELECT seq, hash FROM audit_chain_head()`))[0]);
}

export type AuditRow = typeof auditLog.$inferInsert & { at: Date };

/** The columns of an audit record, to write many at once (see db/unnest.ts). */
export const auditColumns: UnnestColumn<AuditRow>[] = [
  ['seq', 'int8', (a) => a.seq], ['at', 'timestamptz', (a) => isoOrNull(a.at)], ['actor_id', 'uuid', (a) => a.actorId ?? null],
  ['actor_name', 'text', (a) => a.actorName], ['action', 'text', (a) => a.action], ['entity_type', 'text', (a) => a.entityType],
  ['entity_id', 'text', (a) => a.entityId], ['before', 'jsonb', (a) => jsonOrNull(a.before)], ['after', 'jsonb', (a) => jsonOrNull(a.after)],
  ['request_id', 'text', (a) => a.requestId ?? ''], ['prev_hash', 'text', (a) => a.prevHash], ['hash', 'text', (a) => a.hash],
];

/** Numbers and chains the entries after `head`: the rows to write, and the head they leave. */
export function sealAudits(head: ChainHead, entries: AuditEntry[], at = new Date()): { rows: AuditRow[]; head: ChainHead } {
  let seq = head.seq;
  let prevHash = head.hash;
  const rows = entries.map((entry) => {
    const content: AuditContent = { ...entry, seq: ++seq, at, before: asStoredJson(entry.before), after: asStoredJson(entry.after) };
    const row = { ...content, prevHash, hash: auditHash(prevHash, content) };
    prevHash = row.hash;
    return row;
  });
  return { rows, head: { seq, hash: prevHash } };
}

/**
 * Appends one record to the chain inside the caller's transaction, so the record exists exactly
 * when the change it describes does.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, [entry]);
}

/**
 * Appends several records at once, in order, inside the caller's transaction: one lock, one read
 * of the chain's end and one insert, however many records (bulk operations).
 */
export async function recordAudits(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { rows } = sealAudits(await lockedChainHead(tx), entries);
  await tx.execute(sql`INSERT INTO audit_log ${unnestInsert(rows, auditColumns)}`);
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
