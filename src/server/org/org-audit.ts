import { registerAuditedEntity } from '../audit/audited-entities.ts';
import { contactUnitId } from './contact-service.ts';
import { categoryPolicy, unitPolicy } from './unit-policy.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Units, categories and contacts: whoever may read the record may read its history. */
export function registerOrgHistoryReaders(): void {
  registerAuditedEntity('unit', (_db, actor, id) => unitPolicy.read(actor, id));
  registerAuditedEntity('category', (_db, actor) => categoryPolicy.read(actor));
  registerAuditedEntity('contact', async (db, actor, id) => {
    if (!uuid.test(id)) return false;
    const unitId = await contactUnitId(db, id);
    return unitId !== null && unitPolicy.read(actor, unitId);
  });
}
