// Conformance of /open311/v2 with GeoReport v2: every endpoint in XML and JSON against the
// specification's examples, its filters and limits, its error answers, and idempotent POSTs.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/test-app.ts';
import { specExamples } from './spec-examples.ts';

let t: TestApp;
let apiKey: string;
const parser = new XMLParser({ ignoreDeclaration: true, parseTagValue: false });

/** Every element path of a document: lists collapse, so "services/service/service_code". */
function paths(value: unknown, prefix = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) { for (const v of value) paths(v, prefix, into); return into; }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, prefix ? `${prefix}/${k}` : k, into);
    return into;
  }
  if (prefix) into.add(prefix);
  return into;
}
const xmlPaths = (xml: string) => paths(parser.parse(xml));

function conforms(kind: keyof typeof specExamples, xml: string, json: unknown, extras: string[] = []) {
  const example = specExamples[kind];
  const want = { xml: xmlPaths(example.xml), json: paths(example.json) };
  const got = { xml: xmlPaths(xml), json: paths(json) };
  for (const f of ['xml', 'json'] as const) {
    expect([...want[f]].filter((p) => !got[f].has(p)), `${kind}.${f}: elements missing`).toEqual([]);
    expect([...got[f]].filter((p) => !want[f].has(p) && !extras.some((e) => p === e || p.endsWith(`/${e}`))), `${kind}.${f}: elements the spec does not have`).toEqual([]);
  }
}

const get = (url: string) => t.app.inject({ method: 'GET', url });
const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString() });
const w3c = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

const filing = () => ({ api_key: apiKey, service_code: 'CSGL-ZYRM', lat: '39.9832', long: '116.3162', address_string: '海淀区中关村大街27号', description: '夜间施工噪音扰民', first_name: '秀兰', last_name: '王', phone: '13812345678', 'attribute[NOISE_TIME]': 'night' });

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  const res = await admin.post('/api/open311-keys', { name: '测试客户端' });
  expect(res.statusCode).toBe(201);
  apiKey = res.json().key;
});
afterAll(async () => { await t?.close(); });

describe('GeoReport v2 endpoints against the specification’s examples', () => {
  it('discovery', async () => {
    const [xml, json] = await Promise.all([get('/open311/v2/discovery.xml'), get('/open311/v2/discovery.json')]);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    conforms('discovery', xml.body, json.json());
    expect(json.json().endpoints[0].formats).toEqual(['text/xml', 'application/json']);
  });
  it('services', async () => {
    const [xml, json] = await Promise.all([get('/open311/v2/services.xml'), get('/open311/v2/services.json')]);
    conforms('services', xml.body, json.json());
    const noise = json.json().find((s: { service_code: string }) => s.service_code === 'CSGL-ZYRM');
    expect(noise).toEqual({ service_code: 'CSGL-ZYRM', service_name: '噪音扰民', description: expect.any(String), metadata: true, type: 'realtime', keywords: '噪音, 施工, 扰民', group: '城市管理' });
    expect(parser.parse(xml.body).services.service.length).toBe(json.json().length);
  });
  it('service definition', async () => {
    const [xml, json] = await Promise.all([get('/open311/v2/services/CSGL-ZYRM.xml'), get('/open311/v2/services/CSGL-ZYRM.json')]);
    conforms('serviceDefinition', xml.body, json.json());
    expect(json.json().attributes[0]).toMatchObject({ variable: true, code: 'NOISE_TIME', datatype: 'singlevaluelist', required: false, order: 1 });
  });
  it('POST requests, GET requests/{id}, tokens/{token}', async () => {
    const [xml, json] = await Promise.all([postForm('/open311/v2/requests.xml', filing()), postForm('/open311/v2/requests.json', filing())]);
    expect(xml.statusCode, xml.body).toBe(201);
    expect(json.statusCode, json.body).toBe(201);
    conforms('postRequest', xml.body, json.json(), ['token']);
    const { service_request_id: id, token } = json.json()[0];
    const [oneXml, oneJson] = await Promise.all([get(`/open311/v2/requests/${id}.xml`), get(`/open311/v2/requests/${id}.json`)]);
    conforms('requests', oneXml.body, oneJson.json());
    const one = oneJson.json()[0];
    expect(one).toMatchObject({ service_request_id: id, status: 'open', service_code: 'CSGL-ZYRM', lat: 39.9832, long: 116.3162, address: '海淀区中关村大街27号' });
    expect(one.requested_datetime).toMatch(w3c);
    expect(one.requested_datetime.endsWith('+08:00')).toBe(true);
    const [tokXml, tokJson] = await Promise.all([get(`/open311/v2/tokens/${token}.xml`), get(`/open311/v2/tokens/${token}.json`)]);
    conforms('token', tokXml.body, tokJson.json());
    expect(tokJson.json()).toEqual([{ service_request_id: id, token }]);
  });
  it('GET requests lists what the filters ask for, newest first, never the citizen', async () => {
    const [xml, json] = await Promise.all([get('/open311/v2/requests.xml?service_code=CSGL-ZYRM'), get('/open311/v2/requests.json?service_code=CSGL-ZYRM')]);
    conforms('requests', xml.body, json.json());
    const list = json.json() as { service_code: string; requested_datetime: string; status: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.service_code === 'CSGL-ZYRM')).toBe(true);
    expect(JSON.stringify(list)).not.toContain('13812345678');
    expect(JSON.stringify(list)).not.toContain('王秀兰');
    const times = list.map((r) => Date.parse(r.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const closed = (await get('/open311/v2/requests.json?status=closed')).json() as { status: string }[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    expect((await get('/open311/v2/requests.json?page_size=3')).json()).toHaveLength(3);
    const future = (await get('/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z&end_date=2099-02-01T00:00:00Z')).json();
    expect(future).toEqual([]);
    const two = list.slice(0, 2).map((r) => (r as unknown as { service_request_id: string }).service_request_id);
    expect((await get(`/open311/v2/requests.json?service_request_id=${two.join(',')}`)).json().map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([...two].sort());
  });
  it('accepts the optional jurisdiction_id of this server', async () => {
    expect((await get('/open311/v2/services.json?jurisdiction_id=haidian.beijing.gov.cn')).statusCode).toBe(200);
  });
});

describe('a retried POST with the same idempotency key', () => {
  it('answers the first request and creates no second one', async () => {
    const count = async () => Number((await t.database.query<{ n: string }>('SELECT count(*) AS n FROM citizen_requests'))[0]!.n);
    const before = await count();
    const headers = { 'idempotency-key': 'retry-0001-abcdef' };
    const responses = await Promise.all([1, 2, 3].map(() => postForm('/open311/v2/requests.json', filing(), headers)));
    const ids = responses.map((r) => r.json()[0].service_request_id);
    expect(new Set(ids).size).toBe(1);
    expect(await count()).toBe(before + 1);
    const again = await postForm('/open311/v2/requests.json', { ...filing(), idempotency_key: 'retry-0001-abcdef' });
    expect(again.json()[0].service_request_id).toBe(ids[0]);
  });
});

describe('errors as the specification says: [{code, description}] with 400, 403, 404', () => {
  const cases: [string, () => Promise<{ statusCode: number; body: string; json: () => unknown }>, number][] = [
    ['missing api_key', () => postForm('/open311/v2/requests.FMT', { ...filing(), api_key: '' }), 403],
    ['invalid api_key', () => postForm('/open311/v2/requests.FMT', { ...filing(), api_key: 'o311_not-a-key' }), 403],
    ['missing service_code', () => postForm('/open311/v2/requests.FMT', { ...filing(), service_code: '' }), 400],
    ['unknown service_code', () => postForm('/open311/v2/requests.FMT', { ...filing(), service_code: 'NOPE' }), 404],
    ['latitude out of range', () => postForm('/open311/v2/requests.FMT', { ...filing(), lat: '91' }), 400],
    ['longitude out of range', () => postForm('/open311/v2/requests.FMT', { ...filing(), long: '-180.5' }), 400],
    ['latitude not a number', () => postForm('/open311/v2/requests.FMT', { ...filing(), lat: 'north' }), 400],
    ['no location', () => postForm('/open311/v2/requests.FMT', { ...filing(), lat: '', long: '', address_string: '' }), 400],
    ['4,001-character description', () => postForm('/open311/v2/requests.FMT', { ...filing(), description: '噪'.repeat(4_001) }), 400],
    ['media_url not a URL', () => postForm('/open311/v2/requests.FMT', { ...filing(), media_url: 'javascript:alert(1)' }), 400],
    ['attribute not in the definition', () => postForm('/open311/v2/requests.FMT', { ...filing(), 'attribute[COLOUR]': 'red' }), 400],
    ['attribute value not in its list', () => postForm('/open311/v2/requests.FMT', { ...filing(), 'attribute[NOISE_TIME]': 'noon' }), 400],
    ['oversized media in the body', () => postForm('/open311/v2/requests.FMT', { ...filing(), media: 'x'.repeat(200_000) }), 413],
    ['unknown jurisdiction', () => get('/open311/v2/services.FMT?jurisdiction_id=chaoyang'), 404],
    ['unknown service definition', () => get('/open311/v2/services/NOPE.FMT'), 404],
    ['unknown request', () => get('/open311/v2/requests/HD000000XXXXXXXX.FMT'), 404],
    ['unknown token', () => get('/open311/v2/tokens/00000000-0000-4000-8000-000000000000.FMT'), 404],
    ['start_date not a W3C datetime', () => get('/open311/v2/requests.FMT?start_date=yesterday'), 400],
    ['status neither open nor closed', () => get('/open311/v2/requests.FMT?status=pending'), 400],
    ['page_size over 1000', () => get('/open311/v2/requests.FMT?page_size=5000'), 400],
  ];
  describe.each(['xml', 'json'] as const)('in %s', (format) => {
    it.each(cases)('%s', async (_name, call, status) => {
      const original = t.app.inject.bind(t.app);
      const res = await (async () => {
        // Send the case to the .xml or .json resource.
        const patched = ((opts: { url: string }) => original({ ...opts, url: opts.url.replace('.FMT', `.${format}`) } as never)) as typeof t.app.inject;
        (t.app as { inject: typeof t.app.inject }).inject = patched;
        try { return await call(); } finally { (t.app as { inject: typeof t.app.inject }).inject = original; }
      })();
      expect(res.statusCode, res.body).toBe(status);
      if (format === 'json') {
        const body = res.json() as { code: number; description: string }[];
        expect(body).toEqual([{ code: status, description: expect.any(String) }]);
        expect(body[0]!.description.length).toBeGreaterThan(5);
      } else {
        conforms('errors', res.body, [{ code: status, description: 'x' }]);
        expect(parser.parse(res.body).errors.error.code).toBe(String(status));
      }
    });
  });
  it('answers an unknown format or resource with 404, never 500', async () => {
    expect((await get('/open311/v2/services.html')).statusCode).toBe(404);
    expect((await get('/open311/v2/nothing/here.json')).statusCode).toBe(404);
    expect((await postForm('/open311/v2/services.json', filing())).statusCode).toBe(404);
  });
});
