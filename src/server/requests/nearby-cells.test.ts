// The duplicate check reads nearby requests by grid cell: the database's generated cell must be
// the one the code computes, and requests just across a cell's edge must still be found.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { geoCell } from '../../core/requests/geo.ts';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { findService, takeIn } from './intake-service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const who = { actorId: null, actorName: 'Open311', requestId: 'test' };

it('stores the same cell the code computes, on cell edges and in every quadrant of the globe', async () => {
  const points: [number, number][] = [[39.98, 116.31], [39.99999999, 116.30999999], [40, 116.3], [-33.8688, 151.2093], [51.5074, -0.1278], [-0.005, -0.005], [89.999, 179.999], [-90, -180]];
  const rows = await t.database.query<{ lat: number; lon: number; cell: number }>(
    `SELECT lat, lon, (floor(lat * 100)::integer + 9000) * 36001 + (floor(lon * 100)::integer + 18000) AS cell FROM unnest($1::float8[], $2::float8[]) AS p(lat, lon)`,
    [points.map((p) => p[0]), points.map((p) => p[1])]);
  for (const row of rows) expect(row.cell).toBe(geoCell({ lat: row.lat, lon: row.lon }));
});

it('flags a request 20 m away across a cell edge as a duplicate, and keeps the generated column', async () => {
  const db = t.database.db;
  const service = (await findService(db, { code: 'CSGL-ZDJY' }))!;
  const base = { service, description: '路口有流动摊贩占道经营', address: '', divisionCode: null, citizenName: '', citizenPhone: '', channel: 'open311' };
  const first = await takeIn(db, who, { ...base, lat: 39.99995, lon: 116.30505 });
  const second = await takeIn(db, who, { ...base, lat: 40.00012, lon: 116.30505 });
  expect(first.request.geoCell).toBe(geoCell({ lat: 39.99995, lon: 116.30505 }));
  expect(second.request.geoCell).not.toBe(first.request.geoCell);
  expect(second.request.duplicateOfId).toBe(first.request.id);
  const far = await takeIn(db, who, { ...base, lat: 40.03, lon: 116.30505 });
  expect(far.request.duplicateOfId).toBeNull();
});
