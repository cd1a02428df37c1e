import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.js';

/**
 * Prometheus metrics. Counts, durations and queue depths only: no ids, names or case data, and labels
 * come from fixed vocabularies (reason, queue name, status).
 */
let processRegistry: Registry | undefined;

/** Node process metrics (memory, event loop, GC) are per process, however many apps a test builds. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createAlertMetrics(opts: { database: Database; log: Logger }) {
  const { database, log } = opts;
  const registry = new Registry();
  const registers = [registry];

  const triggered = new Counter({
    name: 'dharura_notifications_triggered_total',
    help: 'Alert notifications handed to the notifier (one per person per escalation step)',
    labelNames: ['reason'] as const,
    registers,
  });
  const delivered = new Counter({
    name: 'dharura_notifications_delivered_total',
    help: 'Alert notifications the notifier accepted',
    labelNames: ['reason'] as const,
    registers,
  });
  const failed = new Counter({
    name: 'dharura_notifications_failed_total',
    help: 'Alert notifications the notifier refused or failed (retried by the minute sweep)',
    labelNames: ['reason'] as const,
    registers,
  });
  const firstNotification = new Histogram({
    name: 'dharura_alert_first_notification_seconds',
    help: 'Time from an alert being raised to its first notification being handed to the notifier',
    labelNames: ['reason'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  });

  // Gauges read the database at scrape time; the queue tables exist once a worker has started.
  const queueLag = new Gauge({
    name: 'dharura_queue_lag_jobs',
    help: 'Queued jobs whose start time has passed but which no worker has picked up yet',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      try {
        const r = await database.query<{ name: string; n: string }>(
          `select name, count(*)::text as n from pgboss.job
            where state in ('created', 'retry') and start_after < now() group by name`,
        );
        for (const row of r.rows) this.set({ queue: row.name }, Number(row.n));
      } catch (err) {
        log.debug({ err: { message: (err as Error).message } }, 'queue lag not available');
      }
    },
  });
  const queueLagSeconds = new Gauge({
    name: 'dharura_queue_lag_seconds',
    help: 'How long the oldest due job has been waiting for a worker',
    registers,
    async collect() {
      try {
        const r = await database.query<{ s: string | null }>(
          `select extract(epoch from now() - min(start_after))::text as s from pgboss.job
            where state in ('created', 'retry') and start_after < now()`,
        );
        this.set(Number(r.rows[0]?.s ?? 0));
      } catch {
        this.set(0);
      }
    },
  });
  const openAlerts = new Gauge({
    name: 'dharura_alerts_open',
    help: 'Alerts not yet resolved, by status',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      this.reset();
      for (const s of ['triggered', 'acknowledged', 'snoozed']) this.set({ status: s }, 0);
      try {
        const r = await database.query<{ status: string; n: string }>(
          `select status, count(*)::text as n from alerts where status <> 'resolved' group by status`,
        );
        for (const row of r.rows) this.set({ status: row.status }, Number(row.n));
      } catch (err) {
        log.debug({ err: { message: (err as Error).message } }, 'open alerts not available');
      }
    },
  });
  void queueLag;
  void queueLagSeconds;
  void openAlerts;

  return {
    notification: {
      triggered: (reason: string) => triggered.inc({ reason }),
      delivered: (reason: string) => delivered.inc({ reason }),
      failed: (reason: string) => failed.inc({ reason }),
    },
    firstNotification: (reason: string, seconds: number) =>
      firstNotification.observe({ reason }, Math.max(0, seconds)),
    contentType: registry.contentType,
    /** The text exposition: this app's metrics and the process's. */
    async render(): Promise<string> {
      return Registry.merge([processMetrics(), registry]).metrics();
    },
  };
}
export type AlertMetrics = ReturnType<typeof createAlertMetrics>;
