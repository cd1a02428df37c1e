import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type Session, type TestApp } from '../../../../test/helpers.js';

/*
 * Issue #14: clocks that nothing could meet, and alerts that outlived what caused them. A fast-path P1
 * arms a retrospective review an approver can record; ending a case disarms it; a met clock resolves
 * the alerts its breach raised.
 */

const report = {
  channel: 'hotline',
  narrative: 'A man is being beaten at a police post in Kayole; he is in danger now.',
  county: 'Nairobi',
  inDangerNow: true,
  reporter: { anonymous: true, locale: 'en' },
};
const assessment = {
  severity: 3,
  immediacy: 3,
  feasibility: 2,
  justifications: { severity: 'threat to life', immediacy: 'now', feasibility: 'escort possible' },
};

describe('clocks that can be met, and alerts that end with them', () => {
  let t: TestApp;
  let duty: Session;
  let approver: Session;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  // The tests move the clock by hours: fresh sessions for each.
  beforeEach(async () => {
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
  });

  const intake = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: duty.headers,
      payload: report,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>();
  };
  const step = async (id: string, action: string, s: Session, payload: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/transitions/${action}`,
      headers: s.headers,
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** Intake to active by the duty officer alone: the P1 fast path. */
  const fastPathed = async () => {
    const c = await intake();
    await step(c.id, 'acknowledge', duty);
    await step(c.id, 'assess', duty, { assessment });
    await step(c.id, 'request_decision', duty);
    await step(c.id, 'approve', duty);
    return c;
  };
  const review = (id: string, s: Session) =>
    t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/retrospective-review`,
      headers: s.headers,
      payload: { note: 'the fast path was justified: a beating in progress' },
    });
  const clocksOf = async (id: string, kind: string) =>
    (await t.app.ctx.services.clocks.forCase(id)).filter((c) => c.kind === kind);
  const alertsOf = async (id: string) =>
    (
      await t.database.query<{ reason: string; status: string }>(
        'select reason, status from alerts where case_id = $1',
        [id],
      )
    ).rows;
  const breaches = async (id: string, clock: string) =>
    (
      await t.database.query<{ n: number }>(
        `select count(*)::int as n from case_events where case_id = $1 and type = 'clock.breached' and data->>'clock' = $2`,
        [id, clock],
      )
    ).rows[0]!.n;

  it('an approver records the retrospective review of a fast-pathed P1: the clock is met and never fires', async () => {
    const c = await fastPathed();
    expect(await clocksOf(c.id, 'retrospective_review')).toHaveLength(1);
    // The duty officer who took the fast path cannot review their own decision.
    const own = await review(c.id, duty);
    expect(own.statusCode).toBe(403);
    const ok = await review(c.id, approver);
    expect(ok.statusCode, ok.body).toBe(200);
    const [clock] = await clocksOf(c.id, 'retrospective_review');
    expect(clock!.metAt).not.toBeNull();
    const detail = (await t.app.inject({ url: `/api/cases/${c.id}`, headers: approver.headers })).json<{
      details: { decision: { retrospectiveReview?: { by: string; at: string } } };
      timeline: { type: string }[];
    }>();
    expect(detail.details.decision.retrospectiveReview?.by).toBe(approver.userId);
    expect(detail.timeline.map((e) => e.type)).toContain('decision.reviewed');
    // Reviewed once: a second review is refused and changes nothing.
    expect((await review(c.id, approver)).statusCode).toBe(409);
    t.clock.advance(25 * 3_600_000);
    await t.app.ctx.services.clocks.sweepDue();
    expect(await breaches(c.id, 'retrospective_review')).toBe(0);
  });

  it('closing a fast-pathed case disarms its retrospective review: no "deadline missed" on a closed case', async () => {
    const c = await fastPathed();
    await step(c.id, 'start_follow_up', duty);
    await step(c.id, 'close', duty, {
      reason: 'escorted to hospital',
      // A P1 without its review yet: closed with the review scheduled in a week.
      closure: {
        reason: 'resolved',
        outcome: 'treated',
        reviewDueAt: new Date(t.clock.now().getTime() + 7 * 24 * 3_600_000).toISOString(),
      },
    });
    const [clock] = await clocksOf(c.id, 'retrospective_review');
    expect(clock!.metAt).not.toBeNull();
    t.clock.advance(25 * 3_600_000);
    await t.app.ctx.services.clocks.sweepDue();
    expect(await breaches(c.id, 'retrospective_review')).toBe(0);
    expect((await alertsOf(c.id)).filter((a) => a.status !== 'resolved')).toEqual([]);
  });

  it('a case without a fast-path decision has no review to record', async () => {
    const c = await intake();
    expect((await review(c.id, approver)).statusCode).toBe(409);
  });

  it('acknowledging a case resolves its "response time exceeded" alert', async () => {
    const c = await intake();
    t.clock.advance(6 * 60_000);
    expect(await t.app.ctx.services.clocks.sweepDue()).toBeGreaterThanOrEqual(1);
    expect((await alertsOf(c.id)).find((a) => a.reason === 'clock_breached')?.status).toBe('triggered');
    await step(c.id, 'acknowledge', duty);
    expect((await alertsOf(c.id)).find((a) => a.reason === 'clock_breached')?.status).toBe('resolved');
  });

  it('a met clock leaves the alert open while another breached clock of the case is still unmet', async () => {
    const c = await intake();
    await step(c.id, 'acknowledge', duty);
    await step(c.id, 'assess', duty, { assessment });
    // Decision (30 min) and first action (2 h) both breach; approving meets only the decision.
    t.clock.advance(3 * 3_600_000);
    await t.app.ctx.services.clocks.sweepDue();
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    await step(c.id, 'request_decision', duty);
    await step(c.id, 'approve', approver);
    expect((await alertsOf(c.id)).find((a) => a.reason === 'clock_breached')?.status).not.toBe('resolved');
  });

  it('the case page carries its running clocks (acknowledge, decision, first action), not the met ones', async () => {
    const c = await intake();
    const clocksOfPage = async () =>
      (await t.app.inject({ url: `/api/cases/${c.id}`, headers: duty.headers })).json<{
        clocks: { kind: string; dueAt: string; breached: boolean }[];
      }>().clocks;
    expect((await clocksOfPage()).map((k) => k.kind)).toEqual(['acknowledge']);
    await step(c.id, 'acknowledge', duty);
    await step(c.id, 'assess', duty, { assessment });
    const running = await clocksOfPage();
    expect(running.map((k) => k.kind)).toEqual(['decision', 'first_action']);
    expect(running.every((k) => !k.breached && Date.parse(k.dueAt) > 0)).toBe(true);
  });
});
