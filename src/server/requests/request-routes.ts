// The JSON API of citizen requests for officials (/api/requests…) and for citizens (/api/public/…).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publicRequestBody, publicRequestView, requestCreateBody, requestDetail, requestEventBody, requestListQuery, requestSummary } from '../../core/requests/request.ts';
import { serviceView } from '../../core/requests/catalogue.ts';
import { ensure } from '../auth/policy.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, zodApp, type RouteDeps } from '../http/api-app.ts';
import { notFound, unprocessable } from '../http/errors.ts';
import { listServices } from './catalogue-service.ts';
import { admitPublicFiling } from './public-intake-throttle.ts';
import { dispatchSuggestions } from './dispatch-service.ts';
import { exportCsv } from './request-export.ts';
import { areaCentres, findService, requestCode, takeIn } from './intake-service.ts';
import { applyEvent } from './lifecycle-service.ts';
import { getRequest, listRequests, overdueList, trackRequest } from './request-queries.ts';
import { requestPolicy } from './request-policy.ts';
import { listWarnings, liveWarnings, warningsByUnit } from './warning-queries.ts';

/** duplicateOf: the id of the open request this one likely repeats; duplicateOfCode: its code, to tell the caller. */
const created = z.object({ id: z.string(), code: z.string(), duplicateOf: z.string().nullable(), duplicateOfCode: z.string().nullable() });

export function requestApiRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['requests'];
  const config = { access: 'user' as const };

  api.get('/api/requests', {
    config, schema: { tags, summary: 'List requests (a unit reporter sees those its unit handles)', querystring: requestListQuery,
      response: { 200: z.object({ items: z.array(requestSummary), total: z.number() }), ...errorResponses } },
  }, (request) => listRequests(db, actorOf(request), request.query));

  api.get('/api/requests/export.csv', {
    config, schema: { tags, summary: 'Export requests as CSV, with the citizen as the reader may see them', querystring: requestListQuery.omit({ limit: true, offset: true }) },
  }, async (request, reply) => {
    const csv = await exportCsv(db, actorOf(request), request.query);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="requests.csv"').send(csv);
  });

  api.post('/api/requests', {
    config, schema: { tags, summary: 'Take a request (hotline call-taker)', body: requestCreateBody, response: { 201: created, ...errorResponses } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    ensure(requestPolicy.create(ctx.actor), '只有热线中心可以受理诉求');
    const body = request.body;
    const service = await findService(db, { id: body.serviceId });
    if (!service) throw unprocessable('诉求类别不存在 (unknown service)', { field: 'serviceId' });
    const { request: row } = await takeIn(db, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, requestId: ctx.requestId }, {
      service, description: body.description, address: body.address, lat: body.lat ?? null, lon: body.lon ?? null,
      divisionCode: body.divisionCode ?? null, citizenName: body.citizenName, citizenPhone: body.citizenPhone, channel: body.channel,
    });
    return reply.code(201).send({ id: row.id, code: row.code, duplicateOf: row.duplicateOfId, duplicateOfCode: await requestCode(db, row.duplicateOfId) });
  });

  api.get('/api/requests/:id', {
    config, schema: { tags, summary: 'One request with its steps, clocks, callbacks and the actions open to the reader', params: idParams, response: { 200: requestDetail, ...errorResponses } },
  }, (request) => getRequest(db, actorOf(request), request.params.id));

  api.post('/api/requests/:id/events', {
    config, schema: { tags, summary: 'Apply a lifecycle step: dispatch, accept, return, start, reply, callback, close, reopen, extensions, co-handlers', params: idParams, body: requestEventBody, response: { 200: requestDetail, ...errorResponses } },
  }, async (request) => {
    const ctx = contextOf(request);
    await applyEvent(db, ctx, request.params.id, request.body);
    return getRequest(db, ctx.actor, request.params.id);
  });

  api.get('/api/requests/:id/suggestions', {
    config, schema: { tags, summary: 'Where to dispatch: the rule, and units that handled similar requests, with reasons', params: idParams },
  }, (request) => dispatchSuggestions(db, actorOf(request), request.params.id));

  api.get('/api/units/:id/overdue-requests', {
    config, schema: { tags, summary: "A unit's requests past their deadline and still owed a reply", params: idParams },
  }, async (request) => {
    const actor = actorOf(request);
    if (actor.role === 'unit_reporter' && actor.unitId !== request.params.id) throw notFound('单位');
    return overdueList(db, request.params.id);
  });

  api.get('/api/request-warnings', {
    config, schema: { tags, summary: 'Deadline warnings (a unit reporter sees its own unit’s)', querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  }, (request) => listWarnings(db, actorOf(request), request.query.limit));

  api.get('/api/request-warnings/live', {
    config, schema: { tags, summary: 'Live deadline warnings: requests still owing a response or resolution near or past its deadline, one per request and clock, most urgent first (a unit reporter sees its own unit’s)',
      querystring: z.strictObject({ unitId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  }, (request) => liveWarnings(db, actorOf(request), request.query));

  api.get('/api/request-warnings/by-unit', {
    config, schema: { tags, summary: 'Live deadline warnings counted by unit, for the hotline centre’s overview (a unit reporter gets its own unit only)' },
  }, (request) => warningsByUnit(db, actorOf(request)));

  // Citizens: the catalogue to choose from, filing a request, following it by its tracking code.
  api.get('/api/public/request-areas', {
    config: { access: 'public' }, schema: { tags, summary: 'The streets and towns of the district, for the public form', response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) } },
  }, async () => (await areaCentres(db)).map((a) => ({ code: a.divisionCode, name: a.name })).sort((a, b) => a.code.localeCompare(b.code)));

  api.get('/api/public/request-services', {
    config: { access: 'public' }, schema: { tags, summary: 'Active request categories, for the public form', response: { 200: z.array(serviceView) } },
  }, () => listServices(db, null, { activeOnly: true }));

  api.post('/api/public/requests', {
    config: { access: 'public' }, schema: { tags, summary: 'File a request as a citizen; answers the tracking code (at most 20 an hour from one address, else 429)', body: publicRequestBody, response: { 201: z.object({ code: z.string() }), ...errorResponses } },
  }, async (request, reply) => {
    await admitPublicFiling(db, request.ip);
    const body = request.body;
    const service = await findService(db, { code: body.serviceCode });
    if (!service || !service.active) throw unprocessable('诉求类别不存在 (unknown service)', { field: 'serviceCode' });
    if ((body.lat == null) !== (body.lon == null)) throw unprocessable('经纬度须同时提供 (give both lat and lon)', { field: 'lat' });
    const { request: row } = await takeIn(db, { actorId: null, actorName: '市民（网上）', requestId: request.id }, {
      service, description: body.description, address: body.address, lat: body.lat ?? null, lon: body.lon ?? null, divisionCode: body.divisionCode ?? null,
      citizenName: body.citizenName, citizenPhone: body.citizenPhone, channel: 'web',
    });
    return reply.code(201).send({ code: row.code });
  });

  api.get('/api/public/requests/:code', {
    config: { access: 'public' }, schema: { tags, summary: 'Follow a request by its tracking code (anonymised)', params: z.strictObject({ code: z.string().regex(/^[A-Za-z0-9]{6,24}$/) }), response: { 200: publicRequestView, ...errorResponses } },
  }, (request) => trackRequest(db, request.params.code));
}
