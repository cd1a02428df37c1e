import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createLogger } from '../../logger.js';
import { ManualClock } from '../../lib/clock.js';
import {
  createTestDatabase,
  createUser,
  loginAs,
  signIn,
  testConfig,
  type TestDatabase,
} from '../../../../test/helpers.js';
import type { FastifyInstance } from 'fastify';
import { MAX_FAILED_LOGINS } from './auth.service.js';
import { setPasswordHashCostForTests } from './passwords.js';
import { BURST_FAILURES, FREE_FAILURES, delayAfter } from './throttle.js';

describe('sign-in, sessions and CSRF', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 8, 0));
  const logLines: string[] = [];

  beforeAll(async () => {
    // This file measures sign-in timing: argon2id at the production cost, as the server runs it.
    setPasswordHashCostForTests('production');
    db = await createTestDatabase();
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    const config = testConfig(db.url ? { DATABASE_URL: db.url } : {});
    app = await buildApp({
      config,
      database: db.database,
      clock,
      logger: createLogger('info', sink),
      startJobs: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('signs in with the right password and a second factor, and returns the user and a CSRF token', async () => {
    const { user, password } = await createUser(app, ['duty_officer'], { locale: 'sw' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password },
    });
    expect(res.statusCode).toBe(200);
    // The password alone never makes a session.
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json()).toMatchObject({ status: 'mfa_enrollment_required', methods: ['totp'] });
    const s = await signIn(app, { email: user.email, password });
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.json()).toMatchObject({
      user: { id: user.id, roles: ['duty_officer'], locale: 'sw' },
      csrfToken: s.csrf,
    });
    clock.advance(30_000);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password },
    });
    const step = again.json() as { status: string; challenge: string };
    expect(step).toMatchObject({ status: 'mfa_required', methods: ['totp', 'recovery'] });
    const verified = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      payload: { challenge: step.challenge, recoveryCode: s.recoveryCodes[0] },
    });
    expect(verified.statusCode).toBe(200);
    const cookie = String(verified.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toContain(password);
    expect(cookie).not.toContain(step.challenge);
  });

  it('answers a wrong password with a generic localised error and logs the attempt without the password', async () => {
    const { user } = await createUser(app, ['legal']);
    const secret = 'Wr0ng-Passw0rd-Canary-7781';
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: secret },
    });
    expect(en.statusCode).toBe(401);
    expect(en.json()).toMatchObject({
      error: {
        code: 'INVALID_CREDENTIALS',
        message:
          'The email or password is not correct. After several attempts, wait a minute before trying again.',
      },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'sw' },
      payload: { email: 'nobody@example.test', password: secret },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({
      error: {
        code: 'INVALID_CREDENTIALS',
        message:
          'Barua pepe au nenosiri si sahihi. Baada ya majaribio kadhaa, subiri dakika moja kabla ya kujaribu tena.',
      },
    });
    const all = logLines.join('');
    expect(all).toContain('auth.login_failed');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(user.email);
  });

  const login = (email: string, password: string, from = '203.0.113.5') =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: from, payload: { email, password } });

  it("does not let a stranger's failures from one address stop the real user at another", async () => {
    const { user, password } = await createUser(app, ['duty_officer']);
    const stranger = '203.0.113.5';
    for (let i = 0; i < 3 * MAX_FAILED_LOGINS; i++) {
      const res = await login(user.email, `guess-${i}-nope-nope`, stranger);
      expect(res.statusCode).toBe(401);
      clock.advance(100);
    }
    // The duty officer, from her own address, signs in at once: no lock, no wait.
    const real = await login(user.email, password, '198.51.100.7');
    expect(real.statusCode).toBe(200);
    expect(real.json()).toMatchObject({ status: 'mfa_enrollment_required' });
    // The stranger's address is slowed down: even the right password waits there (and is told nothing).
    const fromStranger = await login(user.email, password, stranger);
    expect(fromStranger.statusCode).toBe(401);
    expect(fromStranger.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });

  it(`slows one address down with growing delays after ${FREE_FAILURES} failures, never a hard lock`, async () => {
    const { user, password } = await createUser(app, ['approver']);
    const from = '192.0.2.44';
    for (let i = 0; i < FREE_FAILURES; i++) await login(user.email, 'nope-nope-nope', from);
    // The next failure starts a delay of a second; within it even the right password is refused.
    await login(user.email, 'nope-nope-nope', from);
    expect((await login(user.email, password, from)).statusCode).toBe(401);
    clock.advance(delayAfter(FREE_FAILURES + 1) + 1);
    await login(user.email, 'nope-nope-nope', from);
    expect(delayAfter(FREE_FAILURES + 2)).toBeGreaterThan(delayAfter(FREE_FAILURES + 1));
    clock.advance(delayAfter(FREE_FAILURES + 1) + 1);
    expect((await login(user.email, password, from)).statusCode).toBe(401);
    clock.advance(delayAfter(FREE_FAILURES + 2));
    expect((await login(user.email, password, from)).statusCode).toBe(200);
    expect(delayAfter(100)).toBe(15 * 60_000);
  });

  it('answers an unknown email, a wrong password and a slowed-down attempt alike, after the same hash', async () => {
    const { user } = await createUser(app, ['legal']);
    const from = '192.0.2.45';
    const answers: Record<string, { status: number; body: string; ms: number[] }> = {};
    const time = async (name: string, email: string, password: string) => {
      const t0 = performance.now();
      const res = await login(email, password, from);
      const ms = performance.now() - t0;
      // Identical apart from the request id every answer carries.
      const body = res.body.replace(/"requestId":"[^"]+"/, '"requestId":"-"');
      const a = (answers[name] ??= { status: res.statusCode, body, ms: [] });
      expect(res.statusCode, name).toBe(a.status);
      expect(body, name).toBe(a.body);
      a.ms.push(ms);
    };
    for (let i = 0; i < 4; i++) {
      await time('unknown', `nobody-${i}@example.test`, 'wrong-password-1');
      await time('wrong', user.email, 'wrong-password-1');
    }
    for (let i = 0; i < 6; i++) await login(user.email, 'wrong-password-1', from);
    for (let i = 0; i < 4; i++) await time('throttled', user.email, 'wrong-password-1');
    const { unknown, wrong, throttled } = answers as Record<
      string,
      { status: number; body: string; ms: number[] }
    >;
    expect(unknown!.status).toBe(401);
    expect(wrong!.status).toBe(401);
    expect(throttled!.status).toBe(401);
    expect(unknown!.body).toBe(wrong!.body);
    expect(throttled!.body).toBe(wrong!.body);
    expect(unknown!.body).not.toContain('locked');
    // Every path runs argon2id: the unknown email is not answered measurably faster (median, loose bound).
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(unknown!.ms)).toBeGreaterThan(median(wrong!.ms) * 0.4);
    expect(median(throttled!.ms)).toBeGreaterThan(median(wrong!.ms) * 0.4);
    if (process.env.AUTH_TIMINGS)
      process.stdout.write(
        `${JSON.stringify({ unknown: unknown!.ms, wrong: wrong!.ms, throttled: throttled!.ms })}\n`,
      );
  });

  it('tells the user and the administrators about a burst of failures, once, in their language', async () => {
    const { user } = await createUser(app, ['duty_officer'], { locale: 'sw' });
    const { user: admin } = await createUser(app, ['admin']);
    for (let i = 0; i < BURST_FAILURES; i++) {
      await login(user.email, `guess-${i}-nope-nope`, `198.18.0.${i + 1}`);
      clock.advance(1_000);
    }
    await login(user.email, 'one-more-nope', '198.18.0.99');
    const messages = async (userId: string) => {
      const rows = await db.database.query<{ id: string; channel: string }>(
        "select id, channel from messages where user_id = $1 and channel = 'inapp'",
        [userId],
      );
      return rows.rows;
    };
    let mine: { id: string }[] = [];
    for (let i = 0; i < 50 && mine.length === 0; i++) {
      mine = await messages(user.id);
      if (mine.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(mine).toHaveLength(1);
    expect(await messages(admin.id)).toHaveLength(1);
    const burst = await db.database.query<{ subject_id: string }>(
      "select subject_id from audit_log where action = 'auth.failure_burst' and subject_id = $1",
      [user.id],
    );
    expect(burst.rows).toHaveLength(1);
  });

  it('keeps sessions server-side: me works, logout ends it', async () => {
    const s = await loginAs(app, 'research');
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('expires a session idle longer than the idle timeout', async () => {
    const s = await loginAs(app, 'analyst');
    clock.advance(14 * 60_000);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    clock.advance(16 * 60_000);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token and changes nothing', async () => {
    const s = await loginAs(app, 'finance');
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/me/preferences',
      headers: { cookie: s.cookie },
      payload: { locale: 'sw' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const me = (await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).json() as {
      user: { locale: string };
    };
    expect(me.user.locale).toBe('en');
  });

  it('remembers the language per user', async () => {
    const s = await loginAs(app, 'communications');
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/me/preferences',
      headers: s.headers,
      payload: { locale: 'sw' },
    });
    expect(res.statusCode).toBe(200);
    const me = (await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).json() as {
      user: { locale: string };
    };
    expect(me.user.locale).toBe('sw');
    // Errors now come in the user's language even without Accept-Language.
    const err = await app.inject({ url: '/api/users', headers: { cookie: s.cookie } });
    expect(err.json()).toMatchObject({
      error: { code: 'FORBIDDEN', message: 'Huna ruhusa ya kufanya hivi.' },
    });
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await buildApp({
      config: testConfig({ ...(db.url ? { DATABASE_URL: db.url } : {}), LOGIN_RATE_LIMIT_PER_MINUTE: '3' }),
      database: db.database,
      clock,
      startJobs: false,
    });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await limited.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@example.test', password: 'y' },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual([429, 429]);
    await limited.close();
  });

  it('lists and revokes my own sessions', async () => {
    const a = await loginAs(app, 'leadership');
    // The next TOTP step: the one just used cannot be replayed.
    clock.advance(30_000);
    const b = await signIn(app, a);
    const list = (await app.inject({ url: '/api/me/sessions', headers: { cookie: a.cookie } })).json() as {
      sessions: { id: string; current: boolean }[];
    };
    expect(list.sessions).toHaveLength(2);
    const other = list.sessions.find((x) => !x.current)!;
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${other.id}`,
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: b.cookie } })).statusCode).toBe(401);
  });
});
