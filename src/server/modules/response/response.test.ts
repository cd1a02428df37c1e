import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';

import { HOUR, kware, responseHelpers } from './response.test-kit.js';

describe('response phase', () => {
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

  const { api, intake, step, activeCase, timeline, summary } = responseHelpers(() => ({
    t,
    duty,
    approver,
    legal,
  }));

  it('runs the handbook scenario: escort to a safe house, follow-up, closure and after-action review', async () => {
    const c = await activeCase();
    const responder = (await createUser(t.app, ['responder'])).user;
    expect((await summary(c.id)).aarRequired).toBe(true); // P1 needs a review

    // A protection action: escort to a safe house, assigned to a community responder.
    const deadline = new Date(t.clock.now().getTime() + 2 * HOUR).toISOString();
    const created = await api('POST', `/api/cases/${c.id}/actions`, duty, {
      role: 'protection',
      type: 'escort',
      ownerUserId: responder.id,
      deadline,
      notes: 'Escort Victim Test from Kware to the Mukuru safe house',
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({
      role: 'protection',
      type: 'escort',
      status: 'open',
      ownerUserId: responder.id,
      ownerName: responder.displayName,
      deadline,
      overdue: false,
      notes: 'Escort Victim Test from Kware to the Mukuru safe house',
      details: null,
      createdBy: duty.userId,
      version: 1,
    });
    // The owner joins the case team.
    const members = await t.database.query<{ role_in_case: string }>(
      'select role_in_case from case_members where case_id = $1 and user_id = $2',
      [c.id, responder.id],
    );
    expect(members.rows[0]?.role_in_case).toBe('action_owner');

    const started = await api('PATCH', `/api/cases/${c.id}/actions/${action.id}`, duty, {
      expectedVersion: 1,
      status: 'in_progress',
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });
    const first = await t.database.query<{ first_action_at: Date | null }>(
      'select first_action_at from cases where id = $1',
      [c.id],
    );
    expect(first.rows[0]!.first_action_at).not.toBeNull();

    // A stale version is a conflict and changes nothing.
    const stale = await api('PATCH', `/api/cases/${c.id}/actions/${action.id}`, duty, {
      expectedVersion: 1,
      status: 'cancelled',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'CONFLICT' } });

    const done = await api('PATCH', `/api/cases/${c.id}/actions/${action.id}`, duty, {
      expectedVersion: 2,
      status: 'done',
      outcome: 'Reached the safe house; intake done by the house manager',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: 3, overdue: false });
    expect(done.json().completedAt).toBeTruthy();

    await step(c.id, 'start_follow_up', duty);
    const fb = await api('POST', `/api/cases/${c.id}/feedback`, duty, {
      channel: 'phone',
      satisfaction: 4,
      confidentialityRespected: true,
      decidedNextSteps: true,
      unmetNeeds: 'School transfer for her two children',
    });
    expect(fb.statusCode, fb.body).toBe(201);
    expect(fb.json()).toMatchObject({ satisfaction: 4, unmetNeeds: 'School transfer for her two children' });
    const impact = await api('POST', `/api/cases/${c.id}/impacts`, duty, {
      scope: 'immediate',
      code: 'relocated',
      note: 'Placed in the safe house for 14 days',
    });
    expect(impact.statusCode, impact.body).toBe(201);
    expect(impact.json()).toMatchObject({ scope: 'immediate', code: 'relocated' });

    const before = await api('GET', `/api/cases/${c.id}/after-action-review`, duty);
    expect(before.json()).toEqual({ review: null, required: true });

    const review = {
      whatWorked: 'Escort reached Kware within 90 minutes of the call',
      challenges: 'Safe-house beds were hard to confirm at night',
      lessons: 'Keep a night contact for each safe house in the directory',
    };
    const aar = await api('POST', `/api/cases/${c.id}/after-action-review`, duty, review);
    expect(aar.statusCode, aar.body).toBe(201);
    expect(aar.json()).toMatchObject({ ...review, reviewedBy: duty.userId });
    const again = await api('POST', `/api/cases/${c.id}/after-action-review`, duty, review);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    // A P1 closes once its review is recorded (the learning module's gate).
    await step(c.id, 'close', duty, {
      reason: 'victim safe and relocated',
      closure: { reason: 'resolved', outcome: 'relocated' },
    });

    const s = await summary(c.id);
    expect(s.aarRequired).toBe(false);
    expect(s.afterActionReview?.lessons).toBe(review.lessons);
    expect(s.actions).toHaveLength(1);
    expect(s.actions[0]).toMatchObject({ status: 'done', outcome: expect.stringContaining('safe house') });
    expect(s.feedback).toHaveLength(1);
    expect(s.impacts).toHaveLength(1);

    const events = await timeline(c.id);
    const responseSteps = [
      'action.created',
      'action.started',
      'action.completed',
      'transition.start_follow_up',
      'feedback.recorded',
      'impact.recorded',
      'after_action_review.recorded',
      'transition.close',
    ];
    const seen = events.map((e) => e.type).filter((type) => responseSteps.includes(type));
    expect(seen).toEqual(responseSteps);
    for (const e of events.filter((x) => responseSteps.includes(x.type))) {
      expect(e.actorId, e.type).toBe(duty.userId);
      expect(Number.isNaN(Date.parse(e.at)), e.type).toBe(false);
    }
    expect(events.find((e) => e.type === 'action.started')!.data).toMatchObject({
      actionId: action.id,
      from: 'open',
      to: 'in_progress',
      firstAction: true,
    });

    // Free text is encrypted at rest.
    const raw = await t.database.query<{ notes_enc: string }>(
      'select notes_enc from case_actions where id = $1',
      [action.id],
    );
    expect(raw.rows[0]!.notes_enc).toMatch(/^v1\./);
    expect(raw.rows[0]!.notes_enc).not.toContain('Mukuru');
  });

  it('hides restricted cases from non-members (404) on every response route', async () => {
    const c = await intake({ ...kware, sensitivity: 'restricted' });
    const urls = [
      'actions',
      'arrests',
      'institutional-responses',
      'feedback',
      'impacts',
      'after-action-review',
      'response-summary',
    ];
    for (const u of urls) {
      const res = await api('GET', `/api/cases/${c.id}/${u}`, legal);
      expect(res.statusCode, u).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    const write = await api('POST', `/api/cases/${c.id}/arrests`, legal, {
      arrestedAt: t.clock.now().toISOString(),
      policeStation: 'Kilimani Police Station',
    });
    expect(write.statusCode).toBe(404);
    // The creator is on the team and gets the real answer.
    expect((await api('GET', `/api/cases/${c.id}/actions`, duty)).json()).toEqual({ actions: [] });
  });

  it('keeps officer names and notes out of the audit log and the timeline', async () => {
    const c = await activeCase();
    const canaries = ['Inspector Canary Wanjiru', 'canary-note-7731', 'canary-unmet-4410', 'canary-impact-9'];
    const ir = await api('POST', `/api/cases/${c.id}/institutional-responses`, duty, {
      agency: 'dci',
      station: 'DCI Headquarters',
      officer: canaries[0],
      request: 'investigate',
      response: 'recorded_with_ob',
      obNumber: 'OB 12/01/2026',
      notes: canaries[1],
    });
    expect(ir.statusCode, ir.body).toBe(201);
    expect(ir.json()).toMatchObject({ officer: canaries[0], notes: canaries[1], obNumber: 'OB 12/01/2026' });
    const noOb = await api('POST', `/api/cases/${c.id}/institutional-responses`, duty, {
      agency: 'police',
      request: 'record_report',
      response: 'recorded_with_ob',
    });
    expect(noOb.statusCode).toBe(400);
    const a = await api('POST', `/api/cases/${c.id}/actions`, duty, {
      role: 'research',
      type: 'fact_finding',
      notes: canaries[1],
    });
    expect(a.statusCode).toBe(201);
    await api('POST', `/api/cases/${c.id}/feedback`, duty, {
      channel: 'sms',
      satisfaction: 2,
      confidentialityRespected: false,
      decidedNextSteps: false,
      unmetNeeds: canaries[2],
    });
    await api('POST', `/api/cases/${c.id}/impacts`, duty, {
      scope: 'broader',
      code: 'media_coverage',
      note: canaries[3],
    });
    const listed = await api('GET', `/api/cases/${c.id}/institutional-responses`, duty);
    expect(listed.json().institutionalResponses[0].officer).toBe(canaries[0]);

    const audit = await t.database.query<{ action: string; meta: string; actor_label: string }>(
      'select action, meta::text as meta, actor_label from audit_log where subject_id = $1',
      [c.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'institutional_response.logged',
        'action.created',
        'feedback.recorded',
        'impact.recorded',
        'response.read',
      ]),
    );
    const events = await t.database.query<{ data: string }>(
      'select data::text as data from case_events where case_id = $1',
      [c.id],
    );
    const everything = JSON.stringify([audit.rows, events.rows]);
    for (const canary of canaries) expect(everything).not.toContain(canary);
    const stored = await t.database.query<{ row: string }>(
      `select row_to_json(r)::text as row from institutional_responses r where case_id = $1
       union all select row_to_json(r)::text from case_actions r where case_id = $1
       union all select row_to_json(r)::text from victim_feedback r where case_id = $1
       union all select row_to_json(r)::text from case_impacts r where case_id = $1`,
      [c.id],
    );
    expect(stored.rows).toHaveLength(4);
    for (const canary of canaries) expect(JSON.stringify(stored.rows)).not.toContain(canary);
  });

  it('documents the response routes in the OpenAPI description', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/cases/{id}/actions',
        '/api/cases/{id}/actions/{actionId}',
        '/api/cases/{id}/arrests',
        '/api/cases/{id}/arrests/{arrestId}',
        '/api/cases/{id}/institutional-responses',
        '/api/cases/{id}/feedback',
        '/api/cases/{id}/impacts',
        '/api/cases/{id}/after-action-review',
        '/api/cases/{id}/response-summary',
      ]),
    );
    const vocab = await api('GET', '/api/vocabularies/response', analyst);
    expect(vocab.statusCode).toBe(200);
    expect(vocab.json().actionTypes.find((x: { code: string }) => x.code === 'escort')).toMatchObject({
      role: 'protection',
      sw: expect.any(String),
    });
  });

  it('accepts one after-action review per case, even when two arrive together', async () => {
    const c = await activeCase();
    await step(c.id, 'start_follow_up', duty);
    const review = { whatWorked: 'a', challenges: 'b', lessons: 'c' };
    const results = await Promise.all([
      api('POST', `/api/cases/${c.id}/after-action-review`, duty, review),
      api('POST', `/api/cases/${c.id}/after-action-review`, approver, review),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await t.database.query('select id from after_action_reviews where case_id = $1', [c.id]);
    expect(rows.rows).toHaveLength(1);
  });

  it('lists "my actions": those assigned to me on cases I may read, with the case reference', async () => {
    const c = await activeCase();
    const deadline = new Date(t.clock.now().getTime() + 3 * HOUR).toISOString();
    const created = await api('POST', `/api/cases/${c.id}/actions`, duty, {
      role: 'legal',
      type: 'bail_bond',
      ownerUserId: legal.userId,
      deadline,
    });
    expect(created.statusCode, created.body).toBe(201);
    const mine = await api('GET', '/api/me/actions', legal);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: created.json().id,
          caseId: c.id,
          caseReference: c.reference,
          deadline,
          status: 'open',
        }),
      ]),
    );
    const others = (await api('GET', '/api/me/actions', duty)).json().actions as { id: string }[];
    expect(others.map((a) => a.id)).not.toContain(created.json().id);
    expect((await api('GET', '/api/me/actions', analyst)).statusCode).toBe(403);
  });
});
