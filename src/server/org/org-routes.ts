import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  categoryCreateBody, categoryUpdateBody, categoryView, contactCreateBody, contactUpdateBody, contactView, divisionView,
} from '../../core/org/unit.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, zodApp, type RouteDeps } from '../http/api-app.ts';
import { notFound } from '../http/errors.ts';
import { createCategory, listCategories, updateCategory } from './category-service.ts';
import { createContact, listContacts, updateContact } from './contact-service.ts';
import { childDivisions, divisionPath, findDivision, searchDivisions } from './divisions.ts';

/** Unit categories, contacts and administrative divisions. */
export function orgRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const config = { access: 'user' as const };
  const tags = ['org'];

  api.get('/api/categories', {
    config, schema: { tags, summary: 'Unit categories (考核类别)', response: { 200: z.array(categoryView), ...errorResponses } },
  }, (request) => listCategories(db, actorOf(request)));

  api.post('/api/categories', {
    config, schema: { tags, summary: 'Create a unit category', body: categoryCreateBody, response: { 201: categoryView, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await createCategory(db, contextOf(request), request.body)));

  api.patch('/api/categories/:id', {
    config, schema: { tags, summary: 'Edit or deactivate a unit category', params: idParams, body: categoryUpdateBody, response: { 200: categoryView, ...errorResponses } },
  }, (request) => updateCategory(db, contextOf(request), request.params.id, request.body));

  api.get('/api/units/:id/contacts', {
    config, schema: { tags, summary: "A unit's contact people", params: idParams, response: { 200: z.array(contactView), ...errorResponses } },
  }, (request) => listContacts(db, actorOf(request), request.params.id));

  api.post('/api/units/:id/contacts', {
    config, schema: { tags, summary: 'Add a contact person', params: idParams, body: contactCreateBody, response: { 201: contactView, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await createContact(db, contextOf(request), request.params.id, request.body)));

  api.patch('/api/contacts/:id', {
    config, schema: { tags, summary: 'Edit or deactivate a contact person', params: idParams, body: contactUpdateBody, response: { 200: contactView, ...errorResponses } },
  }, (request) => updateContact(db, contextOf(request), request.params.id, request.body));

  api.get('/api/divisions', {
    config, schema: { tags, summary: 'Administrative divisions (GB/T 2260): children of `parent`, or provinces; `q` searches by name or pinyin initials',
      querystring: z.strictObject({ parent: z.string().regex(/^\d{2,9}$/).optional(), q: z.string().trim().min(1).max(40).optional() }),
      response: { 200: z.array(divisionView), ...errorResponses } },
  }, (request) => (request.query.q ? searchDivisions(request.query.q, request.query.parent) : childDivisions(request.query.parent)));

  api.get('/api/divisions/:code', {
    config, schema: { tags, summary: 'One division with its path from the province down',
      params: z.strictObject({ code: z.string().regex(/^\d{2,9}$/) }), response: { 200: z.object({ division: divisionView, path: z.array(divisionView) }), ...errorResponses } },
  }, (request) => {
    const division = findDivision(request.params.code);
    if (!division) throw notFound('行政区划');
    return { division, path: divisionPath(division.code) };
  });
}
