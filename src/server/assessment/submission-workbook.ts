// A unit's Excel template for one period, pre-filled with its indicators, and reading it back.
// An upload is all or nothing: every cell is checked, and one wrong cell imports nothing.
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { unprocessable } from '../http/errors.ts';
import type { SubmissionView } from '../../core/scheme/collection.ts';
import { checkValue, saveValues, submissionView, type ValueEntry } from './collection-service.ts';
import { cellNumber, checkSheetShape, columnLetter, openWorkbook, readTemplateMeta, tooManyProblems, writeTemplateMeta, type CellProblem } from '../http/workbook-checks.ts';

const kind = 'pacesetter-submission';
const sheetName = '填报';
// 截止日期 (the indicator's own deadline) last: read-only, so templates downloaded before it still upload.
const headers = ['序号', '指标代码', '指标名称', '所属维度', '计量单位', '目标值', '上期值', '本期填报值', '说明', '截止日期'];
const codeColumn = 2;
const valueColumn = 8;
const noteColumn = 9;

export async function submissionTemplate(db: Db, actor: Actor, year: number, period: string, unitId: string): Promise<{ fileName: string; content: Buffer }> {
  const view = await submissionView(db, actor, year, period, unitId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pacesetter';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [6, 12, 34, 12, 10, 10, 12, 14, 30, 12].map((width) => ({ width }));
  sheet.addRow(headers).font = { bold: true };
  view.lines.forEach((l, i) => {
    const row = sheet.addRow([i + 1, l.indicatorCode, l.name, l.dimension, l.unitOfMeasure, l.target, l.previous, l.value, l.note || null, l.deadline]);
    const input = row.getCell(valueColumn);
    input.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
    if (l.min !== null || l.max !== null) {
      input.dataValidation = {
        type: 'decimal', operator: 'between', allowBlank: true, showErrorMessage: true,
        formulae: [l.min ?? -1e15, l.max ?? 1e15], errorTitle: '数值超出范围', error: `请填写 ${l.min ?? '-∞'} 至 ${l.max ?? '+∞'} 之间的数值`,
      };
    }
  });
  writeTemplateMeta(workbook, kind, { year, period, unitId: view.unitId, unitName: view.unitName, formatVersion: 1 });
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${year}-${view.periodLabel}-${view.unitName}-填报模板.xlsx`, content };
}

/** Reads an uploaded template into value entries, or throws every cell problem at once. */
export async function readSubmissionWorkbook(content: Buffer, expected: { year: number; period: string; unitId: string }, view: SubmissionView): Promise<ValueEntry[]> {
  const workbook = await openWorkbook(content, view.lines.length + 50);
  const meta = readTemplateMeta(workbook, kind);
  if (meta.year !== String(expected.year) || meta.period !== expected.period || meta.unitId !== expected.unitId) {
    throw unprocessable(`该模板属于“${meta.unitName ?? '?'}”${meta.year ?? ''}年${meta.period ?? ''}，不是本次填报的模板 (template of another unit or period)`);
  }
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw unprocessable(`缺少工作表“${sheetName}” (sheet missing)`);
  checkSheetShape(sheet, view.lines.length + 50);
  const lines = new Map(view.lines.map((l) => [l.indicatorCode, l]));
  const problems: CellProblem[] = [];
  const entries: ValueEntry[] = [];
  const seen = new Set<string>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const code = String(row.getCell(codeColumn).value ?? '').trim();
    const cell = row.getCell(valueColumn);
    if (!code) {
      if (cell.value !== null && cell.value !== undefined) problems.push({ sheet: sheetName, row: r, column: columnLetter(codeColumn), message: '有数值但缺少指标代码 (value without indicator code)' });
      continue;
    }
    const line = lines.get(code);
    if (!line) { problems.push({ sheet: sheetName, row: r, column: columnLetter(codeColumn), message: `指标代码 ${code} 不是本期应填报的指标 (unknown indicator)` }); continue; }
    if (seen.has(code)) { problems.push({ sheet: sheetName, row: r, column: columnLetter(codeColumn), message: `指标 ${code} 重复 (given twice)` }); continue; }
    seen.add(code);
    const parsed = cellNumber(cell);
    if ('problem' in parsed) { problems.push({ sheet: sheetName, row: r, column: columnLetter(valueColumn), message: parsed.problem }); continue; }
    const rangeProblem = checkValue({ code, name: line.name, parent: null, kind: 'indicator', weight: 1, min: line.min, max: line.max }, parsed.value);
    if (rangeProblem) { problems.push({ sheet: sheetName, row: r, column: columnLetter(valueColumn), message: rangeProblem }); continue; }
    const noteCell = row.getCell(noteColumn).value;
    const note = typeof noteCell === 'string' ? noteCell.trim().slice(0, 500) : noteCell == null ? '' : String(noteCell).slice(0, 500);
    entries.push({ indicatorCode: code, value: parsed.value, note });
  }
  if (problems.length) throw tooManyProblems(problems, '上传的表格');
  return entries;
}

export async function uploadSubmissionWorkbook(db: Db, ctx: ActionContext, year: number, period: string, unitId: string, content: Buffer): Promise<SubmissionView> {
  const view = await submissionView(db, ctx.actor, year, period, unitId);
  const entries = await readSubmissionWorkbook(content, { year, period, unitId }, view);
  return saveValues(db, ctx, year, period, unitId, view.version, entries, 'submission.upload');
}
