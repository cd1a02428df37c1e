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

describe('sign-in, sessions and CSRF', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 8, 0));
  const logLines: string[] = [];

  beforeAll(async () => {
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
      error: { code: 'INVALID_CREDENTIALS', message: 'The email or password is not correct.' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'sw' },
      payload: { email: 'nobody@example.test', password: secret },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS', message: 'Barua pepe au nenosiri si sahihi.' },
    });
    const all = logLines.join('');
    expect(all).toContain('auth.login_failed');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(user.email);
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} wrong passwords, even for the right one`, async () => {
    const { user, password } = await createUser(app, ['approver']);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'nope-nope-nope' },
      });
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password },
    });
    expect(res.statusCode).toBe(423);
    expect(res.json()).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    clock.advance(16 * 60_000);
    const later = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password },
    });
    expect(later.statusCode).toBe(200);
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
