// Rising clusters and the monthly theme on hand-made counts: growth against the comparable period
// (the same days of the previous month, per day), the minimum counts, and a theme that is both
// large and rising — never a category that fell.
import { describe, expect, it } from 'vitest';
import { comparablePeriods, expectedOf, growthOf, previousMonth, risingClusters, suggestTheme, trends, type ClusterCount } from './hotspots.ts';

/** Beijing wall-clock time. */
const bj = (y: number, m: number, d: number, h = 0) => new Date(Date.UTC(y, m - 1, d, h - 8));

describe('comparable periods', () => {
  it('compares a month in progress with the same days of the month before', () => {
    const p = comparablePeriods('2032-03', bj(2032, 3, 5, 12));
    expect(p.complete).toBe(false);
    expect(p.current).toMatchObject({ from: bj(2032, 3, 1), to: bj(2032, 3, 5, 12), days: 4.5 });
    expect(p.previous).toMatchObject({ from: bj(2032, 2, 1), to: bj(2032, 2, 5, 12), days: 4.5 });
  });
  it('compares a complete month with the whole month before, per day', () => {
    const p = comparablePeriods('2032-03', bj(2032, 4, 20));
    expect(p.complete).toBe(true);
    expect(p.current.days).toBe(31);
    // February 2032 has 29 days: the whole of it, and 29 requests a day then expect 31 × … now.
    expect(p.previous).toMatchObject({ from: bj(2032, 2, 1), to: bj(2032, 3, 1), days: 29 });
    expect(expectedOf(29, p)).toBeCloseTo(31, 12);
    expect(growthOf(62, 29, p)).toBeCloseTo(1, 12);
    // A month of 30 days after one of 31: the first 30 days of the longer one.
    expect(comparablePeriods('2032-04', bj(2032, 5, 2)).previous).toMatchObject({ to: bj(2032, 3, 31), days: 30 });
  });
  it('has an empty period for a month not yet begun, and wraps the year', () => {
    expect(comparablePeriods('2032-05', bj(2032, 4, 1)).current.days).toBe(0);
    expect(previousMonth('2032-01')).toBe('2031-12');
  });
});

describe('rising and the monthly theme', () => {
  // The situation of the review: on the 5th, noise had 10 requests against 90 in the whole last
  // month — but 10 against 12 in the same five days: it fell, slightly; parking rose.
  const periods = comparablePeriods('2032-03', bj(2032, 3, 6));
  const categories = trends([
    { key: 'noise', name: '噪音扰民', count: 10, previous: 12 },
    { key: 'parking', name: '停车管理', count: 24, previous: 10 },
    { key: 'stalls', name: '占道经营', count: 30, previous: 28 },
    { key: 'trees', name: '园林绿化', count: 6, previous: 1 },
    { key: 'heating', name: '供暖', count: 0, previous: 40 },
  ], periods);
  const total = 70;

  it('sorts trends by count and gives growth per day, null when there was nothing before', () => {
    expect(categories.map((t) => t.key)).toEqual(['stalls', 'parking', 'noise', 'trees', 'heating']);
    expect(categories.find((t) => t.key === 'parking')!.growth).toBeCloseTo(1.4, 12);
    expect(categories.find((t) => t.key === 'heating')!.growth).toBe(-1);
    expect(trends([{ key: 'x', name: 'x', count: 3, previous: 0 }], periods)[0]!.growth).toBeNull();
  });

  it('finds rising clusters with enough requests and growth, most added first', () => {
    const rows: ClusterCount[] = [
      { serviceId: 'parking', serviceName: '停车管理', divisionCode: '110108010', divisionName: '学院路街道', count: 12, previous: 2 },
      { serviceId: 'parking', serviceName: '停车管理', divisionCode: '110108011', divisionName: '中关村街道', count: 6, previous: 0 },
      { serviceId: 'stalls', serviceName: '占道经营', divisionCode: '110108011', divisionName: '中关村街道', count: 15, previous: 14 },
      { serviceId: 'noise', serviceName: '噪音扰民', divisionCode: '110108012', divisionName: '海淀街道', count: 4, previous: 0 },
      { serviceId: 'trees', serviceName: '园林绿化', divisionCode: '110108012', divisionName: '海淀街道', count: 6, previous: 4 },
    ];
    const rising = risingClusters(rows, periods);
    // stalls: no growth to speak of; noise: too few; trees: +50 % exactly, 6 ≥ 5: rising.
    expect(rising.map((c) => `${c.serviceId}@${c.divisionCode}`)).toEqual(['parking@110108010', 'parking@110108011', 'trees@110108012']);
    expect(rising[0]).toMatchObject({ count: 12, previous: 2, growth: 5, added: 10 });
    expect(rising[1]!.growth).toBeNull();
  });

  it('picks the theme among large and rising categories, with the evidence, never one that fell', () => {
    const clusters = risingClusters([
      { serviceId: 'parking', serviceName: '停车管理', divisionCode: '110108010', divisionName: '学院路街道', count: 12, previous: 2 },
    ], periods).map((c) => ({ ...c, topWords: ['停车', '占用', '消防通道'] }));
    const { theme, candidates, note } = suggestTheme('2032-03', categories, clusters, total, periods);
    expect(note).toBeNull();
    // stalls is largest but flat (+7 %); trees rose most but is small (6 < 10); noise fell.
    expect(candidates.map((c) => c.key)).toEqual(['parking']);
    expect(theme).toEqual({
      title: '3月每月一题建议：停车管理', serviceName: '停车管理',
      evidence: ['本期 24 件，上月同期 10 件，环比 +140.0%', '占本期全部诉求 34.3%，居各类别第 2 位', '学院路街道集中 12 件（上月同期 2 件），关键词：停车、占用、消防通道'],
    });
  });

  it('prefers the category that added most, and names the other risers', () => {
    const more = trends([
      { key: 'a', name: '甲', count: 40, previous: 20 },
      { key: 'b', name: '乙', count: 100, previous: 70 },
      { key: 'c', name: '丙', count: 20, previous: 0 },
    ], periods);
    const { theme, candidates } = suggestTheme('2032-03', more, [], 160, periods);
    // b added 30; a and c 20 each: the larger first.
    expect(candidates.map((c) => c.key)).toEqual(['b', 'a', 'c']);
    expect(theme!.serviceName).toBe('乙');
    expect(theme!.evidence.at(-1)).toBe('其他上升类别：甲 +100.0%、丙 新出现');
  });

  it('suggests nothing when nothing is both large and rising, and says why', () => {
    const falling = trends([{ key: 'noise', name: '噪音扰民', count: 10, previous: 90 }], comparablePeriods('2032-03', bj(2032, 4, 2)));
    const { theme, note } = suggestTheme('2032-03', falling, [], 10, comparablePeriods('2032-03', bj(2032, 4, 2)));
    expect(theme).toBeNull();
    expect(note).toBe('本期没有既多又上升的类别（至少 10 件、占 5% 以上且环比增长 20% 以上）');
  });
});
