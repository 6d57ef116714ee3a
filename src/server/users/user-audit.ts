import { registerAuditedEntity } from '../audit/audited-entities.ts';
import { userPolicy } from './user-policy.ts';

/** An account's history: the administrator, and the user themself. */
export function registerUserHistoryReaders(): void {
  registerAuditedEntity('user', (_db, actor, id) => userPolicy.manage(actor) || actor.id === id);
}
