// Settings that operators choose, from the environment. Settings officials change live in the database.
import { resolve } from 'node:path';

export interface ServerConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** How often each process runs the deadline worker (PACESETTER_ALARM_INTERVAL_MS). */
  alarmIntervalMs: number;
}

/** Default interval of the deadline worker: every 30 s. */
export const defaultAlarmIntervalMs = 30_000;

/**
 * How often each server process looks for deadline warnings that have fallen due, from
 * PACESETTER_ALARM_INTERVAL_MS (milliseconds, 100 … 3,600,000; default 30 s). Tests shorten it.
 */
export function alarmIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PACESETTER_ALARM_INTERVAL_MS?.trim();
  if (!raw) return defaultAlarmIntervalMs;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 3_600_000) {
    throw new Error(`PACESETTER_ALARM_INTERVAL_MS must be a whole number of milliseconds from 100 to 3600000, got ${raw}`);
  }
  return ms;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must start with postgres://');
  return {
    databaseUrl,
    dataDir: resolve(env.PACESETTER_DATA_DIR ?? 'data', 'pglite'),
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    alarmIntervalMs: alarmIntervalMs(env),
  };
}
