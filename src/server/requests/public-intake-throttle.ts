// A limit on the public web form (POST /api/public/requests), per network address. Filings are
// counted in the database, so every server process counts the same ones; the count and the new
// row are written under a per-address advisory lock, so simultaneous filings from one address,
// in one process or several, cannot slip past the limit together. Behind a reverse proxy set
// TRUST_PROXY=true, or every citizen shares the proxy's address.
import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, lt, min, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { publicIntakeAttempts } from '../db/schema/index.ts';
import { tooManyRequests } from '../http/errors.ts';

export const publicIntakeWindowMs = 60 * 60_000;
/** Filings one address may make within the window: far above what one household files, far below a flood. */
export const maxPublicFilingsPerAddress = 20;
/** Namespace of the advisory locks (the two-key form; the second key is a hash of the address). */
const lockSpace = 7263013;

/** Counts a filing from `ip`, or refuses it with 429 when the address has filed too often lately. */
export async function admitPublicFiling(db: Db, ip: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - publicIntakeWindowMs);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${lockSpace}, hashtext(${ip}))`);
    const [recent] = await tx.select({ n: count(), first: min(publicIntakeAttempts.at) }).from(publicIntakeAttempts)
      .where(and(eq(publicIntakeAttempts.ip, ip), gt(publicIntakeAttempts.at, since)));
    if ((recent?.n ?? 0) >= maxPublicFilingsPerAddress) {
      const first = recent?.first ? new Date(recent.first) : now;
      const retryAfter = Math.max(1, Math.ceil((first.getTime() + publicIntakeWindowMs - now.getTime()) / 1000));
      throw tooManyRequests(
        `提交过于频繁：同一网络地址每小时最多提交 ${maxPublicFilingsPerAddress} 件诉求，请 ${Math.ceil(retryAfter / 60)} 分钟后再试，或拨打 12345 (too many requests from this address: at most ${maxPublicFilingsPerAddress} an hour; try again in ${Math.ceil(retryAfter / 60)} minutes or call 12345)`,
        retryAfter,
      );
    }
    await tx.insert(publicIntakeAttempts).values({ id: randomUUID(), ip, at: now });
  });
}

/** Filings older than a day count for nothing. Idempotent: several processes may run it at once. */
export async function purgeOldPublicFilings(db: Db, now = new Date()): Promise<void> {
  await db.delete(publicIntakeAttempts).where(lt(publicIntakeAttempts.at, new Date(now.getTime() - 86_400_000)));
}

/** Purges every hour while the server listens. */
export function startPublicFilingPurge(db: Db, onError: (error: unknown) => void): () => void {
  const run = () => purgeOldPublicFilings(db).catch(onError);
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
