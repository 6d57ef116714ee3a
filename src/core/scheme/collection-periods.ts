// Collection periods (填报期): what units report in. The scheme's own periods (cumulative: Q1, H1,
// Q1-3, Y) and, when some category has monthly indicators, the months M01…M12 (1月…12月) beside
// them. A monthly indicator is reported month by month; a scheme period's value for it is the
// aggregate of its approved months over the months the period covers (periodMonths, as for
// indicators computed from 12345 data): their mean (the default), their sum or the latest one.
//
// Deadlines (all end of day, Asia/Shanghai):
// - a scheme period: its deadline; a month: the scheme's monthlyDueDay (10 when absent) of the
//   following month;
// - an indicator with a dueDay: that day of the month after the period it reports on — after the
//   month, or after the last month a scheme period covers; without one, the period's deadline;
// - a submission: the latest deadline of the indicators it owes (the period's when it owes none).
import { periodMonths } from './requests-indicator.ts';
import { hasMonthlyCollection, indicatorsDue, monthCodes, monthOfCode, type MonthlyAggregate, type SchemeContent, type SchemeNode } from './scheme.ts';

/** The monthly due day when the scheme names none. */
export const defaultMonthlyDueDay = 10;

export interface CollectionPeriod {
  code: string;
  label: string;
  /** The period's own deadline (YYYY-MM-DD); a submission's may be later (submissionDeadline). */
  deadline: string;
  kind: 'period' | 'month';
  /** The months (YYYY-MM) it reports on: one for a month, those a scheme period covers. */
  months: string[];
  /** The collection period before it of the same kind (cumulative periods: the last one; months: the month before). */
  previous: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `day` of the month after `month` (YYYY-MM): 2026-03 and 10 → 2026-04-10; 2026-12 → 2027-01-10. */
export function dayOfNextMonth(month: string, day: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-${pad(day)}` : `${y}-${pad(m + 1)}-${pad(day)}`;
}

/** The month collection periods of the year, M01…M12, or none when no indicator is monthly. */
export function monthPeriods(content: SchemeContent, year: number): CollectionPeriod[] {
  if (!hasMonthlyCollection(content)) return [];
  const due = content.monthlyDueDay ?? defaultMonthlyDueDay;
  return monthCodes.map((code, i) => {
    const month = `${year}-${pad(i + 1)}`;
    return { code, label: `${i + 1}月`, deadline: dayOfNextMonth(month, due), kind: 'month' as const, months: [month], previous: i > 0 ? monthCodes[i - 1]! : null };
  });
}

/** The scheme's periods as collection periods. */
export function schemePeriods(content: SchemeContent, year: number): CollectionPeriod[] {
  return content.periods.map((p, i) => ({
    code: p.code, label: p.label, deadline: p.deadline, kind: 'period' as const, months: periodMonths(year, p.deadline), previous: i > 0 ? content.periods[i - 1]!.code : null,
  }));
}

/** Every collection period of the year; with months, in order of deadline (months before the period whose deadline follows theirs). */
export function collectionPeriods(content: SchemeContent, year: number): CollectionPeriod[] {
  const months = monthPeriods(content, year);
  const periods = schemePeriods(content, year);
  if (months.length === 0) return periods;
  return [...months, ...periods].map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.deadline < b.p.deadline ? -1 : a.p.deadline > b.p.deadline ? 1 : a.i - b.i)).map((x) => x.p);
}

/** One collection period by code, or undefined. */
export function collectionPeriod(content: SchemeContent, year: number, code: string): CollectionPeriod | undefined {
  if (monthOfCode(content, code) !== null) return monthPeriods(content, year).find((p) => p.code === code);
  return schemePeriods(content, year).find((p) => p.code === code);
}

/** An indicator's deadline in a collection period: its dueDay of the month after the period's last month, else the period's deadline. */
export function indicatorDeadline(period: CollectionPeriod, node: Pick<SchemeNode, 'dueDay'>): string {
  const last = period.months.at(-1);
  return node.dueDay !== undefined && last !== undefined ? dayOfNextMonth(last, node.dueDay) : period.deadline;
}

/** A submission's deadline: the latest of the deadlines of the indicators it owes; the period's when it owes none. */
export function submissionDeadline(period: CollectionPeriod, owed: Pick<SchemeNode, 'dueDay'>[]): string {
  if (owed.length === 0) return period.deadline;
  return owed.map((n) => indicatorDeadline(period, n)).reduce((a, b) => (b > a ? b : a));
}

/** What a unit of the category owes in a collection period, and by when. */
export function periodDue(content: SchemeContent, categoryCode: string, period: CollectionPeriod): { owed: SchemeNode[]; deadline: string } {
  const owed = indicatorsDue(content, categoryCode, period.code);
  return { owed, deadline: submissionDeadline(period, owed) };
}

/**
 * A monthly indicator's value for a period from its monthly values (by YYYY-MM): over the months
 * given that have a value, their mean, their sum, or the latest month's. Months without a value do
 * not count; none with one: null (missing, and the scheme's rule for missing values applies).
 */
export function aggregateMonths(values: Record<string, number | null | undefined>, months: string[], how: MonthlyAggregate = 'mean'): number | null {
  const present = months.map((m) => values[m]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (present.length === 0) return null;
  if (how === 'last') return present.at(-1)!;
  const sum = present.reduce((a, b) => a + b, 0);
  return how === 'sum' ? sum : sum / present.length;
}
