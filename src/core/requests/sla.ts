// The clock of a request: when it must be answered and resolved, when to warn, whether it is late.
// Limits in hours run from the instant; limits in days end at midnight (Asia/Shanghai) of the
// last day, as a counter clerk counts them: received on Monday with 7 days → due at the end of
// the following Monday.
import { z } from 'zod';

export const limitUnits = ['hours', 'days'] as const;
export type LimitUnit = (typeof limitUnits)[number];
export interface TimeLimit { amount: number; unit: LimitUnit }

export const slaClasses = ['emergency', 'utilities', 'general', 'complex'] as const;
export type SlaClass = (typeof slaClasses)[number];

export interface ClassLimits { response: TimeLimit; resolution: TimeLimit }

/**
 * The built-in defaults of each class: what a database starts with. The hotline centre changes
 * them in the request settings; a category may set its own limits instead.
 */
export const defaultLimits: Record<SlaClass, ClassLimits> = {
  emergency: { response: { amount: 0.5, unit: 'hours' }, resolution: { amount: 2, unit: 'hours' } },
  utilities: { response: { amount: 2, unit: 'hours' }, resolution: { amount: 24, unit: 'hours' } },
  general: { response: { amount: 24, unit: 'hours' }, resolution: { amount: 7, unit: 'days' } },
  complex: { response: { amount: 24, unit: 'hours' }, resolution: { amount: 15, unit: 'days' } },
};

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** The longest limit anyone may set: 30 days counted in hours, or 90 days. */
export const maxLimitAmount: Record<LimitUnit, number> = { hours: 720, days: 90 };

/** A limit as officials set it: positive, at most `maxLimitAmount`, whole days when in days. */
export const timeLimitInput = z.strictObject({ amount: z.number().positive(), unit: z.enum(limitUnits) })
  .refine((l) => l.amount <= maxLimitAmount[l.unit], { message: 'at most 720 hours or 90 days', path: ['amount'] })
  .refine((l) => l.unit === 'hours' || Number.isInteger(l.amount), { message: 'a limit in days is a whole number of days', path: ['amount'] });

/** The nominal length of a limit, to compare two (a limit in days ends at midnight, so it may run a little longer). */
export function nominalMs(limit: TimeLimit): number {
  return limit.amount * (limit.unit === 'hours' ? hourMs : dayMs);
}

/** A unit must be asked to answer no later than it is asked to resolve. */
export const responseWithinResolution = (l: ClassLimits) => nominalMs(l.response) <= nominalMs(l.resolution);

const classLimitsInput = z.strictObject({ response: timeLimitInput, resolution: timeLimitInput })
  .refine(responseWithinResolution, { message: 'the response limit may not be longer than the resolution limit', path: ['response'] });

/** The defaults of all four classes, as the request settings take them. */
export const classLimitsSchema = z.strictObject({
  emergency: classLimitsInput, utilities: classLimitsInput, general: classLimitsInput, complex: classLimitsInput,
});
export type ClassLimitTable = Record<SlaClass, ClassLimits>;
/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
export const shanghaiOffsetMs = 8 * hourMs;

/** The deadline of a limit started at `start`. */
export function deadlineOf(start: Date, limit: TimeLimit): Date {
  if (limit.unit === 'hours') return new Date(start.getTime() + limit.amount * hourMs);
  const localMidnight = Math.floor((start.getTime() + shanghaiOffsetMs) / dayMs) * dayMs;
  return new Date(localMidnight + (Math.ceil(limit.amount) + 1) * dayMs - shanghaiOffsetMs);
}

/** Moves a deadline by an approved extension (延期). */
export function extendDeadline(due: Date, extension: TimeLimit): Date {
  if (extension.unit === 'hours') return new Date(due.getTime() + extension.amount * hourMs);
  return new Date(due.getTime() + Math.ceil(extension.amount) * dayMs);
}

/**
 * When to warn before a deadline: a quarter of the time allowed, at most 24 hours and at least
 * 10 minutes before (a 2-hour emergency warns 30 minutes ahead; 7 days warn a day ahead).
 */
export function warningTime(start: Date, due: Date): Date {
  const span = due.getTime() - start.getTime();
  const lead = Math.min(dayMs, Math.max(10 * 60_000, span / 4));
  return new Date(Math.max(start.getTime(), due.getTime() - lead));
}

export type ClockState = 'on_time' | 'due_soon' | 'overdue' | 'met' | 'missed';

/** Where a deadline stands at `now`, given when (if ever) it was met. */
export function clockState(due: Date, warnAt: Date, metAt: Date | null, now: Date): ClockState {
  if (metAt) return metAt.getTime() <= due.getTime() ? 'met' : 'missed';
  if (now.getTime() > due.getTime()) return 'overdue';
  return now.getTime() >= warnAt.getTime() ? 'due_soon' : 'on_time';
}

/** The calendar month (Asia/Shanghai) an instant belongs to, as YYYY-MM: rates are monthly. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 7);
}

/** The UTC instants where a Shanghai month begins and the next one begins. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1) - shanghaiOffsetMs), to: new Date(Date.UTC(y, m, 1) - shanghaiOffsetMs) };
}

/** An instant as ISO 8601 in Shanghai time with its offset, e.g. 2026-03-02T15:00:00+08:00 (Open311's format). */
export function shanghaiIso(at: Date): string {
  return `${new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 19)}+08:00`;
}

export function describeLimit(limit: TimeLimit): string {
  return limit.unit === 'hours' ? `${limit.amount} 小时` : `${limit.amount} 天`;
}
