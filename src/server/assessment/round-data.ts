// Reads what a round is computed from: reviewed (approved) values and approved adjustments, by
// category. Values not yet approved never reach a result.
// Monthly indicators are reported in monthly submissions (M01…M12): a period's value of one is the
// aggregate of the unit's approved months over the months the period covers (collection-periods.ts).
// It joins the unit's approved values for the period, replacing anything stored there for that
// indicator. A unit takes part in a period through its approved period submission; when its
// category owes nothing in the period but monthly indicators, through its approved months.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentAdjustments, assessmentObservations, assessmentSubmissions } from '../db/schema/index.ts';
import type { Adjustment, Veto } from '../../core/assessment/model.ts';
import type { CategoryPeriodData } from '../../core/scheme/scheme-pipeline.ts';
import { indicatorsDue, monthCodes, monthlyIndicators, type SchemeContent } from '../../core/scheme/scheme.ts';
import { aggregateMonths, schemePeriods } from '../../core/scheme/collection-periods.ts';
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
  await addMonthlyValues(db, content, year, periods, units, periodValues);
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

/** Puts each period's aggregate of the approved monthly values into `periodValues` (see the top of this file). */
async function addMonthlyValues(db: Db | Tx, content: SchemeContent, year: number, periods: string[], units: AssessedUnit[], periodValues: RoundData['periodValues']): Promise<void> {
  const monthly = new Map(content.categories.map((c) => [c.categoryCode, monthlyIndicators(content, c.categoryCode)] as const).filter(([, list]) => list.length > 0));
  if (monthly.size === 0) return;
  const byId = new Map(units.map((u) => [u.id, u]));
  const rows = await db.select({ unitId: assessmentSubmissions.unitId, period: assessmentSubmissions.period, code: assessmentObservations.indicatorCode, value: assessmentObservations.value })
    .from(assessmentObservations).innerJoin(assessmentSubmissions, eq(assessmentSubmissions.id, assessmentObservations.submissionId))
    .where(and(eq(assessmentSubmissions.year, year), inArray(assessmentSubmissions.period, monthCodes), eq(assessmentSubmissions.state, 'approved')));
  // months[unitCode][indicatorCode][YYYY-MM]
  const months: Record<string, Record<string, Record<string, number>>> = {};
  for (const r of rows) {
    const u = byId.get(r.unitId);
    if (!u || r.value === null) continue;
    ((months[u.code] ??= {})[r.code] ??= {})[`${year}-${r.period.slice(1)}`] = r.value;
  }
  const covered = new Map(schemePeriods(content, year).map((p) => [p.code, p.months]));
  for (const period of periods) {
    const span = covered.get(period) ?? [];
    for (const [categoryCode, indicators] of monthly) {
      const data = periodValues.get(period)?.get(categoryCode);
      if (!data) continue;
      const throughMonths = indicatorsDue(content, categoryCode, period).length === 0;
      for (const u of units) {
        if (u.categoryCode !== categoryCode) continue;
        const aggregated: Record<string, number> = {};
        for (const n of indicators) {
          const v = aggregateMonths(months[u.code]?.[n.code] ?? {}, span, n.aggregate ?? 'mean');
          if (v !== null) aggregated[n.code] = v;
        }
        const stored = data.values[u.code];
        if (stored) {
          for (const n of indicators) delete stored[n.code];
          Object.assign(stored, aggregated);
        } else if (throughMonths && Object.keys(aggregated).length > 0) data.values[u.code] = aggregated;
      }
    }
  }
}
