// Outlier flags for reviewers, by the engine's own rule (COINr's): an indicator whose values across
// the category fail the skewness/kurtosis test is winsorised, and the values winsorisation would
// move are the outliers.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentObservations, assessmentSubmissions } from '../db/schema/index.ts';
import { winsorise } from '../../core/assessment/index.ts';
import { indicatorsDue, type SchemeContent } from '../../core/scheme/scheme.ts';
import { assessedUnits } from './unit-scope.ts';

export async function outlierFlags(db: Db | Tx, content: SchemeContent, year: number, period: string, categoryCode: string, unitId: string): Promise<Map<string, 'high' | 'low'>> {
  const peers = (await assessedUnits(db, content)).filter((u) => u.categoryCode === categoryCode).map((u) => u.id);
  const rows = await db.select({ unitId: assessmentSubmissions.unitId, code: assessmentObservations.indicatorCode, value: assessmentObservations.value })
    .from(assessmentObservations).innerJoin(assessmentSubmissions, eq(assessmentSubmissions.id, assessmentObservations.submissionId))
    .where(and(eq(assessmentSubmissions.year, year), eq(assessmentSubmissions.period, period), inArray(assessmentSubmissions.unitId, peers),
      inArray(assessmentSubmissions.state, ['submitted', 'approved'])));
  const flags = new Map<string, 'high' | 'low'>();
  for (const node of indicatorsDue(content, categoryCode, period)) {
    const mine = rows.filter((r) => r.code === node.code && r.value !== null);
    const self = mine.findIndex((r) => r.unitId === unitId);
    if (self < 0 || mine.length < 5) continue;
    const original = mine[self]!.value!;
    const moved = winsorise(mine.map((x) => x.value!), { winmax: 5, skewThreshold: 2, kurtThreshold: 3.5, forceWinsorise: false }).x[self]!;
    if (moved < original) flags.set(node.code, 'high');
    else if (moved > original) flags.set(node.code, 'low');
  }
  return flags;
}
