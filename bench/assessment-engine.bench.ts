import { analyseUncertainty, runAssessment, type AssessmentInput, type TreeNode } from '../src/core/assessment/index.ts';
import { SeededRandom } from '../src/core/assessment/random.ts';
import type { Benchmark } from './run.ts';

/**
 * A synthetic district: 343 units (the number of Beijing's streets and towns) in 3 categories,
 * 200 indicators under 20 dimensions under 4 pillars, 4 periods (Q1, H1, Q1–3, year), skewed
 * values with 2% missing.
 */
export function syntheticDistrict(nUnits = 343, nIndicators = 200, periods = ['Q1', 'H1', 'Q1-3', 'Y'], seed = 7): AssessmentInput {
  const rng = new SeededRandom(seed);
  const tree: TreeNode[] = [{ code: 'Index', parent: null, weight: 1 }];
  for (let p = 0; p < 4; p++) tree.push({ code: `P${p}`, parent: 'Index', weight: 1 + p });
  const dims = 20;
  for (let d = 0; d < dims; d++) tree.push({ code: `D${d}`, parent: `P${d % 4}`, weight: 1 + (d % 3) });
  for (let i = 0; i < nIndicators; i++) tree.push({ code: `I${i}`, parent: `D${i % dims}`, weight: 1 + (i % 5), direction: i % 7 === 0 ? -1 : 1, target: 100 });
  const units = Array.from({ length: nUnits }, (_, u) => ({
    code: `U${String(u).padStart(3, '0')}`,
    groups: { category: ['street', 'town', 'department'][u % 3]!, region: `R${u % 8}` },
  }));
  const base = units.map(() => Array.from({ length: nIndicators }, () => rng.next()));
  return {
    tree,
    units,
    periods: periods.map((period) => {
      const columns: Record<string, (number | null)[]> = {};
      for (let i = 0; i < nIndicators; i++) {
        columns[`I${i}`] = units.map((_, k) => (rng.next() < 0.02 ? null : Math.exp(3 * base[k]![i]! + 0.3 * rng.next()) * (1 + (i % 11))));
      }
      return { period, columns };
    }),
  };
}

export const districtSpec = {
  version: 1,
  steps: [
    { step: 'impute', method: 'groupMean', group: 'region', fallback: 'mean' },
    { step: 'screen', minDataShare: 0.8 },
    { step: 'treat', method: 'winsorise', winmax: 5 },
    { step: 'normalise', global: { method: 'minmax', range: [1, 100] } },
    { step: 'weight', method: 'manual' },
    { step: 'aggregate', global: { method: 'arithmetic' } },
    { step: 'combinePeriods', weights: { Q1: 0.15, H1: 0.25, 'Q1-3': 0.25, Y: 0.35 } },
    {
      step: 'rank',
      category: 'category',
      tiers: { by: 'share', bands: [{ name: '第一等次', share: 0.3 }, { name: '第二等次', share: 0.5 }, { name: '第三等次' }] },
    },
  ],
};

/** Filled by the uncertainty benchmark's runs: how many of the 10,000 runs were evaluated. */
const uncertaintyInfo: Record<string, unknown> = {
  modelRuns: 10000,
  units: 343,
  indicators: 200,
  factors: ['weights ±25%', 'normalisation (min-max 1–100 | rank)', 'aggregation (arithmetic | geometric)'],
};

export const benchmarks: Benchmark[] = [
  {
    name: 'assessment.pipeline.343x200x4',
    targetMs: 50,
    // Enough warm-up for V8 to finish optimising the steps (a server scores many rounds).
    warmup: 10,
    repeats: 15,
    info: { units: 343, indicators: 200, periods: 4 },
    setup: () => {
      const input = syntheticDistrict();
      return () => runAssessment(input, districtSpec);
    },
  },
  {
    name: 'assessment.uncertainty.10000runs.343x200',
    targetMs: 2000,
    warmup: 1,
    repeats: 5,
    info: uncertaintyInfo,
    setup: () => {
      const input = syntheticDistrict(343, 200, ['Y']);
      const result = runAssessment(input, { ...districtSpec, steps: districtSpec.steps.filter((s) => s.step !== 'combinePeriods') });
      const spec = {
        runs: 10000,
        seed: 42,
        weights: { noise: 0.25 },
        normalisation: [{ method: 'minmax', range: [1, 100] }, { method: 'rank' }],
        aggregation: [{ method: 'arithmetic' }, { method: 'geometric' }],
      };
      return () => {
        const r = analyseUncertainty(result, spec);
        uncertaintyInfo.modelRuns = r.runs;
        uncertaintyInfo.distinctRuns = r.distinctRuns;
        return r;
      };
    },
  },
];
