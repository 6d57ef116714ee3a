// Who may do what in the composite assessment. The office designs schemes, computes and publishes;
// reviewers approve or return what units submit; a unit reporter sees and changes only its own
// unit's reports and never another unit's unpublished data; leaders read and never change.
import type { Actor } from '../auth/actor.ts';
import { hasRole } from '../auth/policy.ts';
import type { SchemeNode } from '../../core/scheme/scheme.ts';

const office = (actor: Actor) => hasRole(actor, 'admin', 'assessment_office');
/** A reporter of the unit the scheme names as its statistics source (区统计局); no role of its own. */
const statisticsReporter = (actor: Actor, statisticsUnitId: string | null) =>
  actor.role === 'unit_reporter' && actor.unitId !== null && actor.unitId === statisticsUnitId;

export const schemePolicy = {
  /** Published schemes are the rules everyone works by; drafts are the office's work in progress. */
  readPublished: (_actor: Actor) => true,
  readDrafts: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office', 'reviewer', 'leader'),
  manage: office,
};

export const submissionPolicy = {
  /** Every unit's reports (review queues, bulk views). */
  readAll: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office', 'reviewer', 'leader'),
  read: (actor: Actor, unitId: string) => submissionPolicy.readAll(actor) || (actor.role === 'unit_reporter' && actor.unitId === unitId),
  /** Entering values and submitting is the unit's own job; the office may enter for it (bulk import). */
  edit: (actor: Actor, unitId: string) => office(actor) || (actor.role === 'unit_reporter' && actor.unitId === unitId),
  review: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office', 'reviewer'),
  /**
   * Bulk import of values for all units (批量导入): the office, and the statistics bureau — a
   * reporter bound to the unit that is the scheme's statistics source. `statisticsUnitId` is that
   * unit's id as the year's scheme names it (null when it names none).
   */
  bulkImport: (actor: Actor, statisticsUnitId: string | null) => office(actor) || statisticsReporter(actor, statisticsUnitId),
  /**
   * Which indicators: the office any; the statistics bureau only those whose data source it is.
   * Nobody imports those computed from 12345 data (data source `requests`).
   */
  bulkImportIndicator: (actor: Actor, statisticsUnitId: string | null, node: Pick<SchemeNode, 'dataSource'>) =>
    node.dataSource !== 'requests' && (office(actor) || (statisticsReporter(actor, statisticsUnitId) && node.dataSource === 'statistics')),
  /** An import job's progress: the office sees every job, anyone else only their own. */
  readImport: (actor: Actor, createdBy: string) => office(actor) || actor.id === createdBy,
};

export const adjustmentPolicy = {
  readAll: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office', 'reviewer', 'leader'),
  read: (actor: Actor, unitId: string) => adjustmentPolicy.readAll(actor) || (actor.role === 'unit_reporter' && actor.unitId === unitId),
  propose: office,
  /** Four eyes: whoever proposed an entry cannot approve it. */
  decide: (actor: Actor, proposedBy: string) => hasRole(actor, 'admin', 'assessment_office', 'reviewer') && actor.id !== proposedBy,
};

export const resultPolicy = {
  readPublished: (_actor: Actor) => true,
  /** Draft results hold every unit's unpublished scores: never for unit reporters. */
  readDrafts: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office', 'reviewer', 'leader'),
  /** The engine's inputs (every unit's values) feed the what-if panel. */
  readSnapshot: (actor: Actor) => hasRole(actor, 'admin', 'assessment_office', 'leader'),
  compute: office,
  publish: office,
};
