import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { schemeCopyBody, schemeCreateBody, schemeReviseBody, schemeSummary, schemeUpdateBody } from '../../core/scheme/scheme.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, versionBody, zodApp, type RouteDeps } from '../http/api-app.ts';
import { copyScheme, createScheme, getScheme, listSchemes, publishScheme, reviseScheme, updateScheme } from './scheme-service.ts';

/** The file format of an exported scheme; importing it is creating a draft from its content. */
export const schemeFileFormat = 'pacesetter-scheme';

const ok = { 200: z.unknown(), 201: z.unknown(), ...errorResponses };

export function schemeRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['assessment'];
  const config = { access: 'user' as const };

  api.get('/api/assessment/schemes', {
    config, schema: { tags, summary: 'Scheme versions, newest year first', response: { 200: z.array(schemeSummary), ...errorResponses } },
  }, (request) => listSchemes(db, actorOf(request)));

  api.get('/api/assessment/schemes/:id', {
    config, schema: { tags, summary: 'One scheme version with its indicator trees', params: idParams, response: ok },
  }, (request) => getScheme(db, actorOf(request), request.params.id));

  api.get('/api/assessment/schemes/:id/export.json', {
    config, schema: { tags, summary: 'The scheme as a JSON file to import elsewhere', params: idParams, response: ok },
  }, async (request, reply) => {
    const s = await getScheme(db, actorOf(request), request.params.id);
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${s.name}-v${s.schemeVersion}.json`)}`);
    return { format: schemeFileFormat, formatVersion: 1, year: s.year, name: s.name, content: s.content };
  });

  api.post('/api/assessment/schemes', {
    config, schema: { tags, summary: 'Create a draft scheme (also imports an exported one: send year, name and content)', body: schemeCreateBody, response: ok },
  }, async (request, reply) => reply.code(201).send(await createScheme(db, contextOf(request), request.body)));

  api.patch('/api/assessment/schemes/:id', {
    config, schema: { tags, summary: 'Edit a draft scheme', params: idParams, body: schemeUpdateBody, response: ok },
  }, (request) => updateScheme(db, contextOf(request), request.params.id, request.body.version, request.body));

  api.post('/api/assessment/schemes/:id/publish', {
    config, schema: { tags, summary: 'Publish a draft; it is frozen from then on', params: idParams, body: versionBody, response: ok },
  }, (request) => publishScheme(db, contextOf(request), request.params.id, request.body.version));

  api.post('/api/assessment/schemes/:id/revise', {
    config, schema: { tags, summary: 'Start a new version of a published scheme, with the reason', params: idParams, body: schemeReviseBody, response: ok },
  }, async (request, reply) => reply.code(201).send(await reviseScheme(db, contextOf(request), request.params.id, request.body.version, request.body.reason)));

  api.post('/api/assessment/schemes/:id/copy', {
    config, schema: { tags, summary: 'Copy a scheme to start a later year', params: idParams, body: schemeCopyBody, response: ok },
  }, async (request, reply) => reply.code(201).send(await copyScheme(db, contextOf(request), request.params.id, request.body.year)));
}
