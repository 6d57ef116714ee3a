/**
 * The engine's input model. Values are plain numbers; a missing observation is `null` on input
 * and NaN inside the engine (typed arrays), and `null` again in every result.
 */

export type Direction = 1 | -1;

/** A node of the indicator tree: an indicator (leaf) or an aggregate (dimension, index…). */
export interface TreeNode {
  code: string;
  name?: string;
  /** Parent code; null for the root. */
  parent: string | null;
  /** Weight relative to its siblings (renormalised among them). */
  weight: number;
  /** Only meaningful for indicators. */
  direction?: Direction;
  unitOfMeasure?: string;
  /** Target value (目标值) for distance-to-target and target-completion scoring. */
  target?: number | null;
  /** A denominator variable of the units (e.g. population) to divide the indicator by. */
  denominator?: string | null;
  /** Indicators are leaves; an aggregate has children. Derived from the tree when omitted. */
  kind?: 'indicator' | 'aggregate';
}

export interface UnitInfo {
  code: string;
  name?: string;
  /** Group variables: category (考核类别), region… */
  groups?: Record<string, string | null>;
}

/** One period of panel data, row-wise (`values`) or column-wise (`columns`, the faster form). */
export interface PeriodData {
  period: string;
  /** values[unit][indicator]; absent or null = missing. */
  values?: Record<string, Record<string, number | null | undefined>>;
  /**
   * columns[indicator][k] is the value of unit columnUnits[k] (null = missing). When given,
   * `values` is not read.
   */
  columns?: Record<string, ArrayLike<number | null>>;
  /** Unit order of `columns`; the input's unit order when omitted. */
  columnUnits?: string[];
  /** denominators[unit][variable] for this period. */
  denominators?: Record<string, Record<string, number | null | undefined>>;
}

export interface Adjustment {
  unit: string;
  kind: 'bonus' | 'penalty';
  points: number;
  /** Item code, for per-item caps (e.g. 'award', 'supervision'). */
  item?: string;
  reason?: string;
}

export interface Veto {
  unit: string;
  /** The veto item failed, e.g. 安全生产. */
  item: string;
  reason?: string;
}

export interface AssessmentInput {
  tree: TreeNode[];
  units: UnitInfo[];
  /** Periods in chronological order. */
  periods: PeriodData[];
  adjustments?: Adjustment[];
  vetoes?: Veto[];
}
