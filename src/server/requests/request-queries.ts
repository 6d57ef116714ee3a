// Reading requests: lists, one request with its history, the public tracking view, a unit's
// overdue list. The citizen is shown as the reader may see them (request-policy.ts).
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import {
  citizenRequests, requestCallbacks, requestCoHandlers, requestDispatches, requestExtensions, requestServices, requestSteps, units,
} from '../db/schema/index.ts';
import { availableEvents, statusLabels, type RequestStatus } from '../../core/requests/lifecycle.ts';
import { citizenFor, redactText, type CitizenVisibility } from '../../core/requests/privacy.ts';
import type { PublicRequestView, RequestDetail, requestListQuery, RequestSummary } from '../../core/requests/request.ts';
import type { Satisfaction } from '../../core/requests/rates.ts';
import type { LimitUnit } from '../../core/requests/sla.ts';
import { distanceM } from '../../core/requests/geo.ts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../http/errors.ts';
import { findDivision } from '../org/divisions.ts';
import type { RequestRow } from './intake-service.ts';
import { unitsOfRequest } from './lifecycle-service.ts';
import { requestPolicy } from './request-policy.ts';

const owedStatuses = ['dispatched', 'accepted', 'in_progress', 'reopened'];

export function summaryOf(row: RequestRow, names: { service: string; unit: string | null; duplicateOf: string | null }, visibility: CitizenVisibility, now: Date): RequestSummary {
  const citizen = citizenFor(visibility, row.citizenName, row.citizenPhone);
  return {
    id: row.id, code: row.code, status: row.status as RequestStatus, serviceId: row.serviceId, serviceName: names.service,
    description: visibility === 'full' ? row.description : redactText(row.description), address: row.address,
    lat: row.lat, lon: row.lon, divisionCode: row.divisionCode, divisionName: row.divisionCode ? findDivision(row.divisionCode)?.name ?? null : null,
    channel: row.channel, citizenName: citizen.name, citizenPhone: citizen.phone,
    leadUnitId: row.leadUnitId, leadUnitName: names.unit, receivedAt: row.receivedAt.toISOString(),
    responseDueAt: row.responseDueAt?.toISOString() ?? null, resolutionDueAt: row.resolutionDueAt?.toISOString() ?? null,
    overdue: isOverdue(row, now), duplicateOf: names.duplicateOf, version: row.version,
  };
}

export function isOverdue(row: RequestRow, now: Date): boolean {
  return row.repliedAt === null && owedStatuses.includes(row.status) && row.resolutionDueAt !== null && row.resolutionDueAt.getTime() < now.getTime();
}

const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Requests an official may see. A unit reporter gets only those its unit leads or co-handles. */
export async function listRequests(db: Db, actor: Actor, query: z.infer<typeof requestListQuery>, now = new Date()): Promise<{ items: RequestSummary[]; total: number }> {
  const r = citizenRequests;
  const filters: SQL[] = [];
  if (!requestPolicy.readAll(actor)) {
    const own = actor.unitId ?? '00000000-0000-0000-0000-000000000000';
    filters.push(or(eq(r.leadUnitId, own), inArray(r.id, db.select({ id: requestCoHandlers.requestId }).from(requestCoHandlers).where(eq(requestCoHandlers.unitId, own))))!);
  }
  if (query.status) filters.push(eq(r.status, query.status));
  if (query.unitId) filters.push(eq(r.leadUnitId, query.unitId));
  if (query.serviceId) filters.push(eq(r.serviceId, query.serviceId));
  if (query.divisionCode) filters.push(eq(r.divisionCode, query.divisionCode));
  if (query.from) filters.push(gte(r.receivedAt, new Date(query.from)));
  if (query.to) filters.push(lt(r.receivedAt, new Date(query.to)));
  if (query.q) {
    const term = `%${likeLiteral(query.q)}%`;
    filters.push(or(ilike(r.code, term), ilike(r.description, term), ilike(r.address, term))!);
  }
  if (query.overdue === 'true') filters.push(isNull(r.repliedAt), inArray(r.status, owedStatuses), lt(r.resolutionDueAt, now));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select({ request: r, service: requestServices.name, unit: units.name }).from(r)
      .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).leftJoin(units, eq(units.id, r.leadUnitId))
      .where(where).orderBy(desc(r.receivedAt)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(r).where(where),
  ]);
  const coHandled = await coHandledBy(db, actor, rows.map((x) => x.request.id));
  return {
    items: rows.map((x) => summaryOf(x.request, { service: x.service, unit: x.unit, duplicateOf: null },
      requestPolicy.citizen(actor, { leadUnitId: x.request.leadUnitId, coHandlerIds: coHandled.has(x.request.id) ? [actor.unitId!] : [], dispatchedUnitIds: [] }), now)),
    total: total?.n ?? 0,
  };
}

async function coHandledBy(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (!actor.unitId || ids.length === 0) return new Set();
  const rows = await db.select({ id: requestCoHandlers.requestId }).from(requestCoHandlers)
    .where(and(eq(requestCoHandlers.unitId, actor.unitId), inArray(requestCoHandlers.requestId, ids)));
  return new Set(rows.map((x) => x.id));
}

export async function getRequest(db: Db, actor: Actor, id: string, now = new Date()): Promise<RequestDetail> {
  const [row] = await db.select({ request: citizenRequests, service: requestServices.name, callbackRequired: requestServices.callbackRequired, unit: units.name }).from(citizenRequests)
    .innerJoin(requestServices, eq(requestServices.id, citizenRequests.serviceId)).leftJoin(units, eq(units.id, citizenRequests.leadUnitId))
    .where(eq(citizenRequests.id, id));
  if (!row) throw notFound('诉求');
  const related = await unitsOfRequest(db, id, row.request.leadUnitId);
  // A unit that does not handle the request learns nothing about it, not even that it exists.
  if (!requestPolicy.read(actor, related)) throw notFound('诉求');
  const req = row.request;
  const [steps, co, extensions, callbacks, duplicateOf, duplicates] = await Promise.all([
    db.select({ step: requestSteps, unitName: units.name }).from(requestSteps).leftJoin(units, eq(units.id, requestSteps.unitId))
      .where(eq(requestSteps.requestId, id)).orderBy(asc(requestSteps.at)),
    db.select({ unitId: requestCoHandlers.unitId, unitName: units.name }).from(requestCoHandlers).innerJoin(units, eq(units.id, requestCoHandlers.unitId))
      .where(eq(requestCoHandlers.requestId, id)),
    db.select().from(requestExtensions).where(eq(requestExtensions.requestId, id)).orderBy(asc(requestExtensions.requestedAt)),
    db.select().from(requestCallbacks).where(eq(requestCallbacks.requestId, id)).orderBy(asc(requestCallbacks.at)),
    req.duplicateOfId ? db.select({ code: citizenRequests.code }).from(citizenRequests).where(eq(citizenRequests.id, req.duplicateOfId)) : Promise.resolve([]),
    db.select({ code: citizenRequests.code, lat: citizenRequests.lat, lon: citizenRequests.lon }).from(citizenRequests).where(eq(citizenRequests.duplicateOfId, id)).limit(50),
  ]);
  const summary = summaryOf(req, { service: row.service, unit: row.unit, duplicateOf: duplicateOf[0]?.code ?? null }, requestPolicy.citizen(actor, related), now);
  return {
    ...summary,
    reply: req.reply,
    coHandlers: co,
    timeline: steps.map((s) => ({ at: s.step.at.toISOString(), event: s.step.event, fromStatus: s.step.fromStatus, toStatus: s.step.toStatus, actorName: s.step.actorName, unitName: s.unitName, note: s.step.note })),
    extensions: extensions.map((e) => ({ id: e.id, amount: e.amount, unit: e.unit as LimitUnit, reason: e.reason, status: e.status as 'pending' | 'approved' | 'refused', requestedAt: e.requestedAt.toISOString() })),
    callbacks: callbacks.map((c) => ({ at: c.at.toISOString(), resolved: c.resolved, satisfaction: c.satisfaction as Satisfaction, note: c.note })),
    duplicates: duplicates.map((d) => ({ code: d.code, distanceM: req.lat !== null && d.lat !== null ? Math.round(distanceM({ lat: req.lat, lon: req.lon! }, { lat: d.lat, lon: d.lon! })) : null })),
    callbackRequired: row.callbackRequired,
    actions: availableEvents(req.status as RequestStatus, requestPolicy.lifecycleRoles(actor, related), { callbackRequired: row.callbackRequired }),
  };
}

const publicStepLabels: Record<string, string> = {
  receive: '已受理', dispatch: '已派单', accept: '承办单位已签收', return: '重新派单中', start: '办理中', reply: '承办单位已答复',
  callback: '已回访', close: '已办结', reopen: '重新办理', approve_extension: '办理期限已延长',
};

/** What anyone holding the tracking code sees: progress and the reply, never the citizen. */
export async function trackRequest(db: Db, code: string): Promise<PublicRequestView> {
  const [row] = await db.select({ request: citizenRequests, service: requestServices.name, unit: units.name }).from(citizenRequests)
    .innerJoin(requestServices, eq(requestServices.id, citizenRequests.serviceId)).leftJoin(units, eq(units.id, citizenRequests.leadUnitId))
    .where(eq(citizenRequests.code, code.toUpperCase()));
  if (!row) throw notFound('诉求');
  const steps = await db.select({ at: requestSteps.at, event: requestSteps.event }).from(requestSteps)
    .where(eq(requestSteps.requestId, row.request.id)).orderBy(asc(requestSteps.at));
  const req = row.request;
  return {
    code: req.code, status: req.status as RequestStatus, statusLabel: statusLabels[req.status as RequestStatus], serviceName: row.service,
    description: redactText(req.description), address: req.address, receivedAt: req.receivedAt.toISOString(),
    unitName: row.unit, reply: req.reply ? redactText(req.reply) : null,
    steps: steps.filter((s) => publicStepLabels[s.event]).map((s) => ({ at: s.at.toISOString(), label: publicStepLabels[s.event]! })),
  };
}

export interface OverdueItem { id: string; code: string; serviceName: string; status: string; resolutionDueAt: string; overdueHours: number }

/**
 * A unit's requests past their resolution deadline and still owed a reply, most overdue first.
 * Served by the partial index citizen_requests_owed_idx.
 */
export async function overdueList(db: Db, unitId: string, now = new Date(), limit = 200): Promise<OverdueItem[]> {
  const r = citizenRequests;
  const rows = await db.select({ id: r.id, code: r.code, status: r.status, due: r.resolutionDueAt, serviceName: requestServices.name }).from(r)
    .innerJoin(requestServices, eq(requestServices.id, r.serviceId))
    .where(and(eq(r.leadUnitId, unitId), isNull(r.repliedAt), sql`${r.status} IN ('dispatched','accepted','in_progress','reopened')`, lt(r.resolutionDueAt, now)))
    .orderBy(asc(r.resolutionDueAt)).limit(limit);
  return rows.map((x) => ({ id: x.id, code: x.code, serviceName: x.serviceName, status: x.status, resolutionDueAt: x.due!.toISOString(), overdueHours: Math.floor((now.getTime() - x.due!.getTime()) / 3_600_000) }));
}

/** Dispatch history of a request, for the dispatcher (who returned it and why). */
export async function dispatchHistory(db: Db, requestId: string) {
  return db.select().from(requestDispatches).where(eq(requestDispatches.requestId, requestId)).orderBy(asc(requestDispatches.dispatchedAt));
}
