// Runs the engine on one category's run and keeps what results, dashboards and exports show: per
// unit the score, its parts, rank, tier, dimension scores and the rank's uncertainty interval.
import { analyseUncertainty } from '../assessment/uncertainty.ts';
import { runAssessment, type AssessmentResult } from '../assessment/pipeline.ts';
import type { CategoryRun } from './scheme-pipeline.ts';
import { totalCode } from './scheme-pipeline.ts';

export interface UnitOutcome {
  unit: string;
  name: string;
  baseScore: number | null;
  bonus: number;
  penalty: number;
  vetoes: string[];
  score: number | null;
  rank: number | null;
  tier: string | null;
  /** Score of every dimension (and of period parts in the year's result). */
  parts: Record<string, number | null>;
  /** Normalised score of every indicator (period results only). */
  indicators: Record<string, number | null>;
  /** Median and 5–95 % interval of the rank when weights and methods vary. */
  interval: { median: number | null; p5: number | null; p95: number | null } | null;
}

export interface CategoryOutcome {
  categoryCode: string;
  /** The nodes shown as parts: dimensions under the total, or periods for the year. */
  parts: { code: string; name: string }[];
  units: UnitOutcome[];
}

export interface OutcomeOptions {
  /** Monte Carlo runs for rank intervals; 0 skips them (what-if while dragging a slider). */
  uncertaintyRuns: number;
  /** Seed of the uncertainty analysis: fixed, so a recomputation repeats every figure. */
  seed?: number;
  /** The runs vary the weights only and keep the run's scoring methods (what-if: the method being tried); else they also choose between the two efficacy-coefficient variants. */
  keepMethods?: boolean;
}

const null2 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);

export function evaluateRun(run: CategoryRun, options: OutcomeOptions): CategoryOutcome {
  const result = runAssessment(run.input, run.spec);
  return outcomeOf(run, result, options);
}

export function outcomeOf(run: CategoryRun, result: AssessmentResult, options: OutcomeOptions): CategoryOutcome {
  const tree = result.tree;
  const partCodes = tree.children.get(totalCode) ?? [];
  const names = new Map(run.input.tree.map((n) => [n.code, n.name ?? n.code]));
  const unitNames = new Map(run.input.units.map((u) => [u.code, u.name ?? u.code]));
  const rowOf = new Map(result.internal.finalUnits.map((u, i) => [u, i]));
  const period = result.periods.at(-1)!;
  const periodRow = new Map(period.units.map((u, i) => [u, i]));
  const intervals = new Map<string, UnitOutcome['interval']>();
  if (options.uncertaintyRuns > 0 && result.units.filter((u) => u.score !== null).length > 2) {
    const isYear = run.input.periods.length === 1 && run.input.periods[0]!.period === 'YEAR';
    const u = analyseUncertainty(result, {
      runs: options.uncertaintyRuns, seed: options.seed ?? 2026, sensitivity: false,
      weights: { noise: 0.25 },
      // The two efficacy-coefficient variants in public use; the year's parts are scores already.
      ...(isYear || options.keepMethods ? {} : { normalisation: [{ method: 'efficacy', base: 60, span: 40 }, { method: 'efficacy', base: 40, span: 60 }] }),
    });
    for (const x of u.units) intervals.set(x.unit, { median: x.medianRank, p5: x.p5, p95: x.p95 });
  }
  const units: UnitOutcome[] = result.units.map((r) => {
    const i = rowOf.get(r.unit);
    const k = periodRow.get(r.unit);
    const parts: Record<string, number | null> = {};
    for (const c of partCodes) parts[c] = i === undefined ? null : null2(result.internal.finalScores.get(c)?.[i]);
    const indicators: Record<string, number | null> = {};
    if (k !== undefined && !(run.input.periods[0]!.period === 'YEAR')) {
      for (const c of tree.indicators) indicators[c] = null2(period.internal.scores.get(c)?.[k]);
    }
    return {
      unit: r.unit, name: unitNames.get(r.unit) ?? r.unit, baseScore: r.baseScore, bonus: r.bonus, penalty: r.penalty,
      vetoes: r.vetoes, score: r.score, rank: r.rank, tier: r.tier, parts, indicators, interval: intervals.get(r.unit) ?? null,
    };
  });
  return { categoryCode: run.categoryCode, parts: partCodes.map((c) => ({ code: c, name: names.get(c) ?? c })), units };
}
