import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { aad } from '../security/aad.js';
import { buildTestApp, createUser, loginAs, reauthenticate, type TestApp } from '../../../test/helpers.js';
import { ChannelError, type ChannelAdapter, type OutboundMessage } from './adapter.js';
import type { JobQueue } from '../jobs/queue.js';
import { createMessaging } from '../composition/messaging.js';
import { createUsersRepo } from '../modules/users/users.repo.js';

describe('notifier and notification rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const text = {
    en: 'UA-2026-00042: new P1 report in Kwale.',
    sw: 'UA-2026-00042: ripoti mpya ya P1 Kwale.',
  };
  const rows = async (ids: string[]) =>
    (
      await t.database.query<{
        id: string;
        channel: string;
        status: string;
        idempotency_key: string;
        updated_at: Date;
        created_at: Date;
        body_enc: string;
        address_enc: string | null;
        data_key_id: string;
      }>('select * from messages where id = any($1::uuid[]) order by updated_at', [ids])
    ).rows;
  const bodyOf = (r: { id: string; data_key_id: string; body_enc: string }) =>
    t.app.ctx.vault.decrypt(r.data_key_id, r.body_enc, aad('messages', 'body', r.id));

  it('notifies in-app at once when a user has no rules, and sends nothing twice for one key', async () => {
    const { user } = await createUser(t.app, ['duty_officer']);
    const notifier = t.app.ctx.services.notifier;
    const first = await notifier.notifyUser({ userId: user.id, text, idempotencyKey: 'alert:a1:0:0' });
    expect(first.messageIds).toHaveLength(1);
    const second = await notifier.notifyUser({ userId: user.id, text, idempotencyKey: 'alert:a1:0:0' });
    expect(second.messageIds).toEqual(first.messageIds);
    const [row] = await rows(first.messageIds);
    expect(row).toMatchObject({
      channel: 'inapp',
      status: 'queued',
      idempotency_key: 'alert:a1:0:0#inapp@0',
    });
    // Delivering twice (a duplicate job) is a no-op the second time.
    await t.app.ctx.services.channels.messages.deliver(row!.id);
    await t.app.ctx.services.channels.messages.deliver(row!.id);
    const [after] = await rows(first.messageIds);
    expect(after!.status).toBe('delivered');
    const count = await t.database.query('select 1 from messages where user_id = $1', [user.id]);
    expect(count.rows).toHaveLength(1);
  });

  it("follows the user's rules and language: the delay-0 rule now, later ones scheduled", async () => {
    const { user } = await createUser(t.app, ['duty_officer'], { locale: 'sw' });
    await t.app.ctx.services.channels.rules.replace(
      user.id,
      {
        rules: [
          { channel: 'email', delayMinutes: 10, contact: 'Officer@Example.org' },
          { channel: 'inapp', delayMinutes: 0 },
          { channel: 'sms', delayMinutes: 5, contact: '0712 345 678' },
        ],
      },
      { userId: user.id },
    );
    const now = t.clock.now().getTime();
    const { messageIds } = await t.app.ctx.services.notifier.notifyUser({
      userId: user.id,
      text,
      idempotencyKey: 'alert:a2:0:0',
    });
    const list = await rows(messageIds);
    expect(list.map((r) => [r.channel, r.status, r.updated_at.getTime() - now])).toEqual([
      ['inapp', 'queued', 0],
      ['outbox', 'scheduled', 5 * 60_000],
      ['email', 'scheduled', 10 * 60_000],
    ]);
    expect(list.map((r) => r.idempotency_key)).toEqual([
      'alert:a2:0:0#inapp@0',
      'alert:a2:0:0#sms@5',
      'alert:a2:0:0#email@10',
    ]);
    for (const r of list) expect(await bodyOf(r)).toBe(text.sw);
    // Contacts and bodies are encrypted at rest.
    const raw = JSON.stringify(list);
    expect(raw).not.toContain('254712345678');
    expect(raw).not.toContain('officer@example.org');
    expect(raw).not.toContain('Kwale');

    // Not due yet: a job arriving early does nothing. Cancelled before its time: never sent.
    const smsId = list[1]!.id;
    await t.app.ctx.services.channels.messages.deliver(smsId);
    expect((await rows([smsId]))[0]!.status).toBe('scheduled');
    expect(await t.app.ctx.services.notifier.cancelScheduled([list[2]!.id])).toBe(1);
    t.clock.advance(5 * 60_000);
    await t.app.ctx.services.channels.messages.deliver(smsId);
    expect((await rows([smsId]))[0]!.status).toBe('delivered');
    t.clock.advance(5 * 60_000);
    await t.app.ctx.services.channels.messages.deliver(list[2]!.id);
    expect((await rows([list[2]!.id]))[0]!.status).toBe('cancelled');
  });

  it('queues again, from the minute sweep, a message whose job was lost', async () => {
    const { user } = await createUser(t.app, ['approver']);
    const queued: string[] = [];
    let online = false;
    const queue: Pick<JobQueue, 'send'> = {
      async send(_name, data) {
        // No workers when the message is written (a web-only instance, or the job insert was lost).
        if (!online) return null;
        queued.push((data as { messageId: string }).messageId);
        return 'job';
      },
    };
    const messaging = createMessaging({
      db: t.database.db,
      config: t.config,
      vault: t.app.ctx.vault,
      audit: t.app.ctx.audit,
      clock: t.clock,
      log: createLogger('silent'),
      users: createUsersRepo(t.database.db),
      queue,
    });
    const { messageIds } = await messaging.notifier.notifyUser({
      userId: user.id,
      text,
      idempotencyKey: 'alert:a3:0:0',
    });
    online = true;
    await messaging.messages.sweep();
    expect(queued).not.toContain(messageIds[0]);
    t.clock.advance(3 * 60_000);
    await messaging.messages.sweep();
    expect(queued).toContain(messageIds[0]);
    await messaging.messages.deliver(messageIds[0]!);
    expect((await rows(messageIds))[0]!.status).toBe('delivered');
  });

  it('fails over from SMS to email, then in-app, and keeps the attempts', async () => {
    const { user } = await createUser(t.app, ['legal']);
    await t.app.ctx.services.channels.rules.replace(
      user.id,
      {
        rules: [
          { channel: 'sms', delayMinutes: 0, contact: '+254700000111' },
          { channel: 'email', delayMinutes: 15, contact: 'legal@example.org' },
        ],
      },
      { userId: user.id },
    );
    const sent: { channel: string; msg: OutboundMessage }[] = [];
    const down: ChannelAdapter = {
      channel: 'sms',
      async send() {
        throw new ChannelError('at:http_503');
      },
    };
    const email: ChannelAdapter = {
      channel: 'email',
      async send(msg) {
        sent.push({ channel: 'email', msg });
        throw new ChannelError('smtp:550', true);
      },
    };
    const messaging = createMessaging({
      db: t.database.db,
      config: { ...t.config, MESSAGE_MAX_ATTEMPTS: 2 },
      vault: t.app.ctx.vault,
      audit: t.app.ctx.audit,
      clock: t.clock,
      log: createLogger('silent'),
      users: createUsersRepo(t.database.db),
      queue: undefined,
      adapters: { sms: down, email },
    });
    const { messageIds } = await messaging.notifier.notifyUser({
      userId: user.id,
      text,
      idempotencyKey: 'alert:a4:0:0',
    });
    const smsId = messageIds[0]!;
    await expect(messaging.messages.deliver(smsId)).rejects.toThrow(/attempt 1 failed/);
    expect((await rows([smsId]))[0]!.status).toBe('queued');
    await messaging.messages.deliver(smsId); // the last attempt: fails over instead of throwing
    const chain = await t.database.query<{
      id: string;
      channel: string;
      fallback_of: string | null;
      status: string;
    }>(
      'select id, channel, fallback_of, status from messages where user_id = $1 and fallback_of is not null',
      [user.id],
    );
    const toEmail = chain.rows.find((r) => r.fallback_of === smsId)!;
    expect(toEmail.channel).toBe('email');
    await messaging.messages.deliver(toEmail.id);
    expect(sent.map((s) => s.msg.to)).toEqual(['legal@example.org']);
    const toInApp = (
      await t.database.query<{ id: string; channel: string }>(
        'select id, channel from messages where fallback_of = $1',
        [toEmail.id],
      )
    ).rows[0]!;
    expect(toInApp.channel).toBe('inapp');
    await messaging.messages.deliver(toInApp.id);
    const order = [smsId, toEmail.id, toInApp.id];
    const final = await t.database.query<{
      id: string;
      channel: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }>('select id, channel, status, attempts, last_error from messages where id = any($1::uuid[])', [order]);
    const byChain = final.rows
      .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
      .map(({ id: _id, ...r }) => r);
    expect(byChain).toEqual([
      { channel: 'sms', status: 'failed', attempts: 2, last_error: 'at:http_503' },
      { channel: 'email', status: 'failed', attempts: 1, last_error: 'smtp:550' },
      { channel: 'inapp', status: 'delivered', attempts: 1, last_error: null },
    ]);
  });

  it('lets users keep their own rules and administrators keep anyone’s (after re-authentication)', async () => {
    const me = await loginAs(t.app, 'duty_officer');
    const get = await t.app.inject({ method: 'GET', url: '/api/me/notification-rules', headers: me.headers });
    expect(get.json()).toEqual({ rules: [], isDefault: true });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-rules',
      headers: me.headers,
      payload: { rules: [{ channel: 'sms', delayMinutes: 0, contact: '12' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'rules.0.contact', message: 'a valid phone number is needed' },
    ]);
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-rules',
      headers: me.headers,
      payload: {
        rules: [
          { channel: 'sms', delayMinutes: 2, contact: '0712 000 333' },
          { channel: 'inapp', delayMinutes: 0 },
        ],
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      rules: [
        { channel: 'inapp', delayMinutes: 0, contact: null },
        { channel: 'sms', delayMinutes: 2, contact: '+254712000333' },
      ],
      isDefault: false,
    });
    const stored = await t.database.query<{ contact_enc: string | null }>(
      'select contact_enc from notification_rules where user_id = $1',
      [me.userId],
    );
    expect(JSON.stringify(stored.rows)).not.toContain('254712000333');

    const admin = await loginAs(t.app, 'admin');
    const url = `/api/users/${me.userId}/notification-rules`;
    const read = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(read.json().rules).toHaveLength(2);
    const payload = { rules: [{ channel: 'email', delayMinutes: 0, contact: 'duty@example.org' }] };
    const noReauth = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload });
    expect(noReauth.statusCode).toBe(401);
    t.clock.advance(30_000); // a fresh TOTP step: the sign-in code cannot be replayed
    await reauthenticate(t.app, admin);
    const put = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload });
    expect(put.statusCode).toBe(200);
    expect(put.json().rules).toEqual([{ channel: 'email', delayMinutes: 0, contact: 'duty@example.org' }]);
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/users/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/notification-rules',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});
