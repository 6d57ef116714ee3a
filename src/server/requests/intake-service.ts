// Taking in a request, whatever the channel: the call-taker's form, the public web form, Open311,
// a bulk import. One transaction: the request, its first step, the duplicate check, the audit.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { citizenRequests, requestAreas, requestServices } from '../db/schema/index.ts';
import { findLikelyDuplicates, minAddressLength, normaliseAddress, type LikelyDuplicate } from '../../core/requests/duplicates.ts';
import { boundingBox, nearestArea, type AreaCentre } from '../../core/requests/geo.ts';
import { shanghaiOffsetMs } from '../../core/requests/sla.ts';
import { unprocessable } from '../http/errors.ts';
import { rowsOf } from '../db/unnest.ts';
import { intakeBatcher } from './intake-batcher.ts';
import { cachedSettings } from './settings-service.ts';
import { keywordText } from './segmenter.ts';
import type { ServiceRow } from './catalogue-service.ts';

export type RequestRow = typeof citizenRequests.$inferSelect;

export interface IntakeInput {
  service: ServiceRow;
  description: string;
  address: string;
  lat: number | null;
  lon: number | null;
  divisionCode: string | null;
  citizenName: string;
  citizenPhone: string;
  channel: string;
  attributes?: Record<string, unknown> | null;
  mediaUrl?: string | null;
  apiKeyId?: string | null;
  idempotencyKey?: string | null;
}

/** Who takes it in: an official, or a channel without one (public form, Open311 client). */
export interface IntakeActor { actorId: string | null; actorName: string; requestId: string }

const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * HD + Beijing date + 8 random characters: short enough to read out on the phone, hard to guess.
 * A clash (about one a year at Beijing's volume) is retried with a fresh code.
 */
export function newRequestCode(at: Date): string {
  const day = new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(2, 10).replaceAll('-', '');
  const bytes = randomBytes(8);
  return `HD${day}${[...bytes].map((b) => codeAlphabet[b % 32]).join('')}`;
}

let areaCache: { at: number; areas: AreaCentre[] } | undefined;

export async function areaCentres(db: Db): Promise<AreaCentre[]> {
  if (areaCache && Date.now() - areaCache.at < 60_000) return areaCache.areas;
  const rows = await db.select().from(requestAreas);
  areaCache = { at: Date.now(), areas: rows };
  return rows;
}

/** The tracking code of a request, by its id (null for null). */
export async function requestCode(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ code: citizenRequests.code }).from(citizenRequests).where(eq(citizenRequests.id, id));
  return row?.code ?? null;
}

export async function findService(db: Db, by: { id?: string; code?: string }): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(requestServices)
    .where(by.id ? eq(requestServices.id, by.id) : eq(requestServices.code, by.code ?? ''));
  return row;
}

/** The street or town of a request: the one named (it must be one of the district's), or the one its point falls in. */
async function resolveDivision(db: Db, input: IntakeInput): Promise<string | null> {
  const areas = await areaCentres(db);
  if (input.divisionCode) {
    if (areas.length && !areas.some((a) => a.divisionCode === input.divisionCode)) {
      throw unprocessable(`街道乡镇 ${input.divisionCode} 不在本区 (not a street or town of the district)`, { field: 'divisionCode' });
    }
    return input.divisionCode;
  }
  if (input.lat === null || input.lon === null) return null;
  return nearestArea({ lat: input.lat, lon: input.lon }, areas)?.divisionCode ?? null;
}

interface CandidateRow { id: string; code: string; service_id: string; received_at: Date | string; lat: number | null; lon: number | null; address: string; division_code: string | null }

/**
 * The open request this one likely repeats, if any: same category, received within the window
 * before it, and either within the radius (both have coordinates) or at the same address in the
 * same street or town (rules in core/requests/duplicates.ts, docs/requests.md).
 *
 * Intake asks on every request, so each kind of candidate is one short statement:
 * - near: open requests inside the box around the point, nearest first
 *   (flat-earth distance, exact enough to order points a few km apart; the database function
 *   intake_nearby_open, migration 0010) — a busy corner may hold hundreds, the nearest is reported;
 * - by address: requests of which at least one side has no coordinates, in the same street or
 *   town, or in any when a side has none (then only an equal address counts). Asked only when
 *   the address says enough to compare; a request near it settles the question first.
 */
export async function findDuplicate(db: Db, input: IntakeInput, receivedAt: Date, divisionCode = input.divisionCode): Promise<LikelyDuplicate | null> {
  // Settings change rarely; intake reads them on every request.
  const s = await cachedSettings(db);
  const since = new Date(receivedAt.getTime() - s.duplicateWindowHours * 3_600_000);
  const located = input.lat !== null && input.lon !== null;
  const target = { serviceId: input.service.id, receivedAt, lat: input.lat, lon: input.lon, address: input.address, divisionCode };
  const rules = { radiusM: s.duplicateRadiusM, windowHours: s.duplicateWindowHours };
  const columns = sql`id, code, service_id, received_at, lat, lon, address, division_code`;
  const candidates = async (query: SQL) => rowsOf<CandidateRow>(await db.execute(query)).map((c) => ({
    id: c.id, code: c.code, serviceId: c.service_id, receivedAt: new Date(c.received_at), lat: c.lat, lon: c.lon, address: c.address, divisionCode: c.division_code, open: true,
  }));
  if (located) {
    const box = boundingBox({ lat: input.lat!, lon: input.lon! }, s.duplicateRadiusM);
    const near = await candidates(sql`SELECT ${columns} FROM intake_nearby_open(${input.service.id},
      ${box.minLat}, ${box.maxLat}, ${box.minLon}, ${box.maxLon}, ${since.toISOString()}, ${receivedAt.toISOString()},
      ${input.lat}, ${input.lon}, ${Math.cos((input.lat! * Math.PI) / 180)})`);
    const nearest = findLikelyDuplicates(target, near, rules)[0];
    if (nearest) return nearest;
  }
  if (normaliseAddress(input.address).length < minAddressLength) return null;
  const sameAddress = await candidates(sql`SELECT ${columns} FROM citizen_requests
    WHERE service_id = ${input.service.id} AND received_at BETWEEN ${since.toISOString()} AND ${receivedAt.toISOString()} AND status <> 'closed'
    ${located ? sql`AND lat IS NULL` : sql``} ${divisionCode ? sql`AND (division_code = ${divisionCode} OR division_code IS NULL)` : sql``}
    ORDER BY received_at DESC LIMIT 500`);
  return findLikelyDuplicates(target, sameAddress, rules)[0] ?? null;
}

/** The id of the open request this one likely repeats, if any (see findDuplicate). */
export async function findDuplicateOf(db: Db, input: IntakeInput, receivedAt: Date, divisionCode = input.divisionCode): Promise<string | null> {
  return (await findDuplicate(db, input, receivedAt, divisionCode))?.id ?? null;
}

/**
 * Creates the request. With an idempotency key, a second call with the same key (from the same
 * API key) returns the first request and creates nothing: `created` tells which happened.
 */
export async function takeIn(db: Db, who: IntakeActor, input: IntakeInput, receivedAt = new Date()): Promise<{ request: RequestRow; created: boolean }> {
  if (!input.service.active) throw unprocessable(`诉求类别 ${input.service.code} 已停用 (service is inactive)`, { field: 'serviceId' });
  if (input.idempotencyKey) {
    const earlier = await findByIdempotencyKey(db, input.apiKeyId ?? null, input.idempotencyKey);
    if (earlier) return { request: earlier, created: false };
  }
  const divisionCode = await resolveDivision(db, input);
  const duplicateOfId = await findDuplicateOf(db, input, receivedAt, divisionCode);
  const keywords = keywordText(input.description);
  for (let attempt = 0; attempt < 3; attempt++) {
    const created = await insertRequest(db, who, input, { divisionCode, duplicateOfId, keywords, receivedAt });
    if (created) return { request: created, created: true };
    // A concurrent call with the same idempotency key won the race, or the code clashed.
    const earlier = input.idempotencyKey ? await findByIdempotencyKey(db, input.apiKeyId ?? null, input.idempotencyKey) : undefined;
    if (earlier) return { request: earlier, created: false };
  }
  throw new Error('could not find a free request code');
}

function insertRequest(db: Db, who: IntakeActor, input: IntakeInput, derived: { divisionCode: string | null; duplicateOfId: string | null; keywords: string; receivedAt: Date }): Promise<RequestRow | undefined> {
  const { divisionCode, duplicateOfId, keywords, receivedAt } = derived;
  return intakeBatcher(db).write({
    actorId: who.actorId, actorName: who.actorName, requestId: who.requestId, note: input.channel,
    row: {
      id: randomUUID(), code: newRequestCode(receivedAt), serviceId: input.service.id, status: 'received', channel: input.channel,
      description: input.description, address: input.address, lat: input.lat, lon: input.lon, divisionCode,
      citizenName: input.citizenName, citizenPhone: input.citizenPhone, attributes: input.attributes ?? null, mediaUrl: input.mediaUrl ?? null,
      keywords, duplicateOfId, receivedAt, apiKeyId: input.apiKeyId ?? null, idempotencyKey: input.idempotencyKey ?? null, updatedAt: receivedAt,
    },
  });
}

async function findByIdempotencyKey(db: Db, apiKeyId: string | null, key: string): Promise<RequestRow | undefined> {
  const r = citizenRequests;
  const [row] = await db.select().from(r)
    .where(and(apiKeyId ? eq(r.apiKeyId, apiKeyId) : sql`${r.apiKeyId} IS NULL`, eq(r.idempotencyKey, key)));
  return row;
}
