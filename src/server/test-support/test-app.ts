// An application on a fresh database with the demo district loaded, and clients that log in as
// the demo accounts and send requests the way the web app does (cookie + CSRF header).
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { demoPassword } from '../demo/demo-district.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface Client {
  cookie: string;
  csrfToken: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export async function startTestApp(options: { demo?: boolean; assessmentYear?: boolean } = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  if (options.demo !== false) await loadDemo(testDb.database, { assessmentYear: options.assessmentYear ?? false });
  const app = await buildApp({ database: testDb.database, webRoot: '/nonexistent' });
  await app.ready();

  const client = (cookie: string, csrfToken: string): Client => {
    const request: Client['request'] = (method, url, body, headers = {}) => app.inject({
      method, url,
      headers: { ...(cookie ? { cookie } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
    return {
      cookie, csrfToken, request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body ?? {}),
      patch: (url, body) => request('PATCH', url, body ?? {}),
    };
  };

  return {
    ...testDb,
    app,
    async login(username, password = demoPassword) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(cookie, res.json<{ csrfToken: string }>().csrfToken);
    },
    anonymous: () => client('', ''),
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
