import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';

interface Issue { path: string; message: string }

/** One error shape for the whole API: {"error": {"code", "message", "details"}}. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.status === 429) {
        const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (seconds) void reply.header('retry-after', String(seconds));
      }
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: Issue[] = err.validation.map((v) => {
        const segments = v.instancePath.split('/').filter(Boolean);
        const path = [err.validationContext, ...segments].filter(Boolean).join('.');
        const keys = (v.params as { keys?: string[] } | undefined)?.keys;
        return { path, message: keys?.length ? `${v.message}: ${keys.join(', ')}` : v.message ?? 'invalid' };
      });
      return reply.code(400).send({
        error: {
          code: 'validation_failed',
          message: `输入有误 (invalid input): ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          details: issues,
        },
      });
    }
    const fastifyError = err as FastifyError;
    const status = fastifyError.statusCode;
    if (status && status >= 400 && status < 500) {
      const code = fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large'
        : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
          : fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'malformed_json'
            : 'bad_request';
      return reply.code(status).send({ error: { code, message: err.message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误，已记录 (internal error, logged)' } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `没有此接口 (no route ${request.method} ${request.url.split('?')[0]})` } }));
}
