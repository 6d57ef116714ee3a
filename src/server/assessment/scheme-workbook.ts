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
// Every field of a node has its column (说明 last, so workbooks exported before it still read).
const columns = ['代码', '名称', '上级代码', '类型', '权重', '方向', '计量单位', '目标值', '计分方法(JSON)', '数据来源', '频次', '最小值', '最大值', '说明'] as const;

export async function schemeWorkbook(year: number, name: string, content: SchemeContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const c of content.categories) {
    const sheet = wb.addWorksheet(`${c.categoryCode} ${c.name}`);
    sheet.addRow([...columns]).font = { bold: true };
    for (const n of c.nodes) {
      sheet.addRow([n.code, n.name, n.parent ?? '', n.kind === 'dimension' ? '维度' : '指标', n.weight, n.direction ?? null, n.unitOfMeasure ?? '', n.target ?? null,
        n.method ? JSON.stringify(n.method) : '', n.dataSource ?? '', n.frequency ?? '', n.min ?? null, n.max ?? null, n.description ?? '']);
    }
    sheet.columns.forEach((col, i) => { col.width = [10, 30, 10, 6, 8, 6, 8, 8, 40, 10, 10, 8, 8, 50][i]; });
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
    const nodes: SchemeNode[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const code = text(row.getCell(1));
      if (!code) continue;
      let method: SchemeNode['method'];
      const methodText = text(row.getCell(9));
      if (methodText) {
        try { method = normaliseSettingsSchema.parse(JSON.parse(methodText)); } catch { problems.push({ sheet: sheet.name, row: r, column: 'I', message: '计分方法不是有效的设置 (invalid method)' }); }
      }
      const direction = num(sheet.name, r, 6, row.getCell(6));
      // Empty cells are absent fields, as in the JSON form, so a round trip changes nothing.
      const optional = (key: 'target' | 'min' | 'max', col: number) => { const v = num(sheet.name, r, col, row.getCell(col)); return v === null ? {} : { [key]: v }; };
      nodes.push({
        code, name: text(row.getCell(2)), parent: text(row.getCell(3)) || null, kind: text(row.getCell(4)) === '维度' ? 'dimension' : 'indicator',
        weight: num(sheet.name, r, 5, row.getCell(5)) ?? 0,
        ...(direction === 1 || direction === -1 ? { direction } : {}),
        ...(text(row.getCell(7)) ? { unitOfMeasure: text(row.getCell(7)) } : {}),
        ...optional('target', 8), ...(method ? { method } : {}),
        ...(text(row.getCell(10)) ? { dataSource: text(row.getCell(10)) as SchemeNode['dataSource'] } : {}),
        ...(text(row.getCell(11)) ? { frequency: text(row.getCell(11)) as SchemeNode['frequency'] } : {}),
        ...optional('min', 12), ...optional('max', 13),
        ...(text(row.getCell(14)) ? { description: text(row.getCell(14)) } : {}),
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
