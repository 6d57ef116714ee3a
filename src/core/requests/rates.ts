// The three rates (三率) of a unit in a month, their composite and the monthly ranking.
// Definitions (docs/requests.md explains them with examples):
//   响应率 response rate   = dispatches to the unit in the month answered (accepted or returned
//                            with a reason) before the response deadline ÷ dispatches to it in the month
//   解决率 resolution rate = callbacks in the month, on requests the unit leads, where the citizen
//                            says it is resolved ÷ those callbacks
//   满意率 satisfaction    = (satisfied + basically satisfied × credit) ÷ those callbacks
// A rate with nothing to count is undefined (null), not 0 or 100%; the composite then weighs
// the rates that are defined. Full precision is kept; round only to show.
import { z } from 'zod';

export const satisfactionLevels = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof satisfactionLevels)[number];

/** The counts a month's rates are computed from: additive, so they can be kept in a rollup table. */
export interface MonthlyCounts {
  dispatched: number;
  respondedInTime: number;
  callbacks: number;
  resolved: number;
  satisfied: number;
  basicallySatisfied: number;
}

export const emptyCounts = (): MonthlyCounts => ({ dispatched: 0, respondedInTime: 0, callbacks: 0, resolved: 0, satisfied: 0, basicallySatisfied: 0 });

export const rateSettings = z.strictObject({
  responseWeight: z.number().min(0).max(100),
  resolutionWeight: z.number().min(0).max(100),
  satisfactionWeight: z.number().min(0).max(100),
  /** How much a "basically satisfied" answer counts toward satisfaction (0…1). */
  basicallySatisfiedCredit: z.number().min(0).max(1),
}).refine((s) => s.responseWeight + s.resolutionWeight + s.satisfactionWeight > 0, 'at least one weight must be positive');
export type RateSettings = z.infer<typeof rateSettings>;

/** Default weights: resolution and satisfaction matter most (the published weights are not public). */
export const defaultRateSettings: RateSettings = { responseWeight: 10, resolutionWeight: 45, satisfactionWeight: 45, basicallySatisfiedCredit: 0.8 };

export interface Rates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  /** 0…100; null when no rate is defined. */
  composite: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function ratesOf(c: MonthlyCounts, s: RateSettings): Rates {
  const responseRate = ratio(c.respondedInTime, c.dispatched);
  const resolutionRate = ratio(c.resolved, c.callbacks);
  const satisfactionRate = ratio(c.satisfied + c.basicallySatisfied * s.basicallySatisfiedCredit, c.callbacks);
  const parts: [number | null, number][] = [[responseRate, s.responseWeight], [resolutionRate, s.resolutionWeight], [satisfactionRate, s.satisfactionWeight]];
  let weighted = 0;
  let weights = 0;
  for (const [rate, weight] of parts) {
    if (rate === null || weight === 0) continue;
    weighted += rate * weight;
    weights += weight;
  }
  return { responseRate, resolutionRate, satisfactionRate, composite: weights === 0 ? null : (100 * weighted) / weights };
}

export interface RankedUnit<T> { item: T; rank: number }

/**
 * Ranks by composite, best first; equal composites share a rank (1, 1, 3). Units without a
 * composite are left out: nothing to rank them on. Ties are decided on full precision.
 */
export function rankByComposite<T extends { rates: Rates; name: string }>(items: T[]): RankedUnit<T>[] {
  const scored = items.filter((i) => i.rates.composite !== null)
    .sort((a, b) => b.rates.composite! - a.rates.composite! || a.name.localeCompare(b.name, 'zh-CN'));
  const ranked: RankedUnit<T>[] = [];
  scored.forEach((item, i) => {
    const previous = ranked[i - 1];
    const rank = previous && previous.item.rates.composite === item.rates.composite ? previous.rank : i + 1;
    ranked.push({ item, rank });
  });
  return ranked;
}

export function addCounts(a: MonthlyCounts, b: MonthlyCounts): MonthlyCounts {
  return {
    dispatched: a.dispatched + b.dispatched, respondedInTime: a.respondedInTime + b.respondedInTime, callbacks: a.callbacks + b.callbacks,
    resolved: a.resolved + b.resolved, satisfied: a.satisfied + b.satisfied, basicallySatisfied: a.basicallySatisfied + b.basicallySatisfied,
  };
}

/** A rate for display: percent with one decimal, rounded half away from zero; "—" when undefined. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000 + Number.EPSILON) / 10).toFixed(1)}%`;
}
