// 计分方法: every normalisation method of the engine with its parameters, named in both languages,
// with the checks of its parameters: what the scheme editor (per indicator and the scheme's
// default) and the what-if panel offer. The inputs are in scheme-methods.tsx.
import type { NormaliseSettings } from '../../core/assessment/spec.ts';

export type MethodKey = NormaliseSettings['method'];
export type Tx = (zh: string, en: string) => string;

export type ParamKind = 'number' | 'optional' | 'nullable' | 'boolean' | 'text' | 'range';
export interface ParamSpec { key: string; kind: ParamKind; zh: string; en: string; helpZh?: string; helpEn?: string; step?: number }
interface MethodSpec { key: MethodKey; zh: string; en: string; defaults: NormaliseSettings; params: ParamSpec[] }

const scale: ParamSpec = { key: 'scale', kind: 'number', zh: '缩放', en: 'Scale', helpZh: '得分 = 比例 × 缩放', helpEn: 'score = ratio × scale' };
const targetParam: ParamSpec = { key: 'target', kind: 'optional', zh: '目标值', en: 'Target', helpZh: '留空则用指标的目标值', helpEn: 'empty: the indicator’s target' };

/** The engine's methods (docs/assessment-engine.md, normalise), the ones officials use first. */
export const methodCatalogue: MethodSpec[] = [
  {
    key: 'efficacy', zh: '功效系数法', en: 'Efficacy coefficient', defaults: { method: 'efficacy', base: 60, span: 40, cap: true },
    params: [
      { key: 'unacceptable', kind: 'optional', zh: '不允许值', en: 'Unacceptable value', helpZh: '留空取本期最差值', helpEn: 'empty: the period’s worst value' },
      { key: 'satisfactory', kind: 'optional', zh: '满意值', en: 'Satisfactory value', helpZh: '留空取本期最优值', helpEn: 'empty: the period’s best value' },
      { key: 'base', kind: 'number', zh: '基础分', en: 'Base', helpZh: '达到不允许值的得分', helpEn: 'score at the unacceptable value' },
      { key: 'span', kind: 'number', zh: '浮动分', en: 'Span', helpZh: '满意值得分 = 基础分 + 浮动分', helpEn: 'score at satisfactory = base + span' },
      { key: 'cap', kind: 'boolean', zh: '限定在不允许值与满意值之间', en: 'Clamp between the two values' },
    ],
  },
  {
    key: 'targetCompletion', zh: '目标完成度', en: 'Target completion', defaults: { method: 'targetCompletion', fullMarks: 100, cap: 1 },
    params: [targetParam,
      { key: 'fullMarks', kind: 'number', zh: '满分', en: 'Full marks' },
      { key: 'cap', kind: 'nullable', zh: '完成率上限', en: 'Ratio cap', helpZh: '1 = 不超过满分；留空不封顶', helpEn: '1 = no more than full marks; empty: no cap', step: 0.1 }],
  },
  {
    key: 'rankPoints', zh: '排名赋分', en: 'Rank-based points', defaults: { method: 'rankPoints', fullMarks: 100, step: 1, floor: 0 },
    params: [{ key: 'fullMarks', kind: 'number', zh: '第一名得分', en: 'Points for first' },
      { key: 'step', kind: 'number', zh: '每低一名扣分', en: 'Points per place', step: 0.5 },
      { key: 'floor', kind: 'number', zh: '最低分', en: 'Floor' }],
  },
  { key: 'minmax', zh: '极差标准化', en: 'Min-max', defaults: { method: 'minmax', range: [0, 100] }, params: [{ key: 'range', kind: 'range', zh: '得分区间（最差–最好）', en: 'Range (worst–best)' }] },
  {
    key: 'goalposts', zh: '门槛值法', en: 'Goalposts', defaults: { method: 'goalposts', lower: 0, upper: 100, scale: 100, truncate: true },
    params: [{ key: 'lower', kind: 'number', zh: '下门槛', en: 'Lower goalpost' }, { key: 'upper', kind: 'number', zh: '上门槛', en: 'Upper goalpost' }, scale,
      { key: 'truncate', kind: 'boolean', zh: '门槛外截断', en: 'Truncate outside' }],
  },
  { key: 'distToTarget', zh: '与目标距离', en: 'Distance to target', defaults: { method: 'distToTarget', cap: true, scale: 100 }, params: [targetParam, { key: 'cap', kind: 'boolean', zh: '超过目标不加分', en: 'Cap at the target' }, scale] },
  { key: 'distToMax', zh: '与最优值距离', en: 'Distance to best', defaults: { method: 'distToMax', scale: 100 }, params: [scale] },
  {
    key: 'distToRef', zh: '与参照单位距离', en: 'Distance to a reference unit', defaults: { method: 'distToRef', unit: '', cap: false, scale: 100 },
    params: [{ key: 'unit', kind: 'text', zh: '参照单位代码', en: 'Reference unit code' }, { key: 'cap', kind: 'boolean', zh: '超过参照不加分', en: 'Cap at the reference' }, scale],
  },
  { key: 'fracMax', zh: '占最优值比例', en: 'Fraction of best', defaults: { method: 'fracMax', scale: 100 }, params: [scale] },
  { key: 'percentileRank', zh: '百分位排名', en: 'Percentile rank', defaults: { method: 'percentileRank', scale: 100 }, params: [scale] },
  { key: 'rank', zh: '名次（升序）', en: 'Rank', defaults: { method: 'rank' }, params: [] },
  { key: 'borda', zh: '波达计数', en: 'Borda count', defaults: { method: 'borda' }, params: [] },
  {
    key: 'zscore', zh: '标准分数（Z分数）', en: 'Z-score', defaults: { method: 'zscore', mean: 0, sd: 1 },
    params: [{ key: 'mean', kind: 'number', zh: '均值', en: 'Mean' }, { key: 'sd', kind: 'number', zh: '标准差', en: 'SD' }],
  },
  { key: 'none', zh: '原值（不标准化）', en: 'Raw value', defaults: { method: 'none' }, params: [] },
];

export const specOf = (key: string) => methodCatalogue.find((m) => m.key === key);
export const methodName = (key: string, tx: Tx) => { const s = specOf(key); return s ? tx(s.zh, s.en) : key; };
export const defaultsOf = (key: MethodKey): NormaliseSettings => structuredClone(specOf(key)!.defaults);

const n = (v: unknown) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : '?');
/** A short label with the parameters that matter: 功效系数法 60+40（50→90）. */
export function methodSummary(m: NormaliseSettings, tx: Tx): string {
  const name = methodName(m.method, tx);
  switch (m.method) {
    case 'efficacy': {
      const values = m.unacceptable !== undefined || m.satisfactory !== undefined ? `（${m.unacceptable ?? tx('最差', 'worst')}→${m.satisfactory ?? tx('最优', 'best')}）` : '';
      return `${name} ${n(m.base)}+${n(m.span)}${values}`;
    }
    case 'targetCompletion': return m.cap == null ? name : `${name} ≤${n(m.cap * 100)}%`;
    case 'rankPoints': return `${name} −${n(m.step)}/${tx('名', 'place')}`;
    case 'minmax': return `${name} ${n(m.range?.[0])}–${n(m.range?.[1])}`;
    case 'goalposts': return `${name} ${n(m.lower)}–${n(m.upper)}`;
    case 'distToRef': return `${name} ${m.unit}`;
    default: return name;
  }
}

const missing = (v: unknown) => typeof v !== 'number' || !Number.isFinite(v);

/**
 * What is wrong with a method's own parameters, by parameter: numbers left empty, ranges the wrong
 * way round. Rules that need the indicator (its target, its direction) are the scheme's
 * (schemeProblems in core), which the server applies as well.
 */
export function methodFieldProblems(m: NormaliseSettings, tx: Tx): Record<string, string> {
  const out: Record<string, string> = {};
  const spec = specOf(m.method);
  if (!spec) return { method: tx('未知的计分方法', 'Unknown scoring method') };
  const v = m as unknown as Record<string, unknown>;
  for (const p of spec.params) {
    const x = v[p.key];
    if (p.kind === 'number' && missing(x)) out[p.key] = tx(`请填写${p.zh}`, `Enter the ${p.en.toLowerCase()}`);
    if ((p.kind === 'optional' || p.kind === 'nullable') && x != null && missing(x)) out[p.key] = tx(`${p.zh}应为数字或留空`, `${p.en}: a number or empty`);
  }
  switch (m.method) {
    case 'minmax':
      if (!Array.isArray(m.range) || missing(m.range[0]) || missing(m.range[1])) out.range = tx('请填写得分区间的两端', 'Enter both ends of the range');
      else if (m.range[0] >= m.range[1]) out.range = tx('最差得分应小于最好得分，例如 0–100', 'The worst score must be below the best, e.g. 0–100');
      break;
    case 'zscore':
      if (!out.sd && m.sd <= 0) out.sd = tx('标准差应大于 0', 'The SD must be above 0');
      break;
    case 'goalposts':
      if (!out.lower && !out.upper && m.lower >= m.upper) out.upper = tx('上门槛应大于下门槛', 'The upper goalpost must exceed the lower');
      break;
    case 'efficacy':
      if (!out.span && m.span <= 0) out.span = tx('浮动分应大于 0，否则所有单位得分相同', 'The span must be above 0, or every unit scores the same');
      break;
    case 'targetCompletion':
      if (!out.fullMarks && m.fullMarks <= 0) out.fullMarks = tx('满分应大于 0', 'Full marks must be above 0');
      if (!out.cap && m.cap != null && m.cap <= 0) out.cap = tx('上限应大于 0（1 表示不超过满分），或留空', 'The cap must be above 0 (1 = full marks), or empty');
      break;
    case 'rankPoints':
      if (!out.step && m.step < 0) out.step = tx('每名次扣分不能为负', 'Points per place cannot be negative');
      if (!out.floor && !out.fullMarks && m.floor > m.fullMarks) out.floor = tx('最低分不能高于第一名得分', 'The floor cannot exceed the points for first');
      break;
    case 'distToRef':
      if (!m.unit || !/^[A-Za-z0-9_.-]+$/.test(m.unit)) out.unit = tx('请填写参照单位的代码（字母、数字、点、下划线或连字符）', 'Enter the reference unit’s code (letters, digits, dot, underscore, hyphen)');
      break;
    default:
  }
  return out;
}
