// The demo district's 2026 assessment scheme, modelled on public practice: six dimensions per
// category, efficacy-coefficient scoring (60 + 40·…) by default, target completion where a target
// is set, veto items, capped bonus and penalty points, tiers by share, quarterly process weights.
import type { SchemeContentInput, SchemeNode } from '../../core/scheme/scheme.ts';
import { demoDepartmentCode } from './demo-district.ts';

export const demoAssessmentYear = 2026;

type Line = [code: string, name: string, unitOfMeasure: string, weight: number, target: number | null, direction?: 1 | -1, extra?: Partial<SchemeNode>];
const dims = [
  ['JJ', '经济发展', 25], ['KJ', '科技创新', 15], ['CS', '城市治理', 20], ['MS', '民生保障', 20], ['AQ', '安全稳定', 10], ['DJ', '党的建设', 10],
] as const;

// Over-fulfilment earns no more than full marks; extra merit goes through bonus points instead.
const completion = { method: 'targetCompletion', fullMarks: 100, cap: 1 } as const;
const percent = { min: 0, max: 200 };
/** Shares of a whole cannot pass 100 %; completion of a plan (完成率) can. */
const share = /(覆盖率|准确率|响应率|办结率|化解率|整改率)$/;

function tree(prefix: string, lines: Record<(typeof dims)[number][0], Line[]>): SchemeNode[] {
  const nodes: SchemeNode[] = [];
  for (const [code, name, weight] of dims) {
    nodes.push({ code: `${prefix}-${code}`, name, parent: null, kind: 'dimension', weight });
    for (const [c, n, uom, w, target, direction, extra] of lines[code]) {
      nodes.push({
        code: c, name: n, parent: `${prefix}-${code}`, kind: 'indicator', weight: w, direction: direction ?? 1, unitOfMeasure: uom,
        target, dataSource: 'unit', frequency: 'quarterly', ...(uom === '%' ? (share.test(n) ? { min: 0, max: 100 } : percent) : { min: 0 }), ...extra,
      });
    }
  }
  return nodes;
}

const raters = { dataSource: 'raters' as const, min: 0, max: 100 };

export const demoSchemeContent: SchemeContentInput = {
  periods: [
    { code: 'Q1', label: '一季度', deadline: '2026-04-15', weight: 0.15 },
    { code: 'H1', label: '上半年', deadline: '2026-07-15', weight: 0.25 },
    { code: 'Q1-3', label: '前三季度', deadline: '2026-10-15', weight: 0.25 },
    { code: 'Y', label: '全年', deadline: '2027-01-15', weight: 0.35 },
  ],
  defaultMethod: { method: 'efficacy', base: 60, span: 40, cap: true },
  missingValue: 'worst',
  vetoItems: [
    { code: 'safety', name: '安全生产' }, { code: 'stats', name: '统计造假' }, { code: 'integrity', name: '党风廉政' }, { code: 'environment', name: '环境保护' },
  ],
  adjustment: { bonusCap: 5, penaltyCap: 10, itemCaps: { award: 3 }, vetoScoreCap: null, vetoTierCap: '第三等次' },
  tiers: { by: 'share', bands: [{ name: '第一等次', share: 0.3 }, { name: '第二等次', share: 0.5 }, { name: '第三等次' }] },
  statisticsUnitCode: demoDepartmentCode('区统计局'),
  categories: [
    {
      categoryCode: 'ZJ', name: '镇街',
      nodes: tree('ZJ', {
        JJ: [['ZJ01', '地区生产总值增速', '%', 30, 6], ['ZJ02', '一般公共预算收入完成率', '%', 30, 100, 1, { method: completion }],
          ['ZJ03', '固定资产投资增速', '%', 20, 5, 1, { min: -50 }], ['ZJ04', '新增规模以上企业数', '家', 20, 8]],
        KJ: [['ZJ05', '国家高新技术企业数', '家', 50, 120], ['ZJ06', '技术合同成交额增速', '%', 50, 10, 1, { min: -50 }]],
        // Computed from the 12345 hotline's monthly three-rate composites, never reported (docs/assessment-workflow.md).
        CS: [['ZJ07', '接诉即办综合得分', '分', 40, 90, 1, { min: 0, max: 100, dataSource: 'requests', description: '12345接诉即办响应率、解决率、满意率的月度综合得分，取考核期内各月平均' }], ['ZJ08', '背街小巷环境整治完成率', '%', 30, 100, 1, { method: completion }],
          ['ZJ09', '生活垃圾分类准确率', '%', 30, 90]],
        MS: [['ZJ10', '城镇登记失业率', '%', 30, 3, -1], ['ZJ11', '民生实事完成率', '%', 40, 100, 1, { method: completion }], ['ZJ12', '社区养老服务驿站覆盖率', '%', 30, 95]],
        AQ: [['ZJ13', '生产安全事故起数', '起', 50, 0, -1], ['ZJ14', '信访积案化解率', '%', 50, 90]],
        DJ: [['ZJ15', '基层党建工作考评得分', '分', 100, 90, 1, raters]],
      }),
    },
    {
      categoryCode: 'BM', name: '部门',
      nodes: tree('BM', {
        // Progress of the economic indicators a department leads is measured by the statistics bureau.
        JJ: [['BM01', '牵头经济指标完成率', '%', 50, 100, 1, { method: completion, dataSource: 'statistics' }], ['BM02', '重点项目年度投资完成率', '%', 50, 100, 1, { method: completion }]],
        KJ: [['BM03', '数字化应用场景建成数', '个', 100, 5]],
        CS: [['BM04', '接诉即办响应率', '%', 50, 100], ['BM05', '督办事项按期办结率', '%', 50, 100]],
        MS: [['BM06', '民生实事牵头任务完成率', '%', 100, 100, 1, { method: completion }]],
        AQ: [['BM07', '行业安全隐患整改率', '%', 100, 100]],
        DJ: [['BM08', '机关党建工作考评得分', '分', 100, 90, 1, raters]],
      }),
    },
    {
      categoryCode: 'GQ', name: '国企',
      nodes: tree('GQ', {
        JJ: [['GQ01', '营业收入增速', '%', 30, 8, 1, { min: -100 }], ['GQ02', '利润总额预算完成率', '%', 40, 100, 1, { method: completion }], ['GQ03', '国有资本保值增值率', '%', 30, 105]],
        KJ: [['GQ04', '研发投入强度', '%', 100, 2.5]],
        CS: [['GQ05', '城市更新项目完成率', '%', 100, 100, 1, { method: completion }]],
        MS: [['GQ06', '保障性住房建设完成率', '%', 100, 100, 1, { method: completion }]],
        AQ: [['GQ07', '生产安全事故起数', '起', 100, 0, -1]],
        DJ: [['GQ08', '国企党建工作考评得分', '分', 100, 90, 1, raters]],
      }),
    },
  ],
};

export const demoSchemeName = `${demoAssessmentYear}年度海淀区高质量发展综合考核方案`;
