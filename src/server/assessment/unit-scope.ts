// Which units a scheme category covers, and which category a unit reports under.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { unitCategories, units } from '../db/schema/index.ts';
import { notFound, unprocessable } from '../http/errors.ts';
import type { SchemeContent } from '../../core/scheme/scheme.ts';

export interface AssessedUnit { id: string; code: string; name: string; categoryCode: string }

/** Every active unit whose category the scheme assesses, in unit-code order. */
export async function assessedUnits(db: Db | Tx, content: SchemeContent): Promise<AssessedUnit[]> {
  const rows = await db.select({ id: units.id, code: units.code, name: units.name, categoryCode: unitCategories.code })
    .from(units).innerJoin(unitCategories, eq(unitCategories.id, units.categoryId))
    .where(eq(units.active, true)).orderBy(units.code);
  const codes = new Set(content.categories.map((c) => c.categoryCode));
  return rows.filter((r) => codes.has(r.categoryCode));
}

export async function assessedUnit(db: Db | Tx, content: SchemeContent, unitId: string): Promise<AssessedUnit> {
  const [row] = await db.select({ id: units.id, code: units.code, name: units.name, categoryCode: unitCategories.code })
    .from(units).innerJoin(unitCategories, eq(unitCategories.id, units.categoryId))
    .where(and(eq(units.id, unitId)));
  if (!row) throw notFound('单位');
  if (!content.categories.some((c) => c.categoryCode === row.categoryCode)) {
    throw unprocessable(`${row.name}不在本年度考核范围内 (the unit's category is not assessed this year)`);
  }
  return row;
}

/** The unit the scheme names as its statistics source (区统计局), if it names one that exists and is active. */
export async function statisticsUnitId(db: Db | Tx, content: SchemeContent): Promise<string | null> {
  if (!content.statisticsUnitCode) return null;
  const [row] = await db.select({ id: units.id }).from(units).where(and(eq(units.code, content.statisticsUnitCode), eq(units.active, true)));
  return row?.id ?? null;
}

/** Refuses a scheme naming a statistics source that is not an active unit. */
export async function assertStatisticsUnit(db: Db | Tx, content: SchemeContent): Promise<void> {
  if (content.statisticsUnitCode && !(await statisticsUnitId(db, content))) {
    throw unprocessable(`统计数据来源单位代码 ${content.statisticsUnitCode} 不是在用的单位，请填写区统计局的单位代码 (statisticsUnitCode names no active unit)`,
      { problems: [{ path: 'statisticsUnitCode', message: `单位代码 ${content.statisticsUnitCode} 不存在或已停用 (unknown unit)` }] });
  }
}
