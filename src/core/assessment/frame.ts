import { AssessmentError } from './errors.ts';
import type { PeriodData } from './model.ts';

/**
 * A data set of one period: one row per unit, one Float64Array column per indicator (or
 * aggregate). NaN marks a missing value; it never leaves the engine (results carry null).
 */
export interface Frame {
  units: string[];
  cols: Map<string, Float64Array>;
}

export function emptyFrame(units: string[]): Frame {
  return { units: [...units], cols: new Map() };
}

/** A new frame sharing the column arrays (steps replace columns, never write into them). */
export function shallowFrame(f: Frame): Frame {
  return { units: [...f.units], cols: new Map(f.cols) };
}

export function cloneFrame(f: Frame): Frame {
  const cols = new Map<string, Float64Array>();
  for (const [k, v] of f.cols) cols.set(k, v.slice());
  return { units: [...f.units], cols };
}

export function column(f: Frame, code: string): Float64Array {
  const c = f.cols.get(code);
  if (c === undefined) throw new AssessmentError('UNKNOWN_REFERENCE', `No column ${code} in the data.`, { indicator: code });
  return c;
}

export function selectRows(f: Frame, keep: readonly number[]): Frame {
  if (keep.length === f.units.length && keep.every((k, i) => k === i)) return { units: [...f.units], cols: new Map(f.cols) };
  const cols = new Map<string, Float64Array>();
  for (const [k, v] of f.cols) {
    const c = new Float64Array(keep.length);
    for (let i = 0; i < keep.length; i++) c[i] = v[keep[i]!]!;
    cols.set(k, c);
  }
  return { units: keep.map((i) => f.units[i]!), cols };
}

/** Reads one cell, rejecting anything that is neither a finite number nor missing. */
export function readCell(v: unknown, unit: string, indicator: string, period: string): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v !== 'number') {
    throw new AssessmentError('NON_NUMERIC', `Value of indicator ${indicator} for unit ${unit} (period ${period}) is not a number: ${JSON.stringify(v)}.`, {
      unit,
      indicator,
      period,
      field: 'value',
      value: v,
    });
  }
  if (!Number.isFinite(v)) {
    throw new AssessmentError('NON_FINITE', `Value of indicator ${indicator} for unit ${unit} (period ${period}) is ${String(v)}; use null for a missing value.`, {
      unit,
      indicator,
      period,
      field: 'value',
      value: v,
    });
  }
  return v;
}

/** Builds the raw frame of a period for the given units and indicators. */
export function frameFromPeriod(p: PeriodData, units: readonly string[], indicators: readonly string[]): Frame {
  const cols = new Map<string, Float64Array>();
  if (p.columns !== undefined) {
    const n = units.length;
    const order = p.columnUnits ?? units;
    const at = new Map(order.map((u, k) => [u, k]));
    const rows = Int32Array.from(units, (u) => at.get(u) ?? -1);
    let identity = true;
    for (let i = 0; i < n; i++) if (rows[i] !== i) identity = false;
    // Every column is a view of one block: one allocation per period instead of one per indicator.
    const block = new Float64Array(indicators.length * n);
    for (let k = 0; k < indicators.length; k++) {
      const code = indicators[k]!;
      const src = p.columns[code];
      const c = block.subarray(k * n, (k + 1) * n);
      if (src !== undefined && identity && src.length >= n) {
        for (let i = 0; i < n; i++) {
          const v = src[i];
          c[i] = typeof v === 'number' && Number.isFinite(v) ? v : readCell(v, units[i]!, code, p.period);
        }
      } else {
        for (let i = 0; i < n; i++) {
          const r = rows[i]!;
          const v = src === undefined || r < 0 ? null : src[r];
          c[i] = typeof v === 'number' && Number.isFinite(v) ? v : readCell(v, units[i]!, code, p.period);
        }
      }
      cols.set(code, c);
    }
    return { units: [...units], cols };
  }
  for (const code of indicators) cols.set(code, new Float64Array(units.length));
  units.forEach((u, i) => {
    const row = p.values?.[u] ?? {};
    for (const code of indicators) cols.get(code)![i] = readCell(row[code], u, code, p.period);
  });
  return { units: [...units], cols };
}
