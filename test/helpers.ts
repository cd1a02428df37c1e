import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { ManualClock, type Clock } from '../src/server/lib/clock.js';
import { setPasswordHashCostForTests } from '../src/server/modules/auth/passwords.js';
import { totpCodeAt } from '../src/server/modules/auth/totp.js';
import type { Role } from '../src/shared/permissions.js';
import { databaseUrl, withAdmin, type TemplateRef } from './template-db.js';

// Hundreds of users are created and signed in per run: argon2id at its floor cost (auth.test.ts, which
// measures sign-in timing, restores the production cost).
setPasswordHashCostForTests('minimal');

/** PostgreSQL when DATABASE_URL is set (CI runs the suite both ways), PGlite otherwise. */
export const serverUrl = process.env.DATABASE_URL || undefined;
export const dbKind = serverUrl ? 'postgres' : 'pglite';

/** Keys for this test process; a backup/restore test may reuse them to decrypt. */
export const testMasterKey = randomBytes(32).toString('base64');
export const testBlindIndexKey = randomBytes(32).toString('base64');

/** This process's key state (KEKs, shred register): never shared with other test processes. */
export const testKeyStateDir = mkdtempSync(path.join(tmpdir(), 'dharura-test-keystate-'));

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: '/tmp/dharura-test-unused',
    // Tests sign in many users from one address; the limit itself has its own test.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    DHARURA_MASTER_KEY: testMasterKey,
    DHARURA_BLIND_INDEX_KEY: testBlindIndexKey,
    DHARURA_KEY_STATE_DIR: testKeyStateDir,
    ...overrides,
  });
}

export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

/** The run's migrated template (test/global-setup.ts); absent when this file runs without it. */
function template(): TemplateRef | undefined {
  try {
    return inject('dharuraTemplate');
  } catch {
    return undefined;
  }
}

let templateDump: Blob | undefined;
/** The PGlite template's dump, read once per test process. */
function templateBlob(file: string): Blob {
  templateDump ??= new Blob([readFileSync(file)]);
  return templateDump;
}

/** Per-file boot timings (TEST_TIMINGS=1), to compare set-up costs between runs. */
function timed<T>(label: string, work: Promise<T>): Promise<T> {
  if (!process.env.TEST_TIMINGS) return work;
  const started = performance.now();
  return work.finally(() =>
    console.log(`[timing] ${label}: ${Math.round(performance.now() - started)} ms (pid ${process.pid})`),
  );
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the server. Both
 * start from the run's migrated template (copied, so files cannot see each other's data); without one,
 * the database is migrated here.
 */
export function createTestDatabase(): Promise<TestDatabase> {
  return timed('createTestDatabase', openTestDatabase());
}

async function openTestDatabase(): Promise<TestDatabase> {
  const tpl = template();
  if (!serverUrl) {
    const database = await openDatabase({
      pgliteDir: 'memory://',
      ...(tpl?.kind === 'pglite' ? { loadDataDir: templateBlob(tpl.file) } : {}),
    });
    if (tpl?.kind !== 'pglite') await database.migrate();
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `dharura_test_${randomBytes(6).toString('hex')}`;
  const fromTemplate = tpl?.kind === 'postgres' ? ` template ${tpl.name}` : '';
  await withAdmin(serverUrl, (c) => c.query(`create database ${name}${fromTemplate}`));
  const url = databaseUrl(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  if (!fromTemplate) await database.migrate();
  return {
    database,
    url,
    async drop() {
      await database.close();
      await withAdmin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
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
  opts: {
    startJobs?: boolean;
    clock?: Clock;
    config?: Record<string, string>;
    db?: TestDatabase;
    /** A second database standing in for a read replica (dashboards, tracker, reports read it). */
    readDb?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const testDb = opts.db ?? (await createTestDatabase());
  const clock = (opts.clock as ManualClock | undefined) ?? new ManualClock(Date.now());
  const config = testConfig({ ...(testDb.url ? { DATABASE_URL: testDb.url } : {}), ...opts.config });
  const app = await timed(
    `buildApp${opts.startJobs ? ' (jobs)' : ''}`,
    buildApp({
      config,
      database: testDb.database,
      ...(opts.readDb ? { readDatabase: opts.readDb.database } : {}),
      clock,
      startJobs: opts.startJobs ?? false,
    }).then(async (a) => {
      await a.ready();
      return a;
    }),
  );
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
export async function createUser(
  app: FastifyInstance,
  roles: Role[],
  overrides: { locale?: 'en' | 'sw' } = {},
) {
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

/** A session plus what it took to get it, for tests that sign the same user in again or re-authenticate. */
export interface SignedIn extends Session {
  email: string;
  password: string;
  totpSecret: string;
  /** Only when this sign-in enrolled the second factor (shown once). */
  recoveryCodes: string[];
}

/** The code an authenticator app shows for `secret` at `at` (pass the app's clock: `app.ctx.clock.now()`). */
export function totpCode(secret: string, at: Date = new Date()): Promise<string> {
  return totpCodeAt(secret, at);
}

const replayHint =
  ' (each 30-second TOTP step works once per user: after a sign-in or re-authentication, advance the clock 30 s)';

function sessionFrom(res: LightMyRequestResponse, userId: string): Session {
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, userId, headers: { cookie, 'x-csrf-token': csrf } };
}

/**
 * The full two-step sign-in through the real API: the password, then either first-time enrolment
 * (new TOTP secret, confirmed with a code) or a code for `totpSecret`. Codes come from the app's clock;
 * signing the same user in twice within one 30-second step is refused as a replay, so advance the clock.
 */
export async function signIn(
  app: FastifyInstance,
  creds: { email: string; password: string; totpSecret?: string },
): Promise<SignedIn> {
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
  const login = await post('/api/auth/login', { email: creds.email, password: creds.password });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const step = login.json() as { status: string; challenge: string };
  const now = () => app.ctx.clock.now();
  let totpSecret = creds.totpSecret;
  let recoveryCodes: string[] = [];
  let done;
  if (step.status === 'mfa_enrollment_required') {
    const start = await post('/api/auth/mfa/enroll/start', { challenge: step.challenge });
    if (start.statusCode !== 200) throw new Error(`enrolment failed: ${start.statusCode} ${start.body}`);
    totpSecret = (start.json() as { secret: string }).secret;
    const code = await totpCode(totpSecret, now());
    done = await post('/api/auth/mfa/enroll/confirm', { challenge: step.challenge, code });
    if (done.statusCode === 200) recoveryCodes = (done.json() as { recoveryCodes: string[] }).recoveryCodes;
  } else {
    if (!totpSecret) throw new Error('this user has a second factor: pass its totpSecret');
    const code = await totpCode(totpSecret, now());
    done = await post('/api/auth/mfa/verify', { challenge: step.challenge, code });
  }
  if (done.statusCode !== 200)
    throw new Error(`second factor failed: ${done.statusCode} ${done.body}${replayHint}`);
  const userId = (done.json() as { user: { id: string } }).user.id;
  return {
    ...sessionFrom(done, userId),
    email: creds.email,
    password: creds.password,
    totpSecret,
    recoveryCodes,
  };
}

/** A new user with these roles, signed in through the real API (password, then TOTP enrolment). */
export async function loginAs(app: FastifyInstance, roles: Role[] | Role): Promise<SignedIn> {
  const list = Array.isArray(roles) ? roles : [roles];
  const { user, password } = await createUser(app, list);
  return signIn(app, { email: user.email, password });
}

/** Re-authenticate a signed-in session (password + a fresh TOTP code) for routes marked `reauth`. */
export async function reauthenticate(app: FastifyInstance, s: SignedIn): Promise<void> {
  const code = await totpCode(s.totpSecret, app.ctx.clock.now());
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/reauth',
    headers: s.headers,
    payload: { password: s.password, code },
  });
  if (res.statusCode !== 200) throw new Error(`reauth failed: ${res.statusCode} ${res.body}${replayHint}`);
}
