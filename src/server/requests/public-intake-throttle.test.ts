// The public form's limit per address: counted in the database, so two server processes on one
// database share it; 429 with a clear message and Retry-After; old filings stop counting.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { admitPublicFiling, maxPublicFilingsPerAddress, publicIntakeWindowMs, purgeOldPublicFilings } from './public-intake-throttle.ts';

let t: TestApp;
/** A second server process on the same database. */
let other: FastifyInstance;

beforeAll(async () => {
  t = await startTestApp();
  other = await buildApp({ database: await t.openAnother(), webRoot: '/nonexistent' });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const file = (app: FastifyInstance, remoteAddress: string) => app.inject({
  method: 'POST', url: '/api/public/requests', remoteAddress,
  payload: { serviceCode: 'CSGL-HJWS', description: '小区垃圾站脏乱，无人清理', address: '海淀区学院路' },
});
const requestCount = async () => Number((await t.database.query<{ n: string }>('SELECT count(*) AS n FROM citizen_requests'))[0]!.n);

describe('POST /api/public/requests per address', () => {
  it(`takes ${maxPublicFilingsPerAddress} filings an hour from one address, then answers 429, in every process`, async () => {
    const address = '203.0.113.7';
    expect((await file(t.app, address)).statusCode).toBe(201);
    // The rest of the allowance, counted as the route counts them.
    for (let n = 1; n < maxPublicFilingsPerAddress - 1; n++) await admitPublicFiling(t.database.db, address);
    expect((await file(other, address)).statusCode).toBe(201);

    const before = await requestCount();
    for (const app of [t.app, other]) {
      const refused = await file(app, address);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toMatchObject({ code: 'too_many_requests' });
      expect(refused.json().error.message).toContain('每小时最多提交 20 件');
      expect(refused.json().error.message).toContain('at most 20 an hour');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(publicIntakeWindowMs / 1000);
    }
    expect(await requestCount()).toBe(before);
    // Another address is not held back.
    expect((await file(other, '198.51.100.23')).statusCode).toBe(201);
  });

  it('counts only filings within the last hour, and purges those older than a day', async () => {
    const address = '203.0.113.99';
    const now = new Date();
    const longAgo = new Date(now.getTime() - publicIntakeWindowMs - 60_000);
    for (let n = 0; n < maxPublicFilingsPerAddress; n++) await admitPublicFiling(t.database.db, address, longAgo);
    await expect(admitPublicFiling(t.database.db, address, now)).resolves.toBeUndefined();
    const dayAgo = new Date(now.getTime() - 25 * 3_600_000);
    await admitPublicFiling(t.database.db, '203.0.113.100', dayAgo);
    await purgeOldPublicFilings(t.database.db, now);
    const left = await t.database.query<{ ip: string }>(`SELECT ip FROM public_intake_attempts WHERE ip LIKE '203.0.113.%'`);
    expect(left.filter((r) => r.ip === '203.0.113.100')).toEqual([]);
    expect(left.filter((r) => r.ip === address)).toHaveLength(maxPublicFilingsPerAddress + 1);
  });

  it('lets simultaneous filings from one address past the limit no more than the limit allows', async () => {
    const address = '203.0.113.150';
    const results = await Promise.allSettled(Array.from({ length: maxPublicFilingsPerAddress + 5 }, () => admitPublicFiling(t.database.db, address)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(maxPublicFilingsPerAddress);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
  });
});
