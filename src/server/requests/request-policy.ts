// Who may do what to citizen requests. The hotline centre takes, dispatches, calls back and
// closes; the unit a request is dispatched to (and later leads it) answers it; co-handlers read
// it. Officials elsewhere read requests with the citizen masked; unit reporters see only the
// requests their unit handles, and others not at all (404).
import type { Actor } from '../auth/actor.ts';
import { hasRole } from '../auth/policy.ts';
import type { LifecycleRole } from '../../core/requests/lifecycle.ts';
import type { CitizenVisibility } from '../../core/requests/privacy.ts';

/** How a request relates to units: the one it is dispatched to or led by, co-handlers, earlier ones. */
export interface RequestUnits { leadUnitId: string | null; coHandlerIds: readonly string[]; dispatchedUnitIds: readonly string[] }

const handles = (actor: Actor, r: RequestUnits) =>
  actor.role === 'unit_reporter' && actor.unitId !== null && (actor.unitId === r.leadUnitId || r.coHandlerIds.includes(actor.unitId));

export const requestPolicy = {
  /** May read every request (with the citizen masked unless hotline). */
  readAll: (actor: Actor) => actor.role !== 'unit_reporter',
  read: (actor: Actor, r: RequestUnits) =>
    actor.role !== 'unit_reporter' || handles(actor, r) || (actor.unitId !== null && r.dispatchedUnitIds.includes(actor.unitId)),
  /** Take a request on the phone (or through the API as a call-taker). */
  create: (actor: Actor) => hasRole(actor, 'hotline_centre'),
  /** Import a batch of requests taken elsewhere (another system, a paper log). */
  importBatch: (actor: Actor) => hasRole(actor, 'admin', 'hotline_centre'),
  citizen: (actor: Actor, r: RequestUnits): CitizenVisibility =>
    actor.role === 'hotline_centre' || handles(actor, r) ? 'full' : 'masked',
  /** The parts this actor plays in the lifecycle of this request. */
  lifecycleRoles: (actor: Actor, r: RequestUnits): LifecycleRole[] => {
    const parts: LifecycleRole[] = [];
    if (actor.role === 'hotline_centre') parts.push('hotline');
    if (actor.role === 'unit_reporter' && actor.unitId !== null) {
      if (actor.unitId === r.leadUnitId) parts.push('assigned_unit');
      else if (r.coHandlerIds.includes(actor.unitId)) parts.push('co_handler');
    }
    return parts;
  },
  readRates: (_actor: Actor) => true,
  readHotspots: (actor: Actor) => actor.role !== 'unit_reporter',
};

export const catalogueServicePolicy = {
  read: (_actor: Actor) => true,
  manage: (actor: Actor) => hasRole(actor, 'admin', 'hotline_centre'),
};

/** Dispatch rules (category + street or town → unit): officials read them, the dispatchers and admin keep them. */
export const dispatchRulePolicy = {
  read: (actor: Actor) => actor.role !== 'unit_reporter',
  manage: (actor: Actor) => hasRole(actor, 'admin', 'hotline_centre'),
};

export const requestSettingsPolicy = {
  read: (_actor: Actor) => true,
  /** May change some of the settings: each party its own part. */
  manage: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office', 'hotline_centre'),
  /** The weights and the credit feed the assessment: set by the assessment office (and admin). */
  manageRates: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office'),
  /** Duplicate detection and the default time limits of each class run the hotline: the hotline centre (and admin). */
  manageOperations: (actor: Actor) => hasRole(actor, 'admin', 'hotline_centre'),
};

export const open311KeyPolicy = {
  manage: (actor: Actor) => hasRole(actor, 'admin'),
};
