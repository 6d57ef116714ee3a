// The `pacesetter` command as an operator runs it: a real process on a real embedded database.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.ts';

// Each run starts Node, compiles TypeScript and opens PGlite: generous limits, so a busy CI
// machine is not mistaken for a hung command.
const run = promisify(execFile);
const bin = resolve('bin/pacesetter.mjs');
let dir: string;

/** Runs the CLI on the embedded database in `dir` (never on a server, even if DATABASE_URL is set). */
async function pacesetter(args: string[], dataDir = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PACESETTER_DATA_DIR: dataDir, DATABASE_URL: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 180_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'pacesetter-cli-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('pacesetter CLI', () => {
  it('loads the demo, verifies the audit trail, and names a row edited behind its back', async () => {
    expect((await pacesetter(['demo'])).stdout).toMatch(/63 units/);
    const clean = await pacesetter(['audit', 'verify']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/intact/);

    const db = await openDatabase({ dataDir: join(dir, 'pglite') });
    await db.execScript(`ALTER TABLE audit_log DISABLE TRIGGER USER;
      UPDATE audit_log SET actor_name = '别人' WHERE seq = 42;
      ALTER TABLE audit_log ENABLE TRIGGER USER;`);
    await db.close();

    const broken = await pacesetter(['audit', 'verify']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/row 42: edited/);
  }, 180_000);

  it('refuses to reset the demo or restore without confirmation', async () => {
    const reset = await pacesetter(['demo', '--reset']);
    expect(reset.code).toBe(1);
    expect(reset.stderr).toMatch(/--yes/);
  }, 120_000);

  it('backs up to SQL and restores it into a new embedded database, audit chain and all', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'pacesetter-restore-'));
    try {
      expect((await pacesetter(['demo', '--reset', '--yes'])).code).toBe(0);
      const file = join(dir, 'backup.sql');
      const backup = await pacesetter(['backup', '--out', file]);
      expect(backup.stdout).toMatch(/backup written/);
      expect(readFileSync(file, 'utf8')).toMatch(/^-- Pacesetter backup/);
      const restored = await pacesetter(['restore', file, '--yes'], fresh);
      expect(restored.code).toBe(0);
      expect(restored.stdout).toMatch(/audit chain intact/);
      const db = await openDatabase({ dataDir: join(fresh, 'pglite') });
      const [units] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM units');
      await db.close();
      expect(units?.n).toBe('63');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 180_000);

  it('adds a user and resets a password from the shell, refusing a weak one', async () => {
    const add = await pacesetter(['user', 'add', '--username', 'ops', '--name', '运维', '--role', 'admin', '--password', 'Ops-initial-99']);
    expect(add.stdout).toMatch(/created ops/);
    const weak = await pacesetter(['user', 'reset-password', '--username', 'ops', '--password', 'short']);
    expect(weak.code).toBe(1);
    const reset = await pacesetter(['user', 'reset-password', '--username', 'ops', '--password', 'Ops-second-99']);
    expect(reset.stdout).toMatch(/reset/);
  }, 240_000);
});
