// PGlite keeps its database in files that only one process may open at a time: a second process
// does not fail, it works on its own copy, and the two silently diverge — changes get lost. A lock
// file beside the data directory, holding the owner's process id, makes a second process refuse
// to start instead. A lock left by a process that no longer runs is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`数据目录 ${dataDir} 正被另一个排头兵进程（进程号 ${pid}）使用；内置数据库同一时间只能由一个进程打开。请先停止该进程，`
      + `多个进程请改用 PostgreSQL（设置 DATABASE_URL）。(the data directory is in use by process ${pid}; stop it first, `
      + 'or set DATABASE_URL to a PostgreSQL server to run several processes)');
  }
}

/** Opens within this process share the lock; the last release removes the file. */
const heldHere = new Map<string, number>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the lock of `dataDir` for this process; returns the function that gives it back. */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  const release = () => {
    const count = (heldHere.get(file) ?? 1) - 1;
    if (count > 0) { heldHere.set(file, count); return; }
    heldHere.delete(file);
    if (readHolder(file) === process.pid) unlinkSync(file);
  };
  const held = heldHere.get(file);
  if (held) { heldHere.set(file, held + 1); return release; }

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.set(file, 1);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder !== null && holder !== process.pid && isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
      // Left behind by a process that ended without cleaning up (or half-written): take it over.
      try { unlinkSync(file); } catch { /* someone else removed it first; try again */ }
    }
  }
  throw new Error(`could not take the lock ${file}`);
}
