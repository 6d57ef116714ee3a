// Imports requests that were handled elsewhere (an earlier system, a spreadsheet, the demo), with
// their whole history, in one transaction: requests, steps, dispatches, callbacks, the alarms of
// clocks still running, and the monthly rollup of the months touched. One audit record names the
// batch; an import of requests taken elsewhere today (request-import.ts) also audits each request
// as intake does.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client.ts';
import { citizenRequests, requestAlarms, requestCallbacks, requestDispatches, requestSteps } from '../db/schema/index.ts';
import type { RequestStatus } from '../../core/requests/lifecycle.ts';
import type { Satisfaction } from '../../core/requests/rates.ts';
import { deadlineOf, monthOf, warningTime } from '../../core/requests/sla.ts';
import type { ActionContext } from '../auth/actor.ts';
import { recordAudit, recordAudits } from '../audit/audit-trail.ts';
import { limitsOf, type ServiceRow } from './catalogue-service.ts';
import { newRequestCode } from './intake-service.ts';
import { rebuildMonthlyStats } from './rates-service.ts';
import { keywordText } from './segmenter.ts';
import { classDefaults } from './settings-service.ts';

export interface HistoricalRequest {
  /** Given when the caller must know it before the import (to point duplicates at each other). */
  id?: string;
  service: ServiceRow;
  description: string; address: string; lat: number | null; lon: number | null; divisionCode: string | null;
  citizenName: string; citizenPhone: string; channel: string; receivedAt: Date;
  /** A likely duplicate of this open request (intake's rule). */
  duplicateOfId?: string | null;
  dispatch?: { unitId: string; at: Date };
  accepted?: Date;
  started?: Date;
  reply?: { at: Date; text: string };
  callback?: { at: Date; resolved: boolean; satisfaction: Satisfaction };
  closed?: Date;
}

type StepRow = typeof requestSteps.$inferInsert;

function statusOf(h: HistoricalRequest): RequestStatus {
  if (h.closed) return 'closed';
  if (h.callback) return 'called_back';
  if (h.reply) return 'replied';
  if (h.started) return 'in_progress';
  if (h.accepted) return 'accepted';
  if (h.dispatch) return 'dispatched';
  return 'received';
}

export interface ImportOptions {
  /**
   * Requests taken in today from elsewhere: each is audited on its own as intake audits it
   * (request.receive), with the importing official as the actor of its first step.
   */
  asIntake?: boolean;
  /** More to say about the batch in its audit record (file, rows…). */
  batchDetails?: Record<string, unknown>;
  /** Runs first in the transaction; may refuse the batch by throwing. */
  guard?: (tx: Tx) => Promise<void>;
}

export async function importHistory(db: Db, ctx: ActionContext, records: HistoricalRequest[], batchName: string, options: ImportOptions = {}): Promise<{ imported: number; requests: { id: string; code: string }[] }> {
  const months = new Set<string>();
  const written: { id: string; code: string }[] = [];
  await db.transaction(async (tx) => {
    await options.guard?.(tx);
    for (let i = 0; i < records.length; i += 200) written.push(...await insertBatch(tx, ctx, records.slice(i, i + 200), months, options.asIntake ?? false));
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'request.import', entityType: 'request_batch', entityId: batchName, before: null, after: { ...options.batchDetails, count: records.length, months: [...months].sort() }, requestId: ctx.requestId });
  });
  for (const month of [...months].sort()) await rebuildMonthlyStats(db, month);
  return { imported: records.length, requests: written };
}

async function insertBatch(tx: Tx, ctx: ActionContext, records: HistoricalRequest[], months: Set<string>, asIntake: boolean): Promise<{ id: string; code: string }[]> {
  const requests: (typeof citizenRequests.$inferInsert)[] = [];
  const steps: StepRow[] = [];
  const dispatches: (typeof requestDispatches.$inferInsert)[] = [];
  const callbacks: (typeof requestCallbacks.$inferInsert)[] = [];
  const alarms: (typeof requestAlarms.$inferInsert)[] = [];
  const defaults = await classDefaults(tx);
  for (const h of records) {
    const id = h.id ?? randomUUID();
    const limits = limitsOf(h.service, defaults);
    const status = statusOf(h);
    const responseDueAt = h.dispatch ? deadlineOf(h.dispatch.at, limits.response) : null;
    const resolutionDueAt = h.dispatch ? deadlineOf(h.dispatch.at, limits.resolution) : null;
    const last = h.closed ?? h.callback?.at ?? h.reply?.at ?? h.started ?? h.accepted ?? h.dispatch?.at ?? h.receivedAt;
    requests.push({
      id, code: newRequestCode(h.receivedAt), serviceId: h.service.id, status, channel: h.channel, description: h.description, address: h.address,
      lat: h.lat, lon: h.lon, divisionCode: h.divisionCode, citizenName: h.citizenName, citizenPhone: h.citizenPhone, keywords: keywordText(h.description), duplicateOfId: h.duplicateOfId ?? null,
      leadUnitId: h.dispatch?.unitId ?? null, reply: h.reply?.text ?? null, receivedAt: h.receivedAt, dispatchedAt: h.dispatch?.at ?? null,
      acceptedAt: h.accepted ?? null, repliedAt: h.reply?.at ?? null, closedAt: h.closed ?? null, responseDueAt, resolutionDueAt, updatedAt: last,
    });
    const step = (event: string, from: RequestStatus | null, to: RequestStatus, at: Date, note = '', unitId: string | null = null) =>
      steps.push({ id: randomUUID(), requestId: id, event, fromStatus: from, toStatus: to, unitId, actorId: asIntake && event === 'receive' ? ctx.actor.id : null, actorName: ctx.actor.displayName, note, at });
    step('receive', null, 'received', h.receivedAt, h.channel);
    if (h.dispatch) {
      const unitId = h.dispatch.unitId;
      months.add(monthOf(h.dispatch.at));
      step('dispatch', 'received', 'dispatched', h.dispatch.at, '', unitId);
      dispatches.push({ id: randomUUID(), requestId: id, unitId, dispatchedAt: h.dispatch.at, responseDueAt: responseDueAt!, respondedAt: h.accepted ?? null, outcome: h.accepted ? 'accepted' : null });
      if (!h.accepted) alarms.push(...clockAlarms(id, 'response', h.dispatch.at, responseDueAt!));
      if (!h.reply) alarms.push(...clockAlarms(id, 'resolution', h.dispatch.at, resolutionDueAt!));
      if (h.accepted) step('accept', 'dispatched', 'accepted', h.accepted, '', unitId);
      if (h.started) step('start', 'accepted', 'in_progress', h.started, '', unitId);
      if (h.reply) step('reply', h.started ? 'in_progress' : 'accepted', 'replied', h.reply.at, h.reply.text, unitId);
      if (h.callback) {
        months.add(monthOf(h.callback.at));
        step('callback', 'replied', 'called_back', h.callback.at);
        callbacks.push({ id: randomUUID(), requestId: id, unitId, resolved: h.callback.resolved, satisfaction: h.callback.satisfaction, note: '', at: h.callback.at });
      }
      // A category that needs no callback may have been closed straight after the reply.
      if (h.closed) step('close', h.callback ? 'called_back' : 'replied', 'closed', h.closed);
    }
  }
  if (asIntake) {
    const inserted = await tx.insert(citizenRequests).values(requests).returning();
    await recordAudits(tx, inserted.map((row) => ({ actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'request.receive', entityType: 'request', entityId: row.id, before: null, after: row, requestId: ctx.requestId })));
  } else {
    await tx.insert(citizenRequests).values(requests);
  }
  await tx.insert(requestSteps).values(steps);
  if (dispatches.length) await tx.insert(requestDispatches).values(dispatches);
  if (callbacks.length) await tx.insert(requestCallbacks).values(callbacks);
  if (alarms.length) await tx.insert(requestAlarms).values(alarms);
  return requests.map((r) => ({ id: r.id, code: r.code }));
}

function clockAlarms(requestId: string, clock: 'response' | 'resolution', start: Date, due: Date): (typeof requestAlarms.$inferInsert)[] {
  return [
    { id: randomUUID(), requestId, kind: `${clock}_due_soon`, dueAt: due, fireAt: warningTime(start, due) },
    { id: randomUUID(), requestId, kind: `${clock}_overdue`, dueAt: due, fireAt: due },
  ];
}
