// Who may read the history of request records. A request's audit records hold the citizen's name
// and phone unmasked, so only those who see the citizen may read them.
import { eq } from 'drizzle-orm';
import { registerAuditedEntity } from '../audit/audited-entities.ts';
import { citizenRequests } from '../db/schema/index.ts';
import { unitsOfRequest } from './lifecycle-service.ts';
import { catalogueServicePolicy, dispatchRulePolicy, open311KeyPolicy, requestPolicy, requestSettingsPolicy } from './request-policy.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerRequestHistoryReaders(): void {
  registerAuditedEntity('request', async (db, actor, id) => {
    if (!uuid.test(id)) return false;
    const [row] = await db.select({ leadUnitId: citizenRequests.leadUnitId }).from(citizenRequests).where(eq(citizenRequests.id, id));
    if (!row) return false;
    return requestPolicy.citizen(actor, await unitsOfRequest(db, id, row.leadUnitId)) === 'full';
  });
  registerAuditedEntity('request_service', (_db, actor) => catalogueServicePolicy.read(actor));
  registerAuditedEntity('request_settings', (_db, actor) => requestSettingsPolicy.read(actor));
  registerAuditedEntity('open311_key', (_db, actor) => open311KeyPolicy.manage(actor));
  registerAuditedEntity('dispatch_rule', (_db, actor) => dispatchRulePolicy.read(actor));
  // An import's record holds counts and the file's hash, no citizen.
  registerAuditedEntity('request_batch', (_db, actor) => requestPolicy.importBatch(actor));
}
