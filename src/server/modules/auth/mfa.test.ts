import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createUser,
  loginAs,
  reauthenticate,
  signIn,
  totpCode,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';
import { LOCKOUT_MINUTES, MAX_FAILED_CODES } from './auth.service.js';

describe('second factor, re-authentication and session control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });
  const now = () => t.clock.now();
  /** A code that is certainly not the one the authenticator shows now. */
  const wrongCodeFor = async (secret: string) =>
    String((Number(await totpCode(secret, now())) + 500_000) % 1_000_000).padStart(6, '0');
  const passwordStep = async (s: { email: string; password: string }) => {
    const res = await post('/api/auth/login', { email: s.email, password: s.password });
    expect(res.statusCode).toBe(200);
    return res.json() as { status: string; challenge: string; methods: string[]; expiresAt: string };
  };
  const auditRows = async () =>
    (
      await t.database.query<{ action: string; meta: unknown; subject_id: string | null }>(
        'select action, meta, subject_id from audit_log order by seq',
      )
    ).rows;

  it('does not sign in on a correct password alone', async () => {
    const { user, password } = await createUser(t.app, ['duty_officer']);
    const res = await post('/api/auth/login', { email: user.email, password });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const body = res.json() as { status: string; challenge: string; methods: string[]; expiresAt: string };
    expect(body).toMatchObject({ status: 'mfa_enrollment_required', methods: ['totp'] });
    expect(body.challenge.length).toBeGreaterThanOrEqual(40);
    expect(new Date(body.expiresAt).getTime() - now().getTime()).toBe(5 * 60_000);
    // The challenge is no session, whichever way it is presented.
    for (const headers of [
      { cookie: `dharura_sid=${body.challenge}` },
      { authorization: `Bearer ${body.challenge}`, 'x-csrf-token': body.challenge },
    ]) {
      const me = await t.app.inject({ url: '/api/auth/me', headers });
      expect(me.statusCode).toBe(401);
      expect(me.json()).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
    }
    // Only its hash is stored.
    const stored = await t.database.query('select id, purpose from login_challenges where user_id = $1', [
      user.id,
    ]);
    expect(stored.rows).toHaveLength(1);
    expect(JSON.stringify(stored.rows)).not.toContain(body.challenge);
  });

  it('enrols an authenticator app: QR code, ten one-time recovery codes and a working session', async () => {
    const { user, password } = await createUser(t.app, ['approver']);
    const step = await passwordStep({ email: user.email, password });
    const start = await post('/api/auth/mfa/enroll/start', { challenge: step.challenge });
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = start.json() as {
      secret: string;
      otpauthUrl: string;
      qrDataUrl: string;
    };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Dharura:/);
    expect(otpauthUrl).toContain('issuer=Dharura');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // Still no session after step one of enrolment.
    expect(start.headers['set-cookie']).toBeUndefined();

    const confirm = await post('/api/auth/mfa/enroll/confirm', {
      challenge: step.challenge,
      code: await totpCode(secret, now()),
    });
    expect(confirm.statusCode).toBe(200);
    const body = confirm.json() as { user: { id: string }; csrfToken: string; recoveryCodes: string[] };
    expect(body.user.id).toBe(user.id);
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    for (const c of body.recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const cookie = String(confirm.headers['set-cookie']).split(';')[0]!;
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const status = await t.app.inject({ url: '/api/me/mfa', headers: { cookie } });
    expect(status.json()).toMatchObject({
      totp: { enrolled: true },
      recoveryCodesLeft: 10,
      webauthnCredentials: 0,
    });

    // The secret is stored encrypted, the recovery codes only as hashes; neither reaches the audit log.
    const row = (await t.database.query('select * from user_mfa where user_id = $1', [user.id])).rows[0]!;
    const rowText = JSON.stringify(row);
    expect(rowText).not.toContain(secret);
    for (const c of body.recoveryCodes) expect(rowText).not.toContain(c);
    const audit = await auditRows();
    const auditText = JSON.stringify(audit);
    expect(auditText).not.toContain(secret);
    for (const c of body.recoveryCodes) expect(auditText).not.toContain(c);
    const mine = audit.filter((r) => r.subject_id === user.id).map((r) => r.action);
    expect(mine).toEqual(
      expect.arrayContaining([
        'auth.password_verified',
        'auth.mfa_enrolment_started',
        'auth.mfa_enrolled',
        'auth.login',
      ]),
    );
    // The challenge was spent with the sign-in.
    const again = await post('/api/auth/mfa/enroll/confirm', {
      challenge: step.challenge,
      code: await totpCode(secret, now()),
    });
    expect(again.json()).toMatchObject({ error: { code: 'MFA_CHALLENGE_EXPIRED' } });
  });

  it(`locks the account after ${MAX_FAILED_CODES} wrong codes, even for the right one`, async () => {
    const s = await loginAs(t.app, 'legal');
    t.clock.advance(30_000);
    const step = await passwordStep(s);
    expect(step).toMatchObject({ status: 'mfa_required', methods: ['totp', 'recovery'] });
    for (let i = 0; i < MAX_FAILED_CODES; i++) {
      const res = await post('/api/auth/mfa/verify', {
        challenge: step.challenge,
        code: await wrongCodeFor(s.totpSecret),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'MFA_INVALID_CODE' } });
    }
    const right = await post(
      '/api/auth/mfa/verify',
      { challenge: step.challenge, code: await totpCode(s.totpSecret, now()) },
      { 'accept-language': 'sw' },
    );
    expect(right.statusCode).toBe(423);
    expect(right.json()).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/imefungwa/) },
    });
    expect(right.headers['set-cookie']).toBeUndefined();
    // The password step is locked too, but only someone with the password learns it: a wrong one gets
    // the answer an unknown email gets.
    const login = await post('/api/auth/login', { email: s.email, password: s.password });
    expect(login.statusCode).toBe(423);
    const stranger = await post('/api/auth/login', { email: s.email, password: 'not-the-password-1' });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const locked = (await auditRows()).filter(
      (r) => r.subject_id === s.userId && r.action === 'auth.account_locked',
    );
    expect(locked).toHaveLength(1);
    expect(locked[0]!.meta).toMatchObject({ reason: 'mfa_codes' });

    t.clock.advance((LOCKOUT_MINUTES + 1) * 60_000);
    const later = await signIn(t.app, s);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: later.cookie } })).statusCode).toBe(
      200,
    );
  });

  it('refuses a TOTP code whose time step was already used', async () => {
    const s = await loginAs(t.app, 'research');
    // Same 30-second step as the enrolment code: the very same code must not sign in again.
    const step = await passwordStep(s);
    const replay = await post('/api/auth/mfa/verify', {
      challenge: step.challenge,
      code: await totpCode(s.totpSecret, now()),
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ error: { code: 'MFA_INVALID_CODE' } });
    t.clock.advance(30_000);
    const fresh = await post('/api/auth/mfa/verify', {
      challenge: step.challenge,
      code: await totpCode(s.totpSecret, now()),
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('accepts each recovery code once', async () => {
    const s = await loginAs(t.app, 'communications');
    const [first, second] = s.recoveryCodes;
    const one = await passwordStep(s);
    // Case and separators do not matter when typing a recovery code.
    const used = await post('/api/auth/mfa/verify', {
      challenge: one.challenge,
      recoveryCode: ` ${first!.toUpperCase()} `,
    });
    expect(used.statusCode).toBe(200);
    const cookie = String(used.headers['set-cookie']).split(';')[0]!;
    expect((await t.app.inject({ url: '/api/me/mfa', headers: { cookie } })).json()).toMatchObject({
      recoveryCodesLeft: 9,
    });
    const two = await passwordStep(s);
    const reused = await post('/api/auth/mfa/verify', { challenge: two.challenge, recoveryCode: first });
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toMatchObject({ error: { code: 'MFA_INVALID_CODE' } });
    const other = await post('/api/auth/mfa/verify', { challenge: two.challenge, recoveryCode: second });
    expect(other.statusCode).toBe(200);
    const audit = await auditRows();
    const uses = audit.filter((r) => r.subject_id === s.userId && r.action === 'auth.recovery_code_used');
    expect(uses).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(first);
    // Both code fields at once is a malformed request, not a guess.
    const both = await post('/api/auth/mfa/verify', {
      challenge: two.challenge,
      code: '123456',
      recoveryCode: second,
    });
    expect(both.statusCode).toBe(400);
  });

  it('refuses an expired challenge, and a challenge used for the wrong step', async () => {
    const s = await loginAs(t.app, 'finance');
    t.clock.advance(30_000);
    const step = await passwordStep(s);
    t.clock.advance(6 * 60_000);
    const res = await post(
      '/api/auth/mfa/verify',
      { challenge: step.challenge, code: await totpCode(s.totpSecret, now()) },
      { 'accept-language': 'sw' },
    );
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      error: { code: 'MFA_CHALLENGE_EXPIRED', message: expect.stringMatching(/muda/) },
    });
    expect(res.headers['set-cookie']).toBeUndefined();

    const { user, password } = await createUser(t.app, ['analyst']);
    const enrol = await passwordStep({ email: user.email, password });
    t.clock.advance(6 * 60_000);
    const late = await post('/api/auth/mfa/enroll/start', { challenge: enrol.challenge });
    expect(late.json()).toMatchObject({ error: { code: 'MFA_CHALLENGE_EXPIRED' } });

    // An enrolment challenge cannot be used to verify, nor a verify challenge to enrol afresh.
    const fresh = await passwordStep({ email: user.email, password });
    const wrongStep = await post('/api/auth/mfa/verify', { challenge: fresh.challenge, code: '123456' });
    expect(wrongStep.json()).toMatchObject({ error: { code: 'MFA_CHALLENGE_EXPIRED' } });
    const verifyStep = await passwordStep(s);
    const hijack = await post('/api/auth/mfa/enroll/start', { challenge: verifyStep.challenge });
    expect(hijack.json()).toMatchObject({ error: { code: 'MFA_CHALLENGE_EXPIRED' } });
    const unknown = await post('/api/auth/mfa/verify', { challenge: 'x'.repeat(43), code: '123456' });
    expect(unknown.json()).toMatchObject({ error: { code: 'MFA_CHALLENGE_EXPIRED' } });
  });

  it('asks for re-authentication before creating users, and forgets it after five minutes', async () => {
    const admin = await loginAs(t.app, 'admin');
    const newUser = (n: number) => ({
      email: `reauth-${n}@example.test`,
      displayName: `Reauth ${n}`,
      password: 'a-long-enough-password',
      roles: ['research'],
    });
    const create = (n: number) => post('/api/users', newUser(n), admin.headers);
    const refused = await create(1);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'REAUTH_REQUIRED' } });

    const badPassword = await post(
      '/api/auth/reauth',
      { password: 'not-the-password', code: await totpCode(admin.totpSecret, now()) },
      admin.headers,
    );
    expect(badPassword.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const badCode = await post(
      '/api/auth/reauth',
      { password: admin.password, code: await wrongCodeFor(admin.totpSecret) },
      admin.headers,
    );
    expect(badCode.json()).toMatchObject({ error: { code: 'MFA_INVALID_CODE' } });
    // The session itself survives failed re-authentication.
    expect((await t.app.inject({ url: '/api/auth/me', headers: admin.headers })).statusCode).toBe(200);
    const noCsrf = await post(
      '/api/auth/reauth',
      { password: admin.password, code: '123456' },
      { cookie: admin.cookie },
    );
    expect(noCsrf.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });

    t.clock.advance(30_000);
    await reauthenticate(t.app, admin);
    expect((await create(2)).statusCode).toBe(201);
    t.clock.advance(4 * 60_000);
    expect((await create(3)).statusCode).toBe(201);
    t.clock.advance(2 * 60_000);
    expect((await create(4)).json()).toMatchObject({ error: { code: 'REAUTH_REQUIRED' } });

    // A recovery code also re-authenticates.
    const viaRecovery = await post(
      '/api/auth/reauth',
      { password: admin.password, recoveryCode: admin.recoveryCodes[0] },
      admin.headers,
    );
    expect(viaRecovery.statusCode).toBe(200);
    expect((await create(5)).statusCode).toBe(201);
    const actions = (await auditRows()).filter((r) => r.subject_id === admin.userId).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.reauthenticated')).toHaveLength(2);
    expect(actions).toContain('auth.reauth_failed');
    expect(actions).toContain('auth.mfa_failed');
  });

  it('lets an administrator list and revoke another user’s sessions', async () => {
    const admin = await loginAs(t.app, 'admin');
    const target: SignedIn = await loginAs(t.app, 'duty_officer');
    t.clock.advance(30_000);
    const second = await signIn(t.app, target);

    const list = await t.app.inject({ url: `/api/users/${target.userId}/sessions`, headers: admin.headers });
    expect(list.statusCode).toBe(200);
    const sessions = (list.json() as { sessions: { id: string; mfaMethod: string }[] }).sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.mfaMethod === 'totp')).toBe(true);
    expect(JSON.stringify(sessions)).not.toContain(target.cookie.split('=')[1]);

    const notAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/api/users/${admin.userId}/sessions`,
      headers: target.headers,
    });
    expect(notAdmin.statusCode).toBe(403);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/users/${target.userId}/sessions`,
      headers: admin.headers,
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toEqual({ revoked: 2 });
    for (const s of [target, second]) {
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(
        401,
      );
    }
    expect((await t.app.inject({ url: '/api/auth/me', headers: admin.headers })).statusCode).toBe(200);
    const audit = (await auditRows()).filter(
      (r) => r.action === 'auth.sessions_revoked' && r.subject_id === target.userId,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.meta).toMatchObject({ count: 2, by: 'admin' });

    const missing = await t.app.inject({
      url: '/api/users/00000000-0000-4000-8000-000000000000/sessions',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('does not honour a session that never passed a second factor', async () => {
    const s = await loginAs(t.app, 'analyst');
    await t.database.query('update sessions set mfa_method = null where user_id = $1', [s.userId]);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });
});
