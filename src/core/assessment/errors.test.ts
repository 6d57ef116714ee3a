import { describe, expect, it } from 'vitest';
import { parseCoinr } from './coinr-format.ts';
import { AssessmentError } from './errors.ts';
import { runAssessment } from './pipeline.ts';
import { parsePipelineSpec } from './spec.ts';
import { smallDistrict, smallSpec } from './fixtures/small.ts';
import { buildTree } from './tree.ts';

function caught(fn: () => unknown): AssessmentError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AssessmentError) return e;
    throw e;
  }
  throw new Error('expected an AssessmentError');
}

const META = `Level,iCode,Direction,Weight,Parent,Type
1,a,1,1,Index,Indicator
1,b,1,1,Index,Indicator
2,Index,1,1,NA,Aggregate`;

describe('bad input gets an error naming what to fix', () => {
  it('non-numeric cells name the unit and the indicator', () => {
    const e = caught(() => parseCoinr('uCode,a,b\nX1,1,2\nX2,abc,3\nX3,4,5', META));
    expect(e.code).toBe('NON_NUMERIC');
    expect(e.details).toMatchObject({ unit: 'X2', indicator: 'a' });
    expect(e.message).toContain('X2');
    expect(e.message).toContain('abc');
    const input = smallDistrict();
    input.periods[0]!.values!.S3!.growth = 'n/a' as unknown as number;
    expect(caught(() => runAssessment(input, smallSpec)).details).toMatchObject({ unit: 'S3', indicator: 'growth', period: 'Q1' });
    const inf = smallDistrict();
    inf.periods[1]!.values!.S2!.invest = Infinity;
    expect(caught(() => runAssessment(inf, smallSpec))).toMatchObject({ code: 'NON_FINITE', details: { unit: 'S2', indicator: 'invest' } });
  });
  it('an indicator missing for every unit', () => {
    const input = smallDistrict();
    for (const u of Object.keys(input.periods[2]!.values!)) input.periods[2]!.values![u]!.hotline = null;
    expect(caught(() => runAssessment(input, smallSpec))).toMatchObject({ code: 'INDICATOR_ALL_MISSING', details: { indicator: 'hotline', period: 'Y' } });
  });
  it('zero variance', () => {
    const input = smallDistrict();
    for (const u of Object.keys(input.periods[0]!.values!)) input.periods[0]!.values![u]!.accidents = 3;
    expect(caught(() => runAssessment(input, smallSpec))).toMatchObject({ code: 'ZERO_VARIANCE', details: { indicator: 'accidents' } });
  });
  it('values ≤ 0 for a geometric mean name the unit and the indicator', () => {
    const spec = { ...smallSpec, steps: smallSpec.steps.map((s) => (s.step === 'aggregate' ? { step: 'aggregate', global: { method: 'geometric' } } : s)) };
    const e = caught(() => runAssessment(smallDistrict(), spec));
    expect(e.code).toBe('NON_POSITIVE_FOR_MEAN');
    expect(e.details.unit).toBeDefined();
    expect(['growth', 'invest', 'accidents', 'hotline']).toContain(e.details.indicator);
    expect(e.message).toContain(e.details.unit!);
  });
  it('a cycle or an orphan in the tree', () => {
    expect(caught(() => buildTree([
      { code: 'Index', parent: null, weight: 1 },
      { code: 'A', parent: 'B', weight: 1 },
      { code: 'B', parent: 'A', weight: 1 },
      { code: 'x', parent: 'A', weight: 1 },
    ]))).toMatchObject({ code: 'TREE_CYCLE' });
    expect(caught(() => buildTree([
      { code: 'Index', parent: null, weight: 1 },
      { code: 'x', parent: 'Index', weight: 1 },
      { code: 'y', parent: 'Missing', weight: 1 },
    ]))).toMatchObject({ code: 'TREE_ORPHAN', details: { indicator: 'y', field: 'parent' } });
    expect(caught(() => buildTree([
      { code: 'Index', parent: null, weight: 1 },
      { code: 'x', parent: 'Index', weight: 1 },
      { code: 'Other', parent: null, weight: 1 },
    ]))).toMatchObject({ code: 'TREE_ORPHAN' });
  });
  it('weights that sum to zero', () => {
    const input = smallDistrict();
    input.tree = input.tree.map((n) => (n.parent === 'Service' ? { ...n, weight: 0 } : n));
    expect(caught(() => runAssessment(input, smallSpec))).toMatchObject({ code: 'WEIGHTS_SUM_ZERO', details: { indicator: 'Service', field: 'weight' } });
    const spec = { ...smallSpec, steps: [...smallSpec.steps.slice(0, 2), { step: 'weight', weights: { Economy: 0, Service: 0 } }, ...smallSpec.steps.slice(2)] };
    expect(caught(() => runAssessment(smallDistrict(), spec))).toMatchObject({ code: 'WEIGHTS_SUM_ZERO', details: { indicator: 'Index' } });
  });
  it('spec errors name the field', () => {
    expect(caught(() => parsePipelineSpec({ steps: [{ step: 'normalise', global: { method: 'minmax', range: [100, 0] } }] })).details.field).toBe('steps[0].global.range');
    expect(caught(() => parsePipelineSpec({ steps: [{ step: 'screen', minDataShare: 1.5 }] })).details.field).toBe('steps[0].minDataShare');
    expect(caught(() => parsePipelineSpec({ steps: [{ step: 'aggregate' }, { step: 'normalise' }] })).details.field).toBe('steps[1].step');
    expect(caught(() => parsePipelineSpec({ steps: [{ step: 'normalise', colour: 'red' }] })).code).toBe('SPEC_INVALID');
  });
});
