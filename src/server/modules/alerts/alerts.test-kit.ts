import type { FastifyInstance } from 'fastify';
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
import { systemClock, type Clock, type ManualClock } from '../../lib/clock.js';
import type { EscalationReason } from '../cases/escalation.js';
import type { PolicyInput } from '../../../shared/contracts/alerts.js';
import { DUTY_ROTATION } from './defaults.js';

/* What the alert test files share: a recording notifier, the app, intake and a few reads. */

/** A notifier that remembers every call (and can be told to fail the next few). */
export function recordingNotifier() {
  const calls: NotifyUserInput[] = [];
  let failures = 0;
  const notifier: Notifier = {
    async notifyUser(input) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('gateway down');
      }
      calls.push(input);
      return { messageIds: [] };
    },
  };
  return {
    notifier,
    calls,
    failNext(n: number) {
      failures = n;
    },
    to: (userId: string) => calls.filter((c) => c.userId === userId),
  };
}
export type Recording = ReturnType<typeof recordingNotifier>;

export const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

export async function makeApp(opts: {
  db: TestDatabase;
  notifier: Recording;
  clock?: Clock;
  startJobs?: boolean;
  config?: Record<string, string>;
}): Promise<FastifyInstance> {
  const app = await buildApp({
    config: testConfig({ ...(opts.db.url ? { DATABASE_URL: opts.db.url } : {}), ...opts.config }),
    database: opts.db.database,
    clock: opts.clock ?? systemClock,
    startJobs: opts.startJobs ?? false,
    notifier: opts.notifier.notifier,
  });
  await app.ready();
  return app;
}

export const intake = (
  app: FastifyInstance,
  over: { inDangerNow?: boolean; sensitivity?: 'restricted' } = {},
) =>
  app.ctx.services.intake.receive(
    {
      channel: 'web',
      narrative: 'CANARY-narrative: threatened with a panga near the market',
      county: 'Nairobi',
      inDangerNow: over.inDangerNow ?? true,
      ...(over.sensitivity ? { sensitivity: over.sensitivity } : {}),
      reporter: { anonymous: true, locale: 'en' },
    },
    { userId: null, label: 'test' },
  );

export const raise = (app: FastifyInstance, caseId: string, reason: EscalationReason) =>
  app.ctx.database.db.transaction((tx) => app.ctx.services.alerts.request({ caseId, reason }, tx));

export const alertsOfCase = async (app: FastifyInstance, caseId: string) =>
  (
    await app.ctx.database.query<{
      id: string;
      reason: string;
      fence: number;
      status: string;
      trigger_count: number;
    }>(
      'select id, reason, fence, status, trigger_count from alerts where case_id = $1 order by created_at, id',
      [caseId],
    )
  ).rows;

export const notificationRows = async (app: FastifyInstance, alertId: string) =>
  (
    await app.ctx.database.query<{ user_id: string; step: number; round: number }>(
      'select user_id, step, round from alert_notifications where alert_id = $1 order by at, step',
      [alertId],
    )
  ).rows;

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function setPolicy(app: FastifyInstance, input: PolicyInput, actorId: string): Promise<void> {
  const policies = await app.ctx.services.oncall.listPolicies();
  const p = policies.find((x) => x.name === input.name)!;
  await app.ctx.services.oncall.updatePolicy(p.id, input, actorId);
}

/**
 * The app of the manual-clock tests, with the duty line, an administrator and an analyst signed in, an
 * on-call duty officer in the duty rotation, and an approver and a leader beside the seeded ones.
 */
export async function bootManualClockApp(clock: ManualClock, config: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const rec = recordingNotifier();
  // The manual clock moves hours through escalations; sessions must outlive it.
  const app = await makeApp({
    db,
    notifier: rec,
    clock,
    config: { METRICS_TOKEN, SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '168', ...config },
  });
  const duty = await loginAs(app, 'duty_officer');
  const admin = await loginAs(app, 'admin');
  clock.advance(31_000);
  const analyst = await loginAs(app, 'analyst');
  const onCall = (await createUser(app, ['duty_officer'])).user;
  await app.ctx.services.oncall.addMember(DUTY_ROTATION, onCall.id);
  await createUser(app, ['approver']);
  await createUser(app, ['leadership']);
  const withRole = async (role: string) =>
    (
      await db.database.query<{ id: string }>(
        'select id from users where $1 = any(roles) and not disabled order by id',
        [role],
      )
    ).rows.map((r) => r.id);
  const approvers = await withRole('approver');
  const leaders = await withRole('leadership');
  return { db, app, rec, duty, admin, analyst, onCall, approvers, leaders };
}

/** Resolve every open alert: each test watches its own alerts, so earlier steps do not interleave. */
export async function resolveOpenAlerts(
  db: TestDatabase,
  app: FastifyInstance,
  duty: SignedIn,
): Promise<void> {
  const open = await db.database.query<{ id: string }>("select id from alerts where status <> 'resolved'");
  for (const a of open.rows)
    await app.ctx.services.alerts.resolve(a.id, { id: duty.userId, roles: ['duty_officer'] });
}
