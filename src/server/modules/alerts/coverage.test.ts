import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, TestDatabase } from '../../../../test/helpers.js';
import { ManualClock } from '../../lib/clock.js';
import { bootManualClockApp, type Recording } from './alerts.test-kit.js';
import { COVERAGE_REASON } from './coverage.js';

describe('alerts: on-call coverage (banner and the administrators’ alert)', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let rec: Recording;
  let duty: SignedIn;
  let admin: SignedIn;
  let onCall: { id: string };
  const clock = new ManualClock(Date.now());

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, s: SignedIn, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const coverageAlerts = async () =>
    (
      await db.database.query<{ id: string; status: string; case_id: string | null }>(
        'select id, status, case_id from alerts where reason = $1 order by created_at',
        [COVERAGE_REASON],
      )
    ).rows;
  const coverage = async () =>
    (await api('GET', '/api/oncall/coverage', duty)).json() as {
      ok: boolean;
      rotations: { rotationId: string; rotationName: string; problem: string | null }[];
    };

  beforeAll(async () => {
    ({ db, app, rec, duty, admin, onCall } = await bootManualClockApp(clock));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('warns when nobody on call can be reached, and raises one alert to the administrators', async () => {
    // The on-call duty officer has no verified phone and no rules of their own: in-app only.
    const c = await coverage();
    expect(c.ok).toBe(false);
    expect(c.rotations.find((r) => r.rotationName === 'duty officers')?.problem).toBe('unreachable');
    expect(await app.ctx.services.coverage.check()).toBe('raised');
    expect(await app.ctx.services.coverage.check()).toBe('unchanged');
    const rows = await coverageAlerts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'triggered', case_id: null });
    await app.ctx.services.alerts.sweep();
    const paged = rec.to(admin.userId);
    expect(paged.length).toBeGreaterThan(0);
    expect(paged.at(-1)!.text.en).toContain('on-call coverage broken');
    expect(paged.at(-1)!.text.sw).toContain('zamu ina tatizo');
    expect(rec.to(duty.userId).filter((x) => x.text.en.includes('coverage'))).toHaveLength(0);
  });

  it('names an empty rotation, and resolves the alert once every rotation is covered', async () => {
    const created = await api('POST', '/api/rotations', admin, {
      name: 'night line',
      startsAt: clock.now().toISOString(),
      memberIds: [],
    });
    expect(created.statusCode).toBe(201);
    const night = created.json() as { id: string };
    expect((await coverage()).rotations.find((r) => r.rotationId === night.id)?.problem).toBe('empty');
    // Still one alert: the problem changed, the alert stays the same one.
    await app.ctx.services.coverage.check();
    expect(await coverageAlerts()).toHaveLength(1);

    // Fix both: the on-call officer chooses an SMS rule, and joins the night line.
    await app.ctx.services.notificationRules.replace(
      onCall.id,
      { rules: [{ channel: 'sms', delayMinutes: 0, contact: '0712 000 999' }] },
      { userId: onCall.id },
    );
    const fixed = await api('PUT', `/api/rotations/${night.id}`, admin, {
      name: 'night line',
      period: 'weekly',
      startsAt: clock.now().toISOString(),
      memberIds: [onCall.id],
      overrides: [],
    });
    expect(fixed.statusCode).toBe(200);
    expect((await coverage()).ok).toBe(true);
    await app.ctx.services.coverage.check();
    const rows = await coverageAlerts();
    expect(rows.map((r) => r.status)).toEqual(['resolved']);
    const audit = await db.database.query<{ action: string; actor_label: string }>(
      'select action, actor_label from audit_log where subject_id = $1 order by seq',
      [rows[0]!.id],
    );
    expect(audit.rows.map((r) => r.action)).toContain('alert.resolved');
    // Broken again later: a new alert (the old one stays resolved).
    await app.ctx.services.notificationRules.replace(
      onCall.id,
      { rules: [{ channel: 'inapp', delayMinutes: 0 }] },
      { userId: onCall.id },
    );
    expect(await app.ctx.services.coverage.check()).toBe('raised');
    expect((await coverageAlerts()).map((r) => r.status)).toEqual(['resolved', 'triggered']);
  });

  it('lets staff read the coverage but not without a session', async () => {
    expect((await app.inject({ url: '/api/oncall/coverage' })).statusCode).toBe(401);
  });
});
