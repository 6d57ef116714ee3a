// Deadline warnings with a controllable clock: raised at the right moment, once, cancelled when
// the clock is met, and exactly once when workers on two connection pools race over the same
// alarms. Two real server processes on one PostgreSQL database: deadline-processes.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { raiseDueWarnings } from './deadline-alarms.ts';
import { findService, takeIn } from './intake-service.ts';
import { applyEvent } from './lifecycle-service.ts';

let t: TestApp;
let hotline: ActionContext;
let unit: ActionContext;
let unitId: string;
const hour = 3_600_000;
const T = new Date('2031-05-11T01:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  // Let the demo's own alarms fire first, so each test counts only its own.
  await raiseDueWarnings(db, new Date('2031-01-01T00:00:00Z'), 'setup');
  const [u] = await t.database.query<{ id: string }>(`SELECT id FROM units WHERE name = '中关村街道'`);
  unitId = u!.id;
  const [h] = await t.database.query<{ id: string }>(`SELECT id FROM users WHERE username = 'rexian'`);
  const base = { username: '', unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' };
  hotline = { actor: { ...base, id: h!.id, displayName: '刘敏', role: 'hotline_centre', unitId: null }, requestId: 'test' };
  unit = { actor: { ...base, id: h!.id, displayName: '赵磊', role: 'unit_reporter', unitId, unitName: '中关村街道' }, requestId: 'test' };
});
afterAll(async () => { await t?.close(); });

/** A general request (respond in 24 h, resolve in 7 days) dispatched to 中关村街道 at `at`. */
async function dispatched(db: Db, at: Date): Promise<string> {
  const service = (await findService(db, { code: 'CSGL-ZDJY' }))!;
  const { request } = await takeIn(db, { actorId: null, actorName: 'test', requestId: 'test' }, {
    service, description: '路边占道经营', address: '', lat: null, lon: null, divisionCode: '110108011', citizenName: '', citizenPhone: '', channel: 'phone',
  }, at);
  await applyEvent(db, hotline, request.id, { event: 'dispatch', version: 1, unitId }, at);
  return request.id;
}

const warningsOf = async (id: string) => (await t.database.query<{ kind: string }>('SELECT kind FROM request_warnings WHERE request_id = $1 ORDER BY raised_at, kind', [id])).map((w) => w.kind);

describe('deadline warnings', () => {
  it('warns a quarter ahead, then when overdue, each once, and stops when the clock is met', async () => {
    const db = t.database.db;
    const id = await dispatched(db, T);
    expect(await raiseDueWarnings(db, new Date(T.getTime() + 17 * hour))).toBe(0);
    // Response due at T+24 h: warned 6 h ahead.
    expect(await raiseDueWarnings(db, new Date(T.getTime() + 18 * hour))).toBe(1);
    expect(await raiseDueWarnings(db, new Date(T.getTime() + 18 * hour))).toBe(0);
    expect(await warningsOf(id)).toEqual(['response_due_soon']);
    expect(await raiseDueWarnings(db, new Date(T.getTime() + 24 * hour + 1))).toBe(1);
    expect(await warningsOf(id)).toEqual(['response_due_soon', 'response_overdue']);
    await applyEvent(db, unit, id, { event: 'accept', version: 2 }, new Date(T.getTime() + 25 * hour));
    await applyEvent(db, unit, id, { event: 'reply', version: 3, reply: '已劝离摊贩' }, new Date(T.getTime() + 48 * hour));
    // The reply met the resolution clock: nothing more, however late it gets.
    expect(await raiseDueWarnings(db, new Date(T.getTime() + 60 * 24 * hour))).toBe(0);
    expect(await warningsOf(id)).toEqual(['response_due_soon', 'response_overdue']);
  });

  it('moves the resolution warnings with an approved extension', async () => {
    const db = t.database.db;
    const start = new Date('2031-06-01T02:00:00Z');
    const id = await dispatched(db, start);
    await applyEvent(db, unit, id, { event: 'accept', version: 2 }, new Date(start.getTime() + hour));
    await applyEvent(db, unit, id, { event: 'request_extension', version: 3, amount: 3, unit: 'days', reason: '需协调' }, new Date(start.getTime() + 2 * hour));
    const [ext] = await t.database.query<{ id: string }>('SELECT id FROM request_extensions WHERE request_id = $1', [id]);
    await applyEvent(db, hotline, id, { event: 'approve_extension', version: 4, extensionId: ext!.id }, new Date(start.getTime() + 3 * hour));
    // Due at the end of 8 June (Beijing) before, of 11 June after: the old warning (7 June 16:00 UTC)
    // and overdue alarm are gone, the new warning comes a day before the new deadline.
    await raiseDueWarnings(db, new Date('2031-06-09T00:00:00Z'));
    expect(await warningsOf(id)).toEqual([]);
    await raiseDueWarnings(db, new Date('2031-06-10T16:00:00Z'));
    expect(await warningsOf(id)).toEqual(['resolution_due_soon']);
    await raiseDueWarnings(db, new Date('2031-06-11T16:00:01Z'));
    expect(await warningsOf(id)).toEqual(['resolution_due_soon', 'resolution_overdue']);
  });

  // On PostgreSQL the two handles are two connection pools, so the four calls really run at once
  // and race for the same alarms (FOR UPDATE SKIP LOCKED); on PGlite they share one connection and
  // run one after another, which still checks the counting.
  it('raises each warning exactly once when workers on two connection pools race', async () => {
    const first = t.database;
    const second = await t.openAnother();
    const start = new Date('2031-07-01T02:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await dispatched(first.db, new Date(start.getTime() + i * 60_000)));
    const late = new Date('2031-09-01T00:00:00Z');
    // Both pools, two workers each, at the same moment; small batches make them interleave.
    const counts = await Promise.all([first.db, second.db, first.db, second.db].map((db, i) => raiseDueWarnings(db, late, `worker-${i}`, 7)));
    const total = counts.reduce((a, b) => a + b, 0);
    const [raised] = await first.query<{ n: string }>(`SELECT count(*) AS n FROM request_warnings WHERE raised_at = $1 AND raised_by LIKE 'worker-%'`, [late]);
    expect(total).toBe(Number(raised!.n));
    expect(total).toBeGreaterThanOrEqual(ids.length * 4);
    const rows = await first.query<{ request_id: string; kind: string; n: string }>(
      `SELECT request_id, kind, count(*) AS n FROM request_warnings WHERE request_id = ANY($1::uuid[]) GROUP BY 1, 2`, [ids]);
    expect(rows).toHaveLength(ids.length * 4);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });
});
