import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { DEFAULT_SMS_DELAY_MINUTES } from './notification-rules.service.js';

/** SMS-first by default (issue 14): staff without rules of their own get an SMS shortly after in-app. */
describe('messages: the SMS-first default for staff without notification rules', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const post = (s: SignedIn, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
    t.app.inject({ method, url, headers: s.headers, payload });

  /** A duty officer whose phone is verified with the code the SMS carried. */
  async function withVerifiedPhone(phone: string, e164: string): Promise<SignedIn> {
    const staff = await loginAs(t.app, 'duty_officer');
    expect((await post(staff, '/api/me/phone', { phone }, 'PUT')).statusCode).toBe(200);
    const msg = await t.database.query<{ id: string }>('select id from messages where user_id = $1', [
      staff.userId,
    ]);
    await t.app.ctx.services.channels.messages.deliver(msg.rows[0]!.id);
    const outbox = await t.app.inject({
      url: `/api/simulator/outbox?phone=${encodeURIComponent(e164)}`,
      headers: admin.headers,
    });
    const code = /\b(\d{6})\b/.exec(outbox.body)?.[1];
    expect((await post(staff, '/api/me/phone/verify', { code })).statusCode).toBe(200);
    return staff;
  }

  const keysOf = async (userId: string, prefix: string) =>
    (
      await t.database.query<{ channel: string; idempotency_key: string }>(
        'select channel, idempotency_key from messages where user_id = $1 and idempotency_key like $2 order by idempotency_key',
        [userId, `${prefix}%`],
      )
    ).rows.map(
      (r) => `${r.channel === 'inapp' ? 'inapp' : 'text'} ${r.idempotency_key.slice(prefix.length)}`,
    );

  it('sends in-app at once and an SMS to the verified phone after the default delay', async () => {
    expect(DEFAULT_SMS_DELAY_MINUTES).toBe(2);
    const staff = await withVerifiedPhone('0733 100 200', '+254733100200');
    const rules = t.app.ctx.services.notificationRules;
    expect(await rules.get(staff.userId)).toEqual([]);
    expect(await rules.effective(staff.userId)).toEqual([
      { channel: 'inapp', delayMinutes: 0, contact: null },
      { channel: 'sms', delayMinutes: 2, contact: '+254733100200' },
    ]);
    expect(await rules.reachable(staff.userId)).toBe(true);
    await t.app.ctx.services.notifier.notifyUser({
      userId: staff.userId,
      text: { en: 'Dharura P1 alert', sw: 'Tahadhari ya Dharura P1' },
      idempotencyKey: 'page-1',
    });
    expect(await keysOf(staff.userId, 'page-1')).toEqual(['inapp #inapp@0', 'text #sms@2']);
  });

  it('without a verified phone: in-app only, and the person counts as unreachable', async () => {
    const staff = await loginAs(t.app, 'duty_officer');
    const rules = t.app.ctx.services.notificationRules;
    expect(await rules.effective(staff.userId)).toEqual([
      { channel: 'inapp', delayMinutes: 0, contact: null },
    ]);
    expect(await rules.reachable(staff.userId)).toBe(false);
  });

  it('a person who chose otherwise (in-app only) gets no SMS', async () => {
    const staff = await withVerifiedPhone('0733 100 300', '+254733100300');
    const put = await post(
      staff,
      '/api/me/notification-rules',
      { rules: [{ channel: 'inapp', delayMinutes: 0 }] },
      'PUT',
    );
    expect(put.statusCode).toBe(200);
    await t.app.ctx.services.notifier.notifyUser({
      userId: staff.userId,
      text: { en: 'Dharura P2 alert', sw: 'Tahadhari ya Dharura P2' },
      idempotencyKey: 'page-2',
    });
    expect(await keysOf(staff.userId, 'page-2')).toEqual(['inapp #inapp@0']);
  });
});
