import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { unitCreateBody, unitListQuery, unitUpdateBody, unitView } from '../../core/org/unit.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, versionBody, zodApp, type RouteDeps } from '../http/api-app.ts';
import { createUnit, getUnit, listUnits, updateUnit } from './unit-service.ts';

export function unitRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['org'];
  const config = { access: 'user' as const };

  api.get('/api/units', {
    config,
    schema: { tags, summary: 'List units; search by name, code or pinyin initials', querystring: unitListQuery,
      response: { 200: z.object({ items: z.array(unitView), total: z.number() }), ...errorResponses } },
  }, (request) => listUnits(db, actorOf(request), request.query));

  api.get('/api/units/:id', {
    config, schema: { tags, summary: 'One unit', params: idParams, response: { 200: unitView, ...errorResponses } },
  }, (request) => getUnit(db, actorOf(request), request.params.id));

  api.post('/api/units', {
    config, schema: { tags, summary: 'Create a unit', body: unitCreateBody, response: { 201: unitView, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await createUnit(db, contextOf(request), request.body)));

  api.patch('/api/units/:id', {
    config, schema: { tags, summary: 'Edit a unit', params: idParams, body: unitUpdateBody, response: { 200: unitView, ...errorResponses } },
  }, (request) => {
    const { version, ...change } = request.body;
    return updateUnit(db, contextOf(request), request.params.id, version, change);
  });

  // Units are deactivated, never deleted: their history (scores, requests, audit) stays whole.
  api.post('/api/units/:id/deactivate', {
    config, schema: { tags, summary: 'Deactivate a unit', params: idParams, body: versionBody, response: { 200: unitView, ...errorResponses } },
  }, (request) => updateUnit(db, contextOf(request), request.params.id, request.body.version, { active: false }, 'unit.deactivate'));

  api.post('/api/units/:id/activate', {
    config, schema: { tags, summary: 'Reactivate a unit', params: idParams, body: versionBody, response: { 200: unitView, ...errorResponses } },
  }, (request) => updateUnit(db, contextOf(request), request.params.id, request.body.version, { active: true }, 'unit.activate'));
}
