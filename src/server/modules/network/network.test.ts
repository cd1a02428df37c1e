import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type SignedIn } from '../../../../test/helpers.js';
import type { FakeAfricasTalking } from '../../channels/testing/fake-africastalking.js';
import { kayole, kware, mukuru, networkHarness, until } from './network.test-kit.js';

// The pure ranking tests are in dispatch.test.ts; defenders' SOS and USSD check-ins in sos.test.ts.
describe('the community response network (fake gateway, real queue)', () => {
  const h = networkHarness();
  const { clock, rec, sms, lastSmsTo, responder, openCase, dispatch, caseEvents, alertsOf } = h;
  let app: FastifyInstance;
  let at: FakeAfricasTalking;
  let duty: SignedIn;
  let leaderId: string;
  let approverId: string;

  beforeAll(async () => {
    await h.setUp();
    ({ app, at, duty, leaderId, approverId } = h);
  });
  afterAll(() => h.tearDown());

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
    await h.restart();
    app = h.app;

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
