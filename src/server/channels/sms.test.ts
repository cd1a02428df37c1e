import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.js';
import { buildTestApp, loginAs, type TestApp } from '../../../test/helpers.js';
import { startFakeAfricasTalking, type FakeAfricasTalking } from './testing/fake-africastalking.js';

/**
 * Inbound SMS, replies and delivery reports end to end: the real app with its job workers, talking to a
 * fake Africa's Talking on 127.0.0.1 that records every request and answers with the real shapes.
 */
const SECRET = 'at-callback-secret-for-tests';

describe("SMS through Africa's Talking (fake gateway)", () => {
  let t: TestApp;
  let at: FakeAfricasTalking;
  let seq = 0;

  beforeAll(async () => {
    at = await startFakeAfricasTalking({ apiKey: 'test-at-key' });
    t = await buildTestApp({
      startJobs: true,
      clock: systemClock,
      config: {
        SMS_ADAPTER: 'africastalking',
        AT_USERNAME: 'dharura-test',
        AT_API_KEY: 'test-at-key',
        AT_SENDER_ID: 'DHARURA',
        AT_BASE_URL: at.url,
        AT_CALLBACK_SECRET: SECRET,
        // Long enough that a loaded test machine does not time out a healthy fake; short for the hang test.
        AT_TIMEOUT_MS: '1500',
        MESSAGE_MAX_ATTEMPTS: '3',
        MESSAGE_RETRY_DELAY_SECONDS: '1',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await at.close();
  });

  const inbound = (form: Record<string, string>, secret = SECRET) =>
    t.app.inject({
      method: 'POST',
      url: `/api/channels/at/sms/${secret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const sms = (from: string, text: string, id = `ATXid_in_${++seq}`) =>
    inbound({ from, to: '22384', text, date: '2026-03-01 10:00:00', id, linkId: `link-${seq}` });
  const delivery = (form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/channels/at/delivery/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });

  async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 20_000) {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const casesFrom = async (phone: string) =>
    (
      await t.database.query<{ id: string; reference: string; channel: string; in_danger_now: boolean }>(
        'select id, reference, channel, in_danger_now from cases where reporter_phone_bidx = $1',
        [t.app.ctx.vault.blindIndex('phone', phone)],
      )
    ).rows;
  const requestsTo = (phone: string) => at.requests.filter((r) => r.form.to === phone);
  const messageRow = async (id: string) =>
    (
      await t.database.query<{
        status: string;
        attempts: number;
        last_error: string | null;
        channel: string;
        fallback_of: string | null;
      }>('select status, attempts, last_error, channel, fallback_of from messages where id = $1', [id])
    ).rows[0]!;

  it('turns an SMS from an unknown number into a case and acknowledges it through the gateway', async () => {
    const phone = '+254711000001';
    const res = await sms(phone, 'Help, my neighbour is being beaten by her husband in Kware right now');
    expect(res.statusCode).toBe(200);
    const [c] = await casesFrom(phone);
    expect(c).toBeDefined();
    expect(c!.channel).toBe('sms');
    expect(c!.reference).toMatch(/^UA-\d{4}-\d{5}$/);

    const [req] = await until(
      'the acknowledgement',
      async () => requestsTo(phone).length > 0 && requestsTo(phone),
    );
    expect(req!.headers.apikey).toBe('test-at-key');
    expect(req!.headers.accept).toBe('application/json');
    // The reference carries the reporter's secret suffix for the web status check (stored only hashed).
    const full = new RegExp(`Reference (${c!.reference}-[A-Z2-9]{4})\\.`).exec(req!.form.message!)?.[1];
    expect(full).toBeTruthy();
    expect(req!.form).toEqual({
      username: 'dharura-test',
      to: phone,
      from: 'DHARURA',
      message: `Dharura: we have received your report. Reference ${full}. Reply STATUS ${full} to check its status.`,
    });
    expect(req!.form.message!.length).toBeLessThanOrEqual(160);
    // The narrative is the text, encrypted; the reporter is on record (not anonymous) by phone.
    const row = (
      await t.database.query<{ narrative_enc: string; anonymous: boolean }>(
        'select narrative_enc, anonymous from cases where id = $1',
        [c!.id],
      )
    ).rows[0]!;
    expect(row.anonymous).toBe(false);
    expect(row.narrative_enc).not.toContain('beaten');
  });

  it('ignores a repeated callback: one case, one acknowledgement', async () => {
    const phone = '+254711000002';
    const id = 'ATXid_repeat_1';
    expect((await sms(phone, 'Police took my brother to Kayole station', id)).statusCode).toBe(200);
    await until('the first acknowledgement', async () => requestsTo(phone).length === 1);
    expect((await sms(phone, 'Police took my brother to Kayole station', id)).statusCode).toBe(200);
    expect((await sms(phone, 'Police took my brother to Kayole station', id)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await casesFrom(phone)).toHaveLength(1);
    expect(requestsTo(phone)).toHaveLength(1);
    const inboundRows = await t.database.query(
      "select 1 from messages where direction = 'in' and gateway_id = $1",
      [id],
    );
    expect(inboundRows.rows).toHaveLength(1);
  });

  it('answers in Kiswahili when the report is in Kiswahili', async () => {
    const phone = '+254711000003';
    await sms(phone, 'Tafadhali saidia, polisi wamemkamata mume wangu na hawajasema kwa nini');
    const [c] = await casesFrom(phone);
    const [req] = await until(
      'the Kiswahili acknowledgement',
      async () => requestsTo(phone).length > 0 && requestsTo(phone),
    );
    const full = new RegExp(`${c!.reference}-[A-Z2-9]{4}`).exec(req!.form.message!)?.[0];
    expect(req!.form.message).toBe(
      `Dharura: tumepokea ripoti yako. Namba ya kumbukumbu ${full}. Jibu HALI ${full} kujua hali.`,
    );
  });

  it('answers STATUS and HALI with one coarse line to the reporting phone only, and opens no case', async () => {
    const reporter = '+254711000004';
    await sms(reporter, 'A journalist was attacked outside the county offices');
    const [c] = await casesFrom(reporter);
    await until('the acknowledgement', async () => requestsTo(reporter).length === 1);
    await sms(reporter, `status ${c!.reference}`);
    await sms(reporter, `HALI ${c!.reference.replace(/^UA-/, '')}`);
    await sms(reporter, 'STATUS UA-1999-00001');
    const replies = await until(
      'three status replies',
      async () => requestsTo(reporter).length >= 4 && requestsTo(reporter).slice(1),
    );
    const notFound =
      'Dharura: We could not find this reference for this phone. Check it, and send it from the phone that made the report.';
    expect(replies.map((r) => r.form.message).sort()).toEqual(
      [
        `Dharura ${c!.reference}: Received, we are looking at it.`,
        `Dharura ${c!.reference}: Imepokelewa, tunaipitia.`,
        notFound,
      ].sort(),
    );
    // Any other phone, even with the right reference: the same answer as an unknown reference.
    const asker = '+254711000005';
    await sms(asker, `status ${c!.reference}`);
    await sms(asker, 'STATUS UA-1999-00001');
    const other = await until('two replies', async () => requestsTo(asker).length >= 2 && requestsTo(asker));
    expect(other.map((r) => r.form.message)).toEqual([notFound, notFound]);
    expect(await casesFrom(asker)).toHaveLength(0);
  });

  it('turns SOS from an unregistered number into an urgent report and replies with the reference', async () => {
    const phone = '+254711000006';
    await sms(phone, 'MSAADA');
    const [c] = await casesFrom(phone);
    expect(c!.in_danger_now).toBe(true);
    const events = await t.database.query<{ type: string; data: { reason?: string } }>(
      'select type, data from case_events where case_id = $1',
      [c!.id],
    );
    // Only registered defenders page leadership with an SOS alert (network module); anyone else's SOS
    // is an ordinary report of someone in danger now.
    expect(events.rows.some((e) => e.type === 'escalation.requested' && e.data.reason === 'sos')).toBe(false);
    expect(
      events.rows.some((e) => e.type === 'escalation.requested' && e.data.reason === 'new_urgent_report'),
    ).toBe(true);
    const [req] = await until('the SOS reply', async () => requestsTo(phone).length > 0 && requestsTo(phone));
    expect(req!.form.message).toMatch(new RegExp(`${c!.reference}-[A-Z2-9]{4}\\.`));
    expect(req!.form.message).toMatch(/^Dharura: SOS imepokelewa/);
  });

  it('answers a dispatch reply from a number that is not a responder, and opens no case', async () => {
    const phone = '+254711000007';
    await sms(phone, 'yes 123');
    const [req] = await until('the reply', async () => requestsTo(phone).length > 0 && requestsTo(phone));
    expect(req!.form.message).toBe('Dharura: we found no open call or mission 123 for this phone.');
    expect(await casesFrom(phone)).toHaveLength(0);
  });

  it('refuses a wrong or missing secret with 404 and records nothing', async () => {
    const before = (await t.database.query("select count(*)::int as n from messages where direction = 'in'"))
      .rows[0] as { n: number };
    const res = await inbound(
      { from: '+254711000008', text: 'hello there', id: 'ATXid_wrong' },
      'not-the-secret',
    );
    expect(res.statusCode).toBe(404);
    const after = (await t.database.query("select count(*)::int as n from messages where direction = 'in'"))
      .rows[0] as { n: number };
    expect(after.n).toBe(before.n);
  });

  it('updates the message status from delivery reports; repeats and unknown ids change nothing', async () => {
    const phone = '+254711000009';
    await sms(phone, 'Our houses in Mukuru are being demolished this morning');
    const [c] = await casesFrom(phone);
    // The gateway's id for our acknowledgement, as recorded when the gateway accepted it.
    const row = await until('the sent status', async () => {
      const r = (
        await t.database.query<{ id: string; status: string; gateway_id: string }>(
          "select id, status, gateway_id from messages where case_id = $1 and direction = 'out'",
          [c!.id],
        )
      ).rows[0];
      return r?.status === 'sent' && r;
    });
    const messageId = row.gateway_id;
    expect(at.accepted().map((r) => r.messageId)).toContain(messageId);
    const report = { id: messageId, phoneNumber: phone, networkCode: '63902', retryCount: '0' };
    expect((await delivery({ ...report, status: 'Buffered' })).statusCode).toBe(200);
    expect((await messageRow(row.id)).status).toBe('sent');
    expect((await delivery({ ...report, status: 'Success' })).statusCode).toBe(200);
    expect((await messageRow(row.id)).status).toBe('delivered');
    // A late "Failed" for the same id after success, and an id we never sent: nothing changes.
    expect(
      (await delivery({ ...report, status: 'Failed', failureReason: 'DeliveryFailure' })).statusCode,
    ).toBe(200);
    expect((await messageRow(row.id)).status).toBe('delivered');
    expect((await delivery({ ...report, id: 'ATXid_unknown', status: 'Success' })).statusCode).toBe(200);
  });

  it('retries a failing gateway with backoff, then fails over to the next channel; nothing is lost', async () => {
    const officer = await loginAs(t.app, 'duty_officer');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-rules',
      headers: officer.headers,
      payload: { rules: [{ channel: 'sms', delayMinutes: 0, contact: '0722 000 010' }] },
    });
    expect(put.statusCode).toBe(200);
    // 500, then a hang past the 300 ms timeout, then 500 again: three attempts, all failed.
    at.script('500', 'hang', '500');
    const { messageIds } = await t.app.ctx.services.notifier.notifyUser({
      userId: officer.userId,
      text: {
        en: 'UA-2026-00001: new P1 report. Open the console.',
        sw: 'UA-2026-00001: ripoti mpya ya P1.',
      },
      idempotencyKey: 'test:gateway-down',
    });
    expect(messageIds).toHaveLength(1);
    const smsId = messageIds[0]!;
    const failed = await until('the SMS to fail', async () => {
      const r = await messageRow(smsId);
      return r.status === 'failed' && r;
    });
    expect(failed.attempts).toBe(3);
    expect(failed.last_error).toBe('at:http_500');
    const attempts = at.requests.filter((r) => r.form.to === '+254722000010');
    expect(attempts.map((r) => r.mode)).toEqual(['500', 'hang', '500']);

    const fallback = await until('the fallback message', async () => {
      const r = (
        await t.database.query<{ id: string; channel: string; status: string; fallback_of: string }>(
          'select id, channel, status, fallback_of from messages where fallback_of = $1',
          [smsId],
        )
      ).rows[0];
      return r?.status === 'delivered' && r;
    });
    expect(fallback.channel).toBe('inapp');

    // The message log shows both, with attempts and statuses, and no content.
    const log = await t.app.inject({
      method: 'GET',
      url: '/api/messages?direction=out',
      headers: officer.headers,
    });
    expect(log.statusCode).toBe(200);
    const lines = (log.json() as { messages: Record<string, unknown>[] }).messages;
    const smsLine = lines.find((m) => m.id === smsId)!;
    expect(smsLine).toMatchObject({
      channel: 'sms',
      status: 'failed',
      attempts: 3,
      lastError: 'at:http_500',
    });
    expect(lines.find((m) => m.id === fallback.id)).toMatchObject({
      channel: 'inapp',
      status: 'delivered',
      fallbackOf: smsId,
    });
    expect(log.body).not.toContain('+254722000010');
    expect(log.body).not.toContain('new P1 report');
  });

  it('records a failed acknowledgement to a phone-only reporter and raises nothing else', async () => {
    const phone = '+254711000011';
    at.script('invalid');
    await sms(phone, 'Threats against a human rights defender in Kisumu');
    const [c] = await casesFrom(phone);
    const row = await until('the acknowledgement to fail', async () => {
      const r = (
        await t.database.query<{ id: string; status: string; attempts: number; last_error: string }>(
          "select id, status, attempts, last_error from messages where case_id = $1 and direction = 'out'",
          [c!.id],
        )
      ).rows[0];
      return r?.status === 'failed' && r;
    });
    // Invalid number: permanent, so one attempt; no fallback row.
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBe('at:403:InvalidPhoneNumber');
    const fallbacks = await t.database.query('select 1 from messages where fallback_of = $1', [row.id]);
    expect(fallbacks.rows).toHaveLength(0);
  });
});
