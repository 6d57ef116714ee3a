// Keeping the dispatch rules (派单规则) that ruleFor reads: list, add, remove. Each change is
// audited; a removed rule lives on in the audit trail (nothing else refers to a rule). One rule per
// scope (category × street or town): a second would make the dispatch suggestion arbitrary.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { lockAuditChain } from '../db/locks.ts';
import { dispatchRules, units } from '../db/schema/index.ts';
import type { DispatchRuleCreateBody, DispatchRuleView } from '../../core/requests/dispatch-rules.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, unprocessable } from '../http/errors.ts';
import { findDivision } from '../org/divisions.ts';
import { allServices, type ServiceRow } from './catalogue-service.ts';
import { areaCentres } from './intake-service.ts';
import { dispatchRulePolicy } from './request-policy.ts';

type RuleRow = typeof dispatchRules.$inferSelect;

const refusal = '只有热线中心和系统管理员可以管理派单规则';

async function viewsOf(db: Db | Tx, rows: { rule: RuleRow; unitName: string; unitActive: boolean }[]): Promise<DispatchRuleView[]> {
  const services = await allServices(db);
  const byId = new Map(services.map((s) => [s.id, s]));
  const path = (s: ServiceRow) => {
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    return parent ? `${parent.name} › ${s.name}` : s.name;
  };
  const areaNames = new Map((await areaCentres(db)).map((a) => [a.divisionCode, a.name]));
  return rows.map(({ rule, unitName, unitActive }) => {
    const service = rule.serviceId ? byId.get(rule.serviceId) : undefined;
    return {
      id: rule.id, serviceId: rule.serviceId, serviceCode: service?.code ?? null, serviceName: service ? path(service) : null,
      divisionCode: rule.divisionCode,
      divisionName: rule.divisionCode ? areaNames.get(rule.divisionCode) ?? findDivision(rule.divisionCode)?.name ?? rule.divisionCode : null,
      unitId: rule.unitId, unitName, unitActive, createdAt: rule.createdAt.toISOString(),
    };
  });
}

const withUnit = (db: Db | Tx) => db.select({ rule: dispatchRules, unitName: units.name, unitActive: units.active })
  .from(dispatchRules).innerJoin(units, eq(units.id, dispatchRules.unitId));

export async function listDispatchRules(db: Db, actor: Actor): Promise<DispatchRuleView[]> {
  ensure(dispatchRulePolicy.read(actor), '派单规则面向热线中心和区级部门');
  const views = await viewsOf(db, await withUnit(db).orderBy(asc(dispatchRules.createdAt)));
  // Most specific first, as ruleFor weighs them: category and street, category, street.
  const weight = (v: DispatchRuleView) => (v.serviceId ? 2 : 0) + (v.divisionCode ? 1 : 0);
  return views.sort((a, b) => weight(b) - weight(a) || (a.serviceName ?? '').localeCompare(b.serviceName ?? '', 'zh-CN') || (a.divisionCode ?? '').localeCompare(b.divisionCode ?? ''));
}

/** Refuses a rule naming what does not exist, with the field it names. */
async function checkReferences(tx: Tx, body: DispatchRuleCreateBody): Promise<void> {
  if (body.serviceId) {
    const service = (await allServices(tx)).find((s) => s.id === body.serviceId);
    if (!service) throw unprocessable('诉求类别不存在 (unknown category)', { field: 'serviceId' });
    if (!service.active) throw unprocessable(`诉求类别“${service.name}”已停用 (category is inactive)`, { field: 'serviceId' });
  }
  if (body.divisionCode) {
    const areas = await areaCentres(tx);
    const known = areas.length ? areas.some((a) => a.divisionCode === body.divisionCode) : findDivision(body.divisionCode)?.level === 'street';
    if (!known) throw unprocessable(`${body.divisionCode} 不是本区的街道乡镇 (not a street or town of the district)`, { field: 'divisionCode' });
  }
  const [unit] = await tx.select({ active: units.active }).from(units).where(eq(units.id, body.unitId));
  if (!unit) throw unprocessable('承办单位不存在 (unknown unit)', { field: 'unitId' });
  if (!unit.active) throw unprocessable('承办单位已停用 (unit is inactive)', { field: 'unitId' });
}

export async function createDispatchRule(db: Db, ctx: ActionContext, body: DispatchRuleCreateBody): Promise<DispatchRuleView> {
  ensure(dispatchRulePolicy.manage(ctx.actor), refusal);
  const serviceId = body.serviceId ?? null;
  const divisionCode = body.divisionCode ?? null;
  return db.transaction(async (tx) => {
    // Every writer of the audit trail queues here: two officials adding the same rule at once
    // cannot both find the scope free.
    await lockAuditChain(tx);
    await checkReferences(tx, body);
    const [existing] = await withUnit(tx).where(and(
      serviceId ? eq(dispatchRules.serviceId, serviceId) : isNull(dispatchRules.serviceId),
      divisionCode ? eq(dispatchRules.divisionCode, divisionCode) : isNull(dispatchRules.divisionCode),
    ));
    if (existing) {
      throw conflict(`已有同一类别和街道乡镇的规则（派往${existing.unitName}），请先删除该规则 (a rule for this category and place exists)`, { field: serviceId ? 'serviceId' : 'divisionCode', ruleId: existing.rule.id });
    }
    const [row] = await tx.insert(dispatchRules).values({ id: randomUUID(), serviceId, divisionCode, unitId: body.unitId }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'dispatch_rule.create', entityType: 'dispatch_rule', entityId: row!.id, before: null, after: row, requestId: ctx.requestId });
    const [view] = await viewsOf(tx, await withUnit(tx).where(eq(dispatchRules.id, row!.id)));
    return view!;
  });
}

export async function deleteDispatchRule(db: Db, ctx: ActionContext, id: string): Promise<void> {
  ensure(dispatchRulePolicy.manage(ctx.actor), refusal);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(dispatchRules).where(eq(dispatchRules.id, id));
    if (!before) throw notFound('派单规则');
    await tx.delete(dispatchRules).where(eq(dispatchRules.id, id));
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'dispatch_rule.delete', entityType: 'dispatch_rule', entityId: id, before, after: null, requestId: ctx.requestId });
  });
}
