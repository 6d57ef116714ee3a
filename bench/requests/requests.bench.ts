/**
 * Benchmarks of citizen requests, on the PostgreSQL server DATABASE_URL names:
 * - intake: POST /open311/v2/requests.json against the real server (a child process), loaded by
 *   autocannon from another child process, beside a bare Fastify route inserting one row (the
 *   ceiling), each for INTAKE_SECONDS (default 15) with INTAKE_CONNECTIONS (default 32);
 * - scale: on SCALE_DATABASE_URL (default: database pacesetter_scale on the same server), filled
 *   by `pacesetter requests generate --count 20000000`, the monthly three-rate ranking of the
 *   streets and towns and one unit's overdue list.
 * The runner times synchronous functions, so this module measures by itself when imported and
 * prints its JSON lines {"name", "value", "unit", …}; it hands the runner an empty list.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Benchmark } from '../run.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { createApiKey } from '../../src/server/requests/open311/api-keys.ts';
import { monthlyRanking } from '../../src/server/requests/rates-service.ts';
import { overdueList } from '../../src/server/requests/request-queries.ts';
import { freePort, startServerProcess } from '../../src/server/test-support/server-process.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const line = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, ...extra }));

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try { if ((await fetch(url)).status < 500) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

interface Load { rps: number; p99: number; p50: number; total: number; non2xx: number; errors: number; timeouts: number }

async function load(url: string, apiKey: string, seconds = process.env.INTAKE_SECONDS ?? '15'): Promise<Load> {
  const child = start(['--import', 'tsx', 'bench/requests/intake-load.ts', url, apiKey, seconds, process.env.INTAKE_CONNECTIONS ?? '32'], {});
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  await new Promise((r) => child.on('exit', r));
  return JSON.parse(out.trim().split('\n').pop()!) as Load;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function intake(serverUrl: string): Promise<void> {
  const name = `pacesetter_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ databaseUrl: url.toString() });
    await database.migrate();
    await loadDemo(database);
    const [adminUser] = await database.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
    const key = await createApiKey(database.db, { actor: { id: adminUser!.id, username: 'admin', displayName: 'bench', role: 'admin', unitId: null, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' }, requestId: 'bench' }, 'bench');
    await database.close();

    const server = await startServerProcess({ DATABASE_URL: url.toString() }, ['--no-demo']);
    // Warm up: the first requests load the word dictionary and compile the hot paths, and the
    // deadline worker raises the demo's past-due warnings when the server starts.
    await load(`${server.baseUrl}/open311/v2/requests.json`, key.key, '5');
    const app = await load(`${server.baseUrl}/open311/v2/requests.json`, key.key);
    await server.stop();

    const barePort = await freePort();
    const bare = start(['--import', 'tsx', 'bench/requests/bare-insert-server.ts'], { DATABASE_URL: url.toString(), PORT: String(barePort) });
    await waitFor(`http://127.0.0.1:${barePort}/`, bare);
    await load(`http://127.0.0.1:${barePort}/insert`, key.key, '5');
    const ceiling = await load(`http://127.0.0.1:${barePort}/insert`, key.key);
    await stop(bare);

    const info = { connections: Number(process.env.INTAKE_CONNECTIONS ?? 32), seconds: Number(process.env.INTAKE_SECONDS ?? 15) };
    line('requests.intake.open311.throughput', app.rps, 'req/s', { ...info, target: 1000, total: app.total, non2xx: app.non2xx, errors: app.errors });
    line('requests.intake.open311.p99', app.p99, 'ms', { ...info, p50: app.p50 });
    line('requests.intake.bare_insert.throughput', ceiling.rps, 'req/s', { ...info, total: ceiling.total, non2xx: ceiling.non2xx });
    line('requests.intake.bare_insert.p99', ceiling.p99, 'ms', { ...info, p50: ceiling.p50 });
    line('requests.intake.share_of_ceiling', (100 * app.rps) / ceiling.rps, '%', { target: 50 });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

async function timed(fn: () => Promise<unknown>, repeats = 9): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function scale(serverUrl: string): Promise<void> {
  const url = new URL(process.env.SCALE_DATABASE_URL ?? serverUrl);
  if (!process.env.SCALE_DATABASE_URL) url.pathname = '/pacesetter_scale';
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    const [size] = await database.query<{ n: string }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'citizen_requests'`);
    // Before the first ANALYZE the planner's estimate is -1: count exactly then.
    let rows = Number(size?.n ?? -1);
    if (rows < 0) rows = Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM citizen_requests'))[0]!.n);
    const [busiest] = await database.query<{ month: string }>(`SELECT month FROM request_monthly_stats GROUP BY month ORDER BY sum(dispatched) DESC LIMIT 1`);
    const month = busiest?.month ?? '2025-06';
    const ranking = await monthlyRanking(database.db, month, 'street_town');
    const rankingMs = await timed(() => monthlyRanking(database.db, month, 'street_town'));
    line('requests.scale.monthly_ranking', rankingMs, 'ms', { target: 200, requests: rows, units: ranking.rows.length, month });
    const [unit] = await database.query<{ id: string; n: string }>(
      `SELECT lead_unit_id AS id, count(*) AS n FROM citizen_requests WHERE replied_at IS NULL AND status IN ('dispatched','accepted','in_progress','reopened') GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    if (!unit) return;
    const now = new Date();
    const overdue = await overdueList(database.db, unit.id, now);
    const overdueMs = await timed(() => overdueList(database.db, unit.id, now));
    line('requests.scale.unit_overdue_list', overdueMs, 'ms', { target: 50, requests: rows, owed: Number(unit.n), listed: overdue.length });
  } finally {
    await database.close();
  }
}

const filter = process.argv[2];
const wanted = (name: string) => filter === undefined || name.includes(filter) || filter.includes(name);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  if (wanted('requests')) console.log(JSON.stringify({ name: 'requests', skipped: 'set DATABASE_URL to a PostgreSQL server' }));
} else {
  if (wanted('requests.intake')) await intake(serverUrl);
  if (wanted('requests.scale')) await scale(serverUrl);
}

export const benchmarks: Benchmark[] = [];
