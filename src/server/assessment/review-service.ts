// Review (审核): reviewers approve submitted values or return them with a comment; the unit then
// corrects and resubmits. A reporter never reviews, not even their own unit's data.
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { assessmentSubmissions, unitCategories, units } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, staleVersion } from '../http/errors.ts';
import type { QueueItem, SubmissionState, SubmissionView } from '../../core/scheme/collection.ts';
import { indicatorsDue } from '../../core/scheme/scheme.ts';
import { collectionPeriods } from '../../core/scheme/collection-periods.ts';
import { submissionPolicy } from './assessment-policy.ts';
import { countDue, filledIndicators, loadSubmission, submissionView } from './collection-service.ts';
import { lockPeriodForWriting } from './period-lock.ts';
import { markRoundDataChanged } from './result-staleness.ts';
import { publishedScheme } from './scheme-service.ts';

export async function reviewQueue(db: Db, actor: Actor, year: number, filter: { period?: string | undefined; state?: SubmissionState | undefined }): Promise<QueueItem[]> {
  ensure(submissionPolicy.readAll(actor), '只有考核办和审核员可以查看审核队列');
  const scheme = await publishedScheme(db, year);
  const where: SQL[] = [eq(assessmentSubmissions.year, year)];
  if (filter.period) where.push(eq(assessmentSubmissions.period, filter.period));
  if (filter.state) where.push(eq(assessmentSubmissions.state, filter.state));
  else where.push(inArray(assessmentSubmissions.state, ['submitted', 'returned', 'approved']));
  const rows = await db.select({ s: assessmentSubmissions, unitName: units.name, categoryCode: unitCategories.code, categoryName: unitCategories.name }).from(assessmentSubmissions).innerJoin(units, eq(units.id, assessmentSubmissions.unitId))
    .leftJoin(unitCategories, eq(unitCategories.id, units.categoryId))
    .where(and(...where)).orderBy(asc(assessmentSubmissions.submittedAt), asc(units.code)).limit(2000);
  const filled = await filledIndicators(db, rows.map((r) => r.s.id));
  const labels = new Map(collectionPeriods(scheme.content, year).map((p) => [p.code, p.label]));
  return rows.map((r) => ({
    id: r.s.id, period: r.s.period, periodLabel: labels.get(r.s.period) ?? r.s.period, unitId: r.s.unitId, unitName: r.unitName,
    categoryCode: r.categoryCode ?? '', categoryName: r.categoryName ?? '',
    state: r.s.state as SubmissionState, late: r.s.late, submittedAt: r.s.submittedAt?.toISOString() ?? null, returnedCount: r.s.returnedCount,
    missing: (() => { const due = indicatorsDue(scheme.content, r.categoryCode ?? '', r.s.period); return due.length - countDue(filled.get(r.s.id), due); })(),
    version: r.s.version,
  }));
}

export async function reviewDetail(db: Db, actor: Actor, id: string): Promise<SubmissionView> {
  const row = await loadSubmission(db, id);
  return submissionView(db, actor, row.year, row.period, row.unitId);
}

/** Approves or returns a submitted submission; a return needs a comment telling the unit what to fix. */
export async function decideSubmission(db: Db, ctx: ActionContext, id: string, decision: 'approve' | 'return', version: number, comment = ''): Promise<SubmissionView> {
  const after = await decideSubmissionRow(db, ctx, id, decision, version, comment);
  return submissionView(db, ctx.actor, after.year, after.period, after.unitId);
}

export async function decideSubmissionRow(db: Db, ctx: ActionContext, id: string, decision: 'approve' | 'return', version: number, comment = '') {
  ensure(submissionPolicy.review(ctx.actor), '只有审核员和考核办可以审核');
  return db.transaction(async (tx) => {
    const before = await loadSubmission(tx, id);
    // Which values count is part of a period's data: a published period is frozen for review too.
    const content = (await publishedScheme(tx, before.year)).content;
    await lockPeriodForWriting(tx, content, before.year, before.period);
    if (before.state !== 'submitted') throw conflict(`只能审核已报送的数据（当前状态：${before.state}）(only submitted data can be reviewed)`);
    if (before.version !== version) throw staleVersion('填报', before.version);
    const now = new Date();
    const [row] = await tx.update(assessmentSubmissions).set({
      state: decision === 'approve' ? 'approved' : 'returned', reviewComment: comment, reviewedBy: ctx.actor.id, reviewedAt: now,
      returnedCount: before.returnedCount + (decision === 'return' ? 1 : 0), version: version + 1, updatedAt: now,
    }).where(and(eq(assessmentSubmissions.id, id), eq(assessmentSubmissions.version, version))).returning();
    if (!row) throw staleVersion('填报', version + 1);
    // An approval adds values to what results are computed from: drafts of the rounds it feeds are stale.
    // (A return takes back a submitted one, which no result holds.)
    if (decision === 'approve') await markRoundDataChanged(tx, content, before.year, before.period, 'submission.approve');
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: `submission.${decision}`, entityType: 'assessment_submission', entityId: id, before, after: row, requestId: ctx.requestId });
    return row;
  });
}
