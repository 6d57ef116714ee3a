// Synthetic requests at Beijing's scale (about 20 million a year over 343 streets and towns), for
// the scale benchmark. Rows are made inside PostgreSQL with generate_series, a batch at a time,
// together with the monthly rollup the rankings read. The dispatch and callback history tables are
// not filled: the rollup carries what the rates need.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { requestServices, units } from '../db/schema/index.ts';

export interface GenerateOptions { count: number; year: number; streets: number; batchSize: number; onProgress?: (done: number) => void }

/** Makes sure the district has `count` street units; adds synthetic ones (GS001…) as needed. */
async function ensureStreets(db: Db, count: number): Promise<string[]> {
  const existing = await db.select({ id: units.id }).from(units).where(and(inArray(units.kind, ['street', 'town']), eq(units.active, true)));
  const ids = existing.map((u) => u.id);
  const missing = Math.max(0, count - ids.length);
  const rows = Array.from({ length: missing }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return { id: randomUUID(), code: `GS${n}`, name: `模拟街道${n}`, kind: 'street', districtCode: '110108', pinyinInitials: `mnjd${n}`, pinyinFull: `monijiedao${n}` };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insert(units).values(rows.slice(i, i + 200)).onConflictDoNothing();
  return [...ids, ...rows.map((r) => r.id)].slice(0, count);
}

export async function generateRequests(db: Db, options: GenerateOptions): Promise<{ inserted: number; streets: number }> {
  const streetIds = await ensureStreets(db, options.streets);
  const services = await db.select({ id: requestServices.id }).from(requestServices).where(and(isNotNull(requestServices.parentId), eq(requestServices.active, true)));
  if (services.length === 0) throw new Error('the catalogue is empty: load the demo (pacesetter demo) first');
  const serviceIds = services.map((s) => s.id);
  const yearStart = new Date(Date.UTC(options.year, 0, 1) - 8 * 3_600_000);
  const seconds = 365 * 86_400;
  let done = 0;
  while (done < options.count) {
    const from = done;
    const to = Math.min(options.count, done + options.batchSize) - 1;
    await db.execute(sql`
      WITH gen AS (
        SELECT g,
          ${yearStart.toISOString()}::timestamptz + make_interval(secs => (g::double precision / ${options.count}) * ${seconds}) AS ts,
          (${sql.raw(`ARRAY[${serviceIds.map((id) => `'${id}'::uuid`).join(',')}]`)})[1 + g % ${serviceIds.length}] AS service_id,
          (${sql.raw(`ARRAY[${streetIds.map((id) => `'${id}'::uuid`).join(',')}]`)})[1 + (g * 7919) % ${streetIds.length}] AS unit_id,
          g % 100 AS fate, g % 20 AS mood
        FROM generate_series(${from}::bigint, ${to}::bigint) AS g
      ),
      shaped AS (
        SELECT *, ts + interval '5 minutes' AS dispatched_at,
          ts + interval '5 minutes' + make_interval(secs => (g % 97) * 1200) AS accepted_at,
          ts + interval '5 minutes' + interval '24 hours' AS response_due_at,
          ts + interval '7 days' AS resolution_due_at,
          CASE WHEN fate < 96 THEN ts + make_interval(secs => (g % 11) * 50000) END AS replied_at
        FROM gen
      ),
      inserted AS (
        INSERT INTO citizen_requests (id, code, service_id, status, channel, description, address, lat, lon, division_code, keywords,
          lead_unit_id, received_at, dispatched_at, accepted_at, replied_at, closed_at, response_due_at, resolution_due_at, updated_at)
        SELECT gen_random_uuid(), 'GEN' || lpad(g::text, 10, '0'), service_id,
          CASE WHEN fate < 96 THEN 'closed' WHEN fate < 98 THEN 'replied' ELSE 'in_progress' END, 'phone',
          '模拟诉求', '', 39.9 + (g % 1000) * 0.0002, 116.2 + (g % 997) * 0.0002, NULL, '',
          unit_id, ts, dispatched_at, accepted_at, CASE WHEN fate < 98 THEN coalesce(replied_at, ts + interval '2 days') END,
          CASE WHEN fate < 96 THEN replied_at + interval '1 day' END, response_due_at, resolution_due_at, ts
        FROM shaped
        RETURNING 1
      )
      INSERT INTO request_monthly_stats (month, unit_id, dispatched, responded_in_time, callbacks, resolved, satisfied, basically_satisfied)
      SELECT to_char(dispatched_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), unit_id, count(*),
        count(*) FILTER (WHERE accepted_at <= response_due_at),
        count(*) FILTER (WHERE fate < 96), count(*) FILTER (WHERE fate < 96 AND mood <> 0),
        count(*) FILTER (WHERE fate < 96 AND mood < 14), count(*) FILTER (WHERE fate < 96 AND mood BETWEEN 14 AND 17)
      FROM shaped WHERE (SELECT count(*) FROM inserted) > 0
      GROUP BY 1, 2
      ON CONFLICT (month, unit_id) DO UPDATE SET
        dispatched = request_monthly_stats.dispatched + excluded.dispatched,
        responded_in_time = request_monthly_stats.responded_in_time + excluded.responded_in_time,
        callbacks = request_monthly_stats.callbacks + excluded.callbacks,
        resolved = request_monthly_stats.resolved + excluded.resolved,
        satisfied = request_monthly_stats.satisfied + excluded.satisfied,
        basically_satisfied = request_monthly_stats.basically_satisfied + excluded.basically_satisfied`);
    done = to + 1;
    options.onProgress?.(done);
  }
  return { inserted: done, streets: streetIds.length };
}
