// Deadline warnings as units and the hotline read them: the raw list (every warning raised), and
// the live ones — a clock still running or overdue on a request its unit still owes — one per
// request and clock, with the time left, and counted by unit for the hotline's overview.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { citizenRequests, requestServices, requestWarnings, units } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';

const nobody = '00000000-0000-0000-0000-000000000000';

/** A unit reporter reads its own unit's warnings only; other officials read every unit's. */
function unitScope(actor: Actor, unitId: string | undefined): SQL | undefined {
  if (actor.role === 'unit_reporter') return eq(requestWarnings.unitId, actor.unitId ?? nobody);
  return unitId ? eq(requestWarnings.unitId, unitId) : undefined;
}

export async function listWarnings(db: Db, actor: Actor, limit: number) {
  const w = requestWarnings;
  const rows = await db.select({ warning: w, code: citizenRequests.code }).from(w).innerJoin(citizenRequests, eq(citizenRequests.id, w.requestId))
    .where(unitScope(actor, undefined))
    .orderBy(desc(w.raisedAt)).limit(limit);
  return rows.map((r) => ({ id: r.warning.id, requestId: r.warning.requestId, code: r.code, kind: r.warning.kind, dueAt: r.warning.dueAt.toISOString(), raisedAt: r.warning.raisedAt.toISOString() }));
}

export type Clock = 'response' | 'resolution';

export interface LiveWarning {
  requestId: string; code: string; serviceName: string; status: string; unitId: string; unitName: string;
  clock: Clock;
  /** due_soon until the deadline, overdue after it (whatever warning was raised last). */
  state: 'due_soon' | 'overdue';
  dueAt: string;
  /** Milliseconds to the deadline at `now`; negative once overdue. */
  msLeft: number;
  raisedAt: string;
}

/**
 * A warning is live while its request still owes the step the warning is about, to the unit
 * warned, by the deadline warned of: a response warning while the request waits to be accepted
 * or returned (状态 dispatched), a resolution warning while it is led by the unit and not
 * replied to. A moved deadline (extension, reopening) has its own warnings; the old ones are dead.
 */
const live = () => {
  const w = requestWarnings;
  const r = citizenRequests;
  return and(
    eq(r.leadUnitId, w.unitId),
    sql`(
      (split_part(${w.kind}, '_', 1) = 'response' AND ${r.status} = 'dispatched' AND ${r.responseDueAt} = ${w.dueAt})
      OR (split_part(${w.kind}, '_', 1) = 'resolution' AND ${r.repliedAt} IS NULL AND ${r.status} IN ('dispatched','accepted','in_progress','reopened') AND ${r.resolutionDueAt} = ${w.dueAt})
    )`,
  );
};

/** The live warnings the reader may see (optionally of one unit), most urgent first. */
export async function liveWarnings(db: Db, actor: Actor, options: { unitId?: string; limit: number }, now = new Date()): Promise<LiveWarning[]> {
  const w = requestWarnings;
  const r = citizenRequests;
  const rows = await db.select({ requestId: w.requestId, kind: w.kind, dueAt: w.dueAt, raisedAt: w.raisedAt, unitId: w.unitId, code: r.code, status: r.status, serviceName: requestServices.name, unitName: units.name })
    .from(w).innerJoin(r, eq(r.id, w.requestId)).innerJoin(requestServices, eq(requestServices.id, r.serviceId)).innerJoin(units, eq(units.id, w.unitId))
    .where(and(unitScope(actor, options.unitId), live()))
    .orderBy(asc(w.dueAt), desc(w.raisedAt)).limit(options.limit * 2);
  const seen = new Map<string, LiveWarning>();
  for (const x of rows) {
    const clock: Clock = x.kind.startsWith('response') ? 'response' : 'resolution';
    const key = `${x.requestId}:${clock}`;
    if (seen.has(key)) continue;
    const msLeft = x.dueAt.getTime() - now.getTime();
    seen.set(key, {
      requestId: x.requestId, code: x.code, serviceName: x.serviceName, status: x.status, unitId: x.unitId!, unitName: x.unitName, clock,
      state: msLeft <= 0 ? 'overdue' : 'due_soon', dueAt: x.dueAt.toISOString(), msLeft, raisedAt: x.raisedAt.toISOString(),
    });
  }
  return [...seen.values()].slice(0, options.limit);
}

export interface UnitWarnings { unitId: string; unitName: string; dueSoon: number; overdue: number; nextDueAt: string | null; oldestDueAt: string }

/** Live warnings counted by unit (a unit reporter gets its own row only): overdue first, then most due soon. */
export async function warningsByUnit(db: Db, actor: Actor, now = new Date()): Promise<UnitWarnings[]> {
  const w = requestWarnings;
  const r = citizenRequests;
  const clockOf = sql`${w.requestId}::text || split_part(${w.kind}, '_', 1)`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await db.select({
    unitId: w.unitId, unitName: units.name,
    dueSoon: sql<number>`count(DISTINCT ${clockOf}) FILTER (WHERE ${w.dueAt} > ${at})`.mapWith(Number),
    overdue: sql<number>`count(DISTINCT ${clockOf}) FILTER (WHERE ${w.dueAt} <= ${at})`.mapWith(Number),
    nextDueAt: sql<Date | null>`min(${w.dueAt}) FILTER (WHERE ${w.dueAt} > ${at})`,
    oldestDueAt: sql<Date>`min(${w.dueAt})`,
  }).from(w).innerJoin(r, eq(r.id, w.requestId)).innerJoin(units, eq(units.id, w.unitId))
    .where(and(unitScope(actor, undefined), live()))
    .groupBy(w.unitId, units.name);
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((x) => ({ unitId: x.unitId!, unitName: x.unitName, dueSoon: x.dueSoon, overdue: x.overdue, nextDueAt: iso(x.nextDueAt), oldestDueAt: iso(x.oldestDueAt)! }))
    .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.unitName.localeCompare(b.unitName, 'zh'));
}

