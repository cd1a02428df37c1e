import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, totpCode, type TestApp } from '../../../../test/helpers.js';

/** DESIGN §8: a fresh install asks, in the browser, for the organisation's name and its first administrator. */
describe('first run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
  const body = {
    organisationName: 'Haki Kwanza',
    email: 'First.Admin@Example.org',
    displayName: 'First Admin',
    password: 'the first admin password',
    locale: 'sw',
  };

  it('sets up a fresh install with the printed code, then refuses for good', async () => {
    expect((await t.app.inject({ url: '/api/setup' })).json()).toEqual({ needed: true });
    const code = await t.app.ctx.services.userAdmin.firstRun.prepare();
    expect(code).toMatch(/^[A-Za-z0-9_-]{16}$/);

    // Someone else on the network, without the code: refused, nothing created.
    const guess = await post('/api/setup', { ...body, code: 'not-the-code-at-all' });
    expect(guess.statusCode).toBe(403);
    expect(guess.json().error.code).toBe('SETUP_CODE_INVALID');
    const invalid = await post('/api/setup', { ...body, code, password: 'short' });
    expect(invalid.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/setup' })).json()).toEqual({ needed: true });

    const done = await post('/api/setup', { ...body, code });
    expect(done.statusCode).toBe(200);
    const { challenge, status } = done.json() as { challenge: string; status: string };
    expect(status).toBe('mfa_enrollment_required');
    // No session yet: the first administrator enrols an authenticator app first.
    expect(done.headers['set-cookie']).toBeUndefined();
    const start = await post('/api/auth/mfa/enroll/start', { challenge });
    const secret = (start.json() as { secret: string }).secret;
    const confirm = await post('/api/auth/mfa/enroll/confirm', {
      challenge,
      code: await totpCode(secret, t.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().user).toMatchObject({
      email: 'first.admin@example.org',
      roles: ['admin'],
      locale: 'sw',
    });
    const org = await t.database.query<{ value: unknown }>(
      "select value from org_settings where key = 'organisation'",
    );
    expect(org.rows[0]!.value).toEqual({ name: 'Haki Kwanza' });

    // After set-up: the status says so, the API refuses (409) even with the old code, no new code is made.
    expect((await t.app.inject({ url: '/api/setup' })).json()).toEqual({ needed: false });
    const again = await post('/api/setup', { ...body, email: 'second@example.org', code });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_DONE');
    expect(await t.app.ctx.services.userAdmin.firstRun.prepare()).toBeNull();
    const users = await t.database.query('select email from users');
    expect(users.rows).toEqual([{ email: 'first.admin@example.org' }]);
    const audit = await t.database.query("select actor_id from audit_log where action = 'install.set_up'");
    expect(audit.rows).toHaveLength(1);
  });
});
