import { AssessmentError } from './errors.ts';
import type { StepSpec } from './spec.ts';

type CombineStep = Extract<StepSpec, { step: 'combinePeriods' }>;

export interface PeriodScores {
  period: string;
  units: readonly string[];
  scores: ReadonlyMap<string, Float64Array>;
}

/**
 * 过程考核: period scores weighted into the year, node by node. With missing = 'renormalise' a
 * unit without a score in some period is combined over the periods it has (weights renormalised);
 * with 'zero' the missing period counts as 0.
 */
export function combinePeriods(units: readonly string[], codes: readonly string[], periods: readonly PeriodScores[], step: CombineStep): Map<string, Float64Array> {
  const known = new Set(periods.map((p) => p.period));
  for (const p of Object.keys(step.weights)) {
    if (!known.has(p)) throw new AssessmentError('UNKNOWN_REFERENCE', `combinePeriods weights name period ${p}, which is not in the data.`, { period: p, field: `weights.${p}` });
  }
  const used = periods.filter((p) => (step.weights[p.period] ?? 0) > 0);
  const total = used.reduce((a, p) => a + step.weights[p.period]!, 0);
  if (!(total > 0)) throw new AssessmentError('WEIGHTS_SUM_ZERO', 'combinePeriods weights sum to zero.', { field: 'weights' });
  // Row of each final unit in each period (−1 when absent); null when the rows are the units
  // themselves (the usual case, where no unit was screened out).
  const rows = used.map((p) => {
    if (p.units.length === units.length && p.units.every((u, i) => u === units[i])) return null;
    const index = new Map(p.units.map((u, i) => [u, i]));
    return Int32Array.from(units, (u) => index.get(u) ?? -1);
  });
  const weights = Float64Array.from(used, (p) => step.weights[p.period]!);
  const zero = step.missing === 'zero';
  const n = units.length;
  const P = used.length;
  const out = new Map<string, Float64Array>();
  // One block for every output column (one allocation instead of one per column).
  const block = new Float64Array(codes.length * n);
  // V[k·n + i]: the code's value of unit i in period k, gathered so that the sum over periods
  // runs in locals, unit by unit, with one write per result.
  const V = new Float64Array(P * n);
  for (let q = 0; q < codes.length; q++) {
    const code = codes[q]!;
    for (let k = 0; k < P; k++) {
      const col = used[k]!.scores.get(code);
      const row = rows[k]!;
      if (col === undefined) V.fill(NaN, k * n, (k + 1) * n);
      else if (row === null) V.set(col, k * n);
      else for (let i = 0; i < n; i++) V[k * n + i] = row[i]! < 0 ? NaN : col[row[i]!]!;
    }
    const c = block.subarray(q * n, (q + 1) * n);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      let wsum = 0;
      for (let k = 0, o = i; k < P; k++, o += n) {
        const v = V[o]!;
        const w = weights[k]!;
        if (v === v) {
          acc += w * v;
          wsum += w;
        } else if (zero) wsum += w;
      }
      c[i] = wsum > 0 ? acc / wsum : NaN;
    }
    out.set(code, c);
  }
  return out;
}
