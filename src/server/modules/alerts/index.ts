import type { Logger } from 'pino';
import type { Notifier } from '../../channels/notifier.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { JOB_ALERT_RESUME, JOB_ALERT_STEP } from '../../jobs/catalogue.js';
import { sendAll, type JobQueue, type SendOptions } from '../../jobs/queue.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import { createLocalAlertBus, createPgAlertBus } from './alerts.bus.js';
import { createAlertMetrics } from './alerts.metrics.js';
import { createAlertsRepo } from './alerts.repo.js';
import { alertsSmsHooks, type SmsAckDeps } from './alerts.sms.js';
import { createAlertEscalations, createAlertsService, type AlertScheduler } from './alerts.service.js';
import type { AlertsDeps } from './alerts.types.js';
import { createCoverage } from './coverage.js';
import { createOncallRepo } from './oncall.repo.js';
import { createOncallService } from './oncall.service.js';

export { createAlertEscalations } from './alerts.service.js';
export type { AlertsService } from './alerts.service.js';
export type { OncallService } from './oncall.service.js';
export { alertsRoutes, type AlertsRoutesOptions } from './alerts.routes.js';

export interface AlertingDeps {
  config: Config;
  database: Database;
  clock: Clock;
  audit: Audit;
  cases: Pick<CasesRepo, 'addEvent' | 'addEvents' | 'addEventsTo'>;
  notifier: Notifier;
  log: Logger;
  /** The job queue, once built (it is built from the services, so it comes later). */
  queue: () => JobQueue | undefined;
  /** The organisation's reason → policy routing (the rules module). */
  routing?: AlertsDeps['routing'];
  /** Whether a user can be reached away from the console (the messages module's notification rules). */
  reachable?: (userId: string) => Promise<boolean>;
}

/**
 * Everything alerting needs, built once per app: the escalation engine (what `Escalations` calls), policies
 * and rotations, the live-event bus, metrics, and the session check the live stream uses.
 */
export function createAlerting(deps: AlertingDeps) {
  const { config, database, clock, audit, log } = deps;
  const db = database.db;
  const repo = createAlertsRepo(db);
  const oncallRepo = createOncallRepo(db);
  const oncall = createOncallService({ db, repo: oncallRepo, audit, clock });
  const bus =
    database.kind === 'postgres' && config.DATABASE_URL
      ? createPgAlertBus({ databaseUrl: config.DATABASE_URL, log })
      : createLocalAlertBus();
  const metrics = createAlertMetrics({ database, log });

  // Not awaited: a step is scheduled inside the caller's transaction, and on the single-connection
  // embedded database the send would wait for the transaction that waits for it. The alert row is the
  // durable truth; if a send is lost, the minute sweep and the start-up reconcile fire the step anyway.
  const send = (name: string, data: unknown, opts: SendOptions, alertId: string) => {
    void deps
      .queue()
      ?.send(name, data, opts)
      .catch((err: Error) => log.warn({ err: { message: err.message }, alertId }, 'alert job not queued'));
  };
  /** P1 → 4 … P4 → 1: pg-boss fetches higher numbers first. */
  const jobPriority = (p: string | undefined) => (p && /^P[1-4]$/.test(p) ? 5 - Number(p[1]) : 0);
  const scheduler: AlertScheduler = {
    async steps(list) {
      await sendAll(
        deps.queue(),
        JOB_ALERT_STEP,
        list.map(({ alertId, fence, step, round, dueAt, priority }) => ({
          data: { alertId, fence, step, round },
          opts: { startAfter: dueAt, singletonKey: `${alertId}:${fence}`, priority: jobPriority(priority) },
        })),
      ).catch((err: Error) =>
        log.warn({ err: { message: err.message }, alerts: list.length }, 'alert jobs not queued'),
      );
    },
    step(alertId, fence, step, round, dueAt, priority) {
      send(
        JOB_ALERT_STEP,
        { alertId, fence, step, round },
        { startAfter: dueAt, singletonKey: `${alertId}:${fence}`, priority: jobPriority(priority) },
        alertId,
      );
    },
    resume(alertId, fence, at) {
      send(
        JOB_ALERT_RESUME,
        { alertId, fence },
        { startAfter: at, singletonKey: `${alertId}:${fence}` },
        alertId,
      );
    },
  };

  const alerts = createAlertsService({
    db,
    repo,
    oncall,
    cases: deps.cases,
    audit,
    clock,
    notifier: deps.notifier,
    bus,
    metrics,
    scheduler,
    log,
    ...(deps.routing ? { routing: deps.routing } : {}),
  });
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const coverage = createCoverage({
    db,
    repo,
    rotations: oncallRepo,
    cases: deps.cases,
    audit,
    clock,
    bus,
    scheduler,
    reachable: deps.reachable ?? (async () => false),
  });

  return {
    alerts,
    oncall,
    /** On-call coverage: the console's banner, and the administrators' alert while it is broken. */
    coverage,
    bus,
    metrics,
    escalations: createAlertEscalations(alerts, db),
    /** `ACK <n>` / `POKEA <n>` by SMS (a channel hook); the users module says whose verified phone it is. */
    smsHooks: (users: Pick<SmsAckDeps, 'trustedUserFor' | 'findUser'>) =>
      alertsSmsHooks({ repo, acknowledge: alerts.acknowledge, ...users }),
    /** A push notification's Acknowledge button: as this user, audited `via: 'push'`; the alert's number. */
    async acknowledgeByPush(alertId: string, actor: { id: string; roles: readonly string[] }) {
      await alerts.acknowledge(alertId, actor, 'push');
      return { number: (await repo.findById(alertId))?.number ?? null };
    },
    /** Read-only (never extends the session): still there, not expired, not idle too long. */
    async sessionAlive(sessionId: string): Promise<boolean> {
      const s = await repo.sessionTimes(sessionId);
      const now = clock.now().getTime();
      return Boolean(s && s.expiresAt.getTime() > now && now - s.lastSeenAt.getTime() <= idleMs);
    },
    /** At start-up: the default rotation and policies when none exist yet. */
    async ensureDefaults(): Promise<void> {
      try {
        await oncall.ensureDefaults();
      } catch (err) {
        log.warn({ err: { message: (err as Error).message } }, 'default escalation policies not created');
      }
    },
    async close(): Promise<void> {
      await bus.close();
    },
  };
}
export type Alerting = ReturnType<typeof createAlerting>;
