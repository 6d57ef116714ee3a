// The three rates per unit and month, read from a rollup kept up to date by every dispatch,
// answer and callback (so a ranking over a year of 20 million requests reads a few thousand
// rows), and the monthly ranking. The weights are among the settings (settings-service.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { requestMonthlyStats, units } from '../db/schema/index.ts';
import { emptyCounts, rankByComposite, ratesOf, type MonthlyCounts, type RateSettings, type Rates } from '../../core/requests/rates.ts';
import type { UnitKind } from '../../core/org/unit.ts';
import { getSettings } from './settings-service.ts';

// The settings used to live here; request-import.ts still reads them from this module.
export { getSettings };

/** Adds to a unit's monthly counts inside the caller's transaction. */
export async function bumpStats(tx: Tx, month: string, unitId: string, delta: Partial<MonthlyCounts>): Promise<void> {
  const d = { ...emptyCounts(), ...delta };
  const t = requestMonthlyStats;
  await tx.insert(t).values({ month, unitId, ...d }).onConflictDoUpdate({
    target: [t.month, t.unitId],
    set: {
      dispatched: sql`${t.dispatched} + ${d.dispatched}`,
      respondedInTime: sql`${t.respondedInTime} + ${d.respondedInTime}`,
      callbacks: sql`${t.callbacks} + ${d.callbacks}`,
      resolved: sql`${t.resolved} + ${d.resolved}`,
      satisfied: sql`${t.satisfied} + ${d.satisfied}`,
      basicallySatisfied: sql`${t.basicallySatisfied} + ${d.basicallySatisfied}`,
    },
  });
}

export const rankingGroups = { street_town: ['street', 'town'], department: ['department', 'park', 'soe', 'other'] } as const satisfies Record<string, readonly UnitKind[]>;
export type RankingGroup = keyof typeof rankingGroups;

export interface RankingRow extends MonthlyCounts { rank: number | null; unitId: string; unitCode: string; name: string; kind: string; rates: Rates }

/** The month's ranking of one group of units; units with nothing to count come last, unranked. */
export async function monthlyRanking(db: Db, month: string, group: RankingGroup): Promise<{ month: string; group: RankingGroup; settings: RateSettings; rows: RankingRow[] }> {
  const s = await getSettings(db);
  const settings: RateSettings = { responseWeight: s.responseWeight, resolutionWeight: s.resolutionWeight, satisfactionWeight: s.satisfactionWeight, basicallySatisfiedCredit: s.basicallySatisfiedCredit };
  const rows = await db.select({ unit: { id: units.id, code: units.code, name: units.name, kind: units.kind }, stats: requestMonthlyStats })
    .from(units)
    .leftJoin(requestMonthlyStats, and(eq(requestMonthlyStats.unitId, units.id), eq(requestMonthlyStats.month, month)))
    .where(and(inArray(units.kind, [...rankingGroups[group]]), eq(units.active, true)));
  const items = rows.map((r) => {
    const counts: MonthlyCounts = r.stats ?? emptyCounts();
    return { unitId: r.unit.id, unitCode: r.unit.code, name: r.unit.name, kind: r.unit.kind, ...pickCounts(counts), rates: ratesOf(counts, settings) };
  });
  const ranked = rankByComposite(items);
  const rankOf = new Map(ranked.map((r) => [r.item.unitId, r.rank]));
  const ordered = [...ranked.map((r) => r.item), ...items.filter((i) => !rankOf.has(i.unitId)).sort((a, b) => a.unitCode.localeCompare(b.unitCode))];
  return { month, group, settings, rows: ordered.map((i) => ({ ...i, rank: rankOf.get(i.unitId) ?? null })) };
}

function pickCounts(c: MonthlyCounts): MonthlyCounts {
  return { dispatched: c.dispatched, respondedInTime: c.respondedInTime, callbacks: c.callbacks, resolved: c.resolved, satisfied: c.satisfied, basicallySatisfied: c.basicallySatisfied };
}

/**
 * Rebuilds the rollup of one month from the raw dispatches and callbacks (after a bulk import, or
 * to check the incremental counts). Runs in one transaction.
 */
export async function rebuildMonthlyStats(db: Db, month: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(requestMonthlyStats).where(eq(requestMonthlyStats.month, month));
    await tx.execute(sql`
      INSERT INTO request_monthly_stats (month, unit_id, dispatched, responded_in_time, callbacks, resolved, satisfied, basically_satisfied)
      SELECT ${month}, unit_id, sum(d), sum(r), sum(c), sum(res), sum(sat), sum(bas) FROM (
        SELECT unit_id, 1 AS d, CASE WHEN responded_at IS NOT NULL AND responded_at <= response_due_at THEN 1 ELSE 0 END AS r, 0 AS c, 0 AS res, 0 AS sat, 0 AS bas
          FROM request_dispatches WHERE to_char(dispatched_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}
        UNION ALL
        SELECT unit_id, 0, 0, 1, CASE WHEN resolved THEN 1 ELSE 0 END, CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END, CASE WHEN satisfaction = 'basically_satisfied' THEN 1 ELSE 0 END
          FROM request_callbacks WHERE to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}
      ) x GROUP BY unit_id`);
  });
}
