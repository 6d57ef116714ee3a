import { AssessmentError } from './errors.ts';
import { shallowFrame, type Frame } from './frame.ts';
import type { ImputeSettings, StepSpec } from './spec.ts';
import { mean, median, pick } from './stats.ts';
import type { IndicatorTree } from './tree.ts';

type ImputeStep = Extract<StepSpec, { step: 'impute' }>;
type Method = ImputeSettings['method'];

export interface ImputationRecord {
  unit: string;
  indicator: string;
  method: Method;
  value: number;
}

export interface ImputeContext {
  /** Group value of a unit for a group column (null = no group). */
  groupOf: (unit: string, group: string) => string | null;
  /** Earlier periods' frames at the same stage, most recent first. */
  earlier: readonly Frame[];
}

/**
 * Fills missing values column by column. Group methods work as COINr's i_mean_grp /
 * i_median_grp: the statistic of the unit's group; units without a group value stay missing.
 * previousPeriod takes the latest earlier period that has a value for the unit. When the method
 * leaves a value missing, the optional fallback method is tried.
 */
export function impute(frame: Frame, tree: IndicatorTree, step: ImputeStep, ctx: ImputeContext): { frame: Frame; records: ImputationRecord[] } {
  const out = shallowFrame(frame);
  const records: ImputationRecord[] = [];
  // Group index of every row (−1 without a group), computed once per group column.
  const membership = new Map<string, { ids: Int32Array; count: number }>();
  const membersOf = (group: string): { ids: Int32Array; count: number } => {
    let m = membership.get(group);
    if (m === undefined) {
      const index = new Map<string, number>();
      const ids = new Int32Array(out.units.length);
      out.units.forEach((u, i) => {
        const g = ctx.groupOf(u, group);
        if (g === null) {
          ids[i] = -1;
          return;
        }
        let k = index.get(g);
        if (k === undefined) index.set(g, (k = index.size));
        ids[i] = k;
      });
      m = { ids, count: index.size };
      membership.set(group, m);
    }
    return m;
  };
  for (const code of tree.indicators) {
    const s: ImputeSettings = { method: step.method, group: step.group, fallback: step.fallback, ...step.indicators[code] };
    if (!hasMissing(out.cols.get(code)!)) continue;
    const x = out.cols.get(code)!.slice();
    out.cols.set(code, x);
    const original = frame.cols.get(code)!;
    if (s.method !== 'none') fill(x, original, out.units, code, s.method, s.group, ctx, records, membersOf);
    // The fallback only for values the method left missing (usually none: skip its statistic).
    if (s.fallback !== undefined && s.fallback !== 'none' && hasMissing(x)) fill(x, original, out.units, code, s.fallback, s.group, ctx, records, membersOf);
  }
  return { frame: out, records };
}

function fill(
  x: Float64Array,
  original: Float64Array,
  units: readonly string[],
  code: string,
  method: Method,
  group: string | undefined,
  ctx: ImputeContext,
  records: ImputationRecord[],
  membersOf: (group: string) => { ids: Int32Array; count: number },
): void {
  const put = (i: number, v: number): void => {
    if (Number.isNaN(v)) return;
    x[i] = v;
    records.push({ unit: units[i]!, indicator: code, method, value: v });
  };
  if (method === 'mean' || method === 'median') {
    const v = method === 'mean' ? mean(original) : median(original);
    for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]!)) put(i, v);
    return;
  }
  if (method === 'groupMean' || method === 'groupMedian') {
    if (group === undefined) throw new AssessmentError('SPEC_INVALID', `Group imputation of ${code} needs a group column.`, { indicator: code, field: 'group' });
    const { ids, count } = membersOf(group);
    let value: Float64Array;
    if (method === 'groupMean') value = groupMeans(original, ids, count);
    else {
      value = new Float64Array(count);
      const lists: number[][] = Array.from({ length: count }, () => []);
      for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0) lists[ids[i]!]!.push(i);
      lists.forEach((idx, g) => (value[g] = median(pick(original, idx))));
    }
    for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]!) && ids[i]! >= 0) put(i, value[ids[i]!]!);
    return;
  }
  // previousPeriod
  for (let i = 0; i < x.length; i++) {
    if (!Number.isNaN(x[i]!)) continue;
    const u = units[i]!;
    for (const f of ctx.earlier) {
      const k = f.units.indexOf(u);
      const c = f.cols.get(code);
      if (k < 0 || c === undefined) continue;
      const v = c[k]!;
      if (!Number.isNaN(v)) {
        put(i, v);
        break;
      }
    }
  }
}

function hasMissing(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) return true;
  return false;
}

/** Mean of each group's present values (two passes, as R's mean()); NaN for a group without data. */
function groupMeans(x: Float64Array, ids: Int32Array, count: number): Float64Array {
  const sum = new Float64Array(count);
  const n = new Float64Array(count);
  for (let i = 0; i < x.length; i++) {
    const g = ids[i]!;
    const v = x[i]!;
    if (g < 0 || v !== v) continue;
    sum[g] = sum[g]! + v;
    n[g] = n[g]! + 1;
  }
  const m = new Float64Array(count);
  for (let g = 0; g < count; g++) m[g] = n[g]! > 0 ? sum[g]! / n[g]! : NaN;
  const resid = new Float64Array(count);
  for (let i = 0; i < x.length; i++) {
    const g = ids[i]!;
    const v = x[i]!;
    if (g < 0 || v !== v) continue;
    resid[g] = resid[g]! + (v - m[g]!);
  }
  for (let g = 0; g < count; g++) if (n[g]! > 0) m[g] = m[g]! + resid[g]! / n[g]!;
  return m;
}
