import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../../../../test/helpers.js';
import { createMfaRepo } from './mfa.repo.js';

describe('second factor, re-authentication and session control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });
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

  describe('security keys (WebAuthn)', () => {
    const host = 'console.dharura.test:8080';
    const bogusCredential = {
      id: 'Ym9ndXMtY3JlZGVudGlhbA',
      rawId: 'Ym9ndXMtY3JlZGVudGlhbA',
      type: 'public-key',
      response: {
        clientDataJSON: 'e30',
        attestationObject: 'AAAA',
        authenticatorData: 'AAAA',
        signature: 'AAAA',
      },
      clientExtensionResults: {},
    };

    it('offers registration options bound to the host and refuses a bogus attestation', async () => {
      const s = await loginAs(t.app, 'leadership');
      const opts = await t.app.inject({
        method: 'POST',
        url: '/api/me/webauthn/register/options',
        headers: { ...s.headers, host },
      });
      expect(opts.statusCode).toBe(200);
      const body = opts.json() as {
        challenge: string;
        rp: { id: string; name: string };
        user: { name: string };
      };
      expect(body.rp).toEqual({ id: 'console.dharura.test', name: 'Dharura' });
      expect(body.challenge.length).toBeGreaterThan(20);
      expect(body.user.name).toBe(s.email);

      const verify = await t.app.inject({
        method: 'POST',
        url: '/api/me/webauthn/register/verify',
        headers: { ...s.headers, host },
        payload: { response: bogusCredential, label: 'Bogus key' },
      });
      expect(verify.statusCode).toBe(400);
      expect(verify.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      const list = await t.app.inject({ url: '/api/me/webauthn', headers: s.headers });
      expect(list.json()).toEqual({ credentials: [] });
    });

    it('offers a key at sign-in when the user has one, and refuses a bogus assertion', async () => {
      const s = await loginAs(t.app, 'approver');
      const noKey = await passwordStep(s);
      expect(noKey.methods).not.toContain('webauthn');
      const none = await post('/api/auth/mfa/webauthn/options', { challenge: noKey.challenge });
      expect(none.statusCode).toBe(404);

      // A real authenticator cannot run headless; a stored key stands in for a completed registration.
      await createMfaRepo(t.database.db).insertCredential({
        id: bogusCredential.id,
        userId: s.userId,
        publicKey: 'pQECAyYgASFYIA',
        counter: 0,
        transports: ['usb'],
        label: 'Desk key',
      });
      const keys = await t.app.inject({ url: '/api/me/webauthn', headers: s.headers });
      expect(keys.json()).toMatchObject({ credentials: [{ id: bogusCredential.id, label: 'Desk key' }] });

      const step = await passwordStep(s);
      expect(step.methods).toEqual(['totp', 'recovery', 'webauthn']);
      const opts = await t.app.inject({
        method: 'POST',
        url: '/api/auth/mfa/webauthn/options',
        headers: { host },
        payload: { challenge: step.challenge },
      });
      expect(opts.statusCode).toBe(200);
      const options = opts.json() as { challenge: string; rpId: string; allowCredentials: { id: string }[] };
      expect(options.rpId).toBe('console.dharura.test');
      expect(options.allowCredentials.map((c) => c.id)).toEqual([bogusCredential.id]);
      const stored = await t.database.query<{ webauthn_challenge: string }>(
        'select webauthn_challenge from login_challenges where user_id = $1 and purpose = $2',
        [s.userId, 'mfa'],
      );
      expect(stored.rows.map((r) => r.webauthn_challenge)).toContain(options.challenge);

      const bogus = await t.app.inject({
        method: 'POST',
        url: '/api/auth/mfa/webauthn/verify',
        headers: { host },
        payload: { challenge: step.challenge, response: bogusCredential },
      });
      expect(bogus.statusCode).toBe(401);
      expect(bogus.json()).toMatchObject({ error: { code: 'MFA_INVALID_CODE' } });
      expect(bogus.headers['set-cookie']).toBeUndefined();
      const failures = (await auditRows()).filter(
        (r) => r.subject_id === s.userId && r.action === 'auth.mfa_failed',
      );
      expect(failures.at(-1)!.meta).toMatchObject({ method: 'webauthn', failures: 1 });
      // The WebAuthn challenge is single-use: a second try needs new options.
      const retry = await t.app.inject({
        method: 'POST',
        url: '/api/auth/mfa/webauthn/verify',
        headers: { host },
        payload: { challenge: step.challenge, response: bogusCredential },
      });
      expect(retry.statusCode).toBe(401);

      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/me/webauthn/${bogusCredential.id}`,
        headers: s.headers,
      });
      expect(removed.statusCode).toBe(204);
      expect((await passwordStep(s)).methods).not.toContain('webauthn');
    });
  });
});
