import { describe, expect, it } from 'vitest';
import { defaultRateSettings, formatRate, rankByComposite, ratesOf, type MonthlyCounts } from './rates.ts';

describe('three rates, worked by hand', () => {
  it('example A of docs/requests.md', () => {
    // 40 dispatches, 36 answered in time → 90%. 20 callbacks: 17 resolved → 85%;
    // 12 satisfied, 5 basically, 3 not → (12 + 5×0.8)/20 = 16/20 = 80%.
    // Composite with 10/45/45: (0.9×10 + 0.85×45 + 0.8×45)/100 × 100 = 9 + 38.25 + 36 = 83.25.
    const counts: MonthlyCounts = { dispatched: 40, respondedInTime: 36, callbacks: 20, resolved: 17, satisfied: 12, basicallySatisfied: 5 };
    const r = ratesOf(counts, defaultRateSettings);
    expect(r.responseRate).toBe(0.9);
    expect(r.resolutionRate).toBe(0.85);
    expect(r.satisfactionRate).toBeCloseTo(0.8, 12);
    expect(r.composite).toBeCloseTo(83.25, 10);
  });
  it('example B: no callbacks yet — the composite weighs only the response rate', () => {
    const r = ratesOf({ dispatched: 8, respondedInTime: 6, callbacks: 0, resolved: 0, satisfied: 0, basicallySatisfied: 0 }, defaultRateSettings);
    expect(r).toEqual({ responseRate: 0.75, resolutionRate: null, satisfactionRate: null, composite: 75 });
  });
  it('example C: other weights and credit', () => {
    // weights 20/40/40, basically satisfied counts fully: (1×20 + 0.5×40 + 1×40)/100 → 80.
    const r = ratesOf({ dispatched: 4, respondedInTime: 4, callbacks: 2, resolved: 1, satisfied: 1, basicallySatisfied: 1 },
      { responseWeight: 20, resolutionWeight: 40, satisfactionWeight: 40, basicallySatisfiedCredit: 1 });
    expect(r.composite).toBeCloseTo(80, 10);
  });
  it('nothing to count is undefined, not zero', () => {
    expect(ratesOf({ dispatched: 0, respondedInTime: 0, callbacks: 0, resolved: 0, satisfied: 0, basicallySatisfied: 0 }, defaultRateSettings).composite).toBeNull();
  });
  it('ranks with shared ranks for ties and leaves out units without a composite', () => {
    const mk = (name: string, composite: number | null) => ({ name, rates: { responseRate: null, resolutionRate: null, satisfactionRate: null, composite } });
    const ranked = rankByComposite([mk('乙', 80), mk('甲', 90), mk('丙', 80), mk('丁', null), mk('戊', 70)]);
    expect(ranked.map((r) => [r.item.name, r.rank])).toEqual([['甲', 1], ['丙', 2], ['乙', 2], ['戊', 4]]);
  });
  it('rounds for display only', () => {
    expect(formatRate(0.8525)).toBe('85.3%');
    expect(formatRate(null)).toBe('—');
  });
});
