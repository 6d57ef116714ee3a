// Logical backup as plain SQL that psql, a PostgreSQL server or PGlite can run into an empty
// database: the schema (the migrations), the record of applied migrations, then every row.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, migrationsFolder } from './client.ts';
import { dropEverythingSql } from './reset.ts';

/** Tables whose rows are not worth restoring: open sessions would revive old cookies. */
const skippedTables = new Set(['sessions']);
const rowsPerStatement = 500;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Public tables in an order where every table comes after the tables it references. */
async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  const tables = (await database.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => r.name);
  const edges = await database.query<{ child: string; parent: string }>(`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public'`);
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const e of edges) if (e.child === table && e.parent !== table) visit(e.parent, path);
    ordered.push(table);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

function migrationSql(): string {
  return readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()
    .map((f) => readFileSync(join(migrationsFolder, f), 'utf8').replaceAll('--> statement-breakpoint', ''))
    .join('\n');
}

export async function writeBackup(database: Database, write: (chunk: string) => void): Promise<{ tables: number; rows: number }> {
  write(`-- Pacesetter backup, ${new Date().toISOString()}. Restore into an empty database:\n`);
  write('--   pacesetter restore FILE    or    psql -v ON_ERROR_STOP=1 -1 -f FILE\n');
  write("SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\n-- Schema\n");
  write(migrationSql());
  write('\n\n-- Applied migrations\nCREATE SCHEMA IF NOT EXISTS drizzle;\n');
  write('CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);\n');
  const applied = await database.query<{ hash: string; created_at: string }>('SELECT hash, created_at::text FROM drizzle.__drizzle_migrations ORDER BY id');
  for (const m of applied) write(`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (${quoteLiteral(m.hash)}, ${Number(m.created_at)});\n`);

  let rowCount = 0;
  const tables = (await tablesInDependencyOrder(database)).filter((t) => !skippedTables.has(t));
  write('\n-- Data\n');
  for (const table of tables) {
    const rows = await database.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${quoteIdent(table)} t`);
    // Generated columns, should a table have any, are computed again on restore: they cannot be written.
    const written = (await database.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [quoteIdent(table)])).map((c) => quoteIdent(c.name)).join(', ');
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const batch = JSON.stringify(rows.slice(i, i + rowsPerStatement).map((r) => r.row));
      // jsonb_populate_recordset converts every column from its JSON text exactly, whatever its type.
      write(`INSERT INTO ${quoteIdent(table)} (${written}) SELECT ${written} FROM jsonb_populate_recordset(NULL::${quoteIdent(table)}, ${quoteLiteral(batch)}::jsonb);\n`);
    }
    rowCount += rows.length;
  }
  return { tables: tables.length, rows: rowCount };
}

export async function backupToString(database: Database): Promise<string> {
  const chunks: string[] = [];
  await writeBackup(database, (c) => chunks.push(c));
  return chunks.join('');
}

/** Replaces everything in the database with the backup. The caller has asked for confirmation. */
export async function restoreBackup(database: Database, sqlText: string): Promise<void> {
  if (!sqlText.startsWith('-- Pacesetter backup')) throw new Error('not a Pacesetter backup file');
  // One script, one implicit transaction: a backup that fails halfway leaves the database as it was.
  await database.execScript(`${dropEverythingSql}\n${sqlText}`);
}
