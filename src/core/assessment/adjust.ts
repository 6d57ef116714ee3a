import { AssessmentError } from './errors.ts';
import type { Adjustment, Veto } from './model.ts';
import type { StepSpec } from './spec.ts';

type AdjustStep = Extract<StepSpec, { step: 'adjust' }>;

export interface AdjustmentOutcome {
  bonus: number[];
  penalty: number[];
  vetoes: string[][];
  score: Float64Array;
}

/**
 * Bonus and penalty points (加分/扣分): points of one item are summed and capped by itemCaps, then
 * all bonuses are capped by bonusCap and all penalties by penaltyCap; score = base + bonus −
 * penalty. A failed veto item (一票否决) caps the score at veto.scoreCap (the tier cap is applied
 * when tiers are assigned).
 */
export function applyAdjustments(
  units: readonly string[],
  base: ArrayLike<number>,
  adjustments: readonly Adjustment[],
  vetoes: readonly Veto[],
  step: AdjustStep,
): AdjustmentOutcome {
  const index = new Map(units.map((u, i) => [u, i]));
  const perItem = units.map(() => new Map<string, { bonus: number; penalty: number }>());
  adjustments.forEach((a, k) => {
    const i = index.get(a.unit);
    if (i === undefined) throw new AssessmentError('UNKNOWN_REFERENCE', `Adjustment ${k} names unit ${a.unit}, which is not assessed.`, { unit: a.unit, field: `adjustments[${k}].unit` });
    if (typeof a.points !== 'number' || !Number.isFinite(a.points) || a.points < 0) {
      throw new AssessmentError('DATA_INVALID', `Adjustment ${k} for unit ${a.unit} must have points ≥ 0 (kind says bonus or penalty), got ${String(a.points)}.`, {
        unit: a.unit,
        field: `adjustments[${k}].points`,
      });
    }
    const item = a.item ?? '';
    const m = perItem[i]!;
    const cur = m.get(item) ?? { bonus: 0, penalty: 0 };
    cur[a.kind] += a.points;
    m.set(item, cur);
  });
  const vetoList = units.map(() => [] as string[]);
  vetoes.forEach((v, k) => {
    const i = index.get(v.unit);
    if (i === undefined) throw new AssessmentError('UNKNOWN_REFERENCE', `Veto ${k} names unit ${v.unit}, which is not assessed.`, { unit: v.unit, field: `vetoes[${k}].unit` });
    vetoList[i]!.push(v.item);
  });
  const bonus: number[] = [];
  const penalty: number[] = [];
  const score = new Float64Array(units.length);
  units.forEach((_, i) => {
    let b = 0;
    let p = 0;
    for (const [item, v] of perItem[i]!) {
      const cap = step.itemCaps[item];
      b += cap === undefined ? v.bonus : Math.min(v.bonus, cap);
      p += cap === undefined ? v.penalty : Math.min(v.penalty, cap);
    }
    if (step.bonusCap !== null) b = Math.min(b, step.bonusCap);
    if (step.penaltyCap !== null) p = Math.min(p, step.penaltyCap);
    bonus.push(b);
    penalty.push(p);
    let s = base[i]! + b - p;
    if (vetoList[i]!.length > 0 && step.veto.scoreCap !== null && !Number.isNaN(s)) s = Math.min(s, step.veto.scoreCap);
    score[i] = s;
  });
  return { bonus, penalty, vetoes: vetoList, score };
}
