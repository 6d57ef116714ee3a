// A scheme as an Excel workbook, for officials who draft indicator trees in Excel: a sheet per
// category with one row per dimension or indicator, a sheet of periods, and the remaining settings
// (veto items, caps, tiers, default method) as JSON in a settings sheet. Reading it back checks
// every cell and names sheet, row and column, like every other upload.
import ExcelJS from 'exceljs';
import { unprocessable } from '../http/errors.ts';
import { normaliseSettingsSchema } from '../../core/assessment/spec.ts';
import { schemeContent, type SchemeContent, type SchemeNode } from '../../core/scheme/scheme.ts';
import { cellNumber, checkSheetShape, columnLetter, openWorkbook, readTemplateMeta, tooManyProblems, writeTemplateMeta, type CellProblem } from '../http/workbook-checks.ts';

const kind = 'pacesetter-scheme';
// Every field of a node has its column, 说明 last. Columns are found by their heading, so workbooks
// exported before a column was added still read (a heading not found: the column's old place).
const columns = ['代码', '名称', '上级代码', '类型', '权重', '方向', '计量单位', '目标值', '计分方法(JSON)', '数据来源', '频次', '最小值', '最大值', '月度汇总', '截止日', '说明'] as const;
type Column = (typeof columns)[number];
/** Where each column stood in workbooks exported before 月度汇总 and 截止日 (1-based; 0: absent then). */
const formerPlace: Record<Column, number> = {
  代码: 1, 名称: 2, 上级代码: 3, 类型: 4, 权重: 5, 方向: 6, 计量单位: 7, 目标值: 8, '计分方法(JSON)': 9, 数据来源: 10, 频次: 11, 最小值: 12, 最大值: 13, 月度汇总: 0, 截止日: 0, 说明: 14,
};

export async function schemeWorkbook(year: number, name: string, content: SchemeContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const c of content.categories) {
    const sheet = wb.addWorksheet(`${c.categoryCode} ${c.name}`);
    sheet.addRow([...columns]).font = { bold: true };
    for (const n of c.nodes) {
      sheet.addRow([n.code, n.name, n.parent ?? '', n.kind === 'dimension' ? '维度' : '指标', n.weight, n.direction ?? null, n.unitOfMeasure ?? '', n.target ?? null,
        n.method ? JSON.stringify(n.method) : '', n.dataSource ?? '', n.frequency ?? '', n.min ?? null, n.max ?? null, n.aggregate ?? '', n.dueDay ?? null, n.description ?? '']);
    }
    sheet.columns.forEach((col, i) => { col.width = [10, 30, 10, 6, 8, 6, 8, 8, 40, 10, 10, 8, 8, 10, 8, 50][i]; });
  }
  const periods = wb.addWorksheet('考核期');
  periods.addRow(['代码', '名称', '截止日期', '权重']).font = { bold: true };
  for (const p of content.periods) periods.addRow([p.code, p.label, p.deadline, p.weight]);
  const settings = wb.addWorksheet('设置');
  const { categories: _c, periods: _p, ...rest } = content;
  settings.addRow(['设置(JSON)', JSON.stringify(rest)]);
  writeTemplateMeta(wb, kind, { year, name, formatVersion: 1 });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (cell: ExcelJS.Cell) => (cell.value == null ? '' : String(typeof cell.value === 'object' && 'richText' in cell.value ? cell.value.richText.map((r) => r.text).join('') : cell.value).trim());

export async function readSchemeWorkbook(content: Buffer): Promise<{ year: number; name: string; content: SchemeContent }> {
  const wb = await openWorkbook(content, 5000);
  const meta = readTemplateMeta(wb, kind);
  const problems: CellProblem[] = [];
  const num = (sheet: string, row: number, col: number, cell: ExcelJS.Cell): number | null => {
    const r = cellNumber(cell);
    if ('problem' in r) { problems.push({ sheet, row, column: columnLetter(col), message: r.problem }); return null; }
    return r.value;
  };
  const categories = [];
  for (const sheet of wb.worksheets.filter((s) => !['考核期', '设置', '_template'].includes(s.name))) {
    checkSheetShape(sheet, 5000);
    const [categoryCode = '', ...nameParts] = sheet.name.split(' ');
    const headings = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, col) => { headings.set(text(cell), col); });
    const at = Object.fromEntries(columns.map((c) => [c, headings.get(c) ?? formerPlace[c]])) as Record<Column, number>;
    const nodes: SchemeNode[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cell = (c: Column) => (at[c] > 0 ? row.getCell(at[c]) : ({ value: null } as ExcelJS.Cell));
      const code = text(cell('代码'));
      if (!code) continue;
      let method: SchemeNode['method'];
      const methodText = text(cell('计分方法(JSON)'));
      if (methodText) {
        try { method = normaliseSettingsSchema.parse(JSON.parse(methodText)); } catch { problems.push({ sheet: sheet.name, row: r, column: columnLetter(at['计分方法(JSON)']), message: '计分方法不是有效的设置 (invalid method)' }); }
      }
      const number = (c: Column) => (at[c] > 0 ? num(sheet.name, r, at[c], cell(c)) : null);
      const direction = number('方向');
      // Empty cells are absent fields, as in the JSON form, so a round trip changes nothing.
      const optional = (key: 'target' | 'min' | 'max' | 'dueDay', c: Column) => { const v = number(c); return v === null ? {} : { [key]: v }; };
      const optionalText = <K extends 'unitOfMeasure' | 'dataSource' | 'frequency' | 'aggregate' | 'description'>(key: K, c: Column) =>
        (text(cell(c)) ? { [key]: text(cell(c)) as SchemeNode[K] } : {});
      nodes.push({
        code, name: text(cell('名称')), parent: text(cell('上级代码')) || null, kind: text(cell('类型')) === '维度' ? 'dimension' : 'indicator',
        weight: number('权重') ?? 0,
        ...(direction === 1 || direction === -1 ? { direction } : {}),
        ...optionalText('unitOfMeasure', '计量单位'),
        ...optional('target', '目标值'), ...(method ? { method } : {}),
        ...optionalText('dataSource', '数据来源'), ...optionalText('frequency', '频次'),
        ...optional('min', '最小值'), ...optional('max', '最大值'),
        ...optionalText('aggregate', '月度汇总'), ...optional('dueDay', '截止日'),
        ...optionalText('description', '说明'),
      });
    }
    categories.push({ categoryCode, name: nameParts.join(' ') || categoryCode, nodes });
  }
  const periodSheet = wb.getWorksheet('考核期');
  const periods = [];
  for (let r = 2; r <= (periodSheet?.rowCount ?? 0); r++) {
    const row = periodSheet!.getRow(r);
    if (!text(row.getCell(1))) continue;
    periods.push({ code: text(row.getCell(1)), label: text(row.getCell(2)), deadline: text(row.getCell(3)), weight: num('考核期', r, 4, row.getCell(4)) ?? 0 });
  }
  let rest: unknown = {};
  try { rest = JSON.parse(text(wb.getWorksheet('设置')?.getCell('B1') ?? ({ value: '{}' } as ExcelJS.Cell)) || '{}'); } catch { problems.push({ sheet: '设置', row: 1, column: 'B', message: '设置不是有效的 JSON (invalid settings)' }); }
  if (problems.length) throw tooManyProblems(problems, '方案表格');
  const parsed = schemeContent.safeParse({ ...(rest as object), periods, categories });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw unprocessable(`方案表格内容有误：${issue.path.join('.')}：${issue.message} (invalid scheme)`, { issues: parsed.error.issues.slice(0, 20) });
  }
  const year = Number(meta.year);
  if (!Number.isInteger(year)) throw unprocessable('方案表格缺少年度 (year missing)');
  return { year, name: meta.name ?? `${year}年度考核方案`, content: parsed.data };
}
