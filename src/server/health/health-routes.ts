import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ping } from '../db/locks.ts';
import { zodApp, type RouteDeps } from '../http/api-app.ts';

export function healthRoutes(app: FastifyInstance, { db }: RouteDeps, databaseKind: string): void {
  zodApp(app).get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Is the server up and the database reachable?',
      response: { 200: z.object({ status: z.literal('ok'), database: z.string() }), 503: z.object({ status: z.literal('unavailable'), database: z.string() }) } },
  }, async (_request, reply) => {
    try {
      await ping(db);
      return { status: 'ok' as const, database: `${databaseKind}: reachable` };
    } catch {
      return reply.code(503).send({ status: 'unavailable' as const, database: `${databaseKind}: unreachable` });
    }
  });
}
