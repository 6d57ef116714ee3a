import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, lt, max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginAttempts } from '../db/schema/index.ts';
import { tooManyRequests } from '../http/errors.ts';

// Kept in the database so that every server process counts the same attempts.
export const throttleWindowMs = 15 * 60_000;
export const maxFailuresPerAccount = 5;
export const maxFailuresPerAddress = 20;

/** Refuses a login attempt when the account or the address has failed too often lately. */
export async function assertLoginAllowed(db: Db, username: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - throttleWindowMs);
  const name = username.toLowerCase();
  // Failures count only after the account's last success, so a user who finally remembers
  // the password starts afresh.
  const [lastSuccess] = await db.select({ at: max(loginAttempts.at) }).from(loginAttempts)
    .where(and(eq(loginAttempts.username, name), eq(loginAttempts.succeeded, true)));
  const accountSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const [account] = await db.select({ n: count() }).from(loginAttempts)
    .where(and(eq(loginAttempts.username, name), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, accountSince)));
  if ((account?.n ?? 0) >= maxFailuresPerAccount) {
    throw tooManyRequests('登录失败次数过多，请15分钟后再试 (too many failed logins for this account; try again in 15 minutes)', throttleWindowMs / 1000);
  }
  const [address] = await db.select({ n: count() }).from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  if ((address?.n ?? 0) >= maxFailuresPerAddress) {
    throw tooManyRequests('此地址登录失败次数过多，请15分钟后再试 (too many failed logins from this address)', throttleWindowMs / 1000);
  }
}

export async function recordLoginAttempt(db: Db, username: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ id: randomUUID(), username: username.toLowerCase().slice(0, 64), ip, succeeded });
}

/** Attempts older than a day no longer count for anything. */
export async function purgeOldLoginAttempts(db: Db): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - 86_400_000)));
}
