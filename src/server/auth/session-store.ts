import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, units, users } from '../db/schema/index.ts';
import { isRole } from '../../core/auth/roles.ts';
import type { Actor } from './actor.ts';

/** A session ends after this long without a request… */
export const idleTimeoutMs = Number(process.env.SESSION_IDLE_MINUTES ?? 120) * 60_000;
/** …and in any case this long after login. */
export const absoluteTimeoutMs = 12 * 3_600_000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
const touchIntervalMs = 60_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: string, ip: string, userAgent: string): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await db.insert(sessions).values({
    id: tokenHash(token), userId, csrfToken, createdAt: now, lastSeenAt: now,
    expiresAt: new Date(now.getTime() + absoluteTimeoutMs), ip, userAgent: userAgent.slice(0, 300),
  });
  return { token, csrfToken };
}

/** The actor of a session cookie, or null when the session is unknown, expired or its user disabled. */
export async function findSessionActor(db: Db, token: string): Promise<Actor | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const id = tokenHash(token);
  const now = new Date();
  const [row] = await db.select({ session: sessions, user: users, unitName: units.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row || !row.user.active || !isRole(row.user.role)) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > idleTimeoutMs) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > touchIntervalMs) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    role: row.user.role,
    unitId: row.user.unitId,
    unitName: row.unitName,
    mustChangePassword: row.user.mustChangePassword,
    sessionId: id,
    csrfToken: row.session.csrfToken,
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (password reset, deactivation, role change). */
export async function deleteUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  await db.delete(sessions).where(exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
