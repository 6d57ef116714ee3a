// Routes that move files: Excel templates and uploads, bulk import, evidence, exports.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { evidenceMaxBytes, evidenceTypes, submissionParams } from '../../core/scheme/collection.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, idParams, zodApp, type RouteDeps } from '../http/api-app.ts';
import { badRequest } from '../http/errors.ts';
import { bodyBuffer, sendFile, xlsxType } from '../http/file-transfer.ts';
import { ensure } from '../auth/policy.ts';
import { schemePolicy } from './assessment-policy.ts';
import { importAccess, importProgress, importTemplate, startImport } from './bulk-import.ts';
import { loadSubmission } from './collection-service.ts';
import { attachEvidence, readEvidence } from './evidence-service.ts';
import { submissionTemplate, uploadSubmissionWorkbook } from './submission-workbook.ts';
import { resultFiles } from './result-file-routes.ts';
import { createScheme, getScheme } from './scheme-service.ts';
import { readSchemeWorkbook, schemeWorkbook } from './scheme-workbook.ts';

/** Excel uploads may be a few megabytes (70,000 values); evidence at most evidenceMaxBytes. */
export const uploadBodyLimit = Math.max(30 * 1024 * 1024, evidenceMaxBytes + 1024);
export const uploadTypes = [...new Set([xlsxType, 'application/octet-stream', ...Object.keys(evidenceTypes)])];

const ok = { 200: z.unknown(), 201: z.unknown(), 202: z.unknown(), ...errorResponses };
const periodParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), period: z.string().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/) });

export function fileRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const api = zodApp(app);
  const tags = ['assessment'];
  const config = { access: 'user' as const };
  const at = '/api/assessment/years/:year/periods/:period/units/:unitId';

  api.get(`${at}/template.xlsx`, {
    config, schema: { tags, summary: "Excel template pre-filled with the unit's indicators", params: submissionParams, response: ok },
  }, async (request, reply) => {
    const { year, period, unitId } = request.params;
    return sendFile(reply, await submissionTemplate(db, actorOf(request), year, period, unitId), xlsxType);
  });

  api.post(`${at}/upload`, {
    config, schema: { tags, summary: 'Upload the filled template (.xlsx body); all or nothing, errors name sheet, row and column', params: submissionParams, response: ok },
  }, (request) => {
    const { year, period, unitId } = request.params;
    return uploadSubmissionWorkbook(db, contextOf(request), year, period, unitId, bodyBuffer(request.body));
  });

  api.get('/api/assessment/import-access', {
    config, schema: { tags, summary: 'The years whose scheme lets the caller bulk-import (the office; the statistics bureau its years), with each year’s periods', response: { 200: z.object({
      years: z.array(z.number()),
      periods: z.record(z.string(), z.array(z.object({ code: z.string(), label: z.string(), kind: z.enum(['period', 'month']) }))),
    }), ...errorResponses } },
  }, (request) => importAccess(db, actorOf(request)));

  api.get('/api/assessment/years/:year/periods/:period/import-template.xlsx', {
    config, schema: { tags, summary: 'Bulk import template: a sheet per category, a row per unit', params: periodParams, response: ok },
  }, async (request, reply) => sendFile(reply, await importTemplate(db, actorOf(request), request.params.year, request.params.period), xlsxType));

  api.post('/api/assessment/years/:year/periods/:period/import', {
    config, schema: { tags, summary: 'Start a bulk import (.xlsx body); poll the job for progress', params: periodParams, response: ok },
  }, async (request, reply) => reply.code(202).send(await startImport(db, contextOf(request), request.params.year, request.params.period, bodyBuffer(request.body))));

  api.get('/api/assessment/imports/:id', {
    config, schema: { tags, summary: 'Progress of a bulk import', params: idParams, response: ok },
  }, (request) => importProgress(db, actorOf(request), request.params.id));

  const evidenceQuery = z.strictObject({ fileName: z.string().min(1).max(200), indicatorCode: z.string().min(1).max(40).optional() });
  api.post('/api/assessment/submissions/:id/evidence', {
    config, schema: { tags, summary: 'Attach an evidence file to a value (PDF, image, Office; ≤ 10 MB)', params: idParams, querystring: evidenceQuery, response: ok },
  }, async (request, reply) => {
    if (!request.query.indicatorCode) throw badRequest('请指明材料所属的指标 (indicatorCode)', { field: 'indicatorCode' });
    const s = await loadSubmission(db, request.params.id);
    const file = { fileName: request.query.fileName, mediaType: request.headers['content-type'] ?? '', content: bodyBuffer(request.body) };
    return reply.code(201).send(await attachEvidence(db, contextOf(request), { submissionId: s.id, indicatorCode: request.query.indicatorCode }, file));
  });

  api.post('/api/assessment/adjustments/:id/evidence', {
    config, schema: { tags, summary: 'Attach an evidence file to a bonus, penalty or veto entry', params: idParams, querystring: evidenceQuery, response: ok },
  }, async (request, reply) => {
    const file = { fileName: request.query.fileName, mediaType: request.headers['content-type'] ?? '', content: bodyBuffer(request.body) };
    return reply.code(201).send(await attachEvidence(db, contextOf(request), { adjustmentId: request.params.id }, file));
  });

  api.get('/api/assessment/evidence/:id', {
    config, schema: { tags, summary: 'Download an evidence file', params: idParams, response: ok },
  }, async (request, reply) => {
    const file = await readEvidence(db, actorOf(request), request.params.id);
    return sendFile(reply, file, file.mediaType);
  });

  api.get('/api/assessment/schemes/:id/export.xlsx', {
    config, schema: { tags, summary: 'The scheme as an Excel workbook (a sheet per category)', params: idParams, response: ok },
  }, async (request, reply) => {
    const s = await getScheme(db, actorOf(request), request.params.id);
    return sendFile(reply, { fileName: `${s.name}-v${s.schemeVersion}.xlsx`, content: await schemeWorkbook(s.year, s.name, s.content) }, xlsxType);
  });

  api.post('/api/assessment/schemes/import.xlsx', {
    config, schema: { tags, summary: 'Create a draft scheme from an exported Excel workbook; errors name sheet, row and column', response: ok },
  }, async (request, reply) => {
    // Refuse before reading: whoever may not create schemes learns nothing about the file.
    ensure(schemePolicy.manage(actorOf(request)), '只有考核办可以制定考核方案');
    const parsed = await readSchemeWorkbook(bodyBuffer(request.body));
    return reply.code(201).send(await createScheme(db, contextOf(request), parsed));
  });

  resultFiles(app, deps);
}
