// One database handle for the whole server: PGlite embedded under ./data by default, a PostgreSQL
// server when DATABASE_URL is set. Both run the same migrations and the same Drizzle queries.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction behaves as a database for every query; services take either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL text of several statements (migrations, restore). Only the db folder uses it. */
  execScript(sqlText: string): Promise<void>;
  /** Runs one query with parameters and returns its rows (backup, verification). */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** Applies every migration not yet applied. Safe when several processes start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? resolve('data', 'pglite'));
}

async function openPglite(dataDir: string): Promise<Database> {
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const client = new PGlite(dataDir);
  try {
    await client.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  await client.exec("SET TIME ZONE 'UTC'");
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async execScript(sqlText) { await client.exec(sqlText); },
    async query(sqlText, params = []) {
      const result = await client.query(sqlText, params);
      return result.rows as never[];
    },
    async migrate() { await migratePglite(db as never, { migrationsFolder }); },
    async close() {
      try { await client.close(); } finally { unlock(); }
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Awaited before the pool hands the new connection out, so the first query never queues
    // behind this one on the same connection (a 'connect' listener cannot wait).
    onConnect: async (c) => { await c.query("SET TIME ZONE 'UTC'"); },
  });
  // A broken idle connection must not take the process down; the next query gets a fresh one.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async execScript(sqlText) { await pool.query(sqlText); },
    async query(sqlText, params = []) {
      const result = await pool.query(sqlText, params);
      return result.rows as never[];
    },
    async migrate() {
      // Session-level advisory lock on one dedicated connection: one process migrates, the
      // others wait and then find nothing left to do.
      const connection = await pool.connect();
      try {
        await connection.query('SELECT pg_advisory_lock(7263011)');
        await migratePg(drizzlePg(connection, { schema }), { migrationsFolder });
      } finally {
        await connection.query('SELECT pg_advisory_unlock(7263011)').catch(() => {});
        connection.release();
      }
    },
    async close() { await pool.end(); },
  };
}
