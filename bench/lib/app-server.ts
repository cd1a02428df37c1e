import path from 'node:path';
import { generate } from 'otplib';
import { loadConfig } from '../../src/server/config.js';
import { openAndMigrate } from '../../src/server/main.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { createAudit } from '../../src/server/security/audit.js';
import { createUsersRepo } from '../../src/server/modules/users/users.repo.js';
import { createUsersService } from '../../src/server/modules/users/users.service.js';
import type { Role } from '../../src/shared/permissions.js';
import { freePort, memoryOf, serverCommand, startProc, waitForHttp, type Proc } from './util.js';

export const BENCH_PASSWORD = 'bench-password-not-secret-1';
/** The secret in the Africa's Talking callback URLs of the bench servers. */
export const BENCH_AT_SECRET = 'bench-at-callback-secret-0123456789';

/**
 * The environment every Dharura process in one bench run shares. The public-form and sign-in rate
 * limits are raised: every request comes from 127.0.0.1, and the limits are per address.
 */
export function appEnv(opts: {
  dataDir: string;
  databaseUrl?: string | undefined;
  masterKey: string;
  blindIndexKey: string;
  port?: number;
  logLevel?: string;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    // Plain http on 127.0.0.1: a Secure cookie would be right in production, not here.
    COOKIE_SECURE: 'false',
    HOST: '127.0.0.1',
    PORT: String(opts.port ?? 0),
    DATA_DIR: opts.dataDir,
    LOG_LEVEL: opts.logLevel ?? 'info',
    DHARURA_MASTER_KEY: opts.masterKey,
    DHARURA_BLIND_INDEX_KEY: opts.blindIndexKey,
    PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    JOBS_ENABLED: 'true',
    AT_CALLBACK_SECRET: BENCH_AT_SECRET,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  return env;
}

/** Migrate the database and create one staff user, in this process, before the server opens it. */
export async function prepareDatabase(
  env: NodeJS.ProcessEnv,
  user: { email: string; roles: Role[] },
): Promise<void> {
  const config = loadConfig(env);
  const database = await openAndMigrate(config);
  try {
    const users = createUsersService({
      users: createUsersRepo(database.db),
      audit: createAudit(database.db, systemClock),
      db: database.db,
    });
    await users.create({
      email: user.email,
      displayName: 'Bench operator',
      password: BENCH_PASSWORD,
      roles: user.roles,
      locale: 'en',
    });
  } finally {
    await database.close();
  }
}

export interface AppServer {
  url: string;
  proc: Proc;
  mode: 'dist' | 'src';
  stop(): Promise<void>;
}

/** The real server (`dharura serve`) in its own process. */
export async function startAppServer(
  env: NodeJS.ProcessEnv,
  opts: { logDir: string; name: string; mode: 'auto' | 'dist' | 'src'; readyTimeoutMs?: number },
): Promise<AppServer> {
  const port = await freePort();
  const cmd = serverCommand(opts.mode);
  const proc = startProc(process.execPath, [...cmd.args, 'serve'], {
    env: { ...env, PORT: String(port) },
    logFile: path.join(opts.logDir, `${opts.name}.log`),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/readyz`, proc, opts.readyTimeoutMs ?? 120_000);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { url, proc, mode: cmd.mode, stop: () => proc.stop() };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${url}: ${r.status} ${text.slice(0, 300)}`);
  return { json: JSON.parse(text) as Record<string, unknown>, headers: r.headers };
}

/** Sign in through the API: password, then first-time TOTP enrolment with a code computed by otplib. */
export async function signIn(baseUrl: string, email: string): Promise<Session> {
  const login = await postJson(`${baseUrl}/api/auth/login`, { email, password: BENCH_PASSWORD });
  const challenge = login.json.challenge as string;
  if (login.json.status !== 'mfa_enrollment_required') {
    throw new Error(`expected first-time enrolment, got ${String(login.json.status)}`);
  }
  const start = await postJson(`${baseUrl}/api/auth/mfa/enroll/start`, { challenge });
  const secret = start.json.secret as string;
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  const done = await postJson(`${baseUrl}/api/auth/mfa/enroll/confirm`, { challenge, code });
  const setCookie = done.headers.getSetCookie()[0];
  if (!setCookie) throw new Error('no session cookie after sign-in');
  const cookie = setCookie.split(';')[0]!;
  const csrf = done.json.csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Samples a process's memory every 200 ms; the peak is VmHWM (kernel-tracked), the samples VmRSS. */
export function memorySampler(pid: number) {
  let maxRss = 0;
  let hwm = 0;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m) {
      maxRss = Math.max(maxRss, m.rssMb);
      hwm = Math.max(hwm, m.hwmMb);
    }
  }, 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const m = memoryOf(pid);
      if (m) {
        maxRss = Math.max(maxRss, m.rssMb);
        hwm = Math.max(hwm, m.hwmMb);
      }
      return { maxSampledRssMb: maxRss, peakRssMb: hwm };
    },
  };
}
