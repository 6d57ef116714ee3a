import { describe, expect, it } from 'vitest';
import { AssessmentError } from './errors.ts';
import { BatchEvaluator } from './mc-evaluate.ts';
import { BATCH, CategoryRanker } from './mc-kernels.ts';
import { McPlan } from './mc-plan.ts';
import type { AssessmentInput } from './model.ts';
import { runAssessment } from './pipeline.ts';
import { rankDescending } from './rank-tier.ts';
import { SeededRandom } from './random.ts';
import { findStep } from './spec.ts';
import { analyseUncertainty } from './uncertainty.ts';

/** 40 units × 24 indicators under 6 dimensions under 2 pillars, 12% missing, one period. */
function district(seed: number): AssessmentInput {
  const rng = new SeededRandom(seed);
  const tree: AssessmentInput['tree'] = [{ code: 'Index', parent: null, weight: 1 }];
  for (let p = 0; p < 2; p++) tree.push({ code: `P${p}`, parent: 'Index', weight: 1 + p });
  for (let d = 0; d < 6; d++) tree.push({ code: `D${d}`, parent: `P${d % 2}`, weight: 1 + (d % 3) });
  // Two indicators sit directly under a pillar, next to its dimensions (a mixed aggregate).
  for (let i = 0; i < 24; i++) tree.push({ code: `I${i}`, parent: i < 2 ? `P${i}` : `D${i % 6}`, weight: 1 + (i % 4), direction: i % 5 === 0 ? -1 : 1 });
  const units = Array.from({ length: 40 }, (_, u) => ({ code: `U${u}`, groups: { category: u % 2 ? 'a' : 'b' } }));
  const columns: Record<string, (number | null)[]> = {};
  for (let i = 0; i < 24; i++) columns[`I${i}`] = units.map(() => (rng.next() < 0.12 ? null : Math.exp(2 * rng.next())));
  return { tree, units, periods: [{ period: 'Y', columns }] };
}

const spec = {
  steps: [
    { step: 'normalise', global: { method: 'minmax', range: [1, 100] } },
    { step: 'aggregate', global: { method: 'arithmetic', dataThreshold: 0.7 }, levels: { '3': { method: 'geometric' } }, nodes: { Index: { method: 'harmonic' } } },
    { step: 'rank', category: 'category' },
  ],
};

describe('Monte Carlo plan and batch evaluator', () => {
  it('reproduce the pipeline index (missing values, thresholds, mixed means) for every run of a batch', () => {
    const result = runAssessment(district(5), spec);
    const period = result.periods[0]!;
    const weightCodes = [...result.tree.nodes.keys()].filter((c) => c !== result.tree.root);
    const plan = new McPlan(result.tree, period.units.length, period.weights, new Map(weightCodes.map((c, i) => [c, i])));
    const evaluator = new BatchEvaluator(plan);
    const m = plan.matrix(period.internal.stages.get('normalise')!);
    evaluator.evaluate(m, plan.aggregation(findStep(result.spec, 'aggregate')), new Float64Array(0), new Int32Array(BATCH).fill(-1), 0, BATCH);
    const expected = period.internal.scores.get('Index')!;
    // the data threshold leaves some dimensions without a score, which their parents skip
    expect([...period.internal.scores].some(([c, v]) => c.startsWith('D') && v.some((x) => Number.isNaN(x)))).toBe(true);
    for (let r = 0; r < BATCH; r++) {
      const got = evaluator.rootValues(r);
      expected.forEach((v, i) => (Number.isNaN(v) ? expect(got[i]).toBeNaN() : expect(got[i]!).toBeCloseTo(v, 10)));
    }
  });

  it('rank as rankDescending does, ties within tolerance included', () => {
    const scores = Float64Array.from([5, 7, 7 + 1e-12, NaN, 1, 7, 3, 5]);
    const groups = [Int32Array.from([0, 1, 2, 3]), Int32Array.from([4, 5, 6, 7])];
    const out = new Float64Array(8);
    const ranker = new CategoryRanker(groups, 1e-9);
    for (const permuted of [scores, Float64Array.from([1, 2, 3, NaN, 9, 9, 9, 0])]) {
      ranker.rank(permuted, out);
      for (const g of groups) {
        const want = rankDescending(Array.from(g, (i) => permuted[i]!), [], 1e-9);
        g.forEach((i, k) => (Number.isNaN(want[k]!) ? expect(out[i]).toBeNaN() : expect(out[i]).toBe(want[k])));
      }
    }
  });

  it('raise the error naming unit and child when a mean cannot take a normalised value', () => {
    const result = runAssessment(district(6), spec);
    const run = (): unknown => analyseUncertainty(result, { runs: 40, normalisation: [{ method: 'zscore' }, { method: 'rank' }], aggregation: [{ method: 'geometric' }, { method: 'arithmetic' }] });
    expect(run).toThrow(AssessmentError);
    try {
      run();
    } catch (e) {
      expect((e as AssessmentError).code).toBe('NON_POSITIVE_FOR_MEAN');
      expect((e as AssessmentError).details.unit).toMatch(/^U\d+$/);
      expect((e as AssessmentError).details.indicator).toMatch(/^I\d+$/);
    }
  });

  it('copy repeated runs: with only discrete choices, four distinct evaluations serve every run', () => {
    const result = runAssessment(district(7), spec);
    const a = analyseUncertainty(result, { runs: 400, seed: 9, normalisation: [{ method: 'minmax', range: [1, 100] }, { method: 'rank' }], aggregation: [{ method: 'arithmetic' }, { method: 'copeland' }] });
    expect(a.runs).toBe(400);
    expect(a.distinctRuns).toBe(4);
    for (const u of a.units) if (u.p5 !== null) expect(u.p5).toBeLessThanOrEqual(u.p95!);
  });
});
