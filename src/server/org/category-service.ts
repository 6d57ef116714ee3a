import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { unitCategories, units } from '../db/schema/index.ts';
import type { categoryCreateBody, categoryUpdateBody, CategoryView } from '../../core/org/unit.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion } from '../http/errors.ts';
import { categoryPolicy } from './unit-policy.ts';

type CategoryRow = typeof unitCategories.$inferSelect;

const viewOf = (row: CategoryRow, unitCount: number): CategoryView => ({
  id: row.id, code: row.code, name: row.name, description: row.description, active: row.active, unitCount, version: row.version,
});

export async function listCategories(db: Db, actor: Actor): Promise<CategoryView[]> {
  ensure(categoryPolicy.read(actor), '不能查看考核类别');
  const rows = await db.select({ category: unitCategories, n: count(units.id) }).from(unitCategories)
    .leftJoin(units, and(eq(units.categoryId, unitCategories.id), eq(units.active, true)))
    .groupBy(unitCategories.id).orderBy(asc(unitCategories.code));
  return rows.map((r) => viewOf(r.category, r.n));
}

export async function createCategory(db: Db, ctx: ActionContext, body: z.infer<typeof categoryCreateBody>): Promise<CategoryView> {
  ensure(categoryPolicy.manage(ctx.actor), '只有系统管理员和考核办可以管理考核类别');
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: unitCategories.id }).from(unitCategories).where(eq(unitCategories.code, body.code));
    if (existing) throw conflict(`类别代码 ${body.code} 已存在 (category code already in use)`, { field: 'code' });
    const [row] = await tx.insert(unitCategories).values({ id: randomUUID(), code: body.code, name: body.name, description: body.description ?? '' }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'category.create', entityType: 'category', entityId: row!.id, before: null, after: row, requestId: ctx.requestId });
    return viewOf(row!, 0);
  });
}

export async function updateCategory(db: Db, ctx: ActionContext, id: string, body: z.infer<typeof categoryUpdateBody>): Promise<CategoryView> {
  ensure(categoryPolicy.manage(ctx.actor), '只有系统管理员和考核办可以管理考核类别');
  const { version, ...change } = body;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(unitCategories).where(eq(unitCategories.id, id));
    if (!before) throw notFound('考核类别');
    if (before.version !== version) throw staleVersion('考核类别', before.version);
    const [after] = await tx.update(unitCategories).set({ ...change, version: version + 1, updatedAt: new Date() })
      .where(and(eq(unitCategories.id, id), eq(unitCategories.version, version))).returning();
    if (!after) throw staleVersion('考核类别', version + 1);
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'category.update', entityType: 'category', entityId: id, before, after, requestId: ctx.requestId });
    const [n] = await tx.select({ n: count() }).from(units).where(and(eq(units.categoryId, id), eq(units.active, true)));
    return viewOf(after, n?.n ?? 0);
  });
}
