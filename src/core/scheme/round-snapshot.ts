// A round's snapshot (a period's 季季评, or the year) holds everything the engine ran on; the
// outcome follows from it alone, so a published result can be recomputed and compared bit for bit.
import type { RequestsValues } from './requests-indicator.ts';
import { evaluateRun, type CategoryOutcome } from './round-outcome.ts';
import type { CategoryRun } from './scheme-pipeline.ts';

export const yearRound = 'YEAR';

export interface RoundSnapshot {
  year: number;
  round: string;
  label: string;
  schemeId: string;
  schemeVersion: number;
  engineVersion: string;
  uncertainty: { runs: number; seed: number };
  /** Engine runs per category; for the year, the runs over the period scores. */
  runs: CategoryRun[];
  /** For the year: the period runs whose total scores feed `runs`. */
  periodRuns?: Record<string, CategoryRun[]>;
  /**
   * Indicators filled from 12345 data (data source `requests`), per period: months, composites,
   * weights and values used. Already in `runs`; kept so a published period keeps its values.
   */
  requests?: RequestsValues;
}

export interface RoundOutcome {
  year: number;
  round: string;
  label: string;
  categories: CategoryOutcome[];
}

export function outcomeOfSnapshot(snapshot: RoundSnapshot): RoundOutcome {
  return {
    year: snapshot.year,
    round: snapshot.round,
    label: snapshot.label,
    categories: snapshot.runs.map((run) => evaluateRun(run, { uncertaintyRuns: snapshot.uncertainty.runs, seed: snapshot.uncertainty.seed })),
  };
}

/** Period total scores (before adjustments) per unit, from a period's runs: the year's inputs. */
export function periodTotals(runs: CategoryRun[]): Map<string, Record<string, number | null>> {
  const out = new Map<string, Record<string, number | null>>();
  for (const run of runs) {
    const o = evaluateRun(run, { uncertaintyRuns: 0 });
    out.set(run.categoryCode, Object.fromEntries(o.units.map((u) => [u.unit, u.baseScore])));
  }
  return out;
}
