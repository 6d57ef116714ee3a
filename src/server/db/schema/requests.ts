// Tables of citizen requests (接诉即办): the catalogue, the requests and their history, deadlines
// and warnings, callbacks, the monthly rollup the rates are read from, and Open311 API keys.
import { sql } from 'drizzle-orm';
import {
  boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { units, users } from './platform.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const requestServices = pgTable('request_services', {
  id: uuid('id').primaryKey(),
  /** The Open311 service_code. */
  code: text('code').notNull(),
  name: text('name').notNull(),
  parentId: uuid('parent_id'),
  description: text('description').notNull().default(''),
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  pinyinInitials: text('pinyin_initials').notNull().default(''),
  responsibleKind: text('responsible_kind').notNull(),
  defaultUnitId: uuid('default_unit_id').references(() => units.id),
  slaClass: text('sla_class').notNull(),
  /** The category's own limits; null: the default of its class (request_settings.class_limits). */
  responseAmount: real('response_amount'),
  responseUnit: text('response_unit'),
  resolutionAmount: real('resolution_amount'),
  resolutionUnit: text('resolution_unit'),
  callbackRequired: boolean('callback_required').notNull().default(true),
  attributes: jsonb('attributes').$type<unknown[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('request_services_code_key').on(t.code)]);

/** Centre points of the streets and towns, to tell which one a coordinate falls in. */
export const requestAreas = pgTable('request_areas', {
  divisionCode: text('division_code').primaryKey(),
  name: text('name').notNull(),
  lat: doublePrecision('lat').notNull(),
  lon: doublePrecision('lon').notNull(),
});

/** Category + place → unit. A rule with a null column matches any value of it. */
export const dispatchRules = pgTable('dispatch_rules', {
  id: uuid('id').primaryKey(),
  serviceId: uuid('service_id').references(() => requestServices.id),
  divisionCode: text('division_code'),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const citizenRequests = pgTable('citizen_requests', {
  id: uuid('id').primaryKey(),
  /** Tracking number given to the citizen and used as Open311 service_request_id. */
  code: text('code').notNull(),
  serviceId: uuid('service_id').notNull().references(() => requestServices.id),
  status: text('status').notNull(),
  channel: text('channel').notNull(),
  description: text('description').notNull(),
  address: text('address').notNull().default(''),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  divisionCode: text('division_code'),
  citizenName: text('citizen_name').notNull().default(''),
  citizenPhone: text('citizen_phone').notNull().default(''),
  attributes: jsonb('attributes'),
  mediaUrl: text('media_url'),
  /** Words of the description, segmented once at intake, for similarity. */
  keywords: text('keywords').notNull().default(''),
  /** The unit the request is dispatched to, and once accepted the unit that leads it (首接负责). */
  leadUnitId: uuid('lead_unit_id').references(() => units.id),
  reply: text('reply'),
  duplicateOfId: uuid('duplicate_of_id'),
  receivedAt: instant('received_at').notNull(),
  dispatchedAt: instant('dispatched_at'),
  acceptedAt: instant('accepted_at'),
  repliedAt: instant('replied_at'),
  closedAt: instant('closed_at'),
  responseDueAt: instant('response_due_at'),
  resolutionDueAt: instant('resolution_due_at'),
  apiKeyId: uuid('api_key_id'),
  idempotencyKey: text('idempotency_key'),
  version: integer('version').notNull().default(1),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('citizen_requests_code_key').on(t.code),
  uniqueIndex('citizen_requests_idempotency_key').on(t.apiKeyId, t.idempotencyKey),
  index('citizen_requests_received_idx').on(t.receivedAt),
  index('citizen_requests_service_received_idx').on(t.serviceId, t.receivedAt),
  // Duplicate check by address of a located request: only the (few) requests without coordinates.
  // Duplicate check near a point: the open requests of a category in the band of latitude
  // around it, then its box from the index alone (function intake_nearby_open, migration 0010).
  index('citizen_requests_nearby_idx').on(t.serviceId, t.lat, t.lon).where(sql`${t.lat} IS NOT NULL AND ${t.status} <> 'closed'`),
  index('citizen_requests_unlocated_idx').on(t.serviceId, t.receivedAt).where(sql`${t.lat} IS NULL`),
  index('citizen_requests_lead_received_idx').on(t.leadUnitId, t.receivedAt),
  index('citizen_requests_division_received_idx').on(t.divisionCode, t.receivedAt),
  // The overdue list of a unit: only requests still owed a reply are in this index.
  index('citizen_requests_owed_idx').on(t.leadUnitId, t.resolutionDueAt)
    .where(sql`${t.repliedAt} IS NULL AND ${t.status} IN ('dispatched','accepted','in_progress','reopened')`),
]);

export const requestCoHandlers = pgTable('request_co_handlers', {
  requestId: uuid('request_id').notNull().references(() => citizenRequests.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  addedAt: instant('added_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.requestId, t.unitId] }), index('request_co_handlers_unit_idx').on(t.unitId)]);

/** Every step of every request, timestamped (全程留痕); also in the audit trail. */
export const requestSteps = pgTable('request_steps', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull().references(() => citizenRequests.id),
  event: text('event').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  unitId: uuid('unit_id'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  note: text('note').notNull().default(''),
  at: instant('at').notNull(),
}, (t) => [index('request_steps_request_idx').on(t.requestId, t.at)]);

/** Each dispatch to a unit, and whether the unit answered in time: the response rate counts these. */
export const requestDispatches = pgTable('request_dispatches', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull().references(() => citizenRequests.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  dispatchedAt: instant('dispatched_at').notNull(),
  responseDueAt: instant('response_due_at').notNull(),
  respondedAt: instant('responded_at'),
  outcome: text('outcome'),
}, (t) => [index('request_dispatches_request_idx').on(t.requestId), index('request_dispatches_unit_idx').on(t.unitId, t.dispatchedAt)]);

export const requestExtensions = pgTable('request_extensions', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull().references(() => citizenRequests.id),
  amount: real('amount').notNull(),
  unit: text('unit').notNull(),
  reason: text('reason').notNull(),
  status: text('status').notNull(),
  requestedAt: instant('requested_at').notNull(),
  decidedAt: instant('decided_at'),
  decidedBy: uuid('decided_by').references(() => users.id),
}, (t) => [index('request_extensions_request_idx').on(t.requestId)]);

export const requestCallbacks = pgTable('request_callbacks', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull().references(() => citizenRequests.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  resolved: boolean('resolved').notNull(),
  satisfaction: text('satisfaction').notNull(),
  note: text('note').notNull().default(''),
  at: instant('at').notNull(),
}, (t) => [index('request_callbacks_request_idx').on(t.requestId), index('request_callbacks_unit_idx').on(t.unitId, t.at)]);

/**
 * Alarms of the deadline worker: one row per (request, kind, due time). A worker claims due rows
 * with FOR UPDATE SKIP LOCKED, so with several processes each alarm fires exactly once.
 */
export const requestAlarms = pgTable('request_alarms', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull().references(() => citizenRequests.id),
  kind: text('kind').notNull(),
  dueAt: instant('due_at').notNull(),
  fireAt: instant('fire_at').notNull(),
  firedAt: instant('fired_at'),
  cancelledAt: instant('cancelled_at'),
}, (t) => [
  uniqueIndex('request_alarms_key').on(t.requestId, t.kind, t.dueAt),
  index('request_alarms_pending_idx').on(t.fireAt).where(sql`${t.firedAt} IS NULL AND ${t.cancelledAt} IS NULL`),
]);

/** Warnings raised to units (临近提醒 / 超期). The unique key is the last guard against doubles. */
export const requestWarnings = pgTable('request_warnings', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull().references(() => citizenRequests.id),
  unitId: uuid('unit_id'),
  kind: text('kind').notNull(),
  dueAt: instant('due_at').notNull(),
  raisedAt: instant('raised_at').notNull(),
  raisedBy: text('raised_by').notNull().default(''),
}, (t) => [uniqueIndex('request_warnings_key').on(t.requestId, t.kind, t.dueAt), index('request_warnings_unit_idx').on(t.unitId, t.raisedAt)]);

/** The counts behind the three rates, per unit and Shanghai month, kept up to date in each change. */
export const requestMonthlyStats = pgTable('request_monthly_stats', {
  month: text('month').notNull(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  dispatched: integer('dispatched').notNull().default(0),
  respondedInTime: integer('responded_in_time').notNull().default(0),
  callbacks: integer('callbacks').notNull().default(0),
  resolved: integer('resolved').notNull().default(0),
  satisfied: integer('satisfied').notNull().default(0),
  basicallySatisfied: integer('basically_satisfied').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.month, t.unitId] })]);

/** Settings officials change: rate weights, duplicate radius and window. One row, versioned. */
export const requestSettings = pgTable('request_settings', {
  id: integer('id').primaryKey(),
  responseWeight: doublePrecision('response_weight').notNull(),
  resolutionWeight: doublePrecision('resolution_weight').notNull(),
  satisfactionWeight: doublePrecision('satisfaction_weight').notNull(),
  basicallySatisfiedCredit: doublePrecision('basically_satisfied_credit').notNull(),
  duplicateRadiusM: doublePrecision('duplicate_radius_m').notNull(),
  duplicateWindowHours: doublePrecision('duplicate_window_hours').notNull(),
  /** Response and resolution limits of each SLA class; null: the built-in defaults (sla.ts). */
  classLimits: jsonb('class_limits').$type<Record<string, { response: { amount: number; unit: string }; resolution: { amount: number; unit: string } }>>(),
  version: integer('version').notNull().default(1),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Keys of Open311 clients; only a SHA-256 of each key is kept. */
export const open311ApiKeys = pgTable('open311_api_keys', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull(),
  prefix: text('prefix').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: instant('created_at').notNull().defaultNow(),
  revokedAt: instant('revoked_at'),
  revokedBy: uuid('revoked_by').references(() => users.id),
}, (t) => [uniqueIndex('open311_api_keys_hash_key').on(t.keyHash)]);

/**
 * Filings on the public web form, by address: the throttle counts them here so that every server
 * process counts the same. Rows older than a day are deleted.
 */
export const publicIntakeAttempts = pgTable('public_intake_attempts', {
  id: uuid('id').primaryKey(),
  ip: text('ip').notNull(),
  at: instant('at').notNull().defaultNow(),
}, (t) => [index('public_intake_attempts_ip_idx').on(t.ip, t.at), index('public_intake_attempts_at_idx').on(t.at)]);
