// The three rates per unit and month, read from a rollup kept up to date by every dispatch,
// answer and callback (so a ranking over a year of 20 million requests reads a few thousand
// rows), the settings officials change, and the monthly ranking.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { requestMonthlyStats, requestSettings, units } from '../db/schema/index.ts';
import { defaultDuplicateSettings, type DuplicateSettings } from '../../core/requests/duplicates.ts';
import { defaultRateSettings, emptyCounts, rankByComposite, rateSettings, ratesOf, type MonthlyCounts, type RateSettings, type Rates } from '../../core/requests/rates.ts';
import type { UnitKind } from '../../core/org/unit.ts';
import type { ActionContext } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { staleVersion, unprocessable } from '../http/errors.ts';
import { forgetAll } from './process-cache.ts';
import { requestSettingsPolicy } from './request-policy.ts';

export const settingsBody = z.strictObject({
  responseWeight: z.number().min(0).max(100),
  resolutionWeight: z.number().min(0).max(100),
  satisfactionWeight: z.number().min(0).max(100),
  basicallySatisfiedCredit: z.number().min(0).max(1),
  duplicateRadiusM: z.number().min(10).max(10_000),
  duplicateWindowHours: z.number().min(1).max(24 * 90),
  version: z.number().int().positive(),
});

const defaults = { id: 1, ...defaultRateSettings, duplicateRadiusM: defaultDuplicateSettings.radiusM, duplicateWindowHours: defaultDuplicateSettings.windowHours, version: 1 };

export async function getSettings(db: Db): Promise<z.infer<typeof settingsBody>> {
  const [row] = await db.select().from(requestSettings).where(eq(requestSettings.id, 1));
  const s = row ?? defaults;
  return {
    responseWeight: s.responseWeight, resolutionWeight: s.resolutionWeight, satisfactionWeight: s.satisfactionWeight,
    basicallySatisfiedCredit: s.basicallySatisfiedCredit, duplicateRadiusM: s.duplicateRadiusM, duplicateWindowHours: s.duplicateWindowHours, version: s.version,
  };
}

export async function updateSettings(db: Db, ctx: ActionContext, body: z.infer<typeof settingsBody>): Promise<z.infer<typeof settingsBody>> {
  ensure(requestSettingsPolicy.manage(ctx.actor), '只有系统管理员和考核办可以设置三率权重');
  if (!rateSettings.safeParse({ responseWeight: body.responseWeight, resolutionWeight: body.resolutionWeight, satisfactionWeight: body.satisfactionWeight, basicallySatisfiedCredit: body.basicallySatisfiedCredit }).success) {
    throw unprocessable('三个权重不能都为 0 (at least one weight must be positive)', { field: 'responseWeight' });
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(requestSettings).where(eq(requestSettings.id, 1)).for('update');
    const current = before?.version ?? 1;
    if (current !== body.version) throw staleVersion('三率设置', current);
    const { version, ...values } = body;
    const [after] = await tx.insert(requestSettings).values({ id: 1, ...values, version: version + 1, updatedAt: new Date() })
      .onConflictDoUpdate({ target: requestSettings.id, set: { ...values, version: version + 1, updatedAt: new Date() } }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'request_settings.update', entityType: 'request_settings', entityId: '1', before: before ?? defaults, after, requestId: ctx.requestId });
    forgetAll();
    return getSettings(tx);
  });
}

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
