import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

/** Serialises writers of the audit chain until the transaction ends (all server processes). The same key is taken by the database function audit_chain_head() (migration 0009). */
export async function lockAuditChain(tx: Tx | Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7263012)`);
}

/** Is the database answering? */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`SELECT 1`);
}
