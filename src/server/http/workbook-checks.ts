// Checks every uploaded workbook passes before any cell is read: it is an Excel file, it is our
// template for this purpose, it is not a row bomb, and it has no merged cells. Errors name the
// sheet, row and column, as the user sees them in Excel.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError, unprocessable } from './errors.ts';

export interface CellProblem { sheet: string; row: number; column: string; message: string }

export const metaSheetName = '_template';

/**
 * Opens an uploaded workbook. Before the whole file is parsed into memory, a streaming pass
 * counts rows and stops at the first sheet longer than `maxRows`: a row bomb costs a moment, not
 * the server's memory.
 */
export async function openWorkbook(content: Buffer, maxRows: number): Promise<ExcelJS.Workbook> {
  // An .xlsx is a ZIP archive: refuse anything else before handing it to the parser.
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError(415, 'unsupported_media_type', '不是 Excel (.xlsx) 文件，请使用下载的模板 (not an .xlsx file)');
  }
  await refuseLongSheets(content, maxRows);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unprocessable('无法读取该 Excel 文件，文件可能已损坏 (the workbook cannot be read)');
  }
  return workbook;
}

/**
 * Uncompressed size of the worksheets, from the ZIP's central directory (no decompression): a
 * bound on what parsing will cost, whatever order the archive's entries come in.
 */
export function worksheetBytes(content: Buffer): number | null {
  for (let eocd = content.length - 22; eocd >= Math.max(0, content.length - 65_557); eocd--) {
    if (content.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = content.readUInt16LE(eocd + 10);
    let at = content.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries && at + 46 <= content.length; i++) {
      if (content.readUInt32LE(at) !== 0x02014b50) return null;
      const size = content.readUInt32LE(at + 24);
      const nameLength = content.readUInt16LE(at + 28);
      const name = content.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      if (name.startsWith('xl/worksheets/') && name.endsWith('.xml')) total += size;
      at += 46 + nameLength + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32);
    }
    return total;
  }
  return null;
}

/** Generous: a row of 200 numeric cells is about 8 KB of XML. */
const bytesPerRow = 16 * 1024;

async function refuseLongSheets(content: Buffer, maxRows: number): Promise<void> {
  const bytes = worksheetBytes(content);
  if (bytes === null) throw unprocessable('无法读取该 Excel 文件，文件可能已损坏 (the workbook cannot be read)');
  if (bytes > Math.max(1, maxRows) * bytesPerRow) {
    throw unprocessable(`表格超过 ${maxRows} 行上限 (too many rows)`, { bytes, maxRows });
  }
  let tooLong: { sheet: string; rows: number } | null = null;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), { worksheets: 'emit', sharedStrings: 'ignore', styles: 'ignore', hyperlinks: 'ignore' });
    outer: for await (const sheet of reader) {
      let rows = 0;
      for await (const _row of sheet) {
        if (++rows > maxRows) { tooLong = { sheet: (sheet as unknown as { name?: string }).name ?? '', rows }; break outer; }
      }
    }
  } catch {
    // exceljs' streaming reader fails on some valid archives (worksheets stored before the
    // workbook part); the size bound above already holds, and the full parse decides.
  }
  if (tooLong) {
    throw unprocessable(`工作表“${tooLong.sheet}”超过 ${maxRows} 行上限 (too many rows)`, { sheet: tooLong.sheet, rows: `>${maxRows}`, maxRows });
  }
}

/** The hidden sheet identifying our templates: kind, then key/value lines. */
export function readTemplateMeta(workbook: ExcelJS.Workbook, kind: string): Record<string, string> {
  const sheet = workbook.getWorksheet(metaSheetName);
  if (!sheet || String(sheet.getCell('A1').value ?? '') !== kind) {
    throw unprocessable('不是本系统下载的模板，请重新下载模板后填写 (wrong template)');
  }
  const meta: Record<string, string> = {};
  for (let r = 2; r <= Math.min(sheet.rowCount, 20); r++) {
    const key = String(sheet.getCell(r, 1).value ?? '');
    if (key) meta[key] = String(sheet.getCell(r, 2).value ?? '');
  }
  return meta;
}

export function writeTemplateMeta(workbook: ExcelJS.Workbook, kind: string, meta: Record<string, string | number>): void {
  const sheet = workbook.addWorksheet(metaSheetName, { state: 'veryHidden' });
  sheet.getCell('A1').value = kind;
  Object.entries(meta).forEach(([k, v], i) => { sheet.getCell(i + 2, 1).value = k; sheet.getCell(i + 2, 2).value = String(v); });
}

/** Refuses sheets longer than the template can be, and merged cells (they hide which cell holds a value). */
export function checkSheetShape(sheet: ExcelJS.Worksheet, maxRows: number): void {
  if (sheet.rowCount > maxRows) {
    throw unprocessable(`工作表“${sheet.name}”有 ${sheet.rowCount} 行，超过模板上限 ${maxRows} 行 (too many rows)`, { sheet: sheet.name, rows: sheet.rowCount, maxRows });
  }
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  if (merges.length) {
    throw unprocessable(`工作表“${sheet.name}”含合并单元格 ${merges[0]}，请取消合并后上传 (merged cells are not allowed)`, { sheet: sheet.name, merges });
  }
}

export const columnLetter = (n: number): string => (n <= 0 ? '' : columnLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** A cell's number, or a problem: formulas, dates, text that is not a number. Empty is null. */
export function cellNumber(cell: ExcelJS.Cell): { value: number | null } | { problem: string } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: null };
  if (cell.type === ExcelJS.ValueType.Formula || (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))) return { problem: '不能使用公式，请填写数值 (formulas are not accepted)' };
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { problem: '不是有效数字 (not a finite number)' };
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return { value: null };
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
    return { problem: `“${t.slice(0, 20)}”不是数字 (not a number)` };
  }
  if (v instanceof Date) return { problem: '不能填写日期，请填写数值 (a date is not a value)' };
  return { problem: '不是数字 (not a number)' };
}

const formulaProblem = '不能使用公式，请填写数值或文字 (formulas are not accepted)';

/**
 * A cell as plain data: text (rich text and links as their text), a number, or a date as Excel
 * shows it (exceljs gives the wall-clock time as if it were UTC). Formulas and error values are
 * problems; empty is null.
 */
export function cellPlain(cell: ExcelJS.Cell): { value: string | number | Date | null } | { problem: string } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: null };
  if (cell.type === ExcelJS.ValueType.Formula || (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))) return { problem: formulaProblem };
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return { value: v };
  if (typeof v === 'boolean') return { value: v ? 'TRUE' : 'FALSE' };
  if ('richText' in v) return { value: v.richText.map((r) => r.text).join('') };
  if ('hyperlink' in v) return { value: typeof v.text === 'string' ? v.text : String(v.hyperlink) };
  if ('error' in v) return { problem: `单元格为错误值 ${String(v.error)} (error value)` };
  return { problem: '无法识别的单元格内容 (unreadable cell)' };
}

export function tooManyProblems(problems: CellProblem[], what: string): AppError {
  const first = problems[0]!;
  return unprocessable(`${what}有 ${problems.length} 处错误，未导入任何数据。第一处：工作表“${first.sheet}”第 ${first.row} 行 ${first.column} 列：${first.message}`,
    { errors: problems.slice(0, 200) });
}
