import { AssessmentError } from './errors.ts';
import type { StepSpec, WeightMethod } from './spec.ts';
import { correlation, sd, toF64 } from './stats.ts';
import type { IndicatorTree } from './tree.ts';

type WeightStep = Extract<StepSpec, { step: 'weight' }>;

/**
 * Entropy weight method (熵权法; Hwang & Yoon 1981, Zeleny 1982). For each column j over the m
 * units with a value: p_ij = x_ij / Σ_i x_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij (0·ln 0 = 0),
 * d_j = 1 − e_j, w_j = d_j / Σ d. Values must be ≥ 0 (normalise first).
 */
export function entropyWeights(cols: readonly ArrayLike<number>[], codes: readonly string[]): number[] {
  const d = cols.map((c, j) => {
    let sum = 0;
    let m = 0;
    for (let i = 0; i < c.length; i++) {
      const v = c[i]!;
      if (Number.isNaN(v)) continue;
      if (v < 0) {
        throw new AssessmentError('DATA_INVALID', `Entropy weights need values ≥ 0, but ${codes[j]} has ${v}; normalise to a non-negative scale first.`, {
          indicator: codes[j]!,
          field: 'method',
        });
      }
      sum += v;
      m++;
    }
    if (m < 2 || sum === 0) return 0;
    let h = 0;
    for (let i = 0; i < c.length; i++) {
      const v = c[i]!;
      if (Number.isNaN(v) || v === 0) continue;
      const p = v / sum;
      h -= p * Math.log(p);
    }
    return 1 - h / Math.log(m);
  });
  return normaliseOrThrow(d, codes, 'entropy');
}

/**
 * CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995): C_j = σ_j Σ_k (1 − r_jk), w_j = C_j / Σ C,
 * on normalised values (σ sample standard deviation, r Pearson over complete pairs).
 */
export function criticWeights(cols: readonly ArrayLike<number>[], codes: readonly string[]): number[] {
  const k = cols.length;
  const sig = cols.map((c) => sd(toF64(c)));
  const info = cols.map((c, j) => {
    let conflict = 0;
    for (let l = 0; l < k; l++) {
      if (l === j) continue;
      const r = correlation(toF64(c), toF64(cols[l]!));
      conflict += 1 - (Number.isNaN(r) ? 0 : r);
    }
    const s = sig[j]!;
    return Number.isNaN(s) ? 0 : s * conflict;
  });
  return normaliseOrThrow(info, codes, 'CRITIC');
}

function normaliseOrThrow(raw: number[], codes: readonly string[], what: string): number[] {
  const s = raw.reduce((a, b) => a + b, 0);
  if (!(s > 0)) {
    throw new AssessmentError('WEIGHTS_SUM_ZERO', `${what} weights of ${codes.join(', ')} sum to zero (no variation in the data).`, {
      indicator: codes[0]!,
      field: 'method',
    });
  }
  return raw.map((v) => v / s);
}

/** The weight method for the children of a parent: per node, else per level, else global. */
export function weightMethodFor(step: WeightStep | undefined, tree: IndicatorTree, parent: string): WeightMethod {
  if (step === undefined) return 'manual';
  return step.nodes[parent] ?? step.levels[String(tree.level.get(parent)!)] ?? step.method;
}

/**
 * Weights of a parent's children, summing to 1. Manual weights come from the tree, overridden
 * by the spec's `weights`; data-driven ones from the children's values across units.
 */
export function childWeights(
  tree: IndicatorTree,
  parent: string,
  step: WeightStep | undefined,
  childValues: () => ArrayLike<number>[],
  override?: ReadonlyMap<string, number>,
): number[] {
  const kids = tree.children.get(parent)!;
  const method = weightMethodFor(step, tree, parent);
  if (method === 'equal') return kids.map(() => 1 / kids.length);
  if (method === 'entropy') return entropyWeights(childValues(), kids);
  if (method === 'critic') return criticWeights(childValues(), kids);
  const raw = kids.map((k) => override?.get(k) ?? step?.weights[k] ?? tree.nodes.get(k)!.weight);
  const s = raw.reduce((a, b) => a + b, 0);
  if (!(s > 0)) {
    throw new AssessmentError('WEIGHTS_SUM_ZERO', `The weights of the children of ${parent} (${kids.join(', ')}) sum to zero.`, { indicator: parent, field: 'weight' });
  }
  return raw.map((v) => v / s);
}

/**
 * Effective weight of each node: its real share in the root, the product of the renormalised
 * sibling weights along its path. Indicators' effective weights sum to 1.
 */
export function effectiveWeights(tree: IndicatorTree, weightsByParent: ReadonlyMap<string, readonly number[]>): Map<string, number> {
  const out = new Map<string, number>([[tree.root, 1]]);
  const visit = (code: string): void => {
    const kids = tree.children.get(code)!;
    const w = weightsByParent.get(code);
    if (w === undefined) return;
    kids.forEach((k, i) => {
      out.set(k, out.get(code)! * w[i]!);
      visit(k);
    });
  };
  visit(tree.root);
  return out;
}
