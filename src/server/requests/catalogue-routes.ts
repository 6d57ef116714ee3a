// The catalogue, the settings officials change, the three rates and their ranking, Open311 keys.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceCreateBody, serviceUpdateBody, serviceView } from '../../core/requests/catalogue.ts';
import { monthOf } from '../../core/requests/sla.ts';
import { ensure } from '../auth/policy.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, zodApp, type RouteDeps } from '../http/api-app.ts';
import { createService, listServices, updateService } from './catalogue-service.ts';
import { hotspots } from './hotspot-service.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './open311/api-keys.ts';
import { monthlyRanking, rankingGroups, type RankingGroup } from './rates-service.ts';
import { getSettings, settingsBody, settingsView, updateSettings } from './settings-service.ts';
import { requestPolicy } from './request-policy.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const rankingQuery = z.strictObject({ month: month.optional(), group: z.enum(Object.keys(rankingGroups) as [RankingGroup, ...RankingGroup[]]).default('street_town') });

export function catalogueRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['requests'];
  const config = { access: 'user' as const };

  api.get('/api/request-services', {
    config, schema: { tags, summary: 'The dispatch catalogue (派单目录)', response: { 200: z.array(serviceView), ...errorResponses } },
  }, (request) => listServices(db, actorOf(request)));

  api.post('/api/request-services', {
    config, schema: { tags, summary: 'Add a category', body: serviceCreateBody, response: { 201: serviceView, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await createService(db, contextOf(request), request.body)));

  api.patch('/api/request-services/:id', {
    config, schema: { tags, summary: 'Change a category (limits, callback, attributes…)', params: idParams, body: serviceUpdateBody, response: { 200: serviceView, ...errorResponses } },
  }, (request) => updateService(db, contextOf(request), request.params.id, request.body));

  api.get('/api/request-settings', {
    config, schema: { tags, summary: 'Rate weights, duplicate detection and the default time limits of each SLA class', response: { 200: settingsView, ...errorResponses } },
  }, () => getSettings(db));

  api.put('/api/request-settings', {
    config, schema: { tags, summary: 'Change the settings: rate weights and credit (admin, assessment office); duplicates and class time limits (admin, hotline centre)', body: settingsBody, response: { 200: settingsView, ...errorResponses } },
  }, (request) => updateSettings(db, contextOf(request), request.body));

  api.get('/api/request-rates', {
    config, schema: { tags, summary: 'Monthly three rates and ranking of streets/towns or of departments', querystring: rankingQuery },
  }, (request) => monthlyRanking(db, request.query.month ?? monthOf(new Date()), request.query.group));

  api.get('/api/request-rates/indicator', {
    config, schema: { tags, summary: 'The composite as an indicator value per unit and month, for the assessment', querystring: rankingQuery },
  }, async (request) => {
    const ranking = await monthlyRanking(db, request.query.month ?? monthOf(new Date()), request.query.group);
    return ranking.rows.filter((r) => r.rates.composite !== null)
      .map((r) => ({ unitId: r.unitId, unitCode: r.unitCode, unitName: r.name, period: ranking.month, indicator: 'hotline_composite', value: r.rates.composite, rank: r.rank }));
  });

  api.get('/api/request-hotspots', {
    config, schema: { tags, summary: 'Trends, rising clusters, a suggested monthly theme and points for the map', querystring: z.strictObject({ month: month.optional() }) },
  }, (request) => {
    ensure(requestPolicy.readHotspots(actorOf(request)), '热点分析面向热线中心和区级部门');
    return hotspots(db, request.query.month ?? monthOf(new Date()));
  });

  api.get('/api/open311-keys', { config, schema: { tags, summary: 'Open311 client keys (admin)' } }, (request) => listApiKeys(db, actorOf(request)));
  api.post('/api/open311-keys', {
    config, schema: { tags, summary: 'Create an Open311 client key; the key is shown once', body: z.strictObject({ name: z.string().trim().min(1).max(100) }) },
  }, async (request, reply) => reply.code(201).send(await createApiKey(db, contextOf(request), request.body.name)));
  api.post('/api/open311-keys/:id/revoke', {
    config, schema: { tags, summary: 'Revoke an Open311 client key for good (admin)', params: idParams },
  }, (request) => revokeApiKey(db, contextOf(request), request.params.id));
}
