// Open311 GeoReport v2 at /open311/v2/: discovery, services, service definitions, requests (GET
// with filters and limits, POST with an api_key), one request, tokens. XML and JSON; errors as
// the specification says: a list of {code, description} with 400, 403 or 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { open311Definition, open311Service, serviceNotice } from '../../../core/requests/open311.ts';
import { AppError } from '../../http/errors.ts';
import { listServices, serviceViewOf, allServices } from '../catalogue-service.ts';
import { findService, takeIn } from '../intake-service.ts';
import { findApiKey } from './api-keys.ts';
import { cachedSettings } from '../settings-service.ts';
import { dbKey } from '../db-key.ts';
import { remembered } from '../process-cache.ts';
import { formatOfUrl, Open311Error, send, sendErrors, splitFormat, type Open311Format } from './open311-format.ts';
import { parseNewRequest, parseRequestQuery } from './open311-params.ts';
import { findOpen311Requests, open311Token } from './open311-queries.ts';

/** The one jurisdiction this server answers for; others are refused with 404. */
export const jurisdictionId = 'haidian.beijing.gov.cn';
const bodyLimit = 64 * 1024;

type Params = Record<string, string | string[] | undefined>;

function paramsOf(request: FastifyRequest): Params {
  const fromQuery = (request.query ?? {}) as Params;
  const fromBody = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? request.body as Params : {};
  return { ...fromQuery, ...fromBody };
}

function checkJurisdiction(params: Params): void {
  const j = params.jurisdiction_id;
  if (j !== undefined && j !== jurisdictionId) throw new Open311Error(404, `jurisdiction_id ${String(j)} was not found`);
}

function formatOf(file: string, expected: string | null): { name: string; format: Open311Format } {
  const split = splitFormat(file);
  if (!split) throw new Open311Error(404, 'format must be .xml or .json');
  if (expected !== null && split[0] !== expected) throw new Open311Error(404, `no resource ${file}`);
  return { name: split[0], format: split[1] };
}

export async function open311Routes(scope: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const config = { access: 'public' as const };

  // Clients post application/x-www-form-urlencoded, as the specification's examples do.
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const params: Params = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      const prev = params[k];
      params[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    done(null, params);
  });

  scope.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
    const format = formatOfUrl(request.url);
    if (err instanceof Open311Error) return sendErrors(reply, format, err.status, [err.description]);
    if (err instanceof AppError) return sendErrors(reply, format, err.status === 422 || err.status === 409 ? 400 : err.status, [err.message]);
    if (hasZodFastifySchemaValidationErrors(err)) return sendErrors(reply, format, 400, err.validation.map((v) => `${v.instancePath}: ${v.message}`));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const description = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `request body is larger than ${bodyLimit} bytes; send media as media_url` : err.message;
      return sendErrors(reply, format, err.statusCode, [description]);
    }
    request.log.error({ err }, 'unhandled open311 error');
    return sendErrors(reply, format, 500, ['internal error, logged']);
  });
  scope.setNotFoundHandler((request, reply) => sendErrors(reply, formatOfUrl(request.url), 404, [`no resource ${request.method} ${request.url.split('?')[0]}`]));

  scope.get('/:file', { config }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const { name, format } = formatOf(file, null);
    const params = paramsOf(request);
    checkJurisdiction(params);
    if (name === 'discovery') return send(reply, format, 200, 'discovery', null, discovery(request));
    if (name === 'services') {
      const services = (await listServices(db, null, { activeOnly: true })).filter((s) => s.parentId !== null);
      return send(reply, format, 200, 'services', 'service', services.map(open311Service));
    }
    if (name === 'requests') {
      const query = parseRequestQuery(params);
      return send(reply, format, 200, 'service_requests', 'request', await findOpen311Requests(db, query));
    }
    throw new Open311Error(404, `no resource ${file}`);
  });

  scope.get('/services/:file', { config }, async (request, reply) => {
    const { name: code, format } = formatOf((request.params as { file: string }).file, null);
    checkJurisdiction(paramsOf(request));
    const service = await findService(db, { code });
    if (!service || !service.active) throw new Open311Error(404, `service_code ${code} was not found`);
    const all = await allServices(db);
    const { classLimits } = await cachedSettings(db);
    return send(reply, format, 200, 'service_definition', null, open311Definition(serviceViewOf(service, new Map(all.map((s) => [s.id, s])), classLimits)));
  });

  scope.get('/requests/:file', { config }, async (request, reply) => {
    const { name: id, format } = formatOf((request.params as { file: string }).file, null);
    checkJurisdiction(paramsOf(request));
    const found = await findOpen311Requests(db, { ids: [id], serviceCodes: [], statuses: [], from: null, to: null, limit: 1 });
    if (found.length === 0) throw new Open311Error(404, `service_request_id ${id} was not found`);
    return send(reply, format, 200, 'service_requests', 'request', found);
  });

  scope.get('/tokens/:file', { config }, async (request, reply) => {
    const { name: token, format } = formatOf((request.params as { file: string }).file, null);
    checkJurisdiction(paramsOf(request));
    const code = await open311Token(db, token);
    if (!code) throw new Open311Error(404, `token ${token} was not found`);
    return send(reply, format, 200, 'service_requests', 'request', [{ service_request_id: code, token }]);
  });

  // Deeper unknown paths would otherwise fall through to the web app's catch-all.
  scope.get('/*', { config }, async (request) => { throw new Open311Error(404, `no resource ${request.url.split('?')[0]}`); });

  scope.post('/:file', { config, bodyLimit }, async (request, reply) => postRequest(db, request, reply));
}

async function postRequest(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { format } = formatOf((request.params as { file: string }).file, 'requests');
  const params = paramsOf(request);
  checkJurisdiction(params);
  const apiKey = typeof params.api_key === 'string' ? params.api_key : undefined;
  if (!apiKey) throw new Open311Error(403, 'api_key was not provided');
  const apiKeyId = await findApiKey(db, apiKey);
  if (!apiKeyId) throw new Open311Error(403, 'api_key is not valid');
  const serviceCode = typeof params.service_code === 'string' ? params.service_code.trim() : '';
  if (!serviceCode) throw new Open311Error(400, 'service_code was not provided');
  // The catalogue changes rarely; a POST reads it from this process's memory (10 s).
  const all = await remembered(`catalogue:${dbKey(db)}`, 10_000, () => allServices(db));
  const service = all.find((s) => s.code === serviceCode);
  if (!service || !service.active) throw new Open311Error(404, `service_code ${serviceCode} was not found`);
  const { classLimits } = await cachedSettings(db);
  const view = serviceViewOf(service, new Map(all.map((s) => [s.id, s])), classLimits);
  const header = request.headers['idempotency-key'];
  const input = parseNewRequest(params, view, typeof header === 'string' ? header : undefined);
  const { request: row } = await takeIn(db, { actorId: null, actorName: 'Open311', requestId: request.id }, {
    service, ...input, divisionCode: null, channel: 'open311', apiKeyId,
  });
  return send(reply, format, 201, 'service_requests', 'request', [{ service_request_id: row.code, token: row.id, service_notice: serviceNotice(view), account_id: null }]);
}

function discovery(request: FastifyRequest) {
  const url = `${request.protocol}://${request.host}/open311/v2`;
  return {
    changeset: '2026-03-01T00:00:00+08:00',
    contact: '北京市海淀区12345市民服务热线 (12345 citizen hotline of Haidian District)',
    key_service: '向区政务服务和数据管理局申请 api_key (apply to the district data bureau for an api_key)',
    endpoints: [{
      specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: '2026-03-01T00:00:00+08:00', type: 'production',
      formats: ['text/xml', 'application/json'],
    }],
  };
}
