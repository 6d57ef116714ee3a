// Turns a scheme and reviewed values into the engine's input and pipeline spec, one category at a
// time (units are ranked only within their category). The server computes results with it and
// the browser's what-if panel reruns it with changed weights or methods: the same code in both.
import type { AssessmentInput, Adjustment, TreeNode, Veto } from '../assessment/model.ts';
import type { PipelineSpecInput } from '../assessment/spec.ts';
import type { SchemeCategory, SchemeContent } from './scheme.ts';

/** The engine's code of the implicit root: the unit's total score. */
export const totalCode = 'TOTAL';

export interface CategoryPeriodData {
  period: string;
  /** values[unitCode][indicatorCode]; absent or null = no reviewed value. */
  values: Record<string, Record<string, number | null>>;
}

export interface CategoryRoundData {
  units: { code: string; name: string }[];
  periods: CategoryPeriodData[];
  adjustments: Adjustment[];
  vetoes: Veto[];
}

/** What the engine is run on for one category: kept whole in a published snapshot. */
export interface CategoryRun {
  categoryCode: string;
  input: AssessmentInput;
  spec: PipelineSpecInput;
}

/** Indicators that have at least one value in every period given: the ones that can be scored. */
export function scoredIndicators(category: SchemeCategory, periods: CategoryPeriodData[]): Set<string> {
  const out = new Set<string>();
  for (const n of category.nodes) {
    if (n.kind !== 'indicator') continue;
    if (periods.every((p) => Object.values(p.values).some((row) => row[n.code] != null))) out.add(n.code);
  }
  return out;
}

/** The category's tree for the engine, keeping only the given indicators and the dimensions above them. */
export function engineTree(category: SchemeCategory, indicators: Set<string>): TreeNode[] {
  const keep = new Set<string>();
  const byCode = new Map(category.nodes.map((n) => [n.code, n]));
  for (const code of indicators) {
    for (let c: string | null = code; c !== null && !keep.has(c); c = byCode.get(c)?.parent ?? null) keep.add(c);
  }
  const tree: TreeNode[] = [{ code: totalCode, name: '综合得分', parent: null, weight: 1 }];
  for (const n of category.nodes) {
    if (!keep.has(n.code)) continue;
    tree.push({
      code: n.code, name: n.name, parent: n.parent ?? totalCode, weight: n.weight,
      ...(n.kind === 'indicator' ? { direction: n.direction ?? 1, target: n.target ?? null, kind: 'indicator' as const } : { kind: 'aggregate' as const }),
    });
  }
  return tree;
}

/** The pipeline spec of a category: scoring methods per indicator, manual weights, arithmetic means, caps, tiers. */
export function engineSpec(content: SchemeContent, category: SchemeCategory, indicators: Set<string>): PipelineSpecInput {
  const perIndicator: Record<string, unknown> = {};
  for (const n of category.nodes) if (n.kind === 'indicator' && n.method && indicators.has(n.code)) perIndicator[n.code] = n.method;
  const a = content.adjustment;
  return {
    version: 1,
    steps: [
      { step: 'normalise', global: content.defaultMethod, indicators: perIndicator as never },
      { step: 'weight', method: 'manual' },
      { step: 'aggregate', global: { method: 'arithmetic' } },
      { step: 'adjust', bonusCap: a.bonusCap, penaltyCap: a.penaltyCap, itemCaps: a.itemCaps, veto: { scoreCap: a.vetoScoreCap, tierCap: content.tiers ? a.vetoTierCap : null } },
      { step: 'rank', ...(content.tiers ? { tiers: content.tiers } : {}) },
    ],
  };
}

/**
 * Fills values missing after review by the scheme's rule: 'worst' gives the category's worst value
 * of the period (so not reporting never pays), 'exclude' leaves them out of the unit's means.
 */
function fillMissing(content: SchemeContent, category: SchemeCategory, p: CategoryPeriodData, units: string[], indicators: Set<string>): CategoryPeriodData {
  if (content.missingValue === 'exclude') return p;
  const values: Record<string, Record<string, number | null>> = {};
  for (const u of units) values[u] = { ...(p.values[u] ?? {}) };
  for (const n of category.nodes) {
    if (!indicators.has(n.code)) continue;
    let worst: number | null = null;
    for (const u of units) {
      const v = p.values[u]?.[n.code];
      if (v == null) continue;
      if (worst === null || ((n.direction ?? 1) === 1 ? v < worst : v > worst)) worst = v;
    }
    for (const u of units) if (values[u]![n.code] == null) values[u]![n.code] = worst;
  }
  return { period: p.period, values };
}

/** Builds the engine run of one category for one period (季季评) or several periods of one tree. */
export function categoryRun(content: SchemeContent, categoryCode: string, data: CategoryRoundData): CategoryRun {
  const category = content.categories.find((c) => c.categoryCode === categoryCode);
  if (!category) throw new Error(`category ${categoryCode} is not in the scheme`);
  const indicators = scoredIndicators(category, data.periods);
  const unitCodes = data.units.map((u) => u.code);
  const input: AssessmentInput = {
    tree: engineTree(category, indicators),
    units: data.units.map((u) => ({ code: u.code, name: u.name })),
    periods: data.periods.map((p) => fillMissing(content, category, p, unitCodes, indicators)),
    adjustments: data.adjustments,
    vetoes: data.vetoes,
  };
  return { categoryCode, input, spec: engineSpec(content, category, indicators) };
}

/**
 * The year's result (过程考核) from the period results: each period's total score before
 * adjustments is an input weighted by the period weight (missing periods drop out and the rest is
 * renormalised), then the year's bonuses, penalties, vetoes, ranks and tiers apply.
 */
export function yearRun(content: SchemeContent, categoryCode: string, units: { code: string; name: string }[],
  periodScores: { period: string; scores: Record<string, number | null> }[], adjustments: Adjustment[], vetoes: Veto[]): CategoryRun {
  const a = content.adjustment;
  const weights = new Map(content.periods.map((p) => [p.code, p.weight]));
  const present = periodScores.filter((p) => Object.values(p.scores).some((v) => v != null));
  const tree: TreeNode[] = [{ code: totalCode, name: '年度综合得分', parent: null, weight: 1 },
    ...present.map((p) => ({ code: p.period, name: p.period, parent: totalCode, weight: weights.get(p.period) ?? 0, direction: 1 as const, kind: 'indicator' as const }))];
  const values: Record<string, Record<string, number | null>> = {};
  for (const u of units) values[u.code] = Object.fromEntries(present.map((p) => [p.period, p.scores[u.code] ?? null]));
  return {
    categoryCode,
    input: { tree, units: units.map((u) => ({ code: u.code, name: u.name })), periods: [{ period: 'YEAR', values }], adjustments, vetoes },
    spec: {
      version: 1,
      steps: [
        { step: 'normalise', global: { method: 'none' } },
        { step: 'weight', method: 'manual' },
        { step: 'aggregate', global: { method: 'arithmetic' } },
        { step: 'adjust', bonusCap: a.bonusCap, penaltyCap: a.penaltyCap, itemCaps: a.itemCaps, veto: { scoreCap: a.vetoScoreCap, tierCap: content.tiers ? a.vetoTierCap : null } },
        { step: 'rank', ...(content.tiers ? { tiers: content.tiers } : {}) },
      ],
    },
  };
}
