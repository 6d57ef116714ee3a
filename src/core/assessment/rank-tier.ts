import type { StepSpec } from './spec.ts';

type RankStep = Extract<StepSpec, { step: 'rank' }>;
type Tiers = NonNullable<RankStep['tiers']>;

/**
 * Ranks scores high to low with competition ("1224") ranking and a tolerance: a unit's rank is
 * 1 + the number of units whose score exceeds its own by more than tolerance × max(1, |score|).
 * Units equal on paper therefore share the best place even when floating point left them a few
 * ulps apart, and the next unit's place counts every unit above it. Missing scores get no rank.
 * `codes` only fixes the listing order of tied units (by code) elsewhere.
 */
export function rankDescending(scores: ArrayLike<number>, _codes: readonly string[], tolerance: number): Float64Array {
  const n = scores.length;
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = scores[i]!;
    if (v === v) sorted[m++] = v;
  }
  const present = sorted.subarray(0, m).sort();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s !== s) {
      out[i] = NaN;
      continue;
    }
    const limit = s + tolerance * Math.max(1, Math.abs(s));
    // first index with value > limit (ascending order)
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (present[mid]! > limit) hi = mid;
      else lo = mid + 1;
    }
    out[i] = m - lo + 1;
  }
  return out;
}

/**
 * Assigns tiers. By share: band k takes the places up to round(cumulative share × n) (half up),
 * a band without share takes the rest; a unit's place is its (tie-shared) rank, so tied units
 * always share a tier. By score: the first band whose min the score reaches (same tolerance as
 * ties); a band without min catches the rest. A veto caps the tier at `capIndex` (no better).
 */
export function assignTiers(scores: ArrayLike<number>, ranks: ArrayLike<number>, tiers: Tiers, tolerance: number, capIndex: (i: number) => number | null): (string | null)[] {
  const n = Array.from({ length: ranks.length }, (_, i) => i).filter((i) => !Number.isNaN(ranks[i]!)).length;
  const out: (string | null)[] = [];
  const last = tiers.bands.length - 1;
  for (let i = 0; i < ranks.length; i++) {
    if (Number.isNaN(ranks[i]!)) {
      out.push(null);
      continue;
    }
    let band = last;
    if (tiers.by === 'share') {
      let cum = 0;
      for (let b = 0; b < tiers.bands.length; b++) {
        const sh = tiers.bands[b]!.share;
        if (sh === undefined) {
          band = b;
          break;
        }
        cum += sh;
        if (ranks[i]! <= Math.floor(cum * n + 0.5 + 1e-9)) {
          band = b;
          break;
        }
      }
    } else {
      const s = scores[i]!;
      for (let b = 0; b < tiers.bands.length; b++) {
        const m = tiers.bands[b]!.min;
        if (m === undefined || s >= m - tolerance * Math.max(1, Math.abs(m))) {
          band = b;
          break;
        }
      }
    }
    const cap = capIndex(i);
    if (cap !== null && cap > band) band = cap;
    out.push(tiers.bands[band]!.name);
  }
  return out;
}
