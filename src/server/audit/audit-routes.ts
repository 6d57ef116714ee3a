import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { historyEntry, recentChange, verifyResult } from '../../core/audit/schemas.ts';
import { ensure } from '../auth/policy.ts';
import { actorOf } from '../auth/request-guard.ts';
import { errorResponses, zodApp, type RouteDeps } from '../http/api-app.ts';
import { notFound } from '../http/errors.ts';
import { historyReader } from './audited-entities.ts';
import { entityHistory, recentChanges, verifyAuditChain } from './audit-trail.ts';


export function auditRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['audit'];

  api.get('/api/audit/:entityType/:entityId', {
    config: { access: 'user' },
    schema: { tags, summary: 'History of one entity: who changed what, when, before and after',
      params: z.strictObject({ entityType: z.string().regex(/^[a-z_]{1,40}$/), entityId: z.string().min(1).max(100) }),
      response: { 200: z.array(historyEntry), ...errorResponses } },
  }, async (request) => {
    const { entityType, entityId } = request.params;
    const mayRead = historyReader(entityType);
    if (!mayRead || !(await mayRead(db, actorOf(request), entityId))) throw notFound('记录');
    return entityHistory(db, entityType, entityId);
  });

  api.get('/api/audit', {
    config: { access: 'user' },
    schema: { tags, summary: 'The newest changes across all records (admin)',
      querystring: z.strictObject({
        entityType: z.string().regex(/^[a-z_]{1,40}$/).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      }),
      response: { 200: z.object({ items: z.array(recentChange), total: z.number() }), ...errorResponses } },
  }, async (request) => {
    ensure(actorOf(request).role === 'admin', '只有系统管理员可以浏览全部审计记录');
    return recentChanges(db, request.query);
  });

  api.get('/api/audit/verify', {
    config: { access: 'user' },
    schema: { tags, summary: 'Walk the hash chain of the audit trail (admin)',
      response: { 200: verifyResult, ...errorResponses } },
  }, async (request) => {
    ensure(actorOf(request).role === 'admin', '只有系统管理员可以校验审计链');
    return verifyAuditChain(db);
  });
}
