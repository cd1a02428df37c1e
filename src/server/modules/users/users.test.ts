import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  reauthenticate,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';

describe('users', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const newUser = {
    email: 'Wanjiru.Test@Example.org',
    displayName: 'Wanjiru Test',
    password: 'a long enough password',
    roles: ['duty_officer'],
    locale: 'sw',
  };

  it('creates a user only after re-authentication, and lists it without its password', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: newUser,
    });
    expect(refused.statusCode).toBe(401); // re-authentication required
    t.clock.advance(31_000); // one TOTP step per sign-in or re-authentication
    await reauthenticate(t.app, admin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: newUser,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'wanjiru.test@example.org',
      roles: ['duty_officer'],
      locale: 'sw',
    });
    const list = await t.app.inject({ url: '/api/users', headers: admin.headers });
    expect(list.body).toContain('wanjiru.test@example.org');
    expect(list.body).not.toMatch(/password|argon2/i);
  });

  it('refuses a short password and an unknown role with a clear message, creating nothing', async () => {
    t.clock.advance(31_000);
    await reauthenticate(t.app, admin);
    const before = (await t.app.inject({ url: '/api/users', headers: admin.headers })).body;
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...newUser, email: 'other@example.org', password: 'short', roles: ['emperor'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBeTruthy(); // in the signed-in user's language
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await t.app.inject({ url: '/api/users', headers: admin.headers })).body).toBe(before);
  });

  it('is closed to a role without users:read', async () => {
    const duty = await loginAs(t.app, 'duty_officer');
    expect((await t.app.inject({ url: '/api/users', headers: duty.headers })).statusCode).toBe(403);
  });
});
