import { describe, expect, it } from 'vitest';
import { schemeContent, schemeProblems, type SchemeContent, type SchemeContentInput } from './scheme.ts';

// A small scheme: two dimensions, three indicators, tiers by share.
const base: SchemeContentInput = {
  periods: [{ code: 'Q1', label: '一季度', deadline: '2026-04-15', weight: 0.4 }, { code: 'Y', label: '全年', deadline: '2027-01-15', weight: 0.6 }],
  vetoItems: [{ code: 'safety', name: '安全生产' }],
  adjustment: { bonusCap: 5, penaltyCap: 10, itemCaps: {}, vetoScoreCap: null, vetoTierCap: '第三等次' },
  tiers: { by: 'share', bands: [{ name: '第一等次', share: 0.3 }, { name: '第二等次', share: 0.5 }, { name: '第三等次' }] },
  categories: [{
    categoryCode: 'ZJ', name: '镇街', nodes: [
      { code: 'JJ', name: '经济发展', parent: null, kind: 'dimension', weight: 60 },
      { code: 'MS', name: '民生保障', parent: null, kind: 'dimension', weight: 40 },
      { code: 'A', name: '增速', parent: 'JJ', kind: 'indicator', weight: 1, direction: 1, target: 6 },
      { code: 'B', name: '失业率', parent: 'MS', kind: 'indicator', weight: 1, direction: -1, target: null },
      { code: 'C', name: '完成率', parent: 'MS', kind: 'indicator', weight: 1, direction: 1, target: 100, method: { method: 'targetCompletion', fullMarks: 100, cap: 1 } },
    ],
  }],
};
const scheme = (change: (c: SchemeContent) => void = () => {}) => {
  const c = schemeContent.parse(structuredClone(base));
  change(c);
  return c;
};
const paths = (c: SchemeContent) => schemeProblems(c).map((p) => p.path);
const node = (c: SchemeContent, code: string) => c.categories[0]!.nodes.find((n) => n.code === code)!;

describe('schemeProblems: the rules a computation would otherwise trip over', () => {
  it('accepts a sound scheme', () => {
    expect(schemeProblems(scheme())).toEqual([]);
  });

  it('asks for the target a target method needs, the indicator’s own or the method’s', () => {
    expect(paths(scheme((c) => { node(c, 'C').target = null; }))).toEqual(['categories[0].nodes[4].target']);
    expect(paths(scheme((c) => { node(c, 'C').target = null; node(c, 'C').method = { method: 'targetCompletion', target: 90, fullMarks: 100, cap: 1 }; }))).toEqual([]);
    expect(paths(scheme((c) => { node(c, 'C').target = 0; }))).toEqual(['categories[0].nodes[4].target']);
    // the scheme's default method applies to indicators without their own: B has no target
    expect(paths(scheme((c) => { c.defaultMethod = { method: 'distToTarget', cap: false, scale: 1 }; }))).toEqual(['categories[0].nodes[3].target']);
  });

  it('refuses efficacy coefficients whose 不允许值 and 满意值 are equal or the wrong way round for the direction', () => {
    const efficacy = (unacceptable: number, satisfactory: number) => ({ method: 'efficacy' as const, unacceptable, satisfactory, base: 60, span: 40, cap: true });
    expect(paths(scheme((c) => { node(c, 'A').method = efficacy(5, 5); }))).toEqual(['categories[0].nodes[2].method.satisfactory']);
    expect(paths(scheme((c) => { node(c, 'A').method = efficacy(10, 0); }))).toEqual(['categories[0].nodes[2].method.satisfactory']);
    expect(paths(scheme((c) => { node(c, 'B').method = efficacy(10, 2); }))).toEqual([]);
    expect(paths(scheme((c) => { node(c, 'B').method = efficacy(2, 10); }))).toEqual(['categories[0].nodes[3].method.satisfactory']);
    expect(schemeProblems(scheme((c) => { node(c, 'A').method = efficacy(10, 0); }))[0]!.message).toMatch(/满意值应高于不允许值/);
  });

  it('refuses tier bands that can never be reached and shares over 100 %', () => {
    expect(paths(scheme((c) => { c.tiers = { by: 'share', bands: [{ name: '一' }, { name: '二', share: 0.5 }] }; c.adjustment.vetoTierCap = null; })))
      .toEqual(['tiers.bands[0].share']);
    expect(paths(scheme((c) => { (c.tiers!.bands[1] as { share?: number }).share = 0.8; }))).toEqual(['tiers.bands[1].share']);
    expect(paths(scheme((c) => { c.tiers = { by: 'score', bands: [{ name: '一', min: 80 }, { name: '二', min: 90 }, { name: '三' }] }; c.adjustment.vetoTierCap = null; })))
      .toEqual(['tiers.bands[1].min']);
    expect(paths(scheme((c) => { c.tiers!.bands[1]!.name = '第一等次'; c.adjustment.vetoTierCap = null; }))).toEqual(['tiers.bands[1].name']);
  });

  it('refuses period weights that are all zero, siblings weighted all zero and a veto item named twice', () => {
    expect(paths(scheme((c) => { for (const p of c.periods) p.weight = 0; }))).toEqual(['periods[0].weight']);
    expect(paths(scheme((c) => { node(c, 'B').weight = 0; node(c, 'C').weight = 0; }))).toEqual(['categories[0].nodes[3].weight']);
    expect(paths(scheme((c) => { c.vetoItems.push({ code: 'safety', name: '又一个' }); }))).toEqual(['vetoItems[1].code']);
  });
});
