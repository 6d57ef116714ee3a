import { aggregateSettingsFor } from './aggregate.ts';
import type { Frame } from './frame.ts';
import { inDomain, toSpace } from './mc-kernels.ts';
import type { AggregateSettings, StepSpec } from './spec.ts';
import type { IndicatorTree } from './tree.ts';

type AggregateStep = Extract<StepSpec, { step: 'aggregate' }>;

/**
 * The indicator tree compiled once for the Monte Carlo runs (uncertainty.ts): flat arrays
 * instead of Maps and tree walks, so a run is a handful of loops over typed arrays.
 *
 * Indicators become rows of a matrix (one row = one indicator over the units), ordered so that
 * each aggregate's indicator children are consecutive rows: its weighted sum is then one small
 * matrix product (mc-kernels.ts weightedSums4).
 */
export interface McNode {
  code: string;
  /** Children in plan order: indicator children (matrix rows row0 … row0 + nRows − 1) first, then aggregate children. */
  kids: string[];
  row0: number;
  nRows: number;
  /** Node indices of the aggregate children, in plan order after the indicator children. */
  aggKids: Int32Array;
  /** Nominal weights (renormalised, as the pipeline computed them), in plan order. */
  nominal: Float64Array;
  /** Position of each child's weight in a run's noise vector. */
  noiseIdx: Int32Array;
}

/** How one aggregate is computed under one aggregation choice. */
export interface McAggregation {
  settings: AggregateSettings;
  /** Power-mean exponent (1 arithmetic, 0 geometric, −1 harmonic); NaN for Copeland. */
  p: number;
  threshold: number;
}

/** One normalisation choice's indicators as a matrix, with the power-mean transforms of it. */
export interface McMatrix {
  /** The normalised frame itself (values, NaN = missing), for the generic fallback. */
  frame: Frame;
  /** 1 where the indicator (row) is missing for the unit. */
  missing: Uint8Array;
  /** Per node: units with a missing value among its indicator children (mostly empty). */
  affected: Int32Array[];
  /** T_p of every value, 0 where missing, computed once per exponent p the runs use. */
  spaces: Map<number, McSpace>;
}

export interface McSpace {
  X: Float64Array;
  /** Per row: 1 when every present value is in the domain of the power mean. */
  valid: Uint8Array;
}

export class McPlan {
  readonly nodes: McNode[] = [];
  /** Matrix row of each indicator code. */
  readonly rowOf = new Map<string, number>();
  readonly nIndicators: number;
  readonly root: number;

  constructor(
    readonly tree: IndicatorTree,
    readonly n: number,
    nominalWeights: ReadonlyMap<string, readonly number[]>,
    noiseIndex: ReadonlyMap<string, number>,
  ) {
    const nodeOf = new Map<string, number>();
    tree.aggregates.forEach((c, a) => nodeOf.set(c, a));
    for (const code of tree.aggregates) {
      const kids = tree.children.get(code)!;
      const w = nominalWeights.get(code)!;
      const order = [...kids.keys()].sort((x, y) => Number(nodeOf.has(kids[x]!)) - Number(nodeOf.has(kids[y]!)));
      const row0 = this.rowOf.size;
      let nRows = 0;
      for (const q of order) {
        if (nodeOf.has(kids[q]!)) continue;
        this.rowOf.set(kids[q]!, row0 + nRows++);
      }
      this.nodes.push({
        code,
        kids: order.map((q) => kids[q]!),
        row0,
        nRows,
        aggKids: Int32Array.from(order.filter((q) => nodeOf.has(kids[q]!)), (q) => nodeOf.get(kids[q]!)!),
        nominal: Float64Array.from(order, (q) => w[q]!),
        noiseIdx: Int32Array.from(order, (q) => noiseIndex.get(kids[q]!) ?? -1),
      });
    }
    this.nIndicators = this.rowOf.size;
    this.root = nodeOf.get(tree.root)!;
  }

  /** Every aggregate under the spec's aggregate step, or under one setting for all of them. */
  aggregation(step: AggregateStep | undefined, all?: AggregateSettings): McAggregation[] {
    return this.nodes.map(({ code }) => {
      const settings = all ?? aggregateSettingsFor(step, this.tree, code);
      const p = settings.method === 'copeland' ? NaN : settings.method === 'generalised' ? settings.p! : settings.method === 'geometric' ? 0 : settings.method === 'harmonic' ? -1 : 1;
      return { settings, p, threshold: settings.dataThreshold ?? 0 };
    });
  }

  matrix(frame: Frame): McMatrix {
    const { n } = this;
    const missing = new Uint8Array(this.nIndicators * n);
    for (const [code, row] of this.rowOf) {
      const x = frame.cols.get(code)!;
      for (let i = 0; i < n; i++) if (x[i] !== x[i]) missing[row * n + i] = 1;
    }
    const affected = this.nodes.map((nd) => {
      const list: number[] = [];
      for (let i = 0; i < n; i++) {
        for (let q = 0; q < nd.nRows; q++) {
          if (missing[(nd.row0 + q) * n + i]) {
            list.push(i);
            break;
          }
        }
      }
      return Int32Array.from(list);
    });
    return { frame, missing, affected, spaces: new Map() };
  }

  /** The matrix in the space of the power mean with exponent p (computed on first use). */
  space(m: McMatrix, p: number): McSpace {
    let s = m.spaces.get(p);
    if (s !== undefined) return s;
    const { n } = this;
    const X = new Float64Array(this.nIndicators * n);
    const valid = new Uint8Array(this.nIndicators).fill(1);
    for (const [code, row] of this.rowOf) {
      const x = m.frame.cols.get(code)!;
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        if (v !== v) continue; // missing: contributes 0, and its weight is left out per unit
        if (!inDomain(p, v)) valid[row] = 0;
        X[row * n + i] = toSpace(p, v);
      }
    }
    s = { X, valid };
    m.spaces.set(p, s);
    return s;
  }
}
