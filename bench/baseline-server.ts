/**
 * The intake baseline: a bare Fastify server (no logger, no plugins but a form-body parser) whose one
 * route does one INSERT of a case-like row. Measured in the same run as the real intake, on the same
 * database kind, so the ratio says how much of the machine's capacity the real path leaves on the table.
 *
 *   BASELINE_PGLITE_DIR=/tmp/x   or   BASELINE_DATABASE_URL=postgres://…   PORT=…
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

type Query = (text: string, params?: unknown[]) => Promise<unknown>;

const ddl = `
  create table if not exists bench_baseline_reports (
    id uuid primary key default gen_random_uuid(),
    reference text not null unique,
    status text not null,
    channel text not null,
    narrative text,
    county text,
    in_danger_now boolean not null default false,
    received_at timestamptz not null,
    created_at timestamptz not null default now()
  )`;

async function open(): Promise<{ query: Query; close(): Promise<void> }> {
  const url = process.env.BASELINE_DATABASE_URL;
  if (url) {
    // The same pool size as the app's (src/server/db/client.ts).
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return { query: (t, p) => pool.query(t, p), close: () => pool.end() };
  }
  const dir = process.env.BASELINE_PGLITE_DIR;
  if (!dir) throw new Error('set BASELINE_DATABASE_URL or BASELINE_PGLITE_DIR');
  const db = new PGlite(dir);
  await db.waitReady;
  return { query: (t, p) => db.query(t, p), close: () => db.close() };
}

const db = await open();
await db.query(ddl);

const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
await app.register(formbody);

const insert = async (body: unknown) => {
  const b = (body ?? {}) as Record<string, unknown>;
  const reference = `B-${randomUUID()}`;
  await db.query(
    `insert into bench_baseline_reports (reference, status, channel, narrative, county, in_danger_now, received_at)
     values ($1, 'received', 'web', $2, $3, $4, now())`,
    [reference, String(b.narrative ?? ''), b.county ? String(b.county) : null, b.danger === 'yes'],
  );
  return reference;
};

app.post('/report', async (request, reply) => {
  const reference = await insert(request.body);
  return reply.type('text/html; charset=utf-8').send(`<!doctype html><p>Received: ${reference}</p>`);
});
app.post('/api/cases', async (request, reply) => {
  const reference = await insert(request.body);
  return reply.status(201).send({ reference });
});
app.get('/readyz', async () => ({ status: 'ready' }));

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });

const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
