// Bonus, penalty and veto entries (加分/扣分/一票否决): proposed by the office with evidence, then
// approved or rejected by someone else. Only approved entries reach the computation. The office
// withdraws (撤销) an entry found wrong, with a reason, pending or approved. Approving and withdrawing
// change what the period's result (and the year's) is computed from: they are refused once the
// period is frozen (period-lock.ts), and leave the drafts of those rounds stale (result-staleness.ts).
import { randomUUID } from 'node:crypto';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { assessmentAdjustments, assessmentEvidence, units } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import type { AdjustmentKind, AdjustmentView, adjustmentCreateBody } from '../../core/scheme/collection.ts';
import { adjustmentPolicy } from './assessment-policy.ts';
import { periodOf } from './collection-service.ts';
import { lockPeriodForWriting } from './period-lock.ts';
import { markRoundDataChanged } from './result-staleness.ts';
import { publishedScheme } from './scheme-service.ts';
import { assessedUnit } from './unit-scope.ts';

type Row = typeof assessmentAdjustments.$inferSelect;

async function viewsOf(db: Db, rows: { a: Row; unitName: string }[]): Promise<AdjustmentView[]> {
  const files = rows.length ? await db.select({ id: assessmentEvidence.id, fileName: assessmentEvidence.fileName, size: assessmentEvidence.size, adjustmentId: assessmentEvidence.adjustmentId })
    .from(assessmentEvidence) : [];
  return rows.map(({ a, unitName }) => ({
    id: a.id, year: a.year, period: a.period, unitId: a.unitId, unitName, kind: a.kind as AdjustmentKind, item: a.item, points: a.points,
    reason: a.reason, state: a.state as AdjustmentView['state'], proposedBy: a.proposedBy, decisionComment: a.decisionComment,
    evidence: files.filter((f) => f.adjustmentId === a.id).map(({ id, fileName, size }) => ({ id, fileName, size })),
    version: a.version, createdAt: a.createdAt.toISOString(),
  }));
}

export async function listAdjustments(db: Db, actor: Actor, year: number): Promise<AdjustmentView[]> {
  const where: SQL[] = [eq(assessmentAdjustments.year, year)];
  if (!adjustmentPolicy.readAll(actor)) where.push(eq(assessmentAdjustments.unitId, actor.unitId ?? '00000000-0000-0000-0000-000000000000'));
  const rows = await db.select({ a: assessmentAdjustments, unitName: units.name }).from(assessmentAdjustments)
    .innerJoin(units, eq(units.id, assessmentAdjustments.unitId)).where(and(...where)).orderBy(desc(assessmentAdjustments.createdAt));
  return viewsOf(db, rows);
}

async function one(db: Db, id: string): Promise<AdjustmentView> {
  const rows = await db.select({ a: assessmentAdjustments, unitName: units.name }).from(assessmentAdjustments)
    .innerJoin(units, eq(units.id, assessmentAdjustments.unitId)).where(eq(assessmentAdjustments.id, id));
  if (!rows.length) throw notFound('加扣分事项');
  return (await viewsOf(db, rows))[0]!;
}

export async function proposeAdjustment(db: Db, ctx: ActionContext, body: z.infer<typeof adjustmentCreateBody>): Promise<AdjustmentView> {
  ensure(adjustmentPolicy.propose(ctx.actor), '只有考核办可以登记加扣分和否决事项');
  const scheme = await publishedScheme(db, body.year);
  periodOf(scheme.content, body.period);
  await assessedUnit(db, scheme.content, body.unitId);
  if (body.kind === 'veto') {
    if (!scheme.content.vetoItems.some((v) => v.code === body.item)) throw unprocessable(`否决事项 ${body.item} 不在考核方案中 (not a veto item of the scheme)`, { field: 'item' });
    if (body.points !== 0) throw unprocessable('否决事项不计分值 (a veto carries no points)', { field: 'points' });
  } else if (body.points <= 0) throw unprocessable('分值必须大于 0 (points must be > 0)', { field: 'points' });
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(assessmentAdjustments).values({ id, ...body, proposedBy: ctx.actor.id }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'adjustment.propose', entityType: 'assessment_adjustment', entityId: id, before: null, after: row, requestId: ctx.requestId });
  });
  return one(db, id);
}

export async function decideAdjustment(db: Db, ctx: ActionContext, id: string, decision: 'approve' | 'reject', version: number, comment = ''): Promise<AdjustmentView> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(assessmentAdjustments).where(eq(assessmentAdjustments.id, id));
    if (!before || !adjustmentPolicy.read(ctx.actor, before.unitId)) throw notFound('加扣分事项');
    ensure(adjustmentPolicy.decide(ctx.actor, before.proposedBy), '审定须由登记人以外的考核办人员或审核员进行');
    const content = (await publishedScheme(tx, before.year)).content;
    if (decision === 'approve') await lockPeriodForWriting(tx, content, before.year, before.period);
    if (before.state !== 'pending') throw conflict('事项已审定 (already decided)');
    if (before.version !== version) throw staleVersion('加扣分事项', before.version);
    if (decision === 'approve') {
      const [file] = await tx.select({ id: assessmentEvidence.id }).from(assessmentEvidence).where(eq(assessmentEvidence.adjustmentId, id)).limit(1);
      if (!file) throw unprocessable('请先上传佐证材料再审定 (evidence is required for approval)');
    }
    const [after] = await tx.update(assessmentAdjustments).set({
      state: decision === 'approve' ? 'approved' : 'rejected', decidedBy: ctx.actor.id, decisionComment: comment, version: version + 1, updatedAt: new Date(),
    }).where(and(eq(assessmentAdjustments.id, id), eq(assessmentAdjustments.version, version))).returning();
    if (!after) throw staleVersion('加扣分事项', version + 1);
    if (decision === 'approve') await markRoundDataChanged(tx, content, before.year, before.period, 'adjustment.approve');
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: `adjustment.${decision}`, entityType: 'assessment_adjustment', entityId: id, before, after, requestId: ctx.requestId });
  });
  return one(db, id);
}

/** The office withdraws an entry (pending or approved) with a reason; an approved one leaves the results' data. */
export async function withdrawAdjustment(db: Db, ctx: ActionContext, id: string, version: number, comment: string): Promise<AdjustmentView> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(assessmentAdjustments).where(eq(assessmentAdjustments.id, id));
    if (!before || !adjustmentPolicy.read(ctx.actor, before.unitId)) throw notFound('加扣分事项');
    ensure(adjustmentPolicy.propose(ctx.actor), '只有考核办可以撤销加扣分和否决事项');
    const content = (await publishedScheme(tx, before.year)).content;
    await lockPeriodForWriting(tx, content, before.year, before.period);
    if (before.state !== 'pending' && before.state !== 'approved') throw conflict('只能撤销待审定或已审定通过的事项 (only pending or approved entries can be withdrawn)');
    if (before.version !== version) throw staleVersion('加扣分事项', before.version);
    const [after] = await tx.update(assessmentAdjustments).set({ state: 'withdrawn', decisionComment: comment, version: version + 1, updatedAt: new Date() })
      .where(and(eq(assessmentAdjustments.id, id), eq(assessmentAdjustments.version, version))).returning();
    if (!after) throw staleVersion('加扣分事项', version + 1);
    if (before.state === 'approved') await markRoundDataChanged(tx, content, before.year, before.period, 'adjustment.withdraw');
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'adjustment.withdraw', entityType: 'assessment_adjustment', entityId: id, before, after, requestId: ctx.requestId });
  });
  return one(db, id);
}
