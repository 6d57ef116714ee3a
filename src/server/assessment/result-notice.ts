// Word documents laid out as official notices are (GB/T 9704 党政机关公文格式): a red masthead with
// the issuing office, document number, a red rule, the title in a display face, body text in
// FangSong 16 pt with two-character indents, tables per category, signature and date.
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, convertMillimetersToTwip,
} from 'docx';
import type { RoundOutcome } from '../../core/scheme/round-snapshot.ts';
import type { ResultSummary } from './result-service.ts';
import type { ScorecardLine } from './result-views.ts';

export const noticeIssuer = '海淀区高质量发展综合考核工作领导小组办公室';
const red = 'C00000';
const body = '仿宋_GB2312';
const display = '方正小标宋简体';
const heading = '黑体';

/** 2026年11月22日, the date as a notice writes it, in the district's time zone. */
export function chineseDate(iso: string | null): string {
  const d = new Date(iso ?? Date.now());
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`;
}

/** Scores are shown with two decimals (rounded half away from zero); storage keeps full precision. */
export const score2 = (v: number | null | undefined) => (v == null ? '—' : (Math.round(Math.abs(v) * 100) / 100 * Math.sign(v)).toFixed(2));

const text = (t: string, size = 32, font = body, extra: Record<string, unknown> = {}) => new TextRun({ text: t, size, font: { eastAsia: font, ascii: font }, ...extra });
const para = (t: string, opts: { rightIndent?: number; indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number; font?: string; bold?: boolean; color?: string; after?: number } = {}) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent ? { firstLine: 640 } : opts.rightIndent ? { right: opts.rightIndent } : undefined,
    spacing: { line: 560, after: opts.after ?? 0 },
    children: [text(t, opts.size ?? 32, opts.font ?? body, { bold: opts.bold, color: opts.color })],
  });

const cell = (t: string, head = false, width?: number) => new TableCell({
  width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(t, 24, head ? heading : body)] })],
});

function table(head: string[], rows: string[][], widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, true, widths[i])) }), ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, widths[i])) }))],
  });
}

function masthead(number: string): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400, after: 400 }, children: [text(`${noticeIssuer}文件`, 40, display, { color: red })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { after: 300 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: red, space: 8 } },
      children: [text(number, 32)],
    }),
  ];
}

const page = { page: { size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) }, margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) } } };
/** Rank quantiles may fall between places; one decimal is enough to read them. */
const rank1 = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10) / 10));
const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export async function resultNoticeDocx(summary: ResultSummary, outcome: RoundOutcome, schemeName: string, categoryNames: Map<string, string>, sequence: number): Promise<Buffer> {
  const title = `关于${outcome.label}结果的通报`;
  const children: (Paragraph | Table)[] = [
    ...masthead(`海考办发〔${outcome.year}〕${sequence}号`),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 300, after: 300, line: 640 }, children: [text(title, 44, display)] }),
    para('各街道办事处、地区办事处，区政府各委、办、局，各区属国有企业：', { after: 0 }),
    para(`根据《${schemeName}》（第${summary.schemeVersion}版），区考核办对各单位${outcome.label.replace(/^\d+年/, '')}指标完成情况进行了审核和计算，经领导小组审定，现将结果通报如下。`, { indent: true }),
  ];
  outcome.categories.forEach((c, i) => {
    const name = categoryNames.get(c.categoryCode) ?? c.categoryCode;
    const tiers = [...new Set(c.units.map((u) => u.tier).filter((t): t is string => !!t))];
    children.push(para(`${numerals[i] ?? i + 1}、${name}类（${c.units.length}个单位）`, { font: heading, indent: true }));
    const firstTier = c.units.filter((u) => u.tier === tiers[0]).map((u) => u.name);
    if (firstTier.length) children.push(para(`${tiers[0]}：${firstTier.join('、')}。`, { indent: true }));
    children.push(table(['排名', '单位', '综合得分', '加减分', '等次'],
      c.units.map((u) => [String(u.rank ?? '—'), u.name, score2(u.score), u.bonus || u.penalty ? `+${score2(u.bonus)}/−${score2(u.penalty)}` : '—', u.tier ?? '—']),
      [10, 44, 16, 16, 14]));
  });
  children.push(
    para('希望受到表扬的单位再接再厉、勇争排头；排名靠后的单位要对标先进、查找差距，认真分析原因，制定整改措施，确保全年目标任务圆满完成。', { indent: true }),
    para('', {}),
    // GB/T 9704: signature and date right-aligned, four characters in from the margin.
    para(noticeIssuer, { align: AlignmentType.RIGHT, rightIndent: 1280 }),
    para(chineseDate(summary.publishedAt ?? summary.computedAt), { align: AlignmentType.RIGHT, rightIndent: 1280 }),
  );
  if (summary.status !== 'published') children.unshift(para('【草稿，未发布】', { align: AlignmentType.CENTER, color: red, font: heading }));
  const doc = new Document({ creator: noticeIssuer, title, sections: [{ properties: page, children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

export interface ScorecardData {
  result: ResultSummary; unit: RoundOutcome['categories'][number]['units'][number]; parts: { code: string; name: string }[];
  lines: ScorecardLine[]; trend: { label: string; score: number | null; rank: number | null; tier: string | null }[]; peers: number;
}

export async function scorecardDocx(card: ScorecardData, roundLabel: string): Promise<Buffer> {
  const u = card.unit;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300, line: 640 }, children: [text(`${u.name}${roundLabel}考核成绩单`, 40, display)] }),
    para(`综合得分 ${score2(u.score)} 分（基础得分 ${score2(u.baseScore)}，加分 ${score2(u.bonus)}，扣分 ${score2(u.penalty)}），在同类 ${card.peers} 个单位中排名第 ${u.rank ?? '—'} 位，${u.tier ?? ''}。${u.vetoes.length ? `存在一票否决事项：${u.vetoes.join('、')}。` : ''}`, { indent: true }),
    para(u.interval ? `考虑权重和计分方法的不确定性，排名在第 ${rank1(u.interval.p5)} 至第 ${rank1(u.interval.p95)} 位之间（中位数第 ${rank1(u.interval.median)} 位）。` : '', { indent: true }),
    para('一、各维度得分', { font: heading, indent: true }),
    table(card.parts.map((p) => p.name), [card.parts.map((p) => score2(u.parts[p.code]))], card.parts.map(() => Math.floor(100 / Math.max(1, card.parts.length)))),
  ];
  if (card.lines.length) {
    children.push(para('二、指标完成情况', { font: heading, indent: true }),
      table(['维度', '指标', '完成值', '目标值', '得分'], card.lines.map((l) => [l.dimension, l.name, l.raw == null ? '—' : String(l.raw), l.target == null ? '—' : String(l.target), score2(l.score)]), [14, 42, 14, 14, 16]));
  }
  if (card.trend.length > 1) {
    children.push(para(`${card.lines.length ? '三' : '二'}、本年度各期情况`, { font: heading, indent: true }),
      table(['考核期', '综合得分', '排名', '等次'], card.trend.map((t) => [t.label, score2(t.score), String(t.rank ?? '—'), t.tier ?? '—']), [34, 22, 22, 22]));
  }
  children.push(para('', {}), para(noticeIssuer, { align: AlignmentType.RIGHT }), para(chineseDate(card.result.publishedAt ?? card.result.computedAt), { align: AlignmentType.RIGHT }));
  const doc = new Document({ creator: noticeIssuer, title: `${u.name}考核成绩单`, sections: [{ properties: page, children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}
