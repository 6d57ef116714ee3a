import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { unitCategories, units } from '../db/schema/index.ts';
import type { unitCreateBody, unitListQuery, unitUpdateBody, UnitKind, UnitView } from '../../core/org/unit.ts';
import { pinyinKeys } from '../../core/org/pinyin-search.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { findDivision } from './divisions.ts';
import { unitPolicy } from './unit-policy.ts';

type UnitRow = typeof units.$inferSelect;

export function unitViewOf(row: UnitRow, categoryName: string | null): UnitView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as UnitKind,
    districtCode: row.districtCode,
    districtName: findDivision(row.districtCode)?.name ?? null,
    divisionCode: row.divisionCode,
    divisionName: row.divisionCode ? findDivision(row.divisionCode)?.name ?? null : null,
    categoryId: row.categoryId,
    categoryName,
    pinyinInitials: row.pinyinInitials,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUnits(db: Db, actor: Actor, query: z.infer<typeof unitListQuery>): Promise<{ items: UnitView[]; total: number }> {
  const filters: SQL[] = [];
  if (!unitPolicy.readAll(actor)) filters.push(eq(units.id, actor.unitId ?? '00000000-0000-0000-0000-000000000000'));
  if (query.active !== 'all') filters.push(eq(units.active, query.active === 'true'));
  if (query.kind) filters.push(eq(units.kind, query.kind));
  if (query.categoryId) filters.push(eq(units.categoryId, query.categoryId));
  if (query.districtCode) filters.push(eq(units.districtCode, query.districtCode));
  if (query.q) {
    const term = likeLiteral(query.q);
    const latin = likeLiteral(query.q.toLowerCase().replace(/\s+/g, ''));
    filters.push(or(
      ilike(units.name, `%${term}%`),
      ilike(units.shortName, `%${term}%`),
      ilike(units.code, `%${term}%`),
      ilike(units.pinyinInitials, `${latin}%`),
      ilike(units.pinyinFull, `%${latin}%`),
    )!);
  }
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select({ unit: units, categoryName: unitCategories.name }).from(units)
      .leftJoin(unitCategories, eq(unitCategories.id, units.categoryId))
      .where(where).orderBy(asc(units.kind), asc(units.code)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(units).where(where),
  ]);
  return { items: rows.map((r) => unitViewOf(r.unit, r.categoryName)), total: total?.n ?? 0 };
}

async function loadUnit(db: Db, id: string): Promise<{ unit: UnitRow; categoryName: string | null }> {
  const [row] = await db.select({ unit: units, categoryName: unitCategories.name }).from(units)
    .leftJoin(unitCategories, eq(unitCategories.id, units.categoryId)).where(eq(units.id, id));
  if (!row) throw notFound('单位');
  return row;
}

export async function getUnit(db: Db, actor: Actor, id: string): Promise<UnitView> {
  // A reporter asking for another unit learns nothing, not even that it exists.
  if (!unitPolicy.read(actor, id)) throw notFound('单位');
  const row = await loadUnit(db, id);
  return unitViewOf(row.unit, row.categoryName);
}

async function assertCategory(db: Db, categoryId: string | null | undefined): Promise<void> {
  if (!categoryId) return;
  const [category] = await db.select({ active: unitCategories.active }).from(unitCategories).where(eq(unitCategories.id, categoryId));
  if (!category) throw unprocessable('考核类别不存在 (unknown unit category)', { field: 'categoryId' });
  if (!category.active) throw unprocessable('考核类别已停用 (unit category is inactive)', { field: 'categoryId' });
}

function assertDivisions(districtCode: string, divisionCode: string | null | undefined): void {
  const district = findDivision(districtCode);
  if (!district || district.level !== 'district') {
    throw unprocessable(`区划代码 ${districtCode} 不是区县 (not a district code)`, { field: 'districtCode' });
  }
  if (divisionCode) {
    const division = findDivision(divisionCode);
    if (!division || division.parentCode !== districtCode) {
      throw unprocessable(`区划代码 ${divisionCode} 不是本区的街道乡镇 (not a street/town of the district)`, { field: 'divisionCode' });
    }
  }
}

export async function createUnit(db: Db, ctx: ActionContext, body: z.infer<typeof unitCreateBody>): Promise<UnitView> {
  ensure(unitPolicy.manage(ctx.actor), '只有系统管理员和考核办可以新建单位');
  assertDivisions(body.districtCode, body.divisionCode);
  const id = randomUUID();
  return db.transaction(async (tx) => {
    await assertCategory(tx, body.categoryId);
    const [existing] = await tx.select({ id: units.id }).from(units).where(eq(units.code, body.code));
    if (existing) throw conflict(`单位代码 ${body.code} 已存在 (unit code already in use)`, { field: 'code' });
    const keys = pinyinKeys(body.name);
    const [row] = await tx.insert(units).values({
      id, code: body.code, name: body.name, shortName: body.shortName ?? '', kind: body.kind,
      districtCode: body.districtCode, divisionCode: body.divisionCode ?? null, categoryId: body.categoryId ?? null,
      pinyinInitials: keys.initials, pinyinFull: keys.full,
    }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'unit.create', entityType: 'unit', entityId: id, before: null, after: row, requestId: ctx.requestId });
    const [category] = body.categoryId ? await tx.select({ name: unitCategories.name }).from(unitCategories).where(eq(unitCategories.id, body.categoryId)) : [];
    return unitViewOf(row!, category?.name ?? null);
  });
}

type UnitChange = Omit<z.infer<typeof unitUpdateBody>, 'version'> & { active?: boolean };

export async function updateUnit(db: Db, ctx: ActionContext, id: string, version: number, change: UnitChange, action = 'unit.update'): Promise<UnitView> {
  ensure(unitPolicy.manage(ctx.actor), '只有系统管理员和考核办可以修改单位');
  return db.transaction(async (tx) => {
    const { unit: before } = await loadUnit(tx, id);
    if (before.version !== version) throw staleVersion('单位', before.version);
    if (change.divisionCode !== undefined) assertDivisions(before.districtCode, change.divisionCode);
    if (change.categoryId !== undefined) await assertCategory(tx, change.categoryId);
    const keys = change.name ? pinyinKeys(change.name) : undefined;
    const [after] = await tx.update(units).set({
      ...change,
      ...(keys ? { pinyinInitials: keys.initials, pinyinFull: keys.full } : {}),
      version: before.version + 1,
      updatedAt: new Date(),
    }).where(and(eq(units.id, id), eq(units.version, version))).returning();
    if (!after) throw staleVersion('单位', before.version + 1);
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action, entityType: 'unit', entityId: id, before, after, requestId: ctx.requestId });
    const { categoryName } = await loadUnit(tx, id);
    return unitViewOf(after, categoryName);
  });
}
