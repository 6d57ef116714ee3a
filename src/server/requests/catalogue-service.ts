// The dispatch catalogue: categories of requests with their limits. Changes are audited. A
// category without limits of its own follows the default of its class (request settings).
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { requestServices, units } from '../db/schema/index.ts';
import { effectiveLimits, type serviceCreateBody, type serviceUpdateBody, type ServiceAttribute, type ServiceView, type ResponsibleKind } from '../../core/requests/catalogue.ts';
import { responseWithinResolution, type ClassLimits, type ClassLimitTable, type LimitUnit, type SlaClass, type TimeLimit } from '../../core/requests/sla.ts';
import { pinyinKeys } from '../../core/org/pinyin-search.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { forgetAll } from './process-cache.ts';
import { catalogueServicePolicy } from './request-policy.ts';
import { classDefaults } from './settings-service.ts';

export type ServiceRow = typeof requestServices.$inferSelect;

/** The category's own limits; null where it follows its class. */
export const ownLimitsOf = (row: ServiceRow): { response: TimeLimit | null; resolution: TimeLimit | null } => ({
  response: row.responseAmount !== null && row.responseUnit ? { amount: row.responseAmount, unit: row.responseUnit as LimitUnit } : null,
  resolution: row.resolutionAmount !== null && row.resolutionUnit ? { amount: row.resolutionAmount, unit: row.resolutionUnit as LimitUnit } : null,
});

/** The limits that apply to requests of this category, given the class defaults in force. */
export const limitsOf = (row: ServiceRow, defaults: ClassLimitTable): ClassLimits =>
  effectiveLimits(ownLimitsOf(row), row.slaClass as SlaClass, defaults);

export function serviceViewOf(row: ServiceRow, byId: Map<string, ServiceRow>, defaults: ClassLimitTable): ServiceView {
  const parent = row.parentId ? byId.get(row.parentId) : undefined;
  const own = ownLimitsOf(row);
  const limits = limitsOf(row, defaults);
  return {
    id: row.id, code: row.code, name: row.name, path: parent ? `${parent.name} › ${row.name}` : row.name,
    parentId: row.parentId, group: parent?.name ?? row.name, description: row.description, keywords: row.keywords,
    pinyinInitials: row.pinyinInitials, responsibleKind: row.responsibleKind as ResponsibleKind, defaultUnitId: row.defaultUnitId,
    slaClass: row.slaClass as SlaClass, responseLimit: limits.response, resolutionLimit: limits.resolution,
    ownResponseLimit: own.response, ownResolutionLimit: own.resolution, callbackRequired: row.callbackRequired, attributes: row.attributes as ServiceAttribute[], active: row.active, version: row.version,
  };
}

export async function allServices(db: Db): Promise<ServiceRow[]> {
  return db.select().from(requestServices).orderBy(asc(requestServices.code));
}

export async function listServices(db: Db, actor: Actor | null, options: { activeOnly?: boolean } = {}): Promise<ServiceView[]> {
  if (actor) ensure(catalogueServicePolicy.read(actor), '不能查看派单目录');
  const rows = await allServices(db);
  const defaults = await classDefaults(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.filter((r) => !options.activeOnly || r.active).map((r) => serviceViewOf(r, byId, defaults));
}

/** Refuses a category whose response limit, as it would apply, is longer than its resolution limit. */
function assertLimitsInOrder(row: ServiceRow, defaults: ClassLimitTable): void {
  if (!responseWithinResolution(limitsOf(row, defaults))) {
    throw unprocessable('响应时限不能长于办结时限 (the response limit may not be longer than the resolution limit)', { field: 'responseLimit' });
  }
}

async function assertReferences(tx: Db, parentId: string | null | undefined, defaultUnitId: string | null | undefined): Promise<void> {
  if (parentId) {
    const [parent] = await tx.select({ parentId: requestServices.parentId }).from(requestServices).where(eq(requestServices.id, parentId));
    if (!parent) throw unprocessable('上级类别不存在 (unknown parent category)', { field: 'parentId' });
    if (parent.parentId) throw unprocessable('目录只有两级 (the catalogue has two levels)', { field: 'parentId' });
  }
  if (defaultUnitId) {
    const [unit] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, defaultUnitId), eq(units.active, true)));
    if (!unit) throw unprocessable('默认承办单位不存在或已停用 (unknown or inactive unit)', { field: 'defaultUnitId' });
  }
}

export async function createService(db: Db, ctx: ActionContext, body: z.infer<typeof serviceCreateBody>): Promise<ServiceView> {
  ensure(catalogueServicePolicy.manage(ctx.actor), '只有系统管理员和热线中心可以管理派单目录');
  const response = body.responseLimit ?? null;
  const resolution = body.resolutionLimit ?? null;
  return db.transaction(async (tx) => {
    await assertReferences(tx, body.parentId, body.defaultUnitId);
    const [existing] = await tx.select({ id: requestServices.id }).from(requestServices).where(eq(requestServices.code, body.code));
    if (existing) throw conflict(`类别代码 ${body.code} 已存在 (service code already in use)`, { field: 'code' });
    const [row] = await tx.insert(requestServices).values({
      id: randomUUID(), code: body.code, name: body.name, parentId: body.parentId ?? null, description: body.description ?? '',
      keywords: body.keywords ?? [], pinyinInitials: pinyinKeys(body.name).initials, responsibleKind: body.responsibleKind,
      defaultUnitId: body.defaultUnitId ?? null, slaClass: body.slaClass, responseAmount: response?.amount ?? null, responseUnit: response?.unit ?? null,
      resolutionAmount: resolution?.amount ?? null, resolutionUnit: resolution?.unit ?? null, callbackRequired: body.callbackRequired ?? true, attributes: body.attributes ?? [],
    }).returning();
    const defaults = await classDefaults(tx);
    assertLimitsInOrder(row!, defaults);
    forgetAll();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'request_service.create', entityType: 'request_service', entityId: row!.id, before: null, after: row, requestId: ctx.requestId });
    const all = await allServices(tx);
    return serviceViewOf(row!, new Map(all.map((r) => [r.id, r])), defaults);
  });
}

export async function updateService(db: Db, ctx: ActionContext, id: string, body: z.infer<typeof serviceUpdateBody>): Promise<ServiceView> {
  ensure(catalogueServicePolicy.manage(ctx.actor), '只有系统管理员和热线中心可以管理派单目录');
  const { version, responseLimit, resolutionLimit, ...change } = body;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(requestServices).where(eq(requestServices.id, id));
    if (!before) throw notFound('诉求类别');
    if (before.version !== version) throw staleVersion('诉求类别', before.version);
    await assertReferences(tx, undefined, change.defaultUnitId);
    const [after] = await tx.update(requestServices).set({
      ...change,
      ...(change.name ? { pinyinInitials: pinyinKeys(change.name).initials } : {}),
      // undefined: unchanged; null: follow the class default again.
      ...(responseLimit !== undefined ? { responseAmount: responseLimit?.amount ?? null, responseUnit: responseLimit?.unit ?? null } : {}),
      ...(resolutionLimit !== undefined ? { resolutionAmount: resolutionLimit?.amount ?? null, resolutionUnit: resolutionLimit?.unit ?? null } : {}),
      version: version + 1, updatedAt: new Date(),
    }).where(and(eq(requestServices.id, id), eq(requestServices.version, version))).returning();
    if (!after) throw staleVersion('诉求类别', version + 1);
    const defaults = await classDefaults(tx);
    assertLimitsInOrder(after, defaults);
    forgetAll();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'request_service.update', entityType: 'request_service', entityId: id, before, after, requestId: ctx.requestId });
    const all = await allServices(tx);
    return serviceViewOf(after, new Map(all.map((r) => [r.id, r])), defaults);
  });
}
