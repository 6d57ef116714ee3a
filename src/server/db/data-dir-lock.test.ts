import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';

const dir = () => join(mkdtempSync(join(tmpdir(), 'pacesetter-lock-')), 'pglite');
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGKILL'); });

/** A process that is alive while the test runs, standing for another server. */
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe('data directory lock', () => {
  it('refuses a second process while the first runs, naming it', () => {
    const dataDir = dir();
    const pid = otherProcess();
    writeFileSync(`${dataDir}.lock`, String(pid));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dataDir)).toThrow(`进程号 ${pid}`);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(pid));
  });

  it('takes over a lock whose process has ended, and removes it on release', async () => {
    const dataDir = dir();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((done) => child.once('exit', done));
    writeFileSync(`${dataDir}.lock`, String(child.pid));
    const release = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('lets one process open the directory twice and keeps the lock until the last release', () => {
    const dataDir = dir();
    const first = lockDataDir(dataDir);
    const second = lockDataDir(dataDir);
    first();
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    second();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
