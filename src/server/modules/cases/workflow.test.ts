import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitions, type CaseStatus } from '../../../shared/workflow.js';
import { roles, rolesAllow, type Role } from '../../../shared/permissions.js';
import { buildTestApp, loginAs, type Session, type TestApp } from '../../../../test/helpers.js';

const kware = {
  channel: 'hotline',
  narrative: 'A woman in Kware is threatened with a panga by her partner; she is in danger now.',
  county: 'Nairobi',
  subCounty: 'Embakasi South',
  ward: 'Kware',
  inDangerNow: true,
  violationTypes: ['femicide', 'physical_assault'],
  reporter: { anonymous: false, name: 'Neighbour Test', phone: '0712 345 678', locale: 'en' },
  victim: { name: 'Victim Test', sex: 'female', ageGroup: 'adult' },
};

const assessment = {
  severity: 3,
  immediacy: 3,
  feasibility: 2,
  justifications: { severity: 'threat to life', immediacy: 'happening now', feasibility: 'escort possible' },
};

describe('case workflow', () => {
  let t: TestApp;
  const as = new Map<Role, Session>();
  let duty2: Session;
  beforeAll(async () => {
    t = await buildTestApp();
    for (const r of roles) as.set(r, await loginAs(t.app, r));
    duty2 = await loginAs(t.app, 'duty_officer');
  });
  afterAll(() => t.close());

  const s = (r: Role) => as.get(r)!;
  async function intake(session = s('duty_officer'), body: Record<string, unknown> = kware) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: session.headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; reference: string };
  }
  async function step(id: string, action: string, session: Session, body: Record<string, unknown> = {}) {
    return t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/transitions/${action}`,
      headers: session.headers,
      payload: body,
    });
  }
  async function detail(id: string, session = s('duty_officer')) {
    return (await t.app.inject({ url: `/api/cases/${id}`, headers: session.headers })).json() as {
      status: CaseStatus;
      version: number;
      priority: string | null;
      timeline: { type: string; actorId: string | null; at: string; note: string | null }[];
      people: { id: string; role: string; name: string | null }[];
      narrative: string;
    };
  }

  it('walks a P1 case from intake to closure with every step on the timeline', async () => {
    const c = await intake();
    expect(c.reference).toMatch(/^UA-\d{4}-\d{5}$/);
    expect((await step(c.id, 'acknowledge', s('duty_officer'))).statusCode).toBe(200);
    const assessed = await step(c.id, 'assess', s('duty_officer'), { assessment });
    expect(assessed.json()).toMatchObject({ status: 'assessed', priority: 'P1' });
    expect((await step(c.id, 'request_decision', s('duty_officer'))).statusCode).toBe(200);
    expect((await step(c.id, 'approve', s('approver'))).json()).toMatchObject({ status: 'active' });
    expect((await step(c.id, 'start_follow_up', s('duty_officer'))).statusCode).toBe(200);
    // A P1 closes only with its after-action review recorded (or scheduled: learning.test.ts).
    const review = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/after-action-review`,
      headers: s('duty_officer').headers,
      payload: { whatWorked: 'Quick escort', challenges: 'Night transport', lessons: 'Keep a night driver' },
    });
    expect(review.statusCode, review.body).toBe(201);
    const closed = await step(c.id, 'close', s('duty_officer'), {
      reason: 'escorted to a safe house',
      closure: { reason: 'resolved', outcome: 'relocated' },
    });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const d = await detail(c.id);
    expect(d.timeline.map((e) => e.type)).toEqual([
      'intake',
      'escalation.requested',
      'transition.acknowledge',
      'transition.assess',
      'transition.request_decision',
      'transition.approve',
      'transition.start_follow_up',
      'after_action_review.recorded',
      'transition.close',
    ]);
    for (const e of d.timeline.filter((x) => x.type.startsWith('transition.'))) {
      expect(e.actorId).toBeTruthy();
      expect(e.at).toBeTruthy();
    }
    expect(d.timeline.at(-1)!.note).toContain('escorted to a safe house');
    expect(d.narrative).toContain('panga');
    expect(d.people.find((p) => p.role === 'victim')!.name).toBe('•••');
  });

  it('refuses every transition from a status it does not start from, changing nothing', async () => {
    const c = await intake();
    const everyCaseRole = await loginAs(t.app, ['duty_officer', 'approver', 'leadership', 'legal']);
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/members`,
      headers: s('duty_officer').headers,
      payload: { userId: everyCaseRole.userId },
    });
    // Joining the team is on the timeline; the refused transitions after it add nothing.
    const before = await detail(c.id);
    for (const rule of transitions) {
      if ((rule.from as readonly string[]).includes('received')) continue;
      const res = await step(c.id, rule.action, everyCaseRole, {
        reason: 'x',
        closure: { reason: 'x', outcome: 'x' },
        assessment,
      });
      expect(res.statusCode, rule.action).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'TRANSITION_NOT_ALLOWED' } });
    }
    const after = await detail(c.id);
    expect(after.status).toBe('received');
    expect(after.version).toBe(before.version);
    expect(after.timeline.length).toBe(before.timeline.length);
  });

  it('refuses each transition to a role without its permission, changing nothing', async () => {
    const c = await intake();
    for (const rule of transitions) {
      for (const role of roles) {
        if (rolesAllow([role], rule.permission)) continue;
        const res = await step(c.id, rule.action, s(role), { reason: 'x' });
        // Roles that cannot read cases at all learn nothing (403 at the route or 404 from need-to-know).
        expect([403, 404], `${rule.action} as ${role}`).toContain(res.statusCode);
      }
    }
    expect((await detail(c.id)).status).toBe('received');
  });

  it('needs a reason where the step requires one, in the caller’s language', async () => {
    const c = await intake();
    await step(c.id, 'acknowledge', s('duty_officer'));
    const swahili = await loginAs(t.app, 'duty_officer');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/me/preferences',
      headers: swahili.headers,
      payload: { locale: 'sw' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/members`,
      headers: s('duty_officer').headers,
      payload: { userId: swahili.userId },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/transitions/mark_not_urgent`,
      headers: swahili.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'REASON_REQUIRED', message: 'Tafadhali toa sababu ya hatua hii.' },
    });
  });

  it('enforces segregation of duties for P2–P4 and allows the P1 duty-officer fast path with review due', async () => {
    const p2 = await intake();
    await step(p2.id, 'acknowledge', s('approver'));
    await step(p2.id, 'assess', s('approver'), { assessment: { ...assessment, severity: 2, immediacy: 3 } });
    await step(p2.id, 'request_decision', s('approver'));
    const self = await step(p2.id, 'approve', s('approver'));
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ error: { code: 'SEGREGATION_OF_DUTIES' } });
    const duty = await step(p2.id, 'approve', s('duty_officer'));
    expect(duty.json()).toMatchObject({ error: { code: 'SEGREGATION_OF_DUTIES' } });
    expect((await step(p2.id, 'approve', s('leadership'))).statusCode).toBe(200);

    const p1 = await intake();
    await step(p1.id, 'acknowledge', s('duty_officer'));
    await step(p1.id, 'assess', s('duty_officer'), { assessment });
    await step(p1.id, 'request_decision', s('duty_officer'));
    const fast = await step(p1.id, 'approve', duty2);
    expect(fast.statusCode).toBe(200);
    const d = (await detail(p1.id)) as unknown as {
      details: { decision: { fastPath: boolean; retrospectiveReviewDue: string } };
    };
    expect(d.details.decision.fastPath).toBe(true);
    expect(d.details.decision.retrospectiveReviewDue).toBeTruthy();
  });

  it('puts a new report of someone in danger now at the top of the queue, with its clock', async () => {
    await intake(s('duty_officer'), { ...kware, inDangerNow: false });
    const urgent = await intake();
    const queue = (
      await t.app.inject({ url: '/api/cases?limit=50', headers: s('duty_officer').headers })
    ).json() as {
      cases: { id: string; nextDueAt: string | null; clockBreached: boolean }[];
    };
    expect(queue.cases[0]!.id).toBe(urgent.id);
    expect(queue.cases[0]!.nextDueAt).toBeTruthy();
    expect(queue.cases[0]!.clockBreached).toBe(false);
  });

  it('suggests likely duplicates to the screener: same phone, same ward and day, similar text', async () => {
    const first = await intake();
    const second = await intake(s('duty_officer'), {
      ...kware,
      channel: 'web',
      narrative: 'Woman in Kware threatened with a panga by her partner, danger now',
    });
    const res = await t.app.inject({
      url: `/api/cases/${second.id}/duplicates`,
      headers: s('duty_officer').headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const found = (res.json() as { duplicates: { id: string; reasons: string[] }[] }).duplicates.find(
      (d) => d.id === first.id,
    );
    expect(found?.reasons).toEqual(
      expect.arrayContaining(['same_phone', 'same_ward_same_day', 'similar_text']),
    );
  });

  it('hands out 200 distinct sequential references under concurrent intake', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.app.ctx.services.intake.receive(
          {
            channel: 'web',
            narrative: `concurrent report ${i}`,
            reporter: { anonymous: true, locale: 'en' },
          },
          { userId: null, label: 'public-form' },
        ),
      ),
    );
    const refs = new Set(results.map((r) => r.reference));
    expect(refs.size).toBe(200);
    const numbers = results.map((r) => Number(r.reference.slice(-5))).sort((a, b) => a - b);
    expect(numbers.at(-1)! - numbers[0]!).toBe(199);
  });

  it('keeps restricted cases invisible outside the team (404) and sensitive ones redacted in the queue', async () => {
    const restricted = await intake(s('duty_officer'), { ...kware, sensitivity: 'restricted' });
    const sensitive = await intake(s('duty_officer'), { ...kware, sensitivity: 'sensitive' });
    // The creator is on the team.
    expect(
      (await t.app.inject({ url: `/api/cases/${restricted.id}`, headers: s('duty_officer').headers }))
        .statusCode,
    ).toBe(200);
    // A non-member with the same role sees nothing.
    const r404 = await t.app.inject({ url: `/api/cases/${restricted.id}`, headers: duty2.headers });
    expect(r404.statusCode).toBe(404);
    const s404 = await t.app.inject({ url: `/api/cases/${sensitive.id}`, headers: duty2.headers });
    expect(s404.statusCode).toBe(404);
    const reveal = await t.app.inject({
      url: `/api/cases/${restricted.id}/people/00000000-0000-4000-8000-000000000000`,
      headers: duty2.headers,
    });
    expect(reveal.statusCode).toBe(404);
    const move = await step(restricted.id, 'acknowledge', duty2);
    expect(move.statusCode).toBe(404);
    const queue = (await t.app.inject({ url: '/api/cases?limit=500', headers: duty2.headers })).json() as {
      cases: { id: string; redacted: boolean; ward: string | null }[];
    };
    expect(queue.cases.find((c) => c.id === restricted.id)).toBeUndefined();
    const line = queue.cases.find((c) => c.id === sensitive.id)!;
    expect(line.redacted).toBe(true);
    expect(line.ward).toBeNull();
    // A responder sees only cases they are on; adding them to the team opens the case.
    const responder = s('responder');
    expect(
      (await t.app.inject({ url: `/api/cases/${sensitive.id}`, headers: responder.headers })).statusCode,
    ).toBe(404);
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${sensitive.id}/members`,
      headers: s('duty_officer').headers,
      payload: { userId: responder.userId },
    });
    expect(
      (await t.app.inject({ url: `/api/cases/${sensitive.id}`, headers: responder.headers })).statusCode,
    ).toBe(200);
  });

  it('reveals a person only on request and audits the reveal', async () => {
    const c = await intake();
    const d = await detail(c.id);
    const victim = d.people.find((p) => p.role === 'victim')!;
    const res = await t.app.inject({
      url: `/api/cases/${c.id}/people/${victim.id}`,
      headers: s('duty_officer').headers,
    });
    expect(res.json()).toMatchObject({ name: 'Victim Test' });
    const audit = await t.database.query<{ action: string }>(
      "select action from audit_log where subject_id = $1 and action = 'person.revealed'",
      [victim.id],
    );
    expect(audit.rows).toHaveLength(1);
  });
});
