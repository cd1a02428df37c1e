import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../test/helpers.js';

/**
 * Triage that reads the message, places, and conversations with reporters, through the real Africa's
 * Talking callbacks (SMS and USSD) and the case API. Outbound SMS go to the outbox adapter.
 */
const SECRET = 'at-callback-secret-for-conversation-tests';

describe('triage and conversations through the SMS and USSD callbacks', () => {
  let t: TestApp;
  let officer: SignedIn;
  let seq = 0;
  beforeAll(async () => {
    t = await buildTestApp({ config: { AT_CALLBACK_SECRET: SECRET } });
    officer = await loginAs(t.app, 'duty_officer');
  });
  afterAll(() => t.close());

  const sms = async (from: string, text: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/channels/at/sms/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ from, to: '22384', text, id: `ATXid_conv_${++seq}` }).toString(),
    });
    expect(res.statusCode).toBe(200);
  };
  const bidx = (phone: string) => t.app.ctx.vault.blindIndex('phone', phone);
  const casesOf = async (phone: string) =>
    (
      await t.database.query<{
        id: string;
        reference: string;
        in_danger_now: boolean;
        county: string | null;
        sub_county: string | null;
        ward: string | null;
        violation_types: string[];
      }>(
        'select id, reference, in_danger_now, county, sub_county, ward, violation_types from cases where reporter_phone_bidx = $1 order by received_at',
        [bidx(phone)],
      )
    ).rows;
  const detail = async (id: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: officer.headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { timeline: { type: string; data: Record<string, unknown>; note: string | null }[] };
  };
  /** The newest SMS queued to a phone (outbound rows are sealed: read through the messages service). */
  const outTo = async (phone: string) =>
    (
      await t.database.query<{ id: string }>(
        "select id from messages where direction = 'out' and address_bidx = $1 order by created_at desc",
        [t.app.ctx.vault.blindIndex('phone', phone)],
      )
    ).rows;

  it('reads urgency anywhere in a Kiswahili SMS (issue #15), with the place, the words and the reason', async () => {
    const phone = '+254722100001';
    await sms(phone, 'Habari yenu. Jirani yangu mume wake anampiga sasa hivi hapa Kware, tafadhali.');
    const [c] = await casesOf(phone);
    expect(c).toMatchObject({
      in_danger_now: true,
      county: 'Nairobi',
      sub_county: 'Embakasi South',
      ward: 'Kware',
      violation_types: [],
    });
    const intake = (await detail(c!.id)).timeline.find((e) => e.type === 'intake')!;
    expect(intake.data.inDangerNow).toBe(true);
    expect(intake.data.triage).toMatchObject({
      inDangerNow: true,
      reason: 'happening_now',
      applied: ['inDangerNow', 'place'],
      place: { ward: 'Kware', words: 'kware' },
    });
    expect((intake.data.triage as { matches: unknown[] }).matches).toContainEqual({
      code: 'happening_now',
      words: ['anampiga'],
    });
    // A calm message from another phone stays as it was: no danger, no reason.
    await sms('+254722100002', 'Kaka yangu alikamatwa mwaka jana na ameachiliwa kwa dhamana.');
    const [calm] = await casesOf('+254722100002');
    expect(calm).toMatchObject({ in_danger_now: false, violation_types: ['arbitrary_detention'] });
  });

  it('lets staff correct the place (checked, versioned, on the timeline) and refuses an unknown one', async () => {
    const phone = '+254722100003';
    await sms(phone, 'Watu wamekamatwa kwenye maandamano leo, hatujui wako wapi');
    const [c] = await casesOf(phone);
    expect(c!.county).toBeNull();
    const set = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/cases/${c!.id}/place`, headers: officer.headers, payload });
    const bad = await set({ county: 'Nairobi', subCounty: 'Kisumu Central', ward: null });
    expect(bad.statusCode).toBe(400);
    const ok = await set({ county: 'Kisumu', subCounty: 'Kisumu Central', ward: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ county: 'Kisumu', subCounty: 'Kisumu Central', ward: null });
    const [after] = await casesOf(phone);
    expect(after).toMatchObject({ county: 'Kisumu', sub_county: 'Kisumu Central', ward: null });
    const changed = (await detail(c!.id)).timeline.find((e) => e.type === 'place.changed')!;
    expect(changed.data).toEqual({
      from: { county: null, subCounty: null, ward: null },
      to: { county: 'Kisumu', subCounty: 'Kisumu Central', ward: null },
    });
    const audit = await t.database.query(
      "select 1 from audit_log where action = 'place.changed' and subject_id = $1",
      [c!.id],
    );
    expect(audit.rows).toHaveLength(1);
    // Anyone without the screening permission is refused.
    const finance = await loginAs(t.app, 'finance');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c!.id}/place`,
      headers: finance.headers,
      payload: { county: 'Nairobi' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('joins a follow-up SMS to the open case, tells the team, and lets NEW start a new report', async () => {
    const phone = '+254722100004';
    await sms(phone, 'Polisi wamemkamata mwanangu Kayole usiku huu');
    const [c] = await casesOf(phone);
    const member = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c!.id}/members`,
      headers: officer.headers,
      payload: { userId: officer.userId },
    });
    expect(member.statusCode).toBe(204);
    await sms(phone, 'Wamempeleka kituo cha polisi cha Kayole, hawajamruhusu kuonana na wakili');
    expect(await casesOf(phone)).toHaveLength(1);
    const joined = (await detail(c!.id)).timeline.filter((e) => e.type === 'reporter.message');
    expect(joined).toHaveLength(1);
    const notified = await t.database.query(
      "select 1 from messages where direction = 'out' and user_id = $1 and case_id = $2",
      [officer.userId, c!.id],
    );
    expect(notified.rows.length).toBeGreaterThanOrEqual(1);
    // `MPYA` (or NEW): a new report, a new reference, the keyword left out of the narrative.
    await sms(phone, 'MPYA Jirani ameumizwa na askari leo asubuhi Kayole');
    expect(await casesOf(phone)).toHaveLength(2);
  });

  it('sends a staff reply by SMS to the phone on record, in her language, and shows it in SMS and USSD status answers', async () => {
    const phone = '+254722100005';
    await sms(phone, 'Mama yangu amefukuzwa nyumbani na mwenye nyumba Kibera leo');
    const [c] = await casesOf(phone);
    const before = (await outTo(phone)).length;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c!.id}/reporter-replies`,
      headers: officer.headers,
      payload: { body: 'Tumepokea, wakili atakupigia kesho saa nne.' },
    });
    expect(res.statusCode).toBe(201);
    const { messageId } = res.json() as { messageId: string };
    expect(await outTo(phone)).toHaveLength(before + 1);
    const row = (
      await t.database.query<{ case_id: string; channel: string }>(
        'select case_id, channel from messages where id = $1',
        [messageId],
      )
    ).rows[0]!;
    // The SMS channel (the outbox adapter in tests), on the case: in the message log.
    expect(row.case_id).toBe(c!.id);
    expect(['sms', 'outbox']).toContain(row.channel);
    const reply = (await detail(c!.id)).timeline.find((e) => e.type === 'staff.reply')!;
    expect(reply.note).toBe('Tumepokea, wakili atakupigia kesho saa nne.');
    // Too long for one SMS with the prefix: refused, nothing sent.
    const long = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c!.id}/reporter-replies`,
      headers: officer.headers,
      payload: { body: 'x'.repeat(150) },
    });
    expect(long.statusCode).toBe(400);
    expect(await outTo(phone)).toHaveLength(before + 1);
    // USSD status from the reporting phone carries the reply.
    const digits = c!.reference.replace(/\D/g, '');
    const ussd = await t.app.inject({
      method: 'POST',
      url: `/api/channels/at/ussd/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        sessionId: 'ATUid_conv',
        phoneNumber: phone,
        text: `2*3*${digits}`,
      }).toString(),
    });
    expect(ussd.body).toBe(
      `END ${c!.reference}: Imepokelewa, tunaipitia. Tumepokea, wakili atakupigia kesho saa nne.`,
    );
    expect(ussd.body.length).toBeLessThanOrEqual(182);
    // SMS status (HALI) answers from the same conversation.
    await sms(phone, `HALI ${c!.reference}`);
    const queued = await t.database.query<{ id: string }>(
      "select id from messages where direction = 'out' and status = 'queued'",
    );
    for (const m of queued.rows) await t.app.ctx.services.channels.messages.deliver(m.id);
    const admin = await loginAs(t.app, 'admin');
    const outbox = await t.app.inject({
      method: 'GET',
      url: `/api/simulator/outbox?phone=${encodeURIComponent(phone)}`,
      headers: admin.headers,
    });
    const bodies = (outbox.json() as { messages: { body: string }[] }).messages.map((m) => m.body);
    expect(bodies).toContain(`Dharura kuhusu ${c!.reference}: Tumepokea, wakili atakupigia kesho saa nne.`);
    const status = bodies.find((b) => b.includes('Imepokelewa, tunaipitia.'))!;
    expect(status).toBe(
      `Dharura ${c!.reference}: Imepokelewa, tunaipitia. Tumepokea, wakili atakupigia kesho saa nne.`,
    );
    expect(status.length).toBeLessThanOrEqual(160);
  });

  it('merges a duplicate: both timelines stay, and her reference answers with the surviving case', async () => {
    const phone = '+254722100006';
    await sms(phone, 'Mwanangu amekamatwa na polisi Kayole leo');
    await sms(phone, 'NEW My son was arrested by police in Kayole today');
    const [first, second] = await casesOf(phone);
    const step = (id: string, action: string, payload: Record<string, unknown> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/transitions/${action}`,
        headers: officer.headers,
        payload,
      });
    expect((await step(second!.id, 'acknowledge')).statusCode).toBe(200);
    const merged = await step(second!.id, 'mark_duplicate', {
      duplicateOf: first!.id,
      reason: 'same report',
    });
    expect(merged.statusCode).toBe(200);
    expect((await detail(first!.id)).timeline.find((e) => e.type === 'duplicate.merged')?.data).toEqual({
      duplicate: second!.reference,
      duplicateId: second!.id,
    });
    // The duplicate's own timeline stays readable.
    expect((await detail(second!.id)).timeline.map((e) => e.type)).toContain('intake');
    const digits = second!.reference.replace(/\D/g, '');
    const ussd = await t.app.inject({
      method: 'POST',
      url: `/api/channels/at/ussd/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        sessionId: 'ATUid_merged',
        phoneNumber: phone,
        text: `1*3*${digits}`,
      }).toString(),
    });
    // The survivor is still "received": her duplicate's reference says so, not "duplicate".
    expect(ussd.body).toBe(`END ${second!.reference}: Received, we are looking at it.`);
  });

  it('refuses a reply when the case has no phone on record', async () => {
    const c = await t.app.ctx.services.intake.receive(
      {
        channel: 'web',
        narrative: 'anonymous report from the web form',
        reporter: { anonymous: true, locale: 'en' },
      },
      { userId: null, label: 'test' },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/reporter-replies`,
      headers: officer.headers,
      payload: { body: 'hello' },
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { code: string } }).error.code).toBe('NO_SAFE_CONTACT');
  });
});
