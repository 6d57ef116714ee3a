// Everything of citizen requests the application registers: the JSON API (with dispatch rules and
// bulk import), Open311 under /open311/v2, and the deadline worker, which runs while the server listens.
import type { FastifyInstance } from 'fastify';
import { alarmIntervalMs } from '../config.ts';
import type { RouteDeps } from '../http/api-app.ts';
import { catalogueRoutes } from './catalogue-routes.ts';
import { startDeadlineWorker } from './deadline-alarms.ts';
import { dispatchRuleRoutes } from './dispatch-rule-routes.ts';
import { open311Routes } from './open311/open311-routes.ts';
import { startPublicFilingPurge } from './public-intake-throttle.ts';
import { registerRequestHistoryReaders } from './request-audit.ts';
import { requestImportRoutes } from './request-import-routes.ts';
import { requestApiRoutes } from './request-routes.ts';

export async function registerRequests(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerRequestHistoryReaders();
  requestApiRoutes(app, deps);
  catalogueRoutes(app, deps);
  dispatchRuleRoutes(app, deps);
  await requestImportRoutes(app, deps);
  await app.register(open311Routes, { prefix: '/open311/v2', db: deps.db });
  let stop: (() => void) | undefined;
  let stopPurge: (() => void) | undefined;
  app.addHook('onListen', async () => {
    stop ??= startDeadlineWorker(deps.db, (error) => app.log.error({ err: error }, 'deadline worker failed'), alarmIntervalMs());
    stopPurge ??= startPublicFilingPurge(deps.db, (error) => app.log.error({ err: error }, 'purging public filings failed'));
  });
  app.addHook('onClose', async () => { stop?.(); stopPurge?.(); });
}
