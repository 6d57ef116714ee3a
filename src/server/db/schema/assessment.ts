// Tables of the composite assessment: schemes and their versions, what units report (submissions
// and their values, evidence), bonus/penalty/veto entries, computed results and import jobs.
import { sql } from 'drizzle-orm';
import {
  boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { units, users } from './platform.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const stamps = { createdAt: at('created_at').notNull().defaultNow(), updatedAt: at('updated_at').notNull().defaultNow() };

/** One version of a year's scheme. A published version is frozen; a change makes the next version. */
export const assessmentSchemes = pgTable('assessment_schemes', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  schemeVersion: integer('scheme_version').notNull(),
  name: text('name').notNull(),
  /** draft → published → superseded (by the next published version). */
  status: text('status').notNull(),
  /** Why this version exists (empty for the first). */
  reason: text('reason').notNull().default(''),
  basedOnId: uuid('based_on_id'),
  content: jsonb('content').notNull(),
  publishedAt: at('published_at'),
  publishedBy: uuid('published_by').references(() => users.id),
  version: integer('version').notNull().default(1),
  ...stamps,
}, (t) => [uniqueIndex('assessment_schemes_year_version_key').on(t.year, t.schemeVersion)]);

/** What one unit reports for one period of a year (填报), and where its review stands. */
export const assessmentSubmissions = pgTable('assessment_submissions', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  period: text('period').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  /** draft → submitted → approved | returned → submitted … */
  state: text('state').notNull().default('draft'),
  submittedAt: at('submitted_at'),
  /** Submitted after the period's deadline (the first submission counts). */
  late: boolean('late').notNull().default(false),
  reviewComment: text('review_comment').notNull().default(''),
  reviewedBy: uuid('reviewed_by').references(() => users.id),
  reviewedAt: at('reviewed_at'),
  returnedCount: integer('returned_count').notNull().default(0),
  version: integer('version').notNull().default(1),
  ...stamps,
}, (t) => [
  uniqueIndex('assessment_submissions_key').on(t.year, t.period, t.unitId),
  index('assessment_submissions_state_idx').on(t.year, t.period, t.state),
]);

/** The value of one indicator in a submission (指标数据), at full precision. */
export const assessmentObservations = pgTable('assessment_observations', {
  submissionId: uuid('submission_id').notNull().references(() => assessmentSubmissions.id),
  indicatorCode: text('indicator_code').notNull(),
  value: doublePrecision('value'),
  note: text('note').notNull().default(''),
  updatedAt: at('updated_at').notNull().defaultNow(),
  /**
   * When this value was handed in: stamped by the first submission after it last changed, cleared
   * when it changes. Review flags a value handed in after its own indicator's deadline as late.
   */
  submittedAt: at('submitted_at'),
}, (t) => [primaryKey({ columns: [t.submissionId, t.indicatorCode] })]);

/** Bonus, penalty and veto entries (加分/扣分/一票否决), each approved on its own. */
export const assessmentAdjustments = pgTable('assessment_adjustments', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  /** The period whose ranking it affects; every adjustment of the year counts in the year's result. */
  period: text('period').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  kind: text('kind').notNull(),
  item: text('item').notNull(),
  points: doublePrecision('points').notNull().default(0),
  reason: text('reason').notNull(),
  /** pending → approved | rejected; pending or approved → withdrawn (by the office, with a reason) */
  state: text('state').notNull().default('pending'),
  proposedBy: uuid('proposed_by').notNull().references(() => users.id),
  decidedBy: uuid('decided_by').references(() => users.id),
  decisionComment: text('decision_comment').notNull().default(''),
  version: integer('version').notNull().default(1),
  ...stamps,
}, (t) => [index('assessment_adjustments_year_idx').on(t.year, t.period, t.state)]);

/**
 * Evidence files (佐证材料), kept in the database rather than on disk: they are then in every
 * backup, shared by all server processes, and written in the same transaction as the entry.
 */
export const assessmentEvidence = pgTable('assessment_evidence', {
  id: uuid('id').primaryKey(),
  submissionId: uuid('submission_id').references(() => assessmentSubmissions.id),
  adjustmentId: uuid('adjustment_id').references(() => assessmentAdjustments.id),
  indicatorCode: text('indicator_code'),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by').notNull().references(() => users.id),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [index('assessment_evidence_submission_idx').on(t.submissionId), index('assessment_evidence_adjustment_idx').on(t.adjustmentId)]);

/** A computed result of one round (a period's 季季评, or YEAR); frozen once published. */
export const assessmentResults = pgTable('assessment_results', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  round: text('round').notNull(),
  schemeId: uuid('scheme_id').notNull().references(() => assessmentSchemes.id),
  status: text('status').notNull(),
  /** Everything the engine ran on: scheme version, runs (input + spec per category), engine version. */
  snapshot: jsonb('snapshot').notNull(),
  outcome: jsonb('outcome').notNull(),
  /** SHA-256 of the canonical JSON of the outcome, to prove a recomputation identical. */
  outcomeHash: text('outcome_hash').notNull(),
  engineVersion: text('engine_version').notNull(),
  computedBy: uuid('computed_by').notNull().references(() => users.id),
  computedAt: at('computed_at').notNull().defaultNow(),
  publishedBy: uuid('published_by').references(() => users.id),
  publishedAt: at('published_at'),
  version: integer('version').notNull().default(1),
  /**
   * The round's data version (assessment_round_versions) read before the snapshot was built: a
   * draft whose round has a later version is stale. Null for results computed before versions.
   */
  dataVersion: integer('data_version'),
}, (t) => [uniqueIndex('assessment_results_round_key').on(t.year, t.round)]);

/**
 * The version of the data each round (a period, or YEAR) is computed from: raised, in the same
 * transaction, by every change of what a computation reads — approved values, approved
 * adjustments — so a draft result computed from an earlier version is known to be stale.
 */
export const assessmentRoundVersions = pgTable('assessment_round_versions', {
  year: integer('year').notNull(),
  round: text('round').notNull(),
  version: integer('version').notNull().default(0),
  changedAt: at('changed_at').notNull().defaultNow(),
  /** The audit action of the last change (submission.approve, submission.import, adjustment.approve…). */
  action: text('action').notNull(),
}, (t) => [primaryKey({ columns: [t.year, t.round] })]);

/** A bulk import of values by the office, with progress the browser polls. */
export const assessmentImportJobs = pgTable('assessment_import_jobs', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  period: text('period').notNull(),
  status: text('status').notNull(),
  total: integer('total').notNull().default(0),
  done: integer('done').notNull().default(0),
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: at('created_at').notNull().defaultNow(),
  finishedAt: at('finished_at'),
});
