import type { Db } from '../db/client.ts';
import { purgeOldLoginAttempts } from './login-throttle.ts';
import { purgeExpiredSessions } from './session-store.ts';

/**
 * Clears expired sessions and stale login attempts every hour. Deleting is idempotent, so it is
 * harmless when several server processes do it at once.
 */
export function startHousekeeping(db: Db, onError: (error: unknown) => void): () => void {
  const run = () => Promise.all([purgeExpiredSessions(db), purgeOldLoginAttempts(db)]).catch(onError);
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
