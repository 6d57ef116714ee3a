import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { units, users } from '../db/schema/index.ts';
import type { userCreateBody, userUpdateBody, UserView } from '../../core/auth/schemas.ts';
import type { Role } from '../../core/auth/roles.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/session-store.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { userPolicy } from './user-policy.ts';

type UserRow = typeof users.$inferSelect;

/** What the audit trail keeps of a user: never the password hash. */
const auditable = ({ passwordHash: _hash, ...rest }: UserRow) => rest;

const viewOf = (r: UserRow, unitName: string | null): UserView => ({
  id: r.id, username: r.username, displayName: r.displayName, role: r.role as Role, unitId: r.unitId, unitName,
  active: r.active, mustChangePassword: r.mustChangePassword, version: r.version,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

export async function listUsers(db: Db, actor: Actor): Promise<UserView[]> {
  ensure(userPolicy.manage(actor), '只有系统管理员可以管理账号');
  const rows = await db.select({ user: users, unitName: units.name }).from(users)
    .leftJoin(units, eq(units.id, users.unitId)).orderBy(asc(users.role), asc(users.username));
  return rows.map((r) => viewOf(r.user, r.unitName));
}

/** A unit reporter needs exactly one active unit; every other role has none. */
async function assertUnitBinding(db: Db, role: Role, unitId: string | null | undefined): Promise<string | null> {
  if (role !== 'unit_reporter') {
    if (unitId) throw unprocessable('只有单位填报员绑定单位 (only unit reporters are bound to a unit)', { field: 'unitId' });
    return null;
  }
  if (!unitId) throw unprocessable('单位填报员必须绑定一个单位 (a unit reporter needs a unit)', { field: 'unitId' });
  const [unit] = await db.select({ active: units.active }).from(units).where(eq(units.id, unitId));
  if (!unit || !unit.active) throw unprocessable('绑定的单位不存在或已停用 (unknown or inactive unit)', { field: 'unitId' });
  return unitId;
}

export interface NewUser extends z.infer<typeof userCreateBody> {
  /** Demo and CLI accounts may skip the first-login password change. */
  mustChangePassword?: boolean;
}

export async function createUser(db: Db, ctx: ActionContext | null, body: NewUser): Promise<UserView> {
  if (ctx) ensure(userPolicy.manage(ctx.actor), '只有系统管理员可以创建账号');
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    const unitId = await assertUnitBinding(tx, body.role, body.unitId);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, body.username.toLowerCase()));
    if (existing) throw conflict(`用户名 ${body.username} 已被使用 (username taken)`, { field: 'username' });
    const [row] = await tx.insert(users).values({
      id: randomUUID(), username: body.username, displayName: body.displayName, role: body.role, unitId, passwordHash,
      mustChangePassword: body.mustChangePassword ?? true,
    }).returning();
    await recordAudit(tx, { actorId: ctx?.actor.id ?? null, actorName: ctx?.actor.displayName ?? 'system', action: 'user.create', entityType: 'user', entityId: row!.id, before: null, after: auditable(row!), requestId: ctx?.requestId ?? '' });
    const [unit] = unitId ? await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId)) : [];
    return viewOf(row!, unit?.name ?? null);
  });
}

export async function updateUser(db: Db, ctx: ActionContext, id: string, body: z.infer<typeof userUpdateBody>): Promise<UserView> {
  ensure(userPolicy.manage(ctx.actor), '只有系统管理员可以修改账号');
  const { version, ...change } = body;
  if (id === ctx.actor.id && (change.active === false || (change.role && change.role !== 'admin'))) {
    throw unprocessable('不能停用自己或取消自己的管理员角色 (you cannot lock yourself out)');
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id));
    if (!before) throw notFound('账号');
    if (before.version !== version) throw staleVersion('账号', before.version);
    const role = (change.role ?? before.role) as Role;
    const unitId = await assertUnitBinding(tx, role, change.unitId === undefined ? before.unitId : change.unitId);
    const [after] = await tx.update(users).set({ ...change, unitId, version: version + 1, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, version))).returning();
    if (!after) throw staleVersion('账号', version + 1);
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'user.update', entityType: 'user', entityId: id, before: auditable(before), after: auditable(after), requestId: ctx.requestId });
    // A user whose powers shrink or who is disabled must not keep acting through an open session.
    if (after.active !== before.active || after.role !== before.role || after.unitId !== before.unitId) {
      await deleteUserSessions(tx, id);
    }
    const [unit] = after.unitId ? await tx.select({ name: units.name }).from(units).where(eq(units.id, after.unitId)) : [];
    return viewOf(after, unit?.name ?? null);
  });
}

/**
 * Sets a password. By an administrator (or the CLI): the user must change it at next login and
 * every open session ends. By the user themself: the current session stays.
 */
export async function setPassword(db: Db, ctx: ActionContext | null, userId: string, password: string, byOwner = false): Promise<void> {
  if (ctx && !byOwner) ensure(userPolicy.manage(ctx.actor), '只有系统管理员可以重置密码');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId));
    if (!before) throw notFound('账号');
    const [after] = await tx.update(users).set({ passwordHash, mustChangePassword: !byOwner, version: before.version + 1, updatedAt: new Date() })
      .where(eq(users.id, userId)).returning();
    await recordAudit(tx, { actorId: ctx?.actor.id ?? null, actorName: ctx?.actor.displayName ?? 'system', action: byOwner ? 'user.change_password' : 'user.reset_password', entityType: 'user', entityId: userId, before: auditable(before), after: auditable(after!), requestId: ctx?.requestId ?? '' });
    await deleteUserSessions(tx, userId, byOwner ? ctx?.actor.sessionId : undefined);
  });
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  return row;
}
