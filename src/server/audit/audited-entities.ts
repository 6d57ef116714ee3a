import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';

/** Decides whether an actor may read the history of one record of a type. */
export type HistoryReader = (db: Db, actor: Actor, entityId: string) => Promise<boolean> | boolean;

const readers = new Map<string, HistoryReader>();

/**
 * Each domain registers the entity types it audits, with the rule for reading their history
 * (whoever may read the record may read its history). The audit routes consult only this
 * registry, so a new domain needs no change in the audit module.
 */
export function registerAuditedEntity(entityType: string, mayRead: HistoryReader): void {
  readers.set(entityType, mayRead);
}

export function historyReader(entityType: string): HistoryReader | undefined {
  return readers.get(entityType);
}

export function auditedEntityTypes(): string[] {
  return [...readers.keys()].sort();
}
