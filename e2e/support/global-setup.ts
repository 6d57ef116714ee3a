// Starts the real server (`pacesetter serve`) on a fresh embedded database in a temporary
// directory and a free port, waits until /api/health answers, and stops it after the run.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServerProcess } from '../../src/server/test-support/server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = resolve(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build` first (npm run test:e2e does it)');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'pacesetter-e2e-'));
  let server;
  try {
    // Always the embedded database: browser tests need no server, whatever DATABASE_URL says.
    server = await startServerProcess({ PACESETTER_DATA_DIR: dataDir, DATABASE_URL: '' });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', server.baseUrl);

  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
