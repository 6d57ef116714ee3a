// Tables of the platform: organisation, accounts, sessions and the audit trail.
import { sql } from 'drizzle-orm';
import {
  bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const unitCategories = pgTable('unit_categories', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...stamps,
}, (t) => [uniqueIndex('unit_categories_code_key').on(t.code)]);

export const units = pgTable('units', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull().default(''),
  kind: text('kind').notNull(),
  /** GB/T 2260 code of the district the unit belongs to. */
  districtCode: text('district_code').notNull(),
  /** GB/T 2260 code of the street or town a 街道/乡镇 unit governs, when it is one. */
  divisionCode: text('division_code'),
  categoryId: uuid('category_id').references(() => unitCategories.id),
  /** Pinyin initials and full pinyin of the name, kept for search ("zgc" → 中关村街道). */
  pinyinInitials: text('pinyin_initials').notNull(),
  pinyinFull: text('pinyin_full').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...stamps,
}, (t) => [
  uniqueIndex('units_code_key').on(t.code),
  index('units_district_idx').on(t.districtCode),
  index('units_category_idx').on(t.categoryId),
]);

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  name: text('name').notNull(),
  title: text('title').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...stamps,
}, (t) => [index('contacts_unit_idx').on(t.unitId)]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  /** Set only for unit reporters: the one unit whose data they may see and change. */
  unitId: uuid('unit_id').references(() => units.id),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...stamps,
}, (t) => [uniqueIndex('users_username_key').on(sql`lower(${t.username})`)]);

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie's token: a stolen table does not yield usable cookies. */
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  ip: text('ip').notNull().default(''),
  userAgent: text('user_agent').notNull().default(''),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const loginAttempts = pgTable('login_attempts', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  succeeded: boolean('succeeded').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('login_attempts_username_idx').on(t.username, t.at),
  index('login_attempts_ip_idx').on(t.ip, t.at),
]);

/**
 * Append-only, hash-chained record of every change of state. `seq` is assigned as the previous
 * row's seq + 1 under a lock, so a gap always means a deleted row (a database sequence would
 * leave gaps on rollback). Triggers in the migrations refuse UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  requestId: text('request_id').notNull().default(''),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId, t.seq)]);
