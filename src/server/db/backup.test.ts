// A backup restores into either database: taken from one, restored into the other, and equal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { backupToString, restoreBackup } from './backup.ts';
import { verifyAuditChain } from '../audit/audit-trail.ts';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';

let t: TestApp;
let target: Database;
beforeAll(async () => {
  t = await startTestApp();
  // The target is the other kind of database when tests run on a server, and a second PGlite otherwise.
  target = await openDatabase({ dataDir: 'memory://' });
});
afterAll(async () => {
  await target?.close();
  await t?.close();
});

// Rows as JSON text, so the two drivers' own conversions (Date, bigint) do not enter the comparison.
const rowsOf = (db: Database, table: string, order: string) =>
  db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY ${order}`).then((rows) => rows.map((r) => r.row));
const snapshot = async (db: Database) => ({
  units: await rowsOf(db, 'units', 'id'),
  users: await rowsOf(db, 'users', 'id'),
  audit: await rowsOf(db, 'audit_log', 'seq'),
});

describe('backup and restore', () => {
  it(`restores a ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'} backup into PGlite with every row and an intact audit chain`, async () => {
    const sqlText = await backupToString(t.database);
    await restoreBackup(target, sqlText);
    expect(await snapshot(target)).toEqual(await snapshot(t.database));
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
  });

  it('restores back into the original database after it changed, and the restored database keeps working', async () => {
    const sqlText = await backupToString(target);
    await t.database.execScript("INSERT INTO unit_categories (id, code, name) VALUES (gen_random_uuid(), 'LATER', '之后')");
    await restoreBackup(t.database, sqlText);
    expect(await snapshot(t.database)).toEqual(await snapshot(target));
    const office = await t.login('kaohe');
    expect((await office.post('/api/categories', { code: 'AFTER', name: '恢复后' })).statusCode).toBe(201);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('leaves the database untouched when the backup file is broken', async () => {
    const before = await snapshot(t.database);
    const broken = `${await backupToString(t.database)}\nINSERT INTO units VALUES ('not valid');`;
    await expect(restoreBackup(t.database, broken)).rejects.toThrow();
    expect(await snapshot(t.database)).toEqual(before);
    await expect(restoreBackup(t.database, 'DROP TABLE users;')).rejects.toThrow(/not a Pacesetter backup/);
  });
});
