// What the requests module gives the assessment: each unit's monthly three-rate composite, the
// value GET /api/request-rates/indicator publishes, read from the monthly rollup with the weights
// in force. The assessment (src/server/assessment/requests-values.ts) reads 12345 data only here.
import { and, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { requestMonthlyStats } from '../db/schema/index.ts';
import { ratesOf, type RateSettings } from '../../core/requests/rates.ts';
import { getSettings } from './settings-service.ts';

export interface MonthlyComposites {
  /** The weights and credit the composites were computed with. */
  settings: RateSettings;
  /** unitId → month (YYYY-MM) → composite (0…100); months without a composite are absent. */
  byUnit: Map<string, Record<string, number>>;
}

/** The monthly composites of the given units in the given months. */
export async function monthlyComposites(db: Db, unitIds: string[], months: string[]): Promise<MonthlyComposites> {
  const s = await getSettings(db);
  const settings: RateSettings = { responseWeight: s.responseWeight, resolutionWeight: s.resolutionWeight, satisfactionWeight: s.satisfactionWeight, basicallySatisfiedCredit: s.basicallySatisfiedCredit };
  const byUnit = new Map<string, Record<string, number>>();
  if (unitIds.length === 0 || months.length === 0) return { settings, byUnit };
  for (let i = 0; i < unitIds.length; i += 1000) {
    const rows = await db.select().from(requestMonthlyStats)
      .where(and(inArray(requestMonthlyStats.unitId, unitIds.slice(i, i + 1000)), inArray(requestMonthlyStats.month, months)));
    for (const r of rows) {
      const composite = ratesOf(r, settings).composite;
      if (composite === null) continue;
      let m = byUnit.get(r.unitId);
      if (!m) byUnit.set(r.unitId, (m = {}));
      m[r.month] = composite;
    }
  }
  return { settings, byUnit };
}
