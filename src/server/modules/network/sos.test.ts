import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type SignedIn } from '../../../../test/helpers.js';
import { kayole, networkHarness, SECRET, until } from './network.test-kit.js';

describe("defenders' SOS and USSD check-ins (fake gateway, real queue)", () => {
  const h = networkHarness();
  const { rec, sms, lastSmsTo, responder, openCase, dispatch, caseEvents, alertsOf } = h;
  let app: FastifyInstance;
  let duty: SignedIn;
  let leaderId: string;

  beforeAll(async () => {
    await h.setUp();
    ({ app, duty, leaderId } = h);
  });
  afterAll(() => h.tearDown());

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
          sessionId: `ussd-net-${h.nextSeq()}`,
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
});
