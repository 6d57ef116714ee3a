import { AssessmentError } from './errors.ts';
import type { Direction } from './model.ts';

export interface TopsisResult {
  /** Relative closeness C_i = S⁻ / (S⁺ + S⁻), in [0, 1]. */
  closeness: number[];
  /** Distance to the positive ideal solution. */
  distanceBest: number[];
  /** Distance to the negative ideal solution. */
  distanceWorst: number[];
  /** Weighted normalised decision matrix v_ij, one array per criterion. */
  weighted: number[][];
}

/**
 * TOPSIS (Hwang & Yoon 1981). Columns are criteria over the same units; weights are renormalised
 * to sum to 1. 'vector': r_ij = x_ij / √Σ_i x_ij², the ideal is the best weighted value per
 * criterion (max for direction 1, min for −1). 'minmax': r_ij = (x − worst)/(best − worst), so
 * the ideal is the weight and the anti-ideal 0. Every value must be present.
 */
export function topsis(
  cols: readonly ArrayLike<number>[],
  weights: readonly number[],
  directions: readonly Direction[],
  normalisation: 'vector' | 'minmax',
  labels: { units: readonly string[]; criteria: readonly string[] },
): TopsisResult {
  const m = labels.units.length;
  const k = cols.length;
  const wsum = weights.reduce((a, b) => a + b, 0);
  if (!(wsum > 0)) throw new AssessmentError('WEIGHTS_SUM_ZERO', 'TOPSIS weights sum to zero.', { field: 'weights', indicator: labels.criteria[0]! });
  const v: Float64Array[] = [];
  const best = new Float64Array(k);
  const worst = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const c = cols[j]!;
    const code = labels.criteria[j]!;
    for (let i = 0; i < m; i++) {
      if (Number.isNaN(c[i]!)) {
        throw new AssessmentError('INCOMPLETE_DATA', `TOPSIS needs every value, but indicator ${code} is missing for unit ${labels.units[i]}; impute first.`, {
          unit: labels.units[i]!,
          indicator: code,
        });
      }
    }
    const w = weights[j]! / wsum;
    const col = new Float64Array(m);
    if (normalisation === 'vector') {
      let ss = 0;
      for (let i = 0; i < m; i++) ss += c[i]! * c[i]!;
      const norm = Math.sqrt(ss);
      if (norm === 0) throw new AssessmentError('ZERO_VARIANCE', `Indicator ${code} is 0 for every unit; TOPSIS cannot normalise it.`, { indicator: code });
      for (let i = 0; i < m; i++) col[i] = (w * c[i]!) / norm;
      let hi = -Infinity;
      let lo = Infinity;
      for (let i = 0; i < m; i++) {
        hi = Math.max(hi, col[i]!);
        lo = Math.min(lo, col[i]!);
      }
      best[j] = directions[j] === 1 ? hi : lo;
      worst[j] = directions[j] === 1 ? lo : hi;
    } else {
      let hi = -Infinity;
      let lo = Infinity;
      for (let i = 0; i < m; i++) {
        hi = Math.max(hi, c[i]!);
        lo = Math.min(lo, c[i]!);
      }
      if (hi === lo) throw new AssessmentError('ZERO_VARIANCE', `Indicator ${code} has the same value for every unit; TOPSIS min-max cannot scale it.`, { indicator: code });
      for (let i = 0; i < m; i++) col[i] = (w * (directions[j] === 1 ? c[i]! - lo : hi - c[i]!)) / (hi - lo);
      best[j] = w;
      worst[j] = 0;
    }
    v.push(col);
  }
  const closeness: number[] = [];
  const distanceBest: number[] = [];
  const distanceWorst: number[] = [];
  for (let i = 0; i < m; i++) {
    let sp = 0;
    let sn = 0;
    for (let j = 0; j < k; j++) {
      const x = v[j]![i]!;
      sp += (x - best[j]!) ** 2;
      sn += (x - worst[j]!) ** 2;
    }
    const dp = Math.sqrt(sp);
    const dn = Math.sqrt(sn);
    distanceBest.push(dp);
    distanceWorst.push(dn);
    closeness.push(dp + dn === 0 ? 0.5 : dn / (dp + dn));
  }
  return { closeness, distanceBest, distanceWorst, weighted: v.map((c) => Array.from(c)) };
}
