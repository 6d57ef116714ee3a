// Group commit for intake. Every request is audited, and the audit chain admits one writer at a
// time, so one transaction per request would cap intake at one commit per request. Requests
// arriving while a batch is being written wait for the next one and are written together. With
// no load nothing waits: the first request is written at once. Each request still gets its own
// row, first step and audit record.
//
// A batch is one statement, its own transaction: one round trip to the database, where the
// ordinary path (begin, insert, lock and read the chain's end, insert the records, commit) takes
// five, and the chain's lock is held for a single statement. The records' hashes are computed
// here beforehand, from the chain's end as this process last left it; the statement takes the
// lock, checks that end is still the chain's end, and writes nothing when another writer has
// moved it since — it answers with the new end, and the batch is sealed again and retried. A
// clash of a unique key (tracking code, idempotency key) fails the statement as a whole; the
// batch then goes the ordinary way, one request at a time, so the clashing one is left out.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client.ts';
import { genesisHash } from '../audit/audit-hash.ts';
import { sql, type SQL } from 'drizzle-orm';
import { citizenRequests } from '../db/schema/index.ts';
import { isoOrNull, jsonOrNull, rowsOf, unnestInsert, unnestRows, type UnnestColumn } from '../db/unnest.ts';
import { auditColumns, chainHeadOf, recordAudits, sealAudits, type AuditEntry, type ChainHead } from '../audit/audit-trail.ts';

type RequestRow = typeof citizenRequests.$inferSelect;
export type NewRequestRow = typeof citizenRequests.$inferInsert & { id: string };
export interface IntakeWrite { row: NewRequestRow; actorId: string | null; actorName: string; requestId: string; note: string }

interface Pending extends IntakeWrite { resolve: (row: RequestRow | undefined) => void; reject: (error: unknown) => void }

const maxBatch = 200;

/** The columns intake writes; the others take their defaults (see storedRow). */
const requestColumns: UnnestColumn<NewRequestRow>[] = [
  ['id', 'uuid', (r) => r.id], ['code', 'text', (r) => r.code], ['service_id', 'uuid', (r) => r.serviceId],
  ['status', 'text', (r) => r.status], ['channel', 'text', (r) => r.channel], ['description', 'text', (r) => r.description],
  ['address', 'text', (r) => r.address ?? ''], ['lat', 'float8', (r) => r.lat ?? null], ['lon', 'float8', (r) => r.lon ?? null],
  ['division_code', 'text', (r) => r.divisionCode ?? null], ['citizen_name', 'text', (r) => r.citizenName ?? ''],
  ['citizen_phone', 'text', (r) => r.citizenPhone ?? ''], ['attributes', 'jsonb', (r) => jsonOrNull(r.attributes)],
  ['media_url', 'text', (r) => r.mediaUrl ?? null], ['keywords', 'text', (r) => r.keywords ?? ''], ['duplicate_of_id', 'uuid', (r) => r.duplicateOfId ?? null],
  ['received_at', 'timestamptz', (r) => isoOrNull(r.receivedAt)], ['api_key_id', 'uuid', (r) => r.apiKeyId ?? null],
  ['idempotency_key', 'text', (r) => r.idempotencyKey ?? null], ['updated_at', 'timestamptz', (r) => isoOrNull(r.updatedAt ?? r.receivedAt)],
];

interface StepRow { id: string; requestId: string; actorId: string | null; actorName: string; note: string; at: Date }
const stepColumns: UnnestColumn<StepRow>[] = [
  ['id', 'uuid', (s) => s.id], ['request_id', 'uuid', (s) => s.requestId], ['actor_id', 'uuid', (s) => s.actorId],
  ['actor_name', 'text', (s) => s.actorName], ['note', 'text', (s) => s.note], ['at', 'timestamptz', (s) => isoOrNull(s.at)],
];

/**
 * The row as the database now holds it: what intake wrote and the defaults of the rest. Built
 * here rather than read back, since returning every column of every request costs the database
 * and this process more than the insert; a test compares the two.
 */
export function storedRow(r: NewRequestRow): RequestRow {
  return {
    id: r.id, code: r.code, serviceId: r.serviceId, status: r.status, channel: r.channel, description: r.description,
    address: r.address ?? '', lat: r.lat ?? null, lon: r.lon ?? null,
    divisionCode: r.divisionCode ?? null, citizenName: r.citizenName ?? '', citizenPhone: r.citizenPhone ?? '',
    attributes: r.attributes ?? null, mediaUrl: r.mediaUrl ?? null, keywords: r.keywords ?? '', leadUnitId: null, reply: null,
    duplicateOfId: r.duplicateOfId ?? null, receivedAt: r.receivedAt, dispatchedAt: null, acceptedAt: null, repliedAt: null,
    closedAt: null, responseDueAt: null, resolutionDueAt: null, apiKeyId: r.apiKeyId ?? null, idempotencyKey: r.idempotencyKey ?? null,
    version: 1, updatedAt: r.updatedAt ?? r.receivedAt,
  };
}

/** `INSERT INTO request_steps …`: each request's first step (received), for those where `only` holds. */
function firstSteps(items: IntakeWrite[], only: SQL): SQL {
  const steps = items.map((i): StepRow => ({ id: randomUUID(), requestId: i.row.id, actorId: i.actorId, actorName: i.actorName, note: i.note, at: i.row.receivedAt }));
  return sql`INSERT INTO request_steps (id, request_id, event, from_status, to_status, actor_id, actor_name, note, at)
    SELECT s.id, s.request_id, 'receive', NULL, 'received', s.actor_id, s.actor_name, s.note, s.at
    FROM ${unnestRows(steps, stepColumns, 's')} WHERE ${only}`;
}

/**
 * The ordinary way, inside a transaction: the requests and the first step of each that went in
 * (a clash of code or idempotency key leaves a request out), then their audit records.
 */
async function writeCarefully(tx: Tx, items: IntakeWrite[]): Promise<(RequestRow | undefined)[]> {
  const written = new Set(rowsOf<{ id: string }>(await tx.execute(sql`
    WITH written AS (INSERT INTO citizen_requests ${unnestInsert(items.map((i) => i.row), requestColumns)} ON CONFLICT DO NOTHING RETURNING id)
    ${firstSteps(items, sql`s.request_id IN (SELECT id FROM written)`)} RETURNING request_id AS id`)).map((r) => r.id));
  const kept = items.filter((i) => written.has(i.row.id)).map((i) => ({ ...i, stored: storedRow(i.row) }));
  await recordAudits(tx, kept.map((i) => receipt(i, i.stored)));
  const byId = new Map(kept.map((i) => [i.row.id, i.stored]));
  return items.map((i) => byId.get(i.row.id));
}

const receipt = (i: IntakeWrite, stored: RequestRow): AuditEntry =>
  ({ actorId: i.actorId, actorName: i.actorName, action: 'request.receive', entityType: 'request', entityId: i.row.id, before: null, after: stored, requestId: i.requestId });

/**
 * The batch in one statement, if the chain still ends at `head`: the rows as written, or the
 * chain's actual end when it does not (then nothing was written). A clash of unique keys throws.
 */
async function writeInOneStatement(db: Db, items: IntakeWrite[], head: ChainHead): Promise<{ rows: RequestRow[]; head: ChainHead } | { moved: ChainHead }> {
  const stored = items.map((i) => storedRow(i.row));
  const sealed = sealAudits(head, items.map((i, n) => receipt(i, stored[n]!)));
  // audit_chain_head() takes the chain's lock before it reads the end (migration 0009); every
  // insert waits on that check, so nothing is written unless the records follow the true end.
  const [answer] = rowsOf<{ seq: string | null; hash: string | null; written: string | number }>(await db.execute(sql`
    WITH head AS (SELECT seq, hash FROM audit_chain_head()),
    ok AS (SELECT 1 FROM head WHERE coalesce(head.seq, 0) = ${head.seq} AND coalesce(head.hash, ${genesisHash}) = ${head.hash}),
    requests AS (INSERT INTO citizen_requests ${unnestInsert(items.map((i) => i.row), requestColumns)} WHERE EXISTS (SELECT 1 FROM ok) RETURNING id),
    steps AS (${firstSteps(items, sql`EXISTS (SELECT 1 FROM ok)`)}),
    audit AS (INSERT INTO audit_log ${unnestInsert(sealed.rows, auditColumns)} WHERE EXISTS (SELECT 1 FROM ok))
    SELECT (SELECT seq FROM head) AS seq, (SELECT hash FROM head) AS hash, (SELECT count(*) FROM requests) AS written`));
  if (Number(answer!.written) === items.length) return { rows: stored, head: sealed.head };
  return { moved: chainHeadOf(answer) };
}

class IntakeBatcher {
  private queue: Pending[] = [];
  private running = false;
  /** The chain's end after this process's last batch, as far as it knows. */
  private head: ChainHead | null = null;
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
          const rows = await this.writeBatch(batch);
          batch.forEach((p, i) => p.resolve(rows[i]));
        } catch {
          // One bad item must not fail its neighbours: write each alone to find it.
          this.head = null;
          for (const p of batch) {
            try { p.resolve((await this.db.transaction((tx) => writeCarefully(tx, [p])))[0]); } catch (error) { p.reject(error); }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** In one statement, re-sealed while other writers move the chain's end; then the ordinary way. */
  private async writeBatch(batch: IntakeWrite[]): Promise<(RequestRow | undefined)[]> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // Unknown at first: a head that cannot match asks the database for the true one.
      const result = await writeInOneStatement(this.db, batch, this.head ?? { seq: -1, hash: '' });
      if ('rows' in result) {
        this.head = result.head;
        return result.rows;
      }
      this.head = result.moved;
    }
    return this.db.transaction((tx) => writeCarefully(tx, batch));
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
