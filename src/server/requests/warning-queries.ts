// Deadline warnings as units and the hotline read them.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { citizenRequests, requestWarnings } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';

export async function listWarnings(db: Db, actor: Actor, limit: number) {
  const w = requestWarnings;
  const rows = await db.select({ warning: w, code: citizenRequests.code }).from(w).innerJoin(citizenRequests, eq(citizenRequests.id, w.requestId))
    .where(actor.role === 'unit_reporter' ? eq(w.unitId, actor.unitId ?? '00000000-0000-0000-0000-000000000000') : undefined)
    .orderBy(desc(w.raisedAt)).limit(limit);
  return rows.map((r) => ({ id: r.warning.id, requestId: r.warning.requestId, code: r.code, kind: r.warning.kind, dueAt: r.warning.dueAt.toISOString(), raisedAt: r.warning.raisedAt.toISOString() }));
}
