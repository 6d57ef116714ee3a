import { AssessmentError } from './errors.ts';
import { cloneFrame, readCell, type Frame } from './frame.ts';
import type { PeriodData } from './model.ts';
import type { StepSpec } from './spec.ts';
import type { IndicatorTree } from './tree.ts';

type DenominateStep = Extract<StepSpec, { step: 'denominate' }>;

/**
 * Divides each indicator that names a denominator by that variable: x / (d / scaleFactor), as
 * COINr's Denominate(). A missing denominator gives a missing value; a zero one is an error.
 */
export function denominate(frame: Frame, tree: IndicatorTree, period: PeriodData, step: DenominateStep): Frame {
  const out = cloneFrame(frame);
  for (const code of tree.indicators) {
    const override = step.indicators[code];
    const denom = override !== undefined ? override.denominator : (tree.nodes.get(code)!.denominator ?? null);
    if (denom === null || denom === undefined) continue;
    const scale = override?.scaleFactor ?? step.scaleFactor;
    const x = out.cols.get(code)!;
    out.units.forEach((u, i) => {
      const table = period.denominators?.[u];
      if (table === undefined || !(denom in table)) {
        throw new AssessmentError('UNKNOWN_REFERENCE', `Denominator ${denom} of indicator ${code} is not given for unit ${u} (period ${period.period}).`, {
          unit: u,
          indicator: code,
          period: period.period,
          field: 'denominator',
        });
      }
      const d = readCell(table[denom], u, denom, period.period);
      if (Number.isNaN(x[i]!) || Number.isNaN(d)) {
        x[i] = NaN;
        return;
      }
      if (d === 0) {
        throw new AssessmentError('DATA_INVALID', `Denominator ${denom} is 0 for unit ${u}, so indicator ${code} cannot be denominated (period ${period.period}).`, {
          unit: u,
          indicator: code,
          period: period.period,
          field: 'denominator',
        });
      }
      x[i] = x[i]! / (d / scale);
    });
  }
  return out;
}
