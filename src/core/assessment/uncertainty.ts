import { z } from 'zod';
import { AssessmentError } from './errors.ts';
import { BatchEvaluator } from './mc-evaluate.ts';
import { BATCH, CategoryRanker } from './mc-kernels.ts';
import { McPlan } from './mc-plan.ts';
import { normalise } from './normalise.ts';
import type { AssessmentResult } from './pipeline.ts';
import { SeededRandom } from './random.ts';
import { saltelliJansen, type SensitivityIndex } from './sensitivity.ts';
import { aggregateSettingsSchema, findStep, normaliseSettingsSchema } from './spec.ts';

export const uncertaintySpecSchema = z
  .object({
    /** Total model runs, including the Saltelli design's A, B and A_B^i runs. */
    runs: z.number().int().min(10).max(1_000_000).default(1000),
    seed: z.number().int().default(1),
    /** Period to analyse; the last by default. */
    period: z.string().optional(),
    /** Each weight is multiplied by 1 + U(−noise, +noise). */
    weights: z.object({ noise: z.number().min(0).max(1) }).strict().optional(),
    /** Alternatives for the global normalisation, chosen with equal probability. */
    normalisation: z.array(normaliseSettingsSchema).min(2).optional(),
    /** Alternatives for the aggregation of every aggregate, chosen with equal probability. */
    aggregation: z.array(aggregateSettingsSchema).min(2).optional(),
    /** Use a Saltelli design and estimate sensitivity indices (else plain Monte Carlo). */
    sensitivity: z.boolean().default(true),
  })
  .strict();
export type UncertaintySpec = z.input<typeof uncertaintySpecSchema>;

export interface UnitUncertainty {
  unit: string;
  nominalRank: number | null;
  medianRank: number | null;
  p5: number | null;
  p95: number | null;
  meanRank: number | null;
}

export interface FactorSensitivity extends SensitivityIndex {
  factor: 'weights' | 'normalisation' | 'aggregation';
}

export interface UncertaintyResult {
  period: string;
  runs: number;
  /** Runs with distinct inputs, each evaluated once (the others repeat one of them exactly). */
  distinctRuns: number;
  /** Base sample size N of the Saltelli design (runs = N·(k + 2)), or runs for plain Monte Carlo. */
  baseSamples: number;
  factors: FactorSensitivity['factor'][];
  units: UnitUncertainty[];
  /** Indices for the mean absolute rank shift from the nominal ranking; null without a design. */
  sensitivity: FactorSensitivity[] | null;
  /** Indices per unit for its rank, in `units` order. */
  unitSensitivity: FactorSensitivity[][] | null;
}

interface Factor {
  name: FactorSensitivity['factor'];
  dims: number;
}

/**
 * Monte Carlo uncertainty of the ranking. Data steps stay as computed; each run draws weights
 * (±noise), a normalisation and an aggregation alternative, recomputes the index and ranks the
 * units (within their category, with the rank step's tie rule).
 */
export function analyseUncertainty(result: AssessmentResult, specInput: unknown): UncertaintyResult {
  const parsed = uncertaintySpecSchema.safeParse(specInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new AssessmentError('SPEC_INVALID', `Uncertainty spec: ${field || '(root)'}: ${issue.message}`, { field });
  }
  const spec = parsed.data;
  const { tree } = result;
  const period = spec.period === undefined ? result.periods.at(-1)! : result.periods.find((p) => p.period === spec.period);
  if (period === undefined) throw new AssessmentError('UNKNOWN_REFERENCE', `Uncertainty spec names period ${spec.period}, which is not in the data.`, { period: spec.period!, field: 'period' });

  const factors: Factor[] = [];
  const weightCodes = [...tree.nodes.keys()].filter((c) => c !== tree.root);
  if (spec.weights !== undefined && spec.weights.noise > 0) factors.push({ name: 'weights', dims: weightCodes.length });
  if (spec.normalisation !== undefined) factors.push({ name: 'normalisation', dims: 1 });
  if (spec.aggregation !== undefined) factors.push({ name: 'aggregation', dims: 1 });
  if (factors.length === 0) throw new AssessmentError('SPEC_INVALID', 'Uncertainty spec: give at least one uncertain input (weights, normalisation or aggregation).', { field: 'weights' });
  const D = factors.reduce((a, f) => a + f.dims, 0);
  const offsets: number[] = [];
  factors.reduce((o, f) => (offsets.push(o), o + f.dims), 0);

  const units = period.units;
  const n = units.length;
  const normStep = findStep(result.spec, 'normalise') ?? { step: 'normalise' as const, global: { method: 'none' as const }, indicators: {} };
  const rankStep = findStep(result.spec, 'rank');
  const amp = spec.weights?.noise ?? 0;

  // Compiled once: the tree as flat arrays, each normalisation choice as a matrix (normalising does
  // not depend on the weights), each aggregation choice resolved per aggregate.
  const plan = new McPlan(tree, n, period.weights, new Map(weightCodes.map((c, i) => [c, i])));
  const nominalMatrix = plan.matrix(period.internal.stages.get('normalise')!);
  const altMatrices = (spec.normalisation ?? []).map((settings) => plan.matrix(normalise(period.internal.prepared, tree, { ...normStep, global: settings })));
  const nominalAgg = plan.aggregation(findStep(result.spec, 'aggregate'));
  const altAgg = (spec.aggregation ?? []).map((settings) => plan.aggregation(undefined, settings));
  const evaluator = new BatchEvaluator(plan);
  const ranker = new CategoryRanker(categoryGroups(result, units, rankStep?.category), rankStep?.tieTolerance ?? 1e-9);

  // The design: sample rows of D uniforms (A, then B for Saltelli); run j of block b takes each
  // factor's columns from A or B (see runDesign). Choices are drawn per run from the rows.
  const rng = new SeededRandom(spec.seed);
  const k = factors.length;
  const N = spec.sensitivity ? Math.max(1, Math.floor(spec.runs / (k + 2))) : spec.runs;
  const blocks = spec.sensitivity ? k + 2 : 1;
  const totalRuns = N * blocks;
  const samples = new Float64Array((spec.sensitivity ? 2 : 1) * N * D);
  for (let j = 0; j < N; j++) {
    // A's row j, then B's row j: the order in which the generator's numbers are used.
    rng.fill(samples, j * D, (j + 1) * D);
    if (spec.sensitivity) rng.fill(samples, (N + j) * D, (N + j + 1) * D);
  }
  const rowOf = (block: number, j: number, factor: number): number => (block === 1 || block === 2 + factor ? N + j : j);
  const choice = (fi: number, count: number, block: number, j: number): number =>
    fi < 0 ? -1 : Math.min(count - 1, Math.floor(samples[rowOf(block, j, fi) * D + offsets[fi]!]! * count));
  const fW = factors.findIndex((f) => f.name === 'weights');
  const fN = factors.findIndex((f) => f.name === 'normalisation');
  const fA = factors.findIndex((f) => f.name === 'aggregation');
  const noiseAtRun = new Int32Array(totalRuns);
  const normOf = new Int32Array(totalRuns);
  const aggOf = new Int32Array(totalRuns);
  for (let b = 0; b < blocks; b++) {
    for (let j = 0; j < N; j++) {
      const r = b * N + j;
      noiseAtRun[r] = fW < 0 ? -1 : rowOf(b, j, fW) * D + offsets[fW]!;
      normOf[r] = choice(fN, spec.normalisation?.length ?? 0, b, j);
      aggOf[r] = choice(fA, spec.aggregation?.length ?? 0, b, j);
    }
  }

  // allRanks[i·totalRuns + r]: unit i's rank in run r (0 = none), unit by unit for the summaries.
  const allRanks = new Uint16Array(totalRuns * n);
  const shift = new Float64Array(totalRuns);
  const ranksOut = new Float64Array(n);
  const nominalRanks = new Float64Array(n);
  const noiseAt = new Int32Array(BATCH);
  noiseAt[0] = -1;
  evaluator.evaluate(nominalMatrix, nominalAgg, samples, noiseAt, amp, 1);
  ranker.rank(evaluator.rootValues(0), nominalRanks);

  const record = (r: number): void => {
    let s = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = ranksOut[i]!;
      allRanks[i * totalRuns + r] = Number.isNaN(v) ? 0 : v;
      if (!Number.isNaN(v) && !Number.isNaN(nominalRanks[i]!)) {
        s += Math.abs(v - nominalRanks[i]!);
        m++;
      }
    }
    shift[r] = m > 0 ? s / m : 0;
  };
  // A run whose inputs (weight noise row, normalisation and aggregation choice) equal an earlier
  // run's has the same result, which is copied instead of recomputed. In a Saltelli design this
  // is common: A_B^i takes a discrete choice from B that often equals A's (half the time with two
  // alternatives), and without weight noise only the choice combinations differ.
  const sameAs = new Int32Array(totalRuns);
  const firstRun = new Map<number, number>();
  const distinct: number[] = [];
  const nNormKeys = (spec.normalisation?.length ?? 0) + 1;
  const nAggKeys = (spec.aggregation?.length ?? 0) + 1;
  for (let r = 0; r < totalRuns; r++) {
    const key = ((noiseAtRun[r]! + 1) * nNormKeys + normOf[r]! + 1) * nAggKeys + aggOf[r]! + 1;
    const first = firstRun.get(key);
    if (first === undefined) {
      firstRun.set(key, r);
      distinct.push(r);
      sameAs[r] = r;
    } else sameAs[r] = first;
  }
  // Runs sharing a normalisation and an aggregation choice go through the evaluator BATCH at a
  // time; the order of evaluation does not change any run's result.
  const nNorm = Math.max(1, altMatrices.length);
  const order = Int32Array.from(distinct).sort((x, y) => normOf[x]! * nNorm + aggOf[x]! - (normOf[y]! * nNorm + aggOf[y]!) || x - y);
  const batch = new Int32Array(BATCH);
  for (let start = 0; start < order.length; ) {
    const first = order[start]!;
    let count = 0;
    while (count < BATCH && start + count < order.length && normOf[order[start + count]!] === normOf[first] && aggOf[order[start + count]!] === aggOf[first]) {
      batch[count] = order[start + count]!;
      noiseAt[count] = noiseAtRun[batch[count]!]!;
      count++;
    }
    const m = normOf[first]! < 0 ? nominalMatrix : altMatrices[normOf[first]!]!;
    const agg = aggOf[first]! < 0 ? nominalAgg : altAgg[aggOf[first]!]!;
    evaluator.evaluate(m, agg, samples, noiseAt, amp, count);
    for (let q = 0; q < count; q++) {
      ranker.rank(evaluator.rootValues(q), ranksOut);
      record(batch[q]!);
    }
    start += count;
  }
  for (let r = 0; r < totalRuns; r++) {
    const src = sameAs[r]!;
    if (src === r) continue;
    for (let i = 0; i < n; i++) allRanks[i * totalRuns + r] = allRanks[i * totalRuns + src]!;
    shift[r] = shift[src]!;
  }

  const unitsOut: UnitUncertainty[] = units.map((unit, i) => {
    const ranks = allRanks.subarray(i * totalRuns, (i + 1) * totalRuns);
    const hist = new Uint32Array(n + 1);
    let present = 0;
    let sum = 0;
    for (let q = 0; q < totalRuns; q++) {
      const v = ranks[q]!;
      if (v === 0) continue;
      hist[v]!++;
      present++;
      sum += v;
    }
    const quant = (p: number): number | null => (present === 0 ? null : histogramQuantile(hist, present, p));
    return { unit, nominalRank: nullable(nominalRanks[i]!), medianRank: quant(0.5), p5: quant(0.05), p95: quant(0.95), meanRank: present === 0 ? null : sum / present };
  });

  let sensitivity: FactorSensitivity[] | null = null;
  let unitSensitivity: FactorSensitivity[][] | null = null;
  if (spec.sensitivity) {
    const blockOf = <T extends Float64Array | Uint16Array>(of: T, start: number, block: number): T => of.subarray(start + block * N, start + (block + 1) * N) as T;
    const est = saltelliJansen(blockOf(shift, 0, 0), blockOf(shift, 0, 1), factors.map((_, fi) => blockOf(shift, 0, 2 + fi)));
    sensitivity = est.map((e, fi) => ({ factor: factors[fi]!.name, ...e }));
    unitSensitivity = units.map((_, i) => {
      const start = i * totalRuns;
      return saltelliJansen(blockOf(allRanks, start, 0), blockOf(allRanks, start, 1), factors.map((_, fi) => blockOf(allRanks, start, 2 + fi))).map((e, fi) => ({
        factor: factors[fi]!.name,
        ...e,
      }));
    });
  }
  return { period: period.period, runs: totalRuns, distinctRuns: distinct.length, baseSamples: N, factors: factors.map((f) => f.name), units: unitsOut, sensitivity, unitSensitivity };
}

/** Type-7 quantile of integer ranks held as a histogram (counts per rank). */
function histogramQuantile(hist: Uint32Array, total: number, p: number): number {
  const h = (total - 1) * p;
  const lo = Math.floor(h);
  const orderStat = (k: number): number => {
    let cum = 0;
    for (let v = 1; v < hist.length; v++) {
      cum += hist[v]!;
      if (cum > k) return v;
    }
    return hist.length - 1;
  };
  const a = orderStat(lo);
  const b = orderStat(Math.min(lo + 1, total - 1));
  return a + (h - lo) * (b - a);
}

/** Unit positions per category of the rank step (all units together without a category). */
function categoryGroups(result: AssessmentResult, units: readonly string[], category: string | undefined): Int32Array[] {
  const categoryOf = new Map(result.units.map((r) => [r.unit, r.category]));
  const groups = new Map<string | null, number[]>();
  units.forEach((u, i) => {
    const c = category === undefined ? null : (categoryOf.get(u) ?? null);
    let list = groups.get(c);
    if (list === undefined) groups.set(c, (list = []));
    list.push(i);
  });
  return [...groups.values()].map((g) => Int32Array.from(g));
}

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
