// Bulk import by the office or the statistics bureau (批量导入): one workbook with a sheet per
// category, a row per unit and a column per indicator. All or nothing, in one transaction; the
// job's progress (reading, checking, writing) is kept in memory by the process doing the work and
// its outcome in the database, so any process can answer once it has finished.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.ts';
import { assessmentImportJobs, assessmentObservations, assessmentSubmissions } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { notFound, unprocessable, AppError } from '../http/errors.ts';
import { indicatorsOfCategory } from '../../core/scheme/scheme.ts';
import { submissionPolicy } from './assessment-policy.ts';
import { checkValue, periodOf, type ValueEntry } from './collection-service.ts';
import { publishedScheme } from './scheme-service.ts';
import { assessedUnits } from './unit-scope.ts';
import { cellNumber, checkSheetShape, columnLetter, openWorkbook, readTemplateMeta, tooManyProblems, writeTemplateMeta, type CellProblem } from './workbook-checks.ts';

const kind = 'pacesetter-import';
export const importMaxRows = 5000;

export async function importTemplate(db: Db, actor: Actor, year: number, period: string): Promise<{ fileName: string; content: Buffer }> {
  ensure(submissionPolicy.bulkImport(actor), '只有考核办可以批量导入');
  const scheme = await publishedScheme(db, year);
  const p = periodOf(scheme.content, period);
  const units = await assessedUnits(db, scheme.content);
  const workbook = new ExcelJS.Workbook();
  for (const c of scheme.content.categories) {
    const indicators = indicatorsOfCategory(scheme.content, c.categoryCode);
    const sheet = workbook.addWorksheet(c.name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
    sheet.addRow(['单位代码', '单位名称', ...indicators.map((n) => n.code)]).font = { bold: true };
    sheet.addRow(['', '', ...indicators.map((n) => `${n.name}${n.unitOfMeasure ? `(${n.unitOfMeasure})` : ''}`)]).font = { italic: true };
    for (const u of units.filter((x) => x.categoryCode === c.categoryCode)) sheet.addRow([u.code, u.name]);
    sheet.getColumn(2).width = 28;
  }
  writeTemplateMeta(workbook, kind, { year, period, formatVersion: 1 });
  return { fileName: `${year}-${p.label}-批量导入模板.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

export interface ImportProgress { id: string; status: 'running' | 'done' | 'failed'; phase: string; done: number; total: number; message: string; errors: CellProblem[] }
const running = new Map<string, ImportProgress>();

/** Reads and checks the workbook into entries per unit; throws every problem at once. */
export async function readImportWorkbook(db: Db, content: Buffer, year: number, period: string, progress?: (done: number, total: number) => void): Promise<Map<string, ValueEntry[]>> {
  const scheme = await publishedScheme(db, year);
  periodOf(scheme.content, period);
  const workbook = await openWorkbook(content, importMaxRows);
  const meta = readTemplateMeta(workbook, kind);
  if (meta.year !== String(year) || meta.period !== period) throw unprocessable(`该模板属于 ${meta.year} 年 ${meta.period}，不是本次导入的周期 (template of another period)`);
  const units = await assessedUnits(db, scheme.content);
  const problems: CellProblem[] = [];
  const entries = new Map<string, ValueEntry[]>();
  const sheets = scheme.content.categories.map((c) => ({ c, sheet: workbook.getWorksheet(c.name) }));
  for (const { c, sheet } of sheets) if (sheet) checkSheetShape(sheet, importMaxRows);
  const total = sheets.reduce((n, s) => n + (s.sheet?.rowCount ?? 0), 0);
  let done = 0;
  for (const { c, sheet } of sheets) {
    if (!sheet) continue;
    const indicators = new Map(indicatorsOfCategory(scheme.content, c.categoryCode).map((n) => [n.code, n]));
    const unitsByCode = new Map(units.filter((u) => u.categoryCode === c.categoryCode).map((u) => [u.code, u]));
    const header = sheet.getRow(1);
    const columns: { col: number; code: string }[] = [];
    for (let col = 3; col <= sheet.columnCount; col++) {
      const code = String(header.getCell(col).value ?? '').trim();
      if (!code) continue;
      if (!indicators.has(code)) problems.push({ sheet: sheet.name, row: 1, column: columnLetter(col), message: `指标代码 ${code} 不属于${c.name}类 (unknown indicator)` });
      else columns.push({ col, code });
    }
    for (let r = 3; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const unitCode = String(row.getCell(1).value ?? '').trim();
      if (!unitCode) continue;
      const unit = unitsByCode.get(unitCode);
      if (!unit) { problems.push({ sheet: sheet.name, row: r, column: 'A', message: `单位代码 ${unitCode} 不是${c.name}类的考核单位 (unknown unit)` }); continue; }
      const list: ValueEntry[] = [];
      for (const { col, code } of columns) {
        const cell = row.getCell(col);
        const parsed = cellNumber(cell);
        if ('problem' in parsed) { problems.push({ sheet: sheet.name, row: r, column: columnLetter(col), message: parsed.problem }); continue; }
        if (parsed.value === null) continue;
        const problem = checkValue(indicators.get(code), parsed.value);
        if (problem) problems.push({ sheet: sheet.name, row: r, column: columnLetter(col), message: problem });
        else list.push({ indicatorCode: code, value: parsed.value });
      }
      if (entries.has(unit.id)) problems.push({ sheet: sheet.name, row: r, column: 'A', message: `单位 ${unitCode} 重复 (given twice)` });
      entries.set(unit.id, list);
      if (++done % 50 === 0) progress?.(done, total);
    }
  }
  if (problems.length) throw tooManyProblems(problems, '导入的表格');
  return entries;
}

/**
 * Writes all entries in one transaction: missing submissions are created in one statement, values
 * are upserted 2,000 at a time across units, and one audit record holds the whole import (every
 * unit's values), so 70,000 values cost dozens of statements, not thousands. Submissions keep their state.
 */
export async function importValues(db: Db, ctx: ActionContext, year: number, period: string, entries: Map<string, ValueEntry[]>, progress?: (done: number, total: number) => void): Promise<number> {
  ensure(submissionPolicy.bulkImport(ctx.actor), '只有考核办可以批量导入');
  const total = [...entries.values()].reduce((n, list) => n + list.length, 0);
  await db.transaction(async (tx) => {
    const unitIds = [...entries.keys()];
    const existing = new Map<string, string>();
    for (let i = 0; i < unitIds.length; i += 1000) {
      const rows = await tx.select({ id: assessmentSubmissions.id, unitId: assessmentSubmissions.unitId }).from(assessmentSubmissions)
        .where(and(eq(assessmentSubmissions.year, year), eq(assessmentSubmissions.period, period), inArray(assessmentSubmissions.unitId, unitIds.slice(i, i + 1000))));
      for (const r of rows) existing.set(r.unitId, r.id);
    }
    const created = unitIds.filter((u) => !existing.has(u)).map((unitId) => ({ id: randomUUID(), year, period, unitId }));
    for (let i = 0; i < created.length; i += 1000) await tx.insert(assessmentSubmissions).values(created.slice(i, i + 1000));
    for (const c of created) existing.set(c.unitId, c.id);
    const rows = [...entries].flatMap(([unitId, list]) => list.map((e) => ({ submissionId: existing.get(unitId)!, ...e })));
    const now = new Date();
    for (let i = 0; i < rows.length; i += 2000) {
      await tx.insert(assessmentObservations).values(rows.slice(i, i + 2000).map((r) => ({ submissionId: r.submissionId, indicatorCode: r.indicatorCode, value: r.value, note: r.note ?? '', updatedAt: now })))
        .onConflictDoUpdate({ target: [assessmentObservations.submissionId, assessmentObservations.indicatorCode], set: { value: sql`excluded.value`, note: sql`excluded.note`, updatedAt: sql`excluded.updated_at` } });
      progress?.(Math.min(rows.length, i + 2000), rows.length);
    }
    await recordAudit(tx, {
      actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'submission.import', entityType: 'assessment_import', entityId: `${year}/${period}`, before: null,
      after: { year, period, units: entries.size, values: total, created: created.length, byUnit: Object.fromEntries([...entries].map(([u, list]) => [u, Object.fromEntries(list.map((e) => [e.indicatorCode, e.value]))])) },
      requestId: ctx.requestId,
    });
  });
  return total;
}

/** Starts an import job and returns at once; the browser polls its progress. */
export async function startImport(db: Db, ctx: ActionContext, year: number, period: string, content: Buffer): Promise<ImportProgress> {
  ensure(submissionPolicy.bulkImport(ctx.actor), '只有考核办可以批量导入');
  await publishedScheme(db, year);
  const id = randomUUID();
  await db.insert(assessmentImportJobs).values({ id, year, period, status: 'running', createdBy: ctx.actor.id });
  const job: ImportProgress = { id, status: 'running', phase: 'reading', done: 0, total: 0, message: '正在读取表格', errors: [] };
  running.set(id, job);
  const finish = async (status: 'done' | 'failed', message: string, errors: CellProblem[] = []) => {
    Object.assign(job, { status, message, errors, phase: status });
    await db.update(assessmentImportJobs).set({ status, done: job.done, total: job.total, errors: { message, errors }, finishedAt: new Date() }).where(eq(assessmentImportJobs.id, id));
    setTimeout(() => running.delete(id), 10 * 60_000).unref();
  };
  void (async () => {
    try {
      const entries = await readImportWorkbook(db, content, year, period, (done, total) => Object.assign(job, { phase: 'checking', done, total, message: '正在校验' }));
      Object.assign(job, { phase: 'writing', done: 0, total: 0, message: '正在写入' });
      const n = await importValues(db, ctx, year, period, entries, (done, total) => Object.assign(job, { done, total }));
      await finish('done', `已导入 ${entries.size} 个单位的 ${n} 个数据 (imported)`);
    } catch (error) {
      if (error instanceof AppError) await finish('failed', error.message, ((error.details as { errors?: CellProblem[] } | undefined)?.errors) ?? []);
      else await finish('failed', '导入失败，请联系管理员 (import failed)');
    }
  })();
  return { ...job };
}

export async function importProgress(db: Db, actor: Actor, id: string): Promise<ImportProgress> {
  ensure(submissionPolicy.bulkImport(actor), '只有考核办可以批量导入');
  const live = running.get(id);
  if (live) return { ...live };
  const [row] = await db.select().from(assessmentImportJobs).where(eq(assessmentImportJobs.id, id));
  if (!row) throw notFound('导入任务');
  const e = row.errors as { message?: string; errors?: CellProblem[] };
  return { id, status: row.status as ImportProgress['status'], phase: row.status, done: row.done, total: row.total, message: e.message ?? '', errors: e.errors ?? [] };
}
