import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';

describe('messages: my notification rules and the message log', () => {
  let t: TestApp;
  let duty: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
  });
  afterAll(() => t?.close());

  it('starts with the default (in-app at once), then keeps my rules, an SMS after 5 minutes', async () => {
    const initial = await t.app.inject({ url: '/api/me/notification-rules', headers: duty.headers });
    expect(initial.statusCode).toBe(200);
    expect(initial.json().rules).toEqual([]);
    const rules = [
      { channel: 'inapp', delayMinutes: 0 },
      { channel: 'sms', delayMinutes: 5, contact: '0712 345 678' },
    ];
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-rules',
      headers: duty.headers,
      payload: { rules },
    });
    expect(put.statusCode).toBe(200);
    const saved = (await t.app.inject({ url: '/api/me/notification-rules', headers: duty.headers })).json();
    expect(
      saved.rules.map((r: { channel: string; delayMinutes: number }) => [r.channel, r.delayMinutes]),
    ).toEqual([
      ['inapp', 0],
      ['sms', 5],
    ]);
  });

  it('refuses an out-of-range delay with a clear error and keeps the rules as they were', async () => {
    const before = (await t.app.inject({ url: '/api/me/notification-rules', headers: duty.headers })).body;
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-rules',
      headers: duty.headers,
      payload: { rules: [{ channel: 'sms', delayMinutes: 99999, contact: '0712 345 678' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await t.app.inject({ url: '/api/me/notification-rules', headers: duty.headers })).body).toBe(
      before,
    );
  });

  it('the message log shows channels and statuses, never an address or a body', async () => {
    const admin = await loginAs(t.app, 'admin');
    const log = await t.app.inject({ url: '/api/messages', headers: admin.headers });
    expect(log.statusCode).toBe(200);
    expect(log.body).not.toMatch(/0712 ?345 ?678|\+254712345678/);
    expect((await t.app.inject({ url: '/api/messages', headers: duty.headers })).statusCode).toBeLessThan(
      500,
    );
  });

  it("the message log names each message's case by its reference, without the message's content", async () => {
    const admin = await loginAs(t.app, 'admin');
    const c = await t.app.ctx.services.intake.receive(
      {
        channel: 'sms',
        narrative: 'CANARY-BODY a report that is acknowledged by SMS',
        reporter: { anonymous: false, phone: '+254711000321', locale: 'en' },
      },
      { userId: null, label: 'test' },
    );
    await t.app.ctx.services.channels.messages.enqueue({
      channel: 'sms',
      to: '+254711000321',
      body: 'CANARY-BODY Dharura: we have your report',
      idempotencyKey: `log-ref:${c.id}`,
      caseId: c.id,
    });
    const res = await t.app.inject({ url: `/api/messages?caseId=${c.id}`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.json<{ messages: { caseId: string | null; caseReference: string | null }[] }>()
      .messages;
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.caseReference).toBe(c.reference);
    expect(res.body).not.toContain('CANARY-BODY');
    expect(res.body).not.toContain('711000321');
  });
});
