import { AssessmentError } from './errors.ts';
import { selectRows, type Frame } from './frame.ts';
import type { StepSpec } from './spec.ts';
import type { IndicatorTree } from './tree.ts';

type ScreenStep = Extract<StepSpec, { step: 'screen' }>;

export interface ScreenRecord {
  unit: string;
  dataShare: number;
  included: boolean;
  forced: boolean;
}

/**
 * Screens units by data availability as COINr's Screen(unit_screen = "byNA"): a unit's share is
 * 1 − (missing indicators / all indicators); it is removed when the share is below
 * minDataShare. force.include / force.exclude override the rule.
 */
export function screen(frame: Frame, tree: IndicatorTree, step: ScreenStep): { frame: Frame; records: ScreenRecord[] } {
  const known = new Set(frame.units);
  for (const [field, list] of [['force.include', step.force.include], ['force.exclude', step.force.exclude]] as const) {
    for (const u of list) {
      if (!known.has(u)) throw new AssessmentError('UNKNOWN_REFERENCE', `Screen ${field} names unit ${u}, which is not in the data.`, { unit: u, field });
    }
  }
  const n = tree.indicators.length;
  const missing = new Array<number>(frame.units.length).fill(0);
  for (const code of tree.indicators) {
    const c = frame.cols.get(code)!;
    for (let i = 0; i < c.length; i++) if (Number.isNaN(c[i]!)) missing[i]!++;
  }
  const records: ScreenRecord[] = [];
  const keep: number[] = [];
  frame.units.forEach((u, i) => {
    const dataShare = 1 - missing[i]! / n;
    let included = !(dataShare < step.minDataShare);
    let forced = false;
    if (step.force.include.includes(u)) {
      included = true;
      forced = true;
    }
    if (step.force.exclude.includes(u)) {
      included = false;
      forced = true;
    }
    records.push({ unit: u, dataShare, included, forced });
    if (included) keep.push(i);
  });
  return { frame: selectRows(frame, keep), records };
}
