import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/**
 * JSON bodies as Fastify parses them (prototype-poisoning safe), plus one refusal: NUL characters,
 * which PostgreSQL cannot store in text and which no form legitimately sends.
 */
export function installJsonParser(app: FastifyInstance): void {
  const defaultParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.includes('\u0000') || /\\u0000/i.test(text)) {
      done(new AppError(400, 'bad_request', '输入中含有非法字符 (NUL characters are not allowed)'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(new AppError(400, 'malformed_json', '请求体为空 (empty JSON body)'), undefined);
      return;
    }
    defaultParser(request, text, done);
  });
}
