/**
 * Inner loops of the Monte Carlo uncertainty analysis (see mc-plan.ts). Plain loops over
 * Float64Arrays: no closures, no Array methods, nothing allocated per call.
 */

/** Runs evaluated together: each matrix element loaded from memory serves this many runs. */
export const BATCH = 4;

/**
 * acc[r·n + i] = Σ_q W[q·BATCH + r] · X[(row0 + q)·n + i] for the BATCH runs r and units i < n:
 * the weighted sums of k consecutive matrix rows (one row = one indicator over n units).
 *
 * This is a small matrix product, and the cost is in memory traffic, not arithmetic: two units ×
 * four runs are held in eight local accumulators, so each loaded element serves four (matrix) or
 * two (weight) multiply-adds. In V8 that is about twice as fast as one run at a time with the
 * accumulator array updated column by column.
 */
export function weightedSums4(X: Float64Array, n: number, row0: number, k: number, W: Float64Array, acc: Float64Array): void {
  const n1 = n, n2 = 2 * n, n3 = 3 * n;
  const base = row0 * n;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    let o = base + i;
    for (let q = 0; q < k; q++, o += n) {
      const x = X[o]!;
      const y = X[o + 1]!;
      const wq = q * 4;
      const w0 = W[wq]!, w1 = W[wq + 1]!, w2 = W[wq + 2]!, w3 = W[wq + 3]!;
      a0 += w0 * x; a1 += w1 * x; a2 += w2 * x; a3 += w3 * x;
      b0 += w0 * y; b1 += w1 * y; b2 += w2 * y; b3 += w3 * y;
    }
    acc[i] = a0; acc[n1 + i] = a1; acc[n2 + i] = a2; acc[n3 + i] = a3;
    acc[i + 1] = b0; acc[n1 + i + 1] = b1; acc[n2 + i + 1] = b2; acc[n3 + i + 1] = b3;
  }
  if (i < n) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    let o = base + i;
    for (let q = 0; q < k; q++, o += n) {
      const x = X[o]!;
      const wq = q * 4;
      a0 += W[wq]! * x; a1 += W[wq + 1]! * x; a2 += W[wq + 2]! * x; a3 += W[wq + 3]! * x;
    }
    acc[i] = a0; acc[n1 + i] = a1; acc[n2 + i] = a2; acc[n3 + i] = a3;
  }
}

/**
 * Y[dst·B + r·n + i] (+)= Σ_t W[w0 + t·BATCH + r] · Y[kids[t]·B + r·n + i], B = BATCH·n: the
 * weighted sum of aggregate children for the BATCH runs, where Y holds every aggregate's block of
 * BATCH runs. As in weightedSums4, the sums stay in local accumulators and each result is written
 * once, instead of one read-modify-write pass over the output per child.
 */
export function addWeightedBlocks4(Y: Float64Array, n: number, kids: Int32Array, W: Float64Array, w0: number, dst: number, add: boolean): void {
  const block = BATCH * n;
  const n2 = 2 * n, n3 = 3 * n;
  const k = kids.length;
  const d0 = dst * block;
  for (let i = 0; i < n; i++) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let t = 0; t < k; t++) {
      const o = kids[t]! * block + i;
      const wq = w0 + t * 4;
      a0 += W[wq]! * Y[o]!;
      a1 += W[wq + 1]! * Y[o + n]!;
      a2 += W[wq + 2]! * Y[o + n2]!;
      a3 += W[wq + 3]! * Y[o + n3]!;
    }
    const d = d0 + i;
    if (add) {
      Y[d] = Y[d]! + a0; Y[d + n] = Y[d + n]! + a1; Y[d + n2] = Y[d + n2]! + a2; Y[d + n3] = Y[d + n3]! + a3;
    } else {
      Y[d] = a0; Y[d + n] = a1; Y[d + n2] = a2; Y[d + n3] = a3;
    }
  }
}

/**
 * Power-mean "spaces". A weighted power mean with exponent p is T⁻¹(Σ w T(x) / Σ w) with
 * T(x) = x (p = 1), ln x (p = 0), 1/x (p = −1), x^p otherwise. Aggregates keep their result in
 * their own space (the weighted mean of T values), because a parent with the same p needs
 * exactly that: a geometric mean of geometric means never goes through exp and back to log.
 */
export function toSpace(p: number, x: number): number {
  return p === 1 ? x : p === 0 ? Math.log(x) : p === -1 ? 1 / x : Math.pow(x, p);
}

export function fromSpace(p: number, y: number): number {
  return p === 1 ? y : p === 0 ? Math.exp(y) : Math.pow(y, 1 / p);
}

/** Whether a power mean with exponent p can take x (as aggregateNode checks); NaN (missing) is fine. */
export function inDomain(p: number, x: number): boolean {
  return p === 1 || !(x < 0 || (x === 0 && p <= 0));
}

/**
 * Converts a column from space `from` to space `to` into `out`. Returns false when a value is
 * outside the domain of the target mean (the caller then lets aggregateNode raise the error that
 * names the unit and the child).
 */
export function convertSpace(src: Float64Array, from: number, to: number, out: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = fromSpace(from, src[i]!);
    if (!inDomain(to, v)) return false;
    out[i] = toSpace(to, v);
  }
  return true;
}

/**
 * Competition ranks ("1224", highest first) within categories, with the rank step's tolerance:
 * the same rule as rankDescending (rank-tier.ts) without allocating. A unit's rank is 1 + the
 * number of units of its category whose score exceeds its own by more than tol·max(1, |s|);
 * missing scores get NaN.
 *
 * Each category keeps its units in the order of the previous call and insertion-sorts them by
 * the new scores: successive Monte Carlo runs differ a little (runs are evaluated grouped by
 * normalisation and aggregation choice), so the order is nearly right and the sort is close to
 * linear. Then one sweep from the top counts the units above each score.
 */
export class CategoryRanker {
  private readonly order: Int32Array[];
  private readonly sorted: Float64Array[];

  constructor(
    groups: readonly Int32Array[],
    private readonly tol: number,
  ) {
    this.order = groups.map((g) => g.slice());
    this.sorted = groups.map((g) => new Float64Array(g.length));
  }

  rank(scores: Float64Array, out: Float64Array): void {
    for (let k = 0; k < this.order.length; k++) {
      const ord = this.order[k]!;
      const s = this.sorted[k]!;
      const len = ord.length;
      // Descending by score, missing (NaN) last, as -Infinity (scores are finite).
      let m = 0;
      for (let t = 0; t < len; t++) {
        const u = ord[t]!;
        const v0 = scores[u]!;
        const v = v0 === v0 ? v0 : -Infinity;
        if (v0 === v0) m++;
        let q = t;
        while (q > 0 && s[q - 1]! < v) {
          s[q] = s[q - 1]!;
          ord[q] = ord[q - 1]!;
          q--;
        }
        s[q] = v;
        ord[q] = u;
      }
      // s[0..m) descending. With tol < 1 the limit v + tol·max(1, |v|) grows with v, so the
      // number of scores above it only grows down the list: one pointer serves every unit.
      let c = 0;
      for (let t = 0; t < len; t++) {
        const u = ord[t]!;
        if (t >= m) {
          out[u] = NaN;
          continue;
        }
        const v = s[t]!;
        const limit = v + this.tol * Math.max(1, Math.abs(v));
        if (this.tol >= 1) c = 0;
        while (c < m && s[c]! > limit) c++;
        out[u] = c + 1;
      }
    }
  }
}
