import { AssessmentError } from './errors.ts';
import type { AggregateSettings, StepSpec } from './spec.ts';
import type { IndicatorTree } from './tree.ts';

type AggregateStep = Extract<StepSpec, { step: 'aggregate' }>;

export function aggregateSettingsFor(step: AggregateStep | undefined, tree: IndicatorTree, node: string): AggregateSettings {
  if (step === undefined) return { method: 'arithmetic' };
  return step.nodes[node] ?? step.levels[String(tree.level.get(node)!)] ?? step.global;
}

/**
 * Aggregates the children columns of one node for every unit. Missing children drop out and
 * the remaining weights are renormalised (COINr's a_amean); when the share of present children
 * is below dataThreshold the result is missing. Geometric, harmonic and generalised means reject
 * values they cannot take and name the unit and the child.
 */
export function aggregateNode(
  node: string,
  kids: readonly string[],
  cols: readonly ArrayLike<number>[],
  weights: ArrayLike<number>,
  s: AggregateSettings,
  units: readonly string[],
  out: Float64Array = new Float64Array(units.length),
  scratch: AggregateScratch = new AggregateScratch(units.length),
  hints: AggregateHints = {},
): Float64Array {
  const n = units.length;
  const k = kids.length;
  if (s.method === 'copeland') {
    copeland(cols, weights, n, out);
    scratch.lastComplete = true;
    return out;
  }
  const threshold = s.dataThreshold ?? 0;
  const p = s.method === 'generalised' ? s.p! : s.method === 'geometric' ? 0 : s.method === 'harmonic' ? -1 : 1;
  const { acc, wsum, present } = scratch.reset(n);
  let wFull = 0;
  let nFull = 0;
  const bad = (j: number, i: number, x: number): AssessmentError =>
    new AssessmentError(
      'NON_POSITIVE_FOR_MEAN',
      `The ${s.method} mean for ${node} needs values > 0, but ${kids[j]} is ${x} for unit ${units[i]}; normalise to a positive range (e.g. min-max 1–100).`,
      { unit: units[i]!, indicator: kids[j]!, field: 'method' },
    );
  // Column by column: each child's values are contiguous, which keeps the loops tight. Columns
  // without missing values take a fast path, four at a time for the linear (and logged) sums;
  // the others also count weights per unit.
  const fast: ArrayLike<number>[] = [];
  const fastW: number[] = [];
  const rest: number[] = [];
  for (let j = 0; j < k; j++) {
    const c = cols[j]!;
    const full = hints.complete?.[j] ?? isComplete(c);
    if (!full) {
      rest.push(j);
      continue;
    }
    const w = weights[j]!;
    wFull += w;
    nFull++;
    if (p === 1) {
      fast.push(c);
      fastW.push(w);
    } else if (p === 0 && hints.logs?.[j] !== undefined) {
      fast.push(hints.logs[j]!);
      fastW.push(w);
    } else {
      for (let i = 0; i < n; i++) {
        const x = c[i]!;
        if (x < 0 || (x === 0 && p <= 0)) throw bad(j, i, x);
        acc[i] = acc[i]! + (p === 0 ? w * Math.log(x) : p === -1 ? w / x : w * Math.pow(x, p));
      }
    }
  }
  let q = 0;
  for (; q + 4 <= fast.length; q += 4) {
    const c0 = fast[q]!, c1 = fast[q + 1]!, c2 = fast[q + 2]!, c3 = fast[q + 3]!;
    const w0 = fastW[q]!, w1 = fastW[q + 1]!, w2 = fastW[q + 2]!, w3 = fastW[q + 3]!;
    for (let i = 0; i < n; i++) acc[i] = acc[i]! + (w0 * c0[i]! + w1 * c1[i]! + w2 * c2[i]! + w3 * c3[i]!);
  }
  for (; q < fast.length; q++) {
    const c = fast[q]!;
    const w = fastW[q]!;
    for (let i = 0; i < n; i++) acc[i] = acc[i]! + w * c[i]!;
  }
  for (const j of rest) {
    const c = cols[j]!;
    const w = weights[j]!;
    for (let i = 0; i < n; i++) {
      const x = c[i]!;
      if (x !== x) continue; // NaN: missing, drops out
      present[i] = present[i]! + 1;
      wsum[i] = wsum[i]! + w;
      if (p === 1) acc[i] = acc[i]! + w * x;
      else {
        if (x < 0 || (x === 0 && p <= 0)) throw bad(j, i, x);
        acc[i] = acc[i]! + (p === 0 ? w * Math.log(x) : p === -1 ? w / x : w * Math.pow(x, p));
      }
    }
  }
  let complete = true;
  for (let i = 0; i < n; i++) {
    const ws = wFull + wsum[i]!;
    const m = nFull + present[i]!;
    if (m === 0 || m / k < threshold || !(ws > 0)) {
      out[i] = NaN;
      complete = false;
    } else if (p === 1) out[i] = acc[i]! / ws;
    else if (p === 0) out[i] = Math.exp(acc[i]! / ws);
    else out[i] = Math.pow(acc[i]! / ws, 1 / p);
  }
  scratch.lastComplete = complete;
  return out;
}

export interface AggregateHints {
  /** complete[j]: child j has no missing value (skips the check). */
  complete?: ArrayLike<boolean>;
  /** logs[j]: Math.log of child j's values, all of them > 0 (geometric mean fast path). */
  logs?: ArrayLike<Float64Array | undefined>;
}

export function isComplete(c: ArrayLike<number>): boolean {
  for (let i = 0; i < c.length; i++) if (c[i] !== c[i]) return false;
  return true;
}

/** Reusable work arrays for aggregateNode, so repeated runs allocate nothing. */
export class AggregateScratch {
  /** Whether the last aggregateNode output had a value for every unit. */
  lastComplete = false;
  acc: Float64Array;
  wsum: Float64Array;
  present: Float64Array;
  constructor(n: number) {
    this.acc = new Float64Array(n);
    this.wsum = new Float64Array(n);
    this.present = new Float64Array(n);
  }
  reset(n: number): this {
    if (this.acc.length < n) {
      this.acc = new Float64Array(n);
      this.wsum = new Float64Array(n);
      this.present = new Float64Array(n);
    }
    this.acc.fill(0, 0, n);
    this.wsum.fill(0, 0, n);
    this.present.fill(0, 0, n);
    return this;
  }
}

/**
 * COINr's Copeland (a_copeland): the outranking matrix holds, for units a and b, the weight of
 * the children where a beats b plus half the weight where they tie (missing comparisons drop
 * out); a unit's score is its row sum, so it ranges from 0 to n − 1.
 */
function copeland(cols: readonly ArrayLike<number>[], weights: ArrayLike<number>, n: number, out: Float64Array): Float64Array {
  let wsum = 0;
  for (let j = 0; j < cols.length; j++) wsum += weights[j]!;
  out.fill(0);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let s = 0;
      for (let j = 0; j < cols.length; j++) {
        const x = cols[j]![a]!;
        const y = cols[j]![b]!;
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        const w = weights[j]! / wsum;
        if (x > y) s += w;
        else if (x === y) s += w / 2;
      }
      out[a] = out[a]! + s;
      out[b] = out[b]! + (1 - s);
    }
  }
  return out;
}
