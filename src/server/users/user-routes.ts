import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { userCreateBody, userResetPasswordBody, userUpdateBody, userView } from '../../core/auth/schemas.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, zodApp, type RouteDeps } from '../http/api-app.ts';
import { createUser, listUsers, setPassword, updateUser } from './user-service.ts';

export function userRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const config = { access: 'user' as const };
  const tags = ['users'];

  api.get('/api/users', {
    config, schema: { tags, summary: 'All accounts (admin)', response: { 200: z.array(userView), ...errorResponses } },
  }, (request) => listUsers(db, actorOf(request)));

  api.post('/api/users', {
    config, schema: { tags, summary: 'Create an account; the user changes the password at first login', body: userCreateBody, response: { 201: userView, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await createUser(db, contextOf(request), request.body)));

  api.patch('/api/users/:id', {
    config, schema: { tags, summary: 'Edit, disable or re-enable an account', params: idParams, body: userUpdateBody, response: { 200: userView, ...errorResponses } },
  }, (request) => updateUser(db, contextOf(request), request.params.id, request.body));

  api.post('/api/users/:id/reset-password', {
    config, schema: { tags, summary: 'Set a new initial password and end the user\'s sessions', params: idParams, body: userResetPasswordBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await setPassword(db, contextOf(request), request.params.id, request.body.password);
    return reply.code(204).send(null);
  });
}
