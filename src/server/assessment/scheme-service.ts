// The year's scheme (考核方案): drafted, published and then frozen. A change to a published scheme
// is a new version with its reason; the old version stays, marked superseded, for the results
// computed under it.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { assessmentSchemes } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import {
  schemeContent, schemeProblems, type schemeCreateBody, type SchemeContent, type SchemeStatus, type SchemeSummary, type SchemeView,
} from '../../core/scheme/scheme.ts';
import { schemePolicy } from './assessment-policy.ts';
import { assertStatisticsUnit } from './unit-scope.ts';

type SchemeRow = typeof assessmentSchemes.$inferSelect;

function summaryOf(row: SchemeRow): SchemeSummary {
  return {
    id: row.id, year: row.year, name: row.name, schemeVersion: row.schemeVersion, status: row.status as SchemeStatus,
    reason: row.reason, basedOnId: row.basedOnId, publishedAt: row.publishedAt?.toISOString() ?? null, version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

export const schemeViewOf = (row: SchemeRow): SchemeView => ({ ...summaryOf(row), content: row.content as SchemeContent });

/** Refuses a scheme whose tree does not hold together, naming each problem's place. */
export function assertSchemeSound(content: SchemeContent): void {
  const problems = schemeProblems(content);
  if (problems.length) throw unprocessable(`考核方案有 ${problems.length} 处错误：${problems[0]!.message} (scheme is inconsistent)`, { problems });
}

const audit = (tx: Tx, ctx: ActionContext, action: string, id: string, before: unknown, after: unknown) =>
  recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action, entityType: 'assessment_scheme', entityId: id, before, after, requestId: ctx.requestId });

export async function listSchemes(db: Db, actor: Actor): Promise<SchemeSummary[]> {
  const rows = await db.select().from(assessmentSchemes).orderBy(desc(assessmentSchemes.year), desc(assessmentSchemes.schemeVersion));
  return rows.filter((r) => r.status !== 'draft' || schemePolicy.readDrafts(actor)).map(summaryOf);
}

async function loadScheme(db: Db | Tx, id: string): Promise<SchemeRow> {
  const [row] = await db.select().from(assessmentSchemes).where(eq(assessmentSchemes.id, id));
  if (!row) throw notFound('考核方案');
  return row;
}

export async function getScheme(db: Db, actor: Actor, id: string): Promise<SchemeView> {
  const row = await loadScheme(db, id);
  if (row.status === 'draft' && !schemePolicy.readDrafts(actor)) throw notFound('考核方案');
  return schemeViewOf(row);
}

/** The version in force for a year: the latest published one. */
export async function publishedScheme(db: Db | Tx, year: number): Promise<SchemeView> {
  const [row] = await db.select().from(assessmentSchemes)
    .where(and(eq(assessmentSchemes.year, year), eq(assessmentSchemes.status, 'published')))
    .orderBy(desc(assessmentSchemes.schemeVersion)).limit(1);
  if (!row) throw unprocessable(`${year} 年度考核方案尚未发布 (no published scheme for ${year})`);
  return schemeViewOf(row);
}

async function nextVersion(tx: Tx, year: number): Promise<number> {
  const [last] = await tx.select({ v: assessmentSchemes.schemeVersion }).from(assessmentSchemes)
    .where(eq(assessmentSchemes.year, year)).orderBy(desc(assessmentSchemes.schemeVersion)).limit(1);
  return (last?.v ?? 0) + 1;
}

async function assertNoOpenDraft(tx: Tx, year: number): Promise<void> {
  const [draft] = await tx.select({ id: assessmentSchemes.id }).from(assessmentSchemes)
    .where(and(eq(assessmentSchemes.year, year), eq(assessmentSchemes.status, 'draft')));
  if (draft) throw conflict(`${year} 年度已有草稿版本，请先编辑或发布它 (a draft for the year already exists)`, { schemeId: draft.id });
}

/** Creates a draft (also how a scheme exported as JSON is imported). */
export async function createScheme(db: Db, ctx: ActionContext, body: z.infer<typeof schemeCreateBody>, basedOn: { id: string; reason: string } | null = null): Promise<SchemeView> {
  ensure(schemePolicy.manage(ctx.actor), '只有考核办可以制定考核方案');
  assertSchemeSound(body.content);
  await assertStatisticsUnit(db, body.content);
  return db.transaction(async (tx) => {
    await assertNoOpenDraft(tx, body.year);
    const [row] = await tx.insert(assessmentSchemes).values({
      id: randomUUID(), year: body.year, schemeVersion: await nextVersion(tx, body.year), name: body.name, status: 'draft',
      reason: basedOn?.reason ?? '', basedOnId: basedOn?.id ?? null, content: body.content,
    }).returning();
    await audit(tx, ctx, 'scheme.create', row!.id, null, row);
    return schemeViewOf(row!);
  });
}

export async function updateScheme(db: Db, ctx: ActionContext, id: string, version: number, change: { name?: string | undefined; content?: SchemeContent | undefined }): Promise<SchemeView> {
  ensure(schemePolicy.manage(ctx.actor), '只有考核办可以修改考核方案');
  if (change.content) {
    assertSchemeSound(change.content);
    await assertStatisticsUnit(db, change.content);
  }
  return db.transaction(async (tx) => {
    const before = await loadScheme(tx, id);
    if (before.status !== 'draft') throw conflict('已发布的考核方案不能修改，请新建版本并说明理由 (a published scheme is frozen; revise it)');
    if (before.version !== version) throw staleVersion('考核方案', before.version);
    const [after] = await tx.update(assessmentSchemes).set({
      ...(change.name ? { name: change.name } : {}), ...(change.content ? { content: change.content } : {}),
      version: version + 1, updatedAt: new Date(),
    }).where(and(eq(assessmentSchemes.id, id), eq(assessmentSchemes.version, version))).returning();
    if (!after) throw staleVersion('考核方案', version + 1);
    await audit(tx, ctx, 'scheme.update', id, before, after);
    return schemeViewOf(after);
  });
}

export async function publishScheme(db: Db, ctx: ActionContext, id: string, version: number): Promise<SchemeView> {
  ensure(schemePolicy.manage(ctx.actor), '只有考核办可以发布考核方案');
  return db.transaction(async (tx) => {
    const before = await loadScheme(tx, id);
    if (before.status !== 'draft') throw conflict('该版本已发布 (already published)');
    if (before.version !== version) throw staleVersion('考核方案', before.version);
    // Re-validate: the stored content was checked when saved, but the rules may have grown since.
    assertSchemeSound(schemeContent.parse(before.content));
    const superseded = await tx.update(assessmentSchemes).set({ status: 'superseded', version: sqlVersionBump(), updatedAt: new Date() })
      .where(and(eq(assessmentSchemes.year, before.year), eq(assessmentSchemes.status, 'published'))).returning({ id: assessmentSchemes.id });
    const [after] = await tx.update(assessmentSchemes).set({ status: 'published', publishedAt: new Date(), publishedBy: ctx.actor.id, version: version + 1, updatedAt: new Date() })
      .where(eq(assessmentSchemes.id, id)).returning();
    await audit(tx, ctx, 'scheme.publish', id, before, { ...after, superseded: superseded.map((s) => s.id) });
    return schemeViewOf(after!);
  });
}

const sqlVersionBump = () => sql`${assessmentSchemes.version} + 1`;

/** A change to a published scheme: a new draft version carrying the reason. */
export async function reviseScheme(db: Db, ctx: ActionContext, id: string, version: number, reason: string): Promise<SchemeView> {
  const source = await loadScheme(db, id);
  if (source.status === 'draft') throw conflict('草稿可直接修改，无需新建版本 (a draft is edited directly)');
  if (source.version !== version) throw staleVersion('考核方案', source.version);
  return createScheme(db, ctx, { year: source.year, name: source.name, content: schemeContent.parse(source.content) }, { id, reason });
}

/** Starts a new year from the last published scheme of an earlier year; deadlines move by the years between. */
export async function copyScheme(db: Db, ctx: ActionContext, id: string, year: number): Promise<SchemeView> {
  const source = await loadScheme(db, id);
  if (source.status === 'draft' && !schemePolicy.readDrafts(ctx.actor)) throw notFound('考核方案');
  if (year <= source.year) throw unprocessable('只能复制到以后的年度 (copy to a later year)', { field: 'year' });
  const content = schemeContent.parse(source.content);
  const shift = year - source.year;
  const periods = content.periods.map((p) => ({ ...p, deadline: `${Number(p.deadline.slice(0, 4)) + shift}${p.deadline.slice(4)}` }));
  const name = source.name.replaceAll(String(source.year), String(year));
  return createScheme(db, ctx, { year, name, content: { ...content, periods } }, { id, reason: `复制自 ${source.year} 年度方案第 ${source.schemeVersion} 版` });
}
