// A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
// on the PostgreSQL server that DATABASE_URL names (dropped again afterwards), so the same tests
// prove the same code on both.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.ts';

export interface TestDatabase {
  database: Database;
  /** postgres://… of this test's database on the server; undefined on PGlite (in this process's memory only). */
  url: string | undefined;
  /** A second handle on the same database, for tests that meddle behind the application's back. */
  openAnother(): Promise<Database>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return { database, url: undefined, openAnother: async () => database, drop: () => database.close() };
  }
  const name = `pacesetter_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await database.migrate();
  const others: Database[] = [];
  return {
    database,
    url: url.toString(),
    async openAnother() {
      const other = await openDatabase({ databaseUrl: url.toString() });
      others.push(other);
      return other;
    },
    async drop() {
      for (const o of others) await o.close();
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
