// Reading Open311 parameters: GET requests filters, and the fields of a new request. Every bad
// value is answered with a 400 that names the parameter.
import type { ServiceView } from '../../../core/requests/catalogue.ts';
import { maxDescription } from '../../../core/requests/request.ts';
import { Open311Error } from './open311-format.ts';

type Params = Record<string, string | string[] | undefined>;

const single = (params: Params, name: string): string | undefined => {
  const v = params[name];
  if (Array.isArray(v)) throw new Open311Error(400, `${name} was given more than once`);
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

const list = (value: string | undefined) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** W3C datetime with a time zone, as the specification requires. */
function date(params: Params, name: string): Date | null {
  const v = single(params, name);
  if (v === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
    throw new Open311Error(400, `${name} must be a W3C datetime with a time zone, e.g. 2026-03-01T00:00:00+08:00`);
  }
  return new Date(v);
}

export interface RequestQuery { ids: string[]; serviceCodes: string[]; statuses: ('open' | 'closed')[]; from: Date | null; to: Date | null; limit: number }

const dayMs = 86_400_000;

/**
 * Filters of GET requests. Without service_request_id the span is at most 90 days (ending at
 * end_date or now) and at most 1000 requests, newest first, as the specification sets.
 */
export function parseRequestQuery(params: Params, now = new Date()): RequestQuery {
  const ids = list(single(params, 'service_request_id'));
  if (ids.length > 100) throw new Open311Error(400, 'service_request_id lists at most 100 ids');
  const statuses = list(single(params, 'status'));
  for (const s of statuses) if (s !== 'open' && s !== 'closed') throw new Open311Error(400, 'status must be open or closed');
  let from = date(params, 'start_date');
  let to = date(params, 'end_date');
  if (from && to && from > to) throw new Open311Error(400, 'start_date must not be after end_date');
  if (ids.length === 0) {
    to ??= now;
    if (!from || to.getTime() - from.getTime() > 90 * dayMs) from = new Date(to.getTime() - 90 * dayMs);
  }
  const pageSize = single(params, 'page_size');
  const limit = pageSize === undefined ? 1000 : Number(pageSize);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Open311Error(400, 'page_size must be an integer from 1 to 1000');
  return { ids, serviceCodes: list(single(params, 'service_code')), statuses: statuses as ('open' | 'closed')[], from, to, limit };
}

export interface NewRequestInput {
  description: string; address: string; lat: number | null; lon: number | null; citizenName: string; citizenPhone: string;
  attributes: Record<string, string | string[]> | null; mediaUrl: string | null; idempotencyKey: string | null;
}

function coordinate(params: Params, name: string, limit: number): number | null {
  const v = single(params, name);
  if (v === undefined) return null;
  const n = Number(v);
  if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || Math.abs(n) > limit) throw new Open311Error(400, `${name} must be a number from -${limit} to ${limit}`);
  return n;
}

function text(params: Params, name: string, max: number): string {
  const v = single(params, name) ?? '';
  if ([...v].length > max) throw new Open311Error(400, `${name} is longer than ${max} characters`);
  return v;
}

export function parseNewRequest(params: Params, service: ServiceView, idempotencyHeader: string | undefined): NewRequestInput {
  const lat = coordinate(params, 'lat', 90);
  const lon = coordinate(params, 'long', 180);
  if ((lat === null) !== (lon === null)) throw new Open311Error(400, 'lat and long must be given together');
  const address = text(params, 'address_string', 200);
  const addressId = single(params, 'address_id');
  if (lat === null && !address && !addressId) throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
  const description = text(params, 'description', maxDescription);
  if (!description && !single(params, 'media_url')) throw new Open311Error(400, 'description or media_url is required');
  const mediaUrl = single(params, 'media_url') ?? null;
  if (mediaUrl && (mediaUrl.length > 2_000 || !/^https?:\/\/[^\s]+$/i.test(mediaUrl))) throw new Open311Error(400, 'media_url must be an http(s) URL of at most 2000 characters');
  const phone = text(params, 'phone', 30);
  if (phone && !/^[0-9+\-() ]+$/.test(phone)) throw new Open311Error(400, 'phone may contain digits, spaces and + - ( ) only');
  const name = `${text(params, 'last_name', 20)}${text(params, 'first_name', 20)}`;
  const idempotencyKey = idempotencyHeader ?? single(params, 'idempotency_key') ?? null;
  if (idempotencyKey !== null && !/^[A-Za-z0-9_.:-]{8,100}$/.test(idempotencyKey)) throw new Open311Error(400, 'idempotency key must be 8–100 letters, digits or _ . : -');
  return {
    description: description || '（见附件）', address: address || (addressId ? `address_id ${addressId}` : ''), lat, lon,
    citizenName: name, citizenPhone: phone, attributes: readAttributes(params, service), mediaUrl, idempotencyKey,
  };
}

/** attribute[CODE]=value pairs, checked against the service definition. */
function readAttributes(params: Params, service: ServiceView): Record<string, string | string[]> | null {
  const given: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(params)) {
    const m = /^attribute\[([A-Za-z0-9_-]{1,40})\](\[\])?$/.exec(k);
    if (m && v !== undefined) given[m[1]!] = v;
  }
  for (const code of Object.keys(given)) {
    if (!service.attributes.some((a) => a.code === code)) throw new Open311Error(400, `attribute ${code} is not defined for service ${service.code}`);
  }
  for (const a of service.attributes) {
    const v = given[a.code];
    if (v === undefined || v === '') {
      if (a.required) throw new Open311Error(400, `attribute ${a.code} is required: ${a.description}`);
      continue;
    }
    const values = Array.isArray(v) ? v : [v];
    if (a.datatype === 'singlevaluelist' && (values.length !== 1 || !a.values.some((x) => x.key === values[0]))) throw new Open311Error(400, `attribute ${a.code} must be one of ${a.values.map((x) => x.key).join(', ')}`);
    if (a.datatype === 'multivaluelist' && !values.every((x) => a.values.some((y) => y.key === x))) throw new Open311Error(400, `attribute ${a.code} values must be among ${a.values.map((x) => x.key).join(', ')}`);
    if (a.datatype === 'number' && values.some((x) => !Number.isFinite(Number(x)))) throw new Open311Error(400, `attribute ${a.code} must be a number`);
    if (values.some((x) => x.length > 500)) throw new Open311Error(400, `attribute ${a.code} is longer than 500 characters`);
  }
  return Object.keys(given).length ? given : null;
}
