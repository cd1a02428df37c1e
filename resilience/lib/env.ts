/**
 * The harness's environment: a work directory, the keys every server of a run shares, fresh databases
 * (PostgreSQL on 127.0.0.1 or a PGlite directory), the organisation set-up done in-process before a
 * server starts, and the real server (`dharura serve`) as a child process that can be killed with -9.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { appEnv, BENCH_PASSWORD, startAppServer, type AppServer } from '../../bench/lib/app-server.js';
import { createDatabase, dropDatabase, sleep, waitForHttp } from '../../bench/lib/util.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { createLogger } from '../../src/server/logger.js';
import { openAndMigrate, pgliteDirFor } from '../../src/server/main.js';
import type { NotificationRuleInput } from '../../src/shared/contracts/messages.js';
import type { Role } from '../../src/shared/permissions.js';
import type { Sql } from './checks.js';

export type DbKind = 'postgres' | 'pglite';

const t0 = Date.now();
/** One progress line, with the seconds since the run started and the scenario it belongs to. */
export function say(scope: string, msg: string): void {
  const s = ((Date.now() - t0) / 1000).toFixed(0).padStart(4);
  process.stdout.write(`[resilience ${s}s] ${scope.padEnd(16)} ${msg}\n`);
}

export interface Run {
  id: string;
  work: string;
  logDir: string;
  keys: { masterKey: string; blindIndexKey: string };
  secret: string;
  keep: boolean;
  /** Databases created on the local PostgreSQL, dropped at the end. */
  databases: string[];
  cleanups: (() => Promise<void>)[];
}

export function newRun(keep: boolean): Run {
  const id = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomBytes(3).toString('hex')}`;
  const work = mkdtempSync(path.join(tmpdir(), 'dharura-resilience-'));
  const logDir = path.join(work, 'logs');
  mkdirSync(logDir, { recursive: true });
  return {
    id,
    work,
    logDir,
    keys: {
      masterKey: randomBytes(32).toString('base64'),
      blindIndexKey: randomBytes(32).toString('base64'),
    },
    secret: randomBytes(16).toString('hex'),
    keep,
    databases: [],
    cleanups: [],
  };
}

export async function finishRun(run: Run, failed: boolean): Promise<void> {
  for (const c of run.cleanups.reverse()) await c().catch(() => undefined);
  if (run.keep || failed) {
    say('run', `kept ${run.work} (server logs in ${run.logDir})`);
    if (run.keep) say('run', `kept databases: ${run.databases.join(', ') || 'none'}`);
    else for (const name of run.databases) await dropDatabase(name).catch(() => undefined);
    return;
  }
  for (const name of run.databases) await dropDatabase(name).catch(() => undefined);
  rmSync(run.work, { recursive: true, force: true });
}

/** One database for one scenario: a fresh PostgreSQL database or a fresh PGlite data directory. */
export interface Target {
  kind: DbKind;
  name: string;
  dataDir: string;
  databaseUrl?: string;
}

export async function newTarget(run: Run, kind: DbKind, name: string): Promise<Target> {
  const dataDir = path.join(run.work, name);
  mkdirSync(dataDir, { recursive: true });
  if (kind === 'pglite') return { kind, name, dataDir };
  const dbName = `dharura_resil_${run.id}_${name.replace(/[^a-z0-9]/g, '_')}`;
  const databaseUrl = await createDatabase(dbName);
  run.databases.push(dbName);
  return { kind, name, dataDir, databaseUrl };
}

export interface ServerOptions {
  /** Africa's Talking base URL: set, SMS go through the `africastalking` adapter to it. */
  atBaseUrl?: string;
  atApiKey?: string;
  atTimeoutMs?: number;
  messageMaxAttempts?: number;
  messageRetryDelaySeconds?: number;
}

/** The environment of every server on one target (same keys, same callback secret). */
export function serverEnv(run: Run, target: Target, opts: ServerOptions = {}): NodeJS.ProcessEnv {
  const env = appEnv({
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    masterKey: run.keys.masterKey,
    blindIndexKey: run.keys.blindIndexKey,
  });
  env.AT_CALLBACK_SECRET = run.secret;
  if (opts.atBaseUrl) {
    env.SMS_ADAPTER = 'africastalking';
    env.AT_USERNAME = 'sandbox';
    env.AT_API_KEY = opts.atApiKey ?? 'fake-at-api-key';
    env.AT_BASE_URL = opts.atBaseUrl;
  }
  if (opts.atTimeoutMs) env.AT_TIMEOUT_MS = String(opts.atTimeoutMs);
  if (opts.messageMaxAttempts) env.MESSAGE_MAX_ATTEMPTS = String(opts.messageMaxAttempts);
  if (opts.messageRetryDelaySeconds) env.MESSAGE_RETRY_DELAY_SECONDS = String(opts.messageRetryDelaySeconds);
  return env;
}

export interface Staff {
  /** Paged by the escalation steps, one role each. */
  duty: string;
  approver: string;
  lead: string;
  /** Reads the queue and alerts through the API while the server runs (PGlite cannot be read beside it). */
  watcherEmail: string;
}

export interface OrgSetup {
  /** Acknowledge clock in minutes for every priority (the settings allow 1 at least). */
  acknowledgeMinutes?: number;
  /** The duty policy's steps: duty officer → approver → leadership, this many minutes apart. */
  stepWaitMinutes?: number;
  /** Notification rules of the three paged users (default: in-app at once). */
  rules?: (user: 'duty' | 'approver' | 'lead') => NotificationRuleInput[];
}

/**
 * Migrate and set the organisation up through its own services, in this process, before any server
 * opens the database: staff, the SLA, the duty escalation policy and notification rules.
 */
export async function prepare(env: NodeJS.ProcessEnv, setup: OrgSetup): Promise<Staff> {
  const config = loadConfig(env);
  const database = await openAndMigrate(config);
  const app = await buildApp({ config, database, startJobs: false, logger: createLogger('silent') });
  try {
    await app.ready();
    const { services } = app.ctx;
    const user = async (name: string, roles: Role[]) =>
      (
        await services.users.create({
          email: `${name}@resilience.example.org`,
          displayName: `Resilience ${name}`,
          password: BENCH_PASSWORD,
          roles,
          locale: 'en',
        })
      ).id;
    const staff: Staff = {
      duty: await user('duty', ['duty_officer']),
      approver: await user('approver', ['approver']),
      lead: await user('lead', ['leadership']),
      watcherEmail: 'watcher@resilience.example.org',
    };
    await user('watcher', ['research']);
    if (setup.acknowledgeMinutes) {
      const m = setup.acknowledgeMinutes;
      const row = { acknowledge: m, decision: 24 * 60, firstAction: 72 * 60 };
      await services.settings.setSla({ P1: row, P2: row, P3: row, P4: row }, staff.duty);
    }
    if (setup.stepWaitMinutes !== undefined) {
      const duty = (await services.oncall.listPolicies()).find((p) => p.name === 'duty');
      if (!duty) throw new Error('no duty escalation policy after start-up');
      const wait = setup.stepWaitMinutes;
      await services.oncall.updatePolicy(
        duty.id,
        {
          name: 'duty',
          steps: [
            { target: { kind: 'role', role: 'duty_officer' }, waitMinutes: wait },
            { target: { kind: 'role', role: 'approver' }, waitMinutes: wait },
            { target: { kind: 'role', role: 'leadership' }, waitMinutes: wait },
          ],
          repeat: 0,
        },
        staff.duty,
      );
    }
    if (setup.rules) {
      const { rules } = services.channels;
      for (const who of ['duty', 'approver', 'lead'] as const) {
        await rules.replace(staff[who], { rules: setup.rules(who) }, { userId: staff[who] });
      }
    }
    return staff;
  } finally {
    await app.close();
    await database.close();
  }
}

export interface Server extends AppServer {
  name: string;
  /** kill -9: no shutdown hook runs, in-flight transactions are cut. */
  crash(): Promise<void>;
}

let serverCount = 0;
export async function startServer(run: Run, env: NodeJS.ProcessEnv, name: string): Promise<Server> {
  let s: AppServer | undefined;
  // A free port is picked before the server binds it: with scenarios side by side, two servers can pick
  // the same one, and the loser exits. Try again on another.
  for (let attempt = 1; !s; attempt++) {
    serverCount += 1;
    try {
      s = await startAppServer(env, { logDir: run.logDir, name: `${name}-${serverCount}`, mode: 'auto' });
    } catch (err) {
      if (attempt >= 3) throw err;
      say(name, `server did not start (${(err as Error).message}); trying again`);
    }
  }
  run.cleanups.push(() => s.stop());
  return {
    ...s,
    name,
    async crash() {
      s.proc.child.kill('SIGKILL');
      await Promise.race([s.proc.exited, sleep(5000)]);
    },
  };
}

export async function isUp(server: Server): Promise<boolean> {
  if (server.proc.child.exitCode !== null || server.proc.child.signalCode !== null) return false;
  try {
    await waitForHttp(`${server.url}/healthz`, server.proc, 5000);
    return true;
  } catch {
    return false;
  }
}

/** Lines of a server log at pino level error (50) or fatal (60). */
export function errorLines(logFile: string): string[] {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((l) => /^\{.*"level":(50|60)\b/.test(l));
}

/** Open a target's database in this process, for the checks (PGlite: only once its server is down). */
export async function openTarget(
  target: Target,
): Promise<{ database: Database; sql: Sql; close(): Promise<void> }> {
  if (target.databaseUrl) {
    const database = await openDatabase({ databaseUrl: target.databaseUrl, poolSize: 2 });
    // One dedicated connection, so BEGIN … ROLLBACK around a check (the self-test) holds.
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    return {
      database,
      sql: async <T>(text: string, params?: unknown[]) =>
        (await client.query(text, params ?? [])).rows as T[],
      async close() {
        await client.end();
        await database.close();
      },
    };
  }
  const database = await openDatabase({ pgliteDir: pgliteDirFor(loadConfig({ DATA_DIR: target.dataDir })) });
  return {
    database,
    // PGlite has one connection: BEGIN … ROLLBACK around a check holds.
    sql: async <T>(text: string, params?: unknown[]) => (await database.query<T>(text, params ?? [])).rows,
    close: () => database.close(),
  };
}

/**
 * Poll until `done` holds on two samples in a row (a single quiet sample can fall between a step and
 * the messages it enqueues), or the deadline passes. While `backlog` still shrinks the deadline moves
 * on by 30 s at a time, up to `capMs` from now: a slow but draining queue is not a lost message.
 */
export async function settle<T>(opts: {
  scope: string;
  probe: () => Promise<T | null>;
  done: (t: T) => boolean;
  describe: (t: T) => string;
  deadline: number;
  backlog?: (t: T) => number;
  capMs?: number;
}): Promise<{ last: T | null; settled: boolean; extendedMs: number }> {
  const cap = Date.now() + (opts.capMs ?? 0);
  let deadline = opts.deadline;
  const planned = deadline;
  let last: T | null;
  let quiet = 0;
  let lastSaid = Date.now();
  // Backlog samples: past the deadline, the wait goes on only while it is smaller than 30 s before.
  const history: { at: number; backlog: number }[] = [];
  for (;;) {
    last = await opts.probe().catch(() => null);
    if (last && opts.done(last)) {
      quiet += 1;
      if (quiet >= 2) return { last, settled: true, extendedMs: Math.max(0, deadline - planned) };
    } else quiet = 0;
    const now = Date.now();
    const backlog = last && opts.backlog ? opts.backlog(last) : null;
    if (backlog !== null) history.push({ at: now, backlog });
    if (now >= deadline) {
      const before = history.filter((h) => h.at <= now - 30_000).pop();
      if (backlog !== null && before && backlog > 0 && backlog < before.backlog && now + 30_000 <= cap) {
        deadline = now + 30_000;
      } else return { last, settled: false, extendedMs: Math.max(0, deadline - planned) };
    }
    if (last && now - lastSaid > 15_000) {
      say(opts.scope, `waiting: ${opts.describe(last)}`);
      lastSaid = now;
    }
    await sleep(quiet > 0 ? 1500 : 2000);
  }
}
