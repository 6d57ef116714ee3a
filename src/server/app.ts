// Builds the Fastify application: the JSON API under /api, its OpenAPI document at /api/docs, and
// the web app. Tests build it with an in-memory database and call it with inject().
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/client.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { installRequestGuard } from './auth/request-guard.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { registerAssessment } from './assessment/assessment-module.ts';
import { healthRoutes } from './health/health-routes.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { installJsonParser } from './http/json-parser.ts';
import { orgRoutes } from './org/org-routes.ts';
import { unitRoutes } from './org/unit-routes.ts';
import { registerRequests } from './requests/request-module.ts';
import { userRoutes } from './users/user-routes.ts';
import { registerOrgHistoryReaders } from './org/org-audit.ts';
import { registerUserHistoryReaders } from './users/user-audit.ts';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Directory of the built web app; defaults to dist/web of the project. */
  webRoot?: string;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultWebRoot = resolve(projectRoot, 'dist', 'web');

/** 1 MiB is far above any form; larger bodies are refused with 413 before they are parsed. */
export const bodyLimit = 1_048_576;

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    trustProxy: process.env.TRUST_PROXY === 'true',
    // Keep a caller's request id when it is well-formed, so one id follows a request across systems.
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && requestIdPattern.test(sent) ? sent : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => { void reply.header('x-request-id', request.id); });

  installJsonParser(app);
  installErrorHandling(app);
  await app.register(fastifyCookie);
  installRequestGuard(app, options.database.db);

  // The API documentation is public reading, like the code it documents.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), access: 'public' };
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Pacesetter 排头兵 API', version: '0.1.0', description: 'Cookie sessions; send the CSRF token from /api/auth/me as the x-csrf-token header with every change. Errors: {"error": {"code", "message", "details"}}.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerOrgHistoryReaders();
  registerUserHistoryReaders();
  const deps = { db: options.database.db };
  healthRoutes(app, deps, options.database.kind);
  authRoutes(app, deps);
  userRoutes(app, deps);
  unitRoutes(app, deps);
  orgRoutes(app, deps);
  auditRoutes(app, deps);
  await registerRequests(app, deps);
  await registerAssessment(app, deps);

  await serveWebApp(app, options.webRoot ?? defaultWebRoot);
  return app;
}

/** Serves the built single-page app; any non-API path falls back to its index.html. */
async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const built = existsSync(resolve(webRoot, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  app.get('/*', { config: { access: 'public' } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({ error: { code: 'not_found', message: `没有此接口 (no route ${request.method} ${request.url.split('?')[0]})` } });
    }
    if (!built) return reply.type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build` (npm start does it).');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
