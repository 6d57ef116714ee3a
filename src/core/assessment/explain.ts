import { aggregateNode, aggregateSettingsFor } from './aggregate.ts';
import { AssessmentError } from './errors.ts';
import type { AssessmentResult, PeriodOutcome } from './pipeline.ts';
import { rankDescending } from './rank-tier.ts';
import { findStep } from './spec.ts';
import { pick } from './stats.ts';

export interface Contribution {
  indicator: string;
  /** Normalised value of the indicator for the unit (null when missing). */
  value: number | null;
  /** The indicator's share of the unit's score after missing siblings dropped out (exact method). */
  weight: number | null;
  /** Points of the score owed to the indicator. */
  contribution: number;
}

export interface ScoreExplanation {
  unit: string;
  period: string;
  node: string;
  score: number | null;
  /**
   * 'exact' when every aggregation under the node is the weighted arithmetic mean: the
   * contributions add up to the score. Otherwise 'leave-one-out': score minus the score
   * recomputed without the indicator (weights renormalised); these need not add up.
   */
  method: 'exact' | 'leave-one-out';
  contributions: Contribution[];
}

export interface RankDriver {
  indicator: string;
  valueFrom: number | null;
  valueTo: number | null;
  contributionFrom: number;
  contributionTo: number;
  contributionChange: number;
  /** Mean contribution change of the other units of the category present in both periods. */
  peerMeanChange: number;
  /** contributionChange − peerMeanChange: what moved the unit against its peers. */
  relativeChange: number;
  /** The unit's rank in the later period had this indicator kept its earlier normalised value. */
  rankIfUnchanged: number | null;
}

export interface RankChangeExplanation {
  unit: string;
  from: { period: string; rank: number | null; score: number | null };
  to: { period: string; rank: number | null; score: number | null };
  scoreChange: number | null;
  /** Most harmful first (lowest relativeChange). */
  drivers: RankDriver[];
}

function periodOf(result: AssessmentResult, period: string | undefined): PeriodOutcome {
  const p = period === undefined ? result.periods.at(-1) : result.periods.find((x) => x.period === period);
  if (p === undefined) throw new AssessmentError('UNKNOWN_REFERENCE', `Period ${period} is not in the result.`, { period: period!, field: 'period' });
  return p;
}

function rowOf(p: PeriodOutcome, unit: string): number {
  const i = p.units.indexOf(unit);
  if (i < 0) throw new AssessmentError('UNKNOWN_REFERENCE', `Unit ${unit} has no score in period ${p.period} (not in the data or screened out).`, { unit, period: p.period });
  return i;
}

/** Indicators under a node, in tree order. */
function leavesUnder(result: AssessmentResult, node: string): string[] {
  const { tree } = result;
  const kids = tree.children.get(node);
  if (kids === undefined) throw new AssessmentError('UNKNOWN_REFERENCE', `No node ${node} in the tree.`, { indicator: node });
  if (kids.length === 0) return [node];
  return kids.flatMap((k) => leavesUnder(result, k));
}

/** Re-evaluates one unit's node score from leaf values (NaN = missing), with the period's weights. */
function evaluate(result: AssessmentResult, p: PeriodOutcome, node: string, unit: string, leaf: (code: string) => number): number {
  const { tree } = result;
  const kids = tree.children.get(node)!;
  if (kids.length === 0) return leaf(node);
  const settings = aggregateSettingsFor(findStep(result.spec, 'aggregate'), tree, node);
  if (settings.method === 'copeland') {
    throw new AssessmentError('SPEC_INVALID', `Node ${node} uses Copeland aggregation, which ranks units against each other; a single unit's score cannot be explained.`, { indicator: node, field: 'method' });
  }
  const cols = kids.map((k) => Float64Array.of(evaluate(result, p, k, unit, leaf)));
  return aggregateNode(node, kids, cols, p.weights.get(node)!, settings, [unit])[0]!;
}

function isArithmeticBelow(result: AssessmentResult, node: string): boolean {
  const { tree } = result;
  const kids = tree.children.get(node)!;
  if (kids.length === 0) return true;
  const s = aggregateSettingsFor(findStep(result.spec, 'aggregate'), tree, node);
  const linear = s.method === 'arithmetic' || (s.method === 'generalised' && s.p === 1);
  return linear && kids.every((k) => isArithmeticBelow(result, k));
}

/** Each indicator's contribution to a unit's score of a node (the index by default). */
export function explainScore(result: AssessmentResult, unit: string, options: { period?: string; node?: string } = {}): ScoreExplanation {
  const p = periodOf(result, options.period);
  const node = options.node ?? result.tree.root;
  const i = rowOf(p, unit);
  const scores = p.internal.scores;
  const value = (code: string): number => scores.get(code)![i]!;
  const leaves = leavesUnder(result, node);
  const score = value(node);
  if (isArithmeticBelow(result, node)) {
    const share = new Map<string, number>();
    const walk = (code: string, w: number): void => {
      const kids = result.tree.children.get(code)!;
      if (kids.length === 0) {
        share.set(code, w);
        return;
      }
      const weights = p.weights.get(code)!;
      let present = 0;
      kids.forEach((k, j) => {
        if (!Number.isNaN(value(k))) present += weights[j]!;
      });
      kids.forEach((k, j) => walk(k, Number.isNaN(value(k)) || !(present > 0) ? 0 : (w * weights[j]!) / present));
    };
    walk(node, 1);
    return {
      unit,
      period: p.period,
      node,
      score: nullable(score),
      method: 'exact',
      contributions: leaves.map((c) => {
        const v = value(c);
        const w = share.get(c)!;
        return { indicator: c, value: nullable(v), weight: Number.isNaN(v) ? null : w, contribution: Number.isNaN(v) ? 0 : w * v };
      }),
    };
  }
  return {
    unit,
    period: p.period,
    node,
    score: nullable(score),
    method: 'leave-one-out',
    contributions: leaves.map((c) => {
      const v = value(c);
      const without = evaluate(result, p, node, unit, (code) => (code === c ? NaN : value(code)));
      return { indicator: c, value: nullable(v), weight: null, contribution: Number.isNaN(v) || Number.isNaN(without) ? 0 : score - without };
    }),
  };
}

/**
 * Why did a unit's rank change between two periods? Compares each indicator's contribution in
 * both periods with the average change of the unit's peers (same category), and recomputes the
 * later rank as if the indicator had kept its earlier value. Ranks here are period ranks of the
 * index score (before adjustments), within the category, with the rank step's tie rule.
 */
export function explainRankChange(result: AssessmentResult, unit: string, options: { from?: string; to?: string } = {}): RankChangeExplanation {
  const to = periodOf(result, options.to);
  const toIndex = result.periods.indexOf(to);
  const from = options.from !== undefined ? periodOf(result, options.from) : result.periods[toIndex - 1];
  if (from === undefined) throw new AssessmentError('UNKNOWN_REFERENCE', `Period ${to.period} has no previous period to compare with.`, { period: to.period, field: 'from' });
  const root = result.tree.root;
  const tol = findStep(result.spec, 'rank')?.tieTolerance ?? 1e-9;
  const categoryOf = new Map(result.units.map((u) => [u.unit, u.category]));
  const cat = categoryOf.get(unit) ?? null;
  const peersOf = (p: PeriodOutcome): number[] => p.units.map((_, i) => i).filter((i) => (categoryOf.get(p.units[i]!) ?? null) === cat);
  const rankIn = (p: PeriodOutcome, scores: Float64Array, idx: number[]): Float64Array => rankDescending(pick(scores, idx), idx.map((i) => p.units[i]!), tol);
  const rankOf = (p: PeriodOutcome): number | null => {
    const idx = peersOf(p);
    const r = rankIn(p, p.internal.scores.get(root)!, idx);
    const k = idx.indexOf(rowOf(p, unit));
    return nullable(r[k]!);
  };
  const iFrom = rowOf(from, unit);
  const iTo = rowOf(to, unit);
  const expFrom = explainScore(result, unit, { period: from.period });
  const expTo = explainScore(result, unit, { period: to.period });
  const contribution = (e: ScoreExplanation, c: string): number => e.contributions.find((x) => x.indicator === c)!.contribution;

  // Peers present in both periods (other than the unit), for the average change: the category's
  // total change is the same for every unit asked about, so it is computed once per result.
  const members = peersOf(to).map((i) => to.units[i]!).filter((u) => from.units.includes(u));
  const totals = categoryChange(result, `${from.period}>${to.period}:${cat}`, members, from.period, to.period);
  const peerCount = members.length - (members.includes(unit) ? 1 : 0);

  const toScores = to.internal.scores;
  const fromScores = from.internal.scores;
  const toIdx = peersOf(to);
  const drivers: RankDriver[] = result.tree.indicators.map((c) => {
    const cf = contribution(expFrom, c);
    const ct = contribution(expTo, c);
    const own = members.includes(unit) ? ct - cf : 0;
    const peerMeanChange = peerCount === 0 ? 0 : (totals.get(c)! - own) / peerCount;
    const counter = evaluate(result, to, root, unit, (code) => (code === c ? fromScores.get(c)![iFrom]! : toScores.get(code)![iTo]!));
    const scores = toScores.get(root)!.slice();
    scores[iTo] = counter;
    const r = rankIn(to, scores, toIdx);
    return {
      indicator: c,
      valueFrom: nullable(fromScores.get(c)![iFrom]!),
      valueTo: nullable(toScores.get(c)![iTo]!),
      contributionFrom: cf,
      contributionTo: ct,
      contributionChange: ct - cf,
      peerMeanChange,
      relativeChange: ct - cf - peerMeanChange,
      rankIfUnchanged: nullable(r[toIdx.indexOf(iTo)]!),
    };
  });
  drivers.sort((a, b) => a.relativeChange - b.relativeChange);
  const sFrom = nullable(fromScores.get(root)![iFrom]!);
  const sTo = nullable(toScores.get(root)![iTo]!);
  return {
    unit,
    from: { period: from.period, rank: rankOf(from), score: sFrom },
    to: { period: to.period, rank: rankOf(to), score: sTo },
    scoreChange: sFrom === null || sTo === null ? null : sTo - sFrom,
    drivers,
  };
}

const categoryChanges = new WeakMap<AssessmentResult, Map<string, Map<string, number>>>();

/** Per indicator, the sum over `members` of the change of its contribution between two periods. */
function categoryChange(result: AssessmentResult, key: string, members: string[], from: string, to: string): Map<string, number> {
  let byKey = categoryChanges.get(result);
  if (!byKey) categoryChanges.set(result, (byKey = new Map()));
  const known = byKey.get(key);
  if (known) return known;
  const totals = new Map(result.tree.indicators.map((c) => [c, 0]));
  for (const u of members) {
    const before = explainScore(result, u, { period: from });
    const after = explainScore(result, u, { period: to });
    for (const x of after.contributions) totals.set(x.indicator, totals.get(x.indicator)! + x.contribution);
    for (const x of before.contributions) totals.set(x.indicator, totals.get(x.indicator)! - x.contribution);
  }
  byKey.set(key, totals);
  return totals;
}

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
