// Where a request should go: the dispatch rules (category + place → unit), and a suggestion
// ranked by similarity to past requests, each with its reason.
import { and, desc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { citizenRequests, dispatchRules, requestServices, units } from '../db/schema/index.ts';
import { suggestUnits, type DispatchSuggestion } from '../../core/requests/similarity.ts';
import type { Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { notFound } from '../http/errors.ts';
import { findDivision } from '../org/divisions.ts';
import type { RequestRow } from './intake-service.ts';

export interface RuleSuggestion { unitId: string; unitName: string; reason: string }

/**
 * The unit the rules name: a rule for this category and street first, then for this category
 * anywhere, then for this street and any category; failing those, the category's own answer —
 * the street or town the request lies in, or the category's default department.
 */
export async function ruleFor(db: Db, request: Pick<RequestRow, 'serviceId' | 'divisionCode'>): Promise<RuleSuggestion | null> {
  const r = dispatchRules;
  const rules = await db.select({ rule: r, unitName: units.name }).from(r).innerJoin(units, eq(units.id, r.unitId))
    .where(and(eq(units.active, true), or(eq(r.serviceId, request.serviceId), isNull(r.serviceId)),
      request.divisionCode ? or(eq(r.divisionCode, request.divisionCode), isNull(r.divisionCode)) : isNull(r.divisionCode)));
  const score = (x: (typeof rules)[number]) => (x.rule.serviceId ? 2 : 0) + (x.rule.divisionCode ? 1 : 0);
  const best = rules.filter((x) => x.rule.serviceId || x.rule.divisionCode).sort((a, b) => score(b) - score(a))[0];
  if (best) return { unitId: best.rule.unitId, unitName: best.unitName, reason: `派单规则：${best.rule.serviceId ? '本类别' : '任意类别'}，${best.rule.divisionCode ? '本街乡' : '全区'}` };
  const [service] = await db.select().from(requestServices).where(eq(requestServices.id, request.serviceId));
  if (!service) return null;
  if (service.responsibleKind === 'street_town' && request.divisionCode) {
    const [unit] = await db.select({ id: units.id, name: units.name }).from(units)
      .where(and(eq(units.divisionCode, request.divisionCode), eq(units.active, true), inArray(units.kind, ['street', 'town'])));
    if (unit) return { unitId: unit.id, unitName: unit.name, reason: `属地管理：诉求位于${findDivision(request.divisionCode)?.name ?? request.divisionCode}` };
  }
  if (service.defaultUnitId) {
    const [unit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, service.defaultUnitId));
    if (unit) return { unitId: unit.id, unitName: unit.name, reason: `行业主管：${service.name}由${unit.name}承办` };
  }
  return null;
}

/** Rule and similarity suggestions for one request (hotline only: it is the dispatcher). */
export async function dispatchSuggestions(db: Db, actor: Actor, requestId: string): Promise<{ rule: RuleSuggestion | null; similar: DispatchSuggestion[] }> {
  ensure(actor.role === 'hotline_centre', '只有热线中心可以派单');
  const [request] = await db.select().from(citizenRequests).where(eq(citizenRequests.id, requestId));
  if (!request) throw notFound('诉求');
  const r = citizenRequests;
  // Recent handled requests of the same group of categories, or mentioning the same words.
  const past = await db.select({ id: r.id, code: r.code, unitId: r.leadUnitId, unitName: units.name, keywords: r.keywords, serviceId: r.serviceId })
    .from(r).innerJoin(units, eq(units.id, r.leadUnitId))
    .where(and(ne(r.id, requestId), isNotNull(r.acceptedAt)))
    .orderBy(desc(r.receivedAt)).limit(2_000);
  const words = request.keywords.split(' ').filter(Boolean);
  const similar = suggestUnits(words, past.map((p) => ({ id: p.id, code: p.code, unitId: p.unitId!, unitName: p.unitName, words: p.keywords.split(' ').filter(Boolean), sameCategory: p.serviceId === request.serviceId })));
  return { rule: await ruleFor(db, request), similar };
}
