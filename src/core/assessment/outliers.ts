import { shallowFrame, type Frame } from './frame.ts';
import type { StepSpec, TreatSettings } from './spec.ts';
import { countPresent, mapColumn, max, min, skewKurt, skewness } from './stats.ts';
import type { IndicatorTree } from './tree.ts';

type TreatStep = Extract<StepSpec, { step: 'treat' }>;

export interface TreatmentRecord {
  indicator: string;
  /** What was finally applied. */
  applied: 'none' | 'winsorise' | 'boxcox' | 'logCT' | 'untestable';
  /** Points changed by the last winsorisation sweep at each end, as COINr counts them. */
  winsorised: number;
  /** Units whose value was winsorised (at the high or the low end). */
  winsorisedUnits: string[];
  skewBefore: number | null;
  kurtBefore: number | null;
  skewAfter: number | null;
  kurtAfter: number | null;
  passes: boolean;
}

/** COINr's check_SkewKurt: passes when |skew| < skewThreshold OR kurtosis < kurtThreshold. */
export function passesSkewKurt(x: Float64Array, skewThreshold: number, kurtThreshold: number): boolean | null {
  const { skew: s, kurt: k } = skewKurt(x);
  if (Number.isNaN(s) || Number.isNaN(k)) return null;
  return Math.abs(s) < skewThreshold || k < kurtThreshold;
}

/**
 * COINr's winsorise(): while the test fails (or forceWinsorise) and fewer than winmax points are
 * winsorised, replace the highest value(s) by the next highest when skew ≥ 0, else the lowest
 * by the next lowest. Tied extremes move together. The count is COINr's: the size of the last
 * high group plus the last low group, which grows as replaced points join the next value.
 */
export function winsorise(x0: ArrayLike<number>, s: Pick<TreatSettings, 'winmax' | 'skewThreshold' | 'kurtThreshold' | 'forceWinsorise'>): { x: Float64Array; nwin: number; high: number[]; low: number[] } {
  const x = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i++) x[i] = x0[i]!;
  let passing = passesSkewKurt(x, s.skewThreshold, s.kurtThreshold) ?? true;
  let nwin = 0;
  let high: number[] = [];
  let low: number[] = [];
  const below = (): boolean => s.winmax === null || nwin < s.winmax;
  while ((!passing || s.forceWinsorise) && below()) {
    const atHigh = skewness(x) >= 0;
    const target = atHigh ? max(x) : min(x);
    const idx: number[] = [];
    let next = atHigh ? -Infinity : Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (Number.isNaN(v)) continue;
      if (v === target) idx.push(i);
      else if (atHigh ? v > next : v < next) next = v;
    }
    if (!Number.isFinite(next)) break; // every value equal: nothing left to winsorise towards
    for (const i of idx) x[i] = next;
    if (atHigh) high = idx;
    else low = idx;
    nwin = high.length + low.length;
    passing = passesSkewKurt(x, s.skewThreshold, s.kurtThreshold) ?? true;
  }
  return { x, nwin, high, low };
}

/** COINr's log_CT: log(x − min + 0.01·(max − min)). */
export function logCT(x: Float64Array): Float64Array {
  const lo = min(x);
  const hi = max(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]! - lo + 0.01 * (hi - lo));
  return out;
}

/** Box-Cox with COINr's shift to positive values (x − min + 1); λ = 0 is the log. */
export function boxCox(x: Float64Array, lambda: number): Float64Array {
  const lo = min(x);
  return mapColumn(x, (v) => {
    const y = v - lo + 1;
    return lambda === 0 ? Math.log(y) : (Math.pow(y, lambda) - 1) / lambda;
  });
}

/**
 * Two-stage treatment as COINr's Treat.numeric(): if the indicator fails the skew/kurtosis test,
 * apply the first method (winsorise or Box-Cox); if it still fails, apply the fallback to the
 * original values (or to the treated ones when combine = true).
 */
export function treatColumn(x: Float64Array, units: readonly string[], code: string, s: TreatSettings): { x: Float64Array; record: TreatmentRecord } {
  const record: TreatmentRecord = {
    indicator: code,
    applied: 'none',
    winsorised: 0,
    winsorisedUnits: [],
    skewBefore: null,
    kurtBefore: null,
    skewAfter: null,
    kurtAfter: null,
    passes: true,
  };
  const before = skewKurt(x);
  record.skewBefore = nullable(before.skew);
  record.kurtBefore = nullable(before.kurt);
  const verdict = (sk: { skew: number; kurt: number }): boolean | null =>
    Number.isNaN(sk.skew) || Number.isNaN(sk.kurt) ? null : Math.abs(sk.skew) < s.skewThreshold || sk.kurt < s.kurtThreshold;
  const finish = (y: Float64Array): { x: Float64Array; record: TreatmentRecord } => {
    const after = y === x ? before : skewKurt(y);
    record.skewAfter = nullable(after.skew);
    record.kurtAfter = nullable(after.kurt);
    record.passes = verdict(after) ?? true;
    return { x: y, record };
  };
  const test = (y: Float64Array): boolean | null => passesSkewKurt(y, s.skewThreshold, s.kurtThreshold);
  if (s.method === 'none') return finish(x);
  const pass0 = countPresent(x) < 4 ? null : verdict(before);
  if (pass0 === null) {
    record.applied = 'untestable';
    return finish(x);
  }
  if (pass0 && !(s.method === 'winsorise' && s.forceWinsorise)) return finish(x);

  let x1: Float64Array;
  if (s.method === 'winsorise') {
    const w = winsorise(x, s);
    x1 = w.x;
    record.applied = w.nwin > 0 || w.high.length + w.low.length > 0 ? 'winsorise' : 'none';
    record.winsorised = w.nwin;
    record.winsorisedUnits = [...w.high, ...w.low].map((i) => units[i]!);
  } else {
    x1 = boxCox(x, s.lambda);
    record.applied = 'boxcox';
  }
  if (test(x1) !== false || s.fallback === 'none') return finish(x1);
  const base = s.combine ? x1 : x;
  if (!s.combine) {
    record.winsorised = 0;
    record.winsorisedUnits = [];
  }
  record.applied = s.fallback === 'logCT' ? 'logCT' : 'boxcox';
  return finish(s.fallback === 'logCT' ? logCT(base) : boxCox(base, s.lambda));
}

export function treat(frame: Frame, tree: IndicatorTree, step: TreatStep): { frame: Frame; records: TreatmentRecord[] } {
  const out = shallowFrame(frame);
  const records: TreatmentRecord[] = [];
  const { indicators: overrides, step: _step, ...global } = step;
  for (const code of tree.indicators) {
    const o = overrides[code];
    const s: TreatSettings = o === 'none' ? { ...global, method: 'none' } : { ...global, ...o };
    const r = treatColumn(out.cols.get(code)!, out.units, code, s);
    out.cols.set(code, r.x);
    records.push(r.record);
  }
  return { frame: out, records };
}

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
