/**
 * Variance-based sensitivity indices from a Saltelli design: f(A), f(B) and f(A_B^i) (A with
 * factor i's columns taken from B), each of N runs.
 *
 * - First order S_i: Saltelli et al. (2010), "Variance based sensitivity analysis of model output.
 *   Design and estimator for the total sensitivity index", Comput. Phys. Commun. 181, Table 2 (b):
 *   V_i = (1/N) Σ f(B)_j (f(A_B^i)_j − f(A)_j).
 * - Total S_Ti: Jansen (1999), as in the same table (f): V_Ti = (1/2N) Σ (f(A)_j − f(A_B^i)_j)².
 * Both are divided by the variance of the pooled f(A) and f(B) outputs.
 */
export interface SensitivityIndex {
  firstOrder: number | null;
  total: number | null;
}

export function saltelliJansen(fA: ArrayLike<number>, fB: ArrayLike<number>, fAB: readonly ArrayLike<number>[]): SensitivityIndex[] {
  const n = fA.length;
  let m = 0;
  for (let j = 0; j < n; j++) m += fA[j]! + fB[j]!;
  m /= 2 * n;
  let v = 0;
  for (let j = 0; j < n; j++) v += (fA[j]! - m) ** 2 + (fB[j]! - m) ** 2;
  v /= 2 * n;
  return fAB.map((f) => {
    if (!(v > 0)) return { firstOrder: null, total: null };
    let vi = 0;
    let vt = 0;
    for (let j = 0; j < n; j++) {
      vi += fB[j]! * (f[j]! - fA[j]!);
      vt += (fA[j]! - f[j]!) ** 2;
    }
    return { firstOrder: vi / n / v, total: vt / (2 * n) / v };
  });
}
