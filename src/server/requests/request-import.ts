// Bulk import of requests taken elsewhere (another system, a paper log), from the Excel template
// or a CSV file with the same header. All or nothing: every cell is checked first, and any problem
// answers 422 with the sheet, row and column of each, and writes nothing. The requests then go in
// as intake takes them in — status received (their clocks start at dispatch), the street or town
// as named, flagged as a likely duplicate by intake's rule (also of one earlier in the same file)
// — in one transaction, each audited, with one more audit record naming the file. The same
// file twice is refused (409): a retried upload does not take every request in again.
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { CsvError, parse } from 'csv-parse/sync';
import type { Db, Tx } from '../db/client.ts';
import { lockAuditChain } from '../db/locks.ts';
import { auditLog, citizenRequests } from '../db/schema/index.ts';
import { findLikelyDuplicates } from '../../core/requests/duplicates.ts';
import {
  channelNames, channelOrder, checkImportRow, importColumns, importExample, importHeaders, importMaxRows, isBlankRow, isExampleRow, shownValue,
  type CellValue, type ImportColumnKey, type ImportProblem, type ImportReference, type ImportResult, type ImportRow, type ImportService,
} from '../../core/requests/request-import.ts';
import { shanghaiIso, shanghaiOffsetMs } from '../../core/requests/sla.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { AppError, conflict, unprocessable } from '../http/errors.ts';
import { cellPlain, checkSheetShape, columnLetter, openWorkbook, readTemplateMeta, tooManyProblems, writeTemplateMeta } from '../http/workbook-checks.ts';
import { allServices, type ServiceRow } from './catalogue-service.ts';
import { importHistory, type HistoricalRequest } from './history-import.ts';
import { areaCentres, findDuplicateOf } from './intake-service.ts';
import { getSettings } from './settings-service.ts';
import { requestPolicy } from './request-policy.ts';

const kind = 'pacesetter-request-import';
export const importSheetName = '诉求';
const csvSheetName = 'CSV';
const refusal = '只有热线中心和系统管理员可以批量导入诉求';

/** Header row, example row, and a few rows of slack for blank lines. */
const maxSheetRows = importMaxRows + 20;

interface Reference extends ImportReference { rows: Map<string, ServiceRow> }

async function reference(db: Db): Promise<Reference> {
  const rows = await allServices(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parents = new Set(rows.filter((r) => r.active).map((r) => r.parentId).filter((p): p is string => p !== null));
  const services: ImportService[] = rows.map((r) => {
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    return { id: r.id, code: r.code, name: r.name, path: parent ? `${parent.name} › ${r.name}` : r.name, active: r.active, leaf: !parents.has(r.id) };
  });
  const areas = (await areaCentres(db)).map((a) => ({ divisionCode: a.divisionCode, name: a.name }));
  return { services, areas, now: new Date(), rows: byId };
}

/** The template: the sheet to fill (headers, an example row, drop-downs), how to fill it, and the lists to choose from. */
export async function requestImportTemplate(db: Db, actor: Actor): Promise<{ fileName: string; content: Buffer }> {
  ensure(requestPolicy.importBatch(actor), refusal);
  const ref = await reference(db);
  const leaves = ref.services.filter((s) => s.active && s.leaf).sort((a, b) => a.path.localeCompare(b.path, 'zh-CN'));
  const nameCount = new Map<string, number>();
  for (const s of leaves) nameCount.set(s.name, (nameCount.get(s.name) ?? 0) + 1);
  const choice = (s: ImportService) => (nameCount.get(s.name) === 1 ? s.name : s.path);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pacesetter';
  const sheet = workbook.addWorksheet(importSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = importColumns.map((c) => ({ width: c.width }));
  const header = sheet.addRow([...importHeaders]);
  header.font = { bold: true };
  importColumns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFFE7BA' : 'FFF0F0F0' } };
    cell.note = `${c.required ? '必填' : '选填'}：${c.hint}`;
  });
  const example = sheet.addRow(importColumns.map((c) => (c.key === 'lat' || c.key === 'lon' ? Number(importExample[c.key]) : importExample[c.key])));
  example.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  const column = (key: ImportColumnKey) => importColumns.findIndex((c) => c.key === key) + 1;
  const list = (formula: string, title: string) => ({ type: 'list' as const, allowBlank: true, showErrorMessage: true, errorStyle: 'warning', errorTitle: title, error: '请从下拉列表中选择，或填写代码', formulae: [formula] });
  // Drop-downs and the phone column as text, without creating the rows: the sheet stays two rows long.
  const letter = (key: ImportColumnKey) => columnLetter(column(key));
  // exceljs has the collection, its type declarations do not.
  const validations = (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  for (let r = 2; r <= importMaxRows + 1; r++) {
    if (leaves.length) validations.add(`${letter('category')}${r}`, list(`'类别'!$A$2:$A$${leaves.length + 1}`, '诉求类别'));
    if (ref.areas.length) validations.add(`${letter('street')}${r}`, list(`'街道乡镇'!$A$2:$A$${ref.areas.length + 1}`, '街道乡镇'));
    validations.add(`${letter('channel')}${r}`, list(`"${channelOrder.map((c) => channelNames[c]).join(',')}"`, '受理渠道'));
  }
  sheet.getColumn(column('citizenPhone')).numFmt = '@';

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 8 }, { width: 60 }];
  help.addRow(['列', '是否必填', '填写要求']).font = { bold: true };
  importColumns.forEach((c) => help.addRow([c.header, c.required ? '必填' : '选填', c.hint]));
  help.addRow([]);
  for (const line of [
    `在“${importSheetName}”工作表中每行填写一件诉求，最多 ${importMaxRows} 行；灰色示例行可保留或删除，导入时不会导入。`,
    '受理时间按北京时间填写；可以是 Excel 日期时间单元格，也可以写成 2026-03-02 09:30。',
    '不能使用公式，不能合并单元格；也可另存为 CSV（首行为上述表头）后上传。',
    '任何一格有误，整个文件都不会导入；系统会列出每处错误所在的工作表、行和列。',
  ]) help.addRow(['', '', line]);

  const categories = workbook.addWorksheet('类别');
  categories.columns = [{ width: 26 }, { width: 14 }, { width: 12 }];
  categories.addRow(['填写值', '类别代码', '所属大类']).font = { bold: true };
  for (const s of leaves) categories.addRow([choice(s), s.code, s.path.includes(' › ') ? s.path.split(' › ')[0] : '']);

  const streets = workbook.addWorksheet('街道乡镇');
  streets.columns = [{ width: 16 }, { width: 14 }];
  streets.addRow(['名称', '区划代码']).font = { bold: true };
  for (const a of [...ref.areas].sort((x, y) => x.divisionCode.localeCompare(y.divisionCode))) streets.addRow([a.name, a.divisionCode]);

  writeTemplateMeta(workbook, kind, { formatVersion: 1 });
  return { fileName: '诉求批量导入模板.xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** A row of the file: where it is, and its cells by column (or the problems of cells that could not be read). */
interface FileRow { sheet: string; row: number; cells: Record<ImportColumnKey, CellValue>; cellProblems: ImportProblem[] }

const emptyCells = (): Record<ImportColumnKey, CellValue> => Object.fromEntries(importColumns.map((c) => [c.key, null])) as Record<ImportColumnKey, CellValue>;

function headerProblems(sheet: string, found: string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  importHeaders.forEach((expected, i) => {
    const actual = (found[i] ?? '').trim();
    if (actual !== expected) problems.push({ sheet, row: 1, column: columnLetter(i + 1), message: `表头应为“${expected}”，实为“${actual.slice(0, 20)}” (header should be ${expected})` });
  });
  return problems;
}

function wrongTemplate(problems: ImportProblem[]): AppError {
  return unprocessable(`表头与模板不符，请下载模板后填写；第一处：第 1 行 ${problems[0]!.column} 列：${problems[0]!.message} (wrong template)`, { errors: problems });
}

async function readWorkbookRows(content: Buffer): Promise<FileRow[]> {
  const workbook = await openWorkbook(content, maxSheetRows);
  readTemplateMeta(workbook, kind);
  const sheet = workbook.getWorksheet(importSheetName);
  if (!sheet) throw unprocessable(`缺少工作表“${importSheetName}”，请使用下载的模板 (sheet missing)`);
  checkSheetShape(sheet, maxSheetRows);
  const headers = importColumns.map((_, i) => String(sheet.getRow(1).getCell(i + 1).value ?? ''));
  const wrong = headerProblems(importSheetName, headers);
  if (wrong.length) throw wrongTemplate(wrong);
  const rows: FileRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = emptyCells();
    const cellProblems: ImportProblem[] = [];
    importColumns.forEach((c, i) => {
      const read = cellPlain(row.getCell(i + 1));
      if ('problem' in read) cellProblems.push({ sheet: importSheetName, row: r, column: columnLetter(i + 1), message: read.problem });
      // Excel keeps the wall-clock time, which exceljs reads as if it were UTC: it is Beijing time.
      else cells[c.key] = read.value instanceof Date ? new Date(read.value.getTime() - shanghaiOffsetMs) : read.value;
    });
    rows.push({ sheet: importSheetName, row: r, cells, cellProblems });
  }
  return rows;
}

/** UTF-8 (with or without BOM), or GB18030 as Excel in Chinese saves “CSV (逗号分隔)”. */
function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

function readCsvRows(content: Buffer): FileRow[] {
  if (content.includes(0)) throw new AppError(415, 'unsupported_media_type', '不是 CSV 文本文件，请上传 .xlsx 模板或 CSV 文件 (not a CSV text file)');
  let records: string[][];
  try {
    records = parse(decodeText(content), { bom: true, relax_column_count: true, skip_empty_lines: true, to: maxSheetRows + 1 }) as string[][];
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    throw unprocessable(`无法解析 CSV 文件${line ? `（第 ${line} 行附近）` : ''}，请检查引号是否成对 (the CSV cannot be parsed)`, line ? { errors: [{ sheet: csvSheetName, row: line, column: '', message: '引号不成对或格式有误 (malformed CSV)' }] } : undefined);
  }
  if (records.length > maxSheetRows) {
    throw unprocessable(`文件超过 ${importMaxRows} 行上限 (too many rows)`, { maxRows: importMaxRows });
  }
  const wrong = headerProblems(csvSheetName, records[0] ?? []);
  if (wrong.length) throw wrongTemplate(wrong);
  return records.slice(1).map((record, i) => {
    const row = i + 2;
    const cells = emptyCells();
    const cellProblems: ImportProblem[] = [];
    importColumns.forEach((c, j) => {
      const v = (record[j] ?? '').trim();
      // Excel would run it as a formula when the file is opened again.
      if (v.startsWith('=')) cellProblems.push({ sheet: csvSheetName, row, column: columnLetter(j + 1), message: '不能使用公式 (formulas are not accepted)' });
      else cells[c.key] = v === '' ? null : v;
    });
    return { sheet: csvSheetName, row, cells, cellProblems };
  });
}

export type ImportFormat = 'xlsx' | 'csv';

/** Which reader: an .xlsx is a ZIP archive; CSV is what the client says it sends (text/csv, or Excel's type on Windows). */
export function importFormatOf(content: Buffer, contentType: string | undefined): ImportFormat {
  if (content.length >= 4 && content.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (content.length >= 4 && content.readUInt32LE(0) === 0xe011cfd0) {
    throw new AppError(415, 'unsupported_media_type', '这是旧版 Excel (.xls) 文件，请另存为 .xlsx 或 CSV 后上传 (old .xls format)');
  }
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'].includes(type)) return 'csv';
  return 'xlsx'; // openWorkbook refuses it as not an Excel file
}

interface CheckedRow { row: number; request: ImportRow }

/** Reads and checks every row; throws 422 with every problem, or gives the rows to import. */
async function checkFile(ref: ImportReference, content: Buffer, format: ImportFormat): Promise<CheckedRow[]> {
  const rows = format === 'xlsx' ? await readWorkbookRows(content) : readCsvRows(content);
  const problems: ImportProblem[] = [];
  const checked: CheckedRow[] = [];
  for (const r of rows) {
    problems.push(...r.cellProblems);
    if (r.cellProblems.length === 0 && (isBlankRow(r.cells) || isExampleRow(r.cells))) continue;
    const result = checkImportRow(r.cells, ref);
    if ('problems' in result) {
      const bad = new Set(r.cellProblems.map((p) => p.column));
      for (const p of result.problems) {
        const column = columnLetter(importColumns.findIndex((c) => c.key === p.column) + 1);
        // A cell that could not be read is reported once, for what it is.
        const value = shownValue(r.cells[p.column]);
        if (!bad.has(column)) problems.push({ sheet: r.sheet, row: r.row, column, message: p.message, ...(value ? { value } : {}) });
      }
    } else if (r.cellProblems.length === 0) checked.push({ row: r.row, request: result.row });
  }
  problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  if (problems.length) throw tooManyProblems(problems, '上传的文件');
  if (checked.length === 0) throw unprocessable('文件中没有可导入的诉求（示例行不会导入） (no requests in the file)');
  if (checked.length > importMaxRows) throw unprocessable(`文件超过 ${importMaxRows} 行上限 (too many rows)`, { maxRows: importMaxRows });
  return checked;
}

/** Refuses a file imported before (found by its SHA-256), under the audit chain's lock: two uploads of one file cannot both pass. */
async function refuseRepeat(tx: Tx, batchName: string): Promise<void> {
  await lockAuditChain(tx);
  const [earlier] = await tx.select({ at: auditLog.at, actorName: auditLog.actorName }).from(auditLog)
    .where(and(eq(auditLog.entityType, 'request_batch'), eq(auditLog.entityId, batchName))).limit(1);
  if (earlier) {
    throw conflict(`该文件已于 ${shanghaiIso(earlier.at).slice(0, 16).replace('T', ' ')} 由${earlier.actorName}导入，未重复导入 (this file was imported already)`, { importedAt: earlier.at });
  }
}

export async function importRequests(db: Db, ctx: ActionContext, content: Buffer, contentType: string | undefined): Promise<ImportResult> {
  ensure(requestPolicy.importBatch(ctx.actor), refusal);
  const format = importFormatOf(content, contentType);
  const ref = await reference(db);
  const checked = await checkFile(ref, content, format);

  // Duplicates as intake finds them: an open request of the same category nearby, received
  // within the window before — in the database, or earlier in this file.
  const settings = await getSettings(db);
  const records: (HistoricalRequest & { id: string; row: number })[] = [];
  for (const { row, request: r } of checked) {
    const service = ref.rows.get(r.serviceId)!;
    const id = randomUUID();
    // Intake's rule (nearby when both have coordinates, else the same address in the same street
    // or town), against the database and against the rows of this file received before this one.
    let duplicateOfId = await findDuplicateOf(db, {
      service, description: r.description, address: r.address, lat: r.lat, lon: r.lon, divisionCode: r.divisionCode, citizenName: r.citizenName, citizenPhone: r.citizenPhone, channel: r.channel,
    }, r.receivedAt, r.divisionCode);
    if (!duplicateOfId) {
      const earlier = records.filter((x) => x.receivedAt.getTime() <= r.receivedAt.getTime());
      const [match] = findLikelyDuplicates({ serviceId: service.id, receivedAt: r.receivedAt, lat: r.lat, lon: r.lon, address: r.address, divisionCode: r.divisionCode },
        earlier.map((x) => ({ id: x.id, code: '', serviceId: x.service.id, receivedAt: x.receivedAt, lat: x.lat, lon: x.lon, address: x.address, divisionCode: x.divisionCode, open: true })),
        { radiusM: settings.duplicateRadiusM, windowHours: settings.duplicateWindowHours });
      duplicateOfId = match?.id ?? null;
    }
    records.push({
      id, row, service, description: r.description, address: r.address, lat: r.lat, lon: r.lon, divisionCode: r.divisionCode,
      citizenName: r.citizenName, citizenPhone: r.citizenPhone, channel: r.channel, receivedAt: r.receivedAt, duplicateOfId,
    });
  }

  const sha256 = createHash('sha256').update(content).digest('hex');
  const batchName = `import-${sha256}`;
  const { requests } = await importHistory(db, ctx, records, batchName, {
    asIntake: true, guard: (tx) => refuseRepeat(tx, batchName), batchDetails: { format, sha256, bytes: content.length },
  });

  const codes = new Map(requests.map((r) => [r.id, r.code]));
  const outside = [...new Set(records.map((r) => r.duplicateOfId).filter((d): d is string => typeof d === 'string' && !codes.has(d)))];
  if (outside.length) {
    for (const r of await db.select({ id: citizenRequests.id, code: citizenRequests.code }).from(citizenRequests).where(inArray(citizenRequests.id, outside))) codes.set(r.id, r.code);
  }
  return {
    imported: records.length,
    duplicates: records.filter((r) => r.duplicateOfId).length,
    requests: records.map((r) => ({ id: r.id, code: codes.get(r.id)!, row: r.row, duplicateOf: r.duplicateOfId ? codes.get(r.duplicateOfId) ?? null : null })),
  };
}
