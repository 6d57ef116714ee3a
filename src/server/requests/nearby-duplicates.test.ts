// The duplicate check near a point (intake_nearby_open, migration 0010): the nearest open request
// of the category within the radius and the window, however many others lie in its band.
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { citizenRequests } from '../db/schema/index.ts';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { findService, takeIn, type IntakeInput } from './intake-service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const who = { actorId: null, actorName: 'Open311', requestId: 'test' };
const hour = 3_600_000;

it('flags the nearest open request of the category within the radius and the window, and no other', async () => {
  const db = t.database.db;
  const service = (await findService(db, { code: 'CSGL-ZDJY' }))!;
  const other = (await findService(db, { code: 'CSGL-HJWS' }))!;
  const base: IntakeInput = { service, description: '路口有流动摊贩占道经营', address: '', lat: null, lon: null, divisionCode: null, citizenName: '', citizenPhone: '', channel: 'open311' };
  const at = (lat: number, lon: number, over: Partial<IntakeInput> = {}, receivedAt = new Date()) => takeIn(db, who, { ...base, lat, lon, ...over }, receivedAt);
  // Many open requests of the category along the same latitude, kilometres away: the band the
  // index reads holds them all, and none may crowd out the near one.
  await Promise.all(Array.from({ length: 40 }, (_, i) => at(40.1, 116.0 + i * 0.01)));
  const farther = await at(40.1012, 116.5); // about 130 m north of the point below
  const nearest = await at(40.1004, 116.5); // about 45 m north
  const point = { lat: 40.1, lon: 116.5 };
  const atPoint = await at(point.lat, point.lon);
  expect(atPoint.request.duplicateOfId).toBe(nearest.request.id);
  expect(farther.request.duplicateOfId).toBeNull();
  // Another category at the same spot, one 300 m away, one older than the window: none count.
  expect((await at(40.3, 116.3, { service: other })).request.duplicateOfId).toBeNull();
  expect((await at(40.3, 116.3)).request.duplicateOfId).toBeNull();
  expect((await at(40.3027, 116.3)).request.duplicateOfId).toBeNull();
  const old = await at(40.2, 116.2, {}, new Date(Date.now() - 100 * hour));
  expect((await at(40.2001, 116.2)).request.duplicateOfId).toBeNull();
  // A closed request is no longer one to repeat.
  await db.update(citizenRequests).set({ status: 'closed' }).where(inArray(citizenRequests.id, [nearest.request.id, atPoint.request.id]));
  expect((await at(point.lat, point.lon + 0.0001)).request.duplicateOfId).toBe(farther.request.id);
  expect(old.request.receivedAt.getTime()).toBeLessThan(Date.now() - 99 * hour);
});

it('reads the band of latitude through the index, not the whole category', async () => {
  const db = t.database.db;
  const [plan] = (await db.execute(sql`EXPLAIN SELECT r.id FROM citizen_requests r
    WHERE r.service_id = '00000000-0000-0000-0000-000000000000' AND r.status <> 'closed' AND r.lat IS NOT NULL
      AND r.lat BETWEEN 40.0 AND 40.01 AND r.lon BETWEEN 116.3 AND 116.31`) as unknown as { rows: Record<string, string>[] }).rows;
  expect(Object.values(plan!)[0]).toContain('citizen_requests_nearby_idx');
});
