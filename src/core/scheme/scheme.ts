// The assessment scheme (考核方案) as officials write it: periods with deadlines and weights, an
// indicator tree per unit category, veto items, bonus/penalty caps and tier rules. Shared by the
// server (validation, storage, computation) and the browser (tree editor, what-if panel).
import { z } from 'zod';
import { normaliseSettingsSchema } from '../assessment/spec.ts';

const code = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, underscore or hyphen');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

export const dataSources = ['unit', 'statistics', 'raters', 'requests', 'supervision'] as const;
export const frequencies = ['monthly', 'quarterly', 'yearly'] as const;
/** How a monthly indicator's months make a period's value: their mean, their sum, or the latest month's. */
export const monthlyAggregates = ['mean', 'sum', 'last'] as const;
export type DataSource = (typeof dataSources)[number];
export type Frequency = (typeof frequencies)[number];
export type MonthlyAggregate = (typeof monthlyAggregates)[number];

const dueDayMessage = '截止日应为 1 到 28 之间的整数 (a due day is a whole number from 1 to 28)';
/** A day of the month (1–28, so every month has it) by which a report is due. */
const dueDay = z.number({ error: dueDayMessage }).int(dueDayMessage).min(1, dueDayMessage).max(28, dueDayMessage);

/**
 * A node of a category's indicator tree: a dimension (维度 / 一级指标, parent null or another
 * dimension) or an indicator (指标, a leaf). The engine's root (the total score) is implicit.
 */
export const schemeNode = z.strictObject({
  code,
  name: z.string().trim().min(1).max(100),
  parent: code.nullable(),
  kind: z.enum(['dimension', 'indicator']),
  /** Weight among its siblings; the engine renormalises, so full marks (分值) work as weights. */
  weight: finite.refine((v) => v >= 0, 'must be ≥ 0'),
  direction: z.union([z.literal(1), z.literal(-1)]).optional(),
  unitOfMeasure: z.string().trim().max(20).optional(),
  target: finite.nullable().optional(),
  /** Scoring method and its parameters; the scheme's default method when absent. */
  method: normaliseSettingsSchema.optional(),
  dataSource: z.enum(dataSources).optional(),
  /** monthly: reported in monthly submissions (M01…M12); quarterly (the default): every period; yearly: the last period. */
  frequency: z.enum(frequencies).optional(),
  /** Monthly indicators: how the approved months a period covers make its value; 'mean' when absent. */
  aggregate: z.enum(monthlyAggregates).optional(),
  /**
   * Due by this day of the month after the period reported on (a month; for a scheme period, the
   * last month it covers). Absent: the period's deadline (monthly: the scheme's monthlyDueDay).
   */
  dueDay: dueDay.optional(),
  /** Range a reported value must lie in (per-cell validation of forms and uploads). */
  min: finite.nullable().optional(),
  max: finite.nullable().optional(),
  description: z.string().trim().max(500).optional(),
});
export type SchemeNode = z.infer<typeof schemeNode>;

export const schemePeriod = z.strictObject({
  /** Cumulative periods (累计): Q1 一季度, H1 上半年, Q1-3 前三季度, Y 全年. */
  code: code,
  label: z.string().trim().min(1).max(20),
  /** Last day to submit, in the district's time zone. */
  deadline: isoDate,
  /** Weight of the period in the year's combination (过程考核). */
  weight: finite.refine((v) => v >= 0, 'must be ≥ 0'),
});
export type SchemePeriod = z.infer<typeof schemePeriod>;

export const schemeCategory = z.strictObject({
  categoryCode: code,
  name: z.string().trim().min(1).max(40),
  nodes: z.array(schemeNode).min(1).max(2000),
});
export type SchemeCategory = z.infer<typeof schemeCategory>;

export const tierRule = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('share'), bands: z.array(z.strictObject({ name: z.string().min(1).max(20), share: z.number().min(0).max(1).optional() })).min(1).max(10) }),
  z.strictObject({ by: z.literal('score'), bands: z.array(z.strictObject({ name: z.string().min(1).max(20), min: finite.optional() })).min(1).max(10) }),
]);

export const schemeContent = z.strictObject({
  periods: z.array(schemePeriod).min(1).max(12),
  categories: z.array(schemeCategory).min(1).max(20),
  /** Default scoring method of indicators that name none. */
  defaultMethod: normaliseSettingsSchema.default({ method: 'efficacy', base: 60, span: 40, cap: true }),
  /** 'worst': a value missing after review scores as the category's worst; 'exclude': drops out. */
  missingValue: z.enum(['worst', 'exclude']).default('worst'),
  vetoItems: z.array(z.strictObject({ code, name: z.string().trim().min(1).max(40) })).max(20).default([]),
  adjustment: z.strictObject({
    bonusCap: finite.nullable().default(null),
    penaltyCap: finite.nullable().default(null),
    itemCaps: z.record(z.string(), finite).default({}),
    vetoScoreCap: finite.nullable().default(null),
    vetoTierCap: z.string().nullable().default(null),
  }).default({ bonusCap: null, penaltyCap: null, itemCaps: {}, vetoScoreCap: null, vetoTierCap: null }),
  tiers: tierRule.optional(),
  /**
   * Code of the unit that supplies the indicators whose data source is 'statistics' (the district's
   * statistics bureau, 区统计局): its reporters may bulk-import those indicators for every unit.
   * Absent or null: only the assessment office imports.
   */
  statisticsUnitCode: code.nullable().optional(),
  /** Day of the following month by which monthly submissions are due (indicators' own dueDay aside); 10 when absent. */
  monthlyDueDay: dueDay.optional(),
});
export type SchemeContent = z.infer<typeof schemeContent>;
export type SchemeContentInput = z.input<typeof schemeContent>;

/** Checks what zod cannot: unique codes, parents that exist and are dimensions, leaves are indicators. */
export function schemeProblems(content: SchemeContent): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const periodCodes = new Set<string>();
  content.periods.forEach((p, i) => {
    if (periodCodes.has(p.code)) problems.push({ path: `periods[${i}].code`, message: `考核周期代码 ${p.code} 重复 (duplicate period)` });
    periodCodes.add(p.code);
  });
  const categoryCodes = new Set<string>();
  content.categories.forEach((c, ci) => {
    if (categoryCodes.has(c.categoryCode)) problems.push({ path: `categories[${ci}].categoryCode`, message: `考核类别 ${c.categoryCode} 重复 (duplicate category)` });
    categoryCodes.add(c.categoryCode);
    const byCode = new Map<string, SchemeNode>();
    c.nodes.forEach((n, ni) => {
      if (byCode.has(n.code)) problems.push({ path: `categories[${ci}].nodes[${ni}].code`, message: `指标代码 ${n.code} 重复 (duplicate code)` });
      byCode.set(n.code, n);
    });
    const hasChildren = new Set(c.nodes.map((n) => n.parent).filter((p): p is string => p !== null));
    c.nodes.forEach((n, ni) => {
      const at = `categories[${ci}].nodes[${ni}]`;
      if (n.parent !== null) {
        const parent = byCode.get(n.parent);
        if (!parent) problems.push({ path: `${at}.parent`, message: `上级 ${n.parent} 不存在 (unknown parent)` });
        else if (parent.kind !== 'dimension') problems.push({ path: `${at}.parent`, message: `上级 ${n.parent} 是指标，不能有下级 (an indicator cannot have children)` });
      } else if (n.kind === 'indicator') problems.push({ path: `${at}.parent`, message: `指标 ${n.code} 必须属于一个维度 (an indicator belongs to a dimension)` });
      if (n.kind === 'dimension' && !hasChildren.has(n.code)) problems.push({ path: `${at}`, message: `维度 ${n.code} 没有下级指标 (a dimension needs indicators)` });
      if (n.min != null && n.max != null && n.min > n.max) problems.push({ path: `${at}.max`, message: '最大值小于最小值 (max below min)' });
    });
    // Cycles among dimensions: walk up from every node.
    for (const n of c.nodes) {
      let p = n.parent;
      for (let steps = 0; p !== null && steps <= c.nodes.length; steps++) p = byCode.get(p)?.parent ?? null;
      if (p !== null) { problems.push({ path: `categories[${ci}]`, message: `指标树有循环 (cycle at ${n.code})` }); break; }
    }
  });
  if (content.tiers && content.adjustment.vetoTierCap && !content.tiers.bands.some((b) => b.name === content.adjustment.vetoTierCap)) {
    problems.push({ path: 'adjustment.vetoTierCap', message: `否决封顶等次 ${content.adjustment.vetoTierCap} 不在等次规则中 (not one of the tiers)` });
  }
  problems.push(...ruleProblems(content));
  problems.push(...monthlyProblems(content));
  return problems;
}

/**
 * Frequencies, monthly aggregation and due days: an aggregation only for monthly indicators, no
 * monthly frequency or due day for indicators computed from 12345 data (never reported; their
 * value is the mean of the months of the period), due days on indicators only, and no scheme period
 * named like a month (M01…M12) when months are collected.
 */
function monthlyProblems(content: SchemeContent): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  content.categories.forEach((c, ci) => c.nodes.forEach((n, ni) => {
    const at = `categories[${ci}].nodes[${ni}]`;
    if (n.kind === 'dimension') {
      if (n.aggregate !== undefined) problems.push({ path: `${at}.aggregate`, message: `维度 ${n.code} 不能设置月度汇总方式，只有按月填报的指标可以 (only monthly indicators have an aggregation)` });
      if (n.dueDay !== undefined) problems.push({ path: `${at}.dueDay`, message: `维度 ${n.code} 不能设置截止日，截止日属于指标 (only indicators have a due day)` });
      return;
    }
    if (n.dataSource === 'requests') {
      if (n.frequency === 'monthly') problems.push({ path: `${at}.frequency`, message: `指标 ${n.code} 根据12345接诉即办数据按考核期计算，频次不能为按月 (an indicator computed from 12345 data cannot be monthly)` });
      if (n.dueDay !== undefined) problems.push({ path: `${at}.dueDay`, message: `指标 ${n.code} 根据12345接诉即办数据计算，无需填报，不能设置截止日 (computed from 12345 data; nobody reports it, so no due day)` });
      if (n.aggregate !== undefined) problems.push({ path: `${at}.aggregate`, message: `指标 ${n.code} 根据12345接诉即办数据计算（各月平均），不能设置月度汇总方式 (computed from 12345 data as the mean of the months; no aggregation)` });
      return;
    }
    if (n.aggregate !== undefined && n.frequency !== 'monthly') {
      problems.push({ path: `${at}.aggregate`, message: `指标 ${n.code} 不是按月填报，不能设置月度汇总方式：请把频次改为按月，或清除汇总方式 (an aggregation applies to monthly indicators only)` });
    }
  }));
  if (hasMonthlyCollection(content)) {
    content.periods.forEach((p, i) => {
      if (monthCodeRe.test(p.code)) problems.push({ path: `periods[${i}].code`, message: `考核期代码 ${p.code} 与月度填报期重名，请换一个代码 (period code clashes with the monthly periods M01–M12)` });
    });
  }
  return problems;
}

/** Monthly collection periods: M01 … M12, labelled 1月 … 12月. */
export const monthCodes = Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
const monthCodeRe = /^M(0[1-9]|1[0-2])$/;

/** Indicators kept in monthly submissions: the monthly ones (indicators computed from 12345 data never are). */
export function monthlyIndicators(content: SchemeContent, categoryCode: string): SchemeNode[] {
  return content.categories.find((c) => c.categoryCode === categoryCode)?.nodes
    .filter((n) => n.kind === 'indicator' && n.frequency === 'monthly' && n.dataSource !== 'requests') ?? [];
}

/** Whether months are collected: some category has a monthly indicator. */
export function hasMonthlyCollection(content: SchemeContent): boolean {
  return content.categories.some((c) => c.nodes.some((n) => n.kind === 'indicator' && n.frequency === 'monthly' && n.dataSource !== 'requests'));
}

/** The month (1–12) a collection period's code names (M01…M12), or null for a scheme period or when no month is collected. */
export function monthOfCode(content: SchemeContent, code: string): number | null {
  if (!monthCodeRe.test(code) || content.periods.some((p) => p.code === code) || !hasMonthlyCollection(content)) return null;
  return Number(code.slice(1));
}

/**
 * Rules that would otherwise fail only when a result is computed, or compute nonsense: scoring
 * methods without the target they need, efficacy coefficients whose 不允许值 and 满意值 are equal or
 * the wrong way round, tier bands that can never be reached, period weights that are all zero,
 * veto items named twice.
 */
function ruleProblems(content: SchemeContent): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (content.periods.length > 0 && content.periods.every((p) => p.weight === 0)) {
    problems.push({ path: 'periods[0].weight', message: '各考核期权重不能全为 0，请至少给一期正的权重 (period weights are all zero)' });
  }
  const vetoCodes = new Set<string>();
  content.vetoItems.forEach((v, i) => {
    if (vetoCodes.has(v.code)) problems.push({ path: `vetoItems[${i}].code`, message: `否决事项代码 ${v.code} 重复 (duplicate veto item)` });
    vetoCodes.add(v.code);
  });
  problems.push(...efficacyProblems(content.defaultMethod, null, 'defaultMethod'));
  content.categories.forEach((c, ci) => {
    // The engine renormalises weights among siblings, so siblings weighted all 0 have no share to give.
    const siblings = new Map<string | null, number[]>();
    c.nodes.forEach((n, ni) => siblings.set(n.parent, [...(siblings.get(n.parent) ?? []), ni]));
    for (const [parent, list] of siblings) {
      if (list.every((ni) => c.nodes[ni]!.weight === 0)) {
        problems.push({ path: `categories[${ci}].nodes[${list[0]}].weight`, message: `${parent === null ? '顶层维度' : `${parent} 的下级`}权重全为 0，请至少给一项正的权重 (sibling weights are all zero)` });
      }
    }
  });
  content.categories.forEach((c, ci) => c.nodes.forEach((n, ni) => {
    if (n.kind !== 'indicator') return;
    const at = `categories[${ci}].nodes[${ni}]`;
    const m = n.method ?? content.defaultMethod;
    if ((m.method === 'targetCompletion' || m.method === 'distToTarget') && (m.target ?? n.target ?? null) === null) {
      problems.push({ path: `${at}.target`, message: `指标 ${n.code} 按${m.method === 'targetCompletion' ? '目标完成度' : '与目标距离'}计分，需要目标值：请填写目标值 (the method needs a target)` });
    } else if (m.method === 'targetCompletion' && (m.target ?? n.target) === 0) {
      problems.push({ path: `${at}.target`, message: `指标 ${n.code} 按目标完成度计分，目标值不能为 0 (target completion needs a non-zero target)` });
    }
    if (n.method) problems.push(...efficacyProblems(n.method, n.direction ?? 1, `${at}.method`));
  }));
  if (content.tiers) {
    const bands = content.tiers.bands;
    const names = new Set<string>();
    bands.forEach((b, i) => {
      if (names.has(b.name)) problems.push({ path: `tiers.bands[${i}].name`, message: `等次名称 ${b.name} 重复 (duplicate tier)` });
      names.add(b.name);
    });
    if (content.tiers.by === 'share') {
      const sb = content.tiers.bands;
      sb.forEach((b, i) => {
        if (b.share === undefined && i < sb.length - 1) problems.push({ path: `tiers.bands[${i}].share`, message: `等次 ${b.name} 没有比例，其后的等次永远用不上：只有最后一个等次可以不填比例 (only the last band may omit its share)` });
      });
      const total = sb.reduce((a, b) => a + (b.share ?? 0), 0);
      const lastShared = sb.map((b, i) => (b.share === undefined ? -1 : i)).reduce((x, y) => Math.max(x, y), 0);
      if (total > 1 + 1e-9) problems.push({ path: `tiers.bands[${lastShared}].share`, message: `各等次比例合计 ${Math.round(total * 1000) / 10}%，超过 100% (shares add up to more than 100 %)` });
    } else {
      const sb = content.tiers.bands;
      sb.forEach((b, i) => {
        if (b.min === undefined && i < sb.length - 1) problems.push({ path: `tiers.bands[${i}].min`, message: `等次 ${b.name} 没有最低分，其后的等次永远用不上：只有最后一个等次可以不填最低分 (only the last band may omit its minimum)` });
        const prev = sb[i - 1]?.min;
        if (b.min !== undefined && prev !== undefined && b.min >= prev) problems.push({ path: `tiers.bands[${i}].min`, message: `等次 ${b.name} 的最低分应低于上一等次的 ${prev} 分 (minimums must decrease)` });
      });
    }
  }
  return problems;
}

/** An efficacy coefficient's 不允许值 and 满意值: different, and the worse one on the indicator's worse side. */
function efficacyProblems(m: SchemeContent['defaultMethod'], direction: 1 | -1 | null, at: string): { path: string; message: string }[] {
  if (m.method !== 'efficacy' || m.unacceptable === undefined || m.satisfactory === undefined) return [];
  if (m.unacceptable === m.satisfactory) return [{ path: `${at}.satisfactory`, message: '满意值与不允许值相同，无法计分：请把满意值设为更好的值 (satisfactory equals unacceptable)' }];
  if (direction === 1 && m.satisfactory < m.unacceptable) return [{ path: `${at}.satisfactory`, message: '正向指标（越高越好）的满意值应高于不允许值 (for higher-is-better, satisfactory must exceed unacceptable)' }];
  if (direction === -1 && m.satisfactory > m.unacceptable) return [{ path: `${at}.satisfactory`, message: '逆向指标（越低越好）的满意值应低于不允许值 (for lower-is-better, satisfactory must be below unacceptable)' }];
  return [];
}

/**
 * The indicators a unit of the category owes in a collection period: in a month (M01…M12) the
 * monthly ones; in a scheme period the others (yearly ones only in the last period).
 */
export function indicatorsDue(content: SchemeContent, categoryCode: string, periodCode: string): SchemeNode[] {
  const category = content.categories.find((c) => c.categoryCode === categoryCode);
  if (!category) return [];
  const reported = category.nodes.filter((n) => n.kind === 'indicator' && (n.dataSource ?? 'unit') === 'unit');
  if (monthOfCode(content, periodCode) !== null) return reported.filter((n) => n.frequency === 'monthly');
  const last = content.periods.at(-1)?.code;
  return reported.filter((n) => n.frequency !== 'monthly' && ((n.frequency ?? 'quarterly') === 'quarterly' || periodCode === last));
}

/**
 * Indicators that can be supplied for every unit by bulk import (the statistics bureau: only its
 * own, see assessment-policy); with a collection period, those kept in its submissions: the
 * monthly ones in a month, the others in a scheme period.
 */
export function indicatorsOfCategory(content: SchemeContent, categoryCode: string, periodCode?: string): SchemeNode[] {
  const all = content.categories.find((c) => c.categoryCode === categoryCode)?.nodes.filter((n) => n.kind === 'indicator') ?? [];
  if (periodCode === undefined) return all;
  const month = monthOfCode(content, periodCode) !== null;
  return all.filter((n) => (n.frequency === 'monthly') === month);
}

export const schemeStatuses = ['draft', 'published', 'superseded'] as const;
export type SchemeStatus = (typeof schemeStatuses)[number];

export const schemeCreateBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(1).max(100),
  content: schemeContent,
});

export const schemeUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  content: schemeContent.optional(),
  version: z.number().int().positive(),
});

export const schemeReviseBody = z.strictObject({
  /** Why the published scheme changes; kept with the new version. */
  reason: z.string().trim().min(2).max(500),
  version: z.number().int().positive(),
});

export const schemeCopyBody = z.strictObject({ year: z.number().int().min(2000).max(2100) });

export const schemeSummary = z.object({
  id: z.string(),
  year: z.number(),
  name: z.string(),
  schemeVersion: z.number(),
  status: z.enum(schemeStatuses),
  reason: z.string(),
  basedOnId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export type SchemeSummary = z.infer<typeof schemeSummary>;
export const schemeView = schemeSummary.extend({ content: z.unknown() });
export type SchemeView = SchemeSummary & { content: SchemeContent };
