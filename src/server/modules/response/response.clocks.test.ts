import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createUser,
  loginAs,
  signIn,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';

import { HOUR, p1, protest, responseHelpers } from './response.test-kit.js';

describe('response phase: refusals and clocks', () => {
  let t: TestApp;
  let duty: SignedIn;
  let approver: SignedIn;
  let legal: SignedIn;
  let analyst: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    legal = await loginAs(t.app, 'legal');
    analyst = await loginAs(t.app, 'analyst');
  });
  afterAll(() => t.close());

  const { api, intake, activeCase, timeline, summary } = responseHelpers(() => ({
    t,
    duty,
    approver,
    legal,
  }));

  it('refuses what the rules do not allow, writing nothing', async () => {
    // An action on a case still in `received`.
    const received = await intake();
    const timelineBefore = (await timeline(received.id)).length;
    const early = await api('POST', `/api/cases/${received.id}/actions`, duty, {
      role: 'legal',
      type: 'bail_bond',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'CASE_NOT_ACTIVE' } });
    const rows = await t.database.query('select id from case_actions where case_id = $1', [received.id]);
    expect(rows.rows).toHaveLength(0);
    expect((await timeline(received.id)).length).toBe(timelineBefore);

    const c = await activeCase();
    // The type must belong to the role; court details only on legal actions.
    const mismatch = await api('POST', `/api/cases/${c.id}/actions`, duty, { role: 'legal', type: 'escort' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const details = await api('POST', `/api/cases/${c.id}/actions`, duty, {
      role: 'medical',
      type: 'medical_support',
      details: { court: 'Milimani' },
    });
    expect(details.statusCode).toBe(400);
    const badOwner = await api('POST', `/api/cases/${c.id}/actions`, duty, {
      role: 'medical',
      type: 'medical_support',
      ownerUserId: (await createUser(t.app, ['analyst'])).user.id,
    });
    expect(badOwner.statusCode).toBe(400);

    // A legal action with court details.
    const hearing = new Date(t.clock.now().getTime() + 48 * HOUR).toISOString();
    const bail = await api('POST', `/api/cases/${c.id}/actions`, legal, {
      role: 'legal',
      type: 'bail_bond',
      ownerUserId: legal.userId,
      details: { court: 'Milimani Law Courts', caseNumber: 'MCCR/E123/2026', hearingDates: [hearing] },
    });
    expect(bail.statusCode, bail.body).toBe(201);
    expect(bail.json().details).toEqual({
      court: 'Milimani Law Courts',
      caseNumber: 'MCCR/E123/2026',
      hearingDates: [hearing],
    });
    const id = bail.json().id as string;

    // Done needs an outcome.
    const noOutcome = await api('PATCH', `/api/cases/${c.id}/actions/${id}`, legal, {
      expectedVersion: 1,
      status: 'done',
    });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json()).toMatchObject({ error: { code: 'OUTCOME_REQUIRED' } });
    const swahili = await signIn(
      t.app,
      await createUser(t.app, ['legal'], { locale: 'sw' }).then((u) => ({
        email: u.user.email,
        password: u.password,
      })),
    );
    await api('POST', `/api/cases/${c.id}/members`, duty, { userId: swahili.userId });
    const swNoOutcome = await api('PATCH', `/api/cases/${c.id}/actions/${id}`, swahili, {
      expectedVersion: 1,
      status: 'done',
    });
    expect(swNoOutcome.json().error.message).toBe(
      'Tafadhali andika matokeo kabla ya kuweka hatua hii kuwa imekamilika.',
    );
    const stillOpen = (await summary(c.id)).actions.find((a) => a.id === id)!;
    expect(stillOpen).toMatchObject({ status: 'open', version: 1 });

    // Finished actions stay finished.
    await api('PATCH', `/api/cases/${c.id}/actions/${id}`, legal, {
      expectedVersion: 1,
      status: 'cancelled',
    });
    const reopen = await api('PATCH', `/api/cases/${c.id}/actions/${id}`, legal, {
      expectedVersion: 2,
      status: 'in_progress',
    });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json()).toMatchObject({ error: { code: 'ACTION_STATUS_NOT_ALLOWED' } });

    // Wrong role: the analyst can neither read nor act.
    expect((await api('GET', `/api/cases/${c.id}/actions`, analyst)).statusCode).toBe(403);
    const analystAct = await api('POST', `/api/cases/${c.id}/actions`, analyst, {
      role: 'research',
      type: 'verification',
    });
    expect(analystAct.statusCode).toBe(403);
    // Writing a review needs cases:close.
    const legalReview = await api('POST', `/api/cases/${c.id}/after-action-review`, legal, {
      whatWorked: 'x',
      challenges: 'x',
      lessons: 'x',
    });
    expect(legalReview.statusCode).toBe(403);
    // A review before follow-up is refused.
    const earlyReview = await api('POST', `/api/cases/${c.id}/after-action-review`, duty, {
      whatWorked: 'x',
      challenges: 'x',
      lessons: 'x',
    });
    expect(earlyReview.json()).toMatchObject({ error: { code: 'CASE_NOT_ACTIVE' } });
    // An impact code of the other scope.
    const wrongScope = await api('POST', `/api/cases/${c.id}/impacts`, duty, {
      scope: 'broader',
      code: 'relocated',
    });
    expect(wrongScope.statusCode).toBe(400);
  });

  it('meets the first-action clock when the first action starts, once', async () => {
    const c = await activeCase();
    const clocks = t.app.ctx.services.clocks;
    await t.database.db.transaction((tx) =>
      clocks.arm(c.id, 'first_action', new Date(t.clock.now().getTime() + 2 * HOUR), tx),
    );
    const a = (
      await api('POST', `/api/cases/${c.id}/actions`, duty, { role: 'medical', type: 'medical_referral' })
    ).json();
    const b = (
      await api('POST', `/api/cases/${c.id}/actions`, duty, { role: 'legal', type: 'habeas_corpus' })
    ).json();
    const firstAction = async () => (await clocks.forCase(c.id)).filter((k) => k.kind === 'first_action');
    expect((await firstAction())[0]!.metAt).toBeNull(); // creating an action is not acting
    await api('PATCH', `/api/cases/${c.id}/actions/${a.id}`, duty, {
      expectedVersion: 1,
      status: 'in_progress',
    });
    const met = (await firstAction())[0]!;
    expect(met.metAt).not.toBeNull();
    const at = await t.database.query<{ first_action_at: Date }>(
      'select first_action_at from cases where id = $1',
      [c.id],
    );
    t.clock.advance(1000);
    await api('PATCH', `/api/cases/${c.id}/actions/${b.id}`, duty, {
      expectedVersion: 1,
      status: 'in_progress',
    });
    const again = await t.database.query<{ first_action_at: Date }>(
      'select first_action_at from cases where id = $1',
      [c.id],
    );
    expect(again.rows[0]!.first_action_at).toEqual(at.rows[0]!.first_action_at);
    const started = (await timeline(c.id)).filter((e) => e.type === 'action.started');
    expect(started.map((e) => e.data.firstAction ?? false)).toEqual([true, false]);
  });

  it('keeps the arrest clock on the running arrest whose deadline comes first', async () => {
    const c = await activeCase(protest);
    const now = t.clock.now().getTime();
    const record = async (hoursAgo: number) =>
      (
        await api('POST', `/api/cases/${c.id}/arrests`, duty, {
          arrestedAt: new Date(now - hoursAgo * HOUR).toISOString(),
          policeStation: 'Kilimani Police Station',
        })
      ).json() as { id: string; arrestedAt: string };
    const later = await record(1);
    const earlier = await record(2);
    const due = async () =>
      (await t.app.ctx.services.clocks.forCase(c.id))
        .filter((k) => k.kind === 'arrest_24h' && !k.metAt && !k.firedAt)
        .map((k) => k.dueAt.getTime());
    expect(await due()).toEqual([now - 2 * HOUR + 24 * HOUR]);
    // The later arrest released: the earlier one still governs.
    await api('PATCH', `/api/cases/${c.id}/arrests/${later.id}`, duty, {
      releasedAt: t.clock.now().toISOString(),
    });
    expect(await due()).toEqual([now - 2 * HOUR + 24 * HOUR]);
    const third = await record(0.5);
    // The earlier one produced in court: the clock moves to the next running arrest.
    await api('PATCH', `/api/cases/${c.id}/arrests/${earlier.id}`, duty, {
      producedInCourtAt: t.clock.now().toISOString(),
    });
    expect(await due()).toEqual([now - 0.5 * HOUR + 24 * HOUR]);
    const before = await api('PATCH', `/api/cases/${c.id}/arrests/${third.id}`, duty, {
      releasedAt: new Date(now - 3 * HOUR).toISOString(),
    });
    expect(before.statusCode).toBe(400); // released before the arrest
    await api('PATCH', `/api/cases/${c.id}/arrests/${third.id}`, duty, {
      releasedAt: t.clock.now().toISOString(),
    });
    expect(await due()).toEqual([]);
    const listed = (await api('GET', `/api/cases/${c.id}/arrests`, duty)).json();
    expect(listed.arrests.map((x: { running: boolean }) => x.running)).toEqual([false, false, false]);
  });

  // Last: it moves the shared clock by a day, which ends every session opened before.
  it('runs the arrest clock of a defender arrested at a protest: warning at 18 h, breach at 24 h', async () => {
    // P2 (severity 3, immediacy 2): a review is required only once a clock is breached.
    const c = await activeCase(protest, { ...p1, immediacy: 2 });
    expect((await summary(c.id)).aarRequired).toBe(false);

    const arrestedAt = new Date(t.clock.now().getTime() - HOUR);
    const recorded = await api('POST', `/api/cases/${c.id}/arrests`, duty, {
      arrestedAt: arrestedAt.toISOString(),
      policeStation: 'Central Police Station, Nairobi',
      obNumber: 'OB 45/14/06/2026',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const arrest = recorded.json();
    expect(arrest).toMatchObject({
      policeStation: 'Central Police Station, Nairobi',
      obNumber: 'OB 45/14/06/2026',
      deadline: new Date(arrestedAt.getTime() + 24 * HOUR).toISOString(),
      running: true,
      msLeft: 23 * HOUR,
      warning: false,
      breached: false,
    });
    const future = await api('POST', `/api/cases/${c.id}/arrests`, duty, {
      arrestedAt: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString(),
      policeStation: 'Central Police Station, Nairobi',
    });
    expect(future.statusCode).toBe(400);

    // The countdown runs with the clock.
    t.clock.advance(5 * 60_000);
    let listed = (await api('GET', `/api/cases/${c.id}/arrests`, duty)).json();
    expect(listed.now).toBe(t.clock.now().toISOString());
    expect(listed.arrests[0]).toMatchObject({ msLeft: 23 * HOUR - 5 * 60_000, running: true });

    // 18 hours after the arrest: a warning and an escalation.
    t.clock.advance(17 * HOUR - 5 * 60_000);
    expect(await t.app.ctx.services.clocks.sweepDue()).toBeGreaterThanOrEqual(1);
    // Sessions do not survive a day of test time: sign in again.
    duty = await signIn(t.app, duty);
    let events = await timeline(c.id);
    expect(events.some((e) => e.type === 'clock.warning' && e.data.clock === 'arrest_18h')).toBe(true);
    expect(events.some((e) => e.type === 'escalation.requested' && e.data.reason === 'arrest_clock')).toBe(
      true,
    );
    expect(events.some((e) => e.type === 'clock.breached')).toBe(false);
    listed = (await api('GET', `/api/cases/${c.id}/arrests`, duty)).json();
    expect(listed.arrests[0]).toMatchObject({ msLeft: 6 * HOUR, warning: true, breached: false });

    // The police refuse to record the report.
    const refused = await api('POST', `/api/cases/${c.id}/institutional-responses`, duty, {
      agency: 'police',
      station: 'Central Police Station, Nairobi',
      officer: 'Officer on duty at the front desk',
      request: 'record_report',
      response: 'refused',
      at: t.clock.now().toISOString(),
      notes: 'police refused to record OB',
    });
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json()).toMatchObject({
      agency: 'police',
      request: 'record_report',
      response: 'refused',
      notes: 'police refused to record OB',
    });

    // 24 hours: breached, and now a review is required.
    t.clock.advance(6 * HOUR);
    expect(await t.app.ctx.services.clocks.sweepDue()).toBeGreaterThanOrEqual(1);
    duty = await signIn(t.app, duty);
    events = await timeline(c.id);
    expect(events.some((e) => e.type === 'clock.breached' && e.data.clock === 'arrest_24h')).toBe(true);
    listed = (await api('GET', `/api/cases/${c.id}/arrests`, duty)).json();
    expect(listed.arrests[0]).toMatchObject({ msLeft: 0, warning: true, breached: true, running: true });
    expect((await summary(c.id)).aarRequired).toBe(true);

    // Produced in court late: the clock stops, the breach stays on record.
    const produced = await api('PATCH', `/api/cases/${c.id}/arrests/${arrest.id}`, duty, {
      producedInCourtAt: t.clock.now().toISOString(),
    });
    expect(produced.statusCode, produced.body).toBe(200);
    expect(produced.json()).toMatchObject({ running: false, msLeft: null, warning: false, breached: true });
    const clocks = await t.app.ctx.services.clocks.forCase(c.id);
    for (const k of clocks.filter((x) => x.kind.startsWith('arrest'))) expect(k.metAt).not.toBeNull();
    events = await timeline(c.id);
    const types = events.map((e) => e.type);
    for (const type of ['arrest.recorded', 'institutional_response.logged', 'arrest.produced_in_court'])
      expect(types, type).toContain(type);
  });
});
