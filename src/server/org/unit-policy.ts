// Who may do what to units and their contacts. Unit reporters see and change only their own unit;
// leaders read everything and change nothing.
import type { Actor } from '../auth/actor.ts';
import { hasRole } from '../auth/policy.ts';

export const unitPolicy = {
  /** May list every unit (reporters get only their own). */
  readAll: (actor: Actor) => actor.role !== 'unit_reporter',
  read: (actor: Actor, unitId: string) => actor.role !== 'unit_reporter' || actor.unitId === unitId,
  manage: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office'),
  manageContacts: (actor: Actor, unitId: string) =>
    hasRole(actor, 'admin', 'assessment_office') || (actor.role === 'unit_reporter' && actor.unitId === unitId),
};

export const categoryPolicy = {
  read: (_actor: Actor) => true,
  manage: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office'),
};
