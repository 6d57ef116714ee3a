// Keys of Open311 clients. A key is shown once at creation; only its SHA-256 is stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { open311ApiKeys } from '../../db/schema/index.ts';
import type { ActionContext, Actor } from '../../auth/actor.ts';
import { ensure } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/audit-trail.ts';
import { open311KeyPolicy } from '../request-policy.ts';
import { dbKey } from '../db-key.ts';
import { remembered } from '../process-cache.ts';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(db: Db, ctx: ActionContext, name: string): Promise<{ id: string; name: string; prefix: string; key: string }> {
  ensure(open311KeyPolicy.manage(ctx.actor), '只有系统管理员可以发放 Open311 密钥');
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  const id = randomUUID();
  const prefix = key.slice(0, 9);
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(open311ApiKeys).values({ id, name, keyHash: hashKey(key), prefix, createdBy: ctx.actor.id }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'open311_key.create', entityType: 'open311_key', entityId: id, before: null, after: { ...row, keyHash: '(hidden)' }, requestId: ctx.requestId });
  });
  return { id, name, prefix, key };
}

export async function listApiKeys(db: Db, actor: Actor) {
  ensure(open311KeyPolicy.manage(actor), '只有系统管理员可以查看 Open311 密钥');
  const rows = await db.select().from(open311ApiKeys).orderBy(desc(open311ApiKeys.createdAt));
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, active: r.active, createdAt: r.createdAt.toISOString() }));
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
