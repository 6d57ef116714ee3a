// Bulk import (批量导入): one workbook with a sheet per category, a row per unit and a column per
// indicator. The office imports any indicator; the statistics bureau — reporters of the unit the
// scheme names as its statistics source — imports the indicators whose data source it is, for all
// units (assessment-policy.ts). All or nothing, in one transaction; the job's progress (reading,
// checking, writing) is kept in memory by the process doing the work and its outcome in the
// database, so any process can answer once it has finished.
//
// What an import does to the submissions it writes into. Imported values are authoritative data
// from their source, but they land in the units' submissions, and only approved submissions reach
// a result: approval is a reviewer vouching for what the submission holds, seen beside the previous
// period and the peers' outliers. So an import is treated like any other change of reported data:
// - a period whose result (or the year's result) is published is frozen: the import is refused as
//   a whole, 409 naming the period (period-lock.ts);
// - a submission the import changes gets a new version (a form opened before the import cannot
//   silently overwrite it), and an approved one goes back to "submitted", into the reviewer's
//   queue — otherwise a wrong column would reach the next computation unseen; a submitted one
//   stays in the queue, a draft or returned one stays with the unit;
// - the audit says which values were replaced, before and after, on each changed submission and
//   on the import as a whole. Values equal to what is stored change nothing: importing the same
//   workbook twice reopens nothing.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db, Tx } from '../db/client.ts';
import { assessmentImportJobs, assessmentObservations, assessmentSchemes, assessmentSubmissions } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudits, type AuditEntry } from '../audit/audit-trail.ts';
import { notFound, unprocessable, AppError } from '../http/errors.ts';
import { indicatorsOfCategory, type SchemeNode, type SchemeView } from '../../core/scheme/scheme.ts';
import { collectionPeriods } from '../../core/scheme/collection-periods.ts';
import { submissionPolicy } from './assessment-policy.ts';
import { checkValue, collectionPeriodOf, computedNotEntered, unlessChanged, type ValueEntry } from './collection-service.ts';
import { assertPeriodOpen, lockPeriodForWriting } from './period-lock.ts';
import { markRoundDataChanged } from './result-staleness.ts';
import { publishedScheme } from './scheme-service.ts';
import { assessedUnits, statisticsUnitId } from './unit-scope.ts';
import { cellNumber, checkSheetShape, columnLetter, openWorkbook, readTemplateMeta, tooManyProblems, writeTemplateMeta, type CellProblem } from '../http/workbook-checks.ts';

const kind = 'pacesetter-import';
export const importMaxRows = 5000;

const refusal = '只有考核办或方案指定的统计数据来源单位（区统计局）可以批量导入';
const notYours = (node: SchemeNode) => (node.dataSource === 'requests'
  ? `指标 ${node.code} ${computedNotEntered}`
  : `指标 ${node.code} 的数据来源不是统计局，只能由考核办导入`);
/** An indicator kept in another kind of collection period: monthly ones in the months, the others in the scheme's periods. */
const otherPeriod = (node: SchemeNode) => (node.frequency === 'monthly'
  ? `指标 ${node.code} 按月填报，请在月度（M01–M12）导入 (a monthly indicator: import it into its month)`
  : `指标 ${node.code} 不是按月填报的指标，不能导入月度数据 (not a monthly indicator)`);

interface ImportScope {
  scheme: SchemeView;
  /** The indicators of a category this actor may import (into a collection period: those kept there). */
  importable: (categoryCode: string, period?: string) => SchemeNode[];
  may: (node: SchemeNode) => boolean;
}

/** The year's scheme and what the actor may import under it; refuses (403) who may import nothing. */
async function importScope(db: Db | Tx, actor: Actor, year: number): Promise<ImportScope> {
  const scheme = await publishedScheme(db, year);
  const statistics = await statisticsUnitId(db, scheme.content);
  ensure(submissionPolicy.bulkImport(actor, statistics), refusal);
  const may = (node: SchemeNode) => submissionPolicy.bulkImportIndicator(actor, statistics, node);
  return { scheme, may, importable: (categoryCode, period) => indicatorsOfCategory(scheme.content, categoryCode, period).filter(may) };
}

/** A period the import page offers: a scheme period, or a month when the scheme has monthly indicators. */
export interface ImportPeriod { code: string; label: string; kind: 'period' | 'month' }

/**
 * The years whose scheme in force lets the actor bulk-import, with each year's periods (the
 * scheme's, and its months when it has monthly indicators): the office every year, the
 * statistics bureau's reporters the years whose scheme names their unit. The menu offers the
 * import page by it.
 */
export async function importAccess(db: Db, actor: Actor): Promise<{ years: number[]; periods: Record<string, ImportPeriod[]> }> {
  const rows = await db.select({ year: assessmentSchemes.year, content: assessmentSchemes.content }).from(assessmentSchemes)
    .where(eq(assessmentSchemes.status, 'published')).orderBy(desc(assessmentSchemes.year), desc(assessmentSchemes.schemeVersion));
  const years: number[] = [];
  const periods: Record<string, ImportPeriod[]> = {};
  for (const row of rows) {
    if (years.includes(row.year)) continue;
    const content = row.content as SchemeView['content'];
    if (!submissionPolicy.bulkImport(actor, await statisticsUnitId(db, content))) continue;
    years.push(row.year);
    periods[row.year] = collectionPeriods(content, row.year).map((p) => ({ code: p.code, label: p.label, kind: p.kind }));
  }
  return { years, periods };
}

/** The template lists every assessed unit and the indicators the actor may import (the statistics bureau: its own). */
export async function importTemplate(db: Db, actor: Actor, year: number, period: string): Promise<{ fileName: string; content: Buffer }> {
  const { scheme, importable } = await importScope(db, actor, year);
  const p = collectionPeriodOf(scheme.content, year, period);
  const units = await assessedUnits(db, scheme.content);
  const sheets = scheme.content.categories.map((c) => ({ c, indicators: importable(c.categoryCode, period) })).filter((x) => x.indicators.length > 0);
  if (sheets.length === 0) throw unprocessable('本年度考核方案没有数据来源为统计局的指标，没有可导入的数据；请联系考核办 (no indicator of the scheme is supplied by the statistics bureau)');
  const workbook = new ExcelJS.Workbook();
  for (const { c, indicators } of sheets) {
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
const running = new Map<string, { job: ImportProgress; createdBy: string }>();

/** Reads and checks the workbook into entries per unit; throws every problem at once. */
export async function readImportWorkbook(db: Db, actor: Actor, content: Buffer, year: number, period: string, progress?: (done: number, total: number) => void): Promise<Map<string, ValueEntry[]>> {
  const { scheme, may } = await importScope(db, actor, year);
  collectionPeriodOf(scheme.content, year, period);
  const here = new Set(scheme.content.categories.flatMap((c) => indicatorsOfCategory(scheme.content, c.categoryCode, period)));
  const workbook = await openWorkbook(content, importMaxRows);
  const meta = readTemplateMeta(workbook, kind);
  if (meta.year !== String(year) || meta.period !== period) throw unprocessable(`该模板属于 ${meta.year} 年 ${meta.period}，不是本次导入的周期 (template of another period)`);
  const units = await assessedUnits(db, scheme.content);
  const problems: CellProblem[] = [];
  const entries = new Map<string, ValueEntry[]>();
  const sheets = scheme.content.categories.map((c) => ({ c, sheet: workbook.getWorksheet(c.name) }));
  for (const { sheet } of sheets) if (sheet) checkSheetShape(sheet, importMaxRows);
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
      const node = indicators.get(code);
      const at = { sheet: sheet.name, row: 1, column: columnLetter(col) };
      if (!node) problems.push({ ...at, message: `指标代码 ${code} 不属于${c.name}类 (unknown indicator)` });
      else if (!here.has(node)) problems.push({ ...at, message: `${otherPeriod(node)}，请删除这一列` });
      else if (!may(node)) problems.push({ ...at, message: `${notYours(node)}，请删除这一列${node.dataSource === 'requests' ? '' : ' (only the assessment office imports this indicator)'}` });
      else if (columns.some((x) => x.code === code)) problems.push({ ...at, message: `指标代码 ${code} 重复 (given twice)` });
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

export interface ImportOutcome {
  /** Values in the import. */
  values: number;
  /** Submissions that existed and now hold other values. */
  changed: number;
  /** Of those, approved ones sent back to review. */
  reopened: number;
}

type Stored = Record<string, number | null>;

/**
 * Writes all entries in one transaction: missing submissions are created in one statement, values
 * are upserted 2,000 at a time across units, and the audit records go in together, so 70,000
 * values cost dozens of statements, not thousands. Only values that differ from the stored ones
 * are written. What this does to the submissions' state: see the top of this file.
 */
export async function importValues(db: Db, ctx: ActionContext, year: number, period: string, entries: Map<string, ValueEntry[]>, progress?: (done: number, total: number) => void): Promise<ImportOutcome> {
  const { scheme, may } = await importScope(db, ctx.actor, year);
  collectionPeriodOf(scheme.content, year, period);
  const here = new Set(scheme.content.categories.flatMap((c) => indicatorsOfCategory(scheme.content, c.categoryCode, period)));
  // The workbook reader has checked all this per cell; callers of the service get the same guarantees.
  const units = new Map((await assessedUnits(db, scheme.content)).map((u) => [u.id, u]));
  const nodesOf = new Map(scheme.content.categories.map((c) => [c.categoryCode, new Map(indicatorsOfCategory(scheme.content, c.categoryCode).map((n) => [n.code, n]))]));
  for (const [unitId, list] of entries) {
    const unit = units.get(unitId);
    if (!unit) throw unprocessable(`单位 ${unitId} 不在本年度考核范围内 (unit not assessed this year)`);
    const seen = new Set<string>();
    for (const e of list) {
      const node = nodesOf.get(unit.categoryCode)!.get(e.indicatorCode);
      if (!node) throw unprocessable(`${unit.name}：指标代码 ${e.indicatorCode} 不属于该单位的考核类别 (unknown indicator)`);
      if (!here.has(node)) throw unprocessable(`${unit.name}：${otherPeriod(node)}`);
      ensure(may(node), notYours(node));
      const problem = checkValue(node, e.value);
      if (problem) throw unprocessable(`${unit.name} ${e.indicatorCode}：${problem}`);
      if (seen.has(e.indicatorCode)) throw unprocessable(`${unit.name} ${e.indicatorCode}：重复 (given twice)`);
      seen.add(e.indicatorCode);
    }
  }
  const total = [...entries.values()].reduce((n, list) => n + list.length, 0);
  // Units in id order: concurrent imports lock their submissions in the same order.
  const unitIds = [...entries].filter(([, list]) => list.some((e) => e.value !== null)).map(([u]) => u).sort();
  return db.transaction(async (tx) => {
    await lockPeriodForWriting(tx, scheme.content, year, period);
    const inPeriod = (ids: string[]) => and(eq(assessmentSubmissions.year, year), eq(assessmentSubmissions.period, period), inArray(assessmentSubmissions.unitId, ids));
    const known = new Set<string>();
    for (let i = 0; i < unitIds.length; i += 1000) {
      for (const r of await tx.select({ unitId: assessmentSubmissions.unitId }).from(assessmentSubmissions).where(inPeriod(unitIds.slice(i, i + 1000)))) known.add(r.unitId);
    }
    const toCreate = unitIds.filter((u) => !known.has(u)).map((unitId) => ({ id: randomUUID(), year, period, unitId }));
    const created = new Set<string>();
    for (let i = 0; i < toCreate.length; i += 1000) {
      const rows = await tx.insert(assessmentSubmissions).values(toCreate.slice(i, i + 1000)).onConflictDoNothing().returning({ id: assessmentSubmissions.id });
      for (const r of rows) created.add(r.id);
    }
    // Every submission written into, locked: a unit saving at this moment waits, then sees the new version.
    const submissions = new Map<string, { id: string; state: string; version: number }>();
    for (let i = 0; i < unitIds.length; i += 1000) {
      const rows = await tx.select({ id: assessmentSubmissions.id, unitId: assessmentSubmissions.unitId, state: assessmentSubmissions.state, version: assessmentSubmissions.version })
        .from(assessmentSubmissions).where(inPeriod(unitIds.slice(i, i + 1000))).orderBy(asc(assessmentSubmissions.unitId)).for('update');
      for (const r of rows) submissions.set(r.unitId, r);
    }
    const existing = [...submissions.values()].filter((s) => !created.has(s.id)).map((s) => s.id);
    const stored = new Map<string, Map<string, number | null>>();
    for (let i = 0; i < existing.length; i += 1000) {
      const rows = await tx.select({ id: assessmentObservations.submissionId, code: assessmentObservations.indicatorCode, value: assessmentObservations.value })
        .from(assessmentObservations).where(inArray(assessmentObservations.submissionId, existing.slice(i, i + 1000)));
      for (const r of rows) {
        let m = stored.get(r.id);
        if (!m) stored.set(r.id, (m = new Map()));
        m.set(r.code, r.value);
      }
    }
    const rows: { submissionId: string; indicatorCode: string; value: number | null; note: string }[] = [];
    const replaced = new Map<string, { unitId: string; before: Stored; after: Stored }>();
    for (const unitId of unitIds) {
      const s = submissions.get(unitId)!;
      for (const e of entries.get(unitId)!) {
        const before = stored.get(s.id)?.get(e.indicatorCode) ?? null;
        if (before === e.value) continue;
        rows.push({ submissionId: s.id, indicatorCode: e.indicatorCode, value: e.value, note: e.note ?? '' });
        if (created.has(s.id)) continue;
        let change = replaced.get(s.id);
        if (!change) replaced.set(s.id, (change = { unitId, before: {}, after: {} }));
        change.before[e.indicatorCode] = before;
        change.after[e.indicatorCode] = e.value;
      }
    }
    const now = new Date();
    for (let i = 0; i < rows.length; i += 2000) {
      await tx.insert(assessmentObservations).values(rows.slice(i, i + 2000).map((r) => ({ ...r, updatedAt: now })))
        .onConflictDoUpdate({ target: [assessmentObservations.submissionId, assessmentObservations.indicatorCode], set: { value: sql`excluded.value`, note: sql`excluded.note`, updatedAt: sql`excluded.updated_at`, submittedAt: unlessChanged } });
      progress?.(Math.min(rows.length, i + 2000), rows.length);
    }
    // Changed submissions: a new version; approved ones back to review.
    const changedIds = [...replaced.keys()];
    const after = new Map<string, { state: string; version: number }>();
    for (let i = 0; i < changedIds.length; i += 1000) {
      const updated = await tx.update(assessmentSubmissions).set({
        state: sql`case when ${assessmentSubmissions.state} = 'approved' then 'submitted' else ${assessmentSubmissions.state} end`,
        version: sql`${assessmentSubmissions.version} + 1`, updatedAt: now,
      }).where(inArray(assessmentSubmissions.id, changedIds.slice(i, i + 1000))).returning({ id: assessmentSubmissions.id, state: assessmentSubmissions.state, version: assessmentSubmissions.version });
      for (const u of updated) after.set(u.id, u);
    }
    const bySubmission = new Map([...submissions.values()].map((s) => [s.id, s]));
    const reopened = changedIds.filter((id) => bySubmission.get(id)!.state === 'approved');
    // Approved values sent back to review leave what results are computed from: drafts of the rounds they fed are stale.
    if (reopened.length) await markRoundDataChanged(tx, scheme.content, year, period, 'submission.import');
    const audit = (action: string, entityType: string, entityId: string, before: unknown, afterValue: unknown): AuditEntry =>
      ({ actorId: ctx.actor.id, actorName: ctx.actor.displayName, action, entityType, entityId, before, after: afterValue, requestId: ctx.requestId });
    await recordAudits(tx, [
      ...changedIds.map((id) => {
        const change = replaced.get(id)!;
        const s = bySubmission.get(id)!;
        return audit('submission.import', 'assessment_submission', id,
          { state: s.state, version: s.version, values: change.before },
          { state: after.get(id)!.state, version: after.get(id)!.version, values: change.after, import: `${year}/${period}` });
      }),
      audit('submission.import', 'assessment_import', `${year}/${period}`,
        // The values the import replaced, per unit (the new ones are in byUnit).
        { replaced: Object.fromEntries([...replaced.values()].map((c) => [c.unitId, c.before])) },
        {
          year, period, units: entries.size, values: total, written: rows.length, created: created.size, changed: changedIds.length, reopened: reopened.length,
          byUnit: Object.fromEntries([...entries].map(([u, list]) => [u, Object.fromEntries(list.map((e) => [e.indicatorCode, e.value]))])),
        }),
    ]);
    return { values: total, changed: changedIds.length, reopened: reopened.length };
  });
}

/** Starts an import job and returns at once; the browser polls its progress. A frozen period is refused at once (409). */
export async function startImport(db: Db, ctx: ActionContext, year: number, period: string, content: Buffer): Promise<ImportProgress> {
  const { scheme } = await importScope(db, ctx.actor, year);
  collectionPeriodOf(scheme.content, year, period);
  await assertPeriodOpen(db, scheme.content, year, period);
  const id = randomUUID();
  await db.insert(assessmentImportJobs).values({ id, year, period, status: 'running', createdBy: ctx.actor.id });
  const job: ImportProgress = { id, status: 'running', phase: 'reading', done: 0, total: 0, message: '正在读取表格', errors: [] };
  running.set(id, { job, createdBy: ctx.actor.id });
  const finish = async (status: 'done' | 'failed', message: string, errors: CellProblem[] = []) => {
    Object.assign(job, { status, message, errors, phase: status });
    await db.update(assessmentImportJobs).set({ status, done: job.done, total: job.total, errors: { message, errors }, finishedAt: new Date() }).where(eq(assessmentImportJobs.id, id));
    setTimeout(() => running.delete(id), 10 * 60_000).unref();
  };
  void (async () => {
    try {
      const entries = await readImportWorkbook(db, ctx.actor, content, year, period, (done, total) => Object.assign(job, { phase: 'checking', done, total, message: '正在校验' }));
      Object.assign(job, { phase: 'writing', done: 0, total: 0, message: '正在写入' });
      const n = await importValues(db, ctx, year, period, entries, (done, total) => Object.assign(job, { done, total }));
      const review = n.reopened ? `；${n.reopened} 份已审核通过的填报因数据变化退回审核员重新审核 (${n.reopened} approved submissions back to review)` : '';
      await finish('done', `已导入 ${entries.size} 个单位的 ${n.values} 个数据，${n.changed} 份已有填报的数据有变化 (imported)${review}`);
    } catch (error) {
      if (error instanceof AppError) await finish('failed', error.message, ((error.details as { errors?: CellProblem[] } | undefined)?.errors) ?? []);
      else await finish('failed', '导入失败，请联系管理员 (import failed)');
    }
  })();
  return { ...job };
}

/** A job's progress, for the office or whoever started it; anyone else learns nothing of it (404). */
export async function importProgress(db: Db, actor: Actor, id: string): Promise<ImportProgress> {
  const live = running.get(id);
  if (live) {
    if (!submissionPolicy.readImport(actor, live.createdBy)) throw notFound('导入任务');
    return { ...live.job };
  }
  const [row] = await db.select().from(assessmentImportJobs).where(eq(assessmentImportJobs.id, id));
  if (!row || !submissionPolicy.readImport(actor, row.createdBy)) throw notFound('导入任务');
  const e = row.errors as { message?: string; errors?: CellProblem[] };
  return { id, status: row.status as ImportProgress['status'], phase: row.status, done: row.done, total: row.total, message: e.message ?? '', errors: e.errors ?? [] };
}
