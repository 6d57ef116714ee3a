// Reads what a round is computed from: reviewed (approved) values and approved adjustments, by
// category. Values not yet approved never reach a result.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentAdjustments, assessmentObservations, assessmentSubmissions } from '../db/schema/index.ts';
import type { Adjustment, Veto } from '../../core/assessment/model.ts';
import type { CategoryPeriodData } from '../../core/scheme/scheme-pipeline.ts';
import type { SchemeContent } from '../../core/scheme/scheme.ts';
import { assessedUnits, type AssessedUnit } from './unit-scope.ts';

export interface RoundData {
  units: AssessedUnit[];
  /** periodValues.get(period).get(category) */
  periodValues: Map<string, Map<string, CategoryPeriodData>>;
  adjustments: (Adjustment & { period: string })[];
  vetoes: (Veto & { period: string })[];
}

export async function readRoundData(db: Db | Tx, content: SchemeContent, year: number, periods: string[]): Promise<RoundData> {
  const units = await assessedUnits(db, content);
  const byId = new Map(units.map((u) => [u.id, u]));
  const rows = await db.select({ unitId: assessmentSubmissions.unitId, period: assessmentSubmissions.period, code: assessmentObservations.indicatorCode, value: assessmentObservations.value })
    .from(assessmentObservations).innerJoin(assessmentSubmissions, eq(assessmentSubmissions.id, assessmentObservations.submissionId))
    .where(and(eq(assessmentSubmissions.year, year), inArray(assessmentSubmissions.period, periods), eq(assessmentSubmissions.state, 'approved')));
  const periodValues = new Map<string, Map<string, CategoryPeriodData>>();
  for (const p of periods) {
    const m = new Map<string, CategoryPeriodData>();
    for (const c of content.categories) m.set(c.categoryCode, { period: p, values: {} });
    periodValues.set(p, m);
  }
  for (const r of rows) {
    const u = byId.get(r.unitId);
    if (!u || r.value === null) continue;
    const values = periodValues.get(r.period)!.get(u.categoryCode)!.values;
    (values[u.code] ??= {})[r.code] = r.value;
  }
  const adj = await db.select().from(assessmentAdjustments).where(and(eq(assessmentAdjustments.year, year), eq(assessmentAdjustments.state, 'approved')));
  const adjustments: RoundData['adjustments'] = [];
  const vetoes: RoundData['vetoes'] = [];
  // Stable order (by creation) keeps the snapshot, and so its hash, the same on every read.
  for (const a of adj.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1))) {
    const u = byId.get(a.unitId);
    if (!u) continue;
    if (a.kind === 'veto') vetoes.push({ unit: u.code, item: a.item, reason: a.reason, period: a.period });
    else adjustments.push({ unit: u.code, kind: a.kind as 'bonus' | 'penalty', points: a.points, item: a.item, reason: a.reason, period: a.period });
  }
  return { units, periodValues, adjustments, vetoes };
}
