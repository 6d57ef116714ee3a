import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActionContext } from '../auth/actor.ts';
import { actorOf } from '../auth/request-guard.ts';
import type { Db } from '../db/client.ts';
import { apiErrorBody } from '../../core/http/api-error.ts';

/** The Fastify instance routes are registered on: zod schemas validate and document them. */

export interface RouteDeps {
  db: Db;
}

export function zodApp(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

export function contextOf(request: FastifyRequest): ActionContext {
  return { actor: actorOf(request), requestId: request.id };
}

export const idParams = z.strictObject({ id: z.uuid() });
export const versionBody = z.strictObject({ version: z.number().int().positive() });

/** Error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: apiErrorBody, 401: apiErrorBody, 403: apiErrorBody, 404: apiErrorBody, 409: apiErrorBody, 422: apiErrorBody,
};
