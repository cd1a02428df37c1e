import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { ManualClock, type Clock } from '../src/server/lib/clock.js';
import type { Role } from '../src/shared/permissions.js';

/** PostgreSQL when DATABASE_URL is set (CI runs the suite both ways), PGlite otherwise. */
export const serverUrl = process.env.DATABASE_URL || undefined;
export const dbKind = serverUrl ? 'postgres' : 'pglite';

/** Keys for this test process; a backup/restore test may reuse them to decrypt. */
export const testMasterKey = randomBytes(32).toString('base64');
export const testBlindIndexKey = randomBytes(32).toString('base64');

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: '/tmp/dharura-test-unused',
    // Tests sign in many users from one address; the limit itself has its own test.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    DHARURA_MASTER_KEY: testMasterKey,
    DHARURA_BLIND_INDEX_KEY: testBlindIndexKey,
    ...overrides,
  });
}

export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!serverUrl) {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `dharura_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  await database.migrate();
  return {
    database,
    url,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

export async function buildTestApp(
  opts: { startJobs?: boolean; clock?: Clock; config?: Record<string, string>; db?: TestDatabase } = {},
): Promise<TestApp> {
  const testDb = opts.db ?? (await createTestDatabase());
  const clock = (opts.clock as ManualClock | undefined) ?? new ManualClock(Date.now());
  const config = testConfig({ ...(testDb.url ? { DATABASE_URL: testDb.url } : {}), ...opts.config });
  const app = await buildApp({ config, database: testDb.database, clock, startJobs: opts.startJobs ?? false });
  await app.ready();
  return {
    app,
    database: testDb.database,
    clock,
    config,
    async close() {
      await app.close();
      if (!opts.db) await testDb.drop();
    },
  };
}

let counter = 0;
/** Factory: a user with the given roles and a known password. */
export async function createUser(app: FastifyInstance, roles: Role[], overrides: { locale?: 'en' | 'sw' } = {}) {
  counter += 1;
  const password = `test-password-${counter}-long`;
  const user = await app.ctx.services.users.create({
    email: `${roles.join('-')}-${counter}-${randomBytes(3).toString('hex')}@example.test`,
    displayName: `Test ${roles.join(' ')} ${counter}`,
    password,
    roles,
    locale: overrides.locale ?? 'en',
  });
  return { user, password };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  headers: Record<string, string>;
}

/** Sign in through the real API; returns headers that carry the session and the CSRF token. */
export async function loginAs(app: FastifyInstance, roles: Role[] | Role): Promise<Session> {
  const list = Array.isArray(roles) ? roles : [roles];
  const { user, password } = await createUser(app, list);
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, userId: user.id, headers: { cookie, 'x-csrf-token': csrf } };
}
