import { describe, expect, it } from 'vitest';
import { explainRankChange, explainScore } from './explain.ts';
import { smallDistrict, smallSpec } from './fixtures/small.ts';
import { runAssessment } from './pipeline.ts';
import { saltelliJansen } from './sensitivity.ts';
import { analyseUncertainty } from './uncertainty.ts';

describe('uncertainty and sensitivity', () => {
  const result = runAssessment(smallDistrict(), smallSpec);
  const spec = {
    runs: 800,
    seed: 11,
    weights: { noise: 0.3 },
    normalisation: [{ method: 'minmax', range: [1, 100] }, { method: 'rank' }],
    aggregation: [{ method: 'arithmetic' }, { method: 'geometric' }],
  };
  it('repeats exactly for a seed and differs for another', () => {
    const a = analyseUncertainty(result, spec);
    const b = analyseUncertainty(result, spec);
    expect(b).toEqual(a);
    // The small district's scores are far apart; strong weight noise makes S1 and S3 swap sometimes.
    const wide = { ...spec, weights: { noise: 0.9 } };
    const c = analyseUncertainty(result, { ...wide, seed: 3 });
    const d = analyseUncertainty(result, { ...wide, seed: 4 });
    expect(c.units.map((u) => u.meanRank)).not.toEqual(d.units.map((u) => u.meanRank));
  });
  it('gives each unit a median rank and a 5–95% interval around it', () => {
    const a = analyseUncertainty(result, spec);
    expect(a.runs).toBe(Math.floor(800 / 5) * 5);
    for (const u of a.units) {
      expect(u.p5!).toBeLessThanOrEqual(u.medianRank!);
      expect(u.medianRank!).toBeLessThanOrEqual(u.p95!);
      expect(u.p5!).toBeGreaterThanOrEqual(1);
      expect(u.p95!).toBeLessThanOrEqual(3); // three units per category
    }
    expect(a.sensitivity!.map((s) => s.factor)).toEqual(['weights', 'normalisation', 'aggregation']);
    for (const s of a.sensitivity!) if (s.total !== null) expect(s.total).toBeGreaterThanOrEqual(0);
  });
  it('with only weight noise, no other factor appears and nominal ranks match the pipeline', () => {
    const a = analyseUncertainty(result, { runs: 200, seed: 1, weights: { noise: 0.1 }, sensitivity: false });
    expect(a.factors).toEqual(['weights']);
    expect(a.sensitivity).toBeNull();
    const ranks = Object.fromEntries(result.units.map((u) => [u.unit, u.rank]));
    for (const u of a.units) expect(u.nominalRank).toBe(ranks[u.unit]);
  });
});

describe('Saltelli/Jansen estimators', () => {
  it('recover the analytic indices of an additive model y = x1 + 2·x2 (x ~ U(0,1))', () => {
    // V1 = 1/12, V2 = 4/12: S1 = 0.2, S2 = 0.8, no interactions so S_T = S.
    let s = 12345;
    const rnd = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const N = 20000;
    const A = Array.from({ length: N }, () => [rnd(), rnd()]);
    const B = Array.from({ length: N }, () => [rnd(), rnd()]);
    const f = (x: number[]): number => x[0]! + 2 * x[1]!;
    const fA = A.map(f);
    const fB = B.map(f);
    const fAB = [0, 1].map((i) => A.map((a, j) => f(a.map((v, k) => (k === i ? B[j]![k]! : v)))));
    const [i1, i2] = saltelliJansen(fA, fB, fAB);
    expect(i1!.firstOrder!).toBeCloseTo(0.2, 1);
    expect(i2!.firstOrder!).toBeCloseTo(0.8, 1);
    expect(i1!.total!).toBeCloseTo(0.2, 1);
    expect(i2!.total!).toBeCloseTo(0.8, 1);
  });
});

describe('explain', () => {
  const result = runAssessment(smallDistrict(), smallSpec);
  it('contributions add up to the score for the arithmetic mean', () => {
    for (const u of result.periods.at(-1)!.units) {
      const e = explainScore(result, u);
      expect(e.method).toBe('exact');
      expect(e.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(e.score!, 10);
    }
  });
  it('falls back to leave-one-out for other means', () => {
    const geo = runAssessment(smallDistrict(), {
      steps: [
        { step: 'normalise', global: { method: 'minmax', range: [1, 100] } },
        { step: 'aggregate', global: { method: 'geometric' } },
      ],
    });
    const e = explainScore(geo, 'S1');
    expect(e.method).toBe('leave-one-out');
    expect(e.contributions).toHaveLength(4);
  });
  it('explains a rank change between periods, counterfactual included', () => {
    const e = explainRankChange(result, 'S2', { from: 'Q1', to: 'Y' });
    expect(e.from.period).toBe('Q1');
    expect(e.to.period).toBe('Y');
    const sum = e.drivers.reduce((s, d) => s + d.contributionChange, 0);
    expect(sum).toBeCloseTo(e.scoreChange!, 10);
    for (let k = 1; k < e.drivers.length; k++) expect(e.drivers[k]!.relativeChange).toBeGreaterThanOrEqual(e.drivers[k - 1]!.relativeChange);
    for (const d of e.drivers) expect(d.rankIfUnchanged).not.toBeNull();
  });
  it('compares each indicator with the mean change of the unit\'s peers only, whichever unit is asked first', () => {
    const fresh = runAssessment(smallDistrict(), smallSpec);
    const units = fresh.periods[0]!.units;
    for (const unit of [...units].reverse()) {
      const e = explainRankChange(fresh, unit, { from: 'Q1', to: 'Y' });
      const category = fresh.units.find((u) => u.unit === unit)!.category;
      const peers = fresh.units.filter((u) => u.unit !== unit && u.category === category).map((u) => u.unit);
      for (const d of e.drivers) {
        const changes = peers.map((p) => {
          const of = (period: string) => explainScore(fresh, p, { period }).contributions.find((x) => x.indicator === d.indicator)!.contribution;
          return of('Y') - of('Q1');
        });
        const mean = changes.length === 0 ? 0 : changes.reduce((a, b) => a + b, 0) / changes.length;
        expect(d.peerMeanChange).toBeCloseTo(mean, 10);
      }
    }
  });
});
