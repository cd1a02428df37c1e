import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../../test/factories.js';
import {
  buildTestApp,
  loginAs,
  type Session,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';

/**
 * The referral response clock (issue #17): a provider that does not answer in time (1 h for a safe
 * house, 4 h otherwise, configurable) raises an alert that pages the case lead first, then escalates
 * like any other clock; an answer stops the clock and resolves the alert. And the feedback indicator:
 * accepted within the clock, completed, survivor satisfied — per provider.
 */
const SURVIVOR = { name: 'Wanjiru Survivor', phone: '+254722555001', pickUpPoint: 'Mathare chief’s camp' };
const MIN = 60_000;

describe('referral response clock and feedback indicator', () => {
  let t: TestApp;
  let duty: SignedIn;
  let admin: SignedIn;
  let lead: SignedIn;
  let partner: SignedIn;
  let providerId: string;
  let caseId: string;

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, s: Session, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const consent = { purpose: 'Safe-house placement tonight', method: 'in_person', toldRightToWithdraw: true };
  const refer = async (over: object = {}) => {
    const res = await api('POST', `/api/cases/${caseId}/referrals`, duty, {
      providerId,
      need: 'safe_house_placement',
      fields: SURVIVOR,
      consent,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string; responseDueAt: string; createdAt: string };
  };
  const referralAlerts = async () =>
    (
      await t.database.query<{ status: string; policy_snapshot: { steps: { target: unknown }[] } }>(
        `select status, policy_snapshot from alerts where case_id = $1 and reason = 'referral_unanswered'`,
        [caseId],
      )
    ).rows;

  beforeAll(async () => {
    // The test clock moves hours ahead; sessions must outlive it.
    t = await buildTestApp({ config: { SESSION_IDLE_MINUTES: '1440' } });
    const f = factories(t.app);
    duty = await loginAs(t.app, 'duty_officer');
    admin = await loginAs(t.app, 'admin');
    lead = await loginAs(t.app, 'legal');
    partner = await loginAs(t.app, 'partner');
    caseId = (await f.buildCase({ by: duty })).id;
    await t.database.query('update cases set lead_user_id = $1 where id = $2', [lead.userId, caseId]);
    const p = await api('POST', '/api/referral-providers', duty, {
      name: 'Amani Safe House',
      type: 'safe_house',
      services: ['safe_house_placement', 'counselling'],
      counties: ['Nairobi'],
      capacity: 4,
    });
    expect(p.statusCode, p.body).toBe(201);
    providerId = p.json().id;
    await api('POST', `/api/referral-providers/${providerId}/members`, duty, { userId: partner.userId });
  }, 180_000);
  afterAll(() => t.close());

  it('an unanswered safe-house referral pages the case lead after an hour; accepting resolves it', async () => {
    const r = await refer();
    expect(Date.parse(r.responseDueAt) - Date.parse(r.createdAt)).toBe(60 * MIN);
    const clocks = await t.app.ctx.services.clocks.forCase(caseId);
    expect(clocks.filter((c) => c.kind === 'referral_response' && c.subjectId === r.id)).toHaveLength(1);

    t.clock.advance(59 * MIN);
    await t.app.ctx.services.clocks.sweepDue();
    expect(await referralAlerts()).toEqual([]);
    t.clock.advance(2 * MIN);
    await t.app.ctx.services.clocks.sweepDue();
    const [alert] = await referralAlerts();
    expect(alert?.status).toBe('triggered');
    // The lead is paged first, then the duty policy's steps follow.
    expect(alert!.policy_snapshot.steps[0]!.target).toEqual({ kind: 'users', userIds: [lead.userId] });
    expect(alert!.policy_snapshot.steps.length).toBeGreaterThan(1);

    const accepted = await api('POST', `/api/partner/referrals/${r.id}/accept`, partner);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await referralAlerts()).map((a) => a.status)).toEqual(['resolved']);
    const after = await t.app.ctx.services.clocks.forCase(caseId);
    expect(after.find((c) => c.subjectId === r.id)?.metAt).toBeTruthy();
    // The referral completes; the survivor is asked at follow-up and was satisfied.
    await api('POST', `/api/partner/referrals/${r.id}/outcome`, partner, { outcome: 'Placed safely' });
    const sat = await api('POST', `/api/referrals/${r.id}/satisfaction`, duty, { satisfied: true });
    expect(sat.statusCode, sat.body).toBe(200);
    expect(sat.json()).toMatchObject({ status: 'completed', satisfied: true });
  }, 60_000);

  it('the response time is configurable per need; a decline in time stops the clock without an alert', async () => {
    const bad = await api('PUT', '/api/settings/referrals', admin, { responseMinutes: { counselling: 1 } });
    expect(bad.statusCode).toBe(400);
    const set = await api('PUT', '/api/settings/referrals', admin, {
      responseMinutes: { safe_house_placement: 30, counselling: 120, medical: 240, legal_aid: 480 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await api('PUT', '/api/settings/referrals', duty, set.json())).statusCode).toBe(403);
    const r = await refer({ need: 'counselling', fields: { firstName: 'Wanjiru', language: 'sw' } });
    expect(Date.parse(r.responseDueAt) - Date.parse(r.createdAt)).toBe(120 * MIN);
    t.clock.advance(60 * MIN);
    const declined = await api('POST', `/api/partner/referrals/${r.id}/decline`, partner, {
      reason: 'No counsellor this week',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    t.clock.advance(90 * MIN);
    await t.app.ctx.services.clocks.sweepDue();
    expect((await referralAlerts()).map((a) => a.status)).toEqual(['resolved']);
    // Satisfaction is asked only once a referral is completed.
    const early = await api('POST', `/api/referrals/${r.id}/satisfaction`, duty, { satisfied: false });
    expect(early.statusCode).toBe(409);
  });

  it('withdrawing consent stops the clock and resolves a fired alert', async () => {
    const r = await refer();
    t.clock.advance(31 * MIN);
    await t.app.ctx.services.clocks.sweepDue();
    expect((await referralAlerts()).filter((a) => a.status === 'triggered')).toHaveLength(1);
    const w = await api('POST', `/api/referrals/${r.id}/withdraw`, duty);
    expect(w.statusCode, w.body).toBe(200);
    expect((await referralAlerts()).every((a) => a.status === 'resolved')).toBe(true);
  });

  it('the feedback indicator per provider: accepted in time, completed, satisfied', async () => {
    const r = await refer();
    t.clock.advance(10 * MIN);
    await api('POST', `/api/partner/referrals/${r.id}/accept`, partner);
    const res = await api('GET', '/api/referral-providers/indicators', duty);
    expect(res.statusCode, res.body).toBe(200);
    const mine = (res.json().indicators as { providerId: string }[]).find((i) => i.providerId === providerId);
    // Four referrals, one withdrawn (left out): late-accepted and completed, declined, accepted in time.
    expect(mine).toEqual({
      providerId,
      referrals: 3,
      acceptedInTime: 1,
      accepted: 2,
      completed: 1,
      asked: 1,
      satisfied: 1,
      acceptedInTimeRate: 0.333,
      completedRate: 0.5,
      satisfiedRate: 1,
    });
    expect((await api('GET', '/api/referral-providers/indicators', partner)).statusCode).toBe(403);
  });

  it('edits a provider: capacity, hours, languages and contacts (sealed again)', async () => {
    const res = await api('PUT', `/api/referral-providers/${providerId}`, duty, {
      name: 'Amani Safe House',
      type: 'safe_house',
      services: ['safe_house_placement'],
      counties: ['Nairobi', 'Kajiado'],
      languages: ['sw', 'en', 'maa'],
      capacity: 6,
      hours: '24 hours',
      contacts: { phone: '0733 000222', email: 'desk@amani.example' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      counties: ['Nairobi', 'Kajiado'],
      capacity: 6,
      hours: '24 hours',
      contacts: { phone: '+254733000222', email: 'desk@amani.example' },
    });
    const found = await api('GET', '/api/referral-providers?county=Kajiado', duty);
    expect(found.json().providers.map((p: { id: string }) => p.id)).toEqual([providerId]);
    const raw = await t.database.query<{ contacts_enc: string }>(
      'select contacts_enc from referral_providers where id = $1',
      [providerId],
    );
    expect(raw.rows[0]!.contacts_enc).not.toContain('amani');
    const bad = await api('PUT', `/api/referral-providers/${providerId}`, duty, {
      name: 'Amani',
      type: 'safe_house',
      services: ['safe_house_placement'],
      counties: ['Nairobi'],
      contacts: { phone: 'not a phone' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PHONE_INVALID');
    // Refused: nothing changed.
    const still = await api('GET', '/api/referral-providers?county=Kajiado', duty);
    expect(still.json().providers[0]).toMatchObject({ name: 'Amani Safe House', capacity: 6 });
  });
});
