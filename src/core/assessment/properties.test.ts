import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssessmentError } from './errors.ts';
import { explainScore } from './explain.ts';
import type { AssessmentInput } from './model.ts';
import { runAssessment } from './pipeline.ts';
import { resultTable } from './table.ts';
import { buildTree } from './tree.ts';
import { childWeights, effectiveWeights } from './weights.ts';

const INDICATORS = ['a', 'b', 'c', 'd'] as const;

/** Data for n units × 4 indicators with distinct values per column (so nothing has zero variance). */
const dataArb = fc
  .integer({ min: 4, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.uniqueArray(fc.integer({ min: -5000, max: 5000 }), { minLength: n, maxLength: n }), { minLength: 4, maxLength: 4 }),
      fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 }),
    ),
  );

function inputOf(n: number, cols: number[][], weights: number[], missing: boolean[] = []): AssessmentInput {
  const units = Array.from({ length: n }, (_, i) => `U${i}`);
  return {
    tree: [
      { code: 'Index', parent: null, weight: 1 },
      { code: 'P', parent: 'Index', weight: weights[0]! },
      { code: 'Q', parent: 'Index', weight: weights[1]! },
      { code: 'a', parent: 'P', weight: weights[2]!, direction: 1 },
      { code: 'b', parent: 'P', weight: weights[3]!, direction: -1 },
      { code: 'c', parent: 'Q', weight: weights[4]!, direction: 1 },
      { code: 'd', parent: 'Q', weight: weights[5]!, direction: -1 },
    ],
    units: units.map((code) => ({ code, groups: { category: 'all' } })),
    periods: [
      {
        period: 'Y',
        values: Object.fromEntries(units.map((u, i) => [u, Object.fromEntries(INDICATORS.map((c, j) => [c, missing[i * 4 + j] && j !== 0 && i >= 2 ? null : cols[j]![i]! / 7]))])),
      },
    ],
  };
}

const specWith = (method: object) => ({
  steps: [
    { step: 'normalise', global: method },
    { step: 'aggregate', global: { method: 'arithmetic' } },
    { step: 'rank', tieTolerance: 1e-9 },
  ],
});

describe('properties', () => {
  it('ranks are unchanged by a positive affine transform of an indicator (scale-free methods)', () => {
    const methods = [{ method: 'minmax', range: [0, 100] }, { method: 'zscore' }, { method: 'rank' }, { method: 'percentileRank' }, { method: 'borda' }, { method: 'distToMax' }];
    fc.assert(
      fc.property(dataArb, fc.constantFrom(...methods), fc.integer({ min: 0, max: 3 }), fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true }), ([n, cols, w], method, j, a, b) => {
        const before = runAssessment(inputOf(n, cols, w), specWith(method));
        const moved = cols.map((c, k) => (k === j ? c.map((v) => a * v + 7 * b) : c));
        const after = runAssessment(inputOf(n, moved, w), specWith(method));
        const rankOf = (r: typeof before) => Object.fromEntries(r.units.map((u) => [u.unit, u.rank]));
        expect(rankOf(after)).toEqual(rankOf(before));
      }),
      { numRuns: 60 },
    );
  });

  it('weights always renormalise: siblings and effective weights sum to 1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }), (w) => {
        fc.pre(w[0]! + w[1]! > 0 && w[2]! + w[3]! > 0 && w[4]! + w[5]! > 0);
        const input = inputOf(4, [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], w);
        const tree = buildTree(input.tree);
        const byParent = new Map(tree.aggregates.map((p) => [p, childWeights(tree, p, undefined, () => [])]));
        for (const ws of byParent.values()) expect(ws.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        const eff = effectiveWeights(tree, byParent);
        expect(tree.indicators.reduce((s, c) => s + eff.get(c)!, 0)).toBeCloseTo(1, 12);
      }),
      { numRuns: 100 },
    );
  });

  it('a constant aggregates to itself: a unit normalised to the same value on every indicator gets that value, whatever the weights and the mean', () => {
    // Every column is a positive affine image of one vector u (reversed for the direction −1
    // indicators b and d), so rank and min-max give each unit the same normalised value on all four
    // indicators: rank_i = 1 + #{k: u_k < u_i}, min-max to [1, 100] = 1 + 99(u_i − min u)/(max u − min u).
    const means = [{ method: 'arithmetic' }, { method: 'geometric' }, { method: 'harmonic' }, { method: 'generalised', p: 2 }, { method: 'generalised', p: -0.5 }];
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 12 }).chain((n) => fc.uniqueArray(fc.integer({ min: -5000, max: 5000 }), { minLength: n, maxLength: n })),
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 4, maxLength: 4 }),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom({ method: 'rank' }, { method: 'minmax', range: [1, 100] }),
        fc.constantFrom(...means),
        (u, affine, w, normalisation, mean) => {
          const sign = [1, -1, 1, -1];
          const cols = affine.map(([a, b], j) => u.map((v) => sign[j]! * (a * v + b)));
          const r = runAssessment(inputOf(u.length, cols, w), { steps: [{ step: 'normalise', global: normalisation }, { step: 'aggregate', global: mean }] });
          const p = r.periods[0]!;
          const lo = Math.min(...u);
          const hi = Math.max(...u);
          u.forEach((v, i) => {
            const expected = normalisation.method === 'rank' ? 1 + u.filter((x) => x < v).length : 1 + (99 * (v - lo)) / (hi - lo);
            for (const code of [...INDICATORS, 'P', 'Q', 'Index']) expect(p.internal.scores.get(code)![i]).toBeCloseTo(expected, 8);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  // Every normalisation method, on positive data (so that min/x, target/x and fractions of the
  // maximum are defined), with missing values. Per-indicator reference units for distance to a
  // reference are each indicator's best unit among U0 and U1, who always have data, so the
  // reference is never the worst value (which is an error, not an output).
  const allNormalisations = [
    { method: 'none' },
    { method: 'minmax', range: [1, 100] },
    { method: 'minmax', range: [0, 100] },
    { method: 'zscore', mean: 50, sd: 10 },
    { method: 'rank' },
    { method: 'percentileRank', scale: 100 },
    { method: 'borda' },
    { method: 'distToMax', scale: 100 },
    { method: 'distToRef', unit: 'U0' },
    { method: 'distToRef', unit: 'U0', cap: true, scale: 100 },
    { method: 'distToTarget', target: 300.5 },
    { method: 'distToTarget', target: 300.5, cap: true },
    { method: 'fracMax', scale: 100 },
    { method: 'goalposts', lower: 0, upper: 800, scale: 100 },
    { method: 'goalposts', lower: 0, upper: 800, truncate: false },
    { method: 'efficacy' },
    { method: 'efficacy', unacceptable: 0, satisfactory: 700, cap: false },
    { method: 'targetCompletion', target: 300, cap: 2 },
    { method: 'rankPoints', fullMarks: 100, step: 7, floor: 20 },
  ] as const;
  const allMeans = [
    { method: 'arithmetic' },
    { method: 'geometric' },
    { method: 'harmonic' },
    { method: 'generalised', p: 2 },
    { method: 'generalised', p: 0.5 },
    { method: 'copeland' },
  ] as const;
  /** The unit (U0 or U1) with the better value of each indicator, as reference for distToRef. */
  const referenceUnits = (cols: number[][]) =>
    Object.fromEntries(INDICATORS.map((c, j) => [c, (j % 2 === 0 ? cols[j]![0]! > cols[j]![1]! : cols[j]![0]! < cols[j]![1]!) ? 'U0' : 'U1']));
  it('NaN or Infinity never reach an output, for every normalisation and aggregation, with missing data', () => {
    fc.assert(
      fc.property(
        dataArb,
        fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
        fc.constantFrom(...allNormalisations),
        fc.constantFrom(...allMeans),
        fc.constantFrom(undefined, 0.5, 0.75),
        fc.boolean(),
        fc.double({ min: -20, max: 20, noNaN: true }),
        ([n, cols0, w], missing, normalisation, mean, dataThreshold, imputeAndTopsis, points) => {
          const cols = cols0.map((c) => c.map((v) => v + 5001));
          const input: AssessmentInput = {
            ...inputOf(n, cols, w, missing),
            adjustments: [{ unit: 'U0', kind: points >= 0 ? 'bonus' : 'penalty', points: Math.abs(points), item: 'x' }],
            vetoes: [{ unit: 'U1', item: 'safety' }],
          };
          const perIndicator =
            normalisation.method === 'distToRef' ? Object.fromEntries(Object.entries(referenceUnits(cols)).map(([c, unit]) => [c, { ...normalisation, unit }])) : {};
          const spec = {
            steps: [
              ...(imputeAndTopsis ? [{ step: 'impute', method: 'mean' }] : []),
              { step: 'normalise', global: normalisation, indicators: perIndicator },
              { step: 'aggregate', global: { ...mean, ...(dataThreshold === undefined ? {} : { dataThreshold }) } },
              ...(imputeAndTopsis ? [{ step: 'topsis' }] : []),
              { step: 'adjust', bonusCap: 10, penaltyCap: 10, veto: { scoreCap: 60, tierCap: 'B' } },
              { step: 'rank', tiers: { by: 'share', bands: [{ name: 'A', share: 0.3 }, { name: 'B', share: 0.3 }, { name: 'C' }] } },
            ],
          };
          let r: ReturnType<typeof runAssessment>;
          try {
            r = runAssessment(input, spec);
          } catch (e) {
            // The only error allowed: a mean that needs positive values meeting a normalisation
            // that gives 0 or negative values (documented, never a NaN in an output).
            expect(e).toBeInstanceOf(AssessmentError);
            expect((e as AssessmentError).code).toBe('NON_POSITIVE_FOR_MEAN');
            expect(['arithmetic', 'copeland']).not.toContain(mean.method);
            return;
          }
          const t = resultTable(r);
          for (const row of t.rows) for (const v of row) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
          for (const u of r.units) {
            for (const v of [u.baseScore, u.score, u.rank, u.bonus, u.penalty, u.topsis]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
            if (imputeAndTopsis) expect(u.topsis).not.toBeNull();
            if (mean.method === 'copeland') continue; // a Copeland score ranks units against each other: not explainable per unit
            const e = explainScore(r, u.unit);
            for (const c of e.contributions) {
              expect(Number.isFinite(c.contribution)).toBe(true);
              if (c.value !== null) expect(Number.isFinite(c.value)).toBe(true);
              if (c.weight !== null) expect(Number.isFinite(c.weight)).toBe(true);
            }
          }
          for (const p of r.periods) for (const ws of p.weights.values()) for (const v of ws) expect(Number.isFinite(v)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  // Min-max and distance to target scale by the observed worst (and min-max by the best), which a
  // unit at that end keeps after improving; they are checked on the other units. Methods with
  // fixed reference values are checked on every unit.
  const fixedReference = [
    { method: 'efficacy', unacceptable: 800, satisfactory: -800, cap: false },
    { method: 'goalposts', lower: -1000, upper: 1000, truncate: false, scale: 100 },
  ];
  const observedRange = [{ method: 'minmax', range: [0, 100] }, { method: 'distToTarget', target: -900 }];
  it("a direction −1 indicator improves a unit's score when its value falls", () => {
    fc.assert(
      fc.property(dataArb, fc.nat(), fc.double({ min: 0.5, max: 5000, noNaN: true }), fc.constantFrom('b', 'd'), fc.constantFrom(...observedRange, ...fixedReference), ([n, cols, w], pick, delta, code, method) => {
        const j = INDICATORS.indexOf(code);
        const col = cols[j]!;
        const best = Math.min(...col);
        const worst = Math.max(...col);
        const candidates = col
          .map((_, i) => i)
          .filter((i) => (method.method === 'minmax' ? col[i]! > best && col[i]! < worst : method.method === 'distToTarget' ? col[i]! < worst : true));
        fc.pre(candidates.length > 0);
        const i = candidates[pick % candidates.length]!;
        const spec = specWith(method);
        const before = runAssessment(inputOf(n, cols, w), spec);
        const lowered = cols.map((c, k) => (k === j ? c.map((v, u) => (u === i ? v - delta : v)) : c));
        const after = runAssessment(inputOf(n, lowered, w), spec);
        const score = (r: typeof before) => r.units.find((u) => u.unit === `U${i}`)!.score!;
        expect(score(after)).toBeGreaterThan(score(before));
      }),
      { numRuns: 80 },
    );
  });
  // Every other method where improving the value can never lower the unit's own normalised
  // value (the other indicators' values are unchanged, and the weights are fixed): the score does
  // not fall, and for z-score and uncapped target completion it rises strictly. For z-score this is
  // Samuelson's inequality: |x_i − mean| ≤ (n − 1)/√n · sd makes z_i increasing in x_i. Methods
  // dividing by the value (fraction of max, target completion) need positive data.
  const monotone = [
    { s: { method: 'zscore' }, strict: true },
    { s: { method: 'zscore', mean: 60, sd: 15 }, strict: true },
    { s: { method: 'fracMax', scale: 100 }, positive: true },
    { s: { method: 'targetCompletion', target: 300 }, positive: true, strict: true },
    { s: { method: 'targetCompletion', target: 300, fullMarks: 10, cap: 1.5 }, positive: true },
    { s: { method: 'distToMax', scale: 100 } },
    { s: { method: 'distToRef', unit: 'ref' } },
    { s: { method: 'distToRef', unit: 'ref', cap: true } },
    { s: { method: 'rank' } },
    { s: { method: 'percentileRank', scale: 100 } },
    { s: { method: 'borda' } },
    { s: { method: 'rankPoints', fullMarks: 100, step: 7, floor: 20 } },
    { s: { method: 'minmax', range: [0, 100] } },
    { s: { method: 'distToTarget', target: -900 } },
  ];
  it("a direction −1 indicator never lowers a unit's score when its value falls, for every normalisation where that must hold", () => {
    fc.assert(
      fc.property(dataArb, fc.nat(), fc.double({ min: 0.5, max: 5000, noNaN: true }), fc.constantFrom('b', 'd'), fc.constantFrom(...monotone), ([n, cols0, w], pick, delta0, code, m) => {
        const j = INDICATORS.indexOf(code);
        const cols = m.positive ? cols0.map((c) => c.map((v) => v + 5001)) : cols0;
        const i = pick % n;
        // Keep positive data positive: the lowered value stays ≥ 0.5 (before the division by 7).
        const delta = m.positive ? Math.min(delta0, cols[j]![i]! - 0.5) : delta0;
        fc.pre(delta > 0);
        const lowered = cols.map((c, k) => (k === j ? c.map((v, u) => (u === i ? v - delta : v)) : c));
        // Distance to a reference: each indicator's reference is its best unit in the data before
        // the change (never its worst, which would be an error).
        const refs = Object.fromEntries(
          INDICATORS.map((c, k) => {
            const x = cols[k]!.map((v) => (k % 2 === 0 ? v : -v));
            return [c, `U${x.indexOf(Math.max(...x))}`];
          }),
        );
        const spec = () => ({
          steps: [
            { step: 'normalise', global: m.s.method === 'distToRef' ? { ...m.s, unit: 'U0' } : m.s, indicators: m.s.method === 'distToRef' ? Object.fromEntries(INDICATORS.map((c) => [c, { ...m.s, unit: refs[c] }])) : {} },
            { step: 'aggregate', global: { method: 'arithmetic' } },
            { step: 'rank', tieTolerance: 1e-9 },
          ],
        });
        const before = runAssessment(inputOf(n, cols, w), spec());
        const after = runAssessment(inputOf(n, lowered, w), spec());
        const score = (r: typeof before) => r.units.find((u) => u.unit === `U${i}`)!.score!;
        const own = (r: typeof before) => r.periods[0]!.internal.scores.get(code)![i]!;
        if (m.strict) {
          expect(own(after)).toBeGreaterThan(own(before));
          expect(score(after)).toBeGreaterThan(score(before));
        } else {
          expect(own(after)).toBeGreaterThanOrEqual(own(before));
          expect(score(after)).toBeGreaterThanOrEqual(score(before) - 1e-12 * Math.max(1, Math.abs(score(before))));
        }
      }),
      { numRuns: 300 },
    );
  });
});
