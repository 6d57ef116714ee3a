// Bulk import of requests (批量导入): the template, and the upload (.xlsx or CSV as the request
// body). Registered in a scope of its own, with the content types it takes and its own size limit,
// so the rest of the API keeps its 1 MiB JSON limit.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { importMaxBytes, importProblem, importResult } from '../../core/requests/request-import.ts';
import { ensure } from '../auth/policy.ts';
import { actorOf } from '../auth/request-guard.ts';
import { contextOf, errorResponses, zodApp, type RouteDeps } from '../http/api-app.ts';
import { AppError } from '../http/errors.ts';
import { bodyBuffer, sendFile, xlsxType } from '../http/file-transfer.ts';
import { importRequests, requestImportTemplate } from './request-import.ts';
import { requestPolicy } from './request-policy.ts';

const uploadTypes = [xlsxType, 'application/octet-stream', 'text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];
const tooLarge = () => new AppError(413, 'payload_too_large', `文件超过 ${importMaxBytes / 1024 / 1024} MB 上限，请分成几个文件导入 (file too large)`, { maxBytes: importMaxBytes });

export async function requestImportRoutes(app: FastifyInstance, { db }: RouteDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(uploadTypes, { parseAs: 'buffer', bodyLimit: importMaxBytes }, (_request, body, done) => done(null, body));
    const api = zodApp(scope);
    const tags = ['requests'];
    const config = { access: 'user' as const };

    api.get('/api/requests/import-template.xlsx', {
      config, schema: { tags, summary: 'The bulk import template: headers in Chinese, an example row, the categories and streets to choose from' },
    }, async (request, reply) => sendFile(reply, await requestImportTemplate(db, actorOf(request)), xlsxType));

    api.post('/api/requests/import', {
      config,
      schema: {
        tags, summary: 'Import requests from the template (.xlsx) or CSV with its header, all or nothing (hotline centre, admin); 422 lists every problem by sheet, row and column',
        response: { 201: importResult, 413: z.unknown(), 415: z.unknown(), ...errorResponses, 422: z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.object({ errors: z.array(importProblem).optional() }).passthrough().optional() }) }) },
      },
      // Refuse before the body is read: whoever may not import learns nothing about the file, and a
      // file over the limit is refused with a message the official can act on.
      onRequest: async (request) => {
        ensure(requestPolicy.importBatch(actorOf(request)), '只有热线中心和系统管理员可以批量导入诉求');
        if (Number(request.headers['content-length'] ?? 0) > importMaxBytes) throw tooLarge();
      },
    }, async (request, reply) => {
      const result = await importRequests(db, contextOf(request), bodyBuffer(request.body), request.headers['content-type']);
      return reply.code(201).send(result);
    });
  });
}
