// Deadlines live in the database as alarms, not as timers in memory: they survive restarts, and
// any number of server processes can run the worker. Each process claims due alarms with
// FOR UPDATE SKIP LOCKED, so no two processes take the same alarm; the unique key on warnings
// is a second guard, so each warning is raised exactly once.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, like, lte } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { citizenRequests, requestAlarms, requestWarnings } from '../db/schema/index.ts';
import { warningTime } from '../../core/requests/sla.ts';
import { recordAudit } from '../audit/audit-trail.ts';

export type Clock = 'response' | 'resolution';
export const warningKinds = ['response_due_soon', 'response_overdue', 'resolution_due_soon', 'resolution_overdue'] as const;
export type WarningKind = (typeof warningKinds)[number];

/** Sets the two alarms of a clock (warning before, overdue at the deadline), replacing earlier ones. */
export async function scheduleClock(tx: Tx, requestId: string, clock: Clock, start: Date, due: Date, now: Date): Promise<void> {
  await cancelClock(tx, requestId, clock, now);
  await tx.insert(requestAlarms).values([
    { id: randomUUID(), requestId, kind: `${clock}_due_soon`, dueAt: due, fireAt: warningTime(start, due) },
    { id: randomUUID(), requestId, kind: `${clock}_overdue`, dueAt: due, fireAt: due },
  ]).onConflictDoNothing();
}

/** The clock was met (or the request left the unit): its pending alarms will not fire. */
export async function cancelClock(tx: Tx, requestId: string, clock: Clock | 'all', now: Date): Promise<void> {
  await tx.update(requestAlarms).set({ cancelledAt: now })
    .where(and(eq(requestAlarms.requestId, requestId), isNull(requestAlarms.firedAt), isNull(requestAlarms.cancelledAt),
      ...(clock === 'all' ? [] : [like(requestAlarms.kind, `${clock}_%`)])));
}

/**
 * Raises every warning due at `now`, in batches; returns how many this call raised. Safe to run
 * in several processes at once.
 */
export async function raiseDueWarnings(db: Db, now: Date, worker = 'worker', batchSize = 200): Promise<number> {
  let raised = 0;
  for (;;) {
    const { claimed, count } = await db.transaction(async (tx) => {
      const due = await tx.select().from(requestAlarms)
        .where(and(lte(requestAlarms.fireAt, now), isNull(requestAlarms.firedAt), isNull(requestAlarms.cancelledAt)))
        .orderBy(asc(requestAlarms.fireAt)).limit(batchSize).for('update', { skipLocked: true });
      if (due.length === 0) return { claimed: 0, count: 0 };
      const requests = await tx.select({ id: citizenRequests.id, unitId: citizenRequests.leadUnitId, code: citizenRequests.code })
        .from(citizenRequests).where(inArray(citizenRequests.id, [...new Set(due.map((a) => a.requestId))]));
      const byId = new Map(requests.map((r) => [r.id, r]));
      let count = 0;
      for (const alarm of due) {
        const request = byId.get(alarm.requestId);
        const [warning] = await tx.insert(requestWarnings).values({
          id: randomUUID(), requestId: alarm.requestId, unitId: request?.unitId ?? null, kind: alarm.kind, dueAt: alarm.dueAt, raisedAt: now, raisedBy: worker,
        }).onConflictDoNothing().returning();
        if (warning) {
          count += 1;
          await recordAudit(tx, { actorId: null, actorName: '期限提醒', action: `request.${alarm.kind}`, entityType: 'request', entityId: alarm.requestId, before: null, after: warning, requestId: worker });
        }
      }
      await tx.update(requestAlarms).set({ firedAt: now }).where(inArray(requestAlarms.id, due.map((a) => a.id)));
      return { claimed: due.length, count };
    });
    raised += count;
    // A short batch means nothing else is due (or another process holds the rest).
    if (claimed < batchSize) break;
  }
  return raised;
}

/** Runs the worker every `intervalMs` until stopped; errors are reported, never thrown. */
export function startDeadlineWorker(db: Db, onError: (error: unknown) => void, intervalMs = 30_000, worker = `worker-${process.pid}`): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try { await raiseDueWarnings(db, new Date(), worker); } catch (error) { onError(error); } finally { running = false; }
  };
  const timer = setInterval(() => { void tick(); }, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
