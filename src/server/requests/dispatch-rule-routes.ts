// Dispatch rules (派单规则): list, add, remove (hotline centre and admin; officials read them).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dispatchRuleCreateBody, dispatchRuleView } from '../../core/requests/dispatch-rules.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, zodApp, type RouteDeps } from '../http/api-app.ts';
import { createDispatchRule, deleteDispatchRule, listDispatchRules } from './dispatch-rule-service.ts';

export function dispatchRuleRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['requests'];
  const config = { access: 'user' as const };

  api.get('/api/dispatch-rules', {
    config, schema: { tags, summary: 'Dispatch rules: category and/or street or town → unit, most specific first', response: { 200: z.array(dispatchRuleView), ...errorResponses } },
  }, (request) => listDispatchRules(db, actorOf(request)));

  api.post('/api/dispatch-rules', {
    config, schema: { tags, summary: 'Add a dispatch rule (hotline centre, admin); one rule per category and place', body: dispatchRuleCreateBody, response: { 201: dispatchRuleView, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await createDispatchRule(db, contextOf(request), request.body)));

  api.delete('/api/dispatch-rules/:id', {
    config, schema: { tags, summary: 'Remove a dispatch rule (kept in the audit trail)', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await deleteDispatchRule(db, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
