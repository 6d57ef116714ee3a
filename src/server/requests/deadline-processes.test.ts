// Two real server processes (`pacesetter serve`, each with its own connection pool and its own
// deadline worker ticking every 200 ms) on one PostgreSQL database: every warning that falls due
// is raised exactly once, with one audit record, never before it is due, and both processes take
// part. No clock is faked inside the processes: the requests are arranged with deadlines in the
// past (a backlog) and a few seconds ahead (falling due while the test watches).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../auth/actor.ts';
import { verifyAuditChain } from '../audit/audit-trail.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { startServerProcess, type ServerProcess } from '../test-support/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.ts';
import { raiseDueWarnings } from './deadline-alarms.ts';
import { importHistory, type HistoricalRequest } from './history-import.ts';
import { findService } from './intake-service.ts';

const second = 1000;
const hour = 3_600_000;
const day = 24 * hour;
const intervalMs = 200;

// PostgreSQL only. PGlite is a database inside one process, and a second process is NOT refused
// when it opens the same PGlite directory: each process then works on its own copy and their
// writes silently diverge (checked with @electric-sql/pglite 0.5.16). So on PGlite there is no
// shared database for two servers to test against — the embedded database is for one server
// process only (README: several processes need DATABASE_URL). CI's PostgreSQL run runs this file.
describe.runIf(process.env.DATABASE_URL)('two server processes on one PostgreSQL database', () => {
  let t: TestDatabase;
  let servers: ServerProcess[] = [];
  let hotline: ActionContext;
  let unitId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.database);
    // The demo's own alarms out of the way (raised by this process), so only this test's remain.
    await raiseDueWarnings(t.database.db, new Date('2100-01-01T00:00:00Z'), 'setup');
    const [u] = await t.database.query<{ id: string }>(`SELECT id FROM units WHERE name = '中关村街道'`);
    unitId = u!.id;
    const [h] = await t.database.query<{ id: string }>(`SELECT id FROM users WHERE username = 'rexian'`);
    hotline = { actor: { id: h!.id, username: 'rexian', displayName: '刘敏', role: 'hotline_centre', unitId: null, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' }, requestId: 'two-processes' };
    const env = { DATABASE_URL: t.url!, PACESETTER_ALARM_INTERVAL_MS: String(intervalMs), DATABASE_POOL_SIZE: '4' };
    servers = await Promise.all([startServerProcess(env, ['--no-demo']), startServerProcess(env, ['--no-demo'])]);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await t?.drop();
  });

  it('raises each warning exactly once, and both processes raise some', async () => {
    const db = t.database.db;
    const service = (await findService(db, { code: 'CSGL-ZDJY' }))!; // general: respond within 24 h, resolve within 7 days
    const record = (dispatchedAt: number): HistoricalRequest => ({
      service, description: '路边占道经营', address: '', lat: null, lon: null, divisionCode: '110108011', citizenName: '', citizenPhone: '', channel: 'phone',
      receivedAt: new Date(dispatchedAt - 60 * second), dispatch: { unitId, at: new Date(dispatchedAt) },
    });
    const now = Date.now();
    // A backlog: dispatched ten days ago and never answered, so all four warnings are due at once;
    // imported in one transaction, it appears to both workers at the same moment.
    const backlog = Array.from({ length: 150 }, (_, i) => record(now - 10 * day - i * second));
    // Response due 8 to 14 s from now (its early warning, 6 h ahead, is due already); the
    // resolution clock (7 days) stays quiet.
    const upcoming = Array.from({ length: 25 }, (_, i) => record(now - day + 8 * second + i * 250));
    const { requests } = await importHistory(db, hotline, [...backlog, ...upcoming], 'two-processes-test');
    const ids = requests.map((r) => r.id);
    const backlogIds = new Set(ids.slice(0, backlog.length));
    const expected = new Set<string>();
    for (const id of ids) {
      const kinds = backlogIds.has(id) ? ['response_due_soon', 'response_overdue', 'resolution_due_soon', 'resolution_overdue'] : ['response_due_soon', 'response_overdue'];
      for (const k of kinds) expected.add(`${id}/${k}`);
    }
    const importedAt = Date.now();
    expect(importedAt, 'the import took so long that the upcoming deadlines had already passed').toBeLessThan(now + 8 * second);

    const warnings = () => t.database.query<{ request_id: string; kind: string; due_at: Date; raised_at: Date; raised_by: string }>(
      'SELECT request_id, kind, due_at, raised_at, raised_by FROM request_warnings WHERE request_id = ANY($1::uuid[])', [ids]);
    for (let waited = 0; (await warnings()).length < expected.size; waited += 250) {
      if (waited > 90_000) throw new Error(`only ${(await warnings()).length} of ${expected.size} warnings raised after 90 s:\n${servers.map((s) => s.output()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const allRaisedAt = Date.now();
    // Then both processes tick many more times (≥ 10 each) over the same alarms.
    await new Promise((r) => setTimeout(r, 12 * intervalMs));
    expect(Date.now(), 'every deadline of this test has passed').toBeGreaterThan(now + 14 * second);

    const rows = await warnings();
    // Exactly the warnings due: each once, none of the clocks not yet due.
    expect(rows.map((w) => `${w.request_id}/${w.kind}`).sort()).toEqual([...expected].sort());
    // Raised by the two servers' workers, never before the alarm fell due.
    const workers = servers.map((s) => `worker-${s.pid}`);
    expect(new Set(rows.map((w) => w.raised_by))).toEqual(new Set(workers));
    const upcomingOverdue = rows.filter((w) => !backlogIds.has(w.request_id) && w.kind === 'response_overdue');
    expect(upcomingOverdue).toHaveLength(upcoming.length);
    for (const w of upcomingOverdue) expect(w.raised_at.getTime()).toBeGreaterThanOrEqual(w.due_at.getTime());
    // Both processes did work: each raised some of the backlog.
    const byWorker = workers.map((w) => rows.filter((r) => r.raised_by === w).length);
    console.log(`${expected.size} warnings raised by two processes: ${byWorker.join(' + ')}; the last within ${Math.round((allRaisedAt - importedAt) / 100) / 10} s of the import`);
    expect(byWorker.every((n) => n > 0), `warnings raised per process: ${byWorker.join(', ')}`).toBe(true);
    expect(byWorker.reduce((a, b) => a + b, 0)).toBe(expected.size);

    // One audit record per warning, written by the process that raised it; the chain, appended to
    // by two processes at once, is intact.
    const audits = await t.database.query<{ entity_id: string; action: string; request_id: string; n: string }>(
      `SELECT entity_id, action, request_id, count(*) AS n FROM audit_log WHERE entity_type = 'request' AND entity_id = ANY($1::text[]) AND action <> 'request.receive'
       GROUP BY 1, 2, 3`, [ids]);
    expect(audits.map((a) => `${a.entity_id}/${a.action.replace('request.', '')}`).sort()).toEqual([...expected].sort());
    expect(audits.every((a) => Number(a.n) === 1)).toBe(true);
    const raisedBy = new Map(rows.map((w) => [`${w.request_id}/${w.kind}`, w.raised_by]));
    expect(audits.every((a) => raisedBy.get(`${a.entity_id}/${a.action.replace('request.', '')}`) === a.request_id)).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    // Every due alarm fired, the resolution alarms of the upcoming requests did not; no worker failed.
    const [alarms] = await t.database.query<{ fired: string; pending: string }>(
      `SELECT count(*) FILTER (WHERE fired_at IS NOT NULL) AS fired, count(*) FILTER (WHERE fired_at IS NULL) AS pending FROM request_alarms WHERE request_id = ANY($1::uuid[])`, [ids]);
    expect([Number(alarms!.fired), Number(alarms!.pending)]).toEqual([expected.size, upcoming.length * 2]);
    for (const s of servers) {
      expect(s.child.exitCode).toBeNull();
      expect(s.output()).not.toContain('deadline worker failed');
    }
  });
});
