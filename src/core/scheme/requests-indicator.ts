// Indicators whose data source is `requests` (接诉即办): not reported by anyone, but filled from
// the 12345 hotline's three-rate composite (docs/requests.md), which the requests module keeps
// per unit and calendar month (Asia/Shanghai).
//
// The rule (docs/assessment-workflow.md):
// - A period covers the months from January of the scheme's year to the last month that has ended
//   by the period's deadline, at most December (periods are cumulative: a deadline of 15 April
//   gives January–March, of 15 January next year the whole year).
// - A unit's value for a period is the plain mean of its monthly composites over those months;
//   a month without a composite (nothing to count, or no rate with a weight) does not count.
// - No month with a composite: no value. It is missing, and the scheme's rule for values missing
//   after review applies (`worst` or `exclude`).
import type { SchemeContent, SchemeNode } from './scheme.ts';

export const requestsSourceLabel = '根据12345接诉即办数据计算 (computed from 12345 data)';

/** Months (YYYY-MM) a period with this deadline covers in `year`: see the rule above. */
export function periodMonths(year: number, deadline: string): string[] {
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // The deadline's own month counts only when the deadline is its last day.
  let endYear = y;
  let endMonth = d >= lastDay ? m : m - 1;
  if (endMonth === 0) { endYear -= 1; endMonth = 12; }
  if (endYear > year) { endYear = year; endMonth = 12; }
  if (endYear < year) return [];
  return Array.from({ length: endMonth }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The mean of the composites of the months that have one, in month order; null when none has. */
export function requestsIndicatorValue(composites: Record<string, number>, months: string[]): number | null {
  let sum = 0;
  let n = 0;
  for (const month of months) {
    const c = composites[month];
    if (c === undefined || c === null || !Number.isFinite(c)) continue;
    sum += c;
    n += 1;
  }
  return n === 0 ? null : sum / n;
}

/** The category's indicators filled from 12345 data in a period (yearly ones only in the last period, as for reported ones). */
export function requestsIndicators(content: SchemeContent, categoryCode: string, periodCode?: string): SchemeNode[] {
  const category = content.categories.find((c) => c.categoryCode === categoryCode);
  if (!category) return [];
  const last = content.periods.at(-1)?.code;
  return category.nodes.filter((n) => n.kind === 'indicator' && n.dataSource === 'requests'
    && (periodCode === undefined || (n.frequency ?? 'quarterly') === 'quarterly' || periodCode === last));
}

/** A unit's 12345 value for one period, with what it was computed from. */
export interface UnitRequestsValue {
  value: number | null;
  /** The unit's monthly composites in the period's months (months without one are absent). */
  composites: Record<string, number>;
}

/** What a period's computation used: kept in the round's snapshot, so a published period stays as it was. */
export interface PeriodRequestsValues {
  months: string[];
  /** The three-rate weights and credit the composites were computed with. */
  settings: { responseWeight: number; resolutionWeight: number; satisfactionWeight: number; basicallySatisfiedCredit: number } | null;
  /** By unit code. */
  units: Record<string, UnitRequestsValue>;
}

/** By period code. */
export type RequestsValues = Record<string, PeriodRequestsValues>;
