import { describe, expect, it } from 'vitest';
import type { AssessmentInput, TreeNode } from './model.ts';
import { runAssessment, type AssessmentResult } from './pipeline.ts';

/**
 * Pipeline steps run end to end on small data whose results are worked out by hand (the
 * arithmetic is in the comments), so each expectation is independent of the engine's code.
 */

type Row = Record<string, number | null>;

/** Input with the given tree and one period per entry of `periods` (unit → values). */
function inputOf(tree: TreeNode[], units: { code: string; groups?: Record<string, string | null> }[], periods: [string, Record<string, Row>][]): AssessmentInput {
  return { tree, units, periods: periods.map(([period, values]) => ({ period, values })) };
}

/** Rows of values by unit from columns given in unit order. */
function rows(units: string[], cols: Record<string, (number | null)[]>): Record<string, Row> {
  return Object.fromEntries(units.map((u, i) => [u, Object.fromEntries(Object.entries(cols).map(([c, v]) => [c, v[i]!]))]));
}

const flat = (codes: string[], directions: Record<string, 1 | -1> = {}): TreeNode[] => [
  { code: 'Index', parent: null, weight: 1 },
  ...codes.map((code) => ({ code, parent: 'Index', weight: 1, direction: directions[code] ?? 1 })),
];

/** A column of a period's data after the data steps, null for missing, in the period's unit order. */
function prepared(r: AssessmentResult, period: number, code: string): (number | null)[] {
  return Array.from(r.periods[period]!.internal.prepared.cols.get(code)!, (v) => (Number.isNaN(v) ? null : v));
}

function score(r: AssessmentResult, period: number, code: string, unit: string): number {
  const p = r.periods[period]!;
  return p.internal.scores.get(code)![p.units.indexOf(unit)]!;
}

describe('screen: units below the data share are removed before normalisation', () => {
  const units = ['S1', 'S2', 'S3', 'S4', 'S5'];
  const data = rows(units, {
    a: [0, 5, 10, 20, 100],
    b: [1, 2, 3, 4, null],
    c: [1, 2, 3, null, null],
    d: [4, 3, 2, 1, 0],
  });
  const input = inputOf(flat(['a', 'b', 'c', 'd']), units.map((code) => ({ code })), [['Y', data]]);
  const spec = (force?: object) => ({
    steps: [
      { step: 'screen', minDataShare: 0.75, ...(force ? { force } : {}) },
      { step: 'normalise', global: { method: 'minmax', range: [0, 100] } },
      { step: 'rank' },
    ],
  });

  it('drops S5 (2 of 4 missing: share 0.5 < 0.75) and keeps S4 (share 0.75, not below)', () => {
    const r = runAssessment(input, spec());
    const p = r.periods[0]!;
    expect(p.units).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(p.screening.map((s) => [s.unit, s.dataShare, s.included])).toEqual([
      ['S1', 1, true],
      ['S2', 1, true],
      ['S3', 1, true],
      ['S4', 0.75, true],
      ['S5', 0.5, false],
    ]);
    expect(r.units.map((u) => u.unit).sort()).toEqual(['S1', 'S2', 'S3', 'S4']);
    // Min-max of a over the kept units only: range 0…20, so S3 (10) → 50 (with S5's 100 it would be 10).
    expect(score(r, 0, 'a', 'S3')).toBe(50);
    // S4 has a = 100, b = 100, d = 0 and no c: index (100 + 100 + 0)/3.
    expect(score(r, 0, 'Index', 'S4')).toBeCloseTo(200 / 3, 12);
  });

  it('force.include keeps a unit below the share, force.exclude removes one above it', () => {
    const r = runAssessment(input, spec({ include: ['S5'], exclude: ['S1'] }));
    const p = r.periods[0]!;
    expect(p.units).toEqual(['S2', 'S3', 'S4', 'S5']);
    expect(p.screening.find((s) => s.unit === 'S5')).toMatchObject({ included: true, forced: true });
    expect(p.screening.find((s) => s.unit === 'S1')).toMatchObject({ included: false, forced: true });
    // a over S2…S5: 5…100, so S3 (10) → (10 − 5)/95·100.
    expect(score(r, 0, 'a', 'S3')).toBeCloseTo(500 / 95, 12);
  });
});

describe('impute: median, group median and previous period', () => {
  const units = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'];
  const region: (string | null)[] = ['east', 'east', 'east', 'west', 'west', 'west', 'west', null];
  const unitInfo = units.map((code, i) => ({ code, groups: { region: region[i]! } }));
  const data = rows(units, {
    a: [1, null, 3, 10, 4, 7, 5, null],
    b: [2, 8, 6, null, 1, 2, 30, 9],
  });
  const input = inputOf(flat(['a', 'b']), unitInfo, [['Y', data]]);
  const run = (impute: object) =>
    runAssessment(input, { steps: [{ step: 'impute', ...impute }, { step: 'normalise', global: { method: 'none' } }] });

  it('median of the indicator over all units (not the mean)', () => {
    const r = run({ method: 'median' });
    // a present: 1, 3, 10, 4, 7, 5 → sorted 1 3 4 5 7 10 → median (4 + 5)/2 = 4.5 (mean 5).
    // b present: 2, 8, 6, 1, 2, 30, 9 → sorted 1 2 2 6 8 9 30 → median 6 (mean 8.29).
    expect(prepared(r, 0, 'a')).toEqual([1, 4.5, 3, 10, 4, 7, 5, 4.5]);
    expect(prepared(r, 0, 'b')).toEqual([2, 8, 6, 6, 1, 2, 30, 9]);
    expect(r.periods[0]!.imputations).toEqual([
      { unit: 'S2', indicator: 'a', method: 'median', value: 4.5 },
      { unit: 'S8', indicator: 'a', method: 'median', value: 4.5 },
      { unit: 'S4', indicator: 'b', method: 'median', value: 6 },
    ]);
  });

  it('group median of the unit’s region; a unit without a region takes the fallback', () => {
    const r = run({ method: 'groupMedian', group: 'region', fallback: 'median' });
    // a, east present {1, 3} → S2 = 2. S8 has no region → stays missing, then the fallback:
    //   the median of all of a, 4.5.
    // b, west present {1, 2, 30} → S4 = 2 (the group mean would be 11).
    expect(prepared(r, 0, 'a')).toEqual([1, 2, 3, 10, 4, 7, 5, 4.5]);
    expect(prepared(r, 0, 'b')).toEqual([2, 8, 6, 2, 1, 2, 30, 9]);
    expect(r.periods[0]!.imputations).toEqual([
      { unit: 'S2', indicator: 'a', method: 'groupMedian', value: 2 },
      { unit: 'S8', indicator: 'a', method: 'median', value: 4.5 },
      { unit: 'S4', indicator: 'b', method: 'groupMedian', value: 2 },
    ]);
  });

  it('group median without a fallback leaves a unit without a group missing', () => {
    const r = run({ method: 'groupMedian', group: 'region' });
    expect(prepared(r, 0, 'a')[7]).toBeNull();
  });

  it('previous period: the latest earlier period with a raw value', () => {
    const u3 = ['S1', 'S2', 'S3'];
    const periods: [string, Record<string, Row>][] = [
      ['Q1', rows(u3, { a: [1, 2, 3], b: [1, 1, null] })],
      ['H1', rows(u3, { a: [null, 5, null], b: [2, 2, 2] })],
      ['Y', rows(u3, { a: [null, null, 9], b: [3, 3, 3] })],
    ];
    const r = runAssessment(inputOf(flat(['a', 'b']), u3.map((code) => ({ code })), periods), {
      steps: [{ step: 'impute', method: 'previousPeriod' }, { step: 'normalise', global: { method: 'none' } }],
    });
    // Q1: S3's b has no earlier period and stays missing.
    expect(prepared(r, 0, 'b')).toEqual([1, 1, null]);
    // H1: S1 ← Q1's 1, S3 ← Q1's 3; S3's b is present.
    expect(prepared(r, 1, 'a')).toEqual([1, 5, 3]);
    // Y: S1 has no raw value in H1 either, so Q1's 1; S2 takes H1's 5, not Q1's 2.
    expect(prepared(r, 2, 'a')).toEqual([1, 5, 9]);
    expect(r.periods[2]!.imputations).toEqual([
      { unit: 'S1', indicator: 'a', method: 'previousPeriod', value: 1 },
      { unit: 'S2', indicator: 'a', method: 'previousPeriod', value: 5 },
    ]);
  });
});

describe('treat: Box-Cox as the treatment and as the fallback', () => {
  const runTreat = (x: number[], treat: object) => {
    const units = x.map((_, i) => `U${i}`);
    const input = inputOf(flat(['x', 'y']), units.map((code) => ({ code })), [['Y', rows(units, { x, y: x.map((_, i) => i) })]]);
    return runAssessment(input, { steps: [{ step: 'treat', ...treat, indicators: { y: 'none' } }, { step: 'normalise', global: { method: 'none' } }] });
  };

  it('Box-Cox with λ = 0 treats a failing indicator when it then passes', () => {
    // x = 0…10, 100: skewness 3.38 ≥ 2 and kurtosis 11.6 ≥ 3.5 → fails. Box-Cox with COINr's
    // shift, λ = 0: log(x − min + 1) = log(x + 1), skewness 1.02 < 2 → passes, so it is kept.
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
    const r = runTreat(x, { method: 'boxcox', lambda: 0 });
    const rec = r.periods[0]!.treatments.find((t) => t.indicator === 'x')!;
    expect(rec.applied).toBe('boxcox');
    expect(rec.passes).toBe(true);
    expect(rec.skewBefore!).toBeGreaterThan(2);
    expect(Math.abs(rec.skewAfter!)).toBeLessThan(2);
    prepared(r, 0, 'x').forEach((v, i) => expect(v).toBeCloseTo(Math.log(x[i]! + 1), 14));
  });

  it('Box-Cox with λ = 0.5 is ((x − min + 1)^λ − 1)/λ', () => {
    // Same data, λ = 0.5: 2(√(x + 1) − 1) — still skewed (2.89), so with fallback 'none' the
    // Box-Cox values stay.
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
    const r = runTreat(x, { method: 'boxcox', lambda: 0.5, fallback: 'none' });
    expect(r.periods[0]!.treatments.find((t) => t.indicator === 'x')).toMatchObject({ applied: 'boxcox', passes: false });
    prepared(r, 0, 'x').forEach((v, i) => expect(v).toBeCloseTo(2 * (Math.sqrt(x[i]! + 1) - 1), 13));
    // The last value: 2(√101 − 1) = 18.0998…
    expect(prepared(r, 0, 'x')[11]).toBeCloseTo(18.09975124224178, 12);
  });

  it('Box-Cox as the fallback is applied to the original values when winsorising stops at winmax', () => {
    // Nineteen 1s, 10 and 100: skewness 4.52, kurtosis 20.6 → fails. Winsorising one point
    // (100 → 10) reaches winmax = 1 and still fails, so the fallback Box-Cox (λ = 0.5) is applied
    // to the original values: 2(√(x − 1 + 1) − 1) = 2(√x − 1) → 0 for the 1s, 2(√10 − 1) = 4.3246
    // and 2(√100 − 1) = 18 (not 4.3246 again, which it would be on the winsorised values).
    const x = [...Array.from({ length: 19 }, () => 1), 10, 100];
    const r = runTreat(x, { method: 'winsorise', winmax: 1, fallback: 'boxcox', lambda: 0.5 });
    const rec = r.periods[0]!.treatments.find((t) => t.indicator === 'x')!;
    expect(rec).toMatchObject({ applied: 'boxcox', winsorised: 0, winsorisedUnits: [] });
    const out = prepared(r, 0, 'x');
    expect(out.slice(0, 19)).toEqual(Array.from({ length: 19 }, () => 0));
    expect(out[19]).toBeCloseTo(2 * (Math.sqrt(10) - 1), 14);
    expect(out[20]).toBeCloseTo(18, 14);
  });
});

describe('topsis step: closeness from the prepared data and the effective weights', () => {
  // Index → P (weight 1) → a (1), b (1, lower is better); Index → Q (1) → c (1).
  // Effective weights: a = b = ½·½ = 0.25, c = 0.5.
  const tree: TreeNode[] = [
    { code: 'Index', parent: null, weight: 1 },
    { code: 'P', parent: 'Index', weight: 1 },
    { code: 'Q', parent: 'Index', weight: 1 },
    { code: 'a', parent: 'P', weight: 1, direction: 1 },
    { code: 'b', parent: 'P', weight: 1, direction: -1 },
    { code: 'c', parent: 'Q', weight: 1, direction: 1 },
  ];
  const units = ['U1', 'U2', 'U3'];
  const input = inputOf(tree, units.map((code) => ({ code })), [['Y', rows(units, { a: [0, 1, 2], b: [2, 0, 1], c: [1, 3, 2] })]]);
  // Min-max TOPSIS: r_a = (0, ½, 1), r_b = (2 − b)/2 = (0, 1, ½), r_c = (c − 1)/2 = (0, 1, ½);
  // v = w·r: v_a = (0, .125, .25), v_b = (0, .25, .125), v_c = (0, .5, .25); ideal = the weights
  // (.25, .25, .5), anti-ideal 0.
  //   U1: S⁺ = √(.25² + .25² + .5²) = √.375, S⁻ = 0 → C = 0
  //   U2: S⁺ = .125, S⁻ = √(.125² + .25² + .5²) = √.328125 → C = √.328125/(.125 + √.328125)
  //   U3: S⁺ = √(.125² + .25²) = √.078125, S⁻ = √(.25² + .125² + .25²) = .375 → C = .375/(√.078125 + .375)
  const expected = [0, Math.sqrt(0.328125) / (0.125 + Math.sqrt(0.328125)), 0.375 / (Math.sqrt(0.078125) + 0.375)];

  it('gives each unit the hand-computed relative closeness', () => {
    const r = runAssessment(input, { steps: [{ step: 'normalise' }, { step: 'topsis', normalisation: 'minmax' }, { step: 'rank' }] });
    expect(r.periods[0]!.effectiveWeights.get('a')).toBe(0.25);
    expect(r.periods[0]!.effectiveWeights.get('c')).toBe(0.5);
    const got = units.map((u) => r.units.find((x) => x.unit === u)!.topsis!);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
    expect(expected[1]).toBeCloseTo(0.82087, 5);
    expect(expected[2]).toBeCloseTo(0.57295, 5);
    r.periods[0]!.topsis!.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
  });

  it('does not depend on the normalisation of the index, and follows the weight step', () => {
    const a = runAssessment(input, { steps: [{ step: 'normalise', global: { method: 'zscore' } }, { step: 'topsis', normalisation: 'minmax' }] });
    a.periods[0]!.topsis!.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
    // Manual weights P = 3, Q = 1 → effective a = b = 3/8, c = 1/4; U2: S⁺ = 3/16 (a only),
    // S⁻ = √((3/16)² + (3/8)² + (1/4)²) → C = S⁻/(S⁺ + S⁻).
    const b = runAssessment(input, { steps: [{ step: 'normalise' }, { step: 'weight', weights: { P: 3, Q: 1 } }, { step: 'topsis', normalisation: 'minmax' }] });
    const sm = Math.hypot(3 / 16, 3 / 8, 1 / 4);
    expect(b.periods[0]!.topsis![1]).toBeCloseTo(sm / (3 / 16 + sm), 14);
  });

  it('vector normalisation: the best unit on every criterion has closeness 1', () => {
    // One unit dominates: a = (0, 1, 2), b = (2, 1, 0) (lower is better), c = (1, 2, 3) → U3 is
    // the ideal, U1 the anti-ideal.
    const dominated = inputOf(tree, units.map((code) => ({ code })), [['Y', rows(units, { a: [0, 1, 2], b: [2, 1, 0], c: [1, 2, 3] })]]);
    const r = runAssessment(dominated, { steps: [{ step: 'normalise' }, { step: 'topsis' }] });
    expect(r.periods[0]!.topsis![2]).toBe(1);
    expect(r.periods[0]!.topsis![0]).toBe(0);
    // U2 sits halfway on every criterion in vector-normalised space too (a: 1/√5 between 0 and
    // 2/√5; b: 1/√5 between 0 and 2/√5; c: 2/√14 between 1/√14 and 3/√14), so S⁺ = S⁻ → C = ½.
    expect(r.periods[0]!.topsis![1]).toBeCloseTo(0.5, 14);
  });
});

describe('weight step: entropy and CRITIC, per level and per node', () => {
  // Index (level 3) → P (weight 2), Q (weight 1); P (level 2) → a, b; Q (level 2) → c, d.
  const tree: TreeNode[] = [
    { code: 'Index', parent: null, weight: 1 },
    { code: 'P', parent: 'Index', weight: 2 },
    { code: 'Q', parent: 'Index', weight: 1 },
    { code: 'a', parent: 'P', weight: 1 },
    { code: 'b', parent: 'P', weight: 1 },
    { code: 'c', parent: 'Q', weight: 1 },
    { code: 'd', parent: 'Q', weight: 1 },
  ];
  const units = ['U1', 'U2', 'U3'];
  const input = inputOf(tree, units.map((code) => ({ code })), [['Y', rows(units, { a: [0, 0, 5], b: [3, 3, 0], c: [1, 2, 3], d: [6, 4, 2] })]]);
  // Entropy over m = 3 units: a → p = (0, 0, 1), e_a = 0, d_a = 1; b → p = (½, ½, 0),
  // e_b = ln 2/ln 3, d_b = 1 − ln 2/ln 3. So w_a = 1/(2 − ln2/ln3) = 0.730423…, w_b = 0.269577….
  const k = Math.log(2) / Math.log(3);
  const wa = 1 / (2 - k);
  const wb = (1 - k) / (2 - k);
  // CRITIC: c and d have r = −1, so C_c = 2σ_c, C_d = 2σ_d with σ_d = 2σ_c → (1/3, 2/3).

  it('levels: { "2": entropy } weights P and Q by entropy and leaves the index manual', () => {
    const r = runAssessment(input, { steps: [{ step: 'normalise', global: { method: 'none' } }, { step: 'weight', levels: { '2': 'entropy' } }, { step: 'aggregate' }] });
    const w = r.periods[0]!.weights;
    expect(wa).toBeCloseTo(0.730423, 6);
    expect(w.get('P')![0]).toBeCloseTo(wa, 14);
    expect(w.get('P')![1]).toBeCloseTo(wb, 14);
    // Q by entropy too: c → p = (1, 2, 3)/6, d → p = (3, 2, 1)/6: equal entropies → ½, ½.
    expect(w.get('Q')![0]).toBeCloseTo(0.5, 14);
    expect(w.get('Index')).toEqual([2 / 3, 1 / 3]);
    // U3: P = 5·w_a, Q = (3 + 2)/2 = 2.5, Index = ⅔·5w_a + ⅓·2.5.
    expect(score(r, 0, 'Index', 'U3')).toBeCloseTo((2 / 3) * 5 * wa + 2.5 / 3, 12);
    expect(r.periods[0]!.effectiveWeights.get('a')).toBeCloseTo((2 / 3) * wa, 14);
  });

  it('nodes override levels: Q by CRITIC while P stays entropy', () => {
    const r = runAssessment(input, {
      steps: [{ step: 'normalise', global: { method: 'none' } }, { step: 'weight', levels: { '2': 'entropy' }, nodes: { Q: 'critic' } }, { step: 'aggregate' }],
    });
    const w = r.periods[0]!.weights;
    expect(w.get('P')![0]).toBeCloseTo(wa, 14);
    expect(w.get('Q')![0]).toBeCloseTo(1 / 3, 14);
    expect(w.get('Q')![1]).toBeCloseTo(2 / 3, 14);
    expect(w.get('Index')).toEqual([2 / 3, 1 / 3]);
    // U1: P = 0·w_a + 3·w_b, Q = ⅓·1 + ⅔·6 = 13/3.
    expect(score(r, 0, 'Index', 'U1')).toBeCloseTo((2 / 3) * 3 * wb + 13 / 9, 12);
  });

  it('a global data-driven method applies at every level, with the level of the index overridable', () => {
    // Global CRITIC, index (level 3) manual. P: a = (0, 0, 5), b = (3, 3, 0) have r = −1 again
    // (b = 3 − 0.6a), so C ∝ σ: σ_a = 5/√3, σ_b = 3/√3 → (5/8, 3/8).
    const r = runAssessment(input, { steps: [{ step: 'normalise', global: { method: 'none' } }, { step: 'weight', method: 'critic', levels: { '3': 'manual' } }] });
    const w = r.periods[0]!.weights;
    expect(w.get('P')![0]).toBeCloseTo(5 / 8, 14);
    expect(w.get('Q')![1]).toBeCloseTo(2 / 3, 14);
    expect(w.get('Index')).toEqual([2 / 3, 1 / 3]);
  });
});

describe('adjust: a veto caps the tier (一票否决)', () => {
  const units = ['A', 'B', 'C', 'D', 'E'];
  const input: AssessmentInput = {
    ...inputOf(flat(['x']), units.map((code) => ({ code })), [['Y', rows(units, { x: [100, 90, 80, 70, 60] })]]),
    vetoes: [{ unit: 'A', item: '安全生产' }],
  };
  // Tiers by share over 5 units: 一 takes places ≤ round(0.2·5) = 1, 二 places ≤ round(0.6·5) = 3,
  // 三 the rest.
  const rank = { step: 'rank', tiers: { by: 'share', bands: [{ name: '一', share: 0.2 }, { name: '二', share: 0.4 }, { name: '三' }] } };
  const view = (r: AssessmentResult) => Object.fromEntries(r.units.map((u) => [u.unit, [u.score, u.rank, u.tier]]));

  it('tierCap only: A keeps its score and first place but is capped at 三; the others keep their tiers', () => {
    const r = runAssessment(input, { steps: [{ step: 'normalise', global: { method: 'none' } }, { step: 'adjust', veto: { tierCap: '三' } }, rank] });
    expect(view(r)).toEqual({ A: [100, 1, '三'], B: [90, 2, '二'], C: [80, 3, '二'], D: [70, 4, '三'], E: [60, 5, '三'] });
    expect(r.units.find((u) => u.unit === 'A')!.vetoes).toEqual(['安全生产']);
  });

  it('a tier cap never raises a tier: capped at 二, a unit already in 三 stays there', () => {
    const r = runAssessment({ ...input, vetoes: [{ unit: 'A', item: 'v' }, { unit: 'E', item: 'v' }] }, { steps: [{ step: 'normalise', global: { method: 'none' } }, { step: 'adjust', veto: { tierCap: '二' } }, rank] });
    expect(view(r)).toMatchObject({ A: [100, 1, '二'], E: [60, 5, '三'] });
  });

  it('scoreCap and tierCap together: A capped at 65 falls to fourth place, tier 三', () => {
    const r = runAssessment(input, { steps: [{ step: 'normalise', global: { method: 'none' } }, { step: 'adjust', veto: { scoreCap: 65, tierCap: '二' } }, rank] });
    // Scores 65, 90, 80, 70, 60 → B 1 (一), C 2 (二), D 3 (二), A 4 (三, already below the cap), E 5 (三).
    expect(view(r)).toEqual({ A: [65, 4, '三'], B: [90, 1, '一'], C: [80, 2, '二'], D: [70, 3, '二'], E: [60, 5, '三'] });
    expect(r.units.find((u) => u.unit === 'A')!.baseScore).toBe(100);
  });
});
