import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  createUser,
  loginAs,
  testConfig,
  type SignedIn,
  type TestDatabase,
} from '../../../../test/helpers.js';
import { buildApp } from '../../app.js';
import type { Notifier, NotifyUserInput } from '../../channels/notifier.js';
import { parseSms } from '../../channels/sms/inbound.js';
import {
  startFakeAfricasTalking,
  type FakeAfricasTalking,
} from '../../channels/testing/fake-africastalking.js';
import type { Clock } from '../../lib/clock.js';
import { areaMatch, rankResponders, withinHours } from './dispatch.js';
import type { ResponderRow } from './network.repo.js';
import type { ResponderInput } from '../../../shared/contracts/network.js';

const SECRET = 'network-callback-secret';

/** Real time plus an offset the test moves: pg-boss jobs fire at real times, rules read this clock. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

function recordingNotifier() {
  const calls: (NotifyUserInput & { at: number })[] = [];
  const notifier: Notifier = {
    async notifyUser(input) {
      calls.push({ ...input, at: Date.now() });
      return { messageIds: [] };
    },
  };
  return { notifier, calls };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const kware = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' };
const mukuru = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Mukuru Kwa Njenga' };
const kayole = { county: 'Nairobi', subCounty: 'Embakasi Central', ward: 'Kayole North' };

describe('dispatch ranking (pure)', () => {
  const row = (id: string, over: Partial<ResponderRow>): ResponderRow =>
    ({
      id,
      active: true,
      available: true,
      availableFrom: null,
      availableTo: null,
      skills: ['escort'],
      caseloadLimit: 2,
      areas: [kware],
      createdAt: new Date(0),
      ...over,
    }) as ResponderRow;

  it('matches ward, then sub-county, then county', () => {
    expect(areaMatch([kware], kware)).toBe(3);
    expect(areaMatch([mukuru], kware)).toBe(2);
    expect(areaMatch([kayole], kware)).toBe(1);
    expect(areaMatch([{ county: 'Mombasa', ward: 'Kware' }], kware)).toBe(0);
  });

  it('reads hours in East Africa Time, overnight spans included', () => {
    const at = new Date('2026-03-02T19:30:00Z'); // 22:30 EAT
    expect(withinHours('20:00', '06:00', at)).toBe(true);
    expect(withinHours('06:00', '20:00', at)).toBe(false);
    expect(withinHours(null, null, at)).toBe(true);
  });

  it('ranks nearest then lightest load, and says why others were skipped', () => {
    const { ranked, skipped } = rankResponders({
      responders: [
        row('far', { areas: [kayole] }),
        row('busy', {}),
        row('near-loaded', {}),
        row('near', {}),
        row('mid', { areas: [mukuru] }),
        row('off', { available: false }),
        row('paralegal', { skills: ['paralegal'] }),
      ],
      loads: new Map([
        ['busy', 2],
        ['near-loaded', 1],
      ]),
      place: kware,
      skill: 'escort',
      minMatch: 1,
      at: new Date(),
    });
    expect(ranked.map((r) => r.responder.id)).toEqual(['near', 'near-loaded', 'mid', 'far']);
    expect(Object.fromEntries(skipped.map((s) => [s.responder.id, s.reason]))).toEqual({
      busy: 'caseload_limit',
      off: 'unavailable',
      paralegal: 'missing_skill',
    });
  });

  it('parses replies, check-ins with a place, and PIN cancels in both languages', () => {
    expect(parseSms('ndio 123')).toMatchObject({
      kind: 'responder',
      keyword: 'NDIO',
      number: '123',
      locale: 'sw',
    });
    expect(parseSms('OK 123 at Kware stage')).toMatchObject({
      kind: 'responder',
      keyword: 'OK',
      detail: 'at Kware stage',
    });
    expect(parseSms('No 5 people were arrested at the market')).toMatchObject({ kind: 'report' });
    expect(parseSms('SITISHA 2468')).toEqual({ kind: 'cancel', locale: 'sw', pin: '2468' });
    expect(parseSms('cancel 12')).toMatchObject({ kind: 'report' });
  });
});

describe('the community response network (fake gateway, real queue)', () => {
  let db: TestDatabase;
  let at: FakeAfricasTalking;
  let app: FastifyInstance;
  const clock = new OffsetClock();
  const rec = recordingNotifier();
  let duty: SignedIn;
  let leaderId: string;
  let approverId: string;
  let seq = 0;

  const config = () =>
    testConfig({
      ...(db.url ? { DATABASE_URL: db.url } : {}),
      SMS_ADAPTER: 'africastalking',
      AT_USERNAME: 'dharura-test',
      AT_API_KEY: 'test-at-key',
      AT_SENDER_ID: 'DHARURA',
      AT_BASE_URL: at.url,
      AT_CALLBACK_SECRET: SECRET,
      AT_TIMEOUT_MS: '1500',
    });
  const start = async () => {
    app = await buildApp({
      config: config(),
      database: db.database,
      clock,
      startJobs: true,
      notifier: rec.notifier,
    });
    await app.ready();
  };

  beforeAll(async () => {
    at = await startFakeAfricasTalking({ apiKey: 'test-at-key' });
    db = await createTestDatabase();
    await start();
    duty = await loginAs(app, 'duty_officer');
    leaderId = (await createUser(app, ['leadership'])).user.id;
    approverId = (await createUser(app, ['approver'])).user.id;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
    await at.close();
  });

  const sms = (from: string, text: string) =>
    app.inject({
      method: 'POST',
      url: `/api/channels/at/sms/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        from,
        to: '22384',
        text,
        date: '2026-03-01 10:00:00',
        id: `ATXnet_${++seq}`,
      }).toString(),
    });
  const smsTo = (phone: string) => at.requests.filter((r) => r.form.to === phone).map((r) => r.form.message!);
  const lastSmsTo = (phone: string, n = 1) =>
    until(`SMS #${n} to ${phone}`, async () => smsTo(phone).length >= n && smsTo(phone)[n - 1]);
  let phoneSeq = 0;
  const responder = async (over: Partial<ResponderInput> = {}) => {
    const phone = `+25471${String(++phoneSeq).padStart(7, '0')}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/network/responders',
      headers: duty.headers,
      payload: {
        name: `Responder ${phoneSeq}`,
        phone,
        locale: 'en',
        areas: [kware],
        skills: ['escort'],
        ...over,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json<{ id: string }>().id, phone };
  };
  const openCase = (place = kware, violationTypes: string[] = []) =>
    app.ctx.services.intake.receive(
      {
        channel: 'web',
        narrative: 'A woman threatened with a panga by her husband needs to leave the house tonight',
        inDangerNow: true,
        violationTypes: violationTypes as never,
        ...place,
        reporter: { anonymous: true, locale: 'en' },
        victim: { name: 'CANARY-VICTIM Achieng', phone: '+254722000999' },
      },
      { userId: duty.userId, label: 'user' },
    );
  const dispatch = async (caseId: string, body: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/dispatches`,
      headers: duty.headers,
      payload: body,
    });
    return res;
  };
  const caseEvents = async (caseId: string) =>
    (
      await app.ctx.database.query<{ type: string; data: Record<string, unknown> }>(
        'select type, data from case_events where case_id = $1 order by id',
        [caseId],
      )
    ).rows;
  const alertsOf = async (caseId: string, reason: string) =>
    (
      await app.ctx.database.query<{
        id: string;
        status: string;
        priority: string;
        trigger_count: number;
        created_at: Date;
      }>(
        'select id, status, priority, trigger_count, created_at from alerts where case_id = $1 and reason = $2',
        [caseId, reason],
      )
    ).rows;

  it('a PATCH changes only what it names: switching availability keeps skills, languages and the limit', async () => {
    // Far from the other tests' cases, so their rankings are unchanged.
    const r = await responder({
      areas: [{ county: 'Turkana' }],
      skills: ['escort', 'first_aid'],
      languages: ['sw', 'luo'],
      caseloadLimit: 3,
    });
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/network/responders/${r.id}`,
      headers: duty.headers,
      payload: { available: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      available: false,
      skills: ['escort', 'first_aid'],
      languages: ['sw', 'luo'],
      locale: 'en',
      caseloadLimit: 3,
    });
    const back = await app.inject({
      method: 'PATCH',
      url: `/api/network/responders/${r.id}`,
      headers: duty.headers,
      payload: { available: true },
    });
    expect(back.json()).toMatchObject({ available: true, skills: ['escort', 'first_aid'], caseloadLimit: 3 });
  });

  it('dispatches a P1 case in Kware to the three nearest available escorts; the first YES is assigned, the others are not needed', async () => {
    const a = await responder();
    const b = await responder({ locale: 'sw' });
    const c = await responder({ areas: [mukuru] });
    await responder({ areas: [kayole] });
    const off = await responder({ available: false });
    await responder({ skills: ['paralegal'] });
    const limited = await responder({ caseloadLimit: 1 });
    // The limited responder is already on a mission elsewhere.
    const other = await openCase(kayole);
    const first = await dispatch(other.id, { missionType: 'escort', responderIds: [limited.id] });
    expect(first.statusCode, first.body).toBe(201);
    await sms(limited.phone, `YES ${first.json<{ number: number }>().number}`);

    const p1 = await openCase(kware, ['femicide']);
    const proposals = await app.inject({
      url: `/api/cases/${p1.id}/dispatch/proposals?missionType=escort`,
      headers: duty.headers,
    });
    const prop = proposals.json<{
      candidates: { responderId: string }[];
      skipped: { responderId: string; reason: string }[];
    }>();
    expect(prop.candidates.slice(0, 3).map((x) => x.responderId)).toEqual([a.id, b.id, c.id]);
    expect(prop.candidates.map((x) => x.responderId)).not.toContain(limited.id);
    expect(prop.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ responderId: limited.id, reason: 'caseload_limit' }),
        expect.objectContaining({ responderId: off.id, reason: 'unavailable' }),
      ]),
    );

    const res = await dispatch(p1.id, { missionType: 'escort', checkInMinutes: 30 });
    expect(res.statusCode, res.body).toBe(201);
    const { number, offered } = res.json<{ number: number; offered: number }>();
    expect(offered).toBe(3);
    expect(await lastSmsTo(a.phone)).toBe(
      `${p1.reference}: escort needed, Kware. Reply YES ${number} / NO ${number}`,
    );
    expect(await lastSmsTo(b.phone)).toBe(
      `${p1.reference}: msindikizaji anahitajika, Kware. Jibu NDIO ${number} / HAPANA ${number}`,
    );
    await lastSmsTo(c.phone);

    await sms(a.phone, `YES ${number}`);
    expect(await lastSmsTo(a.phone, 2)).toContain('you are assigned');
    expect(await lastSmsTo(b.phone, 2)).toContain('Hauhitajiki');
    expect(await lastSmsTo(c.phone, 2)).toContain('not needed');
    // A late YES is thanked, not assigned.
    await sms(c.phone, `YES ${number}`);
    expect(await lastSmsTo(c.phone, 3)).toContain('not needed');

    const view = (await app.inject({ url: `/api/cases/${p1.id}/dispatches`, headers: duty.headers })).json<{
      dispatches: { offers: { responderId: string; status: string }[] }[];
      missions: { responderId: string; status: string; exposures: string[] }[];
    }>();
    expect(Object.fromEntries(view.dispatches[0]!.offers.map((o) => [o.responderId, o.status]))).toEqual({
      [a.id]: 'accepted',
      [b.id]: 'not_needed',
      [c.id]: 'not_needed',
    });
    expect(view.missions).toEqual([
      expect.objectContaining({ responderId: a.id, status: 'active', exposures: ['death'] }),
    ]);
    const types = (await caseEvents(p1.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['dispatch.sent', 'mission.started']));
    expect(
      await app.ctx.database
        .query('select 1 from case_clocks where case_id = $1 and kind = $2', [p1.id, 'mission_check_in'])
        .then((r) => r.rows.length),
    ).toBe(1);

    // Only what they need: no SMS to any responder carries the victim's name or phone number.
    for (const r of at.requests) {
      expect(r.form.message).not.toContain('CANARY-VICTIM');
      expect(r.form.message).not.toContain('722000999');
    }
  });

  it('refuses a dispatch nobody can take, and widens when nobody answers in time (alerting the duty line)', async () => {
    const remote = await openCase({ county: 'Turkana', subCounty: 'Loima', ward: 'Lokiriama' });
    const none = await dispatch(remote.id, { missionType: 'body_retrieval' });
    expect(none.statusCode).toBe(409);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('NO_RESPONDERS');

    const c = await openCase({ county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Pipeline' });
    const res = await dispatch(c.id, { missionType: 'escort', batchSize: 1, replyMinutes: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<{ id: string; number: number }>();
    clock.offsetMs += 61_000;
    await app.ctx.services.network.sweep();
    const after = (await app.inject({ url: `/api/cases/${c.id}/dispatches`, headers: duty.headers })).json<{
      dispatches: { offers: unknown[] }[];
    }>();
    expect(after.dispatches[0]!.offers.length).toBe(2);
    expect(await alertsOf(c.id, 'dispatch_unanswered')).toHaveLength(1);
    expect((await caseEvents(c.id)).map((e) => e.type)).toContain('dispatch.widened');
    clock.offsetMs = 0;
    expect(d.number).toBeGreaterThan(0);
  });

  it('a missed check-in raises an alert within 5 s of the deadline, escalates, survives a restart, and OK resolves it', async () => {
    const r = await responder({ areas: [mukuru] });
    const c = await openCase(mukuru);
    const res = await dispatch(c.id, { missionType: 'escort', responderIds: [r.id], checkInMinutes: 5 });
    const { number } = res.json<{ number: number }>();
    // Accept "5 minutes minus 4 seconds ago", so the first check-in falls due 4 s from now in real time.
    await lastSmsTo(r.phone);
    clock.offsetMs = -(5 * 60_000 - 4000);
    await sms(r.phone, `YES ${number}`);
    clock.offsetMs = 0;
    const due = (
      await app.ctx.database.query<{ next_check_in_due: Date }>(
        'select next_check_in_due from missions where case_id = $1',
        [c.id],
      )
    ).rows[0]!.next_check_in_due;

    // A restart before the deadline: the job is in the database and the reconcile re-queues it.
    await app.close();
    await start();

    const [alert] = await until('the missed check-in alert', async () => {
      const rows = await alertsOf(c.id, 'missed_check_in');
      return rows.length > 0 && rows;
    });
    const lateMs = new Date(alert!.created_at).getTime() - new Date(due).getTime();
    expect(lateMs).toBeLessThan(5000);
    expect(alert!.priority).toBe('P1');
    await until('leadership paged', async () =>
      rec.calls.some((x) => x.alertId === alert!.id && x.userId === leaderId),
    );

    // Nobody acknowledges: the leadership policy's next step pages the approvers after 10 minutes.
    clock.offsetMs = 10 * 60_000 + 2000;
    await app.ctx.services.alerts.sweep();
    await until('approver paged', async () =>
      rec.calls.some((x) => x.alertId === alert!.id && x.userId === approverId),
    );

    await lastSmsTo(r.phone, 2);
    await sms(r.phone, `OK ${number} near the chief's camp`);
    expect(await lastSmsTo(r.phone, 3)).toContain('check-in received');
    expect((await alertsOf(c.id, 'missed_check_in'))[0]!.status).toBe('resolved');
    const events = await caseEvents(c.id);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['mission.started', 'clock.breached', 'mission.check_in']),
    );
    expect(events.find((e) => e.type === 'mission.check_in')!.data.withLocation).toBe(true);
    const clocks = (
      await app.ctx.database.query<{ fired_at: Date | null; met_at: Date | null }>(
        "select fired_at, met_at from case_clocks where case_id = $1 and kind = 'mission_check_in' order by created_at",
        [c.id],
      )
    ).rows;
    expect(clocks).toHaveLength(2);
    expect(clocks[1]!.fired_at).toBeNull();

    await sms(r.phone, `DONE ${number}`);
    expect(await lastSmsTo(r.phone, 4)).toContain('How are you?');
    await sms(r.phone, '2 it was very hard');
    expect(await lastSmsTo(r.phone, 5)).toContain('A supervisor will call you');
    clock.offsetMs = 0;
  });

  it('SOS from a registered defender is a P1 alert to leadership within 2 s; repeats join it; unknown numbers make an urgent report', async () => {
    const r = await responder({
      cancelPin: '2468',
      duressPin: '1357',
      emergencyContacts: 'Sister Wanjiru 0700 000 001',
    });
    const t0 = Date.now();
    const res = await sms(r.phone, 'SOS police at my door');
    expect(res.statusCode).toBe(200);
    const caseId = (
      await app.ctx.database.query<{ case_id: string }>(
        "select case_id from sos_alarms where responder_id = $1 and status = 'active'",
        [r.id],
      )
    ).rows[0]!.case_id;
    const [alert] = await alertsOf(caseId, 'sos');
    expect(alert!.priority).toBe('P1');
    const page = await until('leadership paged', async () =>
      rec.calls.find((x) => x.alertId === alert!.id && x.userId === leaderId),
    );
    expect(page.at - t0).toBeLessThan(2000);
    expect(await lastSmsTo(r.phone)).toContain('Leadership is being alerted');

    await sms(r.phone, 'MSAADA');
    const again = await alertsOf(caseId, 'sos');
    expect(again).toHaveLength(1);
    expect(again[0]!.trigger_count).toBe(2);

    // The defender's details are on the case for the team, encrypted. An SOS is sensitive by rule:
    // outside the team it is a redacted line until the duty officer takes it by acknowledging.
    expect((await app.inject({ url: `/api/cases/${caseId}`, headers: duty.headers })).statusCode).toBe(404);
    const ack = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/transitions/acknowledge`,
      headers: duty.headers,
      payload: {},
    });
    expect(ack.statusCode, ack.body).toBe(200);
    const detail = await app.inject({ url: `/api/cases/${caseId}`, headers: { ...duty.headers } });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Sister Wanjiru');
    expect(detail.body).toContain('police at my door');

    // Someone with no registration: an ordinary urgent report, no SOS alert.
    const stranger = '+254799000123';
    await sms(stranger, 'SOS they are beating us');
    const strangerCase = (
      await app.ctx.database.query<{ id: string; in_danger_now: boolean }>(
        'select id, in_danger_now from cases where reporter_phone_bidx = $1',
        [app.ctx.vault.blindIndex('phone', stranger)],
      )
    ).rows[0]!;
    expect(strangerCase.in_danger_now).toBe(true);
    expect(await alertsOf(strangerCase.id, 'sos')).toHaveLength(0);
    expect(await alertsOf(strangerCase.id, 'new_urgent_report')).toHaveLength(1);
  });

  it('lets a signed-in defender press SOS in the console: P1 to leadership, a second press joins it', async () => {
    const staff = await loginAs(app, 'research');
    const press = () =>
      app.inject({
        method: 'POST',
        url: '/api/me/sos',
        headers: staff.headers,
        payload: { location: 'Kibera, Olympic stage' },
      });
    const first = await press();
    expect(first.statusCode, first.body).toBe(201);
    const { caseId, joined } = first.json<{ caseId: string; joined: boolean }>();
    expect(joined).toBe(false);
    const [alert] = await alertsOf(caseId, 'sos');
    expect(alert!.priority).toBe('P1');
    await until('leadership paged', async () =>
      rec.calls.some((x) => x.alertId === alert!.id && x.userId === leaderId),
    );
    const second = await press();
    expect(second.json<{ caseId: string; joined: boolean }>()).toMatchObject({ caseId, joined: true });
    expect((await alertsOf(caseId, 'sos'))[0]!.trigger_count).toBe(2);
    // No PIN on record for this account: the alarm cannot be called off from here, only by the team.
    const cancel = await app.inject({
      method: 'POST',
      url: '/api/me/sos/cancel',
      headers: staff.headers,
      payload: { pin: '1234' },
    });
    expect(cancel.json<{ cancelled: boolean }>().cancelled).toBe(false);
  });

  it('a duress PIN answers like a cancel but keeps the alarm running; the real PIN ends it; a wrong one changes nothing', async () => {
    const r = await responder({ cancelPin: '2468', duressPin: '1357' });
    await sms(r.phone, 'SOS');
    // SMS may overtake each other on the way out; take each answer before sending the next message.
    await lastSmsTo(r.phone);
    const alarm = async () =>
      (
        await app.ctx.database.query<{ status: string; case_id: string }>(
          'select status, case_id from sos_alarms where responder_id = $1',
          [r.id],
        )
      ).rows[0]!;
    const { case_id: caseId } = await alarm();

    await sms(r.phone, 'CANCEL 0000');
    expect(await lastSmsTo(r.phone, 2)).toBe('Dharura: PIN not recognised. The SOS is still active.');
    expect((await alarm()).status).toBe('active');

    await sms(r.phone, 'CANCEL 1357');
    const duressReply = await lastSmsTo(r.phone, 3);
    expect(duressReply).toBe('Dharura: SOS cancelled. Stay safe.');
    expect((await alarm()).status).toBe('duress');
    expect((await alertsOf(caseId, 'sos'))[0]!.status).not.toBe('resolved');
    expect((await caseEvents(caseId)).map((e) => e.type)).toContain('sos.duress');

    const r2 = await responder({ cancelPin: '2468', duressPin: '1357' });
    await sms(r2.phone, 'SOS');
    await lastSmsTo(r2.phone);
    const caseId2 = (
      await app.ctx.database.query<{ case_id: string }>(
        'select case_id from sos_alarms where responder_id = $1',
        [r2.id],
      )
    ).rows[0]!.case_id;
    await sms(r2.phone, 'CANCEL 2468');
    expect(await lastSmsTo(r2.phone, 2)).toBe(duressReply);
    expect((await alertsOf(caseId2, 'sos'))[0]!.status).toBe('resolved');
  });

  it('lets a responder check in by USSD, and a dispatcher from the console', async () => {
    const r = await responder({ areas: [kayole] });
    const c = await openCase(kayole);
    const { number } = (await dispatch(c.id, { missionType: 'escort', responderIds: [r.id] })).json<{
      number: number;
    }>();
    await sms(r.phone, `YES ${number}`);
    const ussd = (text: string) =>
      app.inject({
        method: 'POST',
        url: `/api/channels/at/ussd/${SECRET}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          sessionId: `ussd-net-${++seq}`,
          serviceCode: '*384*7#',
          phoneNumber: r.phone,
          text,
        }).toString(),
      });
    expect((await ussd('2*5')).body).toContain('Ripoti: andika namba');
    const screen = (await ussd(`2*5*${number}*1`)).body;
    expect(screen).toMatch(/^END Dharura: taarifa imepokelewa/);
    expect(screen.length).toBeLessThanOrEqual(182);
    const missions = (await app.inject({ url: '/api/network/missions', headers: duty.headers })).json<{
      missions: { id: string; caseId: string; lastCheckInAt: string | null }[];
    }>().missions;
    const mine = missions.find((m) => m.caseId === c.id)!;
    expect(mine.lastCheckInAt).not.toBeNull();
    const done = await app.inject({
      method: 'POST',
      url: `/api/missions/${mine.id}/check-in`,
      headers: duty.headers,
      payload: { done: true, location: 'Back at the centre' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<{ status: string }>().status).toBe('done');
    const again = await app.inject({
      method: 'POST',
      url: `/api/missions/${mine.id}/check-in`,
      headers: duty.headers,
      payload: {},
    });
    expect(again.json<{ error: { code: string } }>().error.code).toBe('MISSION_CLOSED');
  });

  it('keeps wellbeing answers for supervisors only, with exposure counts', async () => {
    const lead = await loginAs(app, 'leadership');
    const res = await app.inject({ url: '/api/network/wellbeing', headers: lead.headers });
    expect(res.statusCode).toBe(200);
    const rows = res.json<{
      responders: {
        lowScore?: number;
        lastScore: number | null;
        concerns: string[];
        exposures90d: { death: number };
      }[];
    }>().responders;
    const low = rows.find((x) => x.lastScore === 2);
    expect(low).toBeDefined();
    expect(low!.concerns).toContain('low_score');
    expect(rows.some((x) => x.exposures90d.death > 0)).toBe(true);
    const denied = await app.inject({ url: '/api/network/wellbeing', headers: duty.headers });
    expect(denied.statusCode).toBe(403);
  });

  it('asks every active responder "how are you, 1-5" at most once a week', async () => {
    const r = await responder({ locale: 'sw' });
    const sent = await app.ctx.services.network.promptWellbeing();
    expect(sent).toBeGreaterThan(0);
    expect(await lastSmsTo(r.phone)).toBe(
      'Dharura: hujambo? Jibu 1 (vibaya sana) hadi 5 (vizuri sana). Tunasoma kila jibu.',
    );
    expect(await app.ctx.services.network.promptWellbeing()).toBe(0);
    await sms(r.phone, '4');
    expect(await lastSmsTo(r.phone, 2)).toBe('Dharura: asante. Jitunze.');
  });
});
