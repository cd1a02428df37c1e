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

/** Administration of people (DESIGN §8): invitations, roles, disabling, sessions, second-factor resets. */
describe('user administration', () => {
  let t: TestApp;
  let admin: SignedIn;
  let admin2: SignedIn;
  const post = (s: SignedIn | null, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url,
      ...(s ? { headers: s.headers } : {}),
      ...(payload ? { payload } : {}),
    });
  const step = () => t.clock.advance(31_000); // one TOTP step per sign-in or re-authentication
  const fresh = async (s: SignedIn) => {
    step();
    await reauthenticate(t.app, s);
  };
  const audit = async (subjectId: string, like: string) =>
    (
      await t.database.query<{ action: string; actor_id: string; meta: Record<string, unknown> }>(
        `select action, actor_id, meta from audit_log where subject_id = $1 and action like $2 order by seq`,
        [subjectId, like],
      )
    ).rows;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loginAs(t.app, 'admin');
    admin2 = await loginAs(t.app, 'admin');
  });
  afterAll(() => t?.close());

  it('invites by a one-time link: the invitee sets a password, enrols TOTP and is signed in; the link then refuses', async () => {
    const invite = {
      email: 'Amani.Invited@Example.org',
      displayName: 'Amani',
      roles: ['duty_officer'],
      locale: 'sw',
    };
    expect((await post(admin, '/api/invites', invite)).statusCode).toBe(401); // re-authentication first
    await fresh(admin);
    const created = await post(admin, '/api/invites', invite);
    expect(created.statusCode).toBe(201);
    const { token, path, id } = created.json() as { token: string; path: string; id: string };
    expect(path).toBe(`/invite/${token}`);
    const stored = await t.database.query<{ token_hash: string }>(
      'select token_hash from user_invites where id = $1',
      [id],
    );
    expect(stored.rows[0]!.token_hash).not.toContain(token); // only the hash is kept

    const listed = await t.app.inject({ url: '/api/invites', headers: admin.headers });
    expect(listed.json().invites.map((i: { id: string }) => i.id)).toContain(id);
    expect(listed.body).not.toContain(token);

    const preview = await t.app.inject({ url: `/api/invitation/${token}` });
    expect(preview.json()).toMatchObject({ email: 'amani.invited@example.org', displayName: 'Amani' });

    const short = await post(null, `/api/invitation/${token}/accept`, { password: 'short' });
    expect(short.statusCode).toBe(400);
    const accepted = await post(null, `/api/invitation/${token}/accept`, {
      password: 'a long invited password',
    });
    expect(accepted.statusCode).toBe(200);
    const { challenge, status } = accepted.json() as { challenge: string; status: string };
    expect(status).toBe('mfa_enrollment_required');
    const start = await post(null, '/api/auth/mfa/enroll/start', { challenge });
    const secret = (start.json() as { secret: string }).secret;
    const confirm = await post(null, '/api/auth/mfa/enroll/confirm', {
      challenge,
      code: await totpCode(secret, t.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().user).toMatchObject({ roles: ['duty_officer'], locale: 'sw' });

    // Single use: the link neither opens nor accepts again.
    expect((await t.app.inject({ url: `/api/invitation/${token}` })).statusCode).toBe(404);
    const again = await post(null, `/api/invitation/${token}/accept`, { password: 'another long password' });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('INVITE_INVALID');
    expect((await audit(confirm.json().user.id, 'user.invite%')).map((a) => a.action)).toEqual([
      'user.invite_accepted',
    ]);
  });

  it('lets an invitation expire after 7 days, and a withdrawn one never opens', async () => {
    await fresh(admin);
    const a = (
      await post(admin, '/api/invites', { email: 'late@example.org', displayName: 'Late', roles: ['legal'] })
    ).json();
    const b = (
      await post(admin, '/api/invites', { email: 'gone@example.org', displayName: 'Gone', roles: ['legal'] })
    ).json();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/invites/${b.id}`, headers: admin.headers });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/invitation/${b.token}` })).statusCode).toBe(404);
    t.clock.advance(7 * 86_400_000 + 1000);
    expect((await t.app.inject({ url: `/api/invitation/${a.token}` })).statusCode).toBe(404);
    const late = await post(null, `/api/invitation/${a.token}/accept`, {
      password: 'a long enough password',
    });
    expect(late.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/admin/users', headers: admin.headers })).body).not.toContain(
      'late@example.org',
    );
    // The long pause idled out the administrators' sessions: sign them in again.
    step();
    admin = await signIn(t.app, admin);
    step();
    admin2 = await signIn(t.app, admin2);
  });

  it('changes roles only after re-authentication, audited with the before and after', async () => {
    const { user } = await createUser(t.app, ['research']);
    const body = { roles: ['research', 'legal'] };
    step();
    const refused = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/roles`,
      headers: admin.headers,
      payload: body,
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('REAUTH_REQUIRED');
    await fresh(admin);
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/roles`,
      headers: admin.headers,
      payload: body,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(['research', 'legal']);
    expect(await audit(user.id, 'user.roles_changed')).toEqual([
      {
        action: 'user.roles_changed',
        actor_id: admin.userId,
        meta: { from: ['research'], to: ['research', 'legal'] },
      },
    ]);
    const self = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${admin.userId}/roles`,
      headers: admin.headers,
      payload: body,
    });
    expect(self.json().error.code).toBe('NOT_ON_SELF');
    const duty = await loginAs(t.app, 'duty_officer');
    const forbidden = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/roles`,
      headers: duty.headers,
      payload: { roles: ['admin'] },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('disabling ends every session at once: the very next request with the old session is 401', async () => {
    step();
    const victim = await loginAs(t.app, 'duty_officer');
    expect((await t.app.inject({ url: '/api/auth/me', headers: victim.headers })).statusCode).toBe(200);
    const disabled = await post(admin, `/api/users/${victim.userId}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    expect((await t.app.inject({ url: '/api/auth/me', headers: victim.headers })).statusCode).toBe(401);
    const rows = await t.database.query('select id from sessions where user_id = $1', [victim.userId]);
    expect(rows.rows).toHaveLength(0);
    step();
    await expect(signIn(t.app, victim)).rejects.toThrow(/401/);
    expect((await audit(victim.userId, 'user.disabled'))[0]!.meta).toEqual({ sessionsEnded: 1 });

    // Enabling again needs re-authentication (the last one is now too old), then the user can sign in.
    t.clock.advance(6 * 60_000);
    expect((await post(admin, `/api/users/${victim.userId}/enable`)).statusCode).toBe(401);
    await fresh(admin);
    expect((await post(admin, `/api/users/${victim.userId}/enable`)).statusCode).toBe(200);
    step();
    const back = await signIn(t.app, victim);
    expect((await t.app.inject({ url: '/api/auth/me', headers: back.headers })).statusCode).toBe(200);
  });

  it('shows the last sign-in and active sessions per user, and revokes one session', async () => {
    step();
    const person = await loginAs(t.app, 'legal');
    step();
    const second = await signIn(t.app, person);
    const list = (await t.app.inject({ url: '/api/admin/users', headers: admin.headers })).json();
    const row = list.users.find((u: { id: string }) => u.id === person.userId);
    expect(row).toMatchObject({ mfaEnrolled: true, phoneVerified: false });
    expect(new Date(row.lastSignInAt).getTime()).toBe(t.clock.now().getTime());
    const sessions = (
      await t.app.inject({ url: `/api/users/${person.userId}/sessions`, headers: admin.headers })
    ).json();
    expect(sessions.sessions).toHaveLength(2);
    const ids = sessions.sessions.map((s: { id: string }) => s.id);
    const currentOfFirst = ids[0];
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/users/${person.userId}/sessions/${currentOfFirst}`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(204);
    const statuses = await Promise.all(
      [person, second].map(
        async (s) => (await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode,
      ),
    );
    expect(statuses.sort()).toEqual([200, 401]);
  });

  it('resets a lost second factor only when a second administrator approves', async () => {
    step();
    const lost = await loginAs(t.app, 'research');
    await fresh(admin);
    const asked = await post(admin, `/api/users/${lost.userId}/mfa-reset-requests`);
    expect(asked.statusCode).toBe(201);
    const id = asked.json().id as string;
    const pending = (await t.app.inject({ url: '/api/mfa-reset-requests', headers: admin2.headers })).json();
    expect(pending.requests.map((r: { id: string }) => r.id)).toContain(id);

    // The asker cannot approve their own request.
    const own = await post(admin, `/api/mfa-reset-requests/${id}/decision`, { approve: true });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('SEGREGATION_OF_DUTIES');
    expect((await t.app.inject({ url: '/api/auth/me', headers: lost.headers })).statusCode).toBe(200);

    await fresh(admin2);
    const approved = await post(admin2, `/api/mfa-reset-requests/${id}/decision`, { approve: true });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'used', decidedBy: admin2.userId });
    expect((await t.app.inject({ url: '/api/auth/me', headers: lost.headers })).statusCode).toBe(401);
    const login = await post(null, '/api/auth/login', { email: lost.email, password: lost.password });
    expect(login.json().status).toBe('mfa_enrollment_required'); // a new authenticator at next sign-in
    const again = await post(admin2, `/api/mfa-reset-requests/${id}/decision`, { approve: false });
    expect(again.json().error.code).toBe('REQUEST_DECIDED');
    expect((await audit(lost.userId, 'user.mfa_reset%')).map((a) => [a.action, a.actor_id])).toEqual([
      ['user.mfa_reset_requested', admin.userId],
      ['user.mfa_reset_approved', admin2.userId],
    ]);
  });

  it('verifies a staff phone with a code sent by SMS through the message log', async () => {
    step();
    const staff = await loginAs(t.app, 'duty_officer');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/me/phone',
      headers: staff.headers,
      payload: { phone: '12345678' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PHONE_INVALID');
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/me/phone',
      headers: staff.headers,
      payload: { phone: '0722 000 111' },
    });
    expect(set.json()).toEqual({ masked: '•••• 111', verified: false, codeSent: true });
    const msg = await t.database.query<{ id: string }>('select id from messages where user_id = $1', [
      staff.userId,
    ]);
    expect(msg.rows).toHaveLength(1);
    await t.app.ctx.services.channels.messages.deliver(msg.rows[0]!.id);
    const outbox = await t.app.inject({
      url: '/api/simulator/outbox?phone=%2B254722000111',
      headers: admin.headers,
    });
    const code = /\b(\d{6})\b/.exec(outbox.body)?.[1];
    expect(code).toBeDefined();
    const wrong = await post(staff, '/api/me/phone/verify', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.json().error.code).toBe('PHONE_CODE_INVALID');
    expect(await t.app.ctx.services.userAdmin.phone.trustedUserFor('0722000111')).toBeNull();
    const ok = await post(staff, '/api/me/phone/verify', { code });
    expect(ok.json()).toMatchObject({ verified: true });
    expect(await t.app.ctx.services.userAdmin.phone.trustedUserFor('+254 722 000 111')).toBe(staff.userId);
    const stored = await t.database.query('select phone_enc from user_phones where user_id = $1', [
      staff.userId,
    ]);
    expect(JSON.stringify(stored.rows)).not.toContain('722000111');
  });
});
