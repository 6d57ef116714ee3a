import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

  it('weights always renormalise: siblings and effective weights sum to 1, a constant aggregates to itself', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }), (w) => {
        fc.pre(w[0]! + w[1]! > 0 && w[2]! + w[3]! > 0 && w[4]! + w[5]! > 0);
        const input = inputOf(4, [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], w);
        const tree = buildTree(input.tree);
        const byParent = new Map(tree.aggregates.map((p) => [p, childWeights(tree, p, undefined, () => [])]));
        for (const ws of byParent.values()) expect(ws.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        const eff = effectiveWeights(tree, byParent);
        expect(tree.indicators.reduce((s, c) => s + eff.get(c)!, 0)).toBeCloseTo(1, 12);
        // every indicator normalised to the same value for a unit → the index is that value
        const r = runAssessment(input, specWith({ method: 'rank' }));
        const t = resultTable(r);
        const idx = t.columns.indexOf('Index');
        for (const row of t.rows) expect(row[idx]).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it('NaN or Infinity never reach an output, even with missing data', () => {
    fc.assert(
      fc.property(dataArb, fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }), fc.constantFrom('arithmetic', 'geometric', 'harmonic'), ([n, cols, w], missing, agg) => {
        const input = inputOf(n, cols, w, missing);
        const spec = {
          steps: [
            { step: 'normalise', global: { method: 'minmax', range: [1, 100] } },
            { step: 'aggregate', global: { method: agg, dataThreshold: 0.5 } },
            { step: 'rank', tiers: { by: 'share', bands: [{ name: 'A', share: 0.3 }, { name: 'B' }] } },
          ],
        };
        const r = runAssessment(input, spec);
        const t = resultTable(r);
        for (const row of t.rows) for (const v of row) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        for (const u of r.units) {
          for (const v of [u.baseScore, u.score, u.rank, u.bonus, u.penalty]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
          const e = explainScore(r, u.unit);
          for (const c of e.contributions) {
            expect(Number.isFinite(c.contribution)).toBe(true);
            if (c.value !== null) expect(Number.isFinite(c.value)).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
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
});
