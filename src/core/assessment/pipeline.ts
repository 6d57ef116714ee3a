import { applyAdjustments } from './adjust.ts';
import { aggregateNode, aggregateSettingsFor } from './aggregate.ts';
import { denominate } from './denominate.ts';
import { AssessmentError } from './errors.ts';
import { frameFromPeriod, type Frame } from './frame.ts';
import { impute, type ImputationRecord } from './impute.ts';
import type { AssessmentInput } from './model.ts';
import { normalise } from './normalise.ts';
import { treat, type TreatmentRecord } from './outliers.ts';
import { combinePeriods } from './periods.ts';
import { assignTiers, rankDescending } from './rank-tier.ts';
import { screen, type ScreenRecord } from './screen.ts';
import { findStep, parsePipelineSpec, type PipelineSpec, type StepSpec } from './spec.ts';
import { topsis } from './topsis.ts';
import { pick } from './stats.ts';
import { buildTree, type IndicatorTree } from './tree.ts';
import { childWeights, effectiveWeights } from './weights.ts';

export interface PeriodOutcome {
  period: string;
  /** Units kept after screening, in input order. */
  units: string[];
  screening: ScreenRecord[];
  imputations: ImputationRecord[];
  treatments: TreatmentRecord[];
  /** Child weights (summing to 1) of every aggregate, in the tree's child order. */
  weights: Map<string, number[]>;
  /** Each node's real share in the index. */
  effectiveWeights: Map<string, number>;
  /** TOPSIS closeness per unit (in `units` order), when the spec has a topsis step. */
  topsis: (number | null)[] | null;
  /** Engine state: frames after each stage and node scores; NaN marks missing values here. */
  internal: {
    stages: Map<string, Frame>;
    /** The data after the data steps (denominate, impute, screen, treat). */
    prepared: Frame;
    /** Normalised indicators and aggregates. */
    scores: Map<string, Float64Array>;
  };
}

export interface UnitResult {
  unit: string;
  category: string | null;
  /** The index score before adjustments (combined over periods when combinePeriods is used). */
  baseScore: number | null;
  bonus: number;
  penalty: number;
  vetoes: string[];
  /** The score that is ranked: baseScore + bonus − penalty, capped by a veto. */
  score: number | null;
  /** Rank within the unit's category. */
  rank: number | null;
  tier: string | null;
  topsis: number | null;
}

export interface AssessmentResult {
  spec: PipelineSpec;
  tree: IndicatorTree;
  periods: PeriodOutcome[];
  /** One entry per unit with a final score, by category then rank; units without a score last. */
  units: UnitResult[];
  /** Node values behind the final ranking (combined over periods, or the last period). */
  internal: { finalUnits: string[]; finalScores: Map<string, Float64Array> };
}

type Step<N extends StepSpec['step']> = Extract<StepSpec, { step: N }>;

/** Runs the data steps (denominate, impute, screen, treat) of one period in spec order. */
export function prepareData(
  input: AssessmentInput,
  tree: IndicatorTree,
  spec: PipelineSpec,
  periodIndex: number,
  earlierPrepared: readonly Map<string, Frame>[],
): { stages: Map<string, Frame>; prepared: Frame; screening: ScreenRecord[]; imputations: ImputationRecord[]; treatments: TreatmentRecord[] } {
  const p = input.periods[periodIndex]!;
  const units = input.units.map((u) => u.code);
  let frame = frameFromPeriod(p, units, tree.indicators);
  for (const code of tree.indicators) {
    if (!frame.cols.get(code)!.some((v) => !Number.isNaN(v))) {
      throw new AssessmentError('INDICATOR_ALL_MISSING', `Indicator ${code} has no value for any unit in period ${p.period}.`, { indicator: code, period: p.period });
    }
  }
  const groupIndex = new Map(input.units.map((u) => [u.code, u.groups ?? {}]));
  const stages = new Map<string, Frame>([['raw', frame]]);
  let screening: ScreenRecord[] = [];
  let imputations: ImputationRecord[] = [];
  let treatments: TreatmentRecord[] = [];
  for (const s of spec.steps) {
    if (s.step === 'denominate') frame = denominate(frame, tree, p, s);
    else if (s.step === 'impute') {
      const stageBefore = [...stages.keys()].at(-1)!;
      const earlier = earlierPrepared.map((m) => m.get(stageBefore)).filter((f): f is Frame => f !== undefined).reverse();
      const r = impute(frame, tree, s, {
        groupOf: (u, g) => {
          const groups = groupIndex.get(u)!;
          if (!(g in groups)) throw new AssessmentError('UNKNOWN_REFERENCE', `Unit ${u} has no group column ${g}.`, { unit: u, field: 'group' });
          return groups[g] ?? null;
        },
        earlier,
      });
      frame = r.frame;
      imputations = r.records;
    } else if (s.step === 'screen') {
      const r = screen(frame, tree, s);
      frame = r.frame;
      screening = r.records;
    } else if (s.step === 'treat') {
      const r = treat(frame, tree, s);
      frame = r.frame;
      treatments = r.records;
    } else continue;
    stages.set(s.step, frame);
  }
  return { stages, prepared: frame, screening, imputations, treatments };
}

export interface ScoreOptions {
  normalised?: Frame;
  weightOverride?: ReadonlyMap<string, number>;
  aggregateOverride?: Step<'aggregate'>;
}

/** Normalises, weights and aggregates level by level: children before parents. */
export function scoreFrame(
  prepared: Frame,
  tree: IndicatorTree,
  spec: PipelineSpec,
  options: ScoreOptions = {},
): { normalised: Frame; scores: Map<string, Float64Array>; weights: Map<string, number[]> } {
  const normStep = findStep(spec, 'normalise') ?? { step: 'normalise' as const, global: { method: 'none' as const }, indicators: {} };
  const normalised = options.normalised ?? normalise(prepared, tree, normStep);
  const weightStep = findStep(spec, 'weight');
  const aggStep = options.aggregateOverride ?? findStep(spec, 'aggregate');
  const scores = new Map<string, Float64Array>(normalised.cols);
  const weights = new Map<string, number[]>();
  for (const node of tree.aggregates) {
    const kids = tree.children.get(node)!;
    const cols = kids.map((k) => scores.get(k)!);
    const w = childWeights(tree, node, weightStep, () => cols, options.weightOverride);
    weights.set(node, w);
    scores.set(node, aggregateNode(node, kids, cols, w, aggregateSettingsFor(aggStep, tree, node), normalised.units));
  }
  return { normalised, scores, weights };
}

/** Runs the whole pipeline on validated input. */
export function runAssessment(input: AssessmentInput, specInput: unknown): AssessmentResult {
  const spec = parsePipelineSpec(specInput);
  const tree = buildTree(input.tree);
  if (input.periods.length === 0) throw new AssessmentError('DATA_INVALID', 'The data has no period.', { field: 'periods' });
  const seenUnits = new Set<string>();
  for (const u of input.units) {
    if (seenUnits.has(u.code)) throw new AssessmentError('DATA_INVALID', `Unit ${u.code} appears twice.`, { unit: u.code, field: 'units' });
    seenUnits.add(u.code);
  }
  const topsisStep = findStep(spec, 'topsis');
  const periods: PeriodOutcome[] = [];
  const earlier: Map<string, Frame>[] = [];
  input.periods.forEach((p, k) => {
    const d = prepareData(input, tree, spec, k, earlier);
    earlier.push(d.stages);
    const s = scoreFrame(d.prepared, tree, spec);
    const eff = effectiveWeights(tree, s.weights);
    let closeness: (number | null)[] | null = null;
    if (topsisStep !== undefined) {
      const r = topsis(
        tree.indicators.map((c) => d.prepared.cols.get(c)!),
        tree.indicators.map((c) => eff.get(c)!),
        tree.indicators.map((c) => tree.direction.get(c)!),
        topsisStep.normalisation,
        { units: d.prepared.units, criteria: tree.indicators },
      );
      closeness = r.closeness;
    }
    d.stages.set('normalise', s.normalised);
    periods.push({
      period: p.period,
      units: d.prepared.units,
      screening: d.screening,
      imputations: d.imputations,
      treatments: d.treatments,
      weights: s.weights,
      effectiveWeights: eff,
      topsis: closeness,
      internal: { stages: d.stages, prepared: d.prepared, scores: s.scores },
    });
  });

  const combineStep = findStep(spec, 'combinePeriods');
  const allCodes = [...tree.indicators, ...tree.aggregates];
  let finalUnits: string[];
  let finalScores: Map<string, Float64Array>;
  if (combineStep !== undefined) {
    finalUnits = input.units.map((u) => u.code).filter((u) => periods.some((p) => p.units.includes(u)));
    finalScores = combinePeriods(
      finalUnits,
      allCodes,
      periods.map((p) => ({ period: p.period, units: p.units, scores: p.internal.scores })),
      combineStep,
    );
  } else {
    const last = periods.at(-1)!;
    finalUnits = last.units;
    finalScores = last.internal.scores;
  }
  const units = finalRanking(input, tree, spec, finalUnits, finalScores, combineStep === undefined ? periods.at(-1)!.topsis : null);
  return { spec, tree, periods, units, internal: { finalUnits, finalScores } };
}

function finalRanking(
  input: AssessmentInput,
  tree: IndicatorTree,
  spec: PipelineSpec,
  units: string[],
  scores: Map<string, Float64Array>,
  topsisScores: (number | null)[] | null,
): UnitResult[] {
  const base = scores.get(tree.root)!;
  const adjustStep = findStep(spec, 'adjust');
  const rankStep = findStep(spec, 'rank') ?? { step: 'rank' as const, tieTolerance: 1e-9 };
  const adj = adjustStep
    ? applyAdjustments(units, base, input.adjustments ?? [], input.vetoes ?? [], adjustStep)
    : { bonus: units.map(() => 0), penalty: units.map(() => 0), vetoes: units.map(() => [] as string[]), score: base.slice() };
  const info = new Map(input.units.map((u) => [u.code, u]));
  const category = units.map((u) => {
    if (rankStep.category === undefined) return null;
    const g = info.get(u)!.groups ?? {};
    if (!(rankStep.category in g)) {
      throw new AssessmentError('UNKNOWN_REFERENCE', `Unit ${u} has no category column ${rankStep.category}.`, { unit: u, field: 'category' });
    }
    return g[rankStep.category] ?? null;
  });
  const ranks = new Float64Array(units.length).fill(NaN);
  const tiers: (string | null)[] = units.map(() => null);
  const groups = new Map<string | null, number[]>();
  category.forEach((c, i) => {
    let list = groups.get(c);
    if (list === undefined) groups.set(c, (list = []));
    list.push(i);
  });
  const tierCap = adjustStep?.veto.tierCap ?? null;
  const tierBands = rankStep.tiers;
  if (tierCap !== null && tierBands !== undefined && !tierBands.bands.some((b) => b.name === tierCap)) {
    throw new AssessmentError('SPEC_INVALID', `adjust.veto.tierCap ${tierCap} is not one of the rank step's tiers.`, { field: 'veto.tierCap' });
  }
  for (const idx of groups.values()) {
    const s = pick(adj.score, idx);
    const r = rankDescending(s, idx.map((i) => units[i]!), rankStep.tieTolerance);
    idx.forEach((i, k) => (ranks[i] = r[k]!));
    if (tierBands !== undefined) {
      const capIndex = tierCap === null ? -1 : tierBands.bands.findIndex((b) => b.name === tierCap);
      const t = assignTiers(s, r, tierBands, rankStep.tieTolerance, (k) => (capIndex >= 0 && adj.vetoes[idx[k]!]!.length > 0 ? capIndex : null));
      idx.forEach((i, k) => (tiers[i] = t[k]!));
    }
  }
  const out: UnitResult[] = units.map((u, i) => ({
    unit: u,
    category: category[i]!,
    baseScore: nullable(base[i]!),
    bonus: adj.bonus[i]!,
    penalty: adj.penalty[i]!,
    vetoes: adj.vetoes[i]!,
    score: nullable(adj.score[i]!),
    rank: nullable(ranks[i]!),
    tier: tiers[i]!,
    topsis: topsisScores?.[i] ?? null,
  }));
  const catOrder = new Map<string | null, number>([...groups.keys()].map((c, k) => [c, k]));
  out.sort(
    (a, b) =>
      catOrder.get(a.category)! - catOrder.get(b.category)! ||
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
  );
  return out;
}

export function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
