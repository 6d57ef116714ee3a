// The assessment scheme (考核方案) as officials write it: periods with deadlines and weights, an
// indicator tree per unit category, veto items, bonus/penalty caps and tier rules. Shared by the
// server (validation, storage, computation) and the browser (tree editor, what-if panel).
import { z } from 'zod';
import { normaliseSettingsSchema } from '../assessment/spec.ts';

const code = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, underscore or hyphen');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

export const dataSources = ['unit', 'statistics', 'raters', 'requests', 'supervision'] as const;
export const frequencies = ['quarterly', 'yearly'] as const;
export type DataSource = (typeof dataSources)[number];
export type Frequency = (typeof frequencies)[number];

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
  frequency: z.enum(frequencies).optional(),
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
  return problems;
}

/** The indicators a unit of the category owes in a period (yearly ones only in the last period). */
export function indicatorsDue(content: SchemeContent, categoryCode: string, periodCode: string): SchemeNode[] {
  const category = content.categories.find((c) => c.categoryCode === categoryCode);
  if (!category) return [];
  const last = content.periods.at(-1)?.code;
  return category.nodes.filter((n) => n.kind === 'indicator' && (n.dataSource ?? 'unit') === 'unit'
    && ((n.frequency ?? 'quarterly') === 'quarterly' || periodCode === last));
}

/** Indicators that can be supplied for every unit by bulk import (the statistics bureau: only its own, see assessment-policy). */
export function indicatorsOfCategory(content: SchemeContent, categoryCode: string): SchemeNode[] {
  return content.categories.find((c) => c.categoryCode === categoryCode)?.nodes.filter((n) => n.kind === 'indicator') ?? [];
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
