import { describe, expect, it } from 'vitest';
import { schemeContent, type SchemeContent } from '../../core/scheme/scheme.ts';
import { ApiError } from '../api/api-error.ts';
import { canonicalPath, formProblems, problemsOfError } from './scheme-checks.ts';
import { methodFieldProblems, methodSummary } from './scheme-method-catalogue.ts';

const zh = (z: string) => z;
const en = (_: string, e: string) => e;
const content = (): SchemeContent => schemeContent.parse({
  periods: [{ code: 'Q1', label: '一季度', deadline: '2026-04-15', weight: 1 }],
  categories: [{ categoryCode: 'ZJ', name: '镇街', nodes: [
    { code: 'JJ', name: '经济发展', parent: null, kind: 'dimension', weight: 1 },
    { code: 'A', name: '增速', parent: 'JJ', kind: 'indicator', weight: 1, direction: 1, target: 6 },
  ] }],
});

describe('the scheme editor’s checks', () => {
  it('names each field to fix, in the current language', () => {
    const c = content();
    c.categories[0]!.nodes[1]!.method = { method: 'minmax', range: [100, 0] };
    c.periods[0]!.deadline = '2026-02-30';
    c.adjustment.bonusCap = -1;
    expect(formProblems(c, zh)).toEqual([
      { path: 'periods[0].deadline', message: '请选择截止日期' },
      { path: 'categories[0].nodes[1].method.range', message: '最差得分应小于最好得分，例如 0–100' },
      { path: 'adjustment.bonusCap', message: '加分上限不能为负数' },
    ]);
    expect(formProblems(c, en).map((p) => p.message)).toContain('The worst score must be below the best, e.g. 0–100');
  });

  it('adds the scheme’s rules from core, in the current language', () => {
    const c = content();
    c.categories[0]!.nodes[1]!.method = { method: 'efficacy', unacceptable: 9, satisfactory: 3, base: 60, span: 40, cap: true };
    expect(formProblems(c, en)).toEqual([{ path: 'categories[0].nodes[1].method.satisfactory', message: 'for higher-is-better, satisfactory must exceed unacceptable' }]);
    expect(formProblems(c, zh)[0]!.message).toBe('正向指标（越高越好）的满意值应高于不允许值');
  });

  it('checks due days and monthly aggregations, in the current language', () => {
    const c = content();
    c.categories[0]!.nodes[1]!.dueDay = 30;
    c.monthlyDueDay = 2.5;
    expect(formProblems(c, en)).toEqual([
      { path: 'categories[0].nodes[1].dueDay', message: 'A whole day from 1 to 28' },
      { path: 'monthlyDueDay', message: 'A whole day from 1 to 28' },
    ]);
    const d = content();
    d.categories[0]!.nodes[1]!.aggregate = 'sum';
    expect(formProblems(d, zh)).toEqual([{ path: 'categories[0].nodes[1].aggregate', message: '指标 A 不是按月填报，不能设置月度汇总方式：请把频次改为按月，或清除汇总方式' }]);
    d.categories[0]!.nodes[1]!.frequency = 'monthly';
    expect(formProblems(d, zh)).toEqual([]);
  });

  it('checks a method’s own parameters', () => {
    expect(methodFieldProblems({ method: 'rankPoints', fullMarks: 100, step: -1, floor: 0 }, zh)).toEqual({ step: '每名次扣分不能为负' });
    expect(methodFieldProblems({ method: 'distToRef', unit: '', cap: false, scale: 1 }, en)).toHaveProperty('unit');
    expect(methodFieldProblems({ method: 'targetCompletion', fullMarks: 100, cap: 0 }, zh)).toHaveProperty('cap');
    expect(methodFieldProblems({ method: 'efficacy', base: 60, span: 40, cap: true }, zh)).toEqual({});
    expect(methodSummary({ method: 'efficacy', unacceptable: 50, satisfactory: 90, base: 60, span: 40, cap: true }, zh)).toBe('功效系数法 60+40（50→90）');
  });

  it('puts the server’s refusals on the same fields', () => {
    expect(canonicalPath('body.content.categories.0.nodes.12.method.range')).toBe('categories[0].nodes[12].method.range');
    const validation = new ApiError(400, { code: 'validation_failed', message: '输入有误', details: [{ path: 'body.content.periods.1.weight', message: 'must be ≥ 0' }] });
    expect(problemsOfError(validation, zh)).toEqual([{ path: 'periods[1].weight', message: 'must be ≥ 0' }]);
    const rules = new ApiError(422, { code: 'unprocessable', message: '单位代码 X 不存在 (unknown unit)', details: { problems: [{ path: 'statisticsUnitCode', message: '单位代码 X 不存在或已停用 (unknown unit)' }] } });
    expect(problemsOfError(rules, en)).toEqual([{ path: 'statisticsUnitCode', message: 'unknown unit' }]);
  });
});
