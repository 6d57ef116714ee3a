import { AssessmentError } from './errors.ts';
import type { Frame } from './frame.ts';
import type { Direction } from './model.ts';
import type { NormaliseSettings, StepSpec } from './spec.ts';
import { countPresent, mapColumn, toF64, max, mean, min, rankAscendingMin, sd } from './stats.ts';
import type { IndicatorTree } from './tree.ts';

type NormaliseStep = Extract<StepSpec, { step: 'normalise' }>;

export interface NormaliseContext {
  indicator: string;
  units: readonly string[];
  /** The indicator's target from the tree (目标值), used when the settings give none. */
  target?: number | null;
}

/**
 * Normalises one indicator column. As in COINr, the column is first multiplied by its direction
 * so that higher is always better, then scaled; the Chinese practice methods (efficacy, target
 * completion, rank points) and goalposts work on the original values with direction-aware
 * formulas. Missing values stay missing.
 */
export function normaliseColumn(input: ArrayLike<number>, direction: Direction, s: NormaliseSettings, ctx: NormaliseContext): Float64Array {
  const x0 = toF64(input);
  const n = x0.length;
  // One pass for what several methods need: the count of present values and the extremes of
  // x·direction (min-max, the most used method, then needs just one more pass).
  let present = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x0[i]! * direction;
    if (v !== v) continue;
    present++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (present === 0) {
    throw new AssessmentError('INDICATOR_ALL_MISSING', `Indicator ${ctx.indicator} has no value for any unit.`, { indicator: ctx.indicator });
  }
  const zeroRange = (what: string): AssessmentError =>
    new AssessmentError('ZERO_VARIANCE', `Indicator ${ctx.indicator} has the same value for every unit, so ${what} cannot scale it.`, {
      indicator: ctx.indicator,
      field: 'method',
    });
  const out = new Float64Array(n);
  if (s.method === 'minmax') {
    if (hi === lo) throw zeroRange('min-max');
    const [l, u] = s.range;
    for (let i = 0; i < n; i++) out[i] = ((x0[i]! * direction - lo) / (hi - lo)) * (u - l) + l;
    return out;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = x0[i]! * direction;
  switch (s.method) {
    case 'none':
      return x;
    case 'zscore': {
      const m = mean(x);
      const sdev = sd(x);
      if (!(sdev > 0)) throw zeroRange('the z-score');
      for (let i = 0; i < n; i++) out[i] = ((x[i]! - m) / sdev) * s.sd + s.mean;
      return out;
    }
    case 'rank':
      return rankAscendingMin(x);
    case 'percentileRank': {
      const r = rankAscendingMin(x);
      const k = countPresent(x);
      for (let i = 0; i < n; i++) out[i] = k > 1 ? ((r[i]! - 1) / (k - 1)) * s.scale : Number.isNaN(r[i]!) ? NaN : s.scale;
      return out;
    }
    case 'borda': {
      const r = rankAscendingMin(x);
      for (let i = 0; i < n; i++) out[i] = r[i]! - 1;
      return out;
    }
    case 'distToMax': {
      if (hi === lo) throw zeroRange('distance to maximum');
      for (let i = 0; i < n; i++) out[i] = (1 - (hi - x[i]!) / (hi - lo)) * s.scale;
      return out;
    }
    case 'distToRef': {
      const k = ctx.units.indexOf(s.unit);
      if (k < 0) throw new AssessmentError('UNKNOWN_REFERENCE', `Reference unit ${s.unit} for indicator ${ctx.indicator} is not in the data.`, { unit: s.unit, indicator: ctx.indicator, field: 'unit' });
      const ref = x[k]!;
      if (Number.isNaN(ref)) throw new AssessmentError('DATA_INVALID', `Reference unit ${s.unit} has no value for indicator ${ctx.indicator}.`, { unit: s.unit, indicator: ctx.indicator, field: 'unit' });
      return distanceTo(x, ref, s.cap, s.scale, ctx, zeroRange);
    }
    case 'distToTarget': {
      const t = s.target ?? ctx.target;
      if (t === undefined || t === null) throw new AssessmentError('MISSING_TARGET', `Indicator ${ctx.indicator} has no target for distance to target.`, { indicator: ctx.indicator, field: 'target' });
      return distanceTo(x, t * direction, s.cap, s.scale, ctx, zeroRange);
    }
    case 'fracMax': {
      // x / max for higher-is-better; min / x for lower-is-better, both in (0, 1] for positive data.
      const raw = x0;
      const best = direction === 1 ? max(raw) : min(raw);
      if (best === 0) throw zeroRange('fraction of maximum');
      for (let i = 0; i < n; i++) {
        const v = raw[i]!;
        if (direction === -1 && v === 0) throw new AssessmentError('DATA_INVALID', `Indicator ${ctx.indicator} is 0 for unit ${ctx.units[i]}, so min/x is undefined.`, { unit: ctx.units[i]!, indicator: ctx.indicator });
        out[i] = (direction === 1 ? v / best : best / v) * s.scale;
      }
      return out;
    }
    case 'goalposts': {
      const span = s.upper - s.lower;
      for (let i = 0; i < n; i++) {
        const v = x0[i]!;
        let y = direction === 1 ? (v - s.lower) / span : (s.upper - v) / span;
        if (s.truncate) y = Math.min(1, Math.max(0, y));
        out[i] = y * s.scale;
      }
      return out;
    }
    case 'efficacy': {
      // 功效系数法: base + span·(x − 不允许值)/(满意值 − 不允许值); without given values the observed worst
      // and best are used, which with base 40, span 60 is the "40 + 60·min-max" variant.
      const worst = s.unacceptable ?? (direction === 1 ? min(x0) : max(x0));
      const best = s.satisfactory ?? (direction === 1 ? max(x0) : min(x0));
      if (best === worst) throw zeroRange('the efficacy coefficient');
      for (let i = 0; i < n; i++) {
        let r = (x0[i]! - worst) / (best - worst);
        if (s.cap) r = Math.min(1, Math.max(0, r));
        out[i] = s.base + s.span * r;
      }
      return out;
    }
    case 'targetCompletion': {
      // 目标完成度: actual/target × full marks (target/actual when lower is better), optionally capped.
      const t = s.target ?? ctx.target;
      if (t === undefined || t === null || t === 0) {
        throw new AssessmentError('MISSING_TARGET', `Indicator ${ctx.indicator} needs a non-zero target for target completion.`, { indicator: ctx.indicator, field: 'target' });
      }
      for (let i = 0; i < n; i++) {
        const v = x0[i]!;
        if (Number.isNaN(v)) {
          out[i] = NaN;
          continue;
        }
        let ratio: number;
        if (direction === 1) ratio = v / t;
        else if (v === 0) {
          if (s.cap === null) throw new AssessmentError('DATA_INVALID', `Indicator ${ctx.indicator} is 0 for unit ${ctx.units[i]}; target/actual needs a cap.`, { unit: ctx.units[i]!, indicator: ctx.indicator, field: 'cap' });
          ratio = s.cap;
        } else ratio = t / v;
        if (s.cap !== null) ratio = Math.min(ratio, s.cap);
        out[i] = ratio * s.fullMarks;
      }
      return out;
    }
    case 'rankPoints': {
      // 排名赋分: the best gets full marks, each place below loses `step`; tied units share a place.
      const r = rankAscendingMin(x.map((v) => -v));
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(r[i]!) ? NaN : Math.max(s.floor, s.fullMarks - (r[i]! - 1) * s.step);
      return out;
    }
  }
}

function distanceTo(x: Float64Array, ref: number, cap: boolean, scale: number, ctx: NormaliseContext, zeroRange: (w: string) => AssessmentError): Float64Array {
  const lo = min(x);
  if (ref === lo) throw zeroRange('distance to the reference');
  return mapColumn(x, (v) => {
    let y = 1 - (ref - v) / (ref - lo);
    if (cap && y > 1) y = 1;
    return y * scale;
  });
}

export function settingsFor(step: NormaliseStep, code: string): NormaliseSettings {
  return step.indicators[code] ?? step.global;
}

export function normalise(frame: Frame, tree: IndicatorTree, step: NormaliseStep): Frame {
  const cols = new Map<string, Float64Array>();
  for (const code of tree.indicators) {
    const node = tree.nodes.get(code)!;
    cols.set(
      code,
      normaliseColumn(frame.cols.get(code)!, tree.direction.get(code)!, settingsFor(step, code), { indicator: code, units: frame.units, target: node.target ?? null }),
    );
  }
  return { units: [...frame.units], cols };
}
