import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SignedIn, TestDatabase } from '../../../../test/helpers.js';
import { ManualClock } from '../../lib/clock.js';
import type { AlertView, PolicyInput } from '../../../shared/contracts/alerts.js';
import {
  alertsOfCase,
  bootManualClockApp,
  intake,
  METRICS_TOKEN,
  notificationRows,
  raise,
  resolveOpenAlerts,
  type Recording,
} from './alerts.test-kit.js';
import { DUTY_POLICY, DUTY_ROTATION } from './defaults.js';

describe('alerts: escalation, acknowledge, snooze, grouping (manual clock)', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let rec: Recording;
  const clock = new ManualClock(Date.now());
  let duty: SignedIn;
  let admin: SignedIn;
  let analyst: SignedIn;
  let onCall: { id: string };
  let approvers: string[];
  let leaders: string[];
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, s: SignedIn, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const view = async (id: string, s: SignedIn = duty) =>
    (await api('GET', `/api/alerts/${id}`, s)).json() as AlertView;
  const sweep = () => app.ctx.services.alerts.sweep();
  const advance = (minutes: number) => clock.advance(minutes * 60_000);

  beforeAll(async () => {
    ({ db, app, rec, duty, admin, analyst, onCall, approvers, leaders } = await bootManualClockApp(clock));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });
  beforeEach(async () => {
    await resolveOpenAlerts(db, app, duty);
  });

  it('seeds the default rotation and policies on first start', async () => {
    const res = await api('GET', '/api/escalation-policies', admin);
    expect(res.statusCode).toBe(200);
    const policies = (res.json() as { policies: { name: string; steps: unknown[]; repeat: number }[] })
      .policies;
    expect(policies.map((p) => p.name).sort()).toEqual(['duty', 'leadership']);
    expect(policies.find((p) => p.name === 'duty')).toMatchObject({ repeat: 2 });
    const duty3 = policies.find((p) => p.name === 'duty')!.steps as { target: { kind: string } }[];
    expect(duty3.map((s) => s.target.kind)).toEqual(['rotation', 'role', 'role']);
    const oncall = (await api('GET', '/api/oncall', analyst)).json() as {
      oncall: { rotationName: string; onCall: { id: string } | null }[];
    };
    expect(oncall.oncall).toEqual([
      expect.objectContaining({
        rotationName: DUTY_ROTATION,
        onCall: expect.objectContaining({ id: onCall.id }),
      }),
    ]);
  });

  it('raises an alert at intake and escalates step by step until someone acknowledges', async () => {
    const c = await intake(app);
    const [row] = await alertsOfCase(app, c.id);
    expect(row).toMatchObject({ status: 'triggered', trigger_count: 1 });
    const list = (await api('GET', '/api/alerts', duty)).json() as { alerts: AlertView[] };
    expect(list.alerts.find((a) => a.id === row!.id)).toMatchObject({
      caseReference: c.reference,
      reason: 'new_urgent_report',
      priority: 'P1',
      county: 'Nairobi',
      status: 'triggered',
      policy: { name: 'duty', steps: 3, repeat: 2 },
      notified: [],
    });
    // Analysts watch alerts but read no cases: no county for them.
    expect((await view(row!.id, analyst)).county).toBeNull();

    // Step 1: whoever is on call for the duty rotation.
    expect(await sweep()).toBe(1);
    expect(rec.calls).toHaveLength(1);
    const page = rec.calls[0]!;
    expect(page).toMatchObject({
      userId: onCall.id,
      idempotencyKey: `alert:${row!.id}:0:0:${onCall.id}`,
      caseId: c.id,
      alertId: row!.id,
    });
    expect(page.text.en).toContain(c.reference);
    expect(page.text.en).toContain('P1');
    expect(page.text.en).toContain('Nairobi');
    expect(page.text.sw).toContain('Tahadhari');
    expect(JSON.stringify(page.text)).not.toContain('CANARY');
    let v = await view(row!.id);
    expect(v.notified).toEqual([
      expect.objectContaining({ userId: onCall.id, step: 0, round: 0, delivered: true }),
    ]);
    expect(v.step).toBe(1);
    expect(new Date(v.nextDueAt!).getTime() - clock.now().getTime()).toBe(5 * 60_000);

    // Nothing more until the step's wait has passed; a stale job with the old fence does nothing.
    expect(await sweep()).toBe(0);
    expect(await app.ctx.services.alerts.fire(row!.id, row!.fence)).toBe(false);
    advance(4);
    expect(await sweep()).toBe(0);
    expect(rec.calls).toHaveLength(1);

    // Step 2 after five minutes: the approvers.
    advance(1);
    expect(await sweep()).toBe(1);
    expect(
      rec.calls
        .slice(1)
        .map((x) => x.userId)
        .sort(),
    ).toEqual(approvers);
    v = await view(row!.id);
    expect(
      v.notified
        .filter((n) => n.step === 1)
        .map((n) => n.userId)
        .sort(),
    ).toEqual(approvers);

    // Someone acknowledges: escalation stops for good.
    const ack = await api('POST', `/api/alerts/${row!.id}/acknowledge`, duty);
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: { id: duty.userId },
      nextDueAt: null,
    });
    const before = rec.calls.length;
    advance(60);
    expect(await sweep()).toBe(0);
    expect(rec.calls).toHaveLength(before);
    // A second acknowledgement is harmless.
    expect((await api('POST', `/api/alerts/${row!.id}/acknowledge`, duty)).statusCode).toBe(200);

    const resolved = await api('POST', `/api/alerts/${row!.id}/resolve`, duty);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedBy: { id: duty.userId } });
    const open = (await api('GET', '/api/alerts', duty)).json() as { alerts: AlertView[] };
    expect(open.alerts.some((a) => a.id === row!.id)).toBe(false);
    const all = (await api('GET', '/api/alerts?status=all', duty)).json() as { alerts: AlertView[] };
    expect(all.alerts.some((a) => a.id === row!.id)).toBe(true);
    expect((await api('POST', `/api/alerts/${row!.id}/snooze`, duty, { minutes: 5 })).json()).toMatchObject({
      error: { code: 'ALERT_CLOSED' },
    });

    const events = (
      await db.database.query<{ type: string; actor_id: string | null }>(
        'select type, actor_id from case_events where case_id = $1 order by id',
        [c.id],
      )
    ).rows;
    expect(events.map((e) => e.type)).toEqual([
      'intake',
      'escalation.requested',
      'alert.notified',
      'alert.notified',
      'alert.acknowledged',
      'alert.resolved',
    ]);
    const audit = await db.database.query<{ action: string }>(
      'select action from audit_log where subject_id = $1 order by seq',
      [row!.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['alert.raised', 'alert.acknowledged', 'alert.resolved']);
  });

  it('runs through every step and round of the policy, then stops', async () => {
    const c = await intake(app);
    const [row] = await alertsOfCase(app, c.id);
    const before = rec.calls.length;
    await sweep();
    for (let i = 0; i < 10; i += 1) {
      advance(10);
      await sweep();
    }
    const rows = await notificationRows(app, row!.id);
    // 3 steps × (1 + repeat 2) rounds; every page once.
    const perRound = 1 + approvers.length + leaders.length;
    expect(rows).toHaveLength(3 * perRound);
    expect(new Set(rows.map((r) => `${r.step}:${r.round}`)).size).toBe(9);
    expect(rec.calls.length - before).toBe(3 * perRound);
    const v = await view(row!.id);
    expect(v).toMatchObject({ status: 'triggered', exhausted: true, nextDueAt: null });
    expect(rec.calls.at(-1)!.text.en).toContain('reminder');
  });

  it('groups repeated triggers for the same case and reason into one alert', async () => {
    const c = await intake(app);
    await raise(app, c.id, 'flag_raised');
    await raise(app, c.id, 'flag_raised');
    let rows = (await alertsOfCase(app, c.id)).filter((r) => r.status !== 'resolved');
    expect(rows).toHaveLength(2); // the intake alert and one flag alert
    const flag = rows.find((r) => r.trigger_count === 2);
    expect(flag).toBeTruthy();
    expect((await view(flag!.id)).triggerCount).toBe(2);
    // Once it is resolved, a new trigger starts a new alert.
    await api('POST', `/api/alerts/${flag!.id}/resolve`, duty);
    await raise(app, c.id, 'flag_raised');
    rows = await alertsOfCase(app, c.id);
    expect(rows).toHaveLength(3);
    const timeline = await db.database.query(
      "select 1 from case_events where case_id = $1 and type = 'escalation.requested'",
      [c.id],
    );
    expect(timeline.rows).toHaveLength(4);
  });

  it('fires a batch of due steps together: each alert pages once, a stale job pages nobody', async () => {
    const cases = [await intake(app), await intake(app), await intake(app)];
    const rows = (await Promise.all(cases.map((c) => alertsOfCase(app, c.id)))).map((r) => r[0]!);
    const before = rec.calls.length;
    const jobs = rows.map((r) => ({ alertId: r.id, fence: r.fence }));
    await app.ctx.services.alerts.runSteps([...jobs, { alertId: rows[0]!.id, fence: rows[0]!.fence - 1 }]);
    const pages = rec.calls.slice(before);
    expect(pages.map((p) => p.alertId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(pages.every((p) => p.userId === onCall.id)).toBe(true);
    for (const r of rows) {
      const v = await view(r.id);
      expect(v.step).toBe(1);
      expect(v.notified).toEqual([expect.objectContaining({ userId: onCall.id, delivered: true })]);
    }
    // The same jobs again (a retry after a crash): the fences moved on, nobody is paged twice.
    await app.ctx.services.alerts.runSteps(jobs);
    expect(rec.calls.length).toBe(before + rows.length);
    const timeline = await db.database.query<{ n: number }>(
      `select count(*)::int as n from case_events where type = 'alert.notified' and case_id = any($1)`,
      [cases.map((c) => c.id)],
    );
    expect(timeline.rows[0]!.n).toBe(3);
  });

  it('pages leadership and approvers at once for an SOS (zero-wait step)', async () => {
    const c = await intake(app, { inDangerNow: false });
    await raise(app, c.id, 'sos');
    const sos = await view((await alertsOfCase(app, c.id)).find((r) => r.reason === 'sos')!.id);
    expect(sos).toMatchObject({ reason: 'sos', priority: 'P1', policy: { name: 'leadership' } });
    const before = rec.calls.length;
    await sweep();
    const paged = rec.calls.slice(before).filter((x) => x.alertId === sos.id);
    expect(paged.map((x) => x.userId).sort()).toEqual([...leaders, ...approvers].sort());
    expect((await view(sos.id)).step).toBe(0); // back to the start, round 2, in ten minutes
  });

  it('snooze pauses escalation and, when it ends, pages the next step', async () => {
    const c = await intake(app);
    const [row] = await alertsOfCase(app, c.id);
    await sweep();
    expect(rec.to(onCall.id).filter((x) => x.alertId === row!.id)).toHaveLength(1);
    const snoozed = await api('POST', `/api/alerts/${row!.id}/snooze`, duty, { minutes: 15 });
    expect(snoozed.json()).toMatchObject({ status: 'snoozed', nextDueAt: null });
    const before = rec.calls.length;
    advance(10);
    expect(await sweep()).toBe(0);
    expect(rec.calls).toHaveLength(before);
    advance(5);
    expect(await sweep()).toBe(1);
    const v = await view(row!.id);
    expect(v.status).toBe('triggered');
    expect(
      rec.calls
        .slice(before)
        .filter((x) => x.alertId === row!.id)
        .map((x) => x.userId)
        .sort(),
    ).toEqual(approvers);
    const types = (
      await db.database.query<{ type: string }>(
        'select type from case_events where case_id = $1 order by id',
        [c.id],
      )
    ).rows.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['alert.snoozed', 'alert.resumed']));
    expect((await api('POST', `/api/alerts/${row!.id}/snooze`, duty, { minutes: 0 })).statusCode).toBe(400);
  });

  it('keeps the policy an alert started with when the policy is edited', async () => {
    const c = await intake(app);
    const [row] = await alertsOfCase(app, c.id);
    const policies = (await api('GET', '/api/escalation-policies', admin)).json() as {
      policies: { id: string; name: string; steps: PolicyInput['steps']; repeat: number }[];
    };
    const dutyPolicy = policies.policies.find((p) => p.name === DUTY_POLICY)!;
    const edited = await api('PUT', `/api/escalation-policies/${dutyPolicy.id}`, admin, {
      name: DUTY_POLICY,
      steps: [{ target: { kind: 'users', userIds: [duty.userId] }, waitMinutes: 1 }],
      repeat: 0,
    });
    expect(edited.statusCode).toBe(200);
    try {
      await sweep();
      advance(5);
      await sweep();
      const rows = await notificationRows(app, row!.id);
      expect(
        rows
          .filter((r) => r.step === 1)
          .map((r) => r.user_id)
          .sort(),
      ).toEqual(approvers);
      expect(rows.some((r) => r.user_id === duty.userId)).toBe(false);
      // A new alert takes the new version.
      const c2 = await intake(app);
      const [row2] = await alertsOfCase(app, c2.id);
      await sweep();
      expect((await notificationRows(app, row2!.id)).map((r) => r.user_id)).toEqual([duty.userId]);
    } finally {
      await api('PUT', `/api/escalation-policies/${dutyPolicy.id}`, admin, {
        name: DUTY_POLICY,
        steps: dutyPolicy.steps,
        repeat: dutyPolicy.repeat,
      });
    }
  });

  it('retries a page the notifier refused, with the same idempotency key', async () => {
    const c = await intake(app);
    const [row] = await alertsOfCase(app, c.id);
    rec.failNext(1);
    await sweep();
    expect(rec.calls.filter((x) => x.alertId === row!.id)).toHaveLength(0);
    expect((await view(row!.id)).notified).toEqual([
      expect.objectContaining({ userId: onCall.id, delivered: false }),
    ]);
    advance(3);
    await sweep(); // step 2 is due too: the approvers are paged, and the on-call page is retried
    const mine = rec.calls.filter((x) => x.alertId === row!.id && x.userId === onCall.id);
    expect(mine.map((x) => x.idempotencyKey)).toEqual([`alert:${row!.id}:0:0:${onCall.id}`]);
    expect((await view(row!.id)).notified.every((n) => n.delivered)).toBe(true);
  });

  it('stops the intake alert when the case is acknowledged and resolves all alerts when it closes', async () => {
    const c = await intake(app);
    await raise(app, c.id, 'flag_raised');
    const progressed = (status: string) =>
      db.database.db.transaction((tx) =>
        app.ctx.services.alerts.caseProgressed(c.id, status, duty.userId, tx),
      );
    await progressed('screening');
    let rows = await alertsOfCase(app, c.id);
    expect(rows.find((r) => r.reason === 'new_urgent_report')!.status).toBe('acknowledged');
    expect(rows.find((r) => r.reason === 'flag_raised')!.status).toBe('triggered');
    await progressed('closed');
    rows = await alertsOfCase(app, c.id);
    expect(rows.map((r) => r.status)).toEqual(['resolved', 'resolved']);
    const before = rec.calls.length;
    advance(30);
    await sweep();
    expect(rec.calls).toHaveLength(before);
  });

  it('leaves out the reference and county of a restricted case for people outside its team', async () => {
    const c = await intake(app, { sensitivity: 'restricted' });
    const [row] = await alertsOfCase(app, c.id);
    // Not on the team and not paged for it: the alert, but nothing that points at the case.
    const v = await view(row!.id);
    expect(v.caseReference).toBeNull();
    expect(v.caseId).toBeNull();
    expect(v.county).toBeNull();
    const listed = (await api('GET', '/api/alerts?status=all&limit=500', duty)).json() as {
      alerts: { id: string; caseReference: string | null; caseId: string | null }[];
    };
    expect(listed.alerts.find((a) => a.id === row!.id)).toMatchObject({ caseReference: null, caseId: null });
    await sweep();
    const page = rec.calls.find((x) => x.alertId === row!.id)!;
    expect(page.text.en).not.toContain('Nairobi');
  });

  it('serves Prometheus metrics to the bearer token only', async () => {
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode,
    ).toBe(401);
    const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1] ?? NaN);
    expect(value('dharura_notifications_triggered_total\\{reason="new_urgent_report"\\}')).toBeGreaterThan(5);
    expect(value('dharura_notifications_failed_total\\{reason="new_urgent_report"\\}')).toBe(1);
    expect(value('dharura_notifications_delivered_total\\{reason="new_urgent_report"\\}')).toBe(
      value('dharura_notifications_triggered_total\\{reason="new_urgent_report"\\}') - 1,
    );
    expect(
      value('dharura_alert_first_notification_seconds_count\\{reason="new_urgent_report"\\}'),
    ).toBeGreaterThan(3);
    expect(body).toMatch(/^dharura_alerts_open\{status="triggered"\} \d+$/m);
    expect(body).toMatch(/^dharura_queue_lag_seconds \d/m);
    expect(body).toContain('process_resident_memory_bytes');
    expect(body).not.toContain('CANARY');
  });
});
