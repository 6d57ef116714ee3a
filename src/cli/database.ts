import { openDatabase, type Database } from '../server/db/client.ts';
import { readConfig } from '../server/config.ts';

/** Opens the database the environment names (PGlite under ./data by default) and migrates it. */
export async function openConfiguredDatabase(): Promise<Database> {
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  return database;
}

/** Runs a command against the database and always closes it. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
