/** Small numeric helpers over Float64Array columns where NaN marks a missing value. */

/** The values as a Float64Array (the same object when it already is one). */
export function toF64(x: ArrayLike<number>): Float64Array {
  if (x instanceof Float64Array) return x;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]!;
  return out;
}

/** x.map(fn) into a new Float64Array; plain loops, because TypedArray.from with a map is slow in V8. */
export function mapColumn(x: ArrayLike<number>, fn: (v: number, i: number) => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = fn(x[i]!, i);
  return out;
}

/** The values of x at the given rows. */
export function pick(x: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = x[rows[k]!]!;
  return out;
}

/** Central moments Σd², Σd³, Σd⁴ and the count of present values, without allocating. */
function moments(x: Float64Array): { n: number; s2: number; s3: number; s4: number } {
  const m = mean(x);
  let n = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - m;
    const d2 = d * d;
    n++;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { n, s2, s3, s4 };
}

export function finiteValues(x: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) out.push(v);
  }
  return out;
}

export function countPresent(x: Float64Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) n++;
  return n;
}

export function mean(x: Float64Array): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  if (n === 0) return NaN;
  // Second pass as R's mean() does: corrects the rounding error of the first sum.
  const m = s / n;
  let t = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) t += v - m;
  }
  return m + t / n;
}

export function min(x: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < m) m = v;
  }
  return m === Infinity ? NaN : m;
}

export function max(x: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v > m) m = v;
  }
  return m === -Infinity ? NaN : m;
}

/** Sample standard deviation (n − 1), as R's sd(). */
export function sd(x: Float64Array): number {
  const m = mean(x);
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      s += (v - m) * (v - m);
      n++;
    }
  }
  return n < 2 ? NaN : Math.sqrt(s / (n - 1));
}

export function median(x: Float64Array): number {
  const v = finiteValues(x).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? v[h]! : (v[h - 1]! + v[h]!) / 2;
}

/** Skewness and kurtosis (type 2, as below) from one set of moments. */
export function skewKurt(x: Float64Array): { skew: number; kurt: number } {
  const { n, s2, s3, s4 } = moments(x);
  const skew = n < 3 ? NaN : ((Math.sqrt(n) * s3) / Math.pow(s2, 1.5)) * (Math.sqrt(n * (n - 1)) / (n - 2));
  const kurt = n < 4 ? NaN : ((((n + 1) * ((n * s4) / (s2 * s2) - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3)));
  return { skew, kurt };
}

/**
 * Sample skewness, type 2 of e1071 (the definition used by COINr and by Excel's SKEW):
 * g1 = √n Σd³ / (Σd²)^{3/2}, G1 = g1 √(n(n−1)) / (n−2).
 */
export function skewness(x: Float64Array): number {
  const { n, s2, s3 } = moments(x);
  if (n < 3) return NaN;
  const g = (Math.sqrt(n) * s3) / Math.pow(s2, 1.5);
  return (g * Math.sqrt(n * (n - 1))) / (n - 2);
}

/**
 * Sample excess kurtosis, type 2 of e1071 (COINr's kurt(), Excel's KURT):
 * r = n Σd⁴ / (Σd²)², G2 = ((n+1)(r−3) + 6)(n−1) / ((n−2)(n−3)).
 */
export function kurtosis(x: Float64Array): number {
  const { n, s2, s4 } = moments(x);
  if (n < 4) return NaN;
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

/** Pearson correlation over pairs where both values are present. */
export function correlation(a: Float64Array, b: Float64Array): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    n++;
    sa += x;
    sb += y;
  }
  if (n < 2) return NaN;
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    sab += (x - ma) * (y - mb);
    saa += (x - ma) * (x - ma);
    sbb += (y - mb) * (y - mb);
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Quantile with linear interpolation between order statistics (R's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

/**
 * Ranks of values (1 = smallest) with ties given the lowest rank ("min", as R's
 * rank(ties.method = "min")). NaN stays NaN.
 */
export function rankAscendingMin(x: Float64Array): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) idx.push(i);
  idx.sort((a, b) => x[a]! - x[b]!);
  const out = new Float64Array(x.length).fill(NaN);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (k > 0 && x[idx[k - 1]!] === x[i]) out[i] = out[idx[k - 1]!]!;
    else out[i] = k + 1;
  }
  return out;
}
