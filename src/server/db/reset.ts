import type { Database } from './client.ts';

/** Drops every table, the migration record included, leaving an empty database. Irreversible. */
export const dropEverythingSql = 'DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;';

export async function dropEverything(database: Database): Promise<void> {
  await database.execScript(dropEverythingSql);
}

/** True when no account exists yet: the first start of a new installation. */
export async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await database.query<{ n: string }>('SELECT count(*)::text AS n FROM users');
  return row?.n === '0';
}
