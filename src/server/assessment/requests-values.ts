// Indicators whose data source is `requests` are filled from the 12345 hotline's monthly
// composites (the rule: src/core/scheme/requests-indicator.ts, docs/assessment-workflow.md).
// They are computed when a round is computed, not stored as reported values: no unit enters them,
// no import writes them, and the round's snapshot keeps what was used (months, composites,
// weights, values), so a published result recomputes bit for bit from the snapshot alone. A
// period whose result — or the year's — is published keeps the values its published snapshot
// used, whatever the hotline data or the rate weights do afterwards: the year's result then
// combines exactly the periods that were published.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { assessmentResults } from '../db/schema/index.ts';
import { yearRound } from '../../core/scheme/round-snapshot.ts';
import { periodMonths, requestsIndicators, requestsIndicatorValue, type PeriodRequestsValues } from '../../core/scheme/requests-indicator.ts';
import type { CategoryPeriodData } from '../../core/scheme/scheme-pipeline.ts';
import type { SchemeContent } from '../../core/scheme/scheme.ts';
import { monthlyComposites } from '../requests/indicator-feed.ts';
import type { AssessedUnit } from './unit-scope.ts';

/** Per period: the 12345 values, or undefined when the period has none to give (no such indicator, or published without them). */
export type RoundRequestsValues = Record<string, PeriodRequestsValues | undefined>;

/** The `requests` record of the published results of these rounds, by round. */
async function publishedRecords(db: Db, year: number, rounds: string[]): Promise<Map<string, Record<string, PeriodRequestsValues> | null>> {
  const rows = await db.select({ round: assessmentResults.round, requests: sql<Record<string, PeriodRequestsValues> | null>`${assessmentResults.snapshot}->'requests'` })
    .from(assessmentResults)
    .where(and(eq(assessmentResults.year, year), inArray(assessmentResults.round, rounds), eq(assessmentResults.status, 'published')));
  return new Map(rows.map((r) => [r.round, r.requests ?? null]));
}

/**
 * The 12345 values of `periods` for `units`: as published for a frozen period, computed from the
 * current monthly composites otherwise.
 */
export async function requestsValues(db: Db, content: SchemeContent, year: number, periods: string[], units: AssessedUnit[]): Promise<RoundRequestsValues> {
  const published = await publishedRecords(db, year, [...periods, yearRound]);
  const out: RoundRequestsValues = {};
  for (const period of periods) {
    const frozen = published.has(period) ? published.get(period) : published.get(yearRound);
    if (frozen !== undefined) {
      // Published before 12345 data fed the assessment: what was stored then stands.
      out[period] = frozen?.[period];
      continue;
    }
    const p = content.periods.find((x) => x.code === period);
    const fed = units.filter((u) => requestsIndicators(content, u.categoryCode, period).length > 0);
    if (!p || fed.length === 0) { out[period] = undefined; continue; }
    const months = periodMonths(year, p.deadline);
    const { settings, byUnit } = await monthlyComposites(db, fed.map((u) => u.id), months);
    const record: PeriodRequestsValues = { months, settings, units: {} };
    for (const u of fed) {
      const all = byUnit.get(u.id) ?? {};
      const composites = Object.fromEntries(months.filter((m) => all[m] !== undefined).map((m) => [m, all[m]!]));
      record.units[u.code] = { value: requestsIndicatorValue(composites, months), composites };
    }
    out[period] = record;
  }
  return out;
}

/**
 * A period's approved values with the 12345 values put in, for the units that take part (those
 * with approved values: a unit enters a period's computation through its approved submission, and
 * its 12345 value never stands alone). They replace anything stored for those indicators; a unit
 * without a value has none, and the scheme's rule for missing values applies.
 */
export function withRequestsValues(content: SchemeContent, categoryCode: string, data: CategoryPeriodData, record: PeriodRequestsValues | undefined): CategoryPeriodData {
  if (!record) return data;
  const codes = requestsIndicators(content, categoryCode, data.period).map((n) => n.code);
  if (codes.length === 0) return data;
  const values: CategoryPeriodData['values'] = {};
  for (const [unitCode, row] of Object.entries(data.values)) {
    const value = record.units[unitCode]?.value ?? null;
    const next = { ...row };
    for (const code of codes) {
      if (value === null) delete next[code];
      else next[code] = value;
    }
    values[unitCode] = next;
  }
  return { period: data.period, values };
}
