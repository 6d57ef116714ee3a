// The ceiling of the intake benchmark: a bare Fastify route that parses a form and inserts one
// row into PostgreSQL, nothing else (no validation, audit, segmentation or duplicate check).
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS bench_bare_insert (id uuid PRIMARY KEY, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
app.post('/insert', async (request, reply) => {
  const id = randomUUID();
  await pool.query('INSERT INTO bench_bare_insert (id, body) VALUES ($1, $2)', [id, JSON.stringify(request.body)]);
  return reply.code(201).send([{ service_request_id: id }]);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
