// Data collection (填报): what each unit owes per period, entering values by form (or by Excel,
// which lands here too), and submitting them for review.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentEvidence, assessmentObservations, assessmentResults, assessmentSubmissions } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { yearRound } from '../../core/scheme/round-snapshot.ts';
import { indicatorsDue, type SchemeContent, type SchemeNode, type SchemeView } from '../../core/scheme/scheme.ts';
import { deadlineInstant, type ComputedLine, type DueItem, type IndicatorHeading, type SubmissionState, type SubmissionView } from '../../core/scheme/collection.ts';
import { requestsIndicators, requestsSourceLabel } from '../../core/scheme/requests-indicator.ts';
import { collectionPeriod, collectionPeriods, indicatorDeadline, periodDue, type CollectionPeriod } from '../../core/scheme/collection-periods.ts';
import { submissionPolicy } from './assessment-policy.ts';
import { publishedScheme } from './scheme-service.ts';
import { assessedUnit, assessedUnits, type AssessedUnit } from './unit-scope.ts';
import { outlierFlags } from './outlier-flags.ts';
import { lockPeriodForWriting } from './period-lock.ts';
import { requestsValues } from './requests-values.ts';

type SubmissionRow = typeof assessmentSubmissions.$inferSelect;
export interface ValueEntry { indicatorCode: string; value: number | null; note?: string | undefined }
export interface ValueProblem { indicatorCode: string; message: string }

export function periodOf(content: SchemeContent, period: string) {
  const index = content.periods.findIndex((p) => p.code === period);
  if (index < 0) throw notFound(`考核周期 ${period}`);
  return { ...content.periods[index]!, index, previous: index > 0 ? content.periods[index - 1]!.code : null };
}

/** A collection period of the year: a scheme period, or a month (M01…M12) when the scheme has monthly indicators; 404 otherwise. */
export function collectionPeriodOf(content: SchemeContent, year: number, period: string): CollectionPeriod {
  const p = collectionPeriod(content, year, period);
  if (!p) throw notFound(`考核周期 ${period}`);
  return p;
}

/** Per-cell checks of entered values: known and due indicator, finite number, within its range. */
export function checkValue(node: SchemeNode | undefined, value: number | null): string | null {
  if (!node) return '不是本期应填报的指标 (not an indicator due this period)';
  if (value === null) return null;
  if (!Number.isFinite(value)) return '必须是数字 (must be a number)';
  if (node.min != null && value < node.min) return `不能小于 ${node.min} (below the minimum)`;
  if (node.max != null && value > node.max) return `不能大于 ${node.max} (above the maximum)`;
  return null;
}

/** Refusal of a value for an indicator filled from 12345 data. */
export const computedNotEntered = '根据12345接诉即办数据自动计算，不能填报或导入 (computed from 12345 data; not entered)';

const audit = (tx: Tx, ctx: ActionContext, action: string, id: string, before: unknown, after: unknown) =>
  recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action, entityType: 'assessment_submission', entityId: id, before, after, requestId: ctx.requestId });

async function findSubmission(db: Db | Tx, year: number, period: string, unitId: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(assessmentSubmissions).where(and(
    eq(assessmentSubmissions.year, year), eq(assessmentSubmissions.period, period), eq(assessmentSubmissions.unitId, unitId)));
  return row;
}

/**
 * What units owe for the year: one line per unit and collection period (the scheme's periods, and
 * the months for units whose category has monthly indicators), with state and the submission's
 * deadline (the latest of its indicators').
 */
export async function dueList(db: Db, actor: Actor, year: number, unitId?: string): Promise<DueItem[]> {
  const scheme = await publishedScheme(db, year);
  let scope: AssessedUnit[];
  if (unitId) {
    if (!submissionPolicy.read(actor, unitId)) throw notFound('单位');
    scope = [await assessedUnit(db, scheme.content, unitId)];
  } else if (submissionPolicy.readAll(actor)) scope = await assessedUnits(db, scheme.content);
  else if (actor.unitId) scope = [await assessedUnit(db, scheme.content, actor.unitId)];
  else scope = [];
  if (scope.length === 0) return [];
  const rows = await db.select({ s: assessmentSubmissions }).from(assessmentSubmissions)
    .where(and(eq(assessmentSubmissions.year, year), inArray(assessmentSubmissions.unitId, scope.map((u) => u.id))));
  const filledCodes = await filledIndicators(db, rows.map((r) => r.s.id));
  const byKey = new Map(rows.map((r) => [`${r.s.unitId}/${r.s.period}`, r]));
  const now = Date.now();
  const out: DueItem[] = [];
  const periods = collectionPeriods(scheme.content, year);
  for (const u of scope) {
    for (const p of periods) {
      const { owed, deadline } = periodDue(scheme.content, u.categoryCode, p);
      // A month is owed only by units whose category reports monthly indicators.
      if (p.kind === 'month' && owed.length === 0) continue;
      const r = byKey.get(`${u.id}/${p.code}`);
      const state = (r?.s.state ?? 'draft') as SubmissionState;
      out.push({
        period: p.code, label: p.label, kind: p.kind, deadline, unitId: u.id, unitName: u.name, submissionId: r?.s.id ?? null, state,
        late: r?.s.late ?? false, overdue: (state === 'draft' || state === 'returned') && now > deadlineInstant(deadline).getTime(),
        filled: r ? countDue(filledCodes.get(r.s.id), owed) : 0,
        due: owed.length, reviewComment: r?.s.reviewComment ?? '',
      });
    }
  }
  return out;
}

/** Codes with a value, per submission: "filled" counts only what the unit owes, not what the office imported. */
export async function filledIndicators(db: Db | Tx, submissionIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < submissionIds.length; i += 1000) {
    const rows = await db.select({ id: assessmentObservations.submissionId, code: assessmentObservations.indicatorCode }).from(assessmentObservations)
      .where(and(inArray(assessmentObservations.submissionId, submissionIds.slice(i, i + 1000)), isNotNull(assessmentObservations.value)));
    for (const r of rows) {
      let set = out.get(r.id);
      if (!set) out.set(r.id, (set = new Set()));
      set.add(r.code);
    }
  }
  return out;
}

export const countDue = (filled: Set<string> | undefined, due: SchemeNode[]) => due.filter((n) => filled?.has(n.code)).length;

async function valuesOf(db: Db | Tx, submissionId: string | undefined): Promise<Map<string, { value: number | null; note: string; submittedAt: Date | null }>> {
  if (!submissionId) return new Map();
  const rows = await db.select().from(assessmentObservations).where(eq(assessmentObservations.submissionId, submissionId));
  return new Map(rows.map((r) => [r.indicatorCode, { value: r.value, note: r.note, submittedAt: r.submittedAt }]));
}

/** The indicators of the unit filled from 12345 data: value, the previous period's, and what it was computed from. */
async function computedLines(db: Db, s: SchemeView, year: number, p: ReturnType<typeof periodOf>, unit: AssessedUnit, nodes: Map<string, SchemeNode>): Promise<ComputedLine[]> {
  const fed = requestsIndicators(s.content, unit.categoryCode, p.code);
  if (fed.length === 0) return [];
  const periods = p.previous ? [p.code, p.previous] : [p.code];
  const values = await requestsValues(db, s.content, year, periods, [unit]);
  const published = await db.select({ round: assessmentResults.round }).from(assessmentResults)
    .where(and(eq(assessmentResults.year, year), inArray(assessmentResults.round, [p.code, yearRound]), eq(assessmentResults.status, 'published')));
  const now = values[p.code]?.units[unit.code];
  const before = p.previous ? values[p.previous]?.units[unit.code]?.value ?? null : null;
  return fed.map((n) => {
    const value = now?.value ?? null;
    return {
      ...headingOf(n, nodes), source: 'requests' as const, sourceLabel: requestsSourceLabel,
      value, previous: before, change: value !== null && before !== null ? value - before : null,
      months: values[p.code]?.months ?? [], composites: now?.composites ?? {}, frozen: published.length > 0,
    };
  });
}

/** An indicator as a line of a form or a review names it, its dimension looked up among `nodes`. */
function headingOf(n: SchemeNode, nodes: Map<string, SchemeNode>): IndicatorHeading {
  return { indicatorCode: n.code, name: n.name, dimension: nodes.get(n.parent ?? '')?.name ?? '', unitOfMeasure: n.unitOfMeasure ?? '', direction: n.direction ?? 1, target: n.target ?? null };
}

export async function submissionView(db: Db | Tx, actor: Actor, year: number, period: string, unitId: string, scheme?: SchemeView): Promise<SubmissionView> {
  if (!submissionPolicy.read(actor, unitId)) throw notFound('单位');
  const s = scheme ?? await publishedScheme(db, year);
  const p = collectionPeriodOf(s.content, year, period);
  const unit = await assessedUnit(db, s.content, unitId);
  const row = await findSubmission(db, year, period, unitId);
  const values = await valuesOf(db, row?.id);
  const previousRow = p.previous ? await findSubmission(db, year, p.previous, unitId) : undefined;
  const previous = await valuesOf(db, previousRow?.id);
  const { owed: due, deadline } = periodDue(s.content, unit.categoryCode, p);
  const nodes = new Map(s.content.categories.find((c) => c.categoryCode === unit.categoryCode)!.nodes.map((n) => [n.code, n]));
  // Outliers compare a unit with its peers: only reviewers see them, never the unit itself.
  const outliers = submissionPolicy.review(actor) && row && row.state !== 'draft'
    ? await outlierFlags(db, s.content, year, period, unit.categoryCode, unitId) : new Map<string, 'high' | 'low'>();
  const evidence = row ? await db.select({ id: assessmentEvidence.id, fileName: assessmentEvidence.fileName, size: assessmentEvidence.size, indicatorCode: assessmentEvidence.indicatorCode })
    .from(assessmentEvidence).where(eq(assessmentEvidence.submissionId, row.id)) : [];
  const lines = due.map((n) => {
    const v = values.get(n.code)?.value ?? null;
    const before = previous.get(n.code)?.value ?? null;
    const own = indicatorDeadline(p, n);
    // Handed in: when this value was first submitted as it is; in a submission under review, at the latest with it.
    const handedIn = v === null ? null
      : values.get(n.code)?.submittedAt ?? (row?.state === 'submitted' || row?.state === 'approved' ? row.submittedAt : null);
    return {
      ...headingOf(n, nodes), min: n.min ?? null, max: n.max ?? null,
      deadline: own, late: handedIn !== null && handedIn > deadlineInstant(own),
      value: v, note: values.get(n.code)?.note ?? '', previous: before, change: v !== null && before !== null ? v - before : null,
      outlier: outliers.get(n.code) ?? null,
      evidence: evidence.filter((e) => e.indicatorCode === n.code).map(({ id, fileName, size }) => ({ id, fileName, size })),
    };
  });
  return {
    id: row?.id ?? null, year, period, periodLabel: p.label, kind: p.kind, deadline, unitId, unitName: unit.name, categoryCode: unit.categoryCode,
    state: (row?.state ?? 'draft') as SubmissionState, late: row?.late ?? false, submittedAt: row?.submittedAt?.toISOString() ?? null,
    reviewComment: row?.reviewComment ?? '', returnedCount: row?.returnedCount ?? 0, version: row?.version ?? 0, lines,
    // A month holds only monthly indicators: nothing computed from 12345 data.
    computed: p.kind === 'month' ? [] : await computedLines(db, s, year, periodOf(s.content, period), unit, nodes),
    flags: { missing: lines.filter((l) => l.value === null).length, late: row?.late ?? false, lateValues: lines.filter((l) => l.late).length, outliers: lines.filter((l) => l.outlier).length },
  };
}

/**
 * Writes values into a unit's submission in one transaction, creating it on first save. Only a
 * draft or returned submission of a period whose result is not published changes; every cell is
 * checked first and nothing is written when any cell is wrong.
 */
export async function saveValues(db: Db, ctx: ActionContext, year: number, period: string, unitId: string, version: number, entries: ValueEntry[], action = 'submission.save'): Promise<SubmissionView> {
  await saveValuesRow(db, ctx, year, period, unitId, version, entries, action);
  return submissionView(db, ctx.actor, year, period, unitId);
}

/** saveValues without building the view afterwards (imports and the demo save many). */
export async function saveValuesRow(db: Db, ctx: ActionContext, year: number, period: string, unitId: string, version: number, entries: ValueEntry[], action = 'submission.save'): Promise<SubmissionRow> {
  if (!submissionPolicy.read(ctx.actor, unitId)) throw notFound('单位');
  ensure(submissionPolicy.edit(ctx.actor, unitId), '只能填报本单位的数据');
  const scheme = await publishedScheme(db, year);
  collectionPeriodOf(scheme.content, year, period);
  const unit = await assessedUnit(db, scheme.content, unitId);
  const due = new Map(indicatorsDue(scheme.content, unit.categoryCode, period).map((n) => [n.code, n]));
  const computed = new Set(requestsIndicators(scheme.content, unit.categoryCode).map((n) => n.code));
  const problems: { indicatorCode: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.indicatorCode)) problems.push({ indicatorCode: e.indicatorCode, message: '重复填报 (given twice)' });
    seen.add(e.indicatorCode);
    const message = computed.has(e.indicatorCode) ? computedNotEntered : checkValue(due.get(e.indicatorCode), e.value);
    if (message) problems.push({ indicatorCode: e.indicatorCode, message });
  }
  return db.transaction(async (tx) => {
    // A published period is frozen: said first, so nobody corrects cells of a period that cannot change.
    await lockPeriodForWriting(tx, scheme.content, year, period);
    if (problems.length) throw unprocessable(`有 ${problems.length} 个数据不符合要求：${problems[0]!.indicatorCode} ${problems[0]!.message}`, { problems });
    let row = await findSubmission(tx, year, period, unitId);
    if (!row) {
      if (version !== 0) throw staleVersion('填报', 0);
      row = (await tx.insert(assessmentSubmissions).values({ id: randomUUID(), year, period, unitId }).returning())[0]!;
    } else {
      if (row.state === 'submitted' || row.state === 'approved') throw conflict('已报送的数据不能修改；如需修改请联系审核员退回 (submitted data is locked)');
      if (row.version !== version) throw staleVersion('填报', row.version);
      const [updated] = await tx.update(assessmentSubmissions).set({ version: version + 1, updatedAt: new Date() })
        .where(and(eq(assessmentSubmissions.id, row.id), eq(assessmentSubmissions.version, version))).returning();
      if (!updated) throw staleVersion('填报', version + 1);
      row = updated;
    }
    const id = row.id;
    const before = Object.fromEntries([...(await valuesOf(tx, id))].map(([k, v]) => [k, v.value]));
    await writeValues(tx, id, entries);
    await audit(tx, ctx, action, id, { values: before }, { values: Object.fromEntries(entries.map((e) => [e.indicatorCode, e.value])), version: row.version });
    return row;
  });
}

/** Upserts values in batches: one statement per 1,000 values keeps big imports fast. A changed value is no longer handed in. */
export async function writeValues(tx: Tx, submissionId: string, entries: ValueEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const batch = entries.slice(i, i + 1000).map((e) => ({ submissionId, indicatorCode: e.indicatorCode, value: e.value, note: e.note ?? '', updatedAt: new Date() }));
    await tx.insert(assessmentObservations).values(batch).onConflictDoUpdate({
      target: [assessmentObservations.submissionId, assessmentObservations.indicatorCode],
      set: { value: sql`excluded.value`, note: sql`excluded.note`, updatedAt: sql`excluded.updated_at`, submittedAt: unlessChanged },
    });
  }
}

/** The stamp of a value being handed in survives an upsert that leaves the value as it was. */
export const unlessChanged = sql`case when ${assessmentObservations.value} is not distinct from excluded.value then ${assessmentObservations.submittedAt} end`;

/**
 * Submits for review; every due value must be there. The first submission after the submission's
 * deadline (the latest of its indicators') is late. Each value not yet handed in is stamped now,
 * so review can tell a value handed in after its own indicator's deadline. A published period is frozen.
 */
export async function submitValues(db: Db, ctx: ActionContext, year: number, period: string, unitId: string, version: number): Promise<SubmissionView> {
  await submitValuesRow(db, ctx, year, period, unitId, version);
  return submissionView(db, ctx.actor, year, period, unitId);
}

/** submitValues without the view; `now` lets the demo submit on the days it tells of. */
export async function submitValuesRow(db: Db, ctx: ActionContext, year: number, period: string, unitId: string, version: number, now = new Date()): Promise<SubmissionRow> {
  if (!submissionPolicy.read(ctx.actor, unitId)) throw notFound('单位');
  ensure(submissionPolicy.edit(ctx.actor, unitId), '只能报送本单位的数据');
  const scheme = await publishedScheme(db, year);
  const p = collectionPeriodOf(scheme.content, year, period);
  const unit = await assessedUnit(db, scheme.content, unitId);
  const { deadline } = periodDue(scheme.content, unit.categoryCode, p);
  return db.transaction(async (tx) => {
    await lockPeriodForWriting(tx, scheme.content, year, period);
    const row = await findSubmission(tx, year, period, unitId);
    if (!row) throw unprocessable('尚未填报任何数据 (nothing entered yet)');
    if (row.state === 'submitted' || row.state === 'approved') throw conflict('已经报送 (already submitted)');
    if (row.version !== version) throw staleVersion('填报', row.version);
    const values = await valuesOf(tx, row.id);
    const missing = indicatorsDue(scheme.content, unit.categoryCode, period).filter((n) => values.get(n.code)?.value == null);
    if (missing.length) {
      throw unprocessable(`还有 ${missing.length} 项指标未填报：${missing.slice(0, 3).map((n) => n.name).join('、')} (values missing)`, { missing: missing.map((n) => n.code) });
    }
    const late = row.state === 'draft' ? now > deadlineInstant(deadline) : row.late;
    const [after] = await tx.update(assessmentSubmissions).set({ state: 'submitted', submittedAt: now, late, version: version + 1, updatedAt: now })
      .where(eq(assessmentSubmissions.id, row.id)).returning();
    await tx.update(assessmentObservations).set({ submittedAt: now })
      .where(and(eq(assessmentObservations.submissionId, row.id), isNull(assessmentObservations.submittedAt), isNotNull(assessmentObservations.value)));
    await audit(tx, ctx, 'submission.submit', row.id, row, after);
    return after!;
  });
}

export async function loadSubmission(db: Db | Tx, id: string): Promise<SubmissionRow> {
  const [row] = await db.select().from(assessmentSubmissions).where(eq(assessmentSubmissions.id, id));
  if (!row) throw notFound('填报');
  return row;
}
