import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { yearParams } from '../../core/scheme/collection.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, versionBody, zodApp, type RouteDeps } from '../http/api-app.ts';
import { ensure } from '../auth/policy.ts';
import { resultPolicy } from './assessment-policy.ts';
import { computeRound, listResultStates, publishRound, verifyResult } from './result-service.ts';
import { laggingIndicators, parsedResult, resultDetail, unitScorecard } from './result-views.ts';

const ok = { 200: z.unknown(), 201: z.unknown(), ...errorResponses };
const roundParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), round: z.string().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/) });
const unitParams = z.strictObject({ id: z.uuid(), unitCode: z.string().min(1).max(40) });

export function resultRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['assessment'];
  const config = { access: 'user' as const };

  api.get('/api/assessment/years/:year/results', {
    config, schema: { tags, summary: 'Results of the year (drafts only for the office, reviewers and leaders); a stale draft says why', params: yearParams, response: ok },
  }, (request) => listResultStates(db, actorOf(request), request.params.year));

  api.post('/api/assessment/years/:year/rounds/:round/compute', {
    config, schema: { tags, summary: 'Compute the draft result of a period (季季评) or of the YEAR from approved data', params: roundParams, response: ok },
  }, (request) => computeRound(db, contextOf(request), request.params.year, request.params.round));

  api.post('/api/assessment/results/:id/publish', {
    config, schema: { tags, summary: 'Publish a draft result; it is frozen from then on. A stale draft is refused (409)', params: idParams, body: versionBody, response: ok },
  }, (request) => publishRound(db, contextOf(request), request.params.id, request.body.version));

  api.get('/api/assessment/results/:id', {
    config, schema: { tags, summary: 'Ranking, scores, tiers and rank intervals per category', params: idParams, response: ok },
  }, (request) => resultDetail(db, actorOf(request), request.params.id));

  api.get('/api/assessment/results/:id/verify', {
    config, schema: { tags, summary: 'Recompute from the snapshot and compare bit for bit', params: idParams, response: ok },
  }, (request) => verifyResult(db, actorOf(request), request.params.id));

  api.get('/api/assessment/results/:id/snapshot', {
    config, schema: { tags, summary: "The engine's inputs of the result, for the what-if panel", params: idParams, response: ok },
  }, async (request) => {
    const actor = actorOf(request);
    ensure(resultPolicy.readSnapshot(actor), '只有考核办和区领导可以查看计算数据');
    return (await parsedResult(db, actor, request.params.id)).snapshot;
  });

  api.get('/api/assessment/results/:id/lagging', {
    config, schema: { tags, summary: 'Indicators where units lag their targets', params: idParams, response: ok },
  }, (request) => laggingIndicators(db, actorOf(request), request.params.id));

  api.get('/api/assessment/results/:id/units/:unitCode', {
    config, schema: { tags, summary: "A unit's scorecard: parts, indicators, trend, rank change explained", params: unitParams, response: ok },
  }, (request) => unitScorecard(db, actorOf(request), request.params.id, request.params.unitCode));
}
