import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { alertText } from './alerts.text.js';
import { intake } from './alerts.test-kit.js';

/** `ACK 123` / `POKEA 123` by SMS from a staff member's verified phone (issue #14). */
describe('alerts: acknowledge by SMS', () => {
  let t: TestApp;
  let admin: SignedIn;
  let duty: SignedIn;
  const PHONE = '+254722000222';

  const post = (s: SignedIn, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
    t.app.inject({ method, url, headers: s.headers, payload });
  /** Send what is queued (jobs are not running), then the simulator's outbox for a phone. */
  async function outboxOf(phone: string): Promise<string> {
    const queued = await t.database.query<{ id: string }>(
      "select id from messages where direction = 'out' and status = 'queued'",
    );
    for (const m of queued.rows) await t.app.ctx.services.channels.messages.deliver(m.id);
    const res = await t.app.inject({
      url: `/api/simulator/outbox?phone=${encodeURIComponent(phone)}`,
      headers: admin.headers,
    });
    return res.body;
  }
  const sms = async (from: string, text: string) => {
    const res = await post(admin, '/api/simulator/sms', { from, text });
    expect(res.statusCode).toBe(200);
    return res.json() as { outcome: string };
  };
  const alertOf = async (caseId: string) =>
    (
      await t.database.query<{ id: string; number: number; status: string; acknowledged_by: string | null }>(
        'select id, number, status, acknowledged_by from alerts where case_id = $1',
        [caseId],
      )
    ).rows[0]!;

  beforeAll(async () => {
    t = await buildTestApp({ config: { SIMULATOR_ENABLED: 'true' } });
    admin = await loginAs(t.app, 'admin');
    duty = await loginAs(t.app, 'duty_officer');
    // The duty officer verifies their phone and reads Kiswahili.
    await post(duty, '/api/me/phone', { phone: '0722 000 222' }, 'PUT');
    const code = /\b(\d{6})\b/.exec(await outboxOf(PHONE))?.[1];
    expect(code).toBeDefined();
    expect((await post(duty, '/api/me/phone/verify', { code })).statusCode).toBe(200);
    await t.database.query("update users set locale = 'sw' where id = $1", [duty.userId]);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('gives every alert a short number and puts it in the page text', async () => {
    const a = await alertOf((await intake(t.app)).id);
    const b = await alertOf((await intake(t.app)).id);
    expect(b.number).toBeGreaterThan(a.number);
    const text = alertText({
      number: 42,
      reference: 'UA-1',
      reason: 'sos',
      priority: 'P1',
      county: null,
      repeat: false,
    });
    expect(text.en).toContain('ACK 42');
    expect(text.sw).toContain('POKEA 42');
  });

  it('acknowledges as the owner of the verified phone, audited, replying in their language', async () => {
    const c = await intake(t.app);
    const a = await alertOf(c.id);
    expect(a.status).toBe('triggered');
    expect((await sms('0722000222', `ack ${a.number}`)).outcome).toBe('alert_ack');
    const after = await alertOf(c.id);
    expect(after).toMatchObject({ status: 'acknowledged', acknowledged_by: duty.userId });
    const audit = await t.database.query<{ actor_id: string; meta: { via?: string } }>(
      "select actor_id, meta from audit_log where action = 'alert.acknowledged' and subject_id = $1",
      [a.id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({ actor_id: duty.userId, meta: expect.objectContaining({ via: 'sms' }) }),
    ]);
    expect(await outboxOf(PHONE)).toContain(`Dharura: tahadhari ${a.number} imepokelewa.`);
  });

  it('POKEA works too; an unknown phone or number gets a neutral reply and nothing changes', async () => {
    const c = await intake(t.app);
    const a = await alertOf(c.id);
    await sms('0733999888', `ACK ${a.number}`);
    await sms('0722000222', 'POKEA 999999');
    expect((await alertOf(c.id)).status).toBe('triggered');
    expect(await outboxOf('+254733999888')).toContain('Dharura: we could not act on this message.');
    expect(await outboxOf(PHONE)).toContain('Dharura: hatukuweza kushughulikia ujumbe huu.');
    await sms('0722000222', `POKEA ${a.number}`);
    expect((await alertOf(c.id)).status).toBe('acknowledged');
  });
});
