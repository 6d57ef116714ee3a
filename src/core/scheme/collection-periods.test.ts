import { describe, expect, it } from 'vitest';
import {
  aggregateMonths, collectionPeriod, collectionPeriods, dayOfNextMonth, indicatorDeadline, monthPeriods, periodDue, submissionDeadline,
} from './collection-periods.ts';
import { indicatorsDue, indicatorsOfCategory, monthOfCode, schemeContent, schemeProblems, type SchemeContent, type SchemeContentInput } from './scheme.ts';

// A category with a quarterly indicator (due on the 20th after the quarter), a monthly one due by
// the scheme's monthly day (5th) and a monthly one of its own (due the 3rd), summed; and a category
// without monthly indicators.
const base: SchemeContentInput = {
  periods: [
    { code: 'Q1', label: '一季度', deadline: '2026-04-15', weight: 0.4 },
    { code: 'H1', label: '上半年', deadline: '2026-07-15', weight: 0.6 },
  ],
  monthlyDueDay: 5,
  categories: [
    { categoryCode: 'ZJ', name: '镇街', nodes: [
      { code: 'D', name: '维度', parent: null, kind: 'dimension', weight: 1 },
      { code: 'Q', name: '季度指标', parent: 'D', kind: 'indicator', weight: 1, dueDay: 20 },
      { code: 'M1', name: '月度均值', parent: 'D', kind: 'indicator', weight: 1, frequency: 'monthly' },
      { code: 'M2', name: '月度合计', parent: 'D', kind: 'indicator', weight: 1, frequency: 'monthly', aggregate: 'sum', dueDay: 3 },
      { code: 'S', name: '统计月度', parent: 'D', kind: 'indicator', weight: 1, frequency: 'monthly', dataSource: 'statistics' },
    ] },
    { categoryCode: 'BM', name: '部门', nodes: [
      { code: 'D', name: '维度', parent: null, kind: 'dimension', weight: 1 },
      { code: 'B', name: '部门指标', parent: 'D', kind: 'indicator', weight: 1 },
    ] },
  ],
};
const scheme = (change: (c: SchemeContent) => void = () => {}) => {
  const c = schemeContent.parse(structuredClone(base));
  change(c);
  return c;
};
const node = (c: SchemeContent, code: string, ci = 0) => c.categories[ci]!.nodes.find((n) => n.code === code)!;
const codes = (list: { code: string }[]) => list.map((n) => n.code);

describe('collection periods: the months beside the scheme’s periods', () => {
  it('has months M01…M12 only when some indicator is monthly, interleaved by deadline', () => {
    const c = scheme();
    expect(codes(collectionPeriods(c, 2026))).toEqual(['M01', 'M02', 'M03', 'Q1', 'M04', 'M05', 'M06', 'H1', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12']);
    expect(monthPeriods(c, 2026).map((p) => [p.label, p.deadline, p.months, p.previous])[0]).toEqual(['1月', '2026-02-05', ['2026-01'], null]);
    expect(collectionPeriod(c, 2026, 'M12')).toMatchObject({ label: '12月', deadline: '2027-01-05', kind: 'month', previous: 'M11' });
    expect(collectionPeriod(c, 2026, 'H1')).toMatchObject({ kind: 'period', months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], previous: 'Q1' });
    expect(collectionPeriod(c, 2026, 'M13')).toBeUndefined();
    // without monthly indicators there are no months, and M01 is no period
    const none = scheme((x) => { for (const cat of x.categories) for (const n of cat.nodes) delete n.frequency; delete node(x, 'M2').aggregate; });
    expect(codes(collectionPeriods(none, 2026))).toEqual(['Q1', 'H1']);
    expect(collectionPeriod(none, 2026, 'M01')).toBeUndefined();
    expect(monthOfCode(none, 'M01')).toBeNull();
  });

  it('the monthly due day defaults to the 10th', () => {
    expect(monthPeriods(scheme((c) => { delete c.monthlyDueDay; }), 2026)[2]!.deadline).toBe('2026-04-10');
    expect(dayOfNextMonth('2026-12', 28)).toBe('2027-01-28');
  });

  it('a unit owes the monthly indicators in a month and the others in a scheme period', () => {
    const c = scheme();
    expect(codes(indicatorsDue(c, 'ZJ', 'M03'))).toEqual(['M1', 'M2']);
    expect(codes(indicatorsDue(c, 'ZJ', 'Q1'))).toEqual(['Q']);
    expect(codes(indicatorsDue(c, 'BM', 'M03'))).toEqual([]);
    expect(codes(indicatorsDue(c, 'BM', 'Q1'))).toEqual(['B']);
    // bulk import: the statistics bureau's monthly indicator goes into the months too
    expect(codes(indicatorsOfCategory(c, 'ZJ', 'M03'))).toEqual(['M1', 'M2', 'S']);
    expect(codes(indicatorsOfCategory(c, 'ZJ', 'H1'))).toEqual(['Q']);
  });
});

describe('deadlines per indicator and per submission', () => {
  const c = scheme();
  const m3 = collectionPeriod(c, 2026, 'M03')!;
  const q1 = collectionPeriod(c, 2026, 'Q1')!;

  it('an indicator with a due day is due that day of the month after the period’s last month', () => {
    expect(indicatorDeadline(m3, node(c, 'M1'))).toBe('2026-04-05');
    expect(indicatorDeadline(m3, node(c, 'M2'))).toBe('2026-04-03');
    expect(indicatorDeadline(q1, node(c, 'Q'))).toBe('2026-04-20');
    expect(indicatorDeadline(collectionPeriod(c, 2026, 'H1')!, node(c, 'Q'))).toBe('2026-07-20');
    expect(indicatorDeadline(q1, node(c, 'B', 1))).toBe('2026-04-15');
  });

  it('a submission is due by the latest deadline of what it owes; the period’s when it owes nothing', () => {
    expect(periodDue(c, 'ZJ', m3).deadline).toBe('2026-04-05');
    expect(periodDue(c, 'ZJ', q1).deadline).toBe('2026-04-20');
    expect(periodDue(c, 'BM', q1).deadline).toBe('2026-04-15');
    expect(submissionDeadline(q1, [])).toBe('2026-04-15');
    expect(submissionDeadline(q1, [{ dueDay: 2 }, {}])).toBe('2026-04-15');
    expect(submissionDeadline(q1, [{ dueDay: 2 }])).toBe('2026-04-02');
  });
});

describe('a period’s value of a monthly indicator', () => {
  const q1 = ['2026-01', '2026-02', '2026-03'];
  it('is the mean, the sum or the latest of the months that have a value', () => {
    const v = { '2026-01': 10, '2026-02': 20, '2026-03': 60, '2026-04': 1000 };
    expect(aggregateMonths(v, q1)).toBe(30);
    expect(aggregateMonths(v, q1, 'sum')).toBe(90);
    expect(aggregateMonths(v, q1, 'last')).toBe(60);
  });
  it('leaves missing months out, and is missing when no month has a value', () => {
    const gap = { '2026-01': 10, '2026-02': null, '2026-04': 7 };
    expect(aggregateMonths(gap, q1, 'mean')).toBe(10);
    expect(aggregateMonths(gap, q1, 'sum')).toBe(10);
    // the latest month with a value, not the last month of the period
    expect(aggregateMonths(gap, q1, 'last')).toBe(10);
    expect(aggregateMonths({ '2026-02': 4, '2026-03': 8 }, q1, 'mean')).toBe(6);
    expect(aggregateMonths({}, q1)).toBeNull();
    expect(aggregateMonths({ '2026-05': 3 }, q1, 'sum')).toBeNull();
  });
});

describe('validation of frequencies, aggregations and due days', () => {
  const problems = (c: SchemeContent) => schemeProblems(c).map((p) => [p.path, p.message]);
  it('accepts the sound scheme, and old schemes without the fields', () => {
    expect(schemeProblems(scheme())).toEqual([]);
    const old = schemeContent.parse({ periods: base.periods, categories: [base.categories[1]] });
    expect(old.monthlyDueDay).toBeUndefined();
    expect(schemeProblems(old)).toEqual([]);
  });

  it('refuses a due day outside 1–28, in both languages', () => {
    for (const bad of [0, 29, 31, 2.5]) {
      const input = structuredClone(base) as { categories: { nodes: Record<string, unknown>[] }[]; monthlyDueDay?: number };
      input.categories[0]!.nodes[1]!.dueDay = bad;
      const parsed = schemeContent.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({ path: ['categories', 0, 'nodes', 1, 'dueDay'], message: '截止日应为 1 到 28 之间的整数 (a due day is a whole number from 1 to 28)' });
    }
    const monthly = schemeContent.safeParse({ ...base, monthlyDueDay: 30 });
    expect(monthly.error!.issues[0]).toMatchObject({ path: ['monthlyDueDay'], message: expect.stringContaining('1 到 28') });
    expect(schemeContent.safeParse({ ...structuredClone(base), categories: [{ ...base.categories[0]!, nodes: base.categories[0]!.nodes.map((n) => (n.code === 'M1' ? { ...n, aggregate: 'median' } : n)) }] }).success).toBe(false);
  });

  it('refuses an aggregation on a non-monthly indicator or a dimension, and a due day on a dimension', () => {
    expect(problems(scheme((c) => { node(c, 'Q').aggregate = 'sum'; }))).toEqual([
      ['categories[0].nodes[1].aggregate', '指标 Q 不是按月填报，不能设置月度汇总方式：请把频次改为按月，或清除汇总方式 (an aggregation applies to monthly indicators only)']]);
    expect(problems(scheme((c) => { node(c, 'D').aggregate = 'sum'; node(c, 'D').dueDay = 5; })).map(([p]) => p))
      .toEqual(['categories[0].nodes[0].aggregate', 'categories[0].nodes[0].dueDay']);
  });

  it('refuses monthly, a due day or an aggregation on an indicator computed from 12345 data', () => {
    const paths = schemeProblems(scheme((c) => { Object.assign(node(c, 'B', 1), { dataSource: 'requests', frequency: 'monthly', dueDay: 5, aggregate: 'mean' }); })).map((p) => p.path);
    expect(paths).toEqual(['categories[1].nodes[1].frequency', 'categories[1].nodes[1].dueDay', 'categories[1].nodes[1].aggregate']);
  });

  it('refuses a scheme period named like a month while months are collected', () => {
    expect(problems(scheme((c) => { c.periods[0]!.code = 'M03'; })).map(([p]) => p)).toEqual(['periods[0].code']);
    const none = scheme((x) => { for (const cat of x.categories) for (const n of cat.nodes) delete n.frequency; delete node(x, 'M2').aggregate; x.periods[0]!.code = 'M03'; });
    expect(schemeProblems(none)).toEqual([]);
  });
});
