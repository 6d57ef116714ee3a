import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const genesisHash = '0'.repeat(64);

/** The content of an audit row that its hash seals. */
export interface AuditContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string;
}

/**
 * hash = SHA-256(previous hash, newline, RFC 8785 canonical JSON of the row). Canonical JSON makes
 * the hash independent of how jsonb reorders keys, so a row read back hashes as it was written.
 */
export function auditHash(prevHash: string, row: AuditContent): string {
  const body = canonicalize({
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body ?? '').digest('hex');
}
