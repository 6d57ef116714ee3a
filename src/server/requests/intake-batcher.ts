// Group commit for intake. Every request is audited, and the audit chain admits one writer at a
// time, so one transaction per request would cap intake at one commit (and disk flush) per
// request. Requests arriving while a transaction is in flight wait for the next one and are
// written together: one lock, one flush for many. With no load nothing waits: the first request
// starts its transaction at once. Each request still gets its own row, step and audit record.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client.ts';
import { desc } from 'drizzle-orm';
import { auditLog, citizenRequests, requestSteps } from '../db/schema/index.ts';
import { lockAuditChain } from '../db/locks.ts';
import { auditHash, genesisHash, type AuditContent } from '../audit/audit-hash.ts';

type RequestRow = typeof citizenRequests.$inferSelect;
export type NewRequestRow = typeof citizenRequests.$inferInsert & { id: string };
export interface IntakeWrite { row: NewRequestRow; actorId: string | null; actorName: string; requestId: string; note: string }

interface Pending extends IntakeWrite { resolve: (row: RequestRow | undefined) => void; reject: (error: unknown) => void }

const maxBatch = 200;

async function writeAll(tx: Tx, items: IntakeWrite[]): Promise<(RequestRow | undefined)[]> {
  const inserted = await tx.insert(citizenRequests).values(items.map((i) => i.row)).onConflictDoNothing().returning();
  const byId = new Map(inserted.map((r) => [r.id, r]));
  const written = items.filter((i) => byId.has(i.row.id));
  if (written.length) {
    await tx.insert(requestSteps).values(written.map((i) => ({
      id: randomUUID(), requestId: i.row.id, event: 'receive', fromStatus: null, toStatus: 'received', actorId: i.actorId, actorName: i.actorName, note: i.note, at: i.row.receivedAt,
    })));
  }
  if (written.length) await appendAudit(tx, written.map((i) => ({ actorId: i.actorId, actorName: i.actorName, action: 'request.receive', entityType: 'request', entityId: i.row.id, before: null, after: byId.get(i.row.id), requestId: i.requestId })));
  return items.map((i) => byId.get(i.row.id));
}

/**
 * Appends several records to the audit chain in one statement, exactly as the trail's
 * recordAudit would one by one: same lock, consecutive seq, each hash chained to the previous.
 */
async function appendAudit(tx: Tx, entries: Omit<AuditContent, 'seq' | 'at'>[]): Promise<void> {
  await lockAuditChain(tx);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? genesisHash;
  const at = new Date();
  const rows = entries.map((e) => {
    // Stored as jsonb gives it back: dates as ISO strings, undefined fields gone.
    const content: AuditContent = { ...e, seq: ++seq, at, before: e.before === null ? null : JSON.parse(JSON.stringify(e.before)), after: JSON.parse(JSON.stringify(e.after)) };
    const hash = auditHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(auditLog).values(rows);
}

class IntakeBatcher {
  private queue: Pending[] = [];
  private running = false;
  constructor(private readonly db: Db) {}

  /** The row as written, or undefined when a unique key (idempotency key, code) refused it. */
  write(item: IntakeWrite): Promise<RequestRow | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, maxBatch);
        try {
          const rows = await this.db.transaction((tx) => writeAll(tx, batch));
          batch.forEach((p, i) => p.resolve(rows[i]));
        } catch {
          // One bad item must not fail its neighbours: write each alone to find it.
          for (const p of batch) {
            try { p.resolve((await this.db.transaction((tx) => writeAll(tx, [p])))[0]); } catch (error) { p.reject(error); }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const batchers = new WeakMap<Db, IntakeBatcher>();

export function intakeBatcher(db: Db): IntakeBatcher {
  let b = batchers.get(db);
  if (!b) {
    b = new IntakeBatcher(db);
    batchers.set(db, b);
  }
  return b;
}
