// Keys of Open311 clients. A key is shown once at creation; only its SHA-256 is stored. A revoked
// key is refused at once by this process and within 30 s by the others (they remember keys).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { open311ApiKeys } from '../../db/schema/index.ts';
import type { ActionContext, Actor } from '../../auth/actor.ts';
import { ensure } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/audit-trail.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { open311KeyPolicy } from '../request-policy.ts';
import { dbKey } from '../db-key.ts';
import { forgetAll, remembered } from '../process-cache.ts';

type KeyRow = typeof open311ApiKeys.$inferSelect;
export interface ApiKeyView { id: string; name: string; prefix: string; active: boolean; createdAt: string; revokedAt: string | null }

const viewOf = (r: KeyRow): ApiKeyView => ({ id: r.id, name: r.name, prefix: r.prefix, active: r.active, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null });
/** What the audit trail keeps of a key: never its hash. */
const audited = (r: KeyRow) => ({ ...r, keyHash: '(hidden)' });

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(db: Db, ctx: ActionContext, name: string): Promise<{ id: string; name: string; prefix: string; key: string }> {
  ensure(open311KeyPolicy.manage(ctx.actor), '只有系统管理员可以发放 Open311 密钥');
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  const id = randomUUID();
  const prefix = key.slice(0, 9);
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(open311ApiKeys).values({ id, name, keyHash: hashKey(key), prefix, createdBy: ctx.actor.id }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'open311_key.create', entityType: 'open311_key', entityId: id, before: null, after: audited(row!), requestId: ctx.requestId });
  });
  return { id, name, prefix, key };
}

export async function listApiKeys(db: Db, actor: Actor): Promise<ApiKeyView[]> {
  ensure(open311KeyPolicy.manage(actor), '只有系统管理员可以查看 Open311 密钥');
  const rows = await db.select().from(open311ApiKeys).orderBy(desc(open311ApiKeys.createdAt));
  return rows.map(viewOf);
}

/** Revokes a key for good: clients using it are refused from now on. */
export async function revokeApiKey(db: Db, ctx: ActionContext, id: string): Promise<ApiKeyView> {
  ensure(open311KeyPolicy.manage(ctx.actor), '只有系统管理员可以吊销 Open311 密钥');
  const after = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(open311ApiKeys).where(eq(open311ApiKeys.id, id)).for('update');
    if (!before) throw notFound('Open311 密钥');
    if (!before.active) throw conflict('该密钥已吊销 (the key is already revoked)');
    const [row] = await tx.update(open311ApiKeys).set({ active: false, revokedAt: new Date(), revokedBy: ctx.actor.id })
      .where(eq(open311ApiKeys.id, id)).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'open311_key.revoke', entityType: 'open311_key', entityId: id, before: audited(before), after: audited(row!), requestId: ctx.requestId });
    return row!;
  });
  // After the commit, so that no request in between remembers the key as valid again.
  forgetAll();
  return viewOf(after);
}

/** The key's id when it is known and active. */
export async function findApiKey(db: Db, key: string): Promise<string | null> {
  if (key.length > 200) return null;
  // A known key is remembered for 30 s; a revoked key stops working within that time.
  return remembered(`api-key:${dbKey(db)}:${hashKey(key)}`, 30_000, () => lookUpKey(db, key));
}

async function lookUpKey(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select({ id: open311ApiKeys.id }).from(open311ApiKeys)
    .where(and(eq(open311ApiKeys.keyHash, hashKey(key)), eq(open311ApiKeys.active, true)));
  return row?.id ?? null;
}
