import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  adjustmentCreateBody, adjustmentDecisionBody, returnBody, reviewBody, submissionParams, submissionStates, valuesBody, yearParams,
} from '../../core/scheme/collection.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, versionBody, zodApp, type RouteDeps } from '../http/api-app.ts';
import { decideAdjustment, listAdjustments, proposeAdjustment, withdrawAdjustment } from './adjustment-service.ts';
import { dueList, saveValues, submissionView, submitValues } from './collection-service.ts';
import { decideSubmission, reviewDetail, reviewQueue } from './review-service.ts';

const ok = { 200: z.unknown(), 201: z.unknown(), ...errorResponses };

export function collectionRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['assessment'];
  const config = { access: 'user' as const };
  const at = '/api/assessment/years/:year/periods/:period/units/:unitId';

  api.get('/api/assessment/years/:year/due', {
    config, schema: { tags, summary: 'What units owe per period, with deadlines (a reporter: their own unit)', params: yearParams,
      querystring: z.strictObject({ unitId: z.uuid().optional() }), response: ok },
  }, (request) => dueList(db, actorOf(request), request.params.year, request.query.unitId));

  api.get(at, {
    config, schema: { tags, summary: "A unit's submission for a period: due indicators, values, previous period", params: submissionParams, response: ok },
  }, (request) => submissionView(db, actorOf(request), request.params.year, request.params.period, request.params.unitId));

  api.post(`${at}/values`, {
    config, schema: { tags, summary: 'Save values (draft or returned submissions only); all or nothing', params: submissionParams, body: valuesBody, response: ok },
  }, (request) => {
    const { year, period, unitId } = request.params;
    return saveValues(db, contextOf(request), year, period, unitId, request.body.version, request.body.values);
  });

  api.post(`${at}/submit`, {
    config, schema: { tags, summary: 'Submit for review; every due value must be entered', params: submissionParams, body: versionBody, response: ok },
  }, (request) => {
    const { year, period, unitId } = request.params;
    return submitValues(db, contextOf(request), year, period, unitId, request.body.version);
  });

  api.get('/api/assessment/years/:year/queue', {
    config, schema: { tags, summary: "Reviewers' queue of submissions", params: yearParams,
      querystring: z.strictObject({ period: z.string().max(40).optional(), state: z.enum(submissionStates).optional() }), response: ok },
  }, (request) => reviewQueue(db, actorOf(request), request.params.year, request.query));

  api.get('/api/assessment/submissions/:id', {
    config, schema: { tags, summary: 'A submission with change against the last period and flags', params: idParams, response: ok },
  }, (request) => reviewDetail(db, actorOf(request), request.params.id));

  api.post('/api/assessment/submissions/:id/approve', {
    config, schema: { tags, summary: 'Approve a submitted submission', params: idParams, body: reviewBody, response: ok },
  }, (request) => decideSubmission(db, contextOf(request), request.params.id, 'approve', request.body.version, request.body.comment));

  api.post('/api/assessment/submissions/:id/return', {
    config, schema: { tags, summary: 'Return a submission to the unit with a comment', params: idParams, body: returnBody, response: ok },
  }, (request) => decideSubmission(db, contextOf(request), request.params.id, 'return', request.body.version, request.body.comment));

  api.get('/api/assessment/years/:year/adjustments', {
    config, schema: { tags, summary: 'Bonus, penalty and veto entries of the year', params: yearParams, response: ok },
  }, (request) => listAdjustments(db, actorOf(request), request.params.year));

  api.post('/api/assessment/adjustments', {
    config, schema: { tags, summary: 'Propose a bonus, penalty or veto entry', body: adjustmentCreateBody, response: ok },
  }, async (request, reply) => reply.code(201).send(await proposeAdjustment(db, contextOf(request), request.body)));

  api.post('/api/assessment/adjustments/:id/decide', {
    config, schema: { tags, summary: 'Approve or reject an entry (not by whoever proposed it; approval needs evidence)', params: idParams, body: adjustmentDecisionBody, response: ok },
  }, (request) => decideAdjustment(db, contextOf(request), request.params.id, request.body.decision, request.body.version, request.body.comment));

  api.post('/api/assessment/adjustments/:id/withdraw', {
    config, schema: { tags, summary: 'Withdraw a pending or approved entry with a reason (the office; refused once its period is frozen)', params: idParams, body: returnBody, response: ok },
  }, (request) => withdrawAdjustment(db, contextOf(request), request.params.id, request.body.version, request.body.comment));
}
